"""Which convention a printed figure follows: exact, rounded (half up), truncated at its printed
precision, or a completion rate capped at 100%. A figure that follows one of them is right."""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

EXACT, ROUNDED, TRUNCATED, CAPPED = "exact", "rounded", "truncated", "capped"


def printed(value: Decimal, decimals: int, mode) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=mode)


def convention(stated: Decimal, exact: Decimal, decimals: int, capped: bool = False) -> str | None:
    """The convention under which `stated` (printed with `decimals`) is `exact`; None: under none."""
    if stated == exact:
        return EXACT
    if printed(exact, decimals, ROUND_HALF_UP) == stated:
        return ROUNDED
    if printed(exact, decimals, ROUND_DOWN) == stated:
        return TRUNCATED
    if capped and stated == 100 and exact >= 100:
        return CAPPED
    return None


def matters(exact: Decimal, decimals: int) -> bool:
    """Whether rounding and truncation print this value differently (then the convention is worth saying)."""
    return printed(exact, decimals, ROUND_HALF_UP) != printed(exact, decimals, ROUND_DOWN)


def rate(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator ÷ denominator in per cent, to 10 places; None when the denominator is 0."""
    if denominator == 0:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("1e-10"))
