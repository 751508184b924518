"""JSON for programs: snapshot, indicators, summary and exceptions; stable key order."""
from __future__ import annotations

import json
import math

RECORDS = ("indicators", "exceptions", "behind_schedule")  # built NaN-free, value by value (summarise/summary.py)
SCORED = ("weight", "earned")  # the only numbers of a score's indicator row (summarise/scores.py)


def document(summary, exceptions_only: bool = False) -> dict:
    doc = {"snapshot": summary.snapshot, "units": summary.units}
    if not exceptions_only:
        doc["indicators"] = summary.indicators
        doc["summary"] = summary.rollups
        doc["tables"] = summary.tables
        doc["scores"] = getattr(summary, "scores", None) or {}  # engine/scores.py
    doc["exceptions"] = summary.exceptions
    if getattr(summary, "behind", None):  # 进度预警: only when something is behind schedule
        doc["behind_schedule"] = summary.behind
    return doc


def render(summary, exceptions_only: bool = False, every: bool = False) -> bytes:
    """UTF-8 bytes: a province's text is not decoded only to be encoded again when written."""
    return dumps(document(summary, exceptions_only), trusted=RECORDS, encoded=True)


def dumps(doc, trusted: tuple = (), encoded: bool = False) -> str | bytes:
    """Indented JSON, as json.dumps(indent=2, ensure_ascii=False) writes it, NaN refused.

    Python's indenting encoder is pure Python (seconds for a province); orjson writes the same bytes
    in C, but for two things: it writes NaN as null (so json's C encoder checks every part first,
    but the record lists `trusted` names, which are built with None for every missing number, and of
    the scores' row per result, only its numbers), and
    a float below 1e-4 otherwise (so where one appears, json writes the whole)."""
    checked = {k: v for k, v in doc.items() if k not in trusted} if isinstance(doc, dict) else doc
    scores = checked.get("scores") if trusted and isinstance(checked, dict) else None
    if isinstance(scores, dict) and isinstance(scores.get("indicators"), list):  # a row per result: only its numbers
        _finite([row[k] for row in scores["indicators"] for k in SCORED])
        checked = {**checked, "scores": {k: v for k, v in scores.items() if k != "indicators"}}
    json.dumps(checked, ensure_ascii=False, allow_nan=False, separators=(",", ":"))  # raises on NaN
    try:
        import orjson
        out = orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except (ImportError, TypeError):  # no orjson here, or a value it writes otherwise: json says it
        out = None
    if out is None or _tiny_float(out):
        text = json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        return text.encode("utf-8") if encoded else text
    return out if encoded else out.decode("utf-8")


def _finite(numbers: list) -> None:
    """json's refusal of NaN and infinities, for a list of numbers (None for a missing one)."""
    if not all(map(math.isfinite, (v for v in numbers if v is not None))):
        raise ValueError("Out of range float values are not JSON compliant")


def _tiny_float(text: bytes) -> bool:
    """A float below 1e-4, which orjson writes as 0.00001 or 1.2e-5 and json as 1e-05 or 1.2e-05 (a
    string holding such text only costs speed)."""
    if b"0.0000" in text:
        return True
    at = text.find(b"e-")
    while at >= 0:
        if at and text[at - 1:at].isdigit() and text[at + 2:at + 3] in b"123456789" and \
                not text[at + 3:at + 4].isdigit():
            return True
        at = text.find(b"e-", at + 2)
    return False
