"""是 A 的 N 倍: a figure against the figure it is a multiple of, when the sentence states both
(是 2020 年 600 人次的 1.5 倍). A multiple of a target the text does not state is checked by the
evaluated check, with --rules and a snapshot; without them it is skipped."""
from __future__ import annotations

from engine.audit.figures import in_text
from engine.audit.multiple import judge, stated_multiples
from engine.audit.registry import audit_check


@audit_check("multiples")
def check_multiples(ctx):
    out = []
    for para in ctx.doc.paragraphs:
        for figure, m in stated_multiples(para):
            of = [f for f in in_text(m.group("what")) if f.unit == figure.unit and f.value]
            if of:
                out.append(judge(para.place(m.start("times")), figure.value, of[-1].value, m.group("times")))
    return [f for f in out if f is not None]
