"""The arithmetic behind a finding, written the same way in every language."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from engine.audit.figures import plain
from engine.text.audit_vocabulary import MORE_DIGITS


def total(parts: list, result: Decimal) -> str:
    return " + ".join(plain(p) for p in parts) + f" = {plain(result)}"


def quotient(numerator: Decimal, denominator: Decimal, exact: Decimal, per_cent: bool = True) -> str:
    """21 ÷ 22 = 95.4545 and an ellipsis, in per cent"""
    shown = exact.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    more = MORE_DIGITS if shown != exact else ""
    return f"{plain(numerator)} ÷ {plain(denominator)} = {plain(shown)}{more}{'%' if per_cent else ''}"


def at(value: Decimal, decimals: int, per_cent: bool = True) -> str:
    """The value printed at the report's precision: 95.45%."""
    text = format(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), "f")
    return text + ("%" if per_cent else "")
