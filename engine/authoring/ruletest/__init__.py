"""`jixiao test`: rule tests, in the spirit of `promtool test rules` and `opa test`.

A test file (YAML, schemas/ruletest.schema.json) gives, per case, a snapshot date, the input
values (and ledger rows) and the status, flags and note fragments each named indicator must
get. Every case is built as an in-memory snapshot (nothing is written anywhere), evaluated
with the same evaluate + summarise steps as `jixiao evaluate`, and compared.

    suite.py   find and read the test files into cases (all checked before any case runs)
    cells.py   a case's values and ledger rows as table cells, read like a snapshot's
    run.py     run a case and compare what it got with what it expects
    report.py  the words of the results: one line per case, failures, traces
"""
