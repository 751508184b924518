"""The numbers a report prints: value, unit (or %), the decimals printed, and where they are."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from engine.text.audit_vocabulary import EMPTY_CELL, FIGURE, NUMBER_CELL, PERCENT_SIGNS


@dataclass(frozen=True)
class Figure:
    value: Decimal
    text: str          # as printed: 84.61%, 1200
    unit: str          # % for a rate, 万元, 个 … ("" in a table cell)
    start: int = 0     # its place in the paragraph's text
    end: int = 0

    @property
    def decimals(self) -> int:
        digits = self.text.rstrip("".join(PERCENT_SIGNS)).split(".")
        return len(digits[1]) if len(digits) == 2 else 0

    @property
    def is_rate(self) -> bool:
        return self.unit in PERCENT_SIGNS


def in_text(text: str) -> list[Figure]:
    """Every number with a unit or % in a text (years, dates and ranges are not figures)."""
    out = []
    for m in FIGURE.finditer(text):
        unit = "%" if m.group(2) in PERCENT_SIGNS else m.group(2)
        out.append(Figure(Decimal(m.group(1)), m.group(1) + ("%" if unit == "%" else ""), unit, m.start(), m.end()))
    return out


def in_cell(text: str) -> Figure | None:
    """A table cell's number (97.69% or 1,200); None for text, a dash or an empty cell."""
    m = NUMBER_CELL.match(text or "")
    if not m:
        return None
    number = m.group(1).replace(",", "")
    unit = "%" if m.group(2) else ""
    return Figure(Decimal(number), number + unit, unit)


def is_empty(text: str) -> bool:
    """An empty cell, or a dash: no value (counted as 0 in a column's sum)."""
    return bool(EMPTY_CELL.match(text or ""))


def plain(value: Decimal) -> str:
    """A number as a reader writes it: 327, 95.45, 1.5."""
    text = format(value.normalize(), "f") if value == value.to_integral_value() or "." in format(value, "f") else str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text
