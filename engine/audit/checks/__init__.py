"""The checks of `jixiao audit`, one module each, run in the order of MODULES. To add one: write its
module with @audit_check("name") (engine/audit/registry.py), add it here, and its one-line doc
(doc_name) and finding text (finding_code) to engine/text/audit.py."""

MODULES = ("table_totals", "table_rates", "statements", "parts", "multiples", "indicator_counts", "restated", "evaluated")
