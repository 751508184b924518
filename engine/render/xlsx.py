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
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table
from openpyxl.writer.excel import ExcelWriter
from wcwidth import wcswidth

from engine.text.labels import CATEGORIES, DIRECTIONS, FLAGS, SUBTYPES, TYPES, label
from engine.core.numbers import number_text
from engine.render.colours import FLAG_FILL, HEADER_FILL, STATUS_FILL
from engine.render.summary_parts import COUNT_KEYS
from engine.render.words import h, level_label, status_label
from engine.text import t, words

FIXED_TIME = dt.datetime(2000, 1, 1)       # workbook created/modified: fixed, so output is reproducible
ZIP_TIME = (1980, 1, 1, 0, 0, 0)           # the earliest time a zip entry can carry
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
WORDS = words("workbook")  # headers and names the shared words do not have
TABLE_SHEETS = {  # ledger table id -> sheet; tables not named here get a sheet of their own
    "construction_tasks": "sheet_tasks", "landmark_achievements": "sheet_achievements",
    "funds_by_source": "sheet_budget", "funds_by_task": "sheet_budget",
}
WIDE = 60  # widest column, in half-width characters; longer text wraps

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor=HEADER_FILL)
THIN = Side(style="thin", color="999999")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def w(key: str, lang: str) -> str:
    return t(f"workbook.{key}", lang)


def render(summary, exceptions_only: bool = False) -> bytes:
    lang = summary.lang
    wb = Workbook()
    wb.remove(wb.active)
    if not exceptions_only:
        _summary_sheet(wb.create_sheet(w("sheet_summary", lang)), summary)
        _indicator_sheet(wb.create_sheet(w("sheet_indicators", lang)), summary)
    _exception_sheet(wb.create_sheet(w("sheet_exceptions", lang)), summary)
    if not exceptions_only:
        for name, tables in _table_sheets(summary, lang):
            _ledger_sheet(wb.create_sheet(name), summary, tables)
    wb.properties.creator = "jixiao"
    wb.properties.title = summary.settings.title or None
    wb.properties.created = wb.properties.modified = FIXED_TIME
    return _to_bytes(wb)


def _to_bytes(wb) -> bytes:
    """The workbook as bytes with fixed zip entry times (openpyxl's save stamps the current time)."""
    raw = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


# ---- cell values -----------------------------------------------------------------------------

def percent_format(digits: int) -> str:
    return "0%" if digits <= 0 else "0." + "0" * digits + "%"


def fraction(percent) -> float | None:
    """A percentage as Excel stores it: 89.66 → 0.8966 (without binary noise such as 0.8966000000000001)."""
    return None if percent is None else round(float(percent) / 100, 10)


def number_format(value) -> str:
    return "0" if float(value).is_integer() else "0.00##"


def cell_value(value, measure: str | None, lang: str):
    """An indicator's target or actual as a cell: (value, number format or None)."""
    if value is None:
        return None, None
    if isinstance(value, dict):  # a range target
        return number_text(value) + ("%" if measure == "%" else ""), None
    if isinstance(value, str):
        if value == "not_done":
            return w("not_done", lang), None
        if DATE_RE.fullmatch(value):
            return dt.date.fromisoformat(value), "yyyy-mm-dd"
        return value, None
    if isinstance(value, bool):
        return value, None
    if measure == "%":
        return fraction(value), "0.00%"
    return value, number_format(value)


def rate_digits(text: str) -> int:
    """Digits of a rate as the summary printed it: "100%" → 0, "89.47%" → 2."""
    return len(text.rstrip("%").partition(".")[2])


# ---- writing ----------------------------------------------------------------------------------

class Grid:
    """Writes cells and remembers how wide each column needs to be for Chinese text."""

    def __init__(self, ws):
        self.ws = ws
        self.widths: dict[int, int] = {}
        self.wrapped: set[int] = set()

    def put(self, row, col, value, fmt=None, fill=None, bold=False, wrap=False, measure=True):
        cell = self.ws.cell(row=row, column=col, value=value)
        if isinstance(value, str) and cell.data_type == "f":  # text from the inputs (=HYPERLINK(…)) stays text
            cell.data_type = "s"
        if fmt:
            cell.number_format = fmt
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        if bold:
            cell.font = BOLD
        if wrap:
            cell.alignment = WRAP
            self.wrapped.add(col)
        if measure:  # a block title may overflow into the next cells instead
            self.widths[col] = max(self.widths.get(col, 0), self._width(value, fmt))
        return cell

    @staticmethod
    def _width(value, fmt) -> int:
        if value is None:
            return 0
        if isinstance(value, (dt.date, dt.datetime)):
            return 10
        if isinstance(value, float) and fmt and fmt.endswith("%"):
            return len(f"{value * 100:.2f}%")
        if isinstance(value, (int, float)):
            return len(number_text(value))
        text = str(value)
        return max((wcswidth(line) if wcswidth(line) >= 0 else len(line)) for line in text.splitlines() or [""])

    def header(self, row, names):
        for col, name in enumerate(names, start=1):
            cell = self.put(row, col, name, bold=True)
            cell.fill = HEAD_FILL
            cell.border = Border(bottom=THIN)
            cell.alignment = Alignment(vertical="center", wrap_text=True)

    def finish(self, freeze: str | None, filter_ref: str | None):
        for col, width in self.widths.items():
            width = min(max(width + 2, 6), WIDE + 2)
            self.ws.column_dimensions[get_column_letter(col)].width = width
        if freeze:
            self.ws.freeze_panes = freeze
        if filter_ref:
            self.ws.auto_filter.ref = filter_ref
        setup = self.ws.page_setup
        setup.orientation, setup.paperSize = "landscape", self.ws.PAPERSIZE_A4
        setup.fitToWidth, setup.fitToHeight = 1, 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True


def _status_cell(grid, row, col, status, lang):
    grid.put(row, col, status_label(status, lang), fill=STATUS_FILL.get(status))


def _flags_text(flags, lang) -> str:
    return ("、" if lang == "zh" else "; ").join(label(FLAGS, f, lang) for f in flags)


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
        put("direction", label(DIRECTIONS, i["direction"], lang))
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
    for t in summary.tables:
        if t["id"] in TABLE_SHEETS:
            sheets[w(TABLE_SHEETS[t["id"]], lang)].append(t)
            continue
        if t["id"] not in own:
            own[t["id"]] = sheet_name(t["title"] or t["id"], taken)
        sheets.setdefault(own[t["id"]], []).append(t)
    return [(name, tables) for name, tables in sheets.items() if tables]


def sheet_name(title: str, taken: set) -> str:
    """A valid, unique sheet name from a table title (≤ 31 characters, none of []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip().strip("'")[:31] or "table"
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
    for t in tables:
        row += 1
        title = t["title"] + (f" · {summary.units.get(t['unit'], t['unit'])}" if several_units else "")
        grid.put(row, 1, title, measure=False).font = Font(bold=True, size=12)
        if t["error"]:
            row += 1
            grid.put(row, 1, t["error"])
            row += 1
            continue
        row += 1
        head_row = row
        columns = t["columns"]
        flagged = any(r["flags"] for r in t["rows"] + [t["total"] or {"flags": []}])
        heads = _unique([t["by"], *[c["label"] for c in columns], *([h("flags", lang)] if flagged else [])])
        grid.header(row, heads)
        for r in t["rows"]:
            row += 1
            _ledger_row(grid, row, r, columns, lang, flagged, flag_columns=t.get("flag_columns"))
        total_row = row + 1
        if t["total"]:
            row += 1
            _ledger_row(grid, row, t["total"], columns, lang, flagged, bold=True, flag_columns=t.get("flag_columns"))
            for col in range(1, len(heads) + 1):
                ws.cell(row=row, column=col).border = Border(top=THIN)
        if freeze is None:
            freeze = f"A{head_row + 1}"
        last = f"{get_column_letter(len(heads))}{total_row - 1}"
        if t["rows"]:  # an Excel table per block: its own filter buttons; the total row stays outside
            name = _table_name(ws.parent, t)
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


def _table_name(wb, t) -> str:
    """A workbook-unique table name Excel accepts: ASCII letters, digits and underscores, not a cell reference."""
    base = "tbl_" + re.sub(r"[^A-Za-z0-9_]", "_", f"{t['id']}_{t['unit']}")
    taken = {name for ws in wb.worksheets for name in ws.tables}
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name
