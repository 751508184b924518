"""How numbers, rates and dates are printed: the configured rounding, half-up or truncated."""
from __future__ import annotations

import math
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal
from functools import lru_cache

import pandas as pd

from engine.text.vocabulary import DATE_UNITS


# The numbers jixiao reads (value tables, ledgers, rule files) lie within ±LARGEST and, unless 0, are
# at least SMALLEST in size: a ratio of two of them stays finite and prints exactly. Beyond: refused.
LARGEST = 1e15
SMALLEST = 1e-9
# Enough digits for any finite float with its decimals (1.8e308 has 309): Decimal's default of 28
# raises InvalidOperation on quantize(1e26) and printing must never fail.
_WIDE = Context(prec=400, Emax=999999, Emin=-999999)


def in_range(value: float) -> bool:
    """Whether a number read from the user's files is one jixiao computes with (see LARGEST)."""
    size = abs(float(value))
    return math.isfinite(size) and size <= LARGEST and (size == 0 or size >= SMALLEST)


def rounded(value: float, digits: int, mode: str = "half_up") -> float | None:
    if type(value) is float:  # the common case, without pandas' isna
        return _rounded(repr(value), digits, mode) if math.isfinite(value) else None
    if value is None or pd.isna(value) or not math.isfinite(float(value)):
        return None
    return _rounded(repr(float(value)), digits, mode)


# Decimal work once per distinct value: a province's tables repeat the same figures many times
@lru_cache(maxsize=1 << 16)
def _rounded(shown: str, digits: int, mode: str) -> float:
    q = Decimal(1).scaleb(-digits)
    # first drop binary noise (29/50*100 is 57.99999999999999 as a float), then apply the mode
    exact = Decimal(shown).quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP, context=_WIDE)
    d = exact.quantize(q, rounding=ROUND_HALF_UP if mode == "half_up" else ROUND_DOWN, context=_WIDE)
    return float(d)


def rate_text(value: float | None, digits: int, mode: str) -> str:
    r = rounded(value, digits, mode)
    return "-" if r is None else f"{r:.{digits}f}%"


def number_text(value, digits: int = 4) -> str:
    """12 -> "12", 98.42 -> "98.42", 2/3 -> "0.6667"; dates as 2021-12-31."""
    if type(value) is float:  # the common case, without pandas' isna
        return _number_text(repr(value), digits) if math.isfinite(value) else "-"
    if value is None or (not isinstance(value, (str, dict, list)) and pd.isna(value)):
        return "-"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dict):
        return f"{number_text(value['min'], digits)}–{number_text(value['max'], digits)}"
    if isinstance(value, str):
        return value
    if not math.isfinite(float(value)):
        return "-"
    return _number_text(repr(float(value)), digits)


@lru_cache(maxsize=1 << 16)
def _number_text(shown: str, digits: int) -> str:
    d = Decimal(shown).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP, context=_WIDE).normalize(context=_WIDE)
    text = format(d, "f")
    return "0" if text == "-0" else text


def with_unit(value, unit: str, digits: int = 4) -> str:
    text = number_text(value, digits)
    if text == "-" or unit in DATE_UNITS or isinstance(value, (pd.Timestamp, str)):
        return text  # a date, a grade (优秀) or a conclusion (通过) carries no unit
    if unit == "%":
        return text + "%"
    return f"{text} {unit}"
