"""Step 4: evaluate every indicator for every unit of a snapshot into one decision record.

The record is one row per indicator and unit (rule order, then unit order) with everything that
was decided and why: the applicable target and where it is written, the actual value and where it
came from, whether a target was due, the pass and overshoot results, whether time is left, the rule
of the decision that fired (decide.py), the status, flags, ratio, completion and gap, the causes
entries that held, and a rule error located at its formula. Every command that shows a decision
reads this record; none decides again. Each indicator's conditions are computed over all units at
once; the decision is made once over the whole grid.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from engine.core.model import RuleSet
from engine.core.problems import Problem
from engine.evaluate import actuals as act
from engine.evaluate import expressions as ex
from engine.evaluate import names as nm
from engine.evaluate.actuals import Broken
from engine.evaluate.decide import decide, status_of
from engine.evaluate.functions import Library
from engine.evaluate.trace import FormulaTrace, Trace
from engine.load.snapshot import Snapshot
from engine.load.cells import ROW
from engine.load.values import FILE

RESULT_COLUMNS = [
    "id", "unit", "target", "target_period", "final_target", "actual", "status", "flags", "ratio",
    "completion", "gap", "causes", "staff_note", "rule_notes", "likelihood", "evidence", "error",
    "actual_source", "target_source",
    # the decision: which rule fired, and what it read
    "rule", "due", "passed", "over", "over_raw", "time_left", "held", "value_row",
]
LAGGING = ("in_progress", "not_achieved", "missing")


@dataclass
class Evaluation:
    rules: RuleSet
    snapshot: Snapshot
    results: pd.DataFrame  # the decision record: one row per indicator and unit
    traces: dict = field(default_factory=dict)  # id -> trace.Trace, with record=True


def evaluate(rules: RuleSet, snap: Snapshot, progress=None, record: bool = False) -> Evaluation:
    """progress: optional callable, called with 1 after each indicator (a progress bar's step).
    record: keep each formula's inputs and the ledger rows read (Evaluation.traces)."""
    ev = _Evaluator(rules, snap, record)
    parts = []
    for ind in rules.indicators:
        parts.append(ev.judge(ind))
        if progress is not None:
            progress(1)
    if not parts:
        return Evaluation(rules, snap, pd.DataFrame(columns=RESULT_COLUMNS), ev.traces)
    grid = pd.concat([p.frame() for p in parts], ignore_index=True)
    broken = grid["error"].notna().to_numpy()
    rules_fired = decide(grid["due"], grid["nothing_due"], grid["missing"], grid["passed"], grid["over"],
                         grid["time_left"], grid["past_deadline"])
    grid["rule"] = np.where(broken, "error", rules_fired)
    grid["status"] = status_of(grid["rule"].to_numpy())
    lists = {c: grid[c].to_numpy(dtype=object).copy() for c in ("flags", "rule_notes", "held")}
    start = 0
    for ind, part in zip(rules.indicators, parts):
        end = start + len(ev.units)
        if not part.broken:
            ev.flags(grid, slice(start, end), ind, part, lists)
        start = end
    for column, values in lists.items():
        grid[column] = pd.Series(values, index=grid.index, dtype=object)
    return Evaluation(rules, snap, grid[RESULT_COLUMNS].copy(), ev.traces)


def rule_error(ind, exc: Broken) -> Problem:
    """A formula that cannot work, as a Problem located at the formula's text (file:line:col); its
    path names the formula (indicators[3].causes[0].when), so validate and evaluate say the same."""
    f = exc.formula
    line, col, key = (f.line, f.col, f.key) if f is not None else (ind.line, None, "actual")
    return Problem(exc.code, ind.file, line, col, ind.path(key), dict(exc.params))


class _Part:
    """The columns of one indicator, each over the units; one frame at the end (assigning column
    by column to a DataFrame costs more than the evaluation itself)."""

    def __init__(self, units):
        self.units, self.columns, self.broken = units, {}, False
        self.custom, self.causes_held = {}, []  # raw condition results, read once the status is known

    def __setitem__(self, key, value):
        if not isinstance(value, pd.Series):
            if isinstance(value, (list, np.ndarray, pd.Index)):
                value = pd.Series(list(value) if isinstance(value, list) else np.asarray(value), index=self.units,
                                  dtype=object if isinstance(value, list) else None)
            else:
                value = pd.Series([value] * len(self.units), index=self.units, dtype=object)
        self.columns[key] = value

    def __getitem__(self, key):
        return self.columns[key]

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.columns).reset_index(drop=True)


class _Evaluator:
    def __init__(self, rules: RuleSet, snap: Snapshot, record: bool):
        self.rules, self.snap = rules, snap
        self.units = pd.Index(snap.units, name="unit")
        self.day = pd.Timestamp(snap.date)
        self.library = Library(snap.ledgers, snap.units, self.day, pd.Timestamp(rules.settings.period_start),
                               record=record)
        self.functions = self.library.functions()
        self.rows = {key: grp.set_index("unit").reindex(self.units)
                     for key, grp in snap.values.groupby("indicator", sort=False)}
        self.traces = {i.id: Trace() for i in rules.indicators} if record else None
        found = act.compute(rules, snap, self.rows, self.units, self.day, self.library, self.traces)
        self.actuals, self.broken = found.values, found.broken
        self.traces = self.traces or {}

    # --- one indicator, up to the decision --------------------------------------------------------
    def judge(self, ind) -> _Part:
        out = _Part(self.units)
        out["id"] = ind.id
        out["unit"] = self.units
        rows = self.rows.get(ind.id)
        for column in ("staff_note", "likelihood", "evidence"):
            source = {"staff_note": "note"}.get(column, column)
            out[column] = rows[source] if rows is not None else None
        out["causes"] = rows["causes"].map(lambda c: c if isinstance(c, list) else []) if rows is not None \
            else [[] for _ in self.units]
        way = ind.way
        period, target = way.applicable(ind, self.snap.date)
        final_period, final = way.final(ind)
        out["target"] = [target] * len(self.units)
        out["target_period"] = period
        out["final_target"] = [final] * len(self.units)
        out["target_source"] = [{"file": ind.file, "line": way.target_line(ind, period)} if period else None] \
            * len(self.units)
        out["value_row"] = self._value_rows(rows)
        formula = ind.formula("actual")
        out["actual_source"] = [{"rule": f"{ind.file}:{ind.lines.get('actual', ind.line)}", "formula": formula.text}] \
            * len(self.units) if formula is not None else out["value_row"]
        out["rule_notes"] = [[] for _ in self.units]
        out["held"] = [[] for _ in self.units]
        out["flags"] = [[] for _ in self.units]
        out["error"] = None
        for column in ("due", "nothing_due", "missing", "passed", "over", "over_raw", "time_left", "past_deadline"):
            out[column] = pd.Series(False, index=self.units)
        for column in ("ratio", "completion", "gap"):
            out[column] = pd.Series(np.nan, index=self.units)
        out["actual"] = self.actuals.get(ind.id, pd.Series(np.nan, index=self.units))
        problem = self.broken.get(ind.id)
        static = self.rules.rule_errors.get(ind.id)
        if problem is None and static:  # a formula of a condition cannot work: the actual value is still shown
            problem = Broken(*static[0])
        if problem is None:
            try:
                self._conditions(out, ind, out["actual"], target, final_period)
            except (ex.ExpressionError, Broken) as exc:
                problem = exc if isinstance(exc, Broken) else Broken(exc.code, exc.params, None)
        if problem is not None:
            self._broken(out, ind, problem)
        return out

    def _broken(self, out: _Part, ind, exc: Broken):
        out.broken = True
        for column in ("ratio", "completion", "gap"):
            out[column] = pd.Series(np.nan, index=self.units)
        out["error"] = [rule_error(ind, exc)] * len(self.units)

    def _value_rows(self, rows) -> list:
        """Where each unit's row of the value table is: {file, row}, or None."""
        if rows is None:
            return [None] * len(self.units)
        files = rows[FILE] if FILE in rows else pd.Series(self.snap.values_file, index=rows.index)
        return [{"file": f if isinstance(f, str) else self.snap.values_file, "row": int(r)} if pd.notna(r) else None
                for f, r in zip(files, rows[ROW])]

    def _conditions(self, out: _Part, ind, actual, target, final_period):
        """Everything the decision reads, as columns over the units."""
        units, way = self.units, ind.way
        names = self._names(ind, out, actual, target) if (ind.formulas or target is not None) else None
        if target is None:
            passed = over_raw = pd.Series(False, index=units)
        else:
            pass_formula = ind.formula("pass")
            passed = self._condition(ind, pass_formula, names) if pass_formula else \
                way.passed(ind, actual, target).fillna(False).astype(bool)
            over_formula = ind.formula("overshoot")
            if ind.overshoot is False:
                over_raw = pd.Series(False, index=units)
            elif over_formula is not None:
                over_raw = self._condition(ind, over_formula, names)
            else:
                over_raw = way.over(ind, actual, target).fillna(False).astype(bool)
        out["passed"], out["over_raw"], out["over"] = passed, over_raw, over_raw & passed
        out["due"] = way.due(self.day, actual, target, passed)
        out["nothing_due"] = way.nothing_due(actual, target) if ind.value_kind == "number" \
            else pd.Series(False, index=units)
        out["missing"] = actual.isna()
        past_deadline = bool(ind.deadline) and self.day >= pd.Timestamp(ind.deadline)
        out["past_deadline"] = pd.Series(past_deadline, index=units)
        out["time_left"] = pd.Series(self.day < pd.Timestamp(final_period) and not past_deadline, index=units)
        if ind.value_kind == "number" and isinstance(target, (int, float)):
            out["ratio"], out["completion"], out["gap"] = way.measures(actual, target)
        for f in ind.formulas:
            if f.field == "flags":
                out.custom[f.name] = self._condition(ind, f, names)
            elif f.field == "causes":
                out.causes_held.append(self._condition(ind, f, names))

    def _names(self, ind, out, actual, target) -> dict:
        names = nm.condition_names(ind, self.rules.settings, self.day, self.units, self.actuals, actual, target,
                                   out["likelihood"], out["staff_note"])
        self.library.period_start = names["period_start"]  # where= conditions see the same start
        return names

    def _condition(self, ind, formula, names) -> pd.Series:
        try:
            result = nm.as_truth(ex.evaluate(ex.parse(formula.text), formula.text, names, self.functions), self.units)
        except ex.ExpressionError as exc:
            raise Broken(exc.code, exc.params, formula)
        if self.traces:
            self.traces[ind.id].formulas[formula.key] = FormulaTrace(formula, act._used(formula, names), result)
        return result

    # --- flags and rule causes, once the status is known ---------------------------------------------
    def flags(self, grid: pd.DataFrame, rows: slice, ind, part: _Part, lists: dict):
        status = pd.Series(grid["status"].to_numpy()[rows], index=self.units)
        ratio = pd.Series(grid["ratio"].to_numpy()[rows], index=self.units)
        actual, target = part["actual"], part["target"].iloc[0]
        lagging = status.isin(LAGGING)
        marks: dict[str, pd.Series] = {"exceeded": status == "exceeded"}
        far = self.rules.settings.far_beyond_ratio
        marks["far_beyond_target"] = (status == "exceeded") & (ratio.astype(float) > far) \
            if ind.way.far_beyond else pd.Series(False, index=self.units)
        if ind.type == "cost" and ind.value_kind == "number" and isinstance(target, (int, float)):
            marks["overspend"] = actual.astype(float) > target
        for name, raw in part.custom.items():
            marks[name] = raw & status.ne("not_due")
        notes = [[] for _ in self.units]
        held = [[] for _ in self.units]
        for n, (rc, raw) in enumerate(zip(ind.causes, part.causes_held)):
            for k, (holds, lag) in enumerate(zip(raw, lagging)):
                if holds:
                    held[k].append(n)
                    if lag:
                        notes[k].append({"cause": rc.cause, "note": rc.note, "line": rc.line, "index": n})
        staff = pd.Series(grid["staff_note"].to_numpy()[rows], index=self.units)
        codes = pd.Series(grid["causes"].to_numpy()[rows], index=self.units)
        stated = codes.map(bool) | staff.notna() | pd.Series([bool(x) for x in notes], index=self.units)
        marks["cause_missing"] = lagging & ~stated
        flags = [[] for _ in self.units]
        for name, mask in marks.items():
            for k, flag in enumerate(mask.fillna(False).astype(bool)):
                if flag:
                    flags[k].append(name)
        for column, values in (("flags", flags), ("rule_notes", notes), ("held", held)):
            target_array = lists[column]
            for k, v in zip(range(rows.start, rows.stop), values):
                target_array[k] = v
