"""grade (等级): a grade of the indicator's scale, best first; at least the target grade passes,
a better grade is exceeded."""
from __future__ import annotations

from engine.directions.base import Direction
from engine.text import both, t
from engine.text.vocabulary import GRADE_SCALE_EXAMPLE, SCALE_SPLIT


def parse_scale(text: str) -> list[str]:
    grades = [g.strip() for g in SCALE_SPLIT.split(text) if g.strip()]
    if len(grades) < 2 or len(set(grades)) != len(grades):
        raise ValueError(t("directions.scale_form", "zh"))
    return grades


class Grade(Direction):
    name = "grade"
    order = 50
    value_kind = "grade"
    cumulative = False

    def target_problem(self, ind, value):
        if not isinstance(value, str):
            return "rules.target_kind", {"value": value, "direction": ind.direction,
                                         "hint": both("directions.hint_grade")}
        if value not in (ind.scale or []):
            return "rules.grade_unknown", {"value": value, "allowed": list(ind.scale or [])}
        return None

    def passed_rows(self, rows):
        return rows.rank <= rows.trank

    def over_rows(self, rows):
        return rows.rank < rows.trank

    def condition_text(self, which, actual, target, ind, shown, lang):
        scale = list(ind.scale)
        return t("directions.grade_above" if which == "overshoot" else "directions.grade_at_least", lang,
                 actual=shown(actual), target=shown(target), scale=scale)

    def partial(self, actual, target, ind, band):
        scale = list(ind.scale or [])
        if actual in scale and target in scale and scale.index(actual) - scale.index(target) == 1:
            return 0.5, "band"
        return 0.0, "band"

    def candidates(self, ind, target, consts, all_targets):
        return list(ind.scale or [])

    def parse_target(self, raw, scale):
        if raw not in (scale or []):
            raise ValueError(t("directions.grade_unknown", "zh", raw=raw, scale=list(scale or [])))
        return raw

    def target_example(self, scale):
        return f"2021-12-31={scale[-2]}, 2023-12-31={scale[0]}"

    def questions(self, fields):
        yield "scale", t("directions.ask_scale", "zh"), parse_scale, GRADE_SCALE_EXAMPLE
        yield from super().questions(fields)

    def template_comment(self, ind, lang):
        return t("directions.template_grade", lang, scale=list(ind.scale or []))


DIRECTION = Grade()
