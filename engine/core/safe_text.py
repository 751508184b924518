"""Control characters from the user's files (a BEL or ESC pasted into a staff note, "\\a" or "\\e"
escapes in YAML) shown as visible symbols wherever text leaves jixiao for a workbook or a
terminal: openpyxl refuses them in a cell, and ESC [ … would recolour or rewrite the screen."""
from __future__ import annotations

import re

# C0 controls but tab, newline and carriage return (CSV lines end in CR LF), DEL, C1 controls
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_PICTURES = {c: chr(0x2400 + c) for c in range(0x20)} | {0x7F: "\u2421"}  # ␀ ␇ ␛ … and ␡


def _picture(match: re.Match) -> str:
    code = ord(match.group(0))
    return _PICTURES.get(code, "\ufffd")  # a C1 control has no picture: the replacement character


def visible(text: str) -> str:
    """text with each control character (but tab, newline and CR) replaced by its Unicode picture:
    BEL as ␇, ESC as ␛, NUL as ␀. Text without one is returned as it is."""
    if not isinstance(text, str) or not CONTROL.search(text):
        return text
    return CONTROL.sub(_picture, text)
