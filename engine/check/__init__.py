"""`jixiao validate`: every problem of a rule set and its snapshots, at once.

    validate.py     the run: load leniently, then the registered checks scope by scope; Report
    registry.py     the checks: check(scope, *codes) registers one; checks(), codes(), run()
    checks/         the checks themselves, one small module each, in MODULES order
    context.py      what checks look at (Context) and where a token is (locate, find)
    ledger_refs.py  the ledger calls of the formulas, for the ledger checks
    conditions.py   trying a condition over the values an indicator can take
    shown.py        values and words as a problem's params show them
    paths.py        what the PATHs of the command name, and so which problems are listed
"""
