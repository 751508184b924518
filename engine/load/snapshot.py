"""Step 3: read a dated snapshot: its manifest, the value table and the ledgers.

Each cell of the value table is read the way its indicator needs (number, date or grade);
a cell that cannot be read stops the run with its file, row and column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from engine.load import schema_check
from engine.evaluate.functions import NOT_DONE, UNIT  # noqa: F401  (NOT_DONE is read from here by later steps)
from engine.text.labels import LIKELIHOOD
from engine.core.paths import display
from engine.core.problems import InputError, Problem, raise_if_errors
from engine.load.rules_check import valid_date
from engine.core.suggest import near
from engine.load.tables import FILE, ROW, column_number, normalise, parse_dates, parse_numbers, read_table, typed, with_magnitude
from engine.load.yaml_source import load_yaml

# canonical column -> accepted headers (English or Chinese)
VALUE_COLUMNS = {
    "indicator": ("indicator", "id", "指标编号", "指标代码", "编号"),
    "unit": ("unit", "单位", "单位编号", "单位代码"),
    "actual": ("actual", "value", "实际值", "完成值"),
    "causes": ("causes", "cause", "原因代码", "原因"),
    "note": ("note", "说明", "情况说明", "备注"),
    "likelihood": ("likelihood", "完成可能性", "可能性"),
    "evidence": ("evidence", "佐证材料", "佐证", "证明材料"),
}
HEADERS = {"indicator": "指标编号", "unit": "单位", "actual": "实际值", "causes": "原因代码", "note": "说明",
           "likelihood": "完成可能性", "evidence": "佐证材料"}  # as the README and templates write them
IGNORED_COLUMNS = ("name", "指标名称", "名称", "序号", "level", "层面", "task", "建设任务",
                   "计量单位", "measure")  # 计量单位 (项, %): "单位" is the unit *column* (which college)
ALL_SHEETS = "*"  # values: {file: x.xlsx, sheet: "*"}: every sheet (Excel forbids * in a sheet name)
REQUIRED = ("indicator", "actual")
NOT_DONE_WORDS = {"未完成", "否", "no", "not done", "未", "无"}
CAUSE_SPLIT = re.compile(r"[,，;；、\s]+")


@dataclass
class Ledger:
    name: str
    file: str
    frame: pd.DataFrame
    shared: bool = False  # no unit column: the records belong to the snapshot's only unit
    unit_column: str | None = None  # the header of its unit column, as written


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


def snapshot_folder(datasets_dir: Path, date: str) -> Path:
    shown = display(Path(datasets_dir))
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date or "") or not valid_date(date):
        raise InputError([Problem("snapshot.bad_date", shown, params={"value": date})])
    folder = Path(datasets_dir) / date
    if not folder.is_dir():
        available = sorted(p.name for p in Path(datasets_dir).iterdir() if p.is_dir()) if Path(datasets_dir).is_dir() else []
        raise InputError([Problem("snapshot.missing", display(folder), params={
            "dir": display(folder), "available": "、".join(available) or "（无）"})])
    return folder


def load_snapshot(datasets_dir: Path, date: str, rules) -> Snapshot:
    folder = snapshot_folder(datasets_dir, date)
    manifest, problems, manifest_doc = _manifest(folder, date)
    raise_if_errors(problems)
    files = [folder / name for name in MANIFESTS if (folder / name).exists()]  # inputs too: never written over
    values_spec = manifest.get("values") or _default_values(folder)
    if values_spec is None:
        raise InputError([Problem("snapshot.no_values", display(folder))])
    ledger_specs, found_problems = manifest.get("ledgers"), []
    if ledger_specs is None:  # no manifest list: every other table in the folder is a ledger
        ledger_specs, found_problems = _found_ledgers(folder, _spec(values_spec)[0])
    default_unit = manifest.get("default_unit", "default")

    values, values_file, problems = _values(folder, values_spec, rules, default_unit,
                                            declared=set(manifest.get("units", {})) or None, day=date)
    problems = found_problems + problems
    files.append(folder / _spec(values_spec)[0])
    ledgers = {}
    for name, spec in sorted(ledger_specs.items()):
        ledger, found = _ledger(folder, name, spec, default_unit)
        problems += found
        files.append(folder / _spec(spec)[0])
        if ledger is not None:
            ledgers[name] = ledger
    units = sorted(set(values["unit"]) | {u for lg in ledgers.values() if not lg.shared for u in lg.frame[UNIT]}
                   | set(manifest.get("units", {}))) or [default_unit]
    declared = set(manifest.get("units", {}))
    for name, lg in ledgers.items():
        if declared and not lg.shared:  # a unit the manifest lacks would become a college of its own
            problems += _undeclared_units(lg, declared)
        if lg.shared and len(units) > 1:
            problems.append(Problem("table.no_unit_column", lg.file, 1, None, params={"ledger": name}))
        elif lg.shared:
            lg.frame[UNIT] = units[0]
    raise_if_errors([_at_manifest(p, manifest_doc, folder) for p in problems])
    return Snapshot(date, folder, values, values_file, ledgers, units, dict(manifest.get("units", {})),
                    files, [p for p in problems if p.level == "warning"])


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
            return (doc.data if not problems else {}), problems, doc
    return {}, [], None


def _at_manifest(problem: Problem, doc, folder: Path) -> Problem:
    """A file the manifest names but the folder lacks: the place to fix is the manifest's line."""
    if problem.code != "snapshot.file_missing" or doc is None:
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
        if path.suffix.lower() not in (".csv", ".xlsx") or path.name == values_name or not path.is_file() \
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


def _open(folder: Path, spec, shown: str | None = None):
    name, sheet = _spec(spec)
    path = folder / name
    if not path.exists():
        present = "、".join(sorted(p.name for p in folder.iterdir() if p.suffix.lower() in (".csv", ".xlsx"))) or "（无）"
        return None, display(path), [Problem("snapshot.file_missing", display(path), params={"value": name, "present": present})]
    frame, problems = read_table(path, shown or display(path), sheet)
    return frame, shown or display(path), problems


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
        return [ws.title for ws in book.worksheets]  # chart sheets hold no rows
    finally:
        book.close()


def _all_sheets(folder, name, rules, default_unit, declared=None, day=None):
    """A value table spread over the sheets of one workbook (say one sheet per level), read
    sheet by sheet and stacked. Rows keep their own sheet's row numbers, and problems name
    the sheet: values.xlsx[学校层面]."""
    path = folder / name
    sheets = _sheet_names(path)
    if not sheets:
        return _values(folder, name, rules, default_unit, declared=declared, day=day)
    parts, problems, seen = [], [], {}
    for sheet in sheets:
        out, shown, found = _values(folder, {"file": name, "sheet": sheet}, rules, default_unit,
                                    f"{display(path)}[{sheet}]", declared, day)
        problems += found
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
    return pd.concat(parts, ignore_index=True), display(path), problems


def _rename(frame: pd.DataFrame, aliases: dict) -> dict:
    """canonical -> header actually used."""
    found = {}
    for column in frame.columns:
        key = column.strip().lower()
        for canonical, names in aliases.items():
            if key in names and canonical not in found:
                found[canonical] = column
    return found


MEASURE_WORDS = {"项", "个", "人", "人次", "%", "％", "万元", "元", "篇", "所", "门", "本", "套", "家", "次", "天",
                 "日期", "等级", "学时", "课时", "名"}


def _values(folder, spec, rules, default_unit, shown=None, declared=None, day=None):
    """declared: the units manifest.yaml names; a row of another unit is refused (单位 holds the
    college or group, and 项 or % there is a measure typed in the wrong column)."""
    if _spec(spec)[1] == ALL_SHEETS:
        return _all_sheets(folder, _spec(spec)[0], rules, default_unit, declared, day)
    frame, shown, problems = _open(folder, spec, shown)
    empty = pd.DataFrame(columns=["indicator", "unit", "actual", "causes", "note", "likelihood", "evidence", ROW])
    if frame is None:
        return empty, shown, problems
    used = _rename(frame, VALUE_COLUMNS)
    for column in REQUIRED:
        if column not in used:
            problems.append(Problem("table.missing_column", shown, 1, None, column, {
                "column": f"{HEADERS[column]}（{column}）",
                "expected": "、".join(HEADERS.values())}))
    if problems:
        return empty, shown, problems
    for column in frame.columns:
        if column != ROW and column not in used.values() and column.strip().lower() not in IGNORED_COLUMNS:
            problems.append(Problem("table.extra_column", shown, 1, column_number(frame, column), column,
                                    {"column": column}, level="warning"))
    col_no = {c: column_number(frame, used[c]) for c in used}
    out = pd.DataFrame({c: frame[used[c]] if c in used else np.nan for c in VALUE_COLUMNS})
    out[ROW] = frame[ROW]
    out["unit"] = out["unit"].astype(object).fillna(default_unit) if "unit" in used else default_unit  # all blank: float
    out["indicator"] = normalise(out["indicator"]).str.strip() if out["indicator"].notna().any() else out["indicator"]

    def at(mask, column, code, **params):
        for _, row in out.loc[mask].iterrows():
            problems.append(Problem(code, shown, int(row[ROW]), col_no.get(column), column,
                                    {**{k: (v(row) if callable(v) else v) for k, v in params.items()}}))

    at(out["indicator"].isna(), "indicator", "table.blank_id")
    if not declared and "unit" in used:  # 单位 also means a measure: 项 or % there is a mistyped column
        at(out["unit"].isin(MEASURE_WORDS), "unit", "table.unit_is_measure", unit=lambda r: r["unit"])
    if declared and "unit" in used:
        at(out["indicator"].notna() & ~out["unit"].isin(declared), "unit", "table.unknown_unit",
           unit=lambda r: r["unit"], allowed="、".join(sorted(declared)))
    out = out.loc[out["indicator"].notna()].copy()
    by_id = rules.by_id()
    unknown = ~out["indicator"].isin(list(by_id))
    at(unknown, "indicator", "table.unknown_indicator", id=lambda r: r["indicator"],
       near=lambda r: _near(r["indicator"], by_id))
    out = out.loc[~unknown].copy()
    dup = out.duplicated(["indicator", "unit"], keep="first")
    first = out.drop_duplicates(["indicator", "unit"]).set_index(["indicator", "unit"])[ROW]
    at(dup, "indicator", "table.duplicate_row", id=lambda r: r["indicator"], unit=lambda r: r["unit"],
       other=lambda r: int(first[(r["indicator"], r["unit"])]))
    out = out.loc[~dup].copy()
    out["actual"] = _typed_actuals(out, by_id, at)
    if day is not None:  # a date done after the snapshot's own date cannot be known yet
        later = out["actual"].map(lambda v: isinstance(v, pd.Timestamp) and v != NOT_DONE and v > pd.Timestamp(day))
        at(later.astype(bool), "actual", "table.date_after_snapshot", value=lambda r: r["actual"].strftime("%Y-%m-%d"),
           id=lambda r: r["indicator"], day=day)
    out["causes"], out["likelihood"] = _causes(out, rules, at), _likelihood(out, at)
    out[FILE] = shown
    return out.reset_index(drop=True), shown, problems


def _typed_actuals(out, by_id, at) -> pd.Series:
    kinds = out["indicator"].map(lambda i: by_id[i].value_kind)
    result = pd.Series(np.nan, index=out.index, dtype=object)
    raw = out["actual"]
    num = kinds == "number"
    values, bad = parse_numbers(raw[num])
    result[num] = values
    bad = bad.reindex(out.index, fill_value=False)
    magnitude = bad & with_magnitude(raw).reindex(out.index, fill_value=False)
    at(bad & ~magnitude, "actual", "table.bad_number", value=lambda r: r["actual"], id=lambda r: r["indicator"])
    at(magnitude, "actual", "table.number_with_unit", value=lambda r: r["actual"], id=lambda r: r["indicator"],
       unit=lambda r: by_id[r["indicator"]].unit or "-")
    # 12% for an indicator counted in 项 is a mistake somewhere, not 12
    percent = num & ~bad & normalise(raw).map(lambda v: isinstance(v, str) and v.strip().endswith("%")).astype(bool) \
        & (out["indicator"].map(lambda i: by_id[i].unit) != "%")
    at(percent, "actual", "table.percent_unit", value=lambda r: r["actual"], id=lambda r: r["indicator"],
       unit=lambda r: by_id[r["indicator"]].unit or "-")
    result[percent] = np.nan
    dates = kinds == "date"
    # .map, not .str: a column with every cell blank holds no text and .str would raise
    not_done = dates & raw.map(lambda s: isinstance(s, str) and s.lower() in NOT_DONE_WORDS).astype(bool)
    parsed, bad = parse_dates(raw[dates & ~not_done])
    result[dates & ~not_done] = parsed
    result[not_done] = NOT_DONE
    at(bad.reindex(out.index, fill_value=False), "actual", "table.bad_date", value=lambda r: r["actual"], id=lambda r: r["indicator"])
    grades = kinds == "grade"
    result[grades] = raw[grades]
    bad = grades & raw.notna() & ~pd.Series([r in (by_id[i].scale or []) for i, r in zip(out["indicator"], raw)], index=out.index)
    at(bad, "actual", "table.bad_grade", value=lambda r: r["actual"], id=lambda r: r["indicator"],
       allowed=lambda r: "、".join(by_id[r["indicator"]].scale))
    return result


def _causes(out, rules, at) -> pd.Series:
    codes = out["causes"].map(lambda s: [c for c in CAUSE_SPLIT.split(s) if c] if isinstance(s, str) else [])
    unknown = codes.map(lambda cs: [c for c in cs if c not in rules.causes])
    for idx in unknown[unknown.map(bool)].index:
        for code in unknown[idx]:
            at(out.index == idx, "causes", "table.unknown_cause", value=code, near=_near(code, rules.causes),
               allowed="、".join(rules.causes))
    return codes


def _likelihood(out, at) -> pd.Series:
    lookup = {s.lower(): canon for canon, spellings in LIKELIHOOD.items() for s in spellings}
    result = out["likelihood"].map(lambda s: lookup.get(s.lower()) if isinstance(s, str) else None)
    at(out["likelihood"].notna() & result.isna(), "likelihood", "table.bad_likelihood", value=lambda r: r["likelihood"])
    return result


def _undeclared_units(lg, declared: set) -> list[Problem]:
    column = lg.unit_column
    col = list(lg.frame.columns).index(column) + 1 if column in lg.frame.columns else None
    odd = lg.frame.loc[~lg.frame[UNIT].isin(declared)]
    return [Problem("table.unknown_unit", lg.file, int(row[ROW]), col, column,
                    {"unit": row[column] if isinstance(row[column], str) else "（空白）", "allowed": "、".join(sorted(declared))})
            for _, row in odd.iterrows()]


def _ledger(folder, name, spec, default_unit):
    frame, shown, problems = _open(folder, spec)
    if frame is None:
        return None, problems
    unit_col = _rename(frame, {"unit": VALUE_COLUMNS["unit"]}).get("unit")
    frame = typed(frame, keep_text=[unit_col])
    frame[UNIT] = frame[unit_col].astype(object).fillna(default_unit).astype(str) if unit_col else default_unit
    return Ledger(name, shown, frame, shared=not unit_col, unit_column=unit_col), problems


def _near(word, choices) -> str:
    return near(word, choices)
