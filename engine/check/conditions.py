"""Trying a pass or overshoot condition over the values an indicator can take (its direction's
candidates, at each staged target), to tell a condition that can never change."""
from __future__ import annotations

import ast

import numpy as np
import pandas as pd

from engine.core.dates import valid_date
from engine.core.values import NOT_DONE
from engine.directions.base import is_number
from engine.evaluate import expressions as ex
from engine.evaluate import names as cond
from engine.evaluate.functions import Library
from engine.text import LANGS, items, t
from engine.text.vocabulary import LIKELIHOOD
from engine.check.shown import show

LIKELIHOODS = (None, *LIKELIHOOD)


def constants(text) -> list[float]:
    """The numbers written in a formula: candidates are tried on both sides of each."""
    try:
        tree = ex.parse(text)
    except ex.ExpressionError:
        return []
    return [float(n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and is_number(n.value)]


def free_names(text) -> set | None:
    """The names a formula reads; None when it does not parse (its syntax is reported elsewhere)."""
    try:
        ex.parse(text)
    except ex.ExpressionError:
        return None
    return cond.free_names(text)


def varying(*texts) -> set:
    """Which of likelihood and note the conditions read: those are tried with and without a value."""
    return {name for text in texts if isinstance(text, str) for name in (free_names(text) or set()) & {"likelihood", "note"}}


def scenarios(ind):
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


def try_condition(ctx, ind, text: str | None, consts: list, vary: set):
    """(truth at every candidate, the values tried) of a condition (text None: the default pass
    condition), or None when it cannot be decided this way (it reads other indicators, the unit
    or ledgers, or cannot be evaluated). Two calls with the same consts and vary try the same
    candidates in the same order."""
    ids = {i.id for i in ctx.rules.indicators}
    tree = None
    if text is not None:
        used = free_names(text)
        if used is None or used & ids or "unit_id" in used:
            return None
        tree = ex.parse(text)
    try:
        return _candidates(ctx, ind, text, tree, consts, vary)
    except (ValueError, TypeError, KeyError, OverflowError):  # a bad date or target: reported by its own check
        return None


def _candidates(ctx, ind, text, tree, consts: list, vary: set):
    settings = ctx.rules.settings
    results, tried = [], []
    all_targets = [v for _, v in ind.targets]
    note_written = t("validate.tried_note", "zh")  # any note: conditions ask whether there is one
    for date, target in scenarios(ind):
        day = pd.Timestamp(date)
        values = ind.way.candidates(ind, target, consts, all_targets)
        if not values:
            continue
        index = pd.RangeIndex(len(values))
        actual = pd.Series(values, index=index, dtype=object if ind.value_kind != "number" else float)
        for likelihood in (LIKELIHOODS if "likelihood" in vary else (None,)):
            for note in ((None, note_written) if "note" in vary else (None,)):
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


def tried_text(values) -> dict:
    """The values tried, as the value table writes them (at most ten), in both languages."""
    def shown(v, lang):
        if isinstance(v, pd.Timestamp):
            return v.strftime("%Y-%m-%d") if v != NOT_DONE else t("validate.tried_not_done", lang)
        return show(v)
    return {lang: items(dict.fromkeys(shown(v, lang) for v in values), 10) for lang in LANGS}
