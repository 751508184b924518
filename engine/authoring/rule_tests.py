"""`jixiao test`: rule tests, in the spirit of `promtool test rules` and `opa test`.

A test file (YAML, schemas/ruletest.schema.json) gives, per case, a snapshot date, the input
values (and ledger rows) and the status, flags and note fragments each named indicator must
get. Every case is built as an in-memory snapshot (nothing is written anywhere), evaluated
with the same evaluate + summarise steps as `jixiao evaluate`, and compared.

All test files are read and checked before any case runs: a bad file stops the run with its
problems located (exit 2), like every other jixiao input.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import click
import numpy as np
import pandas as pd

from engine.load import schema_check
from engine.evaluate.evaluator import evaluate
from engine.text.labels import FLAGS, STATUSES, label
from engine.core.model import RuleSet
from engine.core.numbers import number_text, with_unit
from engine.cli.options import lang_option
from engine.core.paths import display
from engine.core.problems import InputError, Problem, raise_if_errors
from engine.load.rules_check import dependencies
from engine.load.rules import load_rules
from engine.load.ledgers import read_ledger, settle_units
from engine.load.snapshot import Snapshot
from engine.load.values import NOT_DONE_WORDS, VALUE_COLUMNS, read_values
from engine.summarise.summary import summarise
from engine.load.cells import ROW, Cells, clean, parse_dates
from engine.load.yaml_source import YamlDoc, load_yaml
from engine.core.suggest import near

DEFAULT_DIR = Path("rules") / "tests"
DEFAULT_UNIT = "default"
NOT_GIVEN = object()  # an expectation key that the test does not write: not compared
COMPARED = ("status", "flags", "not_flags", "note_contains", "actual", "target")


# --- the test suite as read ---------------------------------------------------------------

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


@dataclass
class Failure:
    expectation: Expectation
    unit: str
    record: dict | None
    checks: list  # [(what, expected text, actual text)]


@dataclass
class Outcome:
    case: Case
    failures: list = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


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


def _near(word, choices) -> str:
    return near(word, choices)


def _case(doc: YamlDoc, n: int, raw: dict, rules: RuleSet, folder: Path, lang: str, problems) -> Case | None:
    base = ("cases", n)
    count = len(problems)
    by_id = rules.by_id()

    def problem(code, path, key=False, **params):
        line, col = (doc.key_mark if key else doc.mark)(base + path)
        problems.append(Problem(code, doc.file, line, col, _path_text(base + path), params))

    declared = dict(raw.get("units") or {})
    # records: (id, unit or None, fields, path) with the value as written
    records = []
    for ind_id, value in (raw.get("values") or {}).items():
        if ind_id not in by_id:
            problem("ruletest.unknown_indicator", ("values", ind_id), key=True, id=ind_id, near=_near(ind_id, by_id))
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
            column = _unit_column(row)
            if column and row[column] is not None:
                ledger_units.add(str(row[column]))
    units = sorted(set(declared) | {str(r[1]) for r in records if r[1] is not None} | ledger_units) or [DEFAULT_UNIT]

    default_unit = units[0] if len(units) == 1 else DEFAULT_UNIT
    cells = _value_cells(doc, base, records, by_id, units, problem)
    values, found = read_values(cells, rules, default_unit, None, raw["snapshot"])
    problems += found

    ledgers = {}
    for name, table in ledger_rows.items():
        ledgers[name] = read_ledger(_ledger_cells(doc, base + ("ledgers", name), table), name, default_unit)
    problems += settle_units(ledgers, units, set(), lambda lg: (
        doc.file, *doc.key_mark(base + ("ledgers", lg.name)), _path_text(base + ("ledgers", lg.name))))

    expectations = []
    for ind_id, wanted in raw["expect"].items():
        if ind_id not in by_id:
            problem("ruletest.unknown_indicator", ("expect", ind_id), key=True, id=ind_id, near=_near(ind_id, by_id))
            continue
        items = wanted if isinstance(wanted, list) else [wanted]
        for k, item in enumerate(items):
            path = ("expect", ind_id, k) if isinstance(wanted, list) else ("expect", ind_id)
            unit = item.get("unit")
            if unit is not None and str(unit) not in units:
                problem("ruletest.unknown_unit", path + ("unit",), value=unit, allowed="、".join(units))
                continue
            expectations.append(Expectation(ind_id, None if unit is None else str(unit), doc.mark(base + path)[0],
                                            {key: item[key] for key in COMPARED if key in item}))
    if len(problems) > count:
        return None
    return Case(doc.file, doc.mark(base)[0], raw["name"], raw["snapshot"], lang, folder, values, ledgers,
                units, declared, expectations)


def _path_text(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _value_cells(doc: YamlDoc, base: tuple, records: list, by_id: dict, units: list, problem) -> Cells:
    """The rows a case writes, as text cells at their places in the test file: read by the same
    value-table reader as a snapshot's (engine/load/values.py)."""
    rows, places = [], {}
    for ind_id, unit, fields, path in records:
        ind = by_id[ind_id]
        actual_path = path + ("actual",) if doc.mark(base + path + ("actual",)) != doc.mark(base + path) else path
        if unit is None and len(units) > 1:
            problem("ruletest.unit_needed", path, allowed="、".join(units))
            continue
        if ind.actual and fields.get("actual") is not None:
            problem("ruletest.formula_actual", actual_path, id=ind_id, formula=ind.actual)
            continue
        k = len(rows)
        line = doc.mark(base + path)[0]
        for column, where in (("indicator", path), ("unit", path + ("unit",)), ("actual", actual_path),
                              ("causes", path + ("causes",)), ("note", path + ("note",)),
                              ("likelihood", path + ("likelihood",)), ("evidence", path + ("evidence",))):
            places[(k, column)] = (*doc.mark(base + where), _path_text(base + where))
        rows.append({"indicator": ind_id, "unit": _text(unit if unit is not None else units[0]),
                     "actual": _text(fields.get("actual")), "causes": _text(fields.get("causes")),
                     "note": _text(fields.get("note")), "likelihood": _text(fields.get("likelihood")),
                     "evidence": _text(fields.get("evidence")), ROW: line})
    columns = list(VALUE_COLUMNS) + [ROW]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return Cells(frame, doc.file, places=places)


def _text(value):
    """A YAML value as the text of a cell: a list of cause codes joined, a float as written."""
    if value is None:
        return np.nan
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    return clean(repr(value) if isinstance(value, float) else str(value))


def _unit_column(row: dict):
    for column in row:
        if str(column).strip().lower() in VALUE_COLUMNS["unit"]:
            return column
    return None


def _ledger_cells(doc: YamlDoc, path: tuple, table: list) -> Cells:
    """Ledger rows as a table read from a file would be: text cells, their lines as rows."""
    columns = []
    for row in table:
        for column in row:
            if column not in columns:
                columns.append(column)
    frame = pd.DataFrame([[_text(row.get(c)) for c in columns] for row in table], columns=columns, dtype=object)
    frame[ROW] = [doc.mark(path + (k,))[0] for k in range(len(table))]
    return Cells(frame, doc.file, table_place=(*doc.key_mark(path), _path_text(path)))


# --- running -----------------------------------------------------------------------------

def _needed(rules: RuleSet, ids) -> RuleSet:
    """The indicators a case checks and those their formulas read: evaluating 215 indicators
    for a case about two would cost seconds and say nothing more."""
    by_id, all_ids = rules.by_id(), set(rules.by_id())
    need, stack = set(), list(ids)
    while stack:
        ind_id = stack.pop()
        if ind_id in need:
            continue
        need.add(ind_id)
        stack += dependencies(by_id[ind_id], all_ids)
    return RuleSet(rules.settings, rules.causes, [i for i in rules.indicators if i.id in need], rules.files,
                   tables=[], rule_errors=rules.rule_errors)


def run_case(case: Case, rules: RuleSet) -> Outcome:
    subset = _needed(rules, {e.id for e in case.expectations})
    snap = Snapshot(date=case.date, folder=Path(case.file).parent, values=case.values, values_file=case.file,
                    ledgers=case.ledgers, units=case.units, unit_names=case.unit_names, files=[], warnings=[])
    summary = summarise(evaluate(subset, snap), case.lang)
    records = {(r["id"], r["unit"]): r for r in summary.indicators}
    by_id = rules.by_id()
    outcome = Outcome(case)
    for exp in case.expectations:
        for unit in ([exp.unit] if exp.unit else case.units):
            record = records.get((exp.id, unit))
            checks = _compare(exp.wanted, record, by_id[exp.id])
            if checks:
                outcome.failures.append(Failure(exp, unit, record, checks))
    return outcome


def _compare(wanted: dict, record: dict, ind) -> list:
    checks = []
    if "status" in wanted and record["status"] != wanted["status"]:
        checks.append(("status", wanted["status"], record["status"]))
    if "flags" in wanted:
        expected = list(wanted["flags"])
        lacking = [f for f in expected if f not in record["flags"]]
        if lacking or (not expected and record["flags"]):
            checks.append(("flags", expected, list(record["flags"])))
    if "not_flags" in wanted:
        present = [f for f in wanted["not_flags"] if f in record["flags"]]
        if present:
            checks.append(("not_flags", list(wanted["not_flags"]), list(record["flags"])))
    if "note_contains" in wanted:
        pieces = wanted["note_contains"] if isinstance(wanted["note_contains"], list) else [wanted["note_contains"]]
        note = record["cause_note"] or ""
        lacking = [p for p in pieces if p not in note]
        if lacking:
            checks.append(("note_contains", lacking, note))
    for key in ("actual", "target"):
        if key in wanted and not same(wanted[key], record[key]):
            checks.append((key, wanted[key], record[key]))
    return checks


def same(expected, got) -> bool:
    """Whether a value written in a test matches a value of the result (as JSON has it).
    A whole number must match exactly; a decimal is compared at the precision written:
    71.30 and 71.3 match 71.2973 (half-up), 71 does not."""
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, dict) or isinstance(got, dict):
        return isinstance(expected, dict) and isinstance(got, dict) and set(expected) == set(got) \
            and all(same(expected[k], got[k]) for k in expected)
    if isinstance(got, (int, float)) and not isinstance(got, bool):
        written = _decimal(expected)
        if written is None:
            return False
        if written.as_tuple().exponent >= 0:  # a whole number: exactly that
            return abs(float(got) - float(written)) < 1e-9
        places = Decimal(1).scaleb(written.as_tuple().exponent)
        return Decimal(repr(float(got))).quantize(places, rounding=ROUND_HALF_UP) == written.quantize(places)
    text = str(expected).strip()
    if got == "not_done":
        return text.lower() in NOT_DONE_WORDS or text == "not_done"
    if isinstance(got, str) and len(got) == 10 and got[4] == "-":  # a date
        parsed, bad = parse_dates(pd.Series([text], dtype=object))
        return not bad.iloc[0] and parsed.iloc[0].strftime("%Y-%m-%d") == got
    return text == str(got)


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip().replace(",", "").removesuffix("%").strip()
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


# --- reporting ---------------------------------------------------------------------------

W = {  # zh, en
    "pass": ("通过", "PASS"), "fail": ("失败", "FAIL"), "line": ("第 {n} 行", "line {n}"),
    "total": ("通过 {passed} 个，失败 {failed} 个", "{passed} passed, {failed} failed"),
    "unit": ("单位", "unit"), "expected": ("期望", "expected"), "got": ("实际", "got"),
    "status": ("状态", "status"), "flags": ("标记", "flags"), "not_flags": ("标记", "flags"),
    "includes": ("期望包含", "expected to include"), "excludes": ("期望没有", "expected none of"),
    "no_flags": ("期望没有任何标记", "expected no flags"),
    "note_contains": ("说明应含", "note contains"), "actual": ("实际值", "actual"), "target": ("目标", "target"),
    "trace": ("过程", "trace"), "none": ("（无）", "(none)"), "note": ("说明", "note"),
    "no_record": ("没有评估结果", "no result"), "from": ("来自", "from"),
    "completion": ("完成", "completion"), "formula": ("公式", "formula"), "lacking": ("缺少", "lacking"),
    "no_target": ("没有适用目标", "no applicable target"),
    "sep": ("；", "; "), "flag_list": ("标记", "flags"),
}


def _w(key, lang, **params) -> str:
    text = W[key][0 if lang == "zh" else 1]
    return text.format(**params) if params else text


def _status(code, lang) -> str:
    """achieved 已达成 (the code users write, and its words); in English the code says it."""
    return f"{code} {label(STATUSES, code, lang)}" if code in STATUSES and lang == "zh" else str(code)


def _flags(flags, lang) -> str:
    if not flags:
        return _w("none", lang)
    return ", ".join(f"{f} {label(FLAGS, f, lang)}" if f in FLAGS and lang == "zh" else f for f in flags)


def _shown(value) -> str:
    if value is None:
        return "null"
    return value if isinstance(value, str) else number_text(value)


def failure_lines(failure: Failure, ind, many_units: bool, lang: str) -> list[str]:
    exp, rec = failure.expectation, failure.record
    head = f"{ind.id} {ind.name}"
    if many_units:
        head += f"（{_w('unit', lang)} {failure.unit}）" if lang == "zh" else f" ({_w('unit', lang)} {failure.unit})"
    if exp.line:
        head += f"  [{_w('line', lang, n=exp.line)}]"
    out = [head]
    exp_word, got_word, sep = _w("expected", lang), _w("got", lang), _w("sep", lang)
    for what, expected, got in failure.checks:
        if what == "status":
            text = f"{exp_word} {_status(expected, lang)}{sep}{got_word} {_status(got, lang)}"
        elif what == "flags":
            wanted = _w("includes", lang) + " " + _flags(expected, lang) if expected else _w("no_flags", lang)
            text = f"{wanted}{sep}{got_word} {_flags(got, lang)}"
        elif what == "not_flags":
            text = f"{_w('excludes', lang)} {_flags(expected, lang)}{sep}{got_word} {_flags(got, lang)}"
        elif what == "note_contains":
            text = f"{_w('lacking', lang)} “{'”“'.join(expected)}”{sep}{got_word} “{got}”"
        else:
            text = f"{exp_word} {_shown(expected)}{sep}{got_word} {_shown(got)}"
        out.append(f"  {_w(what, lang)}  {text}")
    out.append(f"  {_w('trace', lang)}")
    out += ["    " + line for line in trace_lines(rec, ind, lang)]
    return out


def trace_lines(rec: dict, ind, lang: str) -> list[str]:
    """What the engine did: the target applied, the actual value and its source, the status,
    the flags and the note."""
    if rec is None:
        return [_w("no_record", lang)]
    src = rec["sources"]
    if rec["target"] is None:
        target = _w("no_target", lang)
    else:
        where = f"{src['target']['file']}:{src['target']['line']}" if src.get("target") else ""
        stage = ind.way.stage_text(rec["target_period"], lang)
        target = f"{_target_text(rec['target'], ind)}（{stage}，{where}）" if lang == "zh" else \
            f"{_target_text(rec['target'], ind)} ({stage}, {where})"
    actual = "-" if rec["actual"] is None else with_unit(rec["actual"], ind.unit) if not isinstance(rec["actual"], str) \
        else rec["actual"]
    a_src = src.get("actual")
    if a_src and "formula" in a_src:
        actual += f"（{_w('formula', lang)} {a_src['formula']}，{a_src['rule']}）" if lang == "zh" else \
            f" ({_w('formula', lang)} {a_src['formula']}, {a_src['rule']})"
    elif a_src:
        actual += f"（{a_src['file']}:{a_src['row']}）" if lang == "zh" else f" ({a_src['file']}:{a_src['row']})"
    if rec["completion"] is not None:
        actual += f"；{_w('completion', lang)} {number_text(rec['completion'], 2)}%" if lang == "zh" else \
            f"; {_w('completion', lang)} {number_text(rec['completion'], 2)}%"
    return [f"{_w('target', lang)}  {target}",
            f"{_w('actual', lang)}  {actual}",
            f"{_w('status', lang)}  {_status(rec['status'], lang)}",
            f"{_w('flag_list', lang)}  {_flags(rec['flags'], lang)}",
            f"{_w('note', lang)}  {rec['cause_note'] or _w('none', lang)}"]


def _target_text(target, ind) -> str:
    if isinstance(target, str):
        return target
    return ind.way.target_text(target, ind, lambda value: with_unit(value, ind.unit))


def run_suite(cases: list[Case], rule_sets: dict, lang: str = "zh", quiet: bool = False,
              echo=click.echo) -> tuple[int, int]:
    passed = failed = 0
    current = None
    for case in cases:
        rules = rule_sets[case.rules_dir.resolve()]
        outcome = run_case(case, rules)
        if outcome.passed:
            passed += 1
        else:
            failed += 1
        if quiet and outcome.passed:
            continue
        if case.file != current:
            echo(case.file)
            current = case.file
        word = _w("pass" if outcome.passed else "fail", lang)
        echo(f"  {word}  {case.name}  [{_w('line', lang, n=case.line)}]")
        by_id = rules.by_id()
        for failure in outcome.failures:
            for line in failure_lines(failure, by_id[failure.expectation.id], len(case.units) > 1, lang):
                echo("        " + line)
    echo(_w("total", lang, passed=passed, failed=failed))
    return passed, failed


@click.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rules", "rules_dir", default=None, type=click.Path(path_type=Path),
              help="被测的规则目录（代替测试文件中的 rules:，默认为 tests/ 的上一级文件夹）")
@click.option("-k", "keyword", default=None, metavar="TEXT", help="只运行名称中含这段文字的用例")
@click.option("-q", "--quiet", is_flag=True, help="只列出失败的用例")
@lang_option
def test_command(paths, rules_dir, keyword, quiet, lang):
    """运行规则测试（默认 rules/tests/ 中的 *.yaml）：给定输入，检查每个指标的状态、标记和说明。

    退出码：0 全部通过；1 有失败的用例；2 测试文件或规则有误。"""
    cases, rule_sets = load_suite(paths, rules_dir)
    if keyword:
        cases = [c for c in cases if keyword in c.name]
        if not cases:
            raise click.UsageError(f"-k {keyword}：没有名称含这段文字的用例" if lang == "zh"
                                   else f"-k {keyword}: no case name contains this text")
    _passed, failed = run_suite(cases, rule_sets, lang, quiet)
    if failed:
        raise SystemExit(1)
