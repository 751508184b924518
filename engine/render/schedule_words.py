"""The words of expected progress (进度预警), written once for the exception list, the report's
section and explain: how the expected value was computed, and how far behind an indicator is."""
from __future__ import annotations

import pandas as pd

from engine.core.numbers import number_text, with_unit
from engine.text import t


def how_text(p: dict, measure: str, day: str, lang: str, digits: int = 2) -> str:
    """How the expected value was computed, from a record's progress (summarise/behind.py)."""
    start, end = pd.Timestamp(p["from"]), pd.Timestamp(p["to"])
    params = {"start": p["from"], "end": p["to"], "start_value": with_unit(p["from_value"], measure, digits),
              "end_value": with_unit(p["to_value"], measure, digits), "days": (end - start).days}
    if p["method"] == "step":
        return t("progress.step", lang, **params)
    elapsed = (pd.Timestamp(day) - start).days
    if p.get("base"):
        return t("progress.linear_base", lang, base=t(f"progress.base_{p['base']}", lang), elapsed=elapsed, **params)
    return t("progress.linear", lang, elapsed=elapsed, **params)


def share_text(share, lang: str) -> str:
    return "" if share is None else t("progress.share", lang, share=f"{number_text(share * 100, 2)}%")


def detail_text(item: dict, lang: str, digits: int = 2) -> str:
    """按进度应达 …，实际 …，落后 …（…%）"""
    m = item["measure"]
    return t("progress.detail", lang, expected=with_unit(item["expected"], m, digits),
             actual=with_unit(item["actual"], m, digits), gap=gap_text(item["gap"], m, lang, digits),
             share=share_text(item["share"], lang))


def gap_text(gap, measure: str, lang: str, digits: int = 2) -> str:
    """How far behind, with its measure; a rate's gap in percentage points."""
    if measure == "%":
        return t("progress.points", lang, points=number_text(gap, digits))
    return with_unit(gap, measure, digits)
