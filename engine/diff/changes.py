"""The changes between two rule sets, indicator by indicator (matched by id), each old → new."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

ADDED, REMOVED, RENAMED, TARGET, TYPE, DIRECTION, UNIT, LEVEL = (
    "added", "removed", "renamed", "target", "type", "direction", "unit", "level")


@dataclass(frozen=True)
class Change:
    kind: str            # added | removed | renamed | target | type | direction | unit | level
    id: str
    name: str            # the new name (the old one for a removed indicator)
    level: str
    stage: str = ""      # the stage date of a target change
    old: object = None
    new: object = None

    @property
    def amount(self):
        """new − old and its share of old, for numbers: (Decimal, Decimal | None); None otherwise."""
        if not (_number(self.old) and _number(self.new)):
            return None
        old, new = Decimal(str(self.old)), Decimal(str(self.new))
        return new - old, ((new - old) * 100 / old if old else None)

    def to_dict(self) -> dict:
        out = {"kind": self.kind, "id": self.id, "name": self.name, "level": self.level, "stage": self.stage or None,
               "old": _plain(self.old), "new": _plain(self.new)}
        if self.amount is not None:
            out["change"] = float(self.amount[0])
            out["change_percent"] = None if self.amount[1] is None else round(float(self.amount[1]), 2)
        return out


@dataclass
class RuleDiff:
    old: str
    new: str
    changes: list = field(default_factory=list)
    flips: list = field(default_factory=list)     # engine/diff/flips.Flip, with --snapshot
    snapshot: str | None = None


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _plain(value):
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value if value is None or isinstance(value, (int, float, str, bool)) else str(value)


def final_target(ind):
    return ind.targets[-1][1] if ind.targets else None


def diff_rules(old, new, old_name: str = "", new_name: str = "") -> RuleDiff:
    before = {i.id: i for i in old.indicators}
    after = {i.id: i for i in new.indicators}
    out = []
    for ind in new.indicators:
        was = before.get(ind.id)
        if was is None:
            out.append(Change(ADDED, ind.id, ind.name, ind.level, ind.targets[-1][0] if ind.targets else "",
                              None, final_target(ind)))
            continue
        if was.name != ind.name:
            out.append(Change(RENAMED, ind.id, ind.name, ind.level, "", was.name, ind.name))
        for kind, attr in ((LEVEL, "level"), (TYPE, "type"), (DIRECTION, "direction"), (UNIT, "unit")):
            if getattr(was, attr) != getattr(ind, attr):
                out.append(Change(kind, ind.id, ind.name, ind.level, "", getattr(was, attr), getattr(ind, attr)))
        old_targets, new_targets = dict(was.targets), dict(ind.targets)
        for stage in sorted(set(old_targets) | set(new_targets)):
            if old_targets.get(stage) != new_targets.get(stage):
                out.append(Change(TARGET, ind.id, ind.name, ind.level, stage, old_targets.get(stage), new_targets.get(stage)))
    for ind in old.indicators:
        if ind.id not in after:
            out.append(Change(REMOVED, ind.id, ind.name, ind.level, ind.targets[-1][0] if ind.targets else "",
                              final_target(ind), None))
    return RuleDiff(old_name, new_name, out)
