"""The statuses as groups, decided once: which are behind, which need a cause, which are exceptions,
and how each is counted in the roll-ups (words: engine/text/labels.STATUSES)."""
from __future__ import annotations

ORDER = ("exceeded", "achieved", "in_progress", "late", "not_achieved", "not_due", "missing", "error")
MET = ("exceeded", "achieved")
BEHIND = ("in_progress", "late", "not_achieved")      # a value that falls short of its target
NEEDS_CAUSE = BEHIND + ("missing",)                  # staff must say why (cause notes, cause_missing)
EXCEPTIONS = NEEDS_CAUSE + ("error",)                # the exception list
FINAL_MISS = ("late", "not_achieved")                 # no time left to meet the target
COUNTED_AS = {"exceeded": "achieved", "late": "not_achieved"}  # roll-ups count these in those columns too
