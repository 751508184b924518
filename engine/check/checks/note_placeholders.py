"""{placeholders} in cause notes that jixiao does not fill (they would print as nothing)."""
from __future__ import annotations

import re

from engine.check.context import problem
from engine.check.registry import RULES, check
from engine.core.suggest import near

NOTE_FIELDS = ("actual", "target", "gap", "unit", "name", "id", "final_target", "completion", "unit_id")


@check(RULES, "validate.note_placeholder")
def check_note_placeholders(ctx):
    problems = []
    for ind in ctx.rules.indicators:
        causes = ctx.raw(ind).get("causes")  # as written: a note is not a formula, and k is its place
        for k, item in enumerate(causes if isinstance(causes, list) else []):
            note = item.get("note") if isinstance(item, dict) else None
            if not isinstance(note, str):
                continue
            for name in re.findall(r"(?<!\{)\{(\w*)\}(?!\})", note):
                if name not in NOTE_FIELDS:
                    line, col = ctx.mark(ind, "causes", k, "note")
                    line, col = ctx.find(ind.file, line, "{" + name + "}", col, 3) if name else (line, col)
                    problems.append(problem("validate.note_placeholder", ind.file, line, col,
                                            ind.path(f"causes[{k}].note"), placeholder="{" + name + "}",
                                            near=near(name, NOTE_FIELDS), allowed=list(NOTE_FIELDS)))
    return problems
