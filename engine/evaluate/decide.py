"""The decision: which status an indicator has for a unit, and which rule of the order decided it.

One vectorised choice over columns (any number of indicators × units at once), in this order:
no target is due yet → not_due; the target asks for nothing yet → not_due; no actual value →
missing; passed and over → exceeded; passed → achieved; done, but after its deadline → late
(逾期完成: nothing more can be done); time left → in_progress; past the
indicator's own deadline, or at the final target's date → not_achieved. `explain` words the
rule that fired; nothing decides again."""
from __future__ import annotations

import numpy as np
import pandas as pd

RULES = ("not_due", "nothing_due", "missing", "exceeded", "achieved", "late", "in_progress",
         "not_achieved_deadline", "not_achieved_final")
STATUS = {"not_due": "not_due", "nothing_due": "not_due", "missing": "missing", "exceeded": "exceeded",
          "achieved": "achieved", "late": "late", "in_progress": "in_progress", "not_achieved_deadline": "not_achieved",
          "not_achieved_final": "not_achieved", "error": "error"}


def decide(due, nothing_due, missing, passed, over, late, time_left, past_deadline) -> np.ndarray:
    """The rule that fired for each row (boolean columns of equal length)."""
    conditions = [~due, nothing_due, missing, passed & over, passed, late, time_left, past_deadline]
    fired = np.select([np.asarray(c, dtype=bool) for c in conditions], list(range(len(RULES) - 1)), len(RULES) - 1)
    return _NAMES[fired]  # the rules' own str objects, shared by the rows (not one new str per row)


_NAMES = np.array(RULES, dtype=object)


def status_of(rules) -> np.ndarray:
    """The status each rule gives."""
    rules = pd.Series(np.asarray(rules, dtype=object), dtype=object)
    unknown = ~rules.isin(list(STATUS))
    if unknown.any():
        raise KeyError(rules[unknown].iloc[0])
    return rules.map(STATUS).to_numpy(dtype=object)
