"""The tables of tables.yaml: their ledger, the columns they group by, sum and count on, and
ledger rows that fall out of a table for want of a group."""
from __future__ import annotations

from engine.check.context import problem
from engine.check.ledger_refs import columns, where_columns
from engine.check.registry import LEDGERS, check
from engine.check.shown import allowed_text, both, dates_text
from engine.core.suggest import near
from engine.load.cells import ROW


@check(LEDGERS, "validate.unknown_ledger", "validate.unknown_column", "validate.blank_group")
def check_table_refs(ctx):
    problems = []
    for spec in ctx.rules.tables:
        doc = ctx.docs.get(spec.file)
        n = table_index(doc, spec.id)
        if n is None:
            continue

        def where(*keys):
            line, col = doc.mark(("tables", n, *keys))
            return spec.file, line, col, "tables[%d].%s" % (n, ".".join(str(k) for k in keys))
        lacking = [s.date for s in ctx.snapshots if spec.ledger not in s.ledgers]
        known = sorted({name for s in ctx.snapshots for name in s.ledgers})
        if lacking:
            problems.append(problem("validate.unknown_ledger", *where("ledger"), "error", name=spec.ledger,
                                    what=both("validate.what_table", id=spec.id), snapshots=dates_text(lacking),
                                    near=near(spec.ledger, known), allowed=allowed_text(known),
                                    _snapshots=tuple(lacking)))
        having = [s for s in ctx.snapshots if spec.ledger in s.ledgers]
        for column, keys in columns_read(spec):
            missing = [s.date for s in having if column not in columns(s.ledgers[spec.ledger])]
            if missing:
                cols = sorted({c for s in having for c in columns(s.ledgers[spec.ledger])})
                file, line, col, path = where(*keys)
                line, col = ctx.find(file, line, column, col)
                problems.append(problem("validate.unknown_column", file, line, col, path, "error",
                                        ledger=spec.ledger, name=column, snapshots=dates_text(missing),
                                        near=near(column, cols), allowed=list(cols), _snapshots=tuple(missing)))
        for snap in having:  # a row whose group is blank falls out of the table and its total
            lg = snap.ledgers[spec.ledger]
            if spec.by in lg.frame.columns and lg.frame[spec.by].isna().any():
                blank = lg.frame.loc[lg.frame[spec.by].isna()]
                problems.append(problem("validate.blank_group", lg.file, int(blank.iloc[0][ROW]),
                                        lg.column_number(spec.by), spec.by, "warning",
                                        ledger=spec.ledger, column=spec.by, count=len(blank), table=spec.id,
                                        _snapshots=(snap.date,)))
    return problems


def columns_read(spec) -> list:
    """(column, keys of where it is written) for the by: column and each column's sum, count, where."""
    wanted = [(spec.by, ("by",))]
    for k, c in enumerate(spec.columns):
        if isinstance(c.get("sum"), str):
            wanted.append((c["sum"], ("columns", k, "sum")))
        for key in ("count", "where"):
            if isinstance(c.get(key), str):
                wanted += [(name, ("columns", k, key)) for name in where_columns(c[key])]
    return wanted


def table_index(doc, table_id):
    """The place of the table in tables.yaml: tables[n]."""
    try:
        return next(n for n, t in enumerate(doc.data["tables"]) if isinstance(t, dict) and t.get("id") == table_id)
    except (AttributeError, KeyError, TypeError, StopIteration):
        return None
