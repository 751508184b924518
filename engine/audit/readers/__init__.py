"""One reader per input format, chosen by the file's suffix: each gives a Document
(engine/audit/document.py). A new format is one module here with SUFFIXES and read(path)."""
from __future__ import annotations

import importlib
from pathlib import Path

from engine.core.problems import InputError, Problem

MODULES = ("markdown", "plain", "word")


def _readers() -> dict:
    found = {}
    for name in MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        found.update({suffix: module.read for suffix in module.SUFFIXES})
    return found


def suffixes() -> list[str]:
    return sorted(_readers())


def read(path: Path):
    """The Document of a report; InputError (exit 2) when it is missing, of an unknown kind or unreadable."""
    path = Path(path)
    readers = _readers()
    if not path.is_file():
        raise InputError([Problem("audit.no_report", str(path))])
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise InputError([Problem("audit.unknown_kind", str(path), params={"suffix": path.suffix or "∅",
                                                                            "known": suffixes()})])
    return reader(path)


def text_of(path: Path) -> str:
    """A text file as UTF-8, or GB18030 (what Chinese editors save as ANSI)."""
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError([Problem("audit.encoding", str(path))])
