"""Step 4: evaluate every indicator for every unit of a snapshot into one decision record.

The record is the grid (grid.py): one row per indicator and unit, with everything that was decided
and why: the applicable target and where it is written, the actual value and where it came from,
whether a target was due, the pass and overshoot results, whether time is left, the rule of the
decision that fired (decide.py), the status, flags, ratio, completion and gap, the causes entries
that held, and a rule error located at its formula. Every command that shows a decision reads this
record; none decides again. The default conditions of each direction are computed once over all its
rows; only formulas written in the rules are evaluated indicator by indicator (over all units).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from engine import directions
from engine.core.model import RuleSet
from engine.core.problems import Problem
from engine.core.statuses import NEEDS_CAUSE
from engine.evaluate import actuals as act
from engine.evaluate import expressions as ex
from engine.evaluate import names as nm
from engine.evaluate import schedule
from engine.evaluate.actuals import Broken
from engine.evaluate.decide import STATUS, decide, status_of
from engine.evaluate.functions import Library
from engine.evaluate.grid import EMPTY, Grid, each_object, filled
from engine.evaluate.trace import FormulaTrace, Trace
from engine.load.snapshot import Snapshot

# the decision: which rule fired, and what it read (explain and rule tests read them; summaries do not)
DECISION_COLUMNS = ["rule", "due", "passed", "over", "over_raw", "time_left", "held", "value_file", "value_line"]
RESULT_COLUMNS = [
    "id", "unit", "target", "target_period", "final_target", "actual", "status", "flags", "ratio",
    "completion", "gap", "causes", "staff_note", "rule_notes", "likelihood", "evidence", "error",
    "actual_source", "target_source", *DECISION_COLUMNS,
]  # + schedule.COLUMNS: the expected progress between two staged targets (evaluate/schedule.py)
BUILT_IN_FLAGS = ("exceeded", "far_beyond_target", "overspend")


@dataclass
class Evaluation:
    rules: RuleSet
    snapshot: Snapshot
    results: pd.DataFrame  # the decision record: one row per indicator and unit
    traces: dict = field(default_factory=dict)  # id -> trace.Trace, with record=True


def margin_applies(ind, margin: float) -> bool:
    """settings.overshoot_margin holds back the default overshoot of an indicator measured in %."""
    return margin > 0 and ind.unit == "%" and ind.formula("overshoot") is None


def rule_error(ind, exc: Broken) -> Problem:
    """A formula that cannot work, as a Problem located at the formula's text (file:line:col); its
    path names the formula (indicators[3].causes[0].when), so validate and evaluate say the same."""
    f = exc.formula
    line, col, key = (f.line, f.col, f.key) if f is not None else (ind.line, None, "actual")
    return Problem(exc.code, ind.file, line, col, ind.path(key), dict(exc.params))


def evaluate(rules: RuleSet, snap: Snapshot, progress=None, record: bool = False) -> Evaluation:
    """progress: optional callable, called with 1 after each indicator (a progress bar's step).
    record: keep each formula's inputs and the ledger rows read (Evaluation.traces)."""
    return _Evaluation(rules, snap, progress, record).run()


class _Evaluation:
    def __init__(self, rules, snap, progress, record):
        self.rules, self.snap, self.progress = rules, snap, progress
        self.grid = Grid(rules, snap)
        self.library = Library(snap.ledgers, snap.units, self.grid.day, pd.Timestamp(rules.settings.period_start),
                               record=record)
        self.functions = self.library.functions()
        self.traces = {i.id: Trace() for i in rules.indicators} if record else None

    def run(self) -> Evaluation:
        g = self.grid
        self.actuals = act.compute(g, self.library, self.traces)
        self.broken = dict(self.actuals.broken)
        for ind_id, errors in self.rules.rule_errors.items():  # a condition that cannot work
            if ind_id in g.position:  # a rule set cut down to some indicators keeps all their errors
                self.broken.setdefault(ind_id, Broken(*errors[0]))
        rows = g.rows(self.actuals.column)
        self.passed, self.over_raw = np.zeros(g.n, bool), np.zeros(g.n, bool)
        self._defaults(rows)
        self.custom, self.held_raw = {}, {}
        for ind in self.rules.indicators:
            if ind.formulas and ind.id not in self.broken:
                try:
                    self._formulas(ind)
                except Broken as exc:
                    self.broken[ind.id] = exc
            if self.progress is not None:
                self.progress(1)
        record = schedule.add(self._record(rows), self.rules, str(self.snap.date))
        return Evaluation(self.rules, self.snap, record, self.traces or {})

    # --- the conditions -----------------------------------------------------------------------------
    def _defaults(self, rows):
        """Each direction's default pass and overshoot over all its rows at once."""
        g = self.grid
        margin = self.rules.settings.overshoot_margin
        by_margin = g.spread([margin_applies(ind, margin) for ind in self.rules.indicators], bool)
        for way in directions.registry().values():
            mask = (g.direction == way.name) & g.has_target
            if mask.any():
                sub = rows.take(mask)
                self.passed[mask] = way.passed_rows(sub)
                self.over_raw[mask] = way.over_rows(sub)
            held = mask & by_margin
            if held.any():
                self.over_raw[held] &= way.beyond_margin_rows(rows.take(held), margin)
        for ind in self.rules.indicators:
            if ind.overshoot is False:
                self.over_raw[g.rows_of(ind.id)] = False

    def _formulas(self, ind):
        """The conditions written in the rule, over the indicator's units."""
        g, at = self.grid, self.grid.rows_of(ind.id)
        k = g.position[ind.id]
        target = g.target[k]
        names = self._names(ind, at, target)
        if target is not None:
            for key, column in (("pass", self.passed), ("overshoot", self.over_raw)):
                formula = ind.formula(key)
                if formula is not None and not (key == "overshoot" and ind.overshoot is False):
                    column[at] = self._condition(ind, formula, names).to_numpy(dtype=bool)
        for f in ind.formulas:
            if f.field == "flags":
                self.custom.setdefault(ind.id, {})[f.name] = self._condition(ind, f, names).to_numpy(dtype=bool)
            elif f.field == "causes":
                self.held_raw.setdefault(ind.id, []).append(self._condition(ind, f, names).to_numpy(dtype=bool))

    def _names(self, ind, at, target) -> dict:
        read = set().union(*(nm.free_names(f.text) for f in ind.formulas if f.kind == "condition"))
        units = self.grid.units
        names = nm.condition_names(ind, self.rules.settings, self.grid.day, units, self.actuals.named(read),
                                   self.actuals.series(ind), target,
                                   pd.Series(self.grid.likelihood[at], index=units),
                                   pd.Series(self.grid.staff_note[at], index=units))
        self.library.period_start = names["period_start"]  # where= conditions see the same start
        return names

    def _condition(self, ind, formula, names) -> pd.Series:
        try:
            value = ex.evaluate(ex.parse(formula.text), formula.text, names, self.functions)
            result = nm.as_truth(value, self.grid.units)
        except ex.ExpressionError as exc:
            raise Broken(exc.code, exc.params, formula)
        if self.traces:
            self.traces[ind.id].formulas[formula.key] = FormulaTrace(formula, act.used(formula, names), result)
        return result

    # --- the decision and what follows from it ----------------------------------------------------------
    def _record(self, rows) -> pd.DataFrame:
        g = self.grid
        broken = np.zeros(g.n, bool)
        for ind_id in self.broken:
            broken[g.rows_of(ind_id)] = True
        passed = self.passed & ~broken
        over = self.over_raw & passed
        due = g.has_target.copy()
        nothing_due, late = np.zeros(g.n, bool), np.zeros(g.n, bool)
        for way in directions.registry().values():
            mask = (g.direction == way.name) & g.has_target
            if mask.any():
                sub = rows.take(mask)
                due[mask] = way.due_rows(sub, g.day, passed[mask])
                late[mask] = way.late_rows(sub)
                numbers = mask & (g.kind == "number")
                nothing_due[numbers] = way.nothing_due_rows(rows.take(numbers))
        missing = pd.isna(self.actuals.column)
        fired = decide(due, nothing_due, missing, passed, over, late, g.time_left, g.past_deadline)
        rule = np.where(broken, STATUS["error"], fired)
        status = status_of(rule)
        ratio, completion, gap = (np.full(g.n, np.nan) for _ in range(3))
        for way in directions.registry().values():
            mask = (g.direction == way.name) & (g.kind == "number") & ~np.isnan(g.tnum) & ~broken
            if mask.any():
                ratio[mask], completion[mask], gap[mask] = way.measures_rows(rows.take(mask))
        flags, notes, held = self._flags(rows, status, ratio, broken)
        errors = np.full(g.n, None, dtype=object)
        for ind_id, exc in self.broken.items():
            errors[g.rows_of(ind_id)] = rule_error(self.rules.by_id()[ind_id], exc)  # few: by_id is cached
        inds = self.rules.indicators
        return _frame({
            "id": g.spread([i.id for i in inds], object), "unit": np.tile(g.units.to_numpy(dtype=object), len(inds)),
            "target": g.spread(_objects(g.target)), "target_period": g.spread(_objects(g.period)),
            "final_target": g.spread(_objects(g.final)), "actual": self.actuals.column, "status": status,
            "flags": flags, "ratio": ratio, "completion": completion, "gap": gap, "causes": g.causes,
            "staff_note": g.staff_note, "rule_notes": notes, "likelihood": g.likelihood, "evidence": g.evidence,
            "error": errors, "actual_source": self._actual_sources(), "target_source": g.spread(_objects(
                [{"file": i.file, "line": i.way.target_line(i, p)} if p else None for i, p in zip(inds, g.period)])),
            "rule": rule, "due": due, "passed": passed, "over": over, "over_raw": self.over_raw & ~broken,
            "time_left": g.time_left, "held": held, "value_file": g.value_file, "value_line": g.value_line,
        })

    def _actual_sources(self) -> np.ndarray:
        """The source of each formula's actual (shared by its indicator's rows); None elsewhere: a value
        row's file and row are value_file and value_line (summarise/records.Sources puts them together)."""
        g = self.grid
        out = np.full(g.n, None, dtype=object)
        for ind in self.rules.indicators:
            formula = ind.formula("actual")
            if formula is not None:
                src = {"rule": f"{ind.file}:{ind.lines.get('actual', ind.line)}", "formula": formula.text}
                out[g.rows_of(ind.id)] = [src] * g.size
        return out

    def _flags(self, rows, status, ratio, broken):
        """Flags of every row, and the causes entries of the rules that held (and apply: lagging)."""
        g = self.grid
        ok = ~broken
        lagging = np.isin(status, NEEDS_CAUSE) & ok
        exceeded = (status == "exceeded") & ok
        far_dirs = [w.name for w in directions.registry().values() if w.far_beyond]
        far = exceeded & np.isin(g.direction, far_dirs) & (ratio > self.rules.settings.far_beyond_ratio)
        cost = g.spread([i.type == "cost" for i in self.rules.indicators], bool)
        spend = cost & (g.kind == "number") & ~np.isnan(g.tnum)
        overspend = spend & (rows.num > g.tnum) & ok
        notes = filled(g.n, EMPTY)
        held = filled(g.n, EMPTY)
        by_id = self.rules.by_id()
        for ind_id, raws in self.held_raw.items():
            if ind_id in self.broken:
                continue
            at = g.rows_of(ind_id)
            ind = by_id[ind_id]
            for k, row in enumerate(range(at.start, at.stop)):
                hits = [n for n, raw in enumerate(raws) if raw[k]]
                if hits:
                    held[row] = hits
                    if lagging[row]:
                        rc = ind.causes
                        notes[row] = [{"cause": rc[n].cause, "note": rc[n].note, "line": rc[n].line, "index": n}
                                      for n in hits]
        stated = each_object(g.causes, bool) | pd.notna(g.staff_note) | each_object(notes, bool)  # rows share lists
        cause_missing = lagging & ~stated
        marks = {"exceeded": exceeded, "far_beyond_target": far, "overspend": overspend}
        flagged = exceeded | far | overspend | cause_missing
        custom_rows = {}
        for ind_id, found in self.custom.items():
            if ind_id in self.broken:
                continue
            at = g.rows_of(ind_id)
            not_due = status[at] == "not_due"
            custom_rows[ind_id] = {name: raw & ~not_due for name, raw in found.items()}
            flagged[at] |= np.any(list(custom_rows[ind_id].values()), axis=0)
        flags = filled(g.n, EMPTY)
        size = g.size
        for k, (ind, names) in enumerate(zip(self.rules.indicators, self._flag_order())):
            at = slice(k * size, (k + 1) * size)
            if not flagged[at].any():
                continue
            own = custom_rows.get(ind.id, {})
            held_by = [cause_missing[at] if name == "cause_missing" else own[name] if name in own
                       else marks[name][at] for name in names]
            # each combination of flags of the indicator's rows named once, the list shared by its rows
            mask = np.zeros(size, dtype=np.int64)
            for bit, hit in enumerate(held_by):
                mask |= np.asarray(hit, dtype=np.int64) << bit
            combos, where = np.unique(mask, return_inverse=True)
            lists = np.empty(len(combos), dtype=object)
            for j, combo in enumerate(combos.tolist()):
                lists[j] = [name for bit, name in enumerate(names) if combo >> bit & 1] or EMPTY
            flags[at] = lists[where.reshape(-1)]
        return flags, notes, held

    def _flag_order(self) -> list[list[str]]:
        """Each indicator's flags in the order they are listed: the built-in ones, the rule's own,
        then cause_missing (a rule's flag named like a built-in one takes its place)."""
        out = []
        for ind in self.rules.indicators:
            builtin = ["exceeded", "far_beyond_target"] + \
                (["overspend"] if ind.type == "cost" and ind.value_kind == "number" else [])
            out.append(list(dict.fromkeys(builtin + [f.name for f in ind.formulas if f.field == "flags"]
                                          + ["cause_missing"])))
        return out


def _frame(columns: dict) -> pd.DataFrame:
    """The record as a frame; object columns stay objects (pandas would make text of a column of
    text and None, and NaN of the None)."""
    return pd.DataFrame({name: pd.Series(v, dtype=object) if v.dtype == object else v
                         for name, v in columns.items()})[RESULT_COLUMNS]


def _objects(values) -> np.ndarray:
    """A list of Python values as an object array, one element each (dicts and Timestamps too)."""
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out
