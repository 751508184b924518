"""`jixiao new snapshot DATE` and `jixiao template DATE`: a snapshot folder made from the current
rules, and its value table rebuilt after the rules change.

A new snapshot holds values.xlsx built from the rules (workbooks.value_template: ids, names,
measures, Chinese drop-down lists, the previous snapshot's values for reference), the previous
snapshot's ledgers (cumulative ledgers keep their rows; --empty-ledger keeps a header only) and a
manifest naming them. It is written into a temporary folder and renamed into place: all or nothing,
and never over an existing snapshot. Rebuilding (refresh) keeps what was typed in each
indicator's row (value, causes, note, likelihood, evidence, number formats), writes the old
workbook beside it as <name>.bak and the new one atomically."""
from __future__ import annotations

import io
import math
import shutil
from pathlib import Path

import pandas as pd

from engine.authoring.indicator_yaml import dump
from engine.authoring.workbooks import value_template
from engine.authoring.values_csv import refresh_csv
from engine.core.dates import iso_date
from engine.core.output import staged_folder, write_atomic
from engine.core.paths import display
from engine.core.problems import InputError, Problem
from engine.core.values import NOT_DONE
from engine.load.rules import load_rules
from engine.load.snapshot import ALL_SHEETS, MANIFESTS, load_snapshot
from engine.load.values import VALUE_COLUMNS
from engine.load.yaml_source import load_yaml
from engine.text import t
from engine.text.vocabulary import IGNORED_COLUMNS, LISTS_SHEET, NOT_DONE_WORDS

VALUES = "values.xlsx"
KEPT = tuple(c for c in VALUE_COLUMNS if c not in ("indicator", "unit"))  # what a person typed, kept by refresh


def snapshots_in(datasets: Path) -> list[str]:
    """The snapshot dates of a datasets folder, oldest first."""
    datasets = Path(datasets)
    if not datasets.is_dir():
        return []
    return sorted(p.name for p in datasets.iterdir() if p.is_dir() and iso_date(p.name))


def previous_of(datasets: Path, date: str, source: str | None = None) -> str | None:
    """The snapshot carried over: the one named, or the latest before date."""
    found = snapshots_in(datasets)
    if source is not None:
        if source not in found:
            raise InputError([Problem("snapshot_new.no_source", display(Path(datasets) / str(source)),
                                      params={"value": source, "available": found})])
        return source
    earlier = [d for d in found if d < date]
    return earlier[-1] if earlier else None


def new_snapshot(rules_dir: Path, datasets: Path, date: str, source: str | None = None,
                 empty_ledgers=()) -> dict:
    """Write datasets/DATE; returns what the command says about it."""
    datasets = Path(datasets)
    target = datasets / str(date)
    if not iso_date(str(date)):
        raise InputError([Problem("snapshot_new.bad_date", display(target), params={"value": date})])
    if target.exists():
        raise InputError([Problem("snapshot_new.exists", display(target),
                                  params={"dir": display(target), "date": date})])
    rules = load_rules(rules_dir)
    prev = previous_of(datasets, date, source)
    manifest, previous, snap = _previous(rules, datasets, prev)
    ledgers = dict(manifest.get("ledgers") or {}) if prev else {}
    if prev and "ledgers" not in manifest and snap is not None:  # no list: every other table was a ledger
        ledgers = {name: Path(lg.file.split("[")[0]).name for name, lg in snap.ledgers.items()}
    unknown = sorted(set(empty_ledgers) - set(ledgers))
    if unknown:
        raise InputError([Problem("snapshot_new.unknown_ledger", display(datasets / str(prev or date)), params={
            "name": unknown, "date": prev or "-", "allowed": sorted(ledgers)})])
    units = list((manifest.get("units") or {}).keys())
    with staged_folder(target) as tmp:
        count = _build(tmp, rules, previous, units, manifest.get("default_unit"))
        carried = _carry_ledgers(datasets / prev, tmp, ledgers, set(empty_ledgers), snap) if prev else []
        (tmp / "manifest.yaml").write_text(manifest_text(date, manifest, ledgers, _schema_line(datasets, prev)),
                                           encoding="utf-8", newline="\n")
    return {"dir": target, "count": count, "previous": prev if previous else None, "ledgers": carried}


def refresh_values(rules_dir: Path, datasets: Path, date: str) -> dict:
    """Rebuild the value table of datasets/DATE from the rules, keeping what was typed in it."""
    datasets = Path(datasets)
    folder = datasets / str(date)
    if not folder.is_dir():
        raise InputError([Problem("snapshot_new.missing", display(folder),
                                  params={"dir": display(folder), "date": date})])
    rules = load_rules(rules_dir)
    manifest = _manifest_data(folder)
    spec = manifest.get("values") or (VALUES if (folder / VALUES).exists() else "values.csv")
    name, sheet = (spec, None) if isinstance(spec, str) else (spec.get("file"), spec.get("sheet"))
    path = folder / str(name)
    default_unit = manifest.get("default_unit", "default")
    units = list((manifest.get("units") or {}).keys())
    if path.suffix.lower() == ".csv" and path.exists():
        data, done = refresh_csv(path, rules, units or [default_unit], default_unit)
        backup = path.with_name(path.name + ".bak")
        shutil.copy2(path, backup)
        write_atomic(path, data, [])
        return {"file": path, "backup": backup, "columns": [], **done}
    if path.suffix.lower() != ".xlsx" or not path.exists():
        raise InputError([Problem("snapshot_new.not_xlsx", display(path), params={"file": display(path)})])
    typed, other = typed_cells(path, default_unit, None if sheet in (None, ALL_SHEETS) else sheet)
    prev = previous_of(datasets, date)
    _, previous, _ = _previous(rules, datasets, prev)
    ids = {i.id for i in rules.indicators}
    dropped = sorted({key[0] for key in typed if key[0] not in ids})
    buffer = io.BytesIO()
    count = value_template(buffer, rules, previous, typed, units or [default_unit])  # keyed as typed_cells keys
    backup = path.with_name(path.name + ".bak")
    shutil.copy2(path, backup)
    write_atomic(path, buffer.getvalue(), [])
    if manifest and sheet != ALL_SHEETS and manifest.get("values") is not None:
        manifest_path = next(folder / m for m in MANIFESTS if (folder / m).exists())
        text = manifest_path.read_text(encoding="utf-8-sig")
        first = text.splitlines()[0] if text.startswith("# yaml-language-server") else None
        write_atomic(manifest_path, manifest_text(date, {**manifest, "values": {"file": name, "sheet": ALL_SHEETS}},
                                                  manifest.get("ledgers") or {}, first, keep_description=True), [])
    kept = sum(1 for key in typed if key[0] in ids)
    return {"file": path, "count": count, "kept": kept, "dropped": dropped, "backup": backup, "columns": other}


def typed_cells(path: Path, default_unit: str, only_sheet: str | None = None) -> tuple[dict, list]:
    """What a person typed in a value-table workbook: {(id, unit): {column: (value, number format)}}
    for the columns KEPT, as the cells hold them (numbers stay numbers, formats stay); and the
    headers of other columns holding something (not carried over: said, and kept in the backup)."""
    from openpyxl import load_workbook
    book = load_workbook(path)
    found, other = {}, set()
    for ws in book.worksheets:
        if ws.title == LISTS_SHEET or (only_sheet and ws.title != only_sheet) or ws.max_row < 2:
            continue
        header = {}
        for cell in ws[1]:
            key = str(cell.value).strip().lower() if cell.value is not None else ""
            for canonical, names in VALUE_COLUMNS.items():
                if key in names and canonical not in header.values():
                    header[cell.column] = canonical
        if "indicator" not in header.values():
            continue
        for cell in ws[1]:
            name = str(cell.value).strip() if cell.value is not None else ""
            if cell.column not in header and name.lower() not in IGNORED_COLUMNS and any(
                    c.value not in (None, "") for c in next(ws.iter_cols(min_col=cell.column, max_col=cell.column,
                                                                         min_row=2))):
                other.add(name or cell.column_letter)
        for row in ws.iter_rows(min_row=2):
            cells = {header[c.column]: c for c in row if c.column in header}
            ident = cells.get("indicator")
            if ident is None or ident.value is None or not str(ident.value).strip():
                continue
            unit = cells.get("unit")
            unit = str(unit.value).strip() if unit is not None and unit.value not in (None, "") else default_unit
            typed = {c: (cells[c].value, cells[c].number_format) for c in KEPT
                     if c in cells and cells[c].value is not None and str(cells[c].value).strip() != ""}
            if typed:
                found.setdefault((str(ident.value).strip(), unit), typed)
    return found, sorted(other)


def _previous(rules, datasets: Path, prev: str | None):
    """(manifest data, {"date", "values"} or None, the loaded snapshot or None) of the snapshot carried over."""
    if prev is None:
        return {}, None, None
    manifest = _manifest_data(datasets / prev)
    snap, _problems = load_snapshot(datasets, prev, rules, lenient=True)
    if snap is None:
        return manifest, None, None
    values = {(row.indicator, row.unit): _shown(row.actual) for row in snap.values.itertuples()
              if _shown(row.actual) is not None}
    values.update(_computed(rules, snap))
    return manifest, {"date": prev, "values": values}, snap


def _computed(rules, snap) -> dict:
    """The values the rules' formulas gave in the previous snapshot (its 执行率, its counts), rounded
    to two decimals for reading; none when it cannot be evaluated."""
    from engine.evaluate.evaluator import evaluate
    formulas = {i.id for i in rules.indicators if i.actual}
    if not formulas:
        return {}
    try:
        results = evaluate(rules, snap).results
    except InputError:
        return {}
    out = {}
    for row in results.loc[results["id"].isin(formulas)].itertuples():
        value = _shown(row.actual)
        if isinstance(value, float):
            value = _shown(round(value, 2))
        if value is not None and not isinstance(value, (pd.Timestamp, dict, list)):
            out[(row.id, row.unit)] = value
    return out


def _shown(value):
    """A value of the previous snapshot as the template shows it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return NOT_DONE_WORDS[0] if value == NOT_DONE else value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _manifest_data(folder: Path) -> dict:
    for name in MANIFESTS:
        if (folder / name).exists():
            doc, problems = load_yaml(folder / name, display(folder / name))
            if any(p.level == "error" for p in problems) or not isinstance(doc.data, dict):
                raise InputError(problems)
            return dict(doc.data)
    return {}


def _build(tmp: Path, rules, previous, units, default_unit) -> int:
    return value_template(tmp / VALUES, rules, previous, None, units or [default_unit or "default"])


def _carry_ledgers(source: Path, tmp: Path, ledgers: dict, emptied: set, snap) -> list[dict]:
    """Copy the ledgers' files (a workbook holding several ledgers once); emptied ones keep their header."""
    carried, copied = [], set()
    for name, spec in ledgers.items():
        file, sheet = (spec, None) if isinstance(spec, str) else (spec.get("file"), spec.get("sheet"))
        if file not in copied and (source / file).exists():
            (tmp / file).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / file, tmp / file)
            copied.add(file)
        if name in emptied and (tmp / file).exists():
            _keep_header(tmp / file, sheet)
        known = snap is not None and name in snap.ledgers
        rows = 0 if name in emptied else (len(snap.ledgers[name].frame) if known else None)
        carried.append({"name": name, "file": file, "rows": rows, "emptied": name in emptied})
    return carried


def _keep_header(path: Path, sheet: str | None) -> None:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook
        book = load_workbook(path)
        ws = book[sheet] if sheet else book.worksheets[0]
        if ws.max_row > 1:
            ws.delete_rows(2, ws.max_row - 1)
        book.save(path)
        return
    data = path.read_bytes()
    end = data.find(b"\n")
    path.write_bytes(data if end < 0 else data[:end + 1])


def _schema_line(datasets: Path, prev: str | None) -> str | None:
    """The previous manifest's schema line (same depth), or one to the workspace's schemas/."""
    if prev:
        for name in MANIFESTS:
            path = datasets / prev / name
            if path.exists():
                first = path.read_text(encoding="utf-8-sig").splitlines()[:1]
                if first and first[0].startswith("# yaml-language-server"):
                    return first[0]
    if (datasets.parent / "schemas" / "manifest.schema.json").exists():
        return "# yaml-language-server: $schema=../../schemas/manifest.schema.json"
    return None


def manifest_text(date: str, previous: dict, ledgers: dict, schema_line: str | None, keep_description=False) -> str:
    """The new manifest: the previous one's units, the value table, the ledgers carried over."""
    lines = [schema_line] if schema_line else []
    lines.append(t("snapshots.manifest_head", "zh"))
    lines.append(f"snapshot: {date}")
    description = previous.get("description") if keep_description else None
    lines.append(f"description: {dump(description or t('snapshots.description', 'zh', date=date))}")
    if previous.get("default_unit"):
        lines.append(f"default_unit: {dump(previous['default_unit'])}")
    if previous.get("units"):
        lines.append("units:")
        lines += [f"  {dump(code)}: {dump(name)}" for code, name in previous["units"].items()]
    values = previous.get("values") if keep_description else {"file": VALUES, "sheet": ALL_SHEETS}
    if isinstance(values, dict):
        lines += ["values:", f"  file: {dump(values['file'])}", f"  sheet: {dump(values.get('sheet', ALL_SHEETS))}"]
    else:
        lines.append(f"values: {dump(values)}")
    if ledgers:
        lines.append("ledgers:")
        for name, spec in ledgers.items():
            if isinstance(spec, dict):
                inner = ", ".join(f"{k}: {dump(v)}" for k, v in spec.items())
                lines.append(f"  {name}: {{{inner}}}")
            else:
                lines.append(f"  {name}: {dump(spec)}")
    return "\n".join(lines) + "\n"


