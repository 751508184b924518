"""What the evaluation read, kept on request (evaluate(..., record=True)) for `jixiao explain`:
each formula's inputs and result, and the ledger rows each aggregate of the actual formula read."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FormulaTrace:
    formula: object        # core.model.Formula
    names: dict            # name -> value read (a Series over units, or one value)
    result: object         # the condition's truth per unit (None for the actual formula: see the record)


@dataclass
class Trace:
    calls: list = field(default_factory=list)      # functions.Library calls of the actual formula
    formulas: dict = field(default_factory=dict)   # formula key -> FormulaTrace
    error: object = None                           # the actual formula's error (code, params), if any
