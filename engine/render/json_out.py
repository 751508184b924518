"""JSON for programs: snapshot, indicators, summary and exceptions; stable key order."""
from __future__ import annotations

import json


def document(summary, exceptions_only: bool = False) -> dict:
    doc = {"snapshot": summary.snapshot, "units": summary.units}
    if not exceptions_only:
        doc["indicators"] = summary.indicators
        doc["summary"] = summary.rollups
        doc["tables"] = summary.tables
        doc["scores"] = getattr(summary, "scores", None) or {}  # engine/scores.py
    doc["exceptions"] = summary.exceptions
    return doc


def render(summary, exceptions_only: bool = False) -> str:
    return json.dumps(document(summary, exceptions_only), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
