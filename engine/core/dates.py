"""Dates as rules and folders write them: YYYY-MM-DD."""
from __future__ import annotations

import datetime as dt
import re

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def valid_date(text) -> bool:
    """A date the calendar has (2021-02-29 is not one)."""
    try:
        dt.date.fromisoformat(str(text))
        return True
    except ValueError:
        return False


def iso_date(text) -> bool:
    """Written YYYY-MM-DD and a real date."""
    return bool(ISO.fullmatch(str(text))) and valid_date(text)
