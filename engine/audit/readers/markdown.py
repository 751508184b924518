"""Markdown (.md): # headings; tables as | rows or as tab-separated lines (a converted .docx)."""
from __future__ import annotations

import re

from engine.audit.readers import text_of
from engine.audit.readers.lines import build

SUFFIXES = (".md", ".markdown")
HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")


def heading(text: str):
    match = HEADING.match(text)
    return match.group(1).replace("**", "").strip() if match else None


def read(path):
    """Lines of fenced code blocks are left out: code is not a statement of the report."""
    lines, fenced = [], False
    for number, line in enumerate(text_of(path).splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((number, line))
    return build(str(path), lines, heading)
