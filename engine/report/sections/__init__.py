"""The report's sections, in order: one module each in this folder, registered with @section.

    from engine.report.sections import section

    @section("tasks", order=10, tables=("construction_tasks",))
    def tasks(ctx):              # ctx: engine.report.context.Context, one unit
        return Section(...)      # or None: the section is left out for this unit

build_all(ctx) calls every section in order and numbers the titles it gets (一、 二、 … / 1. 2. …).
`tables` names the ledger tables a section shows; the section of other tables shows the rest.
Adding a section is one new module here: every module of this folder is imported on first use.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable

from engine.report.context import numbered


@dataclass(frozen=True)
class Entry:
    key: str
    order: int
    build: Callable
    tables: tuple = ()


_entries: dict[str, Entry] = {}
_state = {"loaded": False}


def section(key: str, *, order: int, tables: tuple = ()):
    """Register the decorated function as the report section `key`, at `order` (smaller first)."""
    def register(build: Callable) -> Callable:
        if key in _entries:
            raise ValueError(f"report section {key!r} is registered twice")
        _entries[key] = Entry(key, order, build, tuple(tables))
        return build
    return register


def entries() -> list[Entry]:
    if not _state["loaded"]:
        _state["loaded"] = True
        for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
            importlib.import_module(f"{__name__}.{module}")
    return sorted(_entries.values(), key=lambda e: (e.order, e.key))


def shown_tables() -> set:
    """The ledger tables some section shows in its own place."""
    return {table for e in entries() for table in e.tables}


def build_all(ctx) -> list:
    """Every section this unit has, in order, numbered."""
    out = [s for s in (e.build(ctx) for e in entries()) if s is not None]
    for n, s in enumerate(out):
        s.title = numbered(n, ctx.lang) + s.title
    return out
