"""The counts of a level's indicators the report states (engine/audit/counts.py) against each other:
the same count (or completion rate) stated twice alike; achieved, in progress, not achieved, not
due, missing and rule errors together no more than the total (each indicator has one status);
exceeded no more than achieved (exceeded ones are counted as achieved)."""
from __future__ import annotations

from engine.audit.counts import stated
from engine.audit.finding import Finding
from engine.audit.registry import audit_check
from engine.text import both, t
from engine.text.audit_vocabulary import EXCLUSIVE_STATS


def _what(subject, level) -> dict:
    return {lang: subject.word(lang, level) for lang in ("zh", "en")}


@audit_check("indicator_counts")
def check_indicator_counts(ctx):
    counts, rates = stated(ctx.doc)
    first, out = {}, []
    rate_first = {}
    for r in rates:
        key = (r.level, r.subject.grouping, r.subject.key)
        if key in rate_first and rate_first[key].figure.value != r.figure.value:
            was = rate_first[key]
            out.append(Finding("counts_restated", r.place, r.figure.text, was.figure.text, f"{r.figure.text} ≠ {was.figure.text}",
                               {"what": {lang: t("audit.stat_rate", lang, subject=r.subject.word(lang, r.level))
                                         for lang in ("zh", "en")}}, was.place))
        rate_first.setdefault(key, r)
    for c in counts:
        key = (c.level, c.subject.grouping, c.subject.key, c.stat)
        if key in first and first[key].figure.value != c.figure.value:
            was = first[key]
            out.append(Finding("counts_restated", c.place, c.figure.text + c.figure.unit, was.figure.text + was.figure.unit,
                               f"{c.figure.text} ≠ {was.figure.text}",
                               {"what": {lang: t(f"audit.stat_{c.stat}", lang, subject=c.subject.word(lang, c.level))
                                         for lang in ("zh", "en")}}, was.place))
        first.setdefault(key, c)
    for (level, grouping, key, stat), total in first.items():
        if stat != "total":
            continue
        achieved = first.get((level, grouping, key, "achieved"))
        exceeded = first.get((level, grouping, key, "exceeded"))
        others = [first[(level, grouping, key, s)] for s in EXCLUSIVE_STATS[1:] if (level, grouping, key, s) in first]
        if achieved and others and achieved.figure.value + sum(o.figure.value for o in others) > total.figure.value:
            rest = sum(o.figure.value for o in others)
            parts = [achieved.figure.text] + [o.figure.text for o in others]
            out.append(Finding("counts_sum", achieved.place, achieved.figure.text + achieved.figure.unit,
                               str(total.figure.value - rest),
                               f"{' + '.join(parts)} = {achieved.figure.value + rest} > {total.figure.text}",
                               {"what": _what(total.subject, level), "total": total.figure.text,
                                "others": [both(f"audit.others_{o.stat}", n=o.figure.text) for o in others]},
                               total.place))
        if achieved and exceeded and exceeded.figure.value > achieved.figure.value:
            out.append(Finding("counts_exceeded", exceeded.place, exceeded.figure.text + exceeded.figure.unit,
                               achieved.figure.text, f"{exceeded.figure.text} > {achieved.figure.text}",
                               {"what": _what(total.subject, level)}, achieved.place))
    return out
