"""Each snapshot's value table against the rules: indicators without a row, and values that a
formula overrides."""
from __future__ import annotations

from engine.check.context import problem
from engine.check.registry import SNAPSHOT, check
from engine.check.shown import both, value_text
from engine.load.cells import ROW
from engine.load.values import FILE


@check(SNAPSHOT, "validate.no_value_row")
def check_missing_rows(ctx, snap):
    """An indicator with no `actual:` formula and no row in the snapshot's value table (one
    warning per indicator and snapshot, at the rule)."""
    problems = []
    have = snap.values.groupby("indicator")["unit"].agg(set).to_dict() if len(snap.values) else {}
    for ind in ctx.rules.indicators:
        if ind.formula("actual") is not None:
            continue
        lacking = [u for u in snap.units if u not in have.get(ind.id, set())]
        if not lacking:
            continue
        consequence = both("validate.missing_when_due") if ind.way.applies_by(ind, snap.date) else \
            both("validate.missing_once_due")
        units = "" if len(snap.units) == 1 else both("validate.units_lacking", units=list(lacking))
        problems.append(problem("validate.no_value_row", ind.file, ind.line, ind.cols.get("id"), ind.path(),
                                id=ind.id, snapshot=snap.date, file=snap.values_file, units=units,
                                consequence=consequence, _snapshots=(snap.date,)))
    return problems


@check(SNAPSHOT, "validate.value_ignored")
def check_ignored_values(ctx, snap):
    """A value-table row that fills in the actual value of an indicator computed by a formula:
    the formula wins and the value is ignored."""
    by_id = ctx.rules.by_id()
    rows = snap.values.loc[snap.values["actual"].notna()] if len(snap.values) else snap.values
    problems = []
    for _, row in rows.iterrows():
        ind = by_id.get(row["indicator"])
        if ind is None or ind.formula("actual") is None:
            continue
        file = row[FILE] if isinstance(row.get(FILE), str) else snap.values_file
        problems.append(problem("validate.value_ignored", file, int(row[ROW]),
                                snap.value_columns.get(file, {}).get("actual"), "actual", id=ind.id,
                                value=value_text(row["actual"]), rule=ind.where("actual"), _snapshots=(snap.date,)))
    return problems
