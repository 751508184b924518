"""Step 4: evaluate every indicator for every unit of a snapshot.

Each indicator is evaluated over all units at once: its actual values, targets, pass and
overshoot conditions are pandas Series indexed by unit, and the status is chosen with one
vectorised select. A broken formula gives that indicator the status `error`; the others go on.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from engine.evaluate import names as cond
from engine.evaluate import expressions as ex
from engine.evaluate.functions import Library
from engine.core.model import Indicator, RuleSet
from engine.load.rules_check import dependencies
from engine.load.snapshot import NOT_DONE, Snapshot
from engine.load.tables import FILE, ROW

RESULT_COLUMNS = [
    "id", "unit", "target", "target_period", "final_target", "actual", "status", "flags", "ratio",
    "completion", "gap", "causes", "staff_note", "rule_notes", "likelihood", "evidence", "error",
    "actual_source", "target_source",
]


@dataclass
class Evaluation:
    rules: RuleSet
    snapshot: Snapshot
    results: pd.DataFrame  # one row per indicator and unit, in rule order then unit order


class _Broken(Exception):
    def __init__(self, code, params, field_="actual"):
        super().__init__(code)
        self.code, self.params, self.field = code, params, field_


def evaluate(rules: RuleSet, snap: Snapshot, progress=None) -> Evaluation:
    """progress: optional callable, called with 1 after each indicator (a progress bar's step)."""
    ev = _Evaluator(rules, snap)
    frames = []
    for ind in rules.indicators:
        frames.append(ev.indicator(ind))
        if progress is not None:
            progress(1)
    results = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=RESULT_COLUMNS)
    return Evaluation(rules, snap, results)


class _Evaluator:
    def __init__(self, rules: RuleSet, snap: Snapshot):
        self.rules, self.snap = rules, snap
        self.units = pd.Index(snap.units, name="unit")
        self.day = pd.Timestamp(snap.date)
        self.period_start = pd.Timestamp(rules.settings.period_start)
        self.library = Library(snap.ledgers, snap.units, self.day, self.period_start)
        self.functions = self.library.functions()
        self.rows = {key: grp.set_index("unit").reindex(self.units)
                     for key, grp in snap.values.groupby("indicator", sort=False)}
        self.actuals: dict[str, pd.Series] = {}
        self.broken: dict[str, _Broken] = {}
        self._actuals_in_order()

    # --- actual values ---------------------------------------------------------------
    def _actuals_in_order(self):
        by_id = self.rules.by_id()
        ids = set(by_id)
        pending = {i.id: dependencies(i, ids, only_actual=True) for i in self.rules.indicators}
        done: set[str] = set()
        while pending:
            ready = [i for i, deps in pending.items() if all(d in done for d in deps)]
            if not ready:  # a cycle: formula_errors already names it
                for i in pending:
                    self.broken[i] = _Broken("expr.cycle", {"detail": " → ".join(sorted(pending))})
                break
            for i in ready:
                self._actual(by_id[i])
                done.add(i)
                del pending[i]

    def _actual(self, ind: Indicator):
        static = [e for e in self.rules.rule_errors.get(ind.id, []) if e[2] == "actual"]
        try:
            if static:
                code, params, field_ = static[0]
                raise _Broken(code, params, field_)
            if not ind.actual:
                rows = self.rows.get(ind.id)
                values = rows["actual"] if rows is not None else pd.Series(np.nan, index=self.units, dtype=object)
                self.actuals[ind.id] = _as_kind(values, ind)
                return
            for dep in dependencies(ind, set(self.rules.by_id()), only_actual=True):
                if dep in self.broken:
                    raise _Broken("eval.dependency", {"name": dep})
            names = self._base_names(ind)
            value = ex.evaluate(ex.parse(ind.actual), ind.actual, names, self.functions)
            self.actuals[ind.id] = _as_kind(self._broadcast(value), ind)
        except _Broken as exc:
            self.broken[ind.id] = exc
        except ex.ExpressionError as exc:
            self.broken[ind.id] = _Broken(exc.code, exc.params)

    def _broadcast(self, value) -> pd.Series:
        if isinstance(value, pd.Series):
            return value.reindex(self.units)
        if isinstance(value, np.ndarray):
            return pd.Series(value, index=self.units)
        return pd.Series([value] * len(self.units), index=self.units, dtype=object)

    def _base_names(self, ind: Indicator) -> dict:
        names = cond.base_names(ind, self.rules.settings, self.day, self.units, self.actuals)
        self.library.period_start = names["period_start"]  # where= conditions see the same start
        return names

    # --- one indicator ---------------------------------------------------------------
    def indicator(self, ind: Indicator) -> pd.DataFrame:
        out = _Columns(self.units)
        out["id"] = ind.id
        out["unit"] = self.units
        rows = self.rows.get(ind.id)
        for column in ("staff_note", "likelihood", "evidence"):
            source = {"staff_note": "note"}.get(column, column)
            out[column] = rows[source] if rows is not None else None
        out["causes"] = rows["causes"].map(lambda c: c if isinstance(c, list) else []) if rows is not None \
            else [[] for _ in self.units]
        period, target = self._applicable(ind)
        final_period, final = cond.final(ind)
        out["target"] = [target] * len(self.units)
        out["target_period"] = period
        out["final_target"] = [final] * len(self.units)
        out["target_source"] = [{"file": ind.file, "line": ind.lines.get(f"targets.{period}",
                                 ind.lines.get("deadline", ind.line))} if period else None] * len(self.units)
        out["actual_source"] = self._sources(ind, rows)
        out["rule_notes"] = [[] for _ in self.units]
        out["error"] = None
        if ind.id in self.broken:
            return self._broken(out, ind, self.broken[ind.id])
        static = self.rules.rule_errors.get(ind.id)
        if static:  # a formula of a condition cannot work: the actual value is still shown
            code, params, field_ = static[0]
            return self._broken(out, ind, _Broken(code, params, field_))
        actual = self.actuals[ind.id]
        out["actual"] = actual
        try:
            self._judge(out, ind, actual, target, period, final_period)
        except (ex.ExpressionError, _Broken) as exc:
            field_ = getattr(exc, "field", "condition")
            return self._broken(out, ind, _Broken(exc.code, exc.params, field_))
        return out.frame()

    def _broken(self, out, ind, exc: _Broken) -> pd.DataFrame:
        out["actual"] = self.actuals.get(ind.id, pd.Series(np.nan, index=self.units))
        out["status"] = "error"
        out["flags"] = [[] for _ in self.units]
        for column in ("ratio", "completion", "gap"):
            out[column] = np.nan
        line = ind.lines.get(exc.field, ind.line)
        out["error"] = [{"code": exc.code, "params": exc.params, "file": ind.file, "line": line,
                         "field": exc.field}] * len(self.units)
        return out.frame()

    def _sources(self, ind: Indicator, rows) -> list:
        if ind.actual:
            src = {"rule": ind.where("actual"), "formula": ind.actual}
            return [src] * len(self.units)
        if rows is None:
            return [None] * len(self.units)
        files = rows[FILE] if FILE in rows else pd.Series(self.snap.values_file, index=rows.index)
        return [{"file": f if isinstance(f, str) else self.snap.values_file, "row": int(r)} if pd.notna(r) else None
                for f, r in zip(files, rows[ROW])]

    def _applicable(self, ind: Indicator):
        if ind.direction == "deadline":
            return ind.deadline, pd.Timestamp(ind.deadline)
        dated = [(d, v) for d, v in ind.targets if d <= self.snap.date]
        return dated[-1] if dated else (None, None)

    def _judge(self, out, ind, actual, target, period, final_period):
        units = self.units
        has_target = pd.Series(target is not None, index=units)
        missing = actual.isna()
        numeric = ind.value_kind == "number"
        if target is None:
            passed = over = pd.Series(False, index=units)
        else:
            names = self._condition_names(ind, out, actual, target, final_period)
            passed = self._condition(ind.pass_, names, "pass") if ind.pass_ else cond.default_pass(ind, actual, target)
            if ind.overshoot is False:
                over = pd.Series(False, index=units)
            elif isinstance(ind.overshoot, str):
                over = self._condition(ind.overshoot, names, "overshoot") & passed
            else:
                over = cond.default_over(ind, actual, target) & passed
        if ind.direction == "deadline":  # before its date a deadline is due only once met
            done = actual.notna() & (actual != NOT_DONE)
            has_target = pd.Series(self.day >= target, index=units) | (done & passed)
        # a staged target of 0 means nothing is due yet; anything done is beyond target
        if ind.direction == "higher" and numeric and target == 0:
            nothing_due = ~(actual > 0)
        else:
            nothing_due = pd.Series(False, index=units)
        time_left = self.day < pd.Timestamp(final_period) and (not ind.deadline or self.day < pd.Timestamp(ind.deadline))
        status = np.select(
            [~has_target, nothing_due, missing, passed & over, passed, pd.Series(time_left, index=units)],
            ["not_due", "not_due", "missing", "exceeded", "achieved", "in_progress"], "not_achieved")
        out["status"] = status
        self._measures(out, ind, actual, target)
        self._flags(out, ind, actual, target, final_period)

    def _condition_names(self, ind, out, actual, target, final_period) -> dict:
        self._base_names(ind)
        return cond.condition_names(ind, self.rules.settings, self.day, self.units, self.actuals, actual, target,
                                    out["likelihood"], out["staff_note"])

    def _condition(self, text, names, field_) -> pd.Series:
        try:
            return cond.as_truth(ex.evaluate(ex.parse(text), text, names, self.functions), self.units)
        except ex.ExpressionError as exc:
            raise _Broken(exc.code, exc.params, field_)

    def _measures(self, out, ind, actual, target):
        if ind.value_kind != "number" or not isinstance(target, (int, float)):
            out["ratio"] = out["completion"] = out["gap"] = np.nan
            return
        a = actual.astype(float)
        out["ratio"] = ex._div(a, target) if target != 0 else np.nan
        if ind.direction == "lower":
            out["completion"] = ex._div(pd.Series(target, index=a.index, dtype=float), a) * 100
            out["gap"] = a - target
        else:
            out["completion"] = ex._div(a, target) * 100 if target != 0 else np.nan
            out["gap"] = (target - a) if ind.direction == "higher" else (a - target).abs()

    def _flags(self, out, ind, actual, target, final_period):
        status = out["status"]
        lagging = status.isin(["in_progress", "not_achieved", "missing"])
        marks: dict[str, pd.Series] = {"exceeded": status == "exceeded"}
        far = self.rules.settings.far_beyond_ratio
        marks["far_beyond_target"] = (status == "exceeded") & (out["ratio"].astype(float) > far) \
            if ind.direction == "higher" else pd.Series(False, index=self.units)
        if ind.type == "cost" and ind.value_kind == "number" and isinstance(target, (int, float)):
            marks["overspend"] = actual.astype(float) > target
        if ind.flags or ind.causes:
            names = self._condition_names(ind, out, actual, target, final_period)
            for name, text in ind.flags.items():
                marks[name] = self._condition(text, names, "flags") & status.ne("not_due")
            notes = [[] for _ in self.units]
            for n, rc in enumerate(ind.causes):
                hit = self._condition(rc.when, names, "causes") & lagging
                for k, flag in enumerate(hit):
                    if flag:
                        notes[k].append({"cause": rc.cause, "note": rc.note, "line": rc.line, "index": n})
            out["rule_notes"] = notes
        stated = out["causes"].map(bool) | out["staff_note"].notna() | out["rule_notes"].map(bool)
        marks["cause_missing"] = lagging & ~stated
        flags = [[] for _ in self.units]
        for name, mask in marks.items():
            for k, flag in enumerate(mask.fillna(False).astype(bool)):
                if flag:
                    flags[k].append(name)
        out["flags"] = flags


class _Columns(dict):
    """The result columns of one indicator, each a Series over the units; one frame at the end
    (assigning column by column to a DataFrame costs more than the evaluation itself)."""

    def __init__(self, units):
        super().__init__()
        self.units = units

    def __setitem__(self, key, value):
        if not isinstance(value, pd.Series):
            if isinstance(value, (list, np.ndarray, pd.Index)):
                value = pd.Series(list(value) if isinstance(value, list) else np.asarray(value), index=self.units,
                                  dtype=object if isinstance(value, list) else None)
            else:
                value = pd.Series([value] * len(self.units), index=self.units, dtype=object)
        super().__setitem__(key, value)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame({c: self[c] for c in RESULT_COLUMNS}).reset_index(drop=True)


def _as_kind(values: pd.Series, ind: Indicator) -> pd.Series:
    kind = ind.value_kind
    if kind == "number":
        dates = values.map(lambda v: isinstance(v, (pd.Timestamp, np.datetime64))) if values.dtype == object \
            else pd.Series(pd.api.types.is_datetime64_any_dtype(values), index=values.index)
        if dates.any():  # to_numeric would silently turn a date into nanoseconds
            raise _Broken("eval.not_number", {"detail": f"{values[dates].iloc[0]} 是日期（该指标的单位不是日期）"})
        if values.dtype == bool:
            return values.astype(float)
        out = pd.to_numeric(values, errors="coerce")
        bad = values.notna() & out.isna()
        if bad.any():
            raise _Broken("eval.not_number", {"detail": repr(values[bad].iloc[0])})
        return out.astype(float).where(np.isfinite(out.astype(float)))
    if kind == "date":
        return values.map(lambda v: v if isinstance(v, pd.Timestamp) or pd.isna(v) else pd.Timestamp(v))
    return values.astype(object)

