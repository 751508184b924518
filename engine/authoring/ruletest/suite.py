"""The test suite as read: test files found, read and checked, each case built as the inputs of
an in-memory snapshot. Every file is checked before any case runs: a bad file stops the run with
its problems located (exit 2), like every other jixiao input."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from engine.authoring.ruletest.cells import ledger_cells, path_text, unit_column, value_cells
from engine.core.model import RuleSet
from engine.core.paths import display
from engine.core.problems import InputError, Problem, raise_if_errors
from engine.core.suggest import near
from engine.load import schema_check
from engine.load.ledgers import read_ledger, settle_units
from engine.load.rules import load_rules
from engine.load.values import read_values
from engine.load.yaml_source import YamlDoc, load_yaml

DEFAULT_DIR = Path("rules") / "tests"
DEFAULT_UNIT = "default"
COMPARED = ("status", "flags", "not_flags", "note_contains", "actual", "target")


@dataclass
class Expectation:
    id: str
    unit: str | None
    line: int | None
    wanted: dict  # key of COMPARED -> expected value (absent keys are not compared)


@dataclass
class Case:
    file: str
    line: int | None
    name: str
    date: str
    lang: str
    rules_dir: Path
    values: pd.DataFrame
    ledgers: dict
    units: list
    unit_names: dict
    expectations: list


def find_files(paths) -> list[Path]:
    """The test files named, or found in the folders named (default rules/tests/)."""
    paths = [Path(p) for p in paths] or [DEFAULT_DIR]
    found, problems = [], []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            if not inside:
                problems.append(Problem("ruletest.none", display(path), params={"dir": display(path)}))
            found += inside
        elif path.is_file():
            found.append(path)
        else:
            problems.append(Problem("ruletest.none", display(path), params={"dir": display(path)}))
    raise_if_errors(problems)
    unique = []
    for path in found:
        if path.resolve() not in [u.resolve() for u in unique]:
            unique.append(path)
    return unique


def load_suite(paths, rules_dir: Path | None = None) -> tuple[list[Case], dict]:
    """Read and check every test file; (cases, rule set per rule folder). Raises InputError."""
    problems: list[Problem] = []
    rule_sets: dict[Path, RuleSet | None] = {}
    cases: list[Case] = []
    for path in find_files(paths):
        shown = display(path)
        doc, found = load_yaml(path, shown)
        if doc.data is not None:
            found += schema_check.check(doc, "ruletest")
        problems += found
        if doc.data is None or any(p.level == "error" for p in found):
            continue
        folder = _rules_folder(path, doc, rules_dir, problems)
        if folder is None:
            continue
        key = folder.resolve()
        if key not in rule_sets:
            try:
                rule_sets[key] = load_rules(folder)
            except InputError as exc:
                problems += exc.problems
                rule_sets[key] = None
        rules = rule_sets[key]
        if rules is None:
            continue
        for n, raw in enumerate(doc.data["cases"]):
            case = _case(doc, n, raw, rules, folder, doc.data.get("lang", "zh"), problems)
            if case is not None:
                cases.append(case)
    # the same rule problem seen from several test files is said once
    problems = list({(p.file, p.line, p.col, p.code, p.path): p for p in problems}.values())
    raise_if_errors(problems)
    return cases, {k: v for k, v in rule_sets.items() if v is not None}


def _is_rules(folder: Path) -> bool:
    return folder.is_dir() and any((folder / name).is_file() for name in ("settings.yaml", "settings.yml"))


def _rules_folder(path: Path, doc: YamlDoc, override: Path | None, problems) -> Path | None:
    if override is not None:
        folder = Path(override)
        if not _is_rules(folder):
            problems.append(Problem("ruletest.rules_missing", display(folder), params={"dir": display(folder)}))
            return None
        return folder
    written = doc.data.get("rules")
    folder = (path.parent / written) if written else path.parent.parent
    if not _is_rules(folder):
        line, col = doc.mark(("rules",)) if written else (None, None)
        problems.append(Problem("ruletest.rules_missing", doc.file, line, col, "rules" if written else "",
                                {"dir": display(folder)}))
        return None
    return folder


def _case(doc: YamlDoc, n: int, raw: dict, rules: RuleSet, folder: Path, lang: str, problems) -> Case | None:
    base = ("cases", n)
    count = len(problems)
    by_id = rules.by_id()

    def problem(code, path, key=False, **params):
        line, col = (doc.key_mark if key else doc.mark)(base + path)
        problems.append(Problem(code, doc.file, line, col, path_text(base + path), params))

    declared = dict(raw.get("units") or {})
    # records: (id, unit or None, fields, path) with the value as written
    records = []
    for ind_id, value in (raw.get("values") or {}).items():
        if ind_id not in by_id:
            problem("ruletest.unknown_indicator", ("values", ind_id), key=True, id=ind_id, near=near(ind_id, by_id))
            continue
        if isinstance(value, list):
            for k, item in enumerate(value):
                records.append((ind_id, item.get("unit"), item, ("values", ind_id, k)))
        elif isinstance(value, dict):
            records.append((ind_id, value.get("unit"), value, ("values", ind_id)))
        else:  # a bare value is the actual value
            records.append((ind_id, None, {"actual": value}, ("values", ind_id)))
    ledger_rows = raw.get("ledgers") or {}
    ledger_units = set()
    for name, rows in ledger_rows.items():
        for row in rows:
            column = unit_column(row)
            if column and row[column] is not None:
                ledger_units.add(str(row[column]))
    units = sorted(set(declared) | {str(r[1]) for r in records if r[1] is not None} | ledger_units) or [DEFAULT_UNIT]

    default_unit = units[0] if len(units) == 1 else DEFAULT_UNIT
    cells = value_cells(doc, base, records, by_id, units, problem)
    values, found = read_values(cells, rules, default_unit, None, raw["snapshot"])
    problems += found

    ledgers = {}
    for name, table in ledger_rows.items():
        ledgers[name] = read_ledger(ledger_cells(doc, base + ("ledgers", name), table), name, default_unit)
    problems += settle_units(ledgers, units, set(), lambda lg: (
        doc.file, *doc.key_mark(base + ("ledgers", lg.name)), path_text(base + ("ledgers", lg.name))))

    expectations = []
    for ind_id, wanted in raw["expect"].items():
        if ind_id not in by_id:
            problem("ruletest.unknown_indicator", ("expect", ind_id), key=True, id=ind_id, near=near(ind_id, by_id))
            continue
        items = wanted if isinstance(wanted, list) else [wanted]
        for k, item in enumerate(items):
            path = ("expect", ind_id, k) if isinstance(wanted, list) else ("expect", ind_id)
            unit = item.get("unit")
            if unit is not None and str(unit) not in units:
                problem("ruletest.unknown_unit", path + ("unit",), value=unit, allowed=list(units))
                continue
            expectations.append(Expectation(ind_id, None if unit is None else str(unit), doc.mark(base + path)[0],
                                            {key: item[key] for key in COMPARED if key in item}))
    if len(problems) > count:
        return None
    return Case(doc.file, doc.mark(base)[0], raw["name"], raw["snapshot"], lang, folder, values, ledgers,
                units, declared, expectations)
