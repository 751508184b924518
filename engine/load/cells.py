"""One path from a cell to a value. Every table jixiao reads (a value table or a ledger from a
CSV or XLSX file, or the rows a rule test writes in YAML) arrives as text cells with a place
(Cells), and every cell is typed here, the same way, whoever reads it: numbers as people type
them (1,200  98.42%  １２３), dates (2021-12-31, 2021年12月31日), blanks as missing."""
from __future__ import annotations

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


def distinct(parse):
    """parse(text) -> (values, bad) run once per distinct cell text and spread back: a province's
    ledgers repeat the same few words (单位, 级别, 建设任务) a thousand times."""
    def each(text: pd.Series):
        codes, uniques = pd.factorize(text.astype(object), use_na_sentinel=True)
        if not len(uniques) or len(uniques) * 2 > len(text):  # nothing, or mostly distinct: no gain
            return parse(text)
        values, bad = parse(pd.Series(uniques, dtype=object))
        missing = codes < 0  # a blank cell
        take = np.where(missing, 0, codes)
        values = pd.Series(values.to_numpy()[take], index=text.index)
        return (values.where(~missing) if missing.any() else values), \
            pd.Series(bad.to_numpy(dtype=bool)[take] & ~missing, index=text.index)
    each.__doc__ = parse.__doc__
    return each


def normalise(text: pd.Series) -> pd.Series:
    """Full-width digits and punctuation to ASCII (１２３ -> 123, ％ -> %)."""
    return text.map(lambda s: s.translate(FULL_WIDTH) if isinstance(s, str) and not s.isascii() else s)


def _cleaned(column: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Every cell of a column read from a file, stripped, a blank cell missing; and which cells are
    missing. Once per distinct text."""
    codes, uniques = pd.factorize(column.astype(object), use_na_sentinel=True)
    cleaned = np.array([clean(u) for u in uniques] + [np.nan], dtype=object)
    return pd.Series(cleaned[codes], index=column.index, dtype=object), \
        pd.isna(cleaned)[codes]  # code -1 takes the last: NaN


def clean_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column's cells cleaned (_cleaned), and the rows left blank in every column dropped (blank
    lines between records are harmless), as frame.apply(…).dropna(how="all") would."""
    blank = np.ones(len(frame), dtype=bool)
    columns = []
    for k in range(frame.shape[1]):
        column, missing = _cleaned(frame.iloc[:, k])
        columns.append(column)
        blank &= missing
    out = pd.concat(columns, axis=1) if columns else frame.astype(object)
    out.columns = frame.columns
    return out.loc[~blank] if blank.any() else out


# A comma only as a thousands separator: 1,200 and 12,000.5, never 1,20 (a typo, or a decimal comma)
GROUPED = r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?\s*%?$"
# 1.2万, 3亿: a magnitude word; jixiao does not convert (1.2万 is 12000 人次 but 1.2 万元)
MAGNITUDE = vocabulary.MAGNITUDE


@distinct
def parse_numbers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers as people type them: 1,200  98.42%  １２３. Returns (values, bad mask)."""
    normal = normalise(text).astype("string").str.strip()
    misgrouped = normal.str.contains(",", regex=False) & ~normal.str.match(GROUPED)
    clean = normal.str.replace(",", "", regex=False)
    clean = clean.str.removesuffix("%").str.strip().astype(object).where(text.notna(), None)
    values = pd.to_numeric(clean, errors="coerce").astype(float)
    finite = values.where(_in_range(values))
    bad = text.notna() & (finite.isna() | misgrouped.fillna(False).astype(bool))
    return finite.where(~bad).astype(float), bad


def _in_range(values: pd.Series) -> pd.Series:
    """Finite and within ±LARGEST, and 0 or at least SMALLEST in size (engine/core/numbers.py)."""
    size = values.abs()
    return np.isfinite(values) & (size <= LARGEST) & ((size == 0) | (size >= SMALLEST))


def out_of_range(text: pd.Series) -> pd.Series:
    """Cells that are numbers, but too large or too small for jixiao to compute with (1e26, 1e-300)."""
    clean = normalise(text).astype("string").str.strip().str.replace(",", "", regex=False).str.removesuffix("%")
    values = pd.to_numeric(clean.astype(object).where(text.notna(), None), errors="coerce").astype(float)
    return pd.Series((values.notna() & ~_in_range(values) & np.isfinite(values)).to_numpy(dtype=bool), index=text.index)


def with_magnitude(text: pd.Series) -> pd.Series:
    """Cells such as 1.2万 or 3亿: a number with a magnitude word."""
    return normalise(text).astype("string").str.strip().str.match(MAGNITUDE).fillna(False).astype(bool)


@distinct
def parse_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    clean = (normalise(text).astype("string").str.replace(vocabulary.DATE_MARKS, "-", regex=True)
             .str.replace(vocabulary.DAY_MARK, "", regex=False).str.strip().astype(object).where(text.notna(), None))
    values = pd.to_datetime(clean, format="%Y-%m-%d", errors="coerce")
    bad = text.notna() & values.isna()
    return values, bad


def typed(frame: pd.DataFrame, keep_text=()) -> pd.DataFrame:
    """Ledger columns as numbers or dates where every filled cell is one; else text."""
    out = frame.copy()
    for column in frame.columns:
        if column.startswith("__") or column in keep_text:
            continue
        col = frame[column]
        filled = col.notna()  # found once: pandas looks at every cell of a text column to find it
        if not filled.any():
            continue
        # a long column of free text fails on its first cells: no need to try every cell
        head = col[filled].head(SAMPLE) if len(col) > 4 * SAMPLE else None
        if head is None or not parse_numbers(head)[1].any():
            numbers, bad = parse_numbers(col)
            if not bad.any():
                out[column] = numbers
                continue
        if head is not None and parse_dates(head)[1].any():
            continue
        dates, bad = parse_dates(col)
        if not bad.any() and pd.Series(pd.unique(col[filled].to_numpy()), dtype=object).str.contains(r"\d{4}").all():
            out[column] = dates
    return out


SAMPLE = 64  # the first filled cells a column is tried on before all of them
