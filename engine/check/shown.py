"""How checks write values into a problem's params: as users wrote them (2021, not 2021.0), and
words in both languages, so that the message is chosen when it is printed."""
from __future__ import annotations

import pandas as pd

from engine.text import t

SEP = "、"  # lists in params, as every problem writes them


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


def allowed_text(items):
    """What may be written instead, as problems list it; the word for none when there is none."""
    return SEP.join(items) or both("validate.none")


def dates_text(dates) -> str:
    return SEP.join(sorted(dates))


def both(key: str, **params) -> dict:
    """A text of the catalogue in both languages: a param filled in the language printed."""
    return {"zh": t(key, "zh", **params), "en": t(key, "en", **params)}

