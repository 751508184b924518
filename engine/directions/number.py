"""What the numeric directions (higher, lower, equal) share: numbers for values and targets, the
ratio, completion and gap, and the numbers validate tries a condition with."""
from __future__ import annotations

import numpy as np
from engine.directions.base import Direction, is_number
from engine.text import t
from engine.text.vocabulary import FULLWIDTH_COMMA, PERCENT_SIGNS

PERCENT = PERCENT_SIGNS


def parse_number(text: str):
    """A number typed at a prompt: 1,200 and 1，200 too; whole numbers stay whole."""
    value = float(text.replace(",", "").replace(FULLWIDTH_COMMA, "").strip())
    return int(value) if value.is_integer() and "." not in text else value


def numeric_candidates(ind, target, consts: list, all_targets: list) -> list:
    """Actual values worth trying against one staged target: around every target and constant."""
    numbers = [v for v in all_targets if is_number(v)]
    for v in all_targets:
        if isinstance(v, dict):
            numbers += [x for x in v.values() if is_number(x)]
    big = 10 * max([abs(x) for x in numbers + consts] or [1]) + 1000
    base = [0.0, 1.0, big] + ([100.0] if ind.unit in PERCENT else [])
    points = numbers if not isinstance(target, dict) else [target.get("min"), target.get("max")]
    for v in [p for p in points if is_number(p)]:
        base += [v * 0.5, v, v * 1.5, v * 2, v * 3, v - 1, v + 1, v - 0.5, v + 0.5]
        base += [v + c for c in consts] + [v - c for c in consts] + [v * c for c in consts]
    base += consts + [c - 1 for c in consts] + [c + 1 for c in consts]
    return sorted({round(float(x), 9) for x in base if np.isfinite(x) and x >= 0})


def band_partial(actual, target, band: float) -> float:
    """Half the points within the band around the target, else none."""
    if is_number(actual) and is_number(target):
        return 0.5 if abs(actual - target) <= band * abs(target) else 0.0
    return 0.0


class NumberDirection(Direction):
    op_pass = op_over = ""  # the comparison explain shows: ≥ and >, ≤ and <, =

    def target_problem(self, ind, value):
        if not is_number(value):
            return "rules.target_kind", {"value": value, "direction": ind.direction,
                                         "hint": {"zh": t("directions.hint_number", "zh"),
                                                  "en": t("directions.hint_number", "en")}}
        return None

    def measures_rows(self, rows):
        a, t = rows.num, rows.tnum
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            ratio = np.where(t != 0, a / np.where(t != 0, t, 1.0), np.nan)
        ratio[~np.isfinite(ratio)] = np.nan
        return ratio, ratio * 100, self.gap(a, t)

    def gap(self, actual: np.ndarray, target: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def condition_text(self, which, actual, target, ind, shown, lang):
        op = self.op_over if which == "overshoot" else self.op_pass
        return f"{t('directions.actual', lang)} {shown(actual)} {op} {t('directions.target', lang)} {shown(target)}"

    def candidates(self, ind, target, consts, all_targets):
        return numeric_candidates(ind, target, consts, all_targets)

    def parse_target(self, raw, scale):
        try:
            return parse_number(raw)
        except ValueError:
            raise ValueError(t("directions.not_a_number", "zh", raw=raw)) from None
