"""Excel workbook: roll-ups, every indicator, the exception list and the report's ledger tables.

Numbers are stored as numbers and percentages as fractions with a percent format (89.66 → 0.8966,
shown 89.66%); headers are frozen and filtered; the file is byte-identical for the same input.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from engine.core.safe_text import visible
from engine.render.colours import FLAG_FILL, STATUS_FILL
from engine.render.summary_parts import COUNT_KEYS
from engine.render.words import h, level_label, status_label
from engine.render.xlsx_cells import THIN, Grid, cell_value, fraction, percent_format, rate_digits, w
from engine.render.zipped import fixed_zip
from engine.summarise.unit_totals import unit_totals
from engine.text import t, words
from engine.text.labels import CATEGORIES, FLAGS, SUBTYPES, TYPES, label

FIXED_TIME = dt.datetime(2000, 1, 1)       # workbook created/modified: fixed, so output is reproducible
WORDS = words("workbook")  # headers and names the shared words do not have
TABLE_SHEETS = {  # ledger table id -> sheet; tables not named here get a sheet of their own
    "construction_tasks": "sheet_tasks", "landmark_achievements": "sheet_achievements",
    "funds_by_source": "sheet_budget", "funds_by_task": "sheet_budget",
}


def render(summary, exceptions_only: bool = False, every: bool = False) -> bytes:
    lang = summary.lang
    wb = Workbook()
    wb.remove(wb.active)
    if not exceptions_only and len(summary.units) > 1:  # a province: first a row per unit
        _units_sheet(wb.create_sheet(w("sheet_units", lang)), summary)
    if not exceptions_only:
        _summary_sheet(wb.create_sheet(w("sheet_summary", lang)), summary)
        _indicator_sheet(wb.create_sheet(w("sheet_indicators", lang)), summary)
    _exception_sheet(wb.create_sheet(w("sheet_exceptions", lang)), summary)
    if not exceptions_only:
        for name, tables in _table_sheets(summary, lang):
            _ledger_sheet(wb.create_sheet(name), summary, tables)
    wb.properties.creator = "jixiao"
    wb.properties.title = visible(summary.settings.title) or None
    wb.properties.created = wb.properties.modified = FIXED_TIME
    return _to_bytes(wb)


class _InMemory(ExcelWriter):
    """openpyxl writes each sheet to a temporary file in $TMPDIR, which may be full or unwritable
    while the output's own folder is fine: the sheets are written in memory instead."""

    def write_worksheet(self, ws):
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts, ws._drawing.images = ws._charts, ws._images
        writer = WorksheetWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.out.getvalue())
        self.manifest.append(ws)


def _to_bytes(wb) -> bytes:
    """The workbook as bytes with fixed zip entry times (openpyxl's save stamps the current time)."""
    raw = io.BytesIO()
    _InMemory(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    return fixed_zip(raw.getvalue())


def _status_cell(grid, row, col, status, lang):
    grid.put(row, col, status_label(status, lang), fill=STATUS_FILL.get(status))


def _flags_text(flags, lang) -> str:
    return t("render.sheet_list_sep", lang).join(label(FLAGS, f, lang) for f in flags)


def _units_sheet(ws, summary):
    """One row per unit (summarise/unit_totals.py): a province's workbook opens on its colleges,
    not on 200,000 result rows."""
    lang, grid, settings = summary.lang, Grid(ws), summary.settings
    heads = [h("unit", lang), *[h(k, lang) for k in COUNT_KEYS], h("rate", lang)]
    grid.header(1, heads)
    row = 1
    for row, totals in enumerate(unit_totals(summary), start=2):
        grid.put(row, 1, totals["name"])
        for n, key in enumerate(COUNT_KEYS, start=2):
            grid.put(row, n, totals[key], "0")
        grid.put(row, len(heads), fraction(totals["rate"]), percent_format(settings.digits))
    grid.finish("A2", f"A1:{get_column_letter(len(heads))}{max(row, 2)}")


def _summary_sheet(ws, summary):
    lang, grid, settings = summary.lang, Grid(ws), summary.settings
    heads = [h("unit", lang), h("level", lang), w("grouping", lang), h("category", lang), h("type", lang),
             h("subtype", lang), h("task", lang), *[h(k, lang) for k in COUNT_KEYS], h("rate", lang)]
    grid.header(1, heads)
    row = 1
    for r in summary.rollups:
        row += 1
        values = [summary.units.get(r["unit"], r["unit"]), level_label(r["level"], settings, lang),
                  w("g_" + r["grouping"], lang), label(CATEGORIES, r["category"], lang), label(TYPES, r["type"], lang),
                  label(SUBTYPES, r["subtype"], lang), r["task"] or ""]
        for col, value in enumerate(values, start=1):
            grid.put(row, col, value or None, bold=r["grouping"] == "level")
        for n, key in enumerate(COUNT_KEYS):
            grid.put(row, len(values) + 1 + n, r[key], "0", bold=r["grouping"] == "level")
        grid.put(row, len(heads), fraction(r["rate"]), percent_format(settings.digits), bold=r["grouping"] == "level")
    grid.finish("A2", f"A1:{get_column_letter(len(heads))}{max(row, 2)}")


INDICATOR_COLUMNS = ["unit", "id", "name", "level", "task", "category", "type", "subtype", "measure", "direction",
                     "target_period", "target", "final_target", "actual", "completion", "ratio", "gap", "status",
                     "flags", "note", "causes", "likelihood", "staff_note", "evidence", "owner", "source",
                     "actual_source"]


def _indicator_sheet(ws, summary):
    lang, grid, settings = summary.lang, Grid(ws), summary.settings
    heads = [w(c, lang) if c in WORDS else h(c, lang) for c in INDICATOR_COLUMNS]
    grid.header(1, heads)
    col = {c: n for n, c in enumerate(INDICATOR_COLUMNS, start=1)}
    row = 1
    for i in summary.indicators:
        row += 1
        put = lambda key, value, fmt=None, **kw: grid.put(row, col[key], value, fmt, **kw)  # noqa: E731
        put("unit", summary.units.get(i["unit"], i["unit"]))
        put("id", i["id"])
        put("name", i["name"])
        put("level", level_label(i["level"], settings, lang))
        put("task", i["task"])
        put("category", label(CATEGORIES, i["category"], lang))
        put("type", label(TYPES, i["type"], lang))
        put("subtype", label(SUBTYPES, i["subtype"], lang) or None)
        put("measure", i["measure"])
        put("direction", label(words("directions"), i["direction"], lang))
        put("target_period", *cell_value(i["target_period"], None, lang))
        for key in ("target", "final_target", "actual"):
            put(key, *cell_value(i[key], i["measure"], lang))
        put("completion", fraction(i["completion"]), "0.00%")
        put("ratio", i["ratio"], "0.00")
        put("gap", *cell_value(i["gap"], i["measure"], lang))  # % points as a percentage, like target and actual
        _status_cell(grid, row, col["status"], i["status"], lang)
        put("flags", _flags_text(i["flags"], lang) or None,
            fill=next((FLAG_FILL[f] for f in i["flags"] if f in FLAG_FILL), None))
        put("note", i["cause_note"] or None, wrap=True)
        put("causes", ", ".join(i["causes"]) or None)
        put("likelihood", i["likelihood"])
        put("staff_note", i["staff_note"], wrap=True)
        put("evidence", i["evidence"])
        put("owner", i["owner"])
        put("source", w(f"source_{i['source']}", lang) if f"source_{i['source']}" in WORDS else i["source"])
        put("actual_source", _source_text(i["sources"].get("actual")))
    grid.finish("D2", f"A1:{get_column_letter(len(heads))}{max(row, 2)}")


def _source_text(source) -> str | None:
    if not source:
        return None
    if isinstance(source, dict):
        if "file" in source:
            return f"{source['file']}:{source['row']}" if source.get("row") else source["file"]
        if "formula" in source:
            return str(source["formula"])
        return "; ".join(f"{k}={v}" for k, v in source.items())
    return str(source)


EXCEPTION_COLUMNS = ["no", "unit", "level", "task", "category", "type", "id", "name", "status", "target", "actual",
                     "measure", "gap", "completion", "flags", "note"]


def _exception_sheet(ws, summary):
    lang, grid, settings = summary.lang, Grid(ws), summary.settings
    heads = [w(c, lang) if c in WORDS else h(c, lang) for c in EXCEPTION_COLUMNS]
    grid.header(1, heads)
    col = {c: n for n, c in enumerate(EXCEPTION_COLUMNS, start=1)}
    row = 1
    for n, e in enumerate(summary.exceptions, start=1):
        row += 1
        put = lambda key, value, fmt=None, **kw: grid.put(row, col[key], value, fmt, **kw)  # noqa: E731
        put("no", n, "0")
        put("unit", summary.units.get(e["unit"], e["unit"]))
        put("level", level_label(e["level"], settings, lang))
        put("task", e["task"])
        put("category", label(CATEGORIES, e["category"], lang))
        put("type", label(TYPES, e["type"], lang))
        put("id", e["id"])
        put("name", e["name"])
        _status_cell(grid, row, col["status"], e["status"], lang)
        put("target", *cell_value(e["target"], e["measure"], lang))
        put("actual", *cell_value(e["actual"], e["measure"], lang))
        put("measure", e["measure"])
        put("gap", *cell_value(e["gap"], e["measure"], lang))
        put("completion", fraction(e["completion"]), "0.00%")
        put("flags", _flags_text(e["flags"], lang) or None)
        put("note", e["cause_note"], wrap=True)
    grid.finish("A2", f"A1:{get_column_letter(len(heads))}{max(row, 2)}")


# ---- ledger tables ----------------------------------------------------------------------------

def _table_sheets(summary, lang) -> list[tuple[str, list]]:
    """(sheet name, tables) in a stable order: the report's sheets first, then one sheet per other table."""
    sheets: dict[str, list] = {}
    for key in dict.fromkeys(TABLE_SHEETS.values()):
        sheets[w(key, lang)] = []
    taken = {w(k, lang) for k in WORDS if k.startswith("sheet_")}
    own: dict[str, str] = {}  # table id -> its sheet (one sheet holds every unit's copy of the table)
    for tb in summary.tables:
        if tb["id"] in TABLE_SHEETS:
            sheets[w(TABLE_SHEETS[tb["id"]], lang)].append(tb)
            continue
        if tb["id"] not in own:
            own[tb["id"]] = sheet_name(tb["title"] or tb["id"], taken)
        sheets.setdefault(own[tb["id"]], []).append(tb)
    return [(name, tables) for name, tables in sheets.items() if tables]


def sheet_name(title: str, taken: set) -> str:
    """A valid, unique sheet name from a table title (≤ 31 characters, none of []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", " ", visible(title)).strip().strip("'")[:31] or "table"
    name, n = base, 2
    while name in taken:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def _ledger_sheet(ws, summary, tables):
    lang, grid = summary.lang, Grid(ws)
    several_units = len(summary.units) > 1
    row, freeze, filtered = 0, None, False
    for tb in tables:
        row += 1
        title = tb["title"] + (f" · {summary.units.get(tb['unit'], tb['unit'])}" if several_units else "")
        grid.put(row, 1, title, measure=False).font = Font(bold=True, size=12)
        if tb["error"]:
            row += 1
            grid.put(row, 1, tb["error"])
            row += 1
            continue
        row += 1
        head_row = row
        columns = tb["columns"]
        flagged = any(r["flags"] for r in tb["rows"] + [tb["total"] or {"flags": []}])
        heads = _unique([tb["by"], *[c["label"] for c in columns], *([h("flags", lang)] if flagged else [])])
        grid.header(row, heads)
        for r in tb["rows"]:
            row += 1
            _ledger_row(grid, row, r, columns, lang, flagged, flag_columns=tb.get("flag_columns"))
        total_row = row + 1
        if tb["total"]:
            row += 1
            _ledger_row(grid, row, tb["total"], columns, lang, flagged, bold=True, flag_columns=tb.get("flag_columns"))
            for col in range(1, len(heads) + 1):
                ws.cell(row=row, column=col).border = Border(top=THIN)
        if freeze is None:
            freeze = f"A{head_row + 1}"
        last = f"{get_column_letter(len(heads))}{total_row - 1}"
        if tb["rows"]:  # an Excel table per block: its own filter buttons; the total row stays outside
            name = _table_name(ws.parent, tb)
            ws.add_table(Table(displayName=name, name=name, ref=f"A{head_row}:{last}"))
            filtered = True
        row += 1  # a blank row between blocks
    grid.finish(freeze, None)
    return filtered


def _ledger_row(grid, row, r, columns, lang, flagged, bold=False, flag_columns=None):
    flag_fill = next((FLAG_FILL[f] for f in r["flags"] if f in FLAG_FILL), None)
    # a flag colours the cells its condition reads (执行率 for low execution), not every rate of the row
    read = {c: FLAG_FILL[f] for f in reversed(r["flags"]) if f in FLAG_FILL for c in (flag_columns or {}).get(f, [])}
    grid.put(row, 1, r["key"], bold=bold)
    for n, c in enumerate(columns, start=2):
        value = r["values"].get(c["id"])
        if c["kind"] == "ratio":
            if value is None:
                grid.put(row, n, "-", bold=bold).alignment = Alignment(horizontal="right")
            else:
                grid.put(row, n, fraction(value), percent_format(rate_digits(r["texts"][c["id"]])),
                         fill=read.get(c["id"]), bold=bold)
        else:
            integral = value is None or float(value).is_integer()
            grid.put(row, n, value, "0" if c["kind"] == "count" else "#,##0" if integral else "#,##0.00##", bold=bold)
    if flagged:
        grid.put(row, len(columns) + 2, _flags_text(r["flags"], lang) or None, fill=flag_fill, bold=bold)


def _unique(names: list[str]) -> list[str]:
    """Excel table headers must be distinct text."""
    out, seen = [], set()
    for name in names:
        name, base, n = str(name), str(name), 2
        while name in seen:
            name, n = f"{base} ({n})", n + 1
        seen.add(name)
        out.append(name)
    return out


def _table_name(wb, tb) -> str:
    """A workbook-unique table name Excel accepts: ASCII letters, digits and underscores, not a cell reference."""
    base = "tbl_" + re.sub(r"[^A-Za-z0-9_]", "_", f"{tb['id']}_{tb['unit']}")
    taken = {name for ws in wb.worksheets for name in ws.tables}
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name
