"""Reading a 任务书 绩效指标 table as colleges keep it (.xlsx or .csv): a title row or two above the
header, 一级/二级指标 and 建设任务 merged (or left blank) down the rows they cover, one column per
year (2019年 … 2023年, or 2019 … 2023) or 中期/终期, sometimes under a merged 年度目标 header.

Each row comes back as a TaskRow whose cells keep their place (sheet!E7), so that whatever cannot be
read later is named where the person typed it."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from engine.core.paths import display
from engine.core.problems import InputError, Problem
from engine.load.tables import cell_text, decode
from engine.text.messages import os_reason
from engine.text.taskbook import COLUMNS, FILLED_DOWN, FINAL_WORDS, MID_WORDS, YEAR

HEADER_ROWS = 12  # the header is looked for in the first rows


@dataclass
class Cell:
    text: str
    place: str        # 绩效指标!E7, or 任务书.csv!E7


@dataclass
class TaskRow:
    row: int
    fields: dict                 # canonical column -> Cell (category, type, name, task, id, level, measure, owner)
    stages: list = field(default_factory=list)  # [(stage, Cell)]: stage is a year (int), "mid" or "final"

    def text(self, key: str) -> str:
        cell = self.fields.get(key)
        return cell.text if cell else ""


@dataclass
class Table:
    source: str                  # the file (and sheet) as shown
    sheet: str | None
    rows: list                   # [TaskRow]
    stages: list                 # the stage of each target column, in order


def read_taskbook(path: Path, sheet: str | None = None) -> Table:
    """The table, or InputError naming what is wrong (a file that is not a table, no header)."""
    path = Path(path)
    shown = display(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputError([Problem("import.unknown_suffix", shown, params={"file": shown})])
    try:
        if suffix == ".xlsx":
            grids = _xlsx_grids(path, shown, sheet)
        else:
            grids = [(None, _csv_grid(path, shown))]
    except OSError as exc:
        raise InputError([Problem("file.unreadable", shown, params={"reason": os_reason(exc)})])
    for name, grid in grids:
        found = _table(grid, name, path.name)
        if found is not None:
            rows, stages = found
            return Table(f"{shown}[{name}]" if name else shown, name, rows, stages)
    raise InputError([Problem("import.no_header", shown)])


def _xlsx_grids(path: Path, shown: str, sheet: str | None) -> list:
    from openpyxl import load_workbook
    try:
        book = load_workbook(path, data_only=True)  # not read-only: merged cells are needed
    except OSError:
        raise
    except Exception as exc:  # not a workbook at all: a renamed file, a damaged one
        raise InputError([Problem("table.parse", shown, params={"detail": str(exc)})])
    if sheet is not None and sheet not in book.sheetnames:
        raise InputError([Problem("import.no_sheet", shown, params={"sheet": sheet, "allowed": book.sheetnames})])
    out = []
    for ws in ([book[sheet]] if sheet is not None else book.worksheets):
        grid = [[cell_text(c).strip() for c in row] for row in ws.iter_rows()]
        for merged in ws.merged_cells.ranges:  # every cell of a merged range reads as its first
            value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else ""
            for r in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if c <= len(grid[r - 1]):
                        grid[r - 1][c - 1] = value
        out.append((ws.title, grid))
    return out


def _csv_grid(path: Path, shown: str) -> list:
    text = decode(path.read_bytes())
    if text is None:
        raise InputError([Problem("yaml.encoding", shown, params={"offset": 0})])
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def _key(text: str) -> str:
    return "".join(text.split()).lower()


def _stage(text: str):
    key = _key(text)
    found = YEAR.match(key)
    if found:
        return int(found.group(1))
    if key in {_key(w) for w in MID_WORDS}:
        return "mid"
    if key in {_key(w) for w in FINAL_WORDS}:
        return "final"
    return None


def _table(grid: list, sheet: str | None, file_name: str):
    """(rows, stages) of the first header found in the grid, or None."""
    aliases = {c: {_key(a) for a in names} for c, names in COLUMNS.items()}
    for h in range(min(HEADER_ROWS, len(grid))):
        header = grid[h]
        columns = {}
        for n, text in enumerate(header):
            for canonical, names in aliases.items():
                if _key(text) in names and canonical not in columns:
                    columns[canonical] = n
        if "name" not in columns:
            continue
        stages = _stage_columns(header, columns)
        body = h + 1
        if not stages and h + 1 < len(grid):  # years in a second header row, under a merged 年度目标
            stages = _stage_columns(grid[h + 1], columns)
            body = h + 2
        if not stages:
            continue
        place = sheet if sheet is not None else file_name
        return _rows(grid, body, columns, stages, place), [s for _, s in stages]
    return None


def _stage_columns(header: list, columns: dict) -> list:
    taken = set(columns.values())
    return [(n, s) for n, s in ((n, _stage(text)) for n, text in enumerate(header) if n not in taken and text)
            if s is not None]


def _rows(grid, body, columns, stages, place) -> list:
    rows, above = [], {}
    for r in range(body, len(grid)):
        line = grid[r]

        def cell(n):
            text = line[n].strip() if n < len(line) and line[n] is not None else ""
            return Cell(text, f"{place}!{get_column_letter(n + 1)}{r + 1}")

        fields = {c: cell(n) for c, n in columns.items()}
        for c in FILLED_DOWN:  # a merged or blank cell is the cell where the text was typed
            if c in fields:
                if fields[c].text and (c not in above or fields[c].text != above[c].text):
                    above[c] = fields[c]
                elif c in above:
                    fields[c] = above[c]
        if not fields["name"].text:
            continue  # a blank row, or a merged header's remainder
        rows.append(TaskRow(r + 1, fields, [(s, cell(n)) for n, s in stages]))
    return rows
