"""JSON for programs: snapshot, indicators, summary and exceptions; stable key order."""
from __future__ import annotations

import json
import re

# Python writes a tiny float as 1e-05, orjson as 1e-5: where the text holds one, Python's own encoder
# writes the whole document, so the bytes never depend on which encoder ran.
_TINY = re.compile(r"\de-0\d")


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
    return dumps(document(summary, exceptions_only))


def dumps(doc) -> str:
    """Indented JSON, as json.dumps(indent=2, ensure_ascii=False) writes it, NaN refused. Python's
    indenting encoder is pure Python (seconds for a province); orjson writes the same bytes in C, after
    the C compact encoder has refused NaN and shown where the two would write a float differently."""
    compact = json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    if not _TINY.search(compact):
        try:
            import orjson
        except ImportError:  # an environment without it: the same bytes, slower
            orjson = None
        if orjson is not None:
            try:
                return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
            except TypeError:  # a key or value orjson does not write as json does: let json say it
                pass
    return json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
