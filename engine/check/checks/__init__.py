"""The checks of `jixiao validate`, one small module each (or a few close ones per module).

Each module registers its checks with engine.check.registry.check; MODULES is the order they run
in, within each scope. To add a check: write its module here, add its name to MODULES, and add its
one-line doc to engine/text/checks.py and the texts of any new problem code to
engine/text/messages.py PROBLEMS (tests/test_check_registry.py holds every part to this)."""

MODULES = (
    # the rule set
    "formula_names", "formula_cycles", "where_conditions", "note_placeholders", "targets", "progress_key",
    "direction_type", "rate_targets", "constant_conditions", "todo_comments", "order_names",
    # each snapshot
    "value_rows",
    # ledgers, across the snapshots
    "ledger_names", "ledger_columns", "ledger_cells", "filter_values", "tables",
)
