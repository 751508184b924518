"""`jixiao validate`: every problem of a rule set and of its snapshots, at once, each with
file:line:column, a level, a code, a message and the fix.

Loading already refuses what cannot be evaluated (YAML, schema, duplicate ids, target kinds,
unknown causes; a snapshot's unreadable cells). Validate reports those, then goes on where the
next step still can (with what could be read of a broken rule set, and with the ledgers of a
snapshot whose value table has problems), and runs the registered checks (engine/check/checks/):
those of the rule set, those of each snapshot as it is loaded, then those of the ledgers across
every snapshot."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from engine.check import registry
from engine.check.context import load_context, problem
from engine.core.dates import iso_date
from engine.core.paths import display
from engine.core.problems import Problem
from engine.load.snapshot import load_snapshot

CODES = ("validate.not_a_snapshot",)  # reported here, beside the checks' own


@dataclass
class Report:
    problems: list                  # every problem found, sorted
    rules_dir: Path
    indicators: int
    snapshots: list                 # dates checked
    complete: bool


def validate(rules_dir: Path, datasets_dir: Path | None, dates: list[str] | None = None) -> Report:
    """Every problem of the rule set and of the snapshots (all of datasets_dir when dates is None)."""
    ctx, problems = load_context(rules_dir)
    if ctx.rules is None:
        return Report(sorted(problems, key=Problem.sort_key), Path(rules_dir), 0, [], False)
    problems += registry.run(registry.RULES, ctx)
    if datasets_dir is not None and Path(datasets_dir).is_dir():
        if dates is None:
            dates, found = snapshot_dates(Path(datasets_dir))
            problems += found
        for date in dates:
            snap, found = load_snapshot(Path(datasets_dir), date, ctx.rules, lenient=True)
            problems += [dataclasses.replace(p, params={**p.params, "_snapshots": (date,)}) for p in found]
            if snap is not None:
                ctx.snapshots.append(snap)
                problems += registry.run(registry.SNAPSHOT, ctx, snap)
        if ctx.snapshots:
            problems += registry.run(registry.LEDGERS, ctx)
    # the same problem found twice (a ledger read by two calls of one formula) is said once
    unique = {(p.file, p.line, p.col, p.code, p.path, p.level, p.message("zh")): p for p in problems}
    return Report(sorted(unique.values(), key=Problem.sort_key), Path(rules_dir), len(ctx.rules.indicators),
                  [s.date for s in ctx.snapshots], ctx.complete)


def snapshot_dates(datasets_dir: Path) -> tuple[list[str], list[Problem]]:
    """The snapshot folders of a datasets folder, and its other folders (not hidden ones, nor _x)."""
    dates, problems = [], []
    for p in sorted(Path(datasets_dir).iterdir()):
        if not p.is_dir() or p.name.startswith((".", "_")):
            continue
        if iso_date(p.name):
            dates.append(p.name)
        else:
            problems.append(problem("validate.not_a_snapshot", display(p), None, None, "", folder=display(p)))
    return dates, problems
