"""The statuses a change of the rules flips at one snapshot: both rule sets evaluated through the one
pipeline (engine/pipeline.py), their decision records compared indicator by indicator."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Flip:
    id: str
    unit: str
    name: str
    old: str | None     # the status under the old rules (None: no such indicator)
    new: str | None

    def to_dict(self) -> dict:
        return {"id": self.id, "unit": self.unit, "name": self.name, "old_status": self.old, "new_status": self.new}


def flips(old_dir, new_dir, old_rules, new_rules, datasets_dir, date: str, lang: str, unit=None):
    """(the flips, the warnings of both runs, the files read)."""
    from engine.pipeline import run
    before = run(old_dir, datasets_dir, date, lang, unit, rules=old_rules, progress=False)
    after = run(new_dir, datasets_dir, date, lang, unit, rules=new_rules, progress=False)
    was = {(r["id"], r["unit"]): r for r in before.summary.indicators}
    now = {(r["id"], r["unit"]): r for r in after.summary.indicators}
    out = []
    for key in list(now) + [k for k in was if k not in now]:
        old, new = was.get(key, {}).get("status"), now.get(key, {}).get("status")
        if old != new:
            out.append(Flip(key[0], key[1], (now.get(key) or was.get(key))["name"], old, new))
    return out, before.messages + after.messages, before.inputs + after.inputs
