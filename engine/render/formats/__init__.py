"""One registry of output formats for every command.

A format is registered once: its name, the --output suffixes that select it, whether it is binary
(a workbook: it cannot be printed and needs --output), and a renderer for each kind of result it
can write. The kinds, the command that makes each, and what its renderers take:

    summary     evaluate   render(summary, exceptions_only, every) -> str | bytes  (every: evaluate --all)
    pieces      evaluate   pieces(summary, exceptions_only, every) -> bytes (or memoryviews) piece by piece, the same
                           as its summary renderer's, for an --output file written as they come
                           (optional: a province's JSON is never held whole)
    comparison  compare    render(result, settings, lang) -> str
    report      report     render(document) -> str
    problems    validate   render(problems, lang) -> str      (registered later)
    trace       explain    render(trace, lang) -> str         (registered later)
    audit       audit      render(audit, lang) -> str          (registered later)
    diff        diff       render(diff, lang) -> str | bytes   (registered later)
    forecast    forecast   render(forecast, lang) -> str       (registered later)

A command asks the registry:

    choices("summary")               the names for its click.Choice, in their order
    for_output("summary", path)      the format an --output suffix selects (None: none does)
    get("xlsx")                      the Format: .binary, .suffixes
    renderer("summary", "xlsx")      the function

Adding a format is one new module in this folder that calls register(); every module here is
imported on first use, so nothing else changes:

    from engine.render.formats import register
    register("yaml", order=35, suffixes=(".yaml", ".yml"), summary="engine.render.yaml_out:render")

A renderer is a function, or "module:function", imported only when that format is used.

A kind registered later for formats that exist (validate's problems, explain's trace) is one
module too: add("problems", "json", problems.as_json) adds a renderer to a format registered
elsewhere, and register("human", order=1, problems=problems.human) makes a format of its own.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

KINDS = ("summary", "pieces", "comparison", "report", "problems", "trace", "audit", "diff", "forecast")


@dataclass(frozen=True)
class Format:
    name: str
    order: int                 # its place among a command's choices: smaller first
    suffixes: tuple = ()       # lower case, with the dot; the first is the one shown in messages
    binary: bool = False


_formats: dict[str, Format] = {}
_renderers: dict[str, dict[str, Callable]] = {kind: {} for kind in KINDS}
_state = {"loaded": False}


def register(name: str, *, order: int, suffixes: tuple = (), binary: bool = False, **renderers: Callable) -> Format:
    """Register a format once, with a renderer for each kind it writes (summary=…, report=…)."""
    if name in _formats:
        raise ValueError(f"output format {name!r} is registered twice")
    _formats[name] = Format(name, order, tuple(s.lower() for s in suffixes), binary)
    for kind, render in renderers.items():
        add(kind, name, render)
    return _formats[name]


def add(kind: str, name: str, render: Callable) -> None:
    """A renderer of one kind for a format (registered here or by another module)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of result {kind!r}; known: {', '.join(KINDS)}")
    if name in _renderers[kind]:
        raise ValueError(f"output format {name!r} has two renderers for {kind}")
    _renderers[kind][name] = render


def _load() -> None:
    """Import every module of this folder (each registers its formats), once."""
    if _state["loaded"]:
        return
    _state["loaded"] = True
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")
    for kind, by_name in _renderers.items():
        unknown = sorted(set(by_name) - set(_formats))
        if unknown:
            raise ValueError(f"renderers for {kind} name formats nobody registered: {', '.join(unknown)}")


def _of_kind(kind: str) -> list[Format]:
    _load()
    return sorted((_formats[name] for name in _renderers[kind]), key=lambda f: (f.order, f.name))


def choices(kind: str) -> list[str]:
    """The formats that can write this kind of result, in order (a command's --format choices)."""
    return [f.name for f in _of_kind(kind)]


def suffixes(kind: str) -> list[str]:
    """The --output suffixes that select a format of this kind, in order."""
    return [s for f in _of_kind(kind) for s in f.suffixes]


def for_output(kind: str, path) -> str | None:
    """The format of this kind that an --output file's suffix selects; None when none does."""
    suffix = Path(path).suffix.lower() if path else ""
    return next((f.name for f in _of_kind(kind) if suffix and suffix in f.suffixes), None)


def get(name: str) -> Format:
    _load()
    return _formats[name]


def has(kind: str, name: str) -> bool:
    """Whether the format has a renderer of this kind (an optional kind: pieces)."""
    _load()
    return name in _renderers[kind]


def renderer(kind: str, name: str) -> Callable:
    """The function; a renderer registered as "module:function" is imported now, when it is used
    (the workbook's openpyxl is loaded only when a workbook is written)."""
    _load()
    found = _renderers[kind][name]
    if isinstance(found, str):
        module, _, attr = found.partition(":")
        found = _renderers[kind][name] = getattr(importlib.import_module(module), attr)
    return found
