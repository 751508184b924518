"""Step 3: read a dated snapshot: its manifest, the value table and the ledgers.

Files are read into Cells (engine/load/tables.py), and every cell is typed by the one path in
engine/load/cells.py, values.py and ledgers.py, which rule tests use too. A cell that cannot be
read stops the run with its file, row and column; `jixiao validate` reads leniently (lenient=True):
it gets every problem and what could still be read.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from engine.core.dates import iso_date
from engine.core.paths import display
from engine.core.problems import InputError, Problem, raise_if_errors
from engine.load import schema_check
from engine.load.cells import ROW, Cells
from engine.load.ledgers import read_ledger, settle_units, units_of
from engine.load.tables import read_cells
from engine.load.values import VALUE_COLUMNS, empty, headers_used, read_values
from engine.load.yaml_source import load_yaml
from engine.text.vocabulary import LISTS_SHEET

ALL_SHEETS = "*"  # values: {file: x.xlsx, sheet: "*"}: every sheet (Excel forbids * in a sheet name)


@dataclass
class Snapshot:
    date: str
    folder: Path
    values: pd.DataFrame   # one row per indicator and unit: indicator, unit, actual, causes, note, likelihood, evidence, __row
    values_file: str
    ledgers: dict
    units: list
    unit_names: dict
    files: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    value_columns: dict = field(default_factory=dict)  # value-table file (and sheet) -> {canonical column: number}


def snapshot_folder(datasets_dir: Path, date: str) -> Path:
    shown = display(Path(datasets_dir))
    if not iso_date(date or ""):
        raise InputError([Problem("snapshot.bad_date", shown, params={"value": date})])
    folder = Path(datasets_dir) / date
    if not folder.is_dir():
        available = sorted(p.name for p in Path(datasets_dir).iterdir() if p.is_dir()) if Path(datasets_dir).is_dir() else []
        raise InputError([Problem("snapshot.missing", display(folder), params={
            "dir": display(folder), "available": available})])
    return folder


def load_snapshot(datasets_dir: Path, date: str, rules, lenient: bool = False):
    """The snapshot of this date; any problem stops with InputError. lenient: (snapshot or None,
    problems) instead, with what could be read (validate goes on from there)."""
    try:
        snap, problems = _load(datasets_dir, date, rules, lenient)
    except InputError as exc:
        if not lenient:
            raise
        return None, exc.problems
    return (snap, problems) if lenient else snap


def _load(datasets_dir, date, rules, lenient):
    folder = snapshot_folder(datasets_dir, date)
    manifest, problems, manifest_doc = _manifest(folder, date)
    if not lenient or manifest is None:
        raise_if_errors(problems)
    manifest, manifest_problems = manifest or {}, problems
    files = [folder / name for name in MANIFESTS if (folder / name).exists()]  # inputs too: never written over
    values_spec = manifest.get("values") or _default_values(folder)
    ledger_specs, problems = manifest.get("ledgers"), []
    if ledger_specs is None:  # no manifest list: every other table in the folder is a ledger
        ledger_specs, problems = _found_ledgers(folder, _spec(values_spec)[0] if values_spec else "")
    default_unit = manifest.get("default_unit", "default")
    declared = dict(manifest.get("units", {}))
    columns = {}
    if values_spec is None:
        problems.append(Problem("snapshot.no_values", display(folder)))
        values, values_file = empty(), display(folder)
        if not lenient:
            raise InputError(problems[-1:])
    else:
        values, values_file, found, columns = _values(folder, values_spec, rules, default_unit, set(declared) or None, date)
        problems += found
        files.append(folder / _spec(values_spec)[0])
    ledgers = {}
    for name, spec in sorted(ledger_specs.items()):
        cells, found = _open(folder, spec)
        problems += found
        files.append(folder / _spec(spec)[0])
        if cells is not None:
            ledgers[name] = read_ledger(cells, name, default_unit)
    units = units_of(values, ledgers, declared, default_unit)
    problems += settle_units(ledgers, units, set(declared), lambda lg: (lg.file, 1, None, ""))
    problems = manifest_problems + [_at_manifest(p, manifest_doc, folder) for p in problems]
    if not lenient:
        raise_if_errors(problems)
    snap = Snapshot(date, folder, values, values_file, ledgers, units, declared, files,
                    [p for p in problems if p.level == "warning"], columns)
    return snap, problems


MANIFESTS = ("manifest.yaml", "manifest.yml")


def _manifest(folder: Path, date: str):
    for name in MANIFESTS:
        path = folder / name
        if path.exists():
            doc, problems = load_yaml(path, display(path))
            if doc.data is not None:
                problems += schema_check.check(doc, "manifest")
            if not problems and doc.data["snapshot"] != date:
                problems.append(Problem("snapshot.date_mismatch", doc.file, *doc.mark(("snapshot",)), "snapshot",
                                        {"value": doc.data["snapshot"], "folder": date}))
            return (doc.data if not problems else _sound_part(doc.data, problems)), problems, doc
    return {}, [], None


def _sound_part(data, problems) -> dict | None:
    """What validate can still use of a manifest with problems: the known keys no problem is about
    (a misspelt `ledgres:` must not hide every table of the snapshot); None when nothing is sound."""
    if not isinstance(data, dict):
        return None
    known = schema_check.schema("manifest").get("properties", {})
    bad = {re.split(r"[.\[]", p.path or "", maxsplit=1)[0] for p in problems}
    if "" in bad:  # a problem of the whole file: nothing can be trusted
        return None
    return {k: v for k, v in data.items() if k in known and k not in bad}


def _at_manifest(problem: Problem, doc, folder: Path) -> Problem:
    """A file the manifest names but the folder lacks: the place to fix is the manifest's line."""
    if problem.code not in ("snapshot.file_missing", "snapshot.path_outside") or doc is None:
        return problem
    data = doc.data or {}
    places = [("values",)] + [("ledgers", name) for name in data.get("ledgers") or {}]
    for place in places:
        spec = data.get(place[0]) if len(place) == 1 else data["ledgers"][place[1]]
        if spec is not None and problem.file == display(folder / _spec(spec)[0]):
            where = place + (("file",) if isinstance(spec, dict) else ())
            return Problem(problem.code, doc.file, *doc.mark(where), ".".join(where), problem.params)
    return problem


def _found_ledgers(folder: Path, values_name: str) -> tuple[dict, list[Problem]]:
    """The ledgers of a snapshot without a manifest list: its other tables, named by their files.
    A file that cannot be a ledger name is said to be skipped; two files of one name are refused."""
    specs, problems = {}, []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".csv", ".xlsx") or path.name == values_name or path.is_dir() \
                or path.name.startswith(("~$", ".")):  # Excel's lock file while the workbook is open
            continue
        if path.stem == Path(values_name).stem:  # values.csv and values.xlsx: which one holds the values?
            problems.append(Problem("snapshot.duplicate_ledger", display(path), params={"name": path.stem, "other": values_name}))
        elif not path.stem.isidentifier():
            problems.append(Problem("snapshot.ignored_file", display(path), params={"value": path.name}, level="warning"))
        elif path.stem in specs:
            problems.append(Problem("snapshot.duplicate_ledger", display(path), params={
                "name": path.stem, "other": specs[path.stem]}))
        else:
            specs[path.stem] = path.name
    return specs, problems


def _default_values(folder: Path):
    for name in ("values.csv", "values.xlsx"):
        if (folder / name).exists():
            return name
    return None


def _spec(spec) -> tuple[str, str | None]:
    return (spec, None) if isinstance(spec, str) else (spec["file"], spec.get("sheet"))


def _open(folder: Path, spec, shown: str | None = None) -> tuple[Cells | None, list[Problem]]:
    """The table a manifest entry names, as Cells."""
    name, sheet = _spec(spec)
    path = folder / name
    shown = shown or display(path)
    if not _inside(path, folder):  # ../other/values.csv, /etc/…: a snapshot is its folder, nothing else
        return None, [Problem("snapshot.path_outside", display(path), params={"value": name, "folder": display(folder)})]
    if not path.exists():
        present = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in (".csv", ".xlsx"))
        return None, [Problem("snapshot.file_missing", display(path), params={"value": name, "present": present})]
    return read_cells(path, shown, sheet)


def _inside(path: Path, folder: Path) -> bool:
    """Whether a file a manifest names lies in the snapshot's folder as written (no .. out of it, not
    absolute). A link placed in the folder is the user's own choice and is followed."""
    return Path(os.path.normpath(path)).is_relative_to(os.path.normpath(folder))


def _values(folder, spec, rules, default_unit, declared=None, day=None):
    """(values, file shown, problems, {file: {canonical column: number}})."""
    if _spec(spec)[1] == ALL_SHEETS:
        return _all_sheets(folder, _spec(spec)[0], rules, default_unit, declared, day)
    return _one_sheet(folder, spec, rules, default_unit, None, declared, day)


def _one_sheet(folder, spec, rules, default_unit, shown, declared, day):
    cells, problems = _open(folder, spec, shown)
    shown = cells.file if cells is not None else shown or display(folder / _spec(spec)[0])
    if cells is None:
        return empty(), shown, problems, {}
    values, found = read_values(cells, rules, default_unit, declared, day)
    used = headers_used(cells.frame, VALUE_COLUMNS)
    return values, shown, problems + found, {shown: {c: cells.columns.get(h) for c, h in used.items()}}


def _sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook in their order; [] when it cannot be opened (read_table says why)."""
    if path.suffix.lower() != ".xlsx" or not path.exists():
        return []
    from openpyxl import load_workbook
    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001  any damage is reported by read_table with its own message
        return []
    try:
        # chart sheets hold no rows; the template's hidden sheet holds its drop-down lists, not values
        return [ws.title for ws in book.worksheets if ws.title != LISTS_SHEET]
    finally:
        book.close()


def _all_sheets(folder, name, rules, default_unit, declared=None, day=None):
    """A value table spread over the sheets of one workbook (say one sheet per level), read
    sheet by sheet and stacked. Rows keep their own sheet's row numbers, and problems name
    the sheet: values.xlsx[学校层面]."""
    path = folder / name
    sheets = _sheet_names(path)
    if not sheets:
        return _one_sheet(folder, name, rules, default_unit, None, declared, day)
    parts, problems, seen, columns = [], [], {}, {}
    for sheet in sheets:
        out, shown, found, numbers = _one_sheet(folder, {"file": name, "sheet": sheet}, rules, default_unit,
                                                f"{display(path)}[{sheet}]", declared, day)
        problems += found
        columns.update(numbers)
        keep = []
        for key, row in zip(zip(out["indicator"], out["unit"]), out[ROW]):
            keep.append(key not in seen)
            if key in seen:
                problems.append(Problem("table.duplicate_row_sheet", shown, int(row), None, "indicator", {
                    "id": key[0], "unit": key[1], "sheet": seen[key][0], "other": seen[key][1]}))
            else:
                seen[key] = (sheet, int(row))
        parts.append(out.loc[keep])
    parts = [p for p in parts if len(p)] or parts[:1]
    return pd.concat(parts, ignore_index=True), display(path), problems, columns
