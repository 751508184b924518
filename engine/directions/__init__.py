"""Directions (达标方向): how an indicator's actual value meets its target. One module each.

A direction says, in one place, everything the tool must know of it: how a value cell is read,
what a staged target holds and how it is checked, the default pass and overshoot conditions,
the gap and completion, its words in notes and in `explain`, its partial score, the values
`validate` tries conditions with, and how `new indicator` asks for its targets.

To add a direction: write one module here whose DIRECTION is an instance of a subclass of
base.Direction (its `order` places it in lists users see), and add its name to the `direction`
enum of schemas/rules.schema.json (docs/architecture.md walks through an example)."""
from __future__ import annotations

import importlib
import pkgutil

from engine.directions.base import Direction

_registry: dict[str, Direction] = {}


def registry() -> dict[str, Direction]:
    """name -> Direction, every module of this folder that defines DIRECTION, in their order."""
    if not _registry:
        found = []
        for module in pkgutil.iter_modules(__path__):
            way = getattr(importlib.import_module(f"{__name__}.{module.name}"), "DIRECTION", None)
            if isinstance(way, Direction):
                found.append(way)
        for way in sorted(found, key=lambda w: (w.order, w.name)):
            _registry[way.name] = way
    return _registry


def names() -> tuple[str, ...]:
    return tuple(registry())


def get(name: str) -> Direction:
    """The direction of this name; an unknown one (a rule file with schema errors, read leniently)
    is read as the first, so later checks still run."""
    found = registry()
    return found.get(name) or next(iter(found.values()))


def default_for(type_: str, unit: str) -> str:
    """The direction `new indicator` proposes for an indicator of this type and measure."""
    for way in registry().values():
        if way.proposed_for(type_, unit):
            return way.name
    return next(iter(registry()))
