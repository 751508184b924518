"""The checks of `jixiao validate`, registered where they are written (in the manner of yamllint).

A check is a function that returns Problems. It registers itself with the decorator `check`:
its scope (when it runs and what it is given), the problem codes it can report, and its name,
which keys its one-line doc in engine/text/checks.py. The shipped checks are the modules of
engine/check/checks/, imported in the order of their MODULES; a check registered later (a test's,
a plugin's) runs after those of its scope.

    RULES     check(ctx)        once, on the rule set (what could be read of it)
    SNAPSHOT  check(ctx, snap)  once per snapshot, as each is loaded
    LEDGERS   check(ctx)        once, across every snapshot loaded (ctx.snapshots)
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from engine.text import t

RULES, SNAPSHOT, LEDGERS = "rules", "snapshot", "ledgers"
SCOPES = (RULES, SNAPSHOT, LEDGERS)  # the order they run in

_registered: list[Check] = []
_loaded = False


@dataclass(frozen=True)
class Check:
    name: str        # key of its doc in engine/text/checks.py
    scope: str       # RULES | SNAPSHOT | LEDGERS
    codes: tuple     # the problem codes it can report
    run: Callable    # (ctx) or, for SNAPSHOT, (ctx, snapshot) -> [Problem]

    def doc(self, lang: str = "zh") -> str:
        """What it checks, in one line."""
        return t(f"checks.{self.name}", lang)


def check(scope: str, *codes: str, name: str | None = None):
    """Register the decorated function as a check of this scope that reports these codes; its
    name is the function's without a leading check_ unless given."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}: one of {SCOPES}")

    def register_function(fn):
        register(Check(name or fn.__name__.removeprefix("check_"), scope, codes, fn))
        return fn
    return register_function


def register(found: Check) -> Check:
    _load()  # the shipped checks first, whoever registers first
    if any(c.name == found.name for c in _registered):
        raise ValueError(f"a check named {found.name!r} is registered already")
    _registered.append(found)
    return found


def unregister(name: str) -> None:
    _registered[:] = [c for c in _registered if c.name != name]


def checks(scope: str | None = None) -> list[Check]:
    """The registered checks (of one scope), in the order they run."""
    _load()
    return [c for s in SCOPES if scope in (None, s) for c in _registered if c.scope == s]


def run(scope: str, ctx, *args) -> list:
    """The problems every check of this scope finds, check after check."""
    return [p for c in checks(scope) for p in c.run(ctx, *args)]


def codes() -> set[str]:
    """Every problem code a registered check can report."""
    return {code for c in checks() for code in c.codes}


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True  # before importing: each module registers through register()
    from engine.check.checks import MODULES
    for module in MODULES:
        importlib.import_module(f"engine.check.checks.{module}")
