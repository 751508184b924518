"""The checks of `jixiao audit`, one module each in engine/audit/checks/, registered where they are
written. A check is a function of the AuditContext returning Findings and Checked records; its
name keys its one-line doc in engine/text/audit.py (doc_<name>)."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from engine.text import t

_registered: list = []
_state = {"loaded": False}


@dataclass(frozen=True)
class AuditCheck:
    name: str
    run: Callable
    needs_results: bool = False    # runs only with --rules/--datasets/--snapshot

    def doc(self, lang: str = "zh") -> str:
        return t(f"audit.doc_{self.name}", lang)


def audit_check(name: str, needs_results: bool = False):
    def register_function(fn):
        register(AuditCheck(name, fn, needs_results))
        return fn
    return register_function


def register(found: AuditCheck) -> AuditCheck:
    _load()
    if any(c.name == found.name for c in _registered):
        raise ValueError(f"an audit check named {found.name!r} is registered already")
    _registered.append(found)
    return found


def unregister(name: str) -> None:
    _registered[:] = [c for c in _registered if c.name != name]


def checks() -> list[AuditCheck]:
    _load()
    return list(_registered)


def _load() -> None:
    if _state["loaded"]:
        return
    _state["loaded"] = True
    from engine.audit.checks import MODULES
    for name in MODULES:
        importlib.import_module(f"engine.audit.checks.{name}")
