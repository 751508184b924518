"""The value table: one row per indicator and unit with its actual value, cause codes, staff note,
likelihood and evidence. Read from Cells, so a snapshot's table and a rule test's rows are read,
typed and refused the same way, each problem at its cell."""
from __future__ import annotations

import numpy as np
import pandas as pd

from engine.core.problems import Problem
from engine.core.suggest import near
from engine.core.values import NOT_DONE
from engine.text import both
from engine.load.cells import (FULL_WIDTH, ROW, Cells, normalise, out_of_range, parse_dates, parse_numbers,
                               with_magnitude)
from engine.text.vocabulary import (CAUSE_SPLIT, HEADERS, IGNORED_COLUMNS, LIKELIHOOD, MEASURE_WORDS,  # noqa: F401
                                      NOT_DONE_WORDS, VALUE_COLUMNS)

FILE = "__file"  # the file (and sheet) a value row was read from: values.xlsx[学校层面]
REQUIRED = ("indicator", "actual")


def empty() -> pd.DataFrame:
    return pd.DataFrame(columns=list(VALUE_COLUMNS) + [ROW])


def headers_used(frame: pd.DataFrame, aliases: dict) -> dict:
    """canonical -> header actually used."""
    found = {}
    for column in frame.columns:
        key = column.strip().lower()
        for canonical, names in aliases.items():
            if key in names and canonical not in found:
                found[canonical] = column
    return found


def read_values(cells: Cells, rules, default_unit, declared=None, day=None) -> tuple[pd.DataFrame, list[Problem]]:
    """The typed value table and every problem of its cells. declared: the units manifest.yaml names;
    a row of another unit is refused (单位 holds the college or group, and 项 or % there is a measure
    typed in the wrong column). day: the snapshot's date; a completion date after it is refused."""
    frame, shown, problems = cells.frame, cells.file, []
    used = headers_used(frame, VALUE_COLUMNS)
    for column in REQUIRED:
        if column not in used:
            problems.append(Problem("table.missing_column", shown, 1, None, column, {
                "column": both("load.column_named", header=HEADERS[column], key=column),
                "expected": {"zh": list(HEADERS.values()), "en": list(HEADERS)}}))
    if problems:
        return empty(), problems
    for column in frame.columns:
        if column != ROW and column not in used.values() and column.strip().lower() not in IGNORED_COLUMNS:
            problems.append(_unknown_column(column, used, shown, cells.columns.get(column)))
    out = pd.DataFrame({c: frame[used[c]] if c in used else np.nan for c in VALUE_COLUMNS})
    out[ROW] = frame[ROW]
    out["unit"] = out["unit"].astype(object).fillna(default_unit) if "unit" in used else default_unit  # all blank: float
    out["indicator"] = normalise(out["indicator"])

    def at(mask, column, code, **params):
        for index, row in out.loc[mask].iterrows():
            line, col, path = cells.locate(index, used.get(column, column), column)
            problems.append(Problem(code, shown, line, col, path,
                                    {k: (v(row) if callable(v) else v) for k, v in params.items()}))

    at(out["indicator"].isna(), "indicator", "table.blank_id")
    if not declared and "unit" in used:  # 单位 also means a measure: 项 or % there is a mistyped column
        at(out["unit"].isin(MEASURE_WORDS), "unit", "table.unit_is_measure", unit=lambda r: r["unit"])
    if declared and "unit" in used:
        at(out["indicator"].notna() & ~out["unit"].isin(declared), "unit", "table.unknown_unit",
           unit=lambda r: r["unit"], allowed=sorted(declared))
    out = out.loc[out["indicator"].notna()].copy()
    by_id = rules.by_id()
    unknown = ~out["indicator"].isin(list(by_id))
    at(unknown, "indicator", "table.unknown_indicator", id=lambda r: r["indicator"],
       near=lambda r: near(r["indicator"], by_id))
    out = out.loc[~unknown].copy()
    dup = out.duplicated(["indicator", "unit"], keep="first")
    first = out.drop_duplicates(["indicator", "unit"]).set_index(["indicator", "unit"])[ROW]
    at(dup, "indicator", "table.duplicate_row", id=lambda r: r["indicator"], unit=lambda r: r["unit"],
       other=lambda r: int(first[(r["indicator"], r["unit"])]))
    out = out.loc[~dup].copy()
    out["actual"] = _typed_actuals(out, by_id, at)
    if day is not None:  # a date done after the snapshot's own date cannot be known yet
        cutoff = pd.Timestamp(day)
        later = pd.Series([isinstance(v, pd.Timestamp) and v != NOT_DONE and v > cutoff for v in out["actual"].tolist()],
                          index=out.index, dtype=bool)
        at(later, "actual", "table.date_after_snapshot", value=lambda r: r["actual"].strftime("%Y-%m-%d"),
           id=lambda r: r["indicator"], day=day)
    out["causes"], out["likelihood"] = _causes(out, rules, at), _likelihood(out, at)
    out[FILE] = shown
    return out.reset_index(drop=True), problems


def _unknown_column(column: str, used: dict, shown: str, col) -> Problem:
    """A column jixiao does not know: a warning; but one spelt like a known column that the table
    lacks (原因编码 for 原因代码) is an error, or every cause code would be dropped unseen."""
    missing = {name: canonical for canonical, names in VALUE_COLUMNS.items() if canonical not in used
               for name in names}
    guess = near(column, list(missing), 0.6) if missing else ""
    if guess:
        return Problem("table.misspelt_column", shown, 1, col, column,
                       {"column": column, "near": HEADERS.get(missing[guess], guess)})
    return Problem("table.extra_column", shown, 1, col, column, {"column": column}, level="warning")


def _typed_actuals(out, by_id, at) -> pd.Series:
    """Each actual value as its indicator's direction reads it: a number, a date (or 未完成), a grade."""
    kinds = out["indicator"].map({i: ind.value_kind for i, ind in by_id.items()})
    measures = out["indicator"].map({i: ind.unit for i, ind in by_id.items()})
    result = pd.Series(np.nan, index=out.index, dtype=object)
    raw = out["actual"]
    num = kinds == "number"
    values, bad = parse_numbers(raw[num])
    result[num] = values
    bad = bad.reindex(out.index, fill_value=False)
    magnitude = bad & with_magnitude(raw[bad]).reindex(out.index, fill_value=False)  # only refused cells
    beyond = bad & ~magnitude & out_of_range(raw[bad]).reindex(out.index, fill_value=False)  # only refused cells
    at(bad & ~magnitude & ~beyond, "actual", "table.bad_number", value=lambda r: r["actual"], id=lambda r: r["indicator"])
    at(beyond, "actual", "table.number_out_of_range", value=lambda r: r["actual"], id=lambda r: r["indicator"],
       largest="10^15", smallest="10^-9")
    at(magnitude, "actual", "table.number_with_unit", value=lambda r: r["actual"], id=lambda r: r["indicator"],
       unit=lambda r: by_id[r["indicator"]].unit or "-")
    # 12% for an indicator counted in 项 is a mistake somewhere, not 12
    percent = num & ~bad & _ends_with_percent(raw) & (measures != "%")
    at(percent, "actual", "table.percent_unit", value=lambda r: r["actual"], id=lambda r: r["indicator"],
       unit=lambda r: by_id[r["indicator"]].unit or "-")
    result[percent] = np.nan
    dates = kinds == "date"
    # .map, not .str: a column with every cell blank holds no text and .str would raise
    not_done = dates & raw.astype(object).str.lower().isin(NOT_DONE_WORDS).fillna(False).astype(bool) \
        if raw.notna().any() else dates & False
    parsed, bad = parse_dates(raw[dates & ~not_done])
    result[dates & ~not_done] = parsed
    result[not_done] = NOT_DONE
    at(bad.reindex(out.index, fill_value=False), "actual", "table.bad_date", value=lambda r: r["actual"],
       id=lambda r: r["indicator"])
    grades = kinds == "grade"
    result[grades] = raw[grades]
    where = np.flatnonzero((grades & raw.notna()).to_numpy())
    flags = np.zeros(len(out), dtype=bool)
    flags[where] = [r not in (by_id[i].scale or []) for i, r in zip(out["indicator"].iloc[where], raw.iloc[where])]
    bad = pd.Series(flags, index=out.index)
    at(bad, "actual", "table.bad_grade", value=lambda r: r["actual"], id=lambda r: r["indicator"],
       allowed=lambda r: list(by_id[r["indicator"]].scale))
    return result


def _ends_with_percent(raw: pd.Series) -> pd.Series:
    """Cells written with a per cent sign (half- or full-width), each distinct text looked at once."""
    codes, uniques = pd.factorize(raw.astype(object), use_na_sentinel=True)
    ends = np.array([isinstance(v, str) and v.translate(FULL_WIDTH).strip().endswith("%") for v in uniques] + [False])
    return pd.Series(ends[codes], index=raw.index)


def _causes(out, rules, at) -> pd.Series:
    """Cause codes, or the causes' Chinese names as the template's drop-down list shows them (a
    name may hold commas of its own, so names are taken before the cell is split). Each distinct
    text is read once."""
    names = sorted(((c.zh, code) for code, c in rules.causes.items() if c.zh), key=lambda p: -len(p[0]))

    def codes_of(text):
        for name, code in names:
            if name in text:
                text = text.replace(name, f";{code};")
        return [c for c in CAUSE_SPLIT.split(text) if c]
    at_code, texts = pd.factorize(out["causes"].astype(object), use_na_sentinel=True)
    split = [codes_of(s) if isinstance(s, str) else [] for s in texts]
    shared = np.empty(len(split) + 1, dtype=object)  # rows with the same text share its list (read only)
    for k, written in enumerate(split + [[]]):  # one by one: numpy would read equal-length lists as a 2-D block
        shared[k] = written
    codes = pd.Series(shared[at_code], index=out.index, dtype=object)
    unknown = {k: [c for c in written if c not in rules.causes] for k, written in enumerate(split)}
    unknown = {k: found for k, found in unknown.items() if found}
    for position in np.flatnonzero(np.isin(at_code, list(unknown))):  # in row order, as a reader goes
        for code in unknown[at_code[position]]:
            at(np.arange(len(out)) == position, "causes", "table.unknown_cause", value=code,
               near=near(code, rules.causes), allowed=list(rules.causes))
    return codes


def _likelihood(out, at) -> pd.Series:
    lookup = {s.lower(): canon for canon, spellings in LIKELIHOOD.items() for s in spellings}
    at_code, texts = pd.factorize(out["likelihood"].astype(object), use_na_sentinel=True)  # each distinct text once
    known = np.array([lookup.get(s.lower()) if isinstance(s, str) else None for s in texts] + [None], dtype=object)
    result = pd.Series(known[at_code], index=out.index, dtype=object)
    at(out["likelihood"].notna() & result.isna(), "likelihood", "table.bad_likelihood", value=lambda r: r["likelihood"])
    return result
