"""range (区间): the actual value lies between a lower and an upper bound, {min: 90, max: 100}."""
from __future__ import annotations


from engine.directions.base import Direction, is_number
from engine.directions.number import numeric_candidates, parse_number
from engine.text import t
from engine.text.vocabulary import RANGE_BOUNDS

BOUNDS = RANGE_BOUNDS


class Range(Direction):
    name = "range"
    order = 40
    beatable = False
    cumulative = False

    def target_problem(self, ind, value):
        if not isinstance(value, dict):
            return "rules.target_kind", {"value": value, "direction": ind.direction,
                                         "hint": {"zh": t("directions.hint_range", "zh"),
                                                  "en": t("directions.hint_range", "en")}}
        if is_number(value.get("min")) and is_number(value.get("max")) and value["min"] > value["max"]:
            return "rules.range_order", value
        return None

    def target_fits(self, ind, value):
        return isinstance(value, dict) and is_number(value.get("min")) and is_number(value.get("max"))

    def passed_rows(self, rows):
        return (rows.num >= rows.tmin) & (rows.num <= rows.tmax)

    def condition_text(self, which, actual, target, ind, shown, lang):
        return f"{shown(target['min'])} ≤ {t('directions.actual', lang)} {shown(actual)} ≤ {shown(target['max'])}"

    def partial(self, actual, target, ind, band):
        if not (isinstance(target, dict) and is_number(actual)):
            return 0.0, "band"
        low, high = target.get("min"), target.get("max")
        if is_number(low) and actual < low:
            return (0.5 if low - actual <= band * abs(low) else 0.0), "band"
        if is_number(high) and actual > high:
            return (0.5 if actual - high <= band * abs(high) else 0.0), "band"
        return 1.0, "band"  # inside the range yet not passed (a stricter pass condition): treat as met

    def candidates(self, ind, target, consts, all_targets):
        return numeric_candidates(ind, target, consts, all_targets)

    def parse_target(self, raw, scale):
        try:
            low, high = (parse_number(b) for b in BOUNDS.split(raw))
        except ValueError:
            raise ValueError(t("directions.range_form", "zh", raw=raw)) from None
        if low > high:
            raise ValueError(t("directions.range_order", "zh", raw=raw))
        return {"min": low, "max": high}

    def target_example(self, scale):
        return "2021-12-31=60~100, 2023-12-31=70~100"


DIRECTION = Range()
