"""其中 A 个、B 个、C 个: the parts against the whole stated just before them (in the same sentence, or
at the end of the sentence before when 其中 opens one: 总投入 7947 万元。其中，中央财政 1200 万元 …)."""
from __future__ import annotations

from engine.audit import arithmetic
from engine.audit.figures import plain
from engine.audit.finding import Finding
from engine.audit.registry import audit_check
from engine.audit.sentences import parts_lists


@audit_check("parts")
def check_parts(ctx):
    out = []
    for para in ctx.doc.paragraphs:
        for found in parts_lists(para.text):
            if found.whole is None:
                continue
            values = [p.value for p in found.parts]
            result = sum(values)
            if result != found.whole.value:
                out.append(Finding("parts", para.place(found.whole.start), found.whole.text + found.whole.unit,
                                   plain(result) + found.whole.unit,
                                   f"{arithmetic.total(values, result)} ≠ {found.whole.text}; "
                                   f"{found.whole.text} − {plain(result)} = {plain(found.whole.value - result)}"))
    return out
