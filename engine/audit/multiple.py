"""是 A 的 N 倍: where a report states a multiple, and the multiple judged at its printed precision."""
from __future__ import annotations

from decimal import Decimal

from engine.audit.figures import in_text, plain
from engine.audit.finding import Checked, Finding
from engine.audit.rounding import EXACT, convention
from engine.audit.sentences import sentence_start
from engine.text.audit_vocabulary import MULTIPLE


def stated_multiples(para):
    """(the figure, the multiple's match) for every 是…的 N 倍 with a figure before it in its sentence."""
    text = para.text
    for m in MULTIPLE.finditer(text):
        before = [f for f in in_text(text[sentence_start(text, m.start()):m.start()]) if not f.is_rate]
        if before:
            yield before[-1], m


def judge(place, value: Decimal, base: Decimal, times_text: str):
    """value ÷ base against the stated multiple, at its printed precision."""
    times = Decimal(times_text)
    decimals = len(times_text.split(".")[1]) if "." in times_text else 0
    exact = (value / base).quantize(Decimal("1e-10"))
    found = convention(times, exact, decimals)
    arithmetic = f"{plain(value)} ÷ {plain(base)} = {plain(exact.quantize(Decimal('0.0001')))}"
    if found is None:
        return Finding("multiple", place, times_text, plain(exact.quantize(Decimal(1).scaleb(-max(decimals, 1)))),
                       f"{arithmetic} ≠ {times_text}")
    return Checked(place, times_text, arithmetic, found) if found != EXACT else None
