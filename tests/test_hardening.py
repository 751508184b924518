"""Hardening (issue 5): formulas and YAML cannot escape or exhaust; data is read as people type
it or refused with its place; outputs are written whole or not at all, never over an input.
(The corpus of bad inputs is tests/test_bad_inputs.py; order independence is
tests/test_determinism.py; properties and fuzzing are test_properties.py and test_fuzz.py.)"""
from __future__ import annotations

import dataclasses
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from engine.core import output
from engine.evaluate.evaluator import evaluate
from engine.core.problems import InputError
from engine.load.rules import load_rules
from engine.load.snapshot import load_snapshot
from engine.load.yaml_source import load_yaml
from test_bad_inputs import BASE, problems_in, run

ROOT = Path(__file__).resolve().parent.parent
DATE = "2021-12-31"
SNAP = f"datasets/{DATE}"


@pytest.fixture
def ws(tmp_path) -> Path:
    """A copy of the small valid workspace of the bad-input corpus."""
    folder = tmp_path / "ws"
    shutil.copytree(BASE, folder)
    return folder


def rule_file(formulas: dict, field: str = "actual") -> str:
    out = "level: school\ntask: 人才培养\nindicators:\n"
    for ind_id, text in formulas.items():
        out += (f"  - id: {ind_id}\n    name: 公式 {ind_id}\n    type: quantity\n    unit: 项\n    direction: higher\n"
                f"    targets: {{2021-12-31: 1, 2023-12-31: 2}}\n")
        if field != "actual":
            out += "    actual: S_NUM\n"
        out += f"    {field}: {json.dumps(text, ensure_ascii=False)}\n"
    return out


# --- 2. formulas cannot escape or exhaust -------------------------------------------------------

ESCAPES = {  # indicator id -> a formula that tries to escape the sandbox or exhaust the machine
    "X_DUNDER_NAME": "__builtins__",
    "X_IMPORT": '__import__("os").system("touch hacked")',
    "X_DUNDER_ATTR": "S_NUM.__class__.__mro__",
    "X_SUBCLASSES": "().__class__.__bases__[0].__subclasses__()",
    "X_OPEN": 'open("hacked", "w")',
    "X_GETATTR": 'getattr(S_NUM, "to_csv")("hacked")',
    "X_GETATTR_NAME": 'getattr(S_NUM, "__class__")',
    "X_EVAL": 'eval("1 + 1")',
    "X_EXEC": 'exec("open(\'hacked\', \'w\')")',
    "X_ATTR_CALL": 'S_NUM.to_csv("hacked")',
    "X_SUBSCRIPT": "S_NUM[0]",
    "X_LAMBDA": "(lambda: 1)()",
    "X_LIST_COMP": "[x for x in [1, 2]]",
    "X_GENERATOR": "sum(x for x in [1, 2])",
    "X_DICT_COMP": "{x: 1 for x in [1]}",
    "X_FSTRING": 'f"{S_NUM}"',
    "X_FORMAT": '"{0.__class__}".format(S_NUM)',
    "X_FORMAT_SPEC": '"{:>999999999}".format(1)',
    "X_PERCENT_FORMAT": '"%999999999d" % 1',
    "X_WALRUS": "(x := 1)",
    "X_STARRED": "[*S_NUM]",
    "X_HUGE_POWER": "9**9**9",
    "X_HUGE_BASE": "(10**100)**10",
    "X_HUGE_FLOAT": "10.0**400",
    "X_HUGE_PRODUCT": "*".join(["(10**15)**1000"] * 80) + "//(" + "*".join(["(10**15)**1000"] * 44) + ")",
    "X_HUGE_INT_PRODUCT": "*".join(["(10**15)**60"] * 40),
    "X_HUGE_STRING": '"x" * 10**9',
    "X_HUGE_LIST": "[1] * 10**9",
    "X_HUGE_JOIN": '"' + "x" * 900 + '" + "' + "x" * 900 + '" * 20',
    "X_DEEP_UNARY": "-" * 150 + "1",
    "X_DEEP_NOT": "not " * 300 + "S_NUM",
    "X_DEEP_PARENS": "(" * 300 + "1" + ")" * 300,
    "X_DEEP_LIST": "[" * 150 + "]" * 150,
    "X_COMPLEX": "(-1) ** 0.5 + 1j",
    "X_INFINITY": "1e308 * 10",
    "X_FUNCTION": "count",
    "X_BITWISE": "S_NUM ^ 2",
}


def test_escaping_formulas_end_to_end(ws):
    """Through a rule file and the real command line: each such indicator gets the status error,
    stderr names it, the others are evaluated, nothing is created, and the run finishes."""
    (ws / "rules" / "escapes.yaml").write_text(rule_file(ESCAPES), encoding="utf-8")
    started = _children_cpu()
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "evaluate", "--snapshot", DATE, "--format", "json",
                           "--output", "out.json"], cwd=ws, capture_output=True, text=True, timeout=300)
    elapsed = _children_cpu() - started
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "内部错误" not in proc.stderr
    result = json.loads((ws / "out.json").read_text(encoding="utf-8"))
    status = {i["id"]: i["status"] for i in result["indicators"]}
    for ind_id in ESCAPES:
        assert status[ind_id] == "error", ind_id
        assert f"规则错误 {ind_id}:" in proc.stderr, ind_id
    assert status["S_NUM"] == "exceeded" and status["S_AWARDS"] == "achieved"  # the others go on
    assert not list(ws.rglob("hacked*"))
    assert elapsed < 20  # CPU seconds for the whole run, Python's start included


def _children_cpu() -> float:
    """CPU time of finished child processes: unlike the clock, not stretched by a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.fixture(scope="module")
def escapes_loaded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("escapes") / "ws"
    shutil.copytree(BASE, folder)
    (folder / "rules" / "escapes.yaml").write_text(rule_file(ESCAPES), encoding="utf-8")
    rules = load_rules(folder / "rules")
    return rules, load_snapshot(folder / "datasets", DATE, rules)


@pytest.mark.parametrize("ind_id", list(ESCAPES))
def test_each_escape_is_refused_within_a_second_in_bounded_memory(escapes_loaded, ind_id):
    rules, snap = escapes_loaded
    one = dataclasses.replace(rules, indicators=[rules.by_id()[ind_id]])
    started = time.process_time()  # CPU time: a busy machine does not make it flaky
    results = evaluate(one, snap).results
    elapsed = time.process_time() - started
    tracemalloc.start()
    try:
        evaluate(one, snap)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert list(results["status"]) == ["error"]
    assert elapsed < 1.0, elapsed
    assert peak < 20 * 2**20, peak  # bytes: far below anything a huge power, string or list would take


@pytest.mark.parametrize("field", ["pass", "overshoot", "flags"])
def test_escapes_in_conditions_are_rule_errors_too(ws, field):
    chosen = {k: ESCAPES[k] for k in ("X_IMPORT", "X_HUGE_POWER", "X_FORMAT", "X_DEEP_NOT")}
    text = rule_file(chosen, field)
    if field == "flags":
        text = text.replace('    flags: "', '    flags:\n      odd: "')
    (ws / "rules" / "escapes.yaml").write_text(text, encoding="utf-8")
    proc = run(ws, ["evaluate", "--snapshot", DATE])
    assert proc.returncode == 0, proc.stderr
    for ind_id in chosen:
        assert f"规则错误 {ind_id}:" in proc.stderr


# --- 3. YAML cannot exhaust -------------------------------------------------------------------

def _bomb(levels: int = 9) -> str:
    text = "a0: &a0 [" + ", ".join(["lol"] * 9) + "]\n"
    for n in range(1, levels):
        text += f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]\n"
    return text


YAML_ATTACKS = {  # name -> (text, problem code); each refused quickly, in bounded memory
    "billion_laughs": (_bomb(), "yaml.too_many_nodes"),
    "alias_in_its_anchor": ("indicators: &a [*a]\n", "yaml.too_deep"),
    "deep_nesting": ("indicators: " + "[" * 10_000 + "]" * 10_000 + "\n", "yaml.too_deep"),
    "deep_block_nesting": ("".join("  " * n + f"k{n}:\n" for n in range(200)), "yaml.too_deep"),
    "a_million_items": ("indicators: [" + "1," * 900_000 + "1]\n", "yaml.too_many_nodes"),
    "too_large": ("# " + "x" * (3 * 2**20) + "\n", "yaml.too_large"),
    "python_object": ('indicators: !!python/object/apply:os.system ["touch hacked"]\n', "yaml.tag"),
    "python_name": ("indicators: !!python/name:os.system\n", "yaml.tag"),
    "custom_tag": ("indicators: !include other.yaml\n", "yaml.tag"),
    "many_documents": ("indicators: []\n---\nindicators: []\n", "yaml.syntax"),
}


@pytest.mark.parametrize("name", list(YAML_ATTACKS))
def test_yaml_attacks_are_refused_quickly_in_bounded_memory(ws, name):
    text, code = YAML_ATTACKS[name]
    attack = ws / "rules" / "attack.yaml"
    attack.write_text(text, encoding="utf-8")
    started = time.process_time()  # CPU time: a busy machine does not make it flaky
    proc = run(ws, ["evaluate", "--snapshot", DATE])
    elapsed = time.process_time() - started
    assert proc.returncode == 2, proc.stderr
    found = [p for p in problems_in(proc.stderr) if p["file"] == "rules/attack.yaml"]
    assert found and code in {p["code"] for p in found}, proc.stderr
    assert elapsed < 1.0, elapsed  # the whole command
    assert not list(ws.rglob("hacked*"))
    tracemalloc.start()
    try:
        load_yaml(attack, "attack.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20, peak  # bytes, while the file expands to billions of nodes


def test_a_large_but_valid_rule_file_loads(ws):
    """Bounds that refuse bombs must not refuse real work: 1500 indicators in one file."""
    body = "".join(f"  - id: S_BIG{n}\n    name: 指标 {n}\n    type: quantity\n    unit: 项\n    direction: higher\n"
                   f"    targets: {{2021-12-31: {n}, 2023-12-31: {n + 1}}}\n" for n in range(1500))
    (ws / "rules" / "big.yaml").write_text("level: school\ntask: 人才培养\nindicators:\n" + body, encoding="utf-8")
    assert len(load_rules(ws / "rules").indicators) == 1505


# --- 4. data as people type it ---------------------------------------------------------------

VALUES_HEAD = "指标编号,实际值,原因代码,说明,完成可能性\n"
OTHER_ROWS = "S_PCT,96.5%,,,\nS_DL,2021-05-01,,,\nS_GR,良,,,\n"


def _actuals(ws: Path) -> dict:
    rules = load_rules(ws / "rules")
    snap = load_snapshot(ws / "datasets", DATE, rules)
    return dict(zip(snap.values["indicator"], snap.values["actual"]))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-be"])
def test_value_table_in_every_encoding_excel_and_wps_write(ws, encoding):
    text = VALUES_HEAD + "S_NUM,１２,,受疫情影响，线下活动减少。,有可能\n" + OTHER_ROWS
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (ws / SNAP / "values.csv").write_bytes(data)
    assert _actuals(ws)["S_NUM"] == 12.0


def test_utf16_without_its_mark_is_refused_not_misread(ws):
    (ws / SNAP / "values.csv").write_bytes((VALUES_HEAD + "S_NUM,12,,,\n").encode("utf-16-le"))
    with pytest.raises(InputError) as info:
        _actuals(ws)
    assert [p.code for p in info.value.problems] == ["table.encoding"]


@pytest.mark.parametrize("cell, expected", [
    ("12", 12.0), ("１２", 12.0), ("1,200", 1200.0), ("1，200", 1200.0), ("12,000.5", 12000.5), ("98.42%", 98.42),
    ("９８．４２％", 98.42), ("98.42 %", 98.42), (" 12 ", 12.0), ("\u300012\u3000", 12.0), ("+12", 12.0), ("-3", -3.0),
    ("1e3", 1000.0), ("0", 0.0), ("", None),
])
def test_numbers_as_people_type_them(ws, cell, expected):
    ind = "S_PCT" if "%" in cell or "％" in cell else "S_NUM"  # a % only for an indicator measured in %
    rows = "".join(r + "\n" for r in OTHER_ROWS.splitlines() if not r.startswith(ind))
    (ws / SNAP / "values.csv").write_text(VALUES_HEAD + f'{ind},"{cell}",,,\n' + rows, encoding="utf-8")
    value = _actuals(ws)[ind]
    assert (value != value and expected is None) or value == expected


@pytest.mark.parametrize("cell, code", [
    ("1.2万", "table.number_with_unit"), ("3亿", "table.number_with_unit"), ("1.2万元", "table.number_with_unit"),
    ("NaN", "table.bad_number"), ("nan", "table.bad_number"), ("inf", "table.bad_number"), ("-inf", "table.bad_number"),
    ("Infinity", "table.bad_number"), ("1e999", "table.bad_number"), ("1,20", "table.bad_number"),
    ("1,2,0,0", "table.bad_number"), ("12。5", "table.bad_number"), ("十二", "table.bad_number"),
    ("12个", "table.bad_number"), ("#DIV/0!", "table.bad_number"), ("TRUE", "table.bad_number"),
    ("0x10", "table.bad_number"), ("(12)", "table.bad_number"), ("10²", "table.bad_number"),
    ("①②", "table.bad_number"), ("12%", "table.percent_unit"), ("１２％", "table.percent_unit"),
])
def test_numbers_that_cannot_be_read_surely_are_refused_with_their_cell(ws, cell, code):
    (ws / SNAP / "values.csv").write_text(VALUES_HEAD + f'S_NUM,"{cell}",,,\n' + OTHER_ROWS, encoding="utf-8")
    with pytest.raises(InputError) as info:
        _actuals(ws)
    [p] = info.value.problems
    assert (p.code, p.line, p.col, p.params["value"]) == (code, 2, 2, cell)
    assert p.file.endswith("values.csv")


def test_wan_message_explains_the_choice(ws):
    (ws / SNAP / "values.csv").write_text(VALUES_HEAD + "S_NUM,1.2万,,,\n" + OTHER_ROWS, encoding="utf-8")
    with pytest.raises(InputError) as info:
        _actuals(ws)
    [p] = info.value.problems
    assert "不换算" in p.message("zh") and "12000" in p.fix("zh") and "1.2" in p.fix("zh")
    assert "does not convert" in p.message("en")


@pytest.mark.parametrize("cell", ["S_NUM ", " S_NUM", "S_NUM\u3000", "\u200bS_NUM", "S_NUM\u200b", "\ufeffS_NUM",
                                  "Ｓ＿ＮＵＭ", "S_NUM\t"])
def test_ids_with_spaces_and_invisible_characters(ws, cell):
    (ws / SNAP / "values.csv").write_text(VALUES_HEAD + f"{cell},12,,,\n" + OTHER_ROWS, encoding="utf-8")
    assert _actuals(ws)["S_NUM"] == 12.0


def test_header_with_trailing_spaces_and_a_byte_order_mark(ws):
    text = "\ufeff指标编号 ,实际值\u3000,原因代码,说明,完成可能性\nS_NUM,12,,,\n" + OTHER_ROWS
    (ws / SNAP / "values.csv").write_text(text, encoding="utf-8")
    assert _actuals(ws)["S_NUM"] == 12.0


def _xlsx_with_cached_formula(path: Path, cached: str | None):
    book = Workbook()
    sheet = book.active
    for row in [["指标编号", "实际值"], ["S_NUM", "=5+7"], ["S_PCT", 96.5], ["S_DL", "2021-05-01"], ["S_GR", "良"]]:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    source = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml" and cached is not None:  # as Excel saves it
                data = data.replace(b"<f>5+7</f><v />", f"<f>5+7</f><v>{cached}</v>".encode())
            target.writestr(item, data)
    path.write_bytes(out.getvalue())


def test_xlsx_formula_uses_its_cached_value(ws):
    (ws / SNAP / "values.csv").unlink()
    _xlsx_with_cached_formula(ws / SNAP / "values.xlsx", "12")
    assert _actuals(ws)["S_NUM"] == 12.0


def test_xlsx_formula_without_a_cached_value_is_named(ws):
    (ws / SNAP / "values.csv").unlink()
    _xlsx_with_cached_formula(ws / SNAP / "values.xlsx", None)
    with pytest.raises(InputError) as info:
        _actuals(ws)
    [p] = info.value.problems
    assert (p.code, p.line, p.col) == ("table.formula_without_value", 2, 2)
    assert "=5+7" in p.message("zh") and "没有保存" in p.message("zh")


def test_ledger_with_a_misplaced_thousands_comma_is_not_summed_as_a_number(ws):
    """1,20 is neither 120 nor 1.2: the column stays text and a formula summing it is a rule error."""
    (ws / SNAP / "budget.csv").write_text('项目,金额\n甲,"1,200"\n乙,"1,20"\n', encoding="utf-8")
    (ws / "rules" / "budget.yaml").write_text(rule_file({"S_BUDGET": 'sum("budget", "金额")'}), encoding="utf-8")
    proc = run(ws, ["evaluate", "--snapshot", DATE])
    assert proc.returncode == 0
    assert "规则错误 S_BUDGET" in proc.stderr
    assert "budget.csv 第 3 行）的列 金额 是“1,20”，不是数字" in proc.stderr  # the cell itself, not the column's first


@pytest.mark.parametrize("cell", ["1.2万", "inf", "abc"])
def test_a_bad_ledger_cell_is_named_with_its_row(ws, cell):
    (ws / SNAP / "budget.csv").write_text(f'项目,金额\n甲,1200\n乙,{cell}\n丙,5\n', encoding="utf-8")
    (ws / "rules" / "budget.yaml").write_text(rule_file({"S_BUDGET": 'sum("budget", "金额")'}), encoding="utf-8")
    proc = run(ws, ["evaluate", "--snapshot", DATE])
    assert f"第 3 行）的列 金额 是“{cell}”" in proc.stderr and "1200" not in proc.stderr


# --- 5. nothing lost ----------------------------------------------------------------------------

def _interrupt(*_args, **_kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_interrupted_write_leaves_no_file(tmp_path, monkeypatch, where):
    target = tmp_path / "result.json"
    monkeypatch.setattr(output.os, where, _interrupt)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(target, "内容" * 100_000, [])
    assert list(tmp_path.iterdir()) == []


def test_interrupted_write_keeps_the_previous_output_whole(tmp_path, monkeypatch):
    target = tmp_path / "result.json"
    target.write_text("上一次的结果", encoding="utf-8")
    monkeypatch.setattr(output.os, "replace", _interrupt)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(target, "新的结果" * 100_000, [])
    assert target.read_text(encoding="utf-8") == "上一次的结果"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]


def test_new_output_gets_the_umask_permissions_and_a_replaced_one_keeps_its_own(tmp_path):
    mask = os.umask(0o022)
    try:
        output.write_atomic(tmp_path / "new.json", "{}", [])
        old = tmp_path / "old.json"
        old.write_text("x", encoding="utf-8")
        old.chmod(0o640)
        output.write_atomic(old, "{}", [])
    finally:
        os.umask(mask)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644
    assert old.stat().st_mode & 0o777 == 0o640 and old.read_text(encoding="utf-8") == "{}"


class _FailingFile(io.StringIO):
    """Writes half, then fails: a disk that fills up in the middle."""

    def write(self, text):
        super().write(text[: len(text) // 2])
        raise OSError(28, "No space left on device")


def test_disk_full_in_the_middle_is_a_problem_and_leaves_nothing(tmp_path, monkeypatch):
    real_fdopen = os.fdopen

    def failing(fd, *args, **kwargs):
        real_fdopen(fd).close()
        return _FailingFile()
    monkeypatch.setattr(output.os, "fdopen", failing)
    with pytest.raises(InputError) as info:
        output.write_atomic(tmp_path / "result.json", "x" * 1000, [])
    [p] = info.value.problems
    assert p.code == "output.unwritable" and "磁盘已满" in p.message("zh")
    assert list(tmp_path.iterdir()) == []


def test_interrupted_run_on_the_command_line(ws, monkeypatch):
    monkeypatch.setattr(output.os, "replace", _interrupt)
    proc = run(ws, ["evaluate", "--snapshot", DATE, "--output", "result.txt"])
    assert proc.returncode == 130
    assert proc.stderr.strip() == "已中断，未写入任何文件"
    assert not (ws / "result.txt").exists() and not list(ws.glob(".result.txt.*"))


INPUTS = ["rules/school.yaml", "rules/settings.yaml", "rules/causes.yaml", f"{SNAP}/values.csv", f"{SNAP}/awards.csv",
          f"{SNAP}/manifest.yaml", "rules/tables.yaml"]


WAYS = [(name, "plain") for name in INPUTS] + [
    (name, how) for name in ("rules/school.yaml", f"{SNAP}/values.csv") for how in ("dotted", "absolute", "symlink", "hardlink")]


@pytest.mark.parametrize("name, how", WAYS)
def test_never_writes_over_an_input(ws, name, how):
    if name.endswith("manifest.yaml"):
        (ws / name).write_text(f"snapshot: {DATE}\nvalues: values.csv\nledgers: {{awards: awards.csv}}\n", encoding="utf-8")
    if name.endswith("tables.yaml"):
        (ws / name).write_text("tables:\n  - {id: t, title: 表, ledger: awards, by: 级别, columns: [{id: n, label: 数, count: true}]}\n",
                               encoding="utf-8")
    target = {"plain": name, "dotted": f"rules/../{name}", "absolute": str(ws / name)}.get(how)
    if how in ("symlink", "hardlink"):
        target = "link.txt"
        (os.symlink if how == "symlink" else os.link)(ws / name, ws / target)
    before = (ws / name).read_bytes()
    proc = run(ws, ["evaluate", "--snapshot", DATE, "--output", target])
    assert proc.returncode == 2, proc.stderr
    assert "[output.is_input]" in proc.stderr
    assert (ws / name).read_bytes() == before
    assert not list(ws.rglob(".*.tmp"))


@pytest.mark.parametrize("written", [".inf", "-.inf", ".nan", "1.0e+400", "!!float .inf", "0x10", "0o17", "1:30", "1:30.5", "1_000.5",
                                     "1_000", "12345678901234567890123"])
def test_targets_yaml_would_misread_are_refused_at_their_place(ws, written):
    """YAML 1.1 reads 1:30 as 90 and 0x10 as 16; .inf and 1e400 are no target: all refused, located."""
    path = ws / "rules" / "school.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("targets: {2021-12-31: 10,", f"targets: {{2021-12-31: {written},", 1),
                    encoding="utf-8")
    proc = run(ws, ["evaluate", "--snapshot", DATE])
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "9:15" in proc.stderr and "[rules.target_kind]" in proc.stderr and "内部错误" not in proc.stderr


def test_a_leading_zero_is_decimal(ws):
    path = ws / "rules" / "school.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("targets: {2021-12-31: 10,", "targets: {2021-12-31: 010,", 1),
                    encoding="utf-8")
    (ws / SNAP / "values.csv").write_text(VALUES_HEAD + "S_NUM,9,,,\n" + OTHER_ROWS, encoding="utf-8")
    proc = run(ws, ["evaluate", "--snapshot", DATE, "--format", "json"])
    [num] = [i for i in json.loads(proc.stdout)["indicators"] if i["id"] == "S_NUM"]
    assert num["target"] == 10 and num["status"] == "in_progress"  # YAML 1.1 would read 8: exceeded


def test_non_finite_settings_are_refused(ws):
    path = ws / "rules" / "settings.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("far_beyond_ratio: 2.0", "far_beyond_ratio: .nan") if "far_beyond_ratio" in text
                    else text + "  far_beyond_ratio: .nan\n", encoding="utf-8")
    proc = run(ws, ["evaluate", "--snapshot", DATE])
    assert proc.returncode == 2 and "目标值偏低倍数" in proc.stderr and ".nan" in proc.stderr and "内部错误" not in proc.stderr


@pytest.mark.parametrize("target", ["loop", "loop/x.json"])
def test_output_through_a_looping_link_is_a_problem_not_a_crash(ws, target):
    os.symlink("loop", ws / "loop")
    proc = run(ws, ["evaluate", "--snapshot", DATE, "--output", target])
    assert proc.returncode == 2 and "[output.unwritable]" in proc.stderr and "循环" in proc.stderr


def test_xlsx_formula_whose_result_is_empty_text_is_a_blank_cell(ws):
    """Excel saves IF(…,"",…) with t="str" and an empty <v>: a blank, not a formula without its value."""
    (ws / SNAP / "values.csv").unlink()
    path = ws / SNAP / "values.xlsx"
    _xlsx_with_cached_formula(path, None)
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="B2"><f>5+7</f><v /></c>', b'<c r="B2" t="str"><f>IF(1,"",1)</f><v></v></c>')
                assert b'IF(1,"",1)' in data
            target.writestr(item, data)
    path.write_bytes(out.getvalue())
    actuals = _actuals(ws)
    assert actuals["S_NUM"] != actuals["S_NUM"] and actuals["S_PCT"] == 96.5  # blank: missing


def test_xlsx_with_a_formatted_cell_at_the_far_corner_reads_only_its_cells(ws):
    from openpyxl.styles import Font
    from engine.load.tables import read_table
    (ws / SNAP / "values.csv").unlink()
    book = Workbook()
    sheet = book.active
    for row in [["指标编号", "实际值"], ["S_NUM", 12], ["S_PCT", 96.5], ["S_DL", "2021-05-01"], ["S_GR", "良"]]:
        sheet.append(row)
    sheet["XFD1048576"].font = Font(bold=True)  # formatted, empty: the sheet's dimension reaches it
    book.save(ws / SNAP / "values.xlsx")
    frame, problems = read_table(ws / SNAP / "values.xlsx", "values.xlsx")
    assert problems == [] and frame.shape == (4, 3)  # two columns and the row numbers
    assert _actuals(ws)["S_NUM"] == 12


def test_csv_with_a_flood_of_blank_lines_reads_its_rows(ws):
    from engine.load.tables import read_table
    path = ws / SNAP / "values.csv"
    path.write_text(VALUES_HEAD + "S_NUM,12,,,\n" + OTHER_ROWS + ",,,,\n" * 200_000 + "\n" * 200_000, encoding="utf-8")
    frame, problems = read_table(path, "values.csv")
    assert problems == [] and len(frame) == 4


def test_csv_quote_left_open_is_refused_at_its_row(ws):
    (ws / SNAP / "values.csv").write_text(VALUES_HEAD + 'S_NUM,12,,"已完成 ,\n' + OTHER_ROWS, encoding="utf-8")
    proc = run(ws, ["evaluate", "--snapshot", DATE])
    assert proc.returncode == 2 and "values.csv" in proc.stderr
    assert "2:-" in proc.stderr and "引号" in proc.stderr and "没有配对" in proc.stderr


def test_csv_text_after_a_closing_quote_is_read_as_excel_does(ws):
    (ws / SNAP / "values.csv").write_text(VALUES_HEAD + 'S_NUM,12,,"已完成" 了,\n' + OTHER_ROWS, encoding="utf-8")
    rules = load_rules(ws / "rules")
    snap = load_snapshot(ws / "datasets", DATE, rules)
    assert dict(zip(snap.values["indicator"], snap.values["note"]))["S_NUM"] == "已完成 了"


@pytest.mark.parametrize("target", ["datasets/2020-12-31/values.csv", "datasets/report.json", "rules/tests/t.yaml",
                                    "rules/out.yaml"])
def test_never_writes_into_the_rule_or_data_folders(ws, target):
    (ws / "datasets" / "2020-12-31").mkdir(exist_ok=True)
    (ws / "datasets" / "2020-12-31" / "values.csv").write_text("指标编号,实际值\n", encoding="utf-8")
    (ws / "rules" / "tests").mkdir(exist_ok=True)
    before = {p: p.read_bytes() for p in ws.rglob("*") if p.is_file()}
    proc = run(ws, ["evaluate", "--snapshot", DATE, "--output", target])
    assert proc.returncode == 2 and "[output.in_inputs]" in proc.stderr
    assert {p: p.read_bytes() for p in ws.rglob("*") if p.is_file()} == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_or_device_is_never_replaced(ws):
    os.mkfifo(ws / "pipe")
    proc = run(ws, ["evaluate", "--snapshot", DATE, "--output", "pipe"])
    assert proc.returncode == 2 and "[output.not_a_file]" in proc.stderr
    assert not (ws / "pipe").is_file() and (ws / "pipe").exists()


@pytest.mark.parametrize("value, fmt, expected", [(0.965, "0.00%", 96.5), (96.5, '0.00"%"', 96.5), (96.5, "0.00\\%", 96.5)])
def test_xlsx_percent_formats_are_read_as_shown(ws, value, fmt, expected):
    """0.965 shown as 96.50% is 96.5; so is 96.5 with a % that is only text in the format."""
    (ws / SNAP / "values.csv").unlink()
    book = Workbook()
    sheet = book.active
    for row in [["指标编号", "实际值"], ["S_NUM", 12], ["S_PCT", value], ["S_DL", "2021-05-01"], ["S_GR", "良"]]:
        sheet.append(row)
    sheet["B3"].number_format = fmt
    book.save(ws / SNAP / "values.xlsx")
    assert _actuals(ws)["S_PCT"] == pytest.approx(expected)


def test_a_chart_sheet_beside_the_value_sheets_is_skipped(ws):
    from openpyxl.chart import BarChart, Reference
    (ws / SNAP / "values.csv").unlink()
    book = Workbook()
    sheet = book.active
    sheet.title = "学校层面"
    for row in [["指标编号", "实际值"], ["S_NUM", 12], ["S_PCT", 96.5], ["S_DL", "2021-05-01"], ["S_GR", "良"]]:
        sheet.append(row)
    chart_sheet = book.create_chartsheet("图表")
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    chart_sheet.add_chart(chart)
    book.save(ws / SNAP / "values.xlsx")
    (ws / SNAP / "manifest.yaml").write_text(f"snapshot: {DATE}\nvalues: {{file: values.xlsx, sheet: \"*\"}}\n", encoding="utf-8")
    assert _actuals(ws)["S_NUM"] == 12


def test_trailing_separators_cost_nothing_and_a_table_too_wide_is_refused(ws):
    from engine.load.tables import MAX_COLUMNS, read_table
    path = ws / SNAP / "wide.csv"
    path.write_text("日期,名称" + "," * 16000 + "\n2021-01-01,甲" + "," * 16000 + "\n", encoding="utf-8")
    frame, problems = read_table(path, "wide.csv")
    assert problems == [] and list(frame.columns)[:2] == ["日期", "名称"] and frame.shape == (1, 3)
    path.write_text(",".join(f"c{n}" for n in range(MAX_COLUMNS + 1)) + "\n", encoding="utf-8")
    frame, problems = read_table(path, "wide.csv")
    assert frame is None and "超过 500 列" in problems[0].message("zh")


@pytest.mark.parametrize("cell", ["未完成", "2021-02-30"])
def test_a_date_column_with_a_cell_that_is_no_date_is_named(ws, cell):
    (ws / SNAP / "done.csv").write_text(f"日期,名称\n2021-01-01,甲\n{cell},乙\n", encoding="utf-8")
    (ws / "rules" / "done.yaml").write_text(rule_file({"S_DONE": 'count("done", where="日期 <= snapshot")'}),
                                            encoding="utf-8")
    proc = run(ws, ["evaluate", "--snapshot", DATE])
    assert "规则错误 S_DONE" in proc.stderr
    assert f"done.csv 第 3 行）的列 日期 是“{cell}”，不是日期" in proc.stderr


def test_a_last_row_of_formulas_without_values_is_named_not_dropped(ws):
    from engine.load.tables import read_table
    book = Workbook()
    sheet = book.active
    for row in [["日期", "名称"], ["2021-01-01", "甲"], ['="2021-"&"02-01"', '="成果"&"丙"']]:
        sheet.append(row)
    book.save(ws / SNAP / "awards2.xlsx")
    frame, problems = read_table(ws / SNAP / "awards2.xlsx", "awards2.xlsx")
    assert frame is None and [(p.code, p.line) for p in problems] == [("table.formula_without_value", 3)] * 2
