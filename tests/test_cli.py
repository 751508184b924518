"""The command line: `python cli.py evaluate …` on the shipped default, on the demo example
and on small temporary workspaces (--rules and --datasets), through helpers.run_cli."""
from __future__ import annotations

import csv
import io
import json
import random
import shutil
from collections import Counter
from pathlib import Path

import pytest

from helpers import ROOT, run_cli, write_workspace

DATE = "2021-12-31"
STATUSES = {"exceeded", "achieved", "in_progress", "not_achieved", "not_due", "missing", "error"}
FLAGS = {"exceeded", "far_beyond_target", "overspend", "cause_missing"}
RECORD_KEYS = {"id", "unit", "name", "level", "task", "category", "type", "subtype", "direction", "target",
               "target_period", "final_target", "actual", "status", "flags", "ratio", "cause_note", "causes", "sources"}
COUNT_KEYS = {"total", "achieved", "exceeded", "in_progress", "not_achieved", "not_due", "missing", "error"}


def evaluate(*args, cwd: Path = ROOT):
    return run_cli("evaluate", *args, cwd=cwd)


def refused(proc, code: str | None = None):
    """Exit 2, nothing on stdout, no traceback; the problem code in brackets."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-500:], proc.stderr[-2000:])
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    if code:
        assert f"[{code}]" in proc.stderr, proc.stderr


# --- a small workspace -------------------------------------------------------------------------

def ind(id_, targets="{2021-12-31: 8, 2023-12-31: 10}", extra="", type_="quantity", direction="higher", unit="项"):
    return (f"  - id: {id_}\n    name: 指标{id_}\n    type: {type_}\n    unit: \"{unit}\"\n    direction: {direction}\n"
            f"    targets: {targets}\n" + "".join(f"    {line}\n" for line in extra.splitlines() if line))


def rule_file(*indicators, level="school", task="任务甲"):
    return f"level: {level}\ntask: {task}\nindicators:\n" + "".join(indicators)


RULES = rule_file(ind("A"), ind("B"), ind("C"), ind("D", targets="{2020-12-31: 4, 2021-12-31: 8}", extra="final: true"))
VALUES = "单位,指标编号,实际值\nu1,A,9\nu1,B,8\nu1,C,6\nu1,D,8\nu2,A,8\nu2,B,8\nu2,C,8\nu2,D,8\n"


def workspace(root: Path, rules: str = RULES, values: str = VALUES, extra_rules: dict | None = None,
              extra_files: dict | None = None) -> Path:
    """u1: A exceeded, B achieved, C in progress, D achieved; u2: all achieved."""
    write_workspace(root, {"school.yaml": rules, **(extra_rules or {})},
                    {DATE: {"values.csv": values, **(extra_files or {})}})
    return root


def run_in(root: Path, *args):
    """Evaluate a workspace with explicit --rules and --datasets (cwd elsewhere)."""
    return evaluate("--rules", str(root / "rules"), "--datasets", str(root / "datasets"), *args)


def as_json(proc) -> dict:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


# --- the shipped default -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def shipped():
    proc = evaluate("--snapshot", DATE, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def shipped_doc(shipped):
    return json.loads(shipped.stdout)


def test_shipped_default_table_exits_0(tmp_path):
    proc = evaluate("--snapshot", DATE)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "昆明工业职业技术学院 · 快照 2021-12-31 · 215 个指标" in proc.stdout
    assert "【绩效指标完成情况】" in proc.stdout and "【异常清单（正在推进、未达成、数据缺失、规则错误）】" in proc.stdout
    assert "89.66%" in proc.stdout


def test_shipped_default_json_has_the_documented_keys(shipped_doc):
    assert {"snapshot", "indicators", "summary", "exceptions"} <= set(shipped_doc)
    assert shipped_doc["snapshot"] == DATE
    assert len(shipped_doc["indicators"]) == 215
    for record in shipped_doc["indicators"]:
        assert RECORD_KEYS <= set(record), RECORD_KEYS - set(record)
        assert set(record["sources"]) == {"actual", "target"}


def test_shipped_default_json_summary_rows(shipped_doc):
    for row in shipped_doc["summary"]:
        assert {"unit", "level", "category", "type", "task", "rate"} | COUNT_KEYS <= set(row)
    school = next(r for r in shipped_doc["summary"] if r["grouping"] == "level" and r["level"] == "school")
    assert (school["unit"], school["total"], school["achieved"], school["exceeded"], school["in_progress"]) == \
        ("kmvtc", 87, 78, 22, 9)
    assert school["rate"] == 89.66


def test_shipped_default_statuses_are_the_reports(shipped_doc):
    # the shipped default is the mid-term report: nothing missing, not due, failed or broken
    counts = Counter(i["status"] for i in shipped_doc["indicators"])
    assert counts == {"achieved": 177, "exceeded": 26, "in_progress": 12}
    flags = Counter(f for i in shipped_doc["indicators"] for f in i["flags"])
    assert flags == {"exceeded": 26, "far_beyond_target": 1}


def test_shipped_default_exceptions_are_the_lagging_indicators(shipped_doc):
    lagging = sorted(i["id"] for i in shipped_doc["indicators"] if i["status"] == "in_progress")
    assert sorted(e["id"] for e in shipped_doc["exceptions"]) == lagging
    assert all(e["cause_note"].startswith("目标 ") and "原因：" in e["cause_note"] for e in shipped_doc["exceptions"])


@pytest.mark.parametrize("fmt, check", [
    ("markdown", lambda out: out.startswith("# 昆明工业职业技术学院 · 快照 2021-12-31")
     and "## 绩效指标完成情况" in out and "| 学校层面 " in out),
    ("csv", lambda out: out.startswith("\ufeff单位,编号,指标名称") and len(list(csv.reader(io.StringIO(out)))) == 216),
])
def test_shipped_default_every_format(fmt, check):  # table: test_shipped_default_table_exits_0; json: fixture
    proc = evaluate("--snapshot", DATE, "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    assert check(proc.stdout), proc.stdout[:1000]


def test_shipped_default_json_is_valid_json(shipped):
    assert json.loads(shipped.stdout)["units"] == {"kmvtc": "昆明工业职业技术学院"}


def test_shipped_default_is_byte_identical_twice(shipped):
    again = evaluate("--snapshot", DATE, "--format", "json")
    assert again.stdout.encode("utf-8") == shipped.stdout.encode("utf-8")


def test_fail_on_in_progress_exits_1_on_shipped_default():
    proc = evaluate("--snapshot", DATE, "--fail-on", "in_progress", "--exceptions-only")
    assert proc.returncode == 1, proc.stderr
    assert "【异常清单" in proc.stdout  # the output is still printed


def test_fail_on_not_achieved_exits_0_on_shipped_default():
    proc = evaluate("--snapshot", DATE, "--fail-on", "not_achieved", "--exceptions-only")
    assert proc.returncode == 0, proc.stderr


# --- the demo example: every status and flag -----------------------------------------------------

@pytest.fixture(scope="module")
def demo_doc():
    demo = ROOT / "examples" / "demo"
    proc = evaluate("--snapshot", DATE, "--rules", str(demo / "rules"), "--datasets", str(demo / "datasets"),
                    "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_demo_shows_every_status(demo_doc):
    assert {i["status"] for i in demo_doc["indicators"]} == STATUSES


def test_demo_shows_every_flag(demo_doc):
    assert {f for i in demo_doc["indicators"] for f in i["flags"]} == FLAGS


def test_demo_exceptions_are_exactly_the_lagging_missing_and_error_ones(demo_doc):
    want = sorted(i["id"] for i in demo_doc["indicators"]
                  if i["status"] in ("in_progress", "not_achieved", "missing", "error"))
    assert sorted(e["id"] for e in demo_doc["exceptions"]) == want
    assert {e["status"] for e in demo_doc["exceptions"]} == {"in_progress", "not_achieved", "missing", "error"}


# --- formats, filters and language on a small workspace ---------------------------------------

@pytest.fixture
def ws(tmp_path):
    return workspace(tmp_path)


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_every_format_on_a_workspace(ws, fmt):
    proc = run_in(ws, "--snapshot", DATE, "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    assert "指标C" in proc.stdout and "目标 8 项，实际 6 项，差 2 项，完成 75.00%" in proc.stdout


def test_json_records_on_a_workspace(ws):
    doc = as_json(run_in(ws, "--snapshot", DATE, "--format", "json"))
    got = {(i["unit"], i["id"]): i["status"] for i in doc["indicators"]}
    assert got == {("u1", "A"): "exceeded", ("u1", "B"): "achieved", ("u1", "C"): "in_progress",
                   ("u1", "D"): "achieved", ("u2", "A"): "achieved", ("u2", "B"): "achieved",
                   ("u2", "C"): "achieved", ("u2", "D"): "achieved"}
    c = next(i for i in doc["indicators"] if (i["unit"], i["id"]) == ("u1", "C"))
    assert (c["target"], c["target_period"], c["final_target"], c["actual"], c["ratio"], c["flags"]) == \
        (8, "2021-12-31", 10, 6, 0.75, ["cause_missing"])
    assert c["sources"]["actual"]["row"] == 4 and c["sources"]["actual"]["file"].endswith("values.csv")


def test_csv_has_bom_and_crlf(ws):
    proc = run_in(ws, "--snapshot", DATE, "--format", "csv")
    assert proc.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(proc.stdout.lstrip("\ufeff"))))
    assert rows[0][:3] == ["单位", "编号", "指标名称"]
    assert len(rows) == 9
    assert ["u1", "C"] == rows[3][:2] and "正在推进" in rows[3]


def test_unit_filter(ws):
    doc = as_json(run_in(ws, "--snapshot", DATE, "--format", "json", "--unit", "u2"))
    assert {i["unit"] for i in doc["indicators"]} == {"u2"}
    assert len(doc["indicators"]) == 4
    assert {r["unit"] for r in doc["summary"]} == {"u2"}
    assert list(doc["units"]) == ["u2"]
    assert doc["exceptions"] == []


def test_unit_filter_in_table(ws):
    proc = run_in(ws, "--snapshot", DATE, "--unit", "u1")
    assert proc.returncode == 0
    assert proc.stdout.startswith("u1 · 快照 2021-12-31 · 4 个指标")
    assert "u2" not in proc.stdout


def test_unknown_unit_exits_2(ws):
    proc = run_in(ws, "--snapshot", DATE, "--unit", "u9")
    refused(proc, "cli.unknown_unit")
    assert "u9" in proc.stderr and "u1" in proc.stderr and "u2" in proc.stderr


def test_exceptions_only_json(ws):
    doc = as_json(run_in(ws, "--snapshot", DATE, "--format", "json", "--exceptions-only"))
    assert "indicators" not in doc and "summary" not in doc
    assert [(e["unit"], e["id"], e["status"]) for e in doc["exceptions"]] == [("u1", "C", "in_progress")]


def test_exceptions_only_table(ws):
    proc = run_in(ws, "--snapshot", DATE, "--exceptions-only")
    assert proc.returncode == 0
    assert "【绩效指标完成情况】" not in proc.stdout and "【按建设任务】" not in proc.stdout
    assert "1. [正在推进] C 指标C" in proc.stdout
    assert "没有异常指标" in proc.stdout  # u2


def test_english_table_labels(ws):
    proc = run_in(ws, "--snapshot", DATE, "--lang", "en")
    assert proc.returncode == 0
    out = proc.stdout
    assert "u1 · snapshot 2021-12-31 · 4 indicators" in out
    assert "== Indicator completion ==" in out and "== Exception list (lagging, missing, rule errors) ==" in out
    assert "1. [in progress] C 指标C (school level · 任务甲 · quantity)" in out
    assert "target 8 项, actual 6 项, short by 2 项, completion 75.00%; cause not stated" in out
    assert "正在推进" not in out and "异常清单" not in out


def test_english_json_notes(ws):
    doc = as_json(run_in(ws, "--snapshot", DATE, "--format", "json", "--lang", "en"))
    assert doc["exceptions"][0]["cause_note"] == "target 8 项, actual 6 项, short by 2 项, completion 75.00%; cause not stated"


def test_english_csv_headers(ws):
    proc = run_in(ws, "--snapshot", DATE, "--format", "csv", "--lang", "en")
    header = next(csv.reader(io.StringIO(proc.stdout.lstrip("\ufeff"))))
    assert header[:3] == ["unit", "id", "name"] and "status" in header
    assert "in progress" in proc.stdout


def test_english_problem_messages(ws):
    proc = run_in(ws, "--snapshot", "2021-13-45", "--lang", "en")
    refused(proc, "snapshot.bad_date")
    assert "snapshot date 2021-13-45 is not a valid date" in proc.stderr
    assert "→ fix: write YYYY-MM-DD" in proc.stderr and "1 error(s), 0 warning(s)" in proc.stderr
    assert "错误" not in proc.stderr


def test_missing_rules_folder(tmp_path):
    proc = run_in(tmp_path, "--snapshot", DATE)
    refused(proc, "dir.missing")
    assert "rules" in proc.stderr


def test_missing_rules_folder_in_english(tmp_path):
    proc = run_in(tmp_path, "--snapshot", DATE, "--lang", "en")
    refused(proc, "dir.missing")
    assert "does not exist" in proc.stderr
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in proc.stderr), proc.stderr


# --- --fail-on -----------------------------------------------------------------------------------

def test_fail_on_in_progress_exits_1_when_lagging(ws):
    assert run_in(ws, "--snapshot", DATE, "--fail-on", "in_progress").returncode == 1


def test_fail_on_in_progress_exits_0_when_nothing_lags(ws):
    assert run_in(ws, "--snapshot", DATE, "--fail-on", "in_progress", "--unit", "u2").returncode == 0


def test_fail_on_not_achieved_ignores_in_progress(ws):
    assert run_in(ws, "--snapshot", DATE, "--fail-on", "not_achieved").returncode == 0


def test_fail_on_not_achieved_exits_1_when_not_achieved(tmp_path):
    root = workspace(tmp_path, values=VALUES.replace("u2,D,8", "u2,D,7"))  # D's final target is 2021-12-31
    assert run_in(root, "--snapshot", DATE, "--fail-on", "not_achieved").returncode == 1
    assert run_in(root, "--snapshot", DATE, "--fail-on", "not_achieved", "--unit", "u1").returncode == 0


@pytest.mark.parametrize("fail_on, code", [("in_progress", 1), ("not_achieved", 0)])
def test_fail_on_missing(tmp_path, fail_on, code):
    root = workspace(tmp_path, values=VALUES.replace("u2,B,8", "u2,B,"))
    assert run_in(root, "--snapshot", DATE, "--fail-on", fail_on, "--unit", "u2").returncode == code


@pytest.mark.parametrize("fail_on", ["in_progress", "not_achieved"])
def test_fail_on_rule_error(tmp_path, fail_on):
    rules = rule_file(ind("A"), ind("E", extra='actual: count("no_such_ledger")'))
    root = workspace(tmp_path, rules=rules, values="指标编号,实际值\nA,9\n")
    proc = run_in(root, "--snapshot", DATE, "--fail-on", fail_on)
    assert proc.returncode == 1
    assert "规则错误 E" in proc.stderr and "no_such_ledger" in proc.stderr


def test_without_fail_on_lagging_still_exits_0(ws):
    assert run_in(ws, "--snapshot", DATE).returncode == 0


# --- refused inputs: exit 2, no traceback, no output --------------------------------------------

def test_missing_snapshot_folder(ws):
    proc = run_in(ws, "--snapshot", "2022-12-31")
    refused(proc, "snapshot.missing")
    assert "2022-12-31" in proc.stderr and "已有的快照：2021-12-31" in proc.stderr


@pytest.mark.parametrize("date", ["2021-13-45", "2021/12/31", "2021-02-30", "20211231", "yesterday"])
def test_badly_formatted_snapshot_date(ws, date):
    proc = run_in(ws, "--snapshot", date)
    refused(proc, "snapshot.bad_date")
    assert f"快照日期 {date} 不是有效日期" in proc.stderr


def test_missing_snapshot_option(ws):
    proc = run_in(ws)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "--snapshot" in proc.stderr


def test_schema_error_names_file_line_and_column(tmp_path):
    rules = rule_file(ind("A"), ind("B", extra="directon: higher"))
    root = workspace(tmp_path, rules=rules)
    proc = run_in(root, "--snapshot", DATE)
    refused(proc, "schema.unknown_key")
    lines = proc.stderr.splitlines()
    assert lines[0].endswith("rules/school.yaml")
    assert lines[1].split()[0] == "16:5"  # indicator B starts at line 10; directon is its 7th line
    assert "未知的键 directon" in lines[1] and "是不是 direction" in proc.stderr


def test_schema_error_bad_direction_value(tmp_path):
    root = workspace(tmp_path, rules=rule_file(ind("A", direction="upward")))
    proc = run_in(root, "--snapshot", DATE)
    refused(proc)
    assert "rules/school.yaml" in proc.stderr and "\n  8:16" in proc.stderr


def test_duplicate_yaml_key(tmp_path):
    rules = rule_file(ind("A", targets="\n      2021-12-31: 8\n      2021-12-31: 9\n      2023-12-31: 10"))
    root = workspace(tmp_path, rules=rules)
    proc = run_in(root, "--snapshot", DATE)
    refused(proc, "yaml.duplicate_key")
    assert "rules/school.yaml" in proc.stderr
    assert "\n  11:7" in proc.stderr and "第一次在第 10 行" in proc.stderr


def test_duplicate_indicator_ids_in_one_file(tmp_path):
    root = workspace(tmp_path, rules=rule_file(ind("A"), ind("B"), ind("A")))
    proc = run_in(root, "--snapshot", DATE)
    refused(proc, "rules.duplicate_id")
    assert "指标编号 A 重复" in proc.stderr and "school.yaml:4" in proc.stderr


def test_duplicate_indicator_ids_across_files(tmp_path):
    root = workspace(tmp_path, rules=rule_file(ind("A"), ind("B")),
                     extra_rules={"group.yaml": rule_file(ind("B"), level="group")})
    proc = run_in(root, "--snapshot", DATE)
    refused(proc, "rules.duplicate_id")
    assert "指标编号 B 重复" in proc.stderr


def test_every_problem_reported_at_once(tmp_path):
    rules = rule_file(ind("A", extra="directon: higher"), ind("A"))
    proc = run_in(workspace(tmp_path, rules=rules), "--snapshot", DATE)
    refused(proc)
    assert "[schema.unknown_key]" in proc.stderr and "[rules.duplicate_id]" in proc.stderr
    assert "共 2 个错误" in proc.stderr


def test_refused_run_writes_no_output_file(tmp_path):
    root = workspace(tmp_path, rules=rule_file(ind("A"), ind("A")))
    out = tmp_path / "out.json"
    refused(run_in(root, "--snapshot", DATE, "--output", str(out)))
    assert not out.exists()


# --- --output ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_output_writes_the_file(ws, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    proc = run_in(ws, "--snapshot", DATE, "--format", fmt, "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    printed = run_in(ws, "--snapshot", DATE, "--format", fmt).stdout
    assert out.read_text(encoding="utf-8") == printed
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_output_with_fail_on_writes_and_exits_1(ws, tmp_path):
    out = tmp_path / "report.json"
    proc = run_in(ws, "--snapshot", DATE, "--format", "json", "--output", str(out), "--fail-on", "in_progress")
    assert proc.returncode == 1
    assert json.loads(out.read_text(encoding="utf-8"))["snapshot"] == DATE


@pytest.mark.parametrize("target", ["datasets/2021-12-31/values.csv", "datasets/2021-12-31/ledger.csv",
                                    "rules/school.yaml", "rules/settings.yaml", "rules/causes.yaml",
                                    "rules/../rules/school.yaml"])
def test_output_over_an_input_is_refused(tmp_path, target):
    root = workspace(tmp_path, extra_files={"ledger.csv": "单位,名称\nu1,x\n"})
    path = root / target
    before = path.read_bytes()
    proc = evaluate("--snapshot", DATE, "--format", "json", "--output", target, cwd=root)
    refused(proc, "output.is_input")
    assert path.read_bytes() == before


def test_output_over_an_input_through_a_symlink_is_refused(tmp_path):
    root = workspace(tmp_path)
    link = tmp_path / "link.csv"
    link.symlink_to(root / "datasets" / DATE / "values.csv")
    before = link.read_bytes()
    refused(evaluate("--snapshot", DATE, "--output", "link.csv", cwd=root), "output.is_input")
    assert link.read_bytes() == before and link.is_symlink()


@pytest.mark.parametrize("target, words", [("rules", "这是一个文件夹"), ("no_such_folder/out.json", "不存在")])
def test_unwritable_output_exits_2(tmp_path, target, words):
    root = workspace(tmp_path)
    before = sorted(p.name for p in root.iterdir())
    proc = evaluate("--snapshot", DATE, "--output", target, cwd=root)
    refused(proc, "output.unwritable")
    assert words in proc.stderr
    assert sorted(p.name for p in root.iterdir()) == before


@pytest.mark.parametrize("args", [["--format", "pdf"], ["--fail-on", "missing"], ["--lang", "fr"], ["--bogus"]])
def test_bad_options_exit_2_without_traceback(ws, args):
    proc = run_in(ws, "--snapshot", DATE, *args)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "Traceback" not in proc.stderr and "用法错误" in proc.stderr


def test_relative_default_folders_from_cwd(ws):
    proc = evaluate("--snapshot", DATE, "--format", "json", cwd=ws)
    doc = as_json(proc)
    assert len(doc["indicators"]) == 8


# --- the same input gives the same bytes --------------------------------------------------------

def shuffled_values(seed: int) -> str:
    header, *rows = VALUES.splitlines()
    random.Random(seed).shuffle(rows)
    return "\n".join([header, *rows]) + "\n"


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_same_input_twice_is_byte_identical(ws, fmt):
    first = run_in(ws, "--snapshot", DATE, "--format", fmt)
    second = run_in(ws, "--snapshot", DATE, "--format", fmt)
    assert first.returncode == 0
    assert first.stdout.encode("utf-8") == second.stdout.encode("utf-8")


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
def test_shuffled_value_rows_give_byte_identical_output(tmp_path, fmt):
    a = workspace(tmp_path / "a")
    b = workspace(tmp_path / "b", values=shuffled_values(7))
    assert (b / "datasets" / DATE / "values.csv").read_text(encoding="utf-8") != VALUES
    # run from each workspace with relative paths so that shown paths are the same
    first = evaluate("--snapshot", DATE, "--format", fmt, cwd=a)
    second = evaluate("--snapshot", DATE, "--format", fmt, cwd=b)
    assert first.returncode == 0
    assert first.stdout.encode("utf-8") == second.stdout.encode("utf-8")


def test_shuffled_value_rows_give_the_same_json_except_source_rows(tmp_path):
    a = workspace(tmp_path / "a")
    b = workspace(tmp_path / "b", values=shuffled_values(7))
    first = as_json(evaluate("--snapshot", DATE, "--format", "json", cwd=a))
    second = as_json(evaluate("--snapshot", DATE, "--format", "json", cwd=b))
    # JSON points every actual value at its row of the value table, and those rows moved
    rows_b = {tuple(line.split(",")[:2]): n for n, line in enumerate(shuffled_values(7).splitlines(), start=1)}
    for record in second["indicators"]:
        assert record["sources"]["actual"]["row"] == rows_b[(record["unit"], record["id"])]
    for doc in (first, second):
        for record in doc["indicators"]:
            record["sources"]["actual"].pop("row")
    assert first == second


def test_shuffled_rows_of_the_shipped_default(tmp_path):
    shutil.copytree(ROOT / "rules", tmp_path / "a" / "rules")
    shutil.copytree(ROOT / "datasets" / DATE, tmp_path / "a" / "datasets" / DATE)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    values = tmp_path / "b" / "datasets" / DATE / "values.csv"
    header, *rows = values.read_text(encoding="utf-8").splitlines()
    random.Random(3).shuffle(rows)
    values.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    first = evaluate("--snapshot", DATE, cwd=tmp_path / "a")
    second = evaluate("--snapshot", DATE, cwd=tmp_path / "b")
    assert first.returncode == 0
    assert first.stdout == second.stdout


def test_a_wrong_choice_is_explained_in_chinese(ws):
    proc = run_in(ws, "--snapshot", DATE, "--format", "pdf")
    assert "选项 --format 的值不对：应为 table、json、csv、markdown、xlsx、form 之一" in proc.stderr
    assert "is not one of" not in proc.stderr


def test_help_is_in_chinese(ws):
    top = run_cli("--help")
    assert top.returncode == 0 and top.stdout.startswith("用法： jixiao")
    assert "选项" in top.stdout and "命令" in top.stdout and "显示本帮助并退出。" in top.stdout
    assert "Usage" not in top.stdout and "Show this message" not in top.stdout
    evaluate_help = run_cli("evaluate", "--help").stdout
    assert "[必填]" in evaluate_help and "[默认：rules]" in evaluate_help


@pytest.mark.parametrize("name, starts", [("r.json", b"{"), ("r.xlsx", b"PK"), ("r.md", "# ".encode()), ("r.txt", None)])
def test_the_format_follows_the_output_suffix(ws, name, starts):
    proc = run_in(ws, "--snapshot", DATE, "--output", str(ws.parent / name))
    assert proc.returncode == 0, proc.stderr
    data = (ws.parent / name).read_bytes()
    if starts is not None:
        assert data.startswith(starts), data[:20]
    else:
        assert "【" in data.decode("utf-8")  # table


def test_all_lists_every_indicator_once_with_its_status(shipped_doc):
    """evaluate --all: the table gains 全部指标, one row per indicator, its status as JSON says."""
    proc = evaluate("--snapshot", DATE, "--all")
    assert proc.returncode == 0, proc.stderr
    part = proc.stdout.split("【全部指标】")[1].split("【异常清单")[0]
    rows = [line.split() for line in part.splitlines()[3:] if line.strip()]
    statuses = {"exceeded": "超额完成", "achieved": "已达成", "in_progress": "正在推进", "not_achieved": "未达成"}
    expected = [(i["id"], statuses[i["status"]]) for i in shipped_doc["indicators"]]
    assert [(r[0], next(w for w in r if w in statuses.values())) for r in rows] == expected
    assert "【全部指标】" not in evaluate("--snapshot", DATE).stdout  # only when asked


def test_all_in_markdown_english_and_not_with_exceptions_only():
    md = evaluate("--snapshot", DATE, "--all", "--format", "markdown", "--lang", "en")
    assert md.returncode == 0 and "## All indicators" in md.stdout
    assert "| S101 |" in md.stdout.replace("  ", " ")
    both = evaluate("--snapshot", DATE, "--all", "--exceptions-only")
    assert both.returncode == 2 and "--all 与 --exceptions-only 只能选一个" in both.stderr
    assert "Traceback" not in both.stderr
