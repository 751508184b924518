"""Directions (达标方向): how an indicator's actual value meets its target. One module each.

A direction says, in one place, everything the tool must know of it: how a value cell is read,
what a staged target holds and how it is checked, the default pass and overshoot conditions,
the gap and completion, its words in notes and in `explain`, its partial score, the values
`validate` tries conditions with, and how `new indicator` asks for its targets.

To add a direction: write one module here with a subclass of base.Direction, add it to
MODULES below, and add its name to the `direction` enum of schemas/rules.schema.json
(docs/architecture.md walks through an example)."""
from __future__ import annotations

import importlib

from engine.directions.base import Direction

MODULES = ("higher", "lower", "equal", "range", "grade", "deadline")  # the order users see them in
_registry: dict[str, Direction] = {}


def registry() -> dict[str, Direction]:
    """name -> Direction, in MODULES order."""
    if not _registry:
        for name in MODULES:
            way = importlib.import_module(f"engine.directions.{name}").DIRECTION
            _registry[way.name] = way
    return _registry


def names() -> tuple[str, ...]:
    return tuple(registry())


def get(name: str) -> Direction:
    """The direction of this name; an unknown one (a rule file with schema errors, read leniently)
    is read as the first, so later checks still run."""
    found = registry()
    return found.get(name) or found[MODULES[0]]


def default_for(type_: str, unit: str) -> str:
    """The direction `new indicator` proposes for an indicator of this type and measure."""
    for way in registry().values():
        if way.proposed_for(type_, unit):
            return way.name
    return MODULES[0]
