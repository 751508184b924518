"""Each unit's indicators by status and its completion rate: the sum of its levels' roll-ups. A
province's workbook and report open on these, one row per college, before any college's detail."""
from __future__ import annotations

import math

from engine.core.numbers import rate_text, rounded
from engine.summarise.summary import COUNTS


def unit_totals(summary) -> list[dict]:
    """One dict per unit, in the summary's unit order: unit, name, COUNTS, rate (None when nothing is
    due yet) and rate_text, as a roll-up row gives them."""
    totals: dict = {}
    for r in summary.rollups:
        if r["grouping"] == "level":
            counts = totals.setdefault(r["unit"], dict.fromkeys(COUNTS, 0))
            for key in COUNTS:
                counts[key] += r[key]
    settings, out = summary.settings, []
    for unit, name in summary.units.items():
        counts = totals.get(unit, dict.fromkeys(COUNTS, 0))
        due = counts["total"] > counts["not_due"]  # nothing due yet: no rate ("-"), not 0.00%
        value = counts["achieved"] / counts["total"] * 100 if due else math.nan
        out.append({"unit": unit, "name": name or unit, **counts,
                    "rate": rounded(value, settings.digits, settings.rounding),
                    "rate_text": rate_text(value, settings.digits, settings.rounding)})
    return out
