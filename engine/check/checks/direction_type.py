"""A direction that contradicts the type (a cost that is higher-is-better: each direction names
the types it does not suit), or a date unit (日期) on a direction that does not read dates."""
from __future__ import annotations

from engine.check.context import at_key, problem
from engine.check.registry import RULES, check
from engine.check.shown import both
from engine.text.fields import rule_field_words
from engine.text.labels import TYPES
from engine.text.vocabulary import DATE_UNITS


@check(RULES, "validate.direction_type", "validate.date_unit")
def check_direction_type(ctx):
    problems = []
    for ind in ctx.rules.indicators:
        where = at_key(ind, "direction")
        expected = ind.way.unsuited_types.get(ind.type)
        if expected:
            zh, en = TYPES[ind.type][:2]
            problems.append(problem("validate.direction_type", *where, type={"zh": zh, "en": en},
                                    direction=ind.direction, direction_text=both(f"validate.way_{ind.direction}"),
                                    field=rule_field_words("direction"),
                                    expected=expected, expected_text=both(f"validate.way_{expected}")))
        if ind.unit in DATE_UNITS and ind.value_kind != "date":
            problems.append(problem("validate.date_unit", *where, unit=ind.unit, direction=ind.direction))
    return problems
