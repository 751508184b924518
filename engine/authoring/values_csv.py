"""`jixiao template` for a value table kept as CSV: its rows rebuilt from the current rules (one per
indicator and unit, in report order, names as the rules have them; an indicator computed by a formula
only where a row was typed), every cell already typed kept,
the columns as they were. Rows of indicators no longer in the rules are dropped (kept in the .bak)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from engine.core.paths import display
from engine.core.problems import InputError, Problem
from engine.load.tables import decode
from engine.text import both
from engine.text.vocabulary import HEADERS, MEASURE_COLUMNS as MEASURES, NAME_COLUMNS as NAMES, VALUE_COLUMNS


def refresh_csv(path: Path, rules, units: list, default_unit: str) -> tuple[bytes, dict]:
    """The new CSV and what happened: count, kept, dropped. UTF-8, with the line endings the file had;
    with a BOM when it had one, or was not UTF-8 (GB18030: Excel opens UTF-8 right only with the BOM)."""
    raw = path.read_bytes()
    text = decode(raw)
    if text is None:
        raise InputError([Problem("table.encoding", display(path))])
    bom, newline = raw.startswith(b"\xef\xbb\xbf") or not _utf8(raw), "\r\n" if b"\r\n" in raw[:4096] else "\n"
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        rows = [[HEADERS["indicator"], HEADERS["actual"]]]
    header = [h.strip() for h in rows[0]]
    lower = [h.lower() for h in header]
    at = {key: next((n for n, h in enumerate(lower) if h in names), None) for key, names in VALUE_COLUMNS.items()}
    name_at = next((n for n, h in enumerate(lower) if h in NAMES), None)
    measure_at = next((n for n, h in enumerate(lower) if h in MEASURES), None)
    if at["indicator"] is None:
        raise InputError([Problem("table.missing_column", display(path), 1, None, "indicator", {
            "column": both("load.column_named", header=HEADERS["indicator"], key="indicator"),
            "expected": {"zh": list(HEADERS.values()), "en": list(HEADERS)}})])
    if at["unit"] is None and len(units) > 1:
        header.append(HEADERS["unit"])
        at["unit"] = len(header) - 1
    typed: dict = {}
    for row in rows[1:]:
        row = row + [""] * (len(header) - len(row))
        ident = row[at["indicator"]].strip()
        if ident:
            unit = row[at["unit"]].strip() if at["unit"] is not None else ""
            typed.setdefault((ident, unit or default_unit), []).append(row)
    ids = {i.id for i in rules.indicators}
    out, kept = [], 0
    levels = {level: n for n, level in enumerate(rules.level_order())}
    for ind in sorted(rules.indicators, key=lambda i: (levels.get(i.level, len(levels)), i.order)):
        for unit in units:
            found = typed.get((ind.id, unit))
            kept += bool(found)
            if not found and ind.actual:
                continue  # computed by its formula: a row only when someone wrote a cause or note there
            for row in found or [_blank(header, at, ind.id, unit, len(units) > 1)]:
                row = list(row)
                if name_at is not None:
                    row[name_at] = ind.name
                if measure_at is not None:
                    row[measure_at] = ind.unit
                out.append(row)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows([header] + out)
    dropped = sorted({key[0] for key in typed if key[0] not in ids})
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8"), {"count": len(out), "kept": kept, "dropped": dropped}


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _blank(header: list, at: dict, ident: str, unit: str, with_unit: bool) -> list:
    row = [""] * len(header)
    row[at["indicator"]] = ident
    if with_unit and at["unit"] is not None:
        row[at["unit"]] = unit
    return row
