"""One path from a cell to a value. Every table jixiao reads (a value table or a ledger from a
CSV or XLSX file, or the rows a rule test writes in YAML) arrives as text cells with a place
(Cells), and every cell is typed here, the same way, whoever reads it: numbers as people type
them (1,200  98.42%  １２３), dates (2021-12-31, 2021年12月31日), blanks as missing."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from engine.core.numbers import LARGEST, SMALLEST
from engine.text import vocabulary

ROW = "__row"  # the spreadsheet row of each record (or the YAML line of a rule test's row)


@dataclass
class Cells:
    """A table as read: text cells (str, or NaN when blank) under their headers, plus ROW."""
    frame: pd.DataFrame
    file: str                                        # as users see it: datasets/2021-12-31/values.csv
    columns: dict = field(default_factory=dict)      # header -> column number (1-based), where it has one
    places: dict = field(default_factory=dict)       # (frame index, header) -> (line, col, path): cells with
    #                                                  a place of their own (a rule test's YAML)
    table_place: tuple = (1, None, "")               # where a problem of the whole table is said
    distinct: dict = field(default_factory=dict)     # header -> (codes, texts): the column's distinct cleaned
    #                                                  texts (NaN last) and each row's position in them, as read

    def locate(self, index, header, path: str) -> tuple:
        """(line, column, path) of one cell."""
        if (index, header) in self.places:
            return self.places[(index, header)]
        return int(self.frame.at[index, ROW]), self.columns.get(header), path


# Invisible characters that ride along when ids are copied from web pages or Word: they would
# make S_NUM and S_NUM\u200b two different ids that look the same. Stripped with every kind of space.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_AROUND = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + INVISIBLE


def strip(text: str) -> str:
    return text.strip(_AROUND)


def clean(value):
    if not isinstance(value, str):
        return np.nan if value is None or pd.isna(value) else value
    value = strip(value)
    return value if value else np.nan


# --- cell values --------------------------------------------------------------------------

# Full-width ASCII (U+FF01–FF5E) and the ideographic space, as Chinese input methods type them. Not
# NFKC: that would also read ² and ① as digits (10² as 102), a silent misreading.
FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def texts_of(column: pd.Series) -> tuple[np.ndarray, list]:
    """(codes, distinct texts) of a column: each cell's place among the distinct texts, -1 when blank."""
    codes, uniques = pd.factorize(column.astype(object), use_na_sentinel=True)
    return codes, uniques.tolist()


def distinct(cell):
    """A column's parse from one cell's: cell(text) -> (value, bad) run once per distinct cell text
    (pd.factorize, in C) and spread back; a blank cell is missing and not bad. A province's ledgers
    repeat the same few words (单位, 级别, 建设任务) a thousand times; and one definition of a cell
    serves a column, a sample and a single value alike."""
    def each(text: pd.Series):
        codes, uniques = texts_of(text)
        parsed = [cell(u) for u in uniques]
        values = np.array([v for v, _ in parsed] + [np.nan], dtype=float)  # code -1 (blank) takes the last
        bad = np.array([b for _, b in parsed] + [False], dtype=bool)
        return pd.Series(values[codes], index=text.index), pd.Series(bad[codes], index=text.index)
    each.__doc__ = cell.__doc__
    return each


def each_distinct(column: pd.Series, cell) -> pd.Series:
    """cell(text) of every filled cell, run once per distinct text; a blank cell stays missing."""
    codes, uniques = texts_of(column)
    out = np.empty(len(uniques) + 1, dtype=object)
    out[:-1] = [cell(u) for u in uniques]
    out[-1] = np.nan  # code -1: a blank cell
    return pd.Series(out[codes], index=column.index, dtype=object)


def normalise(text: pd.Series) -> pd.Series:
    """Full-width digits and punctuation to ASCII (１２３ -> 123, ％ -> %), stripped."""
    return each_distinct(text, lambda s: _ascii(s) if isinstance(s, str) else s)


def cell_normalised(value):
    """One cell as normalise reads it: text with full-width characters as ASCII, stripped; a blank
    cell (or anything not text) as it is."""
    return _ascii(value) if isinstance(value, str) else value


def _ascii(text) -> str:
    """A cell's text, full-width characters as ASCII, stripped."""
    text = text if isinstance(text, str) else str(text)
    return (text if text.isascii() else text.translate(FULL_WIDTH)).strip()


def _distinct(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, texts): a column's distinct texts cleaned (stripped, a blank one missing), NaN last for
    a blank cell, and each cell's position in them."""
    if isinstance(column.dtype, pd.CategoricalDtype):  # found by the CSV parser: only those used are kept
        codes, uniques = _used_categories(column)
    else:
        codes, uniques = texts_of(column)
    texts = np.empty(len(uniques) + 1, dtype=object)
    texts[:] = [clean(u) for u in uniques] + [np.nan]  # code -1 takes the last: NaN
    return codes, texts


def _used_categories(column: pd.Series) -> tuple[np.ndarray, list]:
    """(codes, texts) of a categorical column, without the categories no cell holds (the header's
    text, read with the records, or a blank line's): a text no cell holds must not decide a column's
    type. Texts in the categories' order, not the cells': nothing reads their order."""
    codes = column.cat.codes.to_numpy()  # int8, int16 or int32, as few bytes as the categories need
    categories = column.cat.categories
    held = np.bincount(codes[codes >= 0] if len(codes) and codes.min() < 0 else codes,
                       minlength=len(categories)) > 0
    if held.all():
        return codes, categories.astype(object).tolist()
    at = np.full(len(categories) + 1, -1, dtype=codes.dtype)  # fewer texts: they fit; code -1 stays -1
    at[np.flatnonzero(held)] = np.arange(held.sum())
    return at[codes], categories[held].astype(object).tolist()


def clean_frame(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Every column's cells cleaned, once per distinct text, and the rows left blank in every column
    dropped (blank lines between records are harmless), as frame.apply(…).dropna(how="all") would;
    and each column's (codes, texts) (Cells.distinct), for typing without finding them again."""
    blank = np.ones(len(frame), dtype=bool)
    columns, distinct = [], {}
    for k, name in enumerate(frame.columns):
        codes, texts = _distinct(frame.iloc[:, k])
        columns.append(pd.Series(texts[codes], index=frame.index, dtype=object))
        blank &= pd.isna(texts)[codes]
        distinct[name] = (codes, texts)
    out = pd.concat(columns, axis=1) if columns else frame.astype(object)
    out.columns = frame.columns
    if blank.any():
        return out.loc[~blank], {name: (codes[~blank], texts) for name, (codes, texts) in distinct.items()}
    return out, distinct


# A comma only as a thousands separator: 1,200 and 12,000.5, never 1,20 (a typo, or a decimal comma)
GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?\s*%?$")
# 1.2万, 3亿: a magnitude word; jixiao does not convert (1.2万 is 12000 人次 but 1.2 万元)
MAGNITUDE = re.compile(vocabulary.MAGNITUDE)


def _number(text) -> tuple[float, bool]:
    """(the number a cell's text says, whether a comma is misplaced); NaN when it says none. Decimal
    ASCII only (float() alone would also read 1_000 and Arabic-Indic digits)."""
    text = _ascii(text)
    misgrouped = "," in text and not GROUPED.match(text)
    text = text.replace(",", "").removesuffix("%").strip()
    try:
        value = float(text) if text.isascii() and "_" not in text else math.nan
    except ValueError:
        value = math.nan
    return value + 0.0, misgrouped  # + 0.0: -0 is 0


def in_range(value: float) -> bool:
    """Finite and within ±LARGEST, and 0 or at least SMALLEST in size (engine/core/numbers.py)."""
    size = abs(value)
    return size <= LARGEST and (size == 0 or size >= SMALLEST)  # NaN and infinities fail both


def number_cell(text) -> tuple[float, bool]:
    """Numbers as people type them: 1,200  98.42%  １２３. (value, bad): NaN and bad when the text
    is not a number jixiao computes with."""
    value, misgrouped = _number(text)
    return (value, False) if in_range(value) and not misgrouped else (math.nan, True)


parse_numbers = distinct(number_cell)


def out_of_range(text: pd.Series) -> pd.Series:
    """Cells that are numbers, but too large or too small for jixiao to compute with (1e26, 1e-300)."""
    def beyond(cell):
        value = _number(cell)[0]
        return math.isfinite(value) and not in_range(value)
    return pd.Series([isinstance(c, str) and beyond(c) for c in text.tolist()], index=text.index, dtype=bool)


def with_magnitude(text: pd.Series) -> pd.Series:
    """Cells such as 1.2万 or 3亿: a number with a magnitude word."""
    return pd.Series([isinstance(c, str) and MAGNITUDE.match(_ascii(c)) is not None for c in text.tolist()],
                     index=text.index, dtype=bool)


def _date_text(text) -> str | None:
    """A cell's text as YYYY-M-D, or None when it cannot be a date (so pandas is not asked)."""
    text = DAY_MARK_RE.sub("", DATE_MARKS.sub("-", _ascii(text))).strip()
    return text if DATE_SHAPE.match(text) else None


DATE_MARKS, DAY_MARK_RE = re.compile(vocabulary.DATE_MARKS), re.compile(re.escape(vocabulary.DAY_MARK))
DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z")  # all that pandas' %Y-%m-%d may read


def _days(texts) -> np.ndarray:
    """The day of each distinct cell text (NaT where it is none or blank)."""
    shaped = [_date_text(u) if isinstance(u, str) else None for u in texts]
    if not any(shaped):
        return np.full(len(shaped), np.datetime64("NaT"), dtype="datetime64[us]")
    return pd.to_datetime(pd.Series(shaped, dtype=object), format="%Y-%m-%d", errors="coerce").to_numpy()


def parse_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates as people type them: 2021-12-31, 2021/12/31, 2021年12月31日. (values, bad mask)."""
    codes, uniques = texts_of(text)
    days = _days(uniques + [None])
    bad = np.isnat(days)
    bad[-1] = False  # code -1: a blank cell
    return pd.Series(days[codes], index=text.index), pd.Series(bad[codes], index=text.index)


def typed(frame: pd.DataFrame, keep_text=(), distinct: dict | None = None) -> pd.DataFrame:
    """Ledger columns as numbers or dates where every filled cell is one; else text. Each distinct
    cell is typed once (distinct: Cells.distinct, when the frame is as read), and a column of free
    text stops at its first cell that is no number."""
    out = frame.copy(deep=False)  # columns are replaced, never changed in place
    for column in frame.columns:
        if column.startswith("__") or column in keep_text:
            continue
        if distinct and column in distinct:
            codes, texts = distinct[column]
        else:
            codes, found = texts_of(frame[column])
            texts = found + [np.nan]
        filled = [u for u in texts if isinstance(u, str)]
        if not filled:  # every cell blank
            continue
        numbers = _all_numbers(texts)
        if numbers is not None:
            out[column] = pd.Series(numbers[codes], index=frame.index)
        elif all(_date_text(u) for u in filled):
            days = _days(texts)
            if not np.isnat(days[[isinstance(u, str) for u in texts]]).any():
                out[column] = pd.Series(days[codes], index=frame.index)
    return out


def _all_numbers(texts) -> np.ndarray | None:
    """Each distinct text's number (NaN for a blank one); None at the first that is none."""
    values = []
    for text in texts:
        if not isinstance(text, str):
            values.append(math.nan)
            continue
        value, bad = number_cell(text)
        if bad:
            return None
        values.append(value)
    return np.array(values, dtype=float)
