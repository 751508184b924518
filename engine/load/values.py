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
from engine.load.cells import (FULL_WIDTH, ROW, Cells, cell_normalised, number_cell, out_of_range, parse_dates,
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
    # each column examined once per distinct text (Cells.distinct), rows by their codes
    ind_at, ind_texts = _coded(cells, used["indicator"])
    ids = _each(ind_texts, cell_normalised)  # as normalise reads the column, text by text
    out["indicator"] = pd.Series(ids[ind_at], index=out.index, dtype=object)
    if "unit" in used:
        unit_at, units = _coded(cells, used["unit"])
        units = units.copy()
        units[pd.isna(units)] = default_unit
        out["unit"] = pd.Series(units[unit_at], index=out.index, dtype=object)
    else:  # all blank: float
        unit_at, units = np.zeros(len(out), dtype=np.intp), np.array([default_unit], dtype=object)
        out["unit"] = default_unit

    def at(mask, column, code, **params):
        if not np.any(mask):
            return
        for index, row in out.loc[mask].iterrows():
            line, col, path = cells.locate(index, used.get(column, column), column)
            problems.append(Problem(code, shown, line, col, path,
                                    {k: (v(row) if callable(v) else v) for k, v in params.items()}))

    by_id = rules.by_id()
    has_id = ~pd.isna(ids)[ind_at]
    at(~has_id, "indicator", "table.blank_id")
    if not declared and "unit" in used:  # 单位 also means a measure: 项 or % there is a mistyped column
        at(_each(units, lambda u: u in MEASURE_WORDS, bool)[unit_at], "unit", "table.unit_is_measure",
           unit=lambda r: r["unit"])
    if declared and "unit" in used:
        at(has_id & ~_each(units, lambda u: u in declared, bool)[unit_at], "unit", "table.unknown_unit",
           unit=lambda r: r["unit"], allowed=sorted(declared))
    unknown = has_id & ~_each(ids, lambda i: i in by_id, bool)[ind_at]
    at(unknown, "indicator", "table.unknown_indicator", id=lambda r: r["indicator"],
       near=lambda r: near(r["indicator"], by_id))
    keep = has_id & ~unknown
    # one key per (indicator, unit) pair: the distinct ids (normalised texts may meet) and units numbered
    key = pd.factorize(ids)[0][ind_at].astype(np.int64) * (len(units) + 1) + pd.factorize(units)[0][unit_at]
    dup = np.zeros(len(out), dtype=bool)
    dup[keep] = pd.Series(key[keep]).duplicated(keep="first").to_numpy()
    if dup.any():
        first = out.loc[keep].drop_duplicates(["indicator", "unit"]).set_index(["indicator", "unit"])[ROW]
        at(dup, "indicator", "table.duplicate_row", id=lambda r: r["indicator"], unit=lambda r: r["unit"],
           other=lambda r: int(first[(r["indicator"], r["unit"])]))
    keep &= ~dup
    out = out.loc[keep]  # copy-on-write: columns set below replace, never write into the table read
    rows = np.flatnonzero(keep)  # kept rows' places in cells.frame (and Cells.distinct's codes)
    kinds = _each(ids, lambda i: by_id[i].value_kind if i in by_id else None)[ind_at[rows]]
    per_cent = _each(ids, lambda i: i in by_id and by_id[i].unit == "%", bool)[ind_at[rows]]
    out["actual"] = _typed_actuals(out, by_id, at, ind_at[rows], kinds, per_cent, *_coded(cells, used["actual"], rows))
    if day is not None:  # a date done after the snapshot's own date cannot be known yet
        cutoff = pd.Timestamp(day)
        later = np.zeros(len(out), dtype=bool)
        dated = np.flatnonzero(kinds == "date")  # only a date indicator's actual value is a Timestamp
        later[dated] = [isinstance(v, pd.Timestamp) and v != NOT_DONE and v > cutoff
                        for v in out["actual"].iloc[dated].tolist()]
        at(later, "actual", "table.date_after_snapshot", value=lambda r: r["actual"].strftime("%Y-%m-%d"),
           id=lambda r: r["indicator"], day=day)
    causes = _coded(cells, used["causes"], rows) if "causes" in used else _blank_codes(len(out))
    likelihood = _coded(cells, used["likelihood"], rows) if "likelihood" in used else _blank_codes(len(out))
    out["causes"], out["likelihood"] = _causes(out, rules, at, *causes), _likelihood(out, at, *likelihood)
    out[FILE] = shown
    # its columns copied into blocks of their own: a column left a view of the rows taken above
    # (note, evidence) would keep all seven columns of that take alive with the snapshot
    return pd.DataFrame({c: out[c] for c in out.columns}).reset_index(drop=True), problems


def _coded(cells: Cells, header: str, rows=None) -> tuple[np.ndarray, np.ndarray]:
    """(codes, texts) of a column: texts[codes] is the column (a blank cell NaN), the codes of the
    given rows (positions in cells.frame) or of all. Cells.distinct's when the table has them."""
    if header in cells.distinct:
        codes, texts = cells.distinct[header]
    else:  # a rule test's rows: found here
        codes, uniques = pd.factorize(cells.frame[header].astype(object), use_na_sentinel=True)
        texts = np.empty(len(uniques) + 1, dtype=object)
        texts[:-1] = uniques
        texts[-1] = np.nan  # code -1: a blank cell
    return (codes if rows is None else codes[rows]), texts


def _blank_codes(n: int) -> tuple[np.ndarray, np.ndarray]:
    """The codes of a column the table lacks: every cell blank."""
    return np.zeros(n, dtype=np.intp), np.array([np.nan], dtype=object)


def _each(texts: np.ndarray, cell, dtype=object) -> np.ndarray:
    """cell(text) of each distinct text, as an array the rows' codes index."""
    found = [cell(t) for t in texts.tolist()]
    return _objects(found) if dtype is object else np.array(found, dtype=dtype)


def _objects(values: list) -> np.ndarray:
    """values as a 1-D object array (numpy would read equal-length lists as a 2-D block)."""
    out = np.empty(len(values), dtype=object)
    for k, v in enumerate(values):
        out[k] = v
    return out


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


def _typed_actuals(out, by_id, at, ind, kinds, per_cent, codes, texts) -> pd.Series:
    """Each actual value as its indicator's direction reads it: a number, a date (or 未完成), a grade.
    ind: each row's indicator's code; kinds, per_cent: its kind and whether it is counted in %;
    codes, texts: the rows' cells (_coded), each distinct text read once."""
    n = len(out)
    result = np.full(n, np.nan, dtype=object)
    raw = out["actual"]
    num = kinds == "number"
    hit = _texts_of(texts, codes[num])
    read = [number_cell(t) if isinstance(t, str) or not pd.isna(t) else (np.nan, False) for t in texts[hit].tolist()]
    values, refused = np.full(len(texts), np.nan), np.zeros(len(texts), dtype=bool)
    values[hit], refused[hit] = [v for v, _ in read], [b for _, b in read]
    result[num] = values[codes[num]]  # Python floats in an object array
    bad = num & refused[codes]
    magnitude = _within(bad, lambda m: with_magnitude(raw[m]))  # only refused cells
    beyond = _within(bad & ~magnitude, lambda m: out_of_range(raw[m]))  # only refused cells
    at(bad & ~magnitude & ~beyond, "actual", "table.bad_number", value=lambda r: r["actual"], id=lambda r: r["indicator"])
    at(beyond, "actual", "table.number_out_of_range", value=lambda r: r["actual"], id=lambda r: r["indicator"],
       largest="10^15", smallest="10^-9")
    at(magnitude, "actual", "table.number_with_unit", value=lambda r: r["actual"], id=lambda r: r["indicator"],
       unit=lambda r: by_id[r["indicator"]].unit or "-")
    # 12% for an indicator counted in 项 is a mistake somewhere, not 12
    asked = num & ~bad & ~per_cent
    ends = np.zeros(len(texts), dtype=bool)
    hit = _texts_of(texts, codes[asked])
    ends[hit] = [isinstance(t, str) and t.translate(FULL_WIDTH).strip().endswith("%") for t in texts[hit].tolist()]
    percent = asked & ends[codes]
    at(percent, "actual", "table.percent_unit", value=lambda r: r["actual"], id=lambda r: r["indicator"],
       unit=lambda r: by_id[r["indicator"]].unit or "-")
    result[percent] = np.nan
    dates = kinds == "date"
    words = np.zeros(len(texts), dtype=bool)
    hit = _texts_of(texts, codes[dates])
    words[hit] = [isinstance(t, str) and t.lower() in NOT_DONE_WORDS for t in texts[hit].tolist()]
    not_done = dates & words[codes]
    day = dates & ~not_done
    parsed, bad = parse_dates(raw[day])
    result[day] = parsed.astype(object).to_numpy()  # Timestamps (NaT where refused)
    result[not_done] = NOT_DONE
    refused = np.zeros(n, dtype=bool)
    refused[day] = bad.to_numpy()
    at(refused, "actual", "table.bad_date", value=lambda r: r["actual"], id=lambda r: r["indicator"])
    grades = kinds == "grade"
    result[grades] = raw.to_numpy()[grades]
    where = np.flatnonzero(grades & ~pd.isna(texts)[codes])
    flags = np.zeros(n, dtype=bool)
    if len(where):  # each distinct (indicator, grade) pair looked up once
        pair = pd.factorize(ind[where].astype(np.int64) * (len(texts) + 1) + codes[where])[0]
        first = np.unique(pair, return_index=True)[1]  # a row of each pair
        ids, grade = out["indicator"].to_numpy()[where[first]], raw.to_numpy()[where[first]]
        flags[where] = np.array([r not in (by_id[i].scale or []) for i, r in zip(ids, grade)], dtype=bool)[pair]
    at(flags, "actual", "table.bad_grade", value=lambda r: r["actual"], id=lambda r: r["indicator"],
       allowed=lambda r: list(by_id[r["indicator"]].scale))
    return pd.Series(result, index=out.index, dtype=object)


def _texts_of(texts: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """The places in texts of those some row (codes) holds."""
    held = np.zeros(len(texts), dtype=bool)
    held[codes] = True
    return np.flatnonzero(held)


def _within(mask: np.ndarray, test) -> np.ndarray:
    """test(mask) (a Series of the masked rows) spread back over every row; False elsewhere."""
    found = np.zeros(len(mask), dtype=bool)
    if mask.any():
        found[mask] = test(mask).to_numpy()
    return found


def _causes(out, rules, at, at_code, texts) -> pd.Series:
    """Cause codes, or the causes' Chinese names as the template's drop-down list shows them (a
    name may hold commas of its own, so names are taken before the cell is split). Each distinct
    text is read once."""
    names = sorted(((c.zh, code) for code, c in rules.causes.items() if c.zh), key=lambda p: -len(p[0]))

    def codes_of(text):
        for name, code in names:
            if name in text:
                text = text.replace(name, f";{code};")
        return [c for c in CAUSE_SPLIT.split(text) if c]
    split = [[] for _ in texts]
    for k in _texts_of(texts, at_code):  # only the texts the rows hold
        if isinstance(texts[k], str):
            split[k] = codes_of(texts[k])
    # rows of one text share its list (read only)
    codes = pd.Series(_objects(split)[at_code], index=out.index, dtype=object)
    unknown = {k: [c for c in written if c not in rules.causes] for k, written in enumerate(split)}
    unknown = {k: found for k, found in unknown.items() if found}
    for position in np.flatnonzero(np.isin(at_code, list(unknown))):  # in row order, as a reader goes
        for code in unknown[at_code[position]]:
            at(np.arange(len(out)) == position, "causes", "table.unknown_cause", value=code,
               near=near(code, rules.causes), allowed=list(rules.causes))
    return codes


def _likelihood(out, at, at_code, texts) -> pd.Series:
    lookup = {s.lower(): canon for canon, spellings in LIKELIHOOD.items() for s in spellings}
    known = _each(texts, lambda s: lookup.get(s.lower()) if isinstance(s, str) else None)  # each distinct text once
    at((~pd.isna(texts) & pd.isna(known))[at_code], "likelihood", "table.bad_likelihood",
       value=lambda r: r["likelihood"])
    return pd.Series(known[at_code], index=out.index, dtype=object)
