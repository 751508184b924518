"""How checks write values into a problem's params: as users wrote them (2021, not 2021.0), and
words in both languages, so that the message is chosen when it is printed."""
from __future__ import annotations

import pandas as pd

from engine.text import both  # noqa: F401  (the checks read it from here)


def show(value) -> str:
    """A number as written: 4 for 4.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def value_text(value) -> str:
    """A value-table cell as written: a date as 2021-03-01."""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return show(value)


def cell_text(value) -> str:
    """A ledger cell as a filter value is written: 2021 for 2021.0, 2021-03-01 for a date."""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return show(value) if isinstance(value, float) else str(value)


def allowed_text(names) -> list:
    """What may be written instead, as problems list it (a list param: shown joined, or as none)."""
    return list(names)


def dates_text(dates) -> list:
    return sorted(dates)

