"""Plain text (.txt): headings are short lines numbered the report's way (一、 （一） 1. （1））."""
from __future__ import annotations

from engine.audit.readers import text_of
from engine.audit.readers.lines import build
from engine.text.audit_vocabulary import NOT_HEADING_END, TEXT_HEADING

SUFFIXES = (".txt", ".text")


def heading(text: str):
    stripped = text.strip()
    if TEXT_HEADING.match(stripped) and stripped[-1] not in NOT_HEADING_END:
        return stripped
    return None


def read(path):
    text = text_of(path)
    return build(str(path), list(enumerate(text.splitlines(), start=1)), heading)
