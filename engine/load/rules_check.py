"""Step 2: checks across the rule set that a schema cannot express.

Structural problems (duplicate ids, a target that does not fit its direction …) stop the
run. Formula problems do not: the indicator gets the status `error` and the others go on.
"""
from __future__ import annotations

import ast
import re

from engine.evaluate import expressions as ex
from engine.evaluate.names import ACTUAL_NAMES, CONDITION_NAMES
from engine.evaluate.functions import FUNCTION_NAMES
from engine.text.labels import DEFAULT_LEVELS
from engine.core.dates import valid_date
from engine.core.problems import Problem
from engine.core.suggest import near

def _reserved() -> frozenset:
    from engine.evaluate.functions import FUNCTION_NAMES
    return frozenset(CONDITION_NAMES) | frozenset(FUNCTION_NAMES) | {"True", "False", "None", "and", "or", "not", "if", "else", "in"}


RESERVED = _reserved()


def _bad_date(text) -> bool:
    """A well-formed date that the calendar does not have; malformed ones the schema reports."""
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(text))) and not valid_date(text)



def check(rules, settings_doc) -> list[Problem]:
    s, problems = rules.settings, []
    start_line = settings_doc.mark(("settings", "period", "start"))
    for key in ("start", "end"):
        value = getattr(s, f"period_{key}")
        if not valid_date(value):
            problems.append(Problem("yaml.bad_date", settings_doc.file, *settings_doc.mark(("settings", "period", key)),
                                    f"settings.period.{key}", {"value": value}))
    if not problems and s.period_start > s.period_end:
        problems.append(Problem("rules.period_order", settings_doc.file, *start_line, "settings.period",
                                {"start": s.period_start, "end": s.period_end}))
    levels = s.levels or DEFAULT_LEVELS
    seen: dict[str, str] = {}
    for n, ind in enumerate(rules.indicators):
        def add(code, key=None, **params):
            line = ind.lines.get(key, ind.line) if key else ind.line
            problems.append(Problem(code, ind.file, line, ind.cols.get(key), _path(ind, key), params))
        if ind.id in RESERVED:  # formulas could not tell the indicator from the name
            add("rules.reserved_id", "id", id=ind.id)
        if ind.id in seen:
            add("rules.duplicate_id", "id", id=ind.id, other=seen[ind.id])
        else:
            seen[ind.id] = ind.where("id")
        if not ind.level:
            add("rules.no_level")
        elif ind.level not in levels:
            add("rules.unknown_level", "level", value=ind.level, allowed=list(levels), near=_near(ind.level, levels))
        if not ind.task:
            add("rules.no_task")
        for key, date in ind.dates:
            if _bad_date(date):
                add("yaml.bad_date", key, value=date)
        for date, value in ind.targets:
            problems += _target_problems(ind, f"targets.{date}", value)
        for rc in ind.causes:
            if isinstance(rc.cause, str) and rc.cause not in rules.causes:
                problems.append(Problem("rules.unknown_cause", ind.file, *rc.code_at, _path(ind, "causes"),
                                        {"value": rc.cause, "near": _near(rc.cause, rules.causes),
                                         "allowed": list(rules.causes)}))
    return problems + _score_settings(rules, settings_doc, levels)


def _score_settings(rules, settings_doc, levels) -> list[Problem]:
    """settings.scores names levels and indicators: they must exist."""
    conf, problems = rules.settings.scores or {}, []
    for key in conf.get("shares") or {}:
        if key not in levels:
            problems.append(Problem("rules.unknown_level", settings_doc.file,
                                    *settings_doc.key_mark(("settings", "scores", "shares", key)),
                                    f"settings.scores.shares.{key}", {"value": key, "allowed": list(levels),
                                                                     "near": _near(key, levels)}))
    ids = {i.id for i in rules.indicators}
    for n, value in enumerate(conf.get("budget_indicators") or []):
        if value not in ids:
            problems.append(Problem("settings.unknown_indicator", settings_doc.file,
                                    *settings_doc.mark(("settings", "scores", "budget_indicators", n)),
                                    f"settings.scores.budget_indicators[{n}]", {"value": value, "near": _near(value, ids)}))
    return problems


def _path(ind, key=None) -> str:
    return ind.path(key)


def _target_problems(ind, key, value) -> list[Problem]:
    """A staged target that its direction cannot read (engine/directions/)."""
    found = ind.way.target_problem(ind, value)
    if found is None:
        return []
    code, params = found
    return [Problem(code, ind.file, ind.lines.get(key, ind.line), ind.cols.get(key), _path(ind, key), params)]


def _near(word, choices) -> str:
    return near(word, choices)


def formula_errors(rules) -> dict:
    """id -> [(code, params, Formula)] for formulas that cannot work whatever the data."""
    ids = [i.id for i in rules.indicators]
    errors: dict[str, list] = {}
    for ind in rules.indicators:
        for f in ind.formulas:
            names = set(ids) | set(ACTUAL_NAMES if f.kind == "actual" else CONDITION_NAMES)
            try:
                tree = ex.parse(f.text)
            except ex.ExpressionError as exc:
                errors.setdefault(ind.id, []).append((exc.code, exc.params, f))
                continue
            for what, name, near in ex.unknown_names(tree, names, FUNCTION_NAMES):
                code = "expr.unknown_function" if what == "function" else "expr.unknown_name"
                errors.setdefault(ind.id, []).append(
                    (code, {"name": name, "near": near, "allowed": list(FUNCTION_NAMES)}, f))
    by_id = rules.by_id()
    for cycle in _cycles(rules):
        for ind_id in cycle:
            errors.setdefault(ind_id, []).append(("expr.cycle", {"detail": " → ".join(cycle + [cycle[0]])},
                                                  by_id[ind_id].formula("actual")))
    return errors


def dependencies(ind, ids, only_actual: bool = False) -> list[str]:
    """Other indicators whose actual values the formulas of this indicator read."""
    found = []
    for f in ind.formulas:
        if only_actual and f.kind != "actual":
            continue
        try:
            tree = ex.parse(f.text)
        except ex.ExpressionError:
            continue
        found += [n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id in ids and n.id != ind.id]
    return sorted(set(found))


def _cycles(rules) -> list[list[str]]:
    ids = {i.id for i in rules.indicators}
    graph = {i.id: dependencies(i, ids, only_actual=True) for i in rules.indicators}
    cycles, state = [], {}
    for start in graph:  # iterative DFS; ids in a cycle are reported once
        if state.get(start):
            continue
        stack, path = [(start, iter(graph[start]))], [start]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):])
            elif not state.get(nxt):
                state[nxt] = 1
                stack.append((nxt, iter(graph[nxt])))
                path.append(nxt)
    return cycles
