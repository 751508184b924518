"""`jixiao validate`: every problem of a rule set and of its snapshots, at once, each with
file:line:column, a level, a code, a Chinese message and the fix.

Loading already refuses what cannot be evaluated (YAML, schema, duplicate ids, target kinds,
unknown causes; a snapshot's unreadable cells). Validate reports those, then goes on where the
next step still can (with what could be read of a broken rule set, and with the ledgers of a
snapshot whose value table has problems), and adds the checks below, one small function each,
in the manner of yamllint: formulas (syntax, unknown names, unknown indicators, cycles),
ledger names and columns and filter values against every snapshot, the tables of tables.yaml,
targets (decreasing cumulative targets, a missing final target, dates outside the period, rates
outside 0–100), a direction that contradicts the type, pass / overshoot conditions that are
constant over the indicator's possible values, note placeholders, and, per snapshot,
indicators without a row and table values that a formula overrides.
"""
from __future__ import annotations

import ast
import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

import click
import numpy as np
import pandas as pd

from engine.evaluate import names as cond
from engine.evaluate import expressions as ex
from engine.load import rules_check
from engine.load.snapshot import load_snapshot
from engine.load.values import FILE
from engine.evaluate.functions import FUNCTION_NAMES, NOT_DONE, Library
from engine.text import t
from engine.text.labels import TYPES
from engine.core.model import RuleSet
from engine.cli.options import datasets_option, lang_option, rules_option
from engine.core.paths import display
from engine.render.problems import FORMATS
from engine.core.problems import Problem
from engine.load.rules import load_rules
from engine.load.rules_check import ACTUAL_NAMES, CONDITION_NAMES, valid_date
from engine.load.cells import ROW, parse_numbers
from engine.core.suggest import near

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PERCENT = ("%", "％")
DATE_UNITS = ("日期", "date")
WHERE_NAMES = ("snapshot", "period_start", "period_end")
WHERE_FUNCTIONS = ("date", "year", "isblank", "abs")
NOTE_FIELDS = ("actual", "target", "gap", "unit", "name", "id", "final_target", "completion", "unit_id")
LIKELIHOODS = (None, "确定能", "有可能", "完全不可能")


# --- what the checks look at ------------------------------------------------------------------

@dataclass
class Formula:
    """One formula of an indicator, where it is written."""
    ind: object
    field: str            # actual | pass | overshoot | flags | causes
    text: str
    kind: str             # actual | condition
    path: str             # indicators[3].flags.overspend
    line: int | None
    col: int | None


@dataclass
class LedgerRef:
    """count/sum/mean/min/max("ledger", …) in a formula, with the columns it reads."""
    formula: Formula
    function: str
    ledger: str
    column: str | None = None
    where: str | None = None
    filters: dict = field(default_factory=dict)  # column -> constant value(s), or None when not constant


@dataclass
class Context:
    rules_dir: Path
    rules: RuleSet | None
    complete: bool                                   # the rule set loaded without errors
    period: tuple | None                             # (start, end) when settings are usable
    docs: dict = field(default_factory=dict)         # shown file -> YamlDoc
    sources: dict = field(default_factory=dict)      # shown file -> its lines
    snapshots: list = field(default_factory=list)    # Snapshot, loaded or read leniently

    def raw(self, ind) -> dict:
        doc = self.docs.get(ind.file)
        try:
            item = doc.data["indicators"][ind.index]
        except (AttributeError, KeyError, IndexError, TypeError):
            return {}
        return item if isinstance(item, dict) else {}

    def value_mark(self, ind, *keys):
        doc = self.docs.get(ind.file)
        return doc.mark(("indicators", ind.index, *keys)) if doc else (ind.line, None)

    def find(self, file, line, token, col=None, span=1):
        """(line, column) of token at or after (line, col) within span lines; else (line, col)."""
        lines = self.sources.get(file)
        if not lines or not line or not token:
            return line, col
        pattern = re.compile(rf"(?<!\w){re.escape(str(token))}(?!\w)")
        for n in range(line, min(line + span, len(lines) + 1)):
            start = (col or 1) - 1 if n == line else 0
            found = pattern.search(lines[n - 1], start)
            if found:
                return n, found.start() + 1
        return line, col

    def formulas(self):
        for ind in self.rules.indicators:
            yield from formulas_of(self, ind)


def formulas_of(ctx: Context, ind) -> list[Formula]:
    raw, n = ctx.raw(ind), ind.index
    out = []

    def add(field_, text, kind, keys, path):
        if isinstance(text, str) and text.strip():
            line, col = ctx.value_mark(ind, *keys)
            out.append(Formula(ind, field_, text, kind, f"indicators[{n}].{path}", line, col))
    add("actual", raw.get("actual"), "actual", ("actual",), "actual")
    add("pass", raw.get("pass"), "condition", ("pass",), "pass")
    add("overshoot", raw.get("overshoot"), "condition", ("overshoot",), "overshoot")
    if isinstance(raw.get("flags"), dict):
        for name, text in raw["flags"].items():
            add("flags", text, "condition", ("flags", name), f"flags.{name}")
    if isinstance(raw.get("causes"), list):
        for k, item in enumerate(raw["causes"]):
            if isinstance(item, dict):
                add("causes", item.get("when"), "condition", ("causes", k, "when"), f"causes[{k}].when")
    return out


def _span(text: str) -> int:
    return text.count("\n") + 3


def _problem(_code, _file, _line, _col, _path, _level="warning", **params) -> Problem:
    return Problem(_code, _file, _line, _col, _path, params, _level)


def _near(word, choices, cutoff=0.5) -> str:
    return near(word, choices, cutoff)


def _dates_text(dates) -> str:
    return "、".join(sorted(dates))


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _show(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- rule checks: formulas ----------------------------------------------------------------------

def check_formula_names(ctx: Context) -> list[Problem]:
    """Syntax, forbidden features, unknown functions and names in every formula (what
    rules_check.formula_errors finds, which evaluate turns into the status `error`), located;
    an unknown name that looks like an indicator id is reported as an unknown indicator."""
    ids = [i.id for i in ctx.rules.indicators]
    problems = []
    for f in ctx.formulas():
        names = set(ids) | set(ACTUAL_NAMES if f.kind == "actual" else CONDITION_NAMES)
        try:
            tree = ex.parse(f.text)
        except ex.ExpressionError as exc:
            problems.append(_problem(exc.code, f.ind.file, f.line, f.col, f.path, "error",
                                     field=f.field, **exc.params))
            continue
        for what, name, near in ex.unknown_names(tree, names, FUNCTION_NAMES):
            line, col = ctx.find(f.ind.file, f.line, name, f.col, _span(f.text))
            if what == "function":
                problems.append(_problem("expr.unknown_function", f.ind.file, line, col, f.path, "error",
                                         name=name, near=near, allowed="、".join(FUNCTION_NAMES)))
            elif _looks_like_id(name, ids, names):
                problems.append(_problem("validate.unknown_indicator", f.ind.file, line, col, f.path, "error",
                                         name=name, near=_near(name, ids, 0.6), field=f.field))
            else:
                problems.append(_problem("expr.unknown_name", f.ind.file, line, col, f.path, "error",
                                         name=name, near=near, allowed="、".join(sorted(names - set(ids)))))
    return problems


def _looks_like_id(name, ids, names) -> bool:
    found = _near(name, names, 0.6)
    if found:
        return found in ids
    return bool(re.fullmatch(r"[A-Z][A-Z0-9_]*", name)) and bool(re.search(r"[0-9_]", name))


def check_formula_cycles(ctx: Context) -> list[Problem]:
    """Actual-value formulas that refer to each other in a cycle."""
    problems = []
    by_id = ctx.rules.by_id()
    for ind_id, errors in rules_check.formula_errors(ctx.rules).items():
        for code, params, field_ in errors:
            if code == "expr.cycle":
                ind = by_id[ind_id]
                line, col = ctx.value_mark(ind, "actual")
                problems.append(_problem(code, ind.file, line, col, f"indicators[{ind.index}].actual", "error",
                                         **params))
    return problems


def check_where_conditions(ctx: Context) -> list[Problem]:
    """where= conditions of ledger functions: their syntax and functions (columns need a snapshot)."""
    problems = []
    for ref in _ledger_refs(ctx):
        if ref.where is None:
            continue
        f = ref.formula
        try:
            tree = ex.parse(ref.where)
        except ex.ExpressionError as exc:
            problems.append(_problem("validate.where_syntax", f.ind.file, f.line, f.col, f.path, "error",
                                     where=ref.where, detail=exc.params.get("detail", "")))
            continue
        for what, name, near in ex.unknown_names(tree, (), WHERE_FUNCTIONS):
            if what == "function":
                line, col = ctx.find(f.ind.file, f.line, name, f.col, _span(f.text))
                problems.append(_problem("expr.unknown_function", f.ind.file, line, col, f.path, "error",
                                         name=name, near=near, allowed="、".join(WHERE_FUNCTIONS)))
    return problems


def check_note_placeholders(ctx: Context) -> list[Problem]:
    """{placeholders} in cause notes that jixiao does not fill (they would print as nothing)."""
    problems = []
    for ind in ctx.rules.indicators:
        raw = ctx.raw(ind)
        for k, item in enumerate(raw.get("causes") if isinstance(raw.get("causes"), list) else []):
            note = item.get("note") if isinstance(item, dict) else None
            if not isinstance(note, str):
                continue
            for name in re.findall(r"(?<!\{)\{(\w*)\}(?!\})", note):
                if name not in NOTE_FIELDS:
                    line, col = ctx.value_mark(ind, "causes", k, "note")
                    line, col = ctx.find(ind.file, line, "{" + name + "}", col, 3) if name else (line, col)
                    problems.append(_problem("validate.note_placeholder", ind.file, line, col,
                                             f"indicators[{ind.index}].causes[{k}].note", placeholder="{" + name + "}",
                                             near=_near(name, NOTE_FIELDS), allowed="、".join(NOTE_FIELDS)))
    return problems


# --- rule checks: targets, direction, type --------------------------------------------------------

def _numeric_targets(ind):
    return [(d, v) for d, v in ind.targets if _number(v)]


def check_cumulative_targets(ctx: Context) -> list[Problem]:
    """A cumulative target lower than the one before it (annual indicators are exempt; so are
    lower-is-better rates, which tighten downwards)."""
    problems = []
    for ind in ctx.rules.indicators:
        if ind.annual is True or not ind.way.decreasing_checked(ind):
            continue
        targets = _numeric_targets(ind)
        for (d0, v0), (d1, v1) in zip(targets, targets[1:]):
            if v1 < v0:
                key = f"targets.{d1}"
                problems.append(_problem("validate.target_decreases", ind.file, ind.lines.get(key, ind.line),
                                         ind.cols.get(key), f"indicators[{ind.index}].{key}",
                                         date=d1, value=_show(v1), prev_date=d0, prev=_show(v0)))
    return problems


def check_final_target(ctx: Context) -> list[Problem]:
    """The last target is dated before the end of the construction period: no final target."""
    if not ctx.period:
        return []
    problems = []
    for ind in ctx.rules.indicators:
        if not ind.targets:
            continue
        last = str(ind.targets[-1][0])
        if valid_date(last) and last < ctx.period[1]:
            key = f"targets.{last}"
            problems.append(_problem("validate.no_final_target", ind.file, ind.lines.get(key, ind.line),
                                     ind.cols.get(key), f"indicators[{ind.index}].targets", date=last,
                                     end=ctx.period[1]))
    return problems


def check_target_dates(ctx: Context) -> list[Problem]:
    """Staged target dates (and deadlines) outside the construction period."""
    if not ctx.period:
        return []
    start, end = ctx.period
    problems = []
    for ind in ctx.rules.indicators:
        dated = [(f"targets.{d}", str(d)) for d, _ in ind.targets]
        if isinstance(ind.deadline, str):
            dated.append(("deadline", ind.deadline))
        for key, date in dated:
            if valid_date(date) and not start <= date <= end:
                problems.append(_problem("validate.date_outside_period", ind.file, ind.lines.get(key, ind.line),
                                         ind.cols.get(key), f"indicators[{ind.index}].{key}", date=date,
                                         start=start, end=end))
    return problems


def _words(table, key) -> dict:
    zh, en = table[key][:2]
    return {"zh": zh, "en": en}


def _way_words(name) -> dict:
    return {"zh": t(f"validate.way_{name}", "zh"), "en": t(f"validate.way_{name}", "en")}


def check_direction_type(ctx: Context) -> list[Problem]:
    """A direction that contradicts the type (a cost that is higher-is-better, a satisfaction that
    is lower-is-better: each direction names the types it does not suit); a date unit (日期) on a
    direction that does not read dates."""
    problems = []
    for ind in ctx.rules.indicators:
        key = "direction"
        where = (ind.file, ind.lines.get(key, ind.line), ind.cols.get(key), f"indicators[{ind.index}].{key}")
        expected = ind.way.unsuited_types.get(ind.type)
        if expected:
            problems.append(_problem("validate.direction_type", *where, type=_words(TYPES, ind.type),
                                     direction=ind.direction, direction_text=_way_words(ind.direction),
                                     expected=expected, expected_text=_way_words(expected)))
        if ind.unit in DATE_UNITS and ind.value_kind != "date":
            problems.append(_problem("validate.date_unit", *where, unit=ind.unit, direction=ind.direction))
    return problems


def check_rate_targets(ctx: Context) -> list[Problem]:
    """Rates (unit %) with targets outside 0–100, or written as fractions (0.95 for 95%)."""
    problems = []
    for ind in ctx.rules.indicators:
        if ind.unit not in PERCENT:
            continue
        numbers = []
        for date, value in ind.targets:
            key = f"targets.{date}"
            where = (ind.file, ind.lines.get(key, ind.line), ind.cols.get(key), f"indicators[{ind.index}].{key}")
            parts = [value] if _number(value) else \
                [v for v in (value.get("min"), value.get("max")) if _number(v)] if isinstance(value, dict) else []
            numbers += [(where, v) for v in parts]
            for v in parts:
                if not 0 <= v <= 100:
                    problems.append(_problem("validate.rate_range", *where, value=_show(v)))
        if numbers and all(0 < v < 1 for _, v in numbers):
            where, v = numbers[0]
            problems.append(_problem("validate.rate_fraction", *where, value=_show(v), percent=_show(round(v * 100, 6))))
    return problems


# --- rule checks: conditions that cannot change -------------------------------------------------------

def _constants(text) -> list[float]:
    try:
        tree = ex.parse(text)
    except ex.ExpressionError:
        return []
    return [float(n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and _number(n.value)]


def _scenarios(ind):
    """(date, target) pairs a condition is tried with: each staged target its direction can read
    (a rule set with schema problems may hold others; those are reported already)."""
    if not ind.targets and ind.deadline is None:
        return []
    try:
        stated = ind.way.stated_targets(ind)
    except (TypeError, ValueError):
        return []
    return [(d, ind.way.applicable(ind, d)[1]) for d, v, _line in stated
            if valid_date(d) and ind.way.target_fits(ind, v)]


def _free(text) -> set | None:
    """The names a formula reads; None when it does not parse (its syntax is reported elsewhere)."""
    try:
        ex.parse(text)
    except ex.ExpressionError:
        return None
    return cond.free_names(text)


def _try(ctx: Context, ind, text: str | None, consts: list, vary: set):
    """Truth of a condition at every candidate (text None: the default pass condition), or None
    when it cannot be decided this way (it reads other indicators, the unit or ledgers, or cannot be
    evaluated). Two calls with the same consts and vary try the same candidates in the same order."""
    ids = {i.id for i in ctx.rules.indicators}
    tree = None
    if text is not None:
        used = _free(text)
        if used is None or used & ids or "unit_id" in used:
            return None
        tree = ex.parse(text)
    try:
        return _try_candidates(ctx, ind, text, tree, consts, vary)
    except (ValueError, TypeError, KeyError, OverflowError):  # a bad date or target: reported by its own check
        return None


def _try_candidates(ctx: Context, ind, text, tree, consts: list, vary: set):
    settings = ctx.rules.settings
    results, tried = [], []
    all_targets = [v for _, v in ind.targets]
    for date, target in _scenarios(ind):
        day = pd.Timestamp(date)
        values = ind.way.candidates(ind, target, consts, all_targets)
        if not values:
            continue
        index = pd.RangeIndex(len(values))
        actual = pd.Series(values, index=index, dtype=object if ind.value_kind != "number" else float)
        for likelihood in (LIKELIHOODS if "likelihood" in vary else (None,)):
            for note in ((None, "说明") if "note" in vary else (None,)):
                tried += values
                if text is None:
                    results.append(ind.way.passed(ind, actual, target).to_numpy(dtype=bool))
                    continue
                names = cond.condition_names(ind, settings, day, ["_"], {}, actual, target, likelihood, note)
                names.pop("unit_id", None)
                functions = Library({}, ["_"], day, cond.period_start(ind, settings, day)).functions()
                try:
                    value = ex.evaluate(tree, text, names, functions)
                    results.append(cond.as_truth(value, index).to_numpy(dtype=bool))
                except ex.ExpressionError:  # undecidable here; evaluate reports real failures
                    return None
    if not results:
        return None
    return np.concatenate(results), tried


def _tried_text(values) -> str:
    shown = []
    for v in values:
        text = v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) and v != NOT_DONE else \
            "未完成" if isinstance(v, pd.Timestamp) else _show(v)
        if text not in shown:
            shown.append(text)
    return "、".join(shown[:10]) + ("…" if len(shown) > 10 else "")


def _condition_where(ctx, ind, key):
    line, col = ctx.value_mark(ind, key)
    return ind.file, line, col, f"indicators[{ind.index}].{key}"


def _varying(*texts) -> set:
    return {name for t in texts if isinstance(t, str) for name in (_free(t) or set()) & {"likelihood", "note"}}


def check_pass_constant(ctx: Context) -> list[Problem]:
    """A `pass` condition that is never, or always, true over the indicator's possible values."""
    problems = []
    for ind in ctx.rules.indicators:
        text = ctx.raw(ind).get("pass")
        if not isinstance(text, str):
            continue
        tried = _try(ctx, ind, text, _constants(text), _varying(text))
        if tried is None:
            continue
        truth, values = tried
        if not truth.any():
            problems.append(_problem("validate.pass_never", *_condition_where(ctx, ind, "pass"),
                                     formula=text, tried=_tried_text(values)))
        elif truth.all():
            problems.append(_problem("validate.pass_always", *_condition_where(ctx, ind, "pass"),
                                     formula=text, tried=_tried_text(values)))
    return problems


def check_overshoot_constant(ctx: Context) -> list[Problem]:
    """An `overshoot` condition that is never true when the indicator passes (it can never be
    exceeded), or true whenever it passes (every achievement would count as exceeded)."""
    problems = []
    for ind in ctx.rules.indicators:
        raw = ctx.raw(ind)
        text = raw.get("overshoot")
        if not isinstance(text, str):
            continue
        pass_text = raw.get("pass") if isinstance(raw.get("pass"), str) else None
        consts = _constants(text) + (_constants(pass_text) if pass_text else [])
        vary = _varying(text, pass_text)
        over, passed = _try(ctx, ind, text, consts, vary), _try(ctx, ind, pass_text, consts, vary)
        if over is None or passed is None or not passed[0].any():
            continue
        (o, values), p = over, passed[0]
        if not (o & p).any():
            problems.append(_problem("validate.overshoot_never", *_condition_where(ctx, ind, "overshoot"),
                                     formula=text, tried=_tried_text(values)))
        elif o[p].all():
            problems.append(_problem("validate.overshoot_always", *_condition_where(ctx, ind, "overshoot"),
                                     formula=text, tried=_tried_text(values)))
    return problems


# --- ledger references, checked against every snapshot ----------------------------------------------

def _constant(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_constant(e) for e in node.elts]
        return items if all(i is not None for i in items) else None
    return None


def ledger_refs(formula: Formula) -> list[LedgerRef]:
    try:
        tree = ex.parse(formula.text)
    except ex.ExpressionError:
        return []
    refs = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in cond.AGGREGATES):
            continue
        how = node.func.id
        kw = {k.arg: k.value for k in node.keywords if k.arg}
        args = list(node.args)
        ledger_node = args[0] if args else kw.get("ledger")
        ledger = _constant(ledger_node) if ledger_node is not None else None
        if not isinstance(ledger, str):
            continue  # min(a, b) and max(a, b) compare values; a computed ledger name is not checked
        slots = ("ledger", "where") if how == "count" else ("ledger", "column", "where")
        given = {name: args[k] for k, name in enumerate(slots) if k < len(args)}
        given.update({k: v for k, v in kw.items() if k in slots})
        column = _constant(given["column"]) if "column" in given else None
        where = _constant(given["where"]) if "where" in given else None
        filters = {k: _constant(v) for k, v in kw.items() if k not in slots}
        refs.append(LedgerRef(formula, how, ledger, column if isinstance(column, str) else None,
                              where if isinstance(where, str) else None, filters))
    return refs


def _ledger_refs(ctx: Context) -> list[LedgerRef]:
    return [ref for f in ctx.formulas() for ref in ledger_refs(f)]


def _where_columns(text) -> list[str]:
    try:
        tree = ex.parse(text)
    except ex.ExpressionError:
        return []
    return [name for what, name, _ in ex.unknown_names(tree, WHERE_NAMES, WHERE_FUNCTIONS) if what == "name"]


def _columns(ledger) -> list[str]:
    return [c for c in ledger.frame.columns if not str(c).startswith("__")]


def check_ledger_names(ctx: Context) -> list[Problem]:
    """Ledgers named in formulas that a snapshot does not have (the indicator would be a rule
    error when that snapshot is evaluated)."""
    problems = []
    for ref in _ledger_refs(ctx):
        lacking = [s.date for s in ctx.snapshots if ref.ledger not in s.ledgers]
        if not lacking:
            continue
        f = ref.formula
        known = sorted({name for s in ctx.snapshots for name in s.ledgers})
        line, col = ctx.find(f.ind.file, f.line, ref.ledger, f.col, _span(f.text))
        problems.append(_problem("validate.unknown_ledger", f.ind.file, line, col, f.path, "error",
                                 what={"zh": f"指标 {f.ind.id} 为“规则错误”", "en": f"indicator {f.ind.id} will be a rule error"},
                                 name=ref.ledger, snapshots=_dates_text(lacking), near=_near(ref.ledger, known),
                                 allowed="、".join(known) or "（无）", _snapshots=tuple(lacking)))
    return problems


def check_ledger_columns(ctx: Context) -> list[Problem]:
    """Columns that formulas read (the column argument, keyword filters, names in where=)
    and that a snapshot's ledger lacks."""
    problems = []
    for ref in _ledger_refs(ctx):
        f = ref.formula
        wanted = ([ref.column] if ref.column else []) + list(ref.filters) + \
            (_where_columns(ref.where) if ref.where else [])
        for column in dict.fromkeys(wanted):
            having = [s for s in ctx.snapshots if ref.ledger in s.ledgers]
            lacking = [s.date for s in having if column not in _columns(s.ledgers[ref.ledger])]
            if not lacking:
                continue
            known = sorted({c for s in having for c in _columns(s.ledgers[ref.ledger])})
            line, col = ctx.find(f.ind.file, f.line, column, f.col, _span(f.text))
            problems.append(_problem("validate.unknown_column", f.ind.file, line, col, f.path, "error",
                                     ledger=ref.ledger, name=column, snapshots=_dates_text(lacking),
                                     near=_near(column, known), allowed="、".join(known),
                                     _snapshots=tuple(lacking)))
    return problems


def check_summed_columns(ctx: Context) -> list[Problem]:
    """A column that sum/mean (or min/max) read holds a cell that is not a number: the formula
    would fail. Reported at the ledger cell."""
    problems, seen = [], set()
    for ref in _ledger_refs(ctx):
        if ref.function == "count" or not ref.column:
            continue
        for snap in ctx.snapshots:
            ledger = snap.ledgers.get(ref.ledger)
            if ledger is None or ref.column not in ledger.frame.columns or (snap.date, ref.ledger, ref.column) in seen:
                continue
            values = ledger.frame[ref.column]
            ok = pd.api.types.is_numeric_dtype(values) or \
                (ref.function in ("min", "max") and pd.api.types.is_datetime64_any_dtype(values))
            if ok:
                continue
            seen.add((snap.date, ref.ledger, ref.column))
            _, bad = parse_numbers(values.where(values.notna(), None).astype(object).map(
                lambda v: v if v is None or isinstance(v, str) else str(v)))
            rows = ledger.frame.loc[bad]
            f = ref.formula
            first = rows.iloc[0] if len(rows) else None
            problems.append(_problem(
                "validate.column_not_number", ledger.file, int(first[ROW]) if first is not None else 1,
                list(ledger.frame.columns).index(ref.column) + 1, ref.column, "error",
                ledger=ref.ledger, column=ref.column, value=str(first[ref.column]) if first is not None else "",
                count=len(rows), function=ref.function, rule=f"{f.ind.file}:{f.line}", id=f.ind.id,
                _snapshots=(snap.date,)))
    return problems


def check_blank_summed_cells(ctx: Context) -> list[Problem]:
    """Blank cells in a column that sum or mean read: left out of the sum, never counted as 0.
    Said once per ledger column and snapshot, at the first blank cell, so that a 0 is typed where 0 is meant."""
    problems, seen = [], set()
    for ref in _ledger_refs(ctx):
        if ref.function not in ("sum", "mean") or not ref.column:
            continue
        for snap in ctx.snapshots:
            ledger = snap.ledgers.get(ref.ledger)
            key = (snap.date, ref.ledger, ref.column)
            if ledger is None or ref.column not in ledger.frame.columns or key in seen:
                continue
            seen.add(key)
            blank = ledger.frame.loc[ledger.frame[ref.column].isna()]
            if len(blank):
                problems.append(_problem(
                    "validate.blank_summed", ledger.file, int(blank.iloc[0][ROW]),
                    list(ledger.frame.columns).index(ref.column) + 1, ref.column, "warning",
                    ledger=ref.ledger, column=ref.column, count=len(blank), function=ref.function,
                    id=ref.formula.ind.id, _snapshots=(snap.date,)))
    return problems


def check_filter_values(ctx: Context) -> list[Problem]:
    """A keyword filter (级别="国家级") whose value appears in that column in no snapshot: the
    count or sum would silently be 0. Usually a typo."""
    problems = []
    for ref in _ledger_refs(ctx):
        for column, wanted in ref.filters.items():
            if wanted is None:
                continue
            values = wanted if isinstance(wanted, list) else [wanted]
            having = [s.ledgers[ref.ledger] for s in ctx.snapshots
                      if ref.ledger in s.ledgers and column in s.ledgers[ref.ledger].frame.columns]
            if not having:
                continue
            seen = set()
            for lg in having:
                seen |= {_cell_text(v) for v in lg.frame[column].dropna()}
            if not seen:  # an empty ledger (a new workspace): nothing to compare with yet
                continue
            f = ref.formula
            for value in values:
                if str(_show(value)) in seen:
                    continue
                line, col = ctx.find(f.ind.file, f.line, str(value), f.col, _span(f.text))
                problems.append(_problem("validate.filter_value_unseen", f.ind.file, line, col, f.path,
                                         ledger=ref.ledger, column=column, value=value, near=_near(value, seen),
                                         examples="、".join(sorted(seen)[:8]) + ("…" if len(seen) > 8 else "")))
    return problems


def check_table_refs(ctx: Context) -> list[Problem]:
    """The tables of tables.yaml: their ledger and the columns they group by, sum and count on."""
    problems = []
    for spec in ctx.rules.tables:
        doc = ctx.docs.get(spec.file)
        n = _table_index(doc, spec.id)
        if n is None:
            continue

        def where(*keys):
            line, col = doc.mark(("tables", n, *keys))
            return spec.file, line, col, "tables[%d].%s" % (n, ".".join(str(k) for k in keys))
        lacking = [s.date for s in ctx.snapshots if spec.ledger not in s.ledgers]
        known = sorted({name for s in ctx.snapshots for name in s.ledgers})
        if lacking:
            problems.append(_problem("validate.unknown_ledger", *where("ledger"), "error", name=spec.ledger,
                                     what={"zh": f"表 {spec.id} 无法计算", "en": f"table {spec.id} cannot be computed"},
                                     snapshots=_dates_text(lacking), near=_near(spec.ledger, known),
                                     allowed="、".join(known) or "（无）", _snapshots=tuple(lacking)))
        having = [s for s in ctx.snapshots if spec.ledger in s.ledgers]
        wanted = [(spec.by, ("by",))]
        for k, c in enumerate(spec.columns):
            if isinstance(c.get("sum"), str):
                wanted.append((c["sum"], ("columns", k, "sum")))
            for key in ("count", "where"):
                if isinstance(c.get(key), str):
                    wanted += [(name, ("columns", k, key)) for name in _where_columns(c[key])]
        for column, keys in wanted:
            missing = [s.date for s in having if column not in _columns(s.ledgers[spec.ledger])]
            if missing:
                cols = sorted({c for s in having for c in _columns(s.ledgers[spec.ledger])})
                file, line, col, path = where(*keys)
                line, col = ctx.find(file, line, column, col)
                problems.append(_problem("validate.unknown_column", file, line, col, path, "error",
                                         ledger=spec.ledger, name=column, snapshots=_dates_text(missing),
                                         near=_near(column, cols), allowed="、".join(cols), _snapshots=tuple(missing)))
        for snap in having:  # a row whose group is blank falls out of the table and its total
            lg = snap.ledgers[spec.ledger]
            if spec.by in lg.frame.columns and lg.frame[spec.by].isna().any():
                blank = lg.frame.loc[lg.frame[spec.by].isna()]
                problems.append(_problem("validate.blank_group", lg.file, int(blank.iloc[0][ROW]),
                                         list(lg.frame.columns).index(spec.by) + 1, spec.by, "warning",
                                         ledger=spec.ledger, column=spec.by, count=len(blank), table=spec.id,
                                         _snapshots=(snap.date,)))
    return problems


def _table_index(doc, table_id):
    try:
        return next(n for n, t in enumerate(doc.data["tables"]) if isinstance(t, dict) and t.get("id") == table_id)
    except (AttributeError, KeyError, TypeError, StopIteration):
        return None


# --- per snapshot -------------------------------------------------------------------------------------

def _applies(ind, day: str) -> bool:
    if ind.direction == "deadline":
        return isinstance(ind.deadline, str) and ind.deadline <= day
    return any(str(d) <= day for d, _ in ind.targets)


def check_missing_rows(ctx: Context, snap) -> list[Problem]:
    """An indicator with no `actual:` formula and no row in the snapshot's value table (one
    warning per indicator and snapshot, at the rule)."""
    problems = []
    have = snap.values.groupby("indicator")["unit"].agg(set).to_dict() if len(snap.values) else {}
    for ind in ctx.rules.indicators:
        if isinstance(ind.actual, str) and ind.actual.strip():
            continue
        lacking = [u for u in snap.units if u not in have.get(ind.id, set())]
        if not lacking:
            continue
        due = _applies(ind, snap.date)
        consequence = {"zh": "评估时为“数据缺失”", "en": "it will be evaluated as missing"} if due else \
            {"zh": "该快照尚无适用目标（未到期），到期后将为“数据缺失”", "en": "nothing is due yet; once due it will be missing"}
        units = "" if len(snap.units) == 1 else "（单位 " + "、".join(lacking) + "）"
        problems.append(_problem("validate.no_value_row", ind.file, ind.line, ind.cols.get("id"), f"indicators[{ind.index}]",
                                 id=ind.id, snapshot=snap.date, file=snap.values_file, units=units,
                                 consequence=consequence, _snapshots=(snap.date,)))
    return problems


def check_ignored_values(ctx: Context, snap) -> list[Problem]:
    """A value-table row that fills in the actual value of an indicator computed by a formula:
    the formula wins and the value is ignored."""
    by_id = ctx.rules.by_id()
    rows = snap.values.loc[snap.values["actual"].notna()] if len(snap.values) else snap.values
    problems = []
    for _, row in rows.iterrows():
        ind = by_id.get(row["indicator"])
        if ind is None or not (isinstance(ind.actual, str) and ind.actual.strip()):
            continue
        file = row[FILE] if isinstance(row.get(FILE), str) else snap.values_file
        problems.append(_problem("validate.value_ignored", file, int(row[ROW]),
                                 snap.value_columns.get(file, {}).get("actual"), "actual", id=ind.id, value=_value_text(row["actual"]),
                                 rule=ind.where("actual"), _snapshots=(snap.date,)))
    return problems


def _cell_text(value) -> str:
    """A ledger cell as a filter value is written: 2021 for 2021.0, 2021-03-01 for a date."""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return _show(value) if isinstance(value, float) else str(value)


def _value_text(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return _show(value)


RULE_CHECKS = [check_formula_names, check_formula_cycles, check_where_conditions, check_note_placeholders,
               check_cumulative_targets, check_final_target, check_target_dates, check_direction_type,
               check_rate_targets, check_pass_constant, check_overshoot_constant]
LEDGER_CHECKS = [check_ledger_names, check_ledger_columns, check_summed_columns, check_blank_summed_cells, check_filter_values,
                 check_table_refs]
SNAPSHOT_CHECKS = [check_missing_rows, check_ignored_values]


# --- loading, going on where the next step still can ------------------------------------------------

def load_context(rules_dir: Path) -> tuple[Context, list[Problem]]:
    rules, problems = load_rules(Path(rules_dir), lenient=True)
    if rules is None:
        return Context(Path(rules_dir), None, False, None), problems
    s = rules.settings
    period = (s.period_start, s.period_end) if rules.period_known and s.period_start else None
    sources = {name: doc.lines for name, doc in rules.docs.items()}
    return Context(Path(rules_dir), rules, rules.complete, period, dict(rules.docs), sources), problems


def snapshot_dates(datasets_dir: Path) -> tuple[list[str], list[Problem]]:
    dates, problems = [], []
    for p in sorted(Path(datasets_dir).iterdir()):
        if not p.is_dir() or p.name.startswith((".", "_")):
            continue
        if DATE.match(p.name) and valid_date(p.name):
            dates.append(p.name)
        else:
            problems.append(_problem("validate.not_a_snapshot", display(p), None, None, "", folder=display(p)))
    return dates, problems


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
    for check in RULE_CHECKS:
        problems += check(ctx)
    if datasets_dir is not None and Path(datasets_dir).is_dir():
        if dates is None:
            dates, found = snapshot_dates(Path(datasets_dir))
            problems += found
        for date in dates:
            snap, found = load_snapshot(Path(datasets_dir), date, ctx.rules, lenient=True)
            problems += [dataclasses.replace(p, params={**p.params, "_snapshots": (date,)}) for p in found]
            if snap is not None:
                ctx.snapshots.append(snap)
                for check in SNAPSHOT_CHECKS:
                    problems += check(ctx, snap)
        if ctx.snapshots:
            for check in LEDGER_CHECKS:
                problems += check(ctx)
    unique = {(p.file, p.line, p.col, p.code, p.path, p.level, p.message("zh")): p for p in problems}
    return Report(sorted(unique.values(), key=Problem.sort_key), Path(rules_dir), len(ctx.rules.indicators),
                  [s.date for s in ctx.snapshots], ctx.complete)


# --- the command ------------------------------------------------------------------------------------

@dataclass
class Scope:
    rules_dir: Path
    datasets_dir: Path | None
    dates: list | None                                   # None: every snapshot of datasets_dir
    shown: list = field(default_factory=list)            # paths whose problems are listed; empty: all
    snapshots: list = field(default_factory=list)        # named snapshots: their problems are listed too
    problems: list = field(default_factory=list)         # paths that are not anything jixiao reads


def _is_date(name: str) -> bool:
    return bool(DATE.match(name)) and valid_date(name)


def scope(paths, rules_dir: Path, datasets_dir: Path) -> Scope:
    """What the PATHs name: a rule folder or file, a datasets folder, a snapshot folder or a file in one."""
    s = Scope(Path(rules_dir), Path(datasets_dir), None)
    named_dates, named_datasets = [], None
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            s.problems.append(_problem("validate.path_missing", display(p), None, None, "", "error", path=display(p)))
            continue
        folder = p if p.is_dir() else p.parent
        s.shown.append(p)
        if _is_date(folder.name):
            s.datasets_dir = folder.parent
            named_dates.append(folder.name)
        elif p.is_dir() and any(_is_date(c.name) for c in p.iterdir() if c.is_dir()):
            named_datasets = p
        elif (folder / "settings.yaml").exists() or any(folder.glob("*.yaml")):
            s.rules_dir = folder
        else:
            s.shown.pop()
            s.problems.append(_problem("validate.bad_path", display(p), None, None, "", "error", path=display(p)))
    if named_datasets is not None:
        s.datasets_dir = named_datasets
        if named_dates:
            s.problems.append(_problem("validate.bad_path", display(named_datasets), None, None, "", "error",
                                       path=display(named_datasets)))
    if named_dates:
        s.dates = sorted(set(named_dates))
        s.snapshots = s.dates
    return s


def _listed(p: Problem, sc: Scope) -> bool:
    if not sc.shown:
        return True
    if set(p.params.get("_snapshots", ())) & set(sc.snapshots):
        return True
    try:
        where = Path(p.file).resolve()
    except OSError:
        return False
    return any(where == q.resolve() or q.resolve() in where.parents for q in sc.shown)


def checked_text(report: Report, hidden: int, lang: str) -> str:
    zh = lang == "zh"
    dates = "、".join(report.snapshots) if report.snapshots else ("无" if zh else "none")
    text = (f"已检查：规则 {display(report.rules_dir)}（{report.indicators} 个指标），快照 {dates}" if zh else
            f"checked: rules {display(report.rules_dir)} ({report.indicators} indicators), snapshots {dates}")
    if hidden:
        text += (f"；另有 {hidden} 个问题不在所列路径中（不带路径运行 jixiao validate 可看到全部）" if zh else
                 f"; {hidden} more problem(s) outside the paths given (run jixiao validate without paths to see all)")
    return text + "\n"


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@rules_option
@datasets_option
@click.option("--format", "fmt", default="human", show_default=True, type=click.Choice(list(FORMATS)),
              help="human：按文件分组；parsable：每行一个 文件:行:列: 级别: 说明 [代码]；json")
@lang_option
def command(paths, rules_dir, datasets_dir, fmt, lang):
    """检查规则与数据快照，一次列出全部问题（文件:行:列、级别、代码、说明与修改方法）。

    PATH 可以是规则目录或规则文件、数据目录、某个快照目录或其中的文件；只列出这些路径中的问题。
    不写 PATH 时检查 --rules 与 --datasets 中的全部快照。有错误时退出码为 2，只有警告时为 0。
    """
    sc = scope(paths, rules_dir, datasets_dir)
    if paths and not sc.shown:  # nothing that was named can be read
        click.echo(FORMATS[fmt](sc.problems, lang), nl=False)
        raise SystemExit(2)
    report = validate(sc.rules_dir, sc.datasets_dir, sc.dates)
    if not paths and not Path(datasets_dir).is_dir():
        report.problems.append(_problem("validate.no_datasets", display(Path(datasets_dir)), None, None, "",
                                        dir=display(Path(datasets_dir))))
    listed = sorted([p for p in report.problems if _listed(p, sc)] + sc.problems, key=Problem.sort_key)
    click.echo(FORMATS[fmt](listed, lang), nl=False)
    if fmt == "human":
        click.echo(checked_text(report, len(report.problems) - len(listed) + len(sc.problems), lang), nl=False)
    if any(p.level == "error" for p in listed):
        raise SystemExit(2)

