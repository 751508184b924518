"""jixiao init and jixiao new indicator."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from engine.authoring import rule_file, workbooks
from engine.authoring.workspace import create_workspace
from engine.cli.app import cli
from engine.text.labels import TYPES
from engine.load.rules import load_rules
from helpers import write_workspace, jixiao

YEAR = 2025
SNAP = f"{YEAR}-12-31"



@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("init") / "college"
    create_workspace(root, YEAR, "测试职业技术学院")
    return root


# --- jixiao init -------------------------------------------------------------------------

def test_init_writes_the_workspace(capsys, tmp_path):
    code, out, err = jixiao(capsys, "init", tmp_path / "ws", "--year", YEAR)
    assert code == 0, err
    assert "已创建工作区" in out and f"--snapshot {SNAP}" in out
    root = tmp_path / "ws"
    for rel in ["rules/settings.yaml", "rules/causes.yaml", "rules/tests/example.yaml", f"datasets/{SNAP}/manifest.yaml",
                f"datasets/{SNAP}/values.xlsx", f"datasets/{SNAP}/achievements.xlsx", f"datasets/{SNAP}/funds.xlsx",
                f"datasets/{SNAP}/budget.xlsx", "rules/tables.yaml", "rules/funds.yaml", "schemas/rules.schema.json",
                "schemas/ruletest.schema.json", "README.md"] + [f"rules/{t}.yaml" for t in TYPES]:
        assert (root / rel).is_file(), rel
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folder left behind


def test_init_rules_load_with_every_type_and_level(workspace):
    rules = load_rules(workspace / "rules")
    assert {i.type for i in rules.indicators} == set(TYPES)
    assert {i.level for i in rules.indicators} == {"school", "group"}
    directions = {i.direction for i in rules.indicators}
    assert {"higher", "lower", "range", "grade", "deadline"} <= directions
    assert any(i.annual for i in rules.indicators) and any(i.actual for i in rules.indicators)
    assert rules.settings.period_start == f"{YEAR}-01-01" and rules.settings.period_end == f"{YEAR + 4}-12-31"
    for path in (workspace / "rules").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../schemas/"), path
        target = text.split("$schema=")[1].split("\n")[0]
        assert (path.parent / target).resolve().is_file()
        assert "#" in text.split("\n", 1)[1]  # commented


def test_init_evaluates_and_tests_right_away(capsys, workspace):
    code, out, err = jixiao(capsys, "evaluate", "--rules", workspace / "rules", "--datasets", workspace / "datasets",
                            "--snapshot", SNAP, "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    statuses = {i["id"]: i["status"] for i in result["indicators"]}
    assert len(statuses) == len(load_rules(workspace / "rules").indicators)
    assert set(statuses.values()) <= {"missing", "not_due", "in_progress"}
    assert statuses["S_NATIONAL_AWARDS"] == "in_progress"  # counted from the empty ledger: 0, not missing
    code, out, err = jixiao(capsys, "test", workspace / "rules" / "tests")
    assert code == 0, out + err
    assert out.endswith("通过 9 个，失败 0 个\n")


def test_a_new_workspace_validates_clean(capsys, workspace, monkeypatch):
    monkeypatch.chdir(workspace)
    code, out, err = jixiao(capsys, "validate")
    assert code == 0, out + err
    assert out.startswith("共 0 个错误，0 个警告"), out


def test_init_value_table_template(workspace):
    manifest = yaml.safe_load((workspace / "datasets" / SNAP / "manifest.yaml").read_text(encoding="utf-8"))
    assert manifest["values"] == {"file": "values.xlsx", "sheet": "*"}
    assert str(manifest["snapshot"]) == SNAP
    book = load_workbook(workspace / "datasets" / SNAP / "values.xlsx")
    assert book.sheetnames == ["学校层面", "专业群层面", "下拉列表"]
    assert book["下拉列表"].sheet_state == "hidden"
    rules = load_rules(workspace / "rules")
    causes = [c.zh for c in rules.causes.values()]  # the drop-down shows the causes in Chinese
    assert [r[0] for r in book["下拉列表"].iter_rows(min_row=2, values_only=True)] == causes
    for ws, level in zip(book.worksheets[:2], ["school", "group"]):
        assert [c.value for c in ws[1]] == list(workbooks.HEADERS)
        ids = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
        assert ids == [i.id for i in rules.indicators if i.level == level]
        names = {row[0]: (row[1], row[2]) for row in ws.iter_rows(min_row=2, values_only=True)}
        assert all(names[i.id] == (i.name, i.unit) for i in rules.indicators if i.level == level)
        lists = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation if dv.type == "list"}
        assert lists["E2:E301"].formula1 == f"'下拉列表'!$A$2:$A${len(causes) + 1}"
        assert lists["G2:G301"].formula1 == '"确定能,有可能,完全不可能"'
        assert lists["G2:G301"].errorStyle in (None, "stop") and lists["E2:E301"].errorStyle == "warning"
    ledger = load_workbook(workspace / "datasets" / SNAP / "achievements.xlsx").active
    assert [c.value for c in ledger[1]] == ["日期", "级别", "成果名称", "佐证材料"]


def _filled(tmp_path, workspace, edits: dict) -> Path:
    """A copy of the workspace with cells of values.xlsx set: {(sheet, cell): value}."""
    import shutil
    root = tmp_path / "filled"
    shutil.copytree(workspace, root)
    path = root / "datasets" / SNAP / "values.xlsx"
    book = load_workbook(path)
    for (sheet, cell), value in edits.items():
        book[sheet][cell] = value
    book.save(path)
    return root


def test_filled_template_reads_every_sheet_with_its_rows(capsys, tmp_path, workspace):
    book = load_workbook(workspace / "datasets" / SNAP / "values.xlsx")
    row_of = {ws.title: {r[0].value: r[0].row for r in ws.iter_rows(min_row=2)} for ws in book.worksheets}
    school, group = row_of["学校层面"]["S_1X_PILOT"], row_of["专业群层面"]["G_ENTERPRISE_TRAINING"]
    root = _filled(tmp_path, workspace, {("学校层面", f"D{school}"): 3, ("专业群层面", f"D{group}"): 200,
                                         ("专业群层面", f"E{group}"): "pandemic", ("专业群层面", f"G{group}"): "有可能"})
    code, out, err = jixiao(capsys, "evaluate", "--rules", root / "rules", "--datasets", root / "datasets",
                            "--snapshot", SNAP, "--format", "json")
    assert code == 0, err
    assert "计量单位" not in err  # the measure column is known, not warned about
    found = {i["id"]: i for i in json.loads(out)["indicators"]}
    assert found["S_1X_PILOT"]["status"] == "exceeded"
    assert found["S_1X_PILOT"]["sources"]["actual"]["row"] == school
    training = found["G_ENTERPRISE_TRAINING"]
    assert training["status"] == "in_progress" and training["sources"]["actual"]["row"] == group
    assert "受疫情影响" in training["cause_note"] and training["likelihood"] == "有可能"
    # with one sheet per level, a row number alone is ambiguous: the source names the sheet
    assert found["S_1X_PILOT"]["sources"]["actual"]["file"].endswith("values.xlsx[学校层面]")
    assert training["sources"]["actual"]["file"].endswith("values.xlsx[专业群层面]")
    code, out, err = jixiao(capsys, "explain", "G_ENTERPRISE_TRAINING", "--rules", root / "rules",
                            "--datasets", root / "datasets", "--snapshot", SNAP, "--format", "json")
    assert code == 0, err
    trace = json.loads(out)
    text = json.dumps(trace, ensure_ascii=False)
    assert f"values.xlsx[专业群层面]" in text and "values.xlsx\"" not in text


def test_problems_name_the_sheet_and_its_row(capsys, tmp_path, workspace):
    root = _filled(tmp_path, workspace, {("专业群层面", "D3"): "abc", ("学校层面", "D4"): "1.2.3",
                                         ("专业群层面", "A8"): "S_1X_PILOT", ("专业群层面", "D8"): 5})
    code, out, err = jixiao(capsys, "evaluate", "--rules", root / "rules", "--datasets", root / "datasets",
                            "--snapshot", SNAP)
    assert code == 2 and out == ""
    group, school = err.split("values.xlsx[专业群层面]")[1], err.split("values.xlsx[学校层面]")[1]
    assert group.lstrip().startswith("3:4") and "table.bad_number" in group
    assert "8:-" in group and "table.duplicate_row_sheet" in group and "已在工作表 学校层面 第" in group
    assert school.lstrip().startswith("4:4")


def test_init_refuses_a_folder_that_is_not_empty(capsys, tmp_path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    code, out, err = jixiao(capsys, "init", target)
    assert code == 2 and out == ""
    assert "不是空的" in err and "notes.txt" in err and "init.not_empty" in err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    code, _, err = jixiao(capsys, "init", tmp_path / "file.txt")
    assert code == 2 and "init.not_a_dir" in err


def test_init_into_an_empty_folder(capsys, tmp_path):
    target = tmp_path / "empty"
    target.mkdir()
    code, _, err = jixiao(capsys, "init", target, "--year", 2030)
    assert code == 0, err
    assert (target / "datasets" / "2030-12-31" / "values.xlsx").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


# --- jixiao new indicator ----------------------------------------------------------------

def answers(*lines) -> str:
    return "\n".join(str(x) for x in lines) + "\n"


def new(path, text):
    return CliRunner().invoke(cli, ["new", "indicator", "--file", str(path)], input=text)


@pytest.fixture
def fresh(tmp_path, workspace):
    import shutil
    root = tmp_path / "ws"
    shutil.copytree(workspace, root)
    return root


def test_new_indicator_appends_and_loads(fresh):
    path = fresh / "rules" / "quantity.yaml"
    before = path.read_bytes()
    result = new(path, answers("S_1X_PILOT", "1x", "S_COOP", "校企合作项目: 新增 #1", "", "", "quantity", "个", "higher",
                               "2025-12-31=abc", "2025-12-31=6, 2027-12-31=10.5", "教务处"))
    assert result.exit_code == 0, result.output
    assert "错误：编号 S_1X_PILOT 已被使用" in result.output      # asked again, in Chinese
    assert "Error" not in result.output
    assert "编号须字母开头" in result.output
    assert "目标值“abc”不是数字" in result.output
    after = path.read_bytes()
    assert after.startswith(before)                                 # the rest of the file is untouched
    added = after[len(before):].decode("utf-8")
    assert added.startswith("\n  - id: S_COOP\n")
    assert "name: '校企合作项目: 新增 #1'" in added
    assert "level:" not in added and "task:" not in added          # same as the file's defaults
    rules = load_rules(fresh / "rules")
    ind = rules.by_id()["S_COOP"]
    assert (ind.name, ind.level, ind.task, ind.type, ind.unit, ind.direction, ind.owner) == (
        "校企合作项目: 新增 #1", "school", "打造技术技能人才培养高地", "quantity", "个", "higher", "教务处")
    assert ind.targets == [("2025-12-31", 6), ("2027-12-31", 10.5)]
    assert "第 " in result.output and "规则检查通过" in result.output


def test_new_benefit_range_indicator_in_a_new_file(fresh):
    path = fresh / "rules" / "extra.yaml"
    result = new(path, answers("G_SHARE", "共享课程比例", "group", "打造高水平专业群", "benefit", "nope", "sustainable",
                               "%", "range", "2025-12-31=70~60", "2025-12-31=60~100, 2029-12-31=70～100", ""))
    assert result.exit_code == 0, result.output
    assert "下限大于上限" in result.output and "应为 经济效益、社会效益" in result.output and "economic" in result.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/rules.schema.json\n")
    ind = load_rules(fresh / "rules").by_id()["G_SHARE"]
    assert (ind.level, ind.subtype, ind.unit) == ("group", "sustainable", "%")
    assert ind.targets == [("2025-12-31", {"min": 60, "max": 100}), ("2029-12-31", {"min": 70, "max": 100})]
    assert ind.owner is None


def test_new_grade_and_deadline_indicators(fresh):
    path = fresh / "rules" / "quality.yaml"
    result = new(path, answers("S_GRADE", "考核等级", "group", "打造高水平专业群", "quality", "等级", "grade", "A,B,C",
                               "2025-12-31=D", "2025-12-31=B, 2029-12-31=A", ""))
    assert result.exit_code == 0, result.output
    assert "不在 A、B、C 中" in result.output
    result = new(path, answers("S_DONE", "建成平台", "school", "打造高水平双师队伍", "timeliness", "日期", "deadline",
                               "2026-02-30", "2026-06-30", "信息中心"))
    assert result.exit_code == 0, result.output
    rules = load_rules(fresh / "rules")
    grade, done = rules.by_id()["S_GRADE"], rules.by_id()["S_DONE"]
    assert grade.scale == ["A", "B", "C"] and grade.targets == [("2025-12-31", "B"), ("2029-12-31", "A")]
    assert grade.level == "group" and "level: group" in path.read_text(encoding="utf-8")
    assert done.deadline == "2026-06-30" and done.targets == []


def test_new_indicator_restores_the_file_when_the_rules_do_not_load(fresh, monkeypatch, capsys):
    path = fresh / "rules" / "cost.yaml"
    before = path.read_bytes()
    monkeypatch.setattr(rule_file, "indicator_text", lambda *a, **k: "  - id: S_BROKEN\n    name: [unclosed\n")
    result = new(path, answers("S_BROKEN", "x", "", "", "cost", "万元", "lower", "2025-12-31=1", ""))
    assert result.exit_code != 0
    assert path.read_bytes() == before
    assert "new.restored" in [p.code for p in result.exception.problems]


def test_new_indicator_refuses_files_it_cannot_append_to(tmp_path, capsys):
    root = write_workspace(tmp_path, {"school.yaml": """\
        indicators:
          - {id: S1, name: 一, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 1}}
        level: school
        task: 建设
        """}, {})
    code, _, err = jixiao(capsys, "new", "indicator", "--file", root / "rules" / "school.yaml")
    assert code == 2 and "new.cannot_append" in err and "indicators: 之后还有顶层键" in err
    code, _, err = jixiao(capsys, "new", "indicator", "--file", root / "rules" / "settings.yaml")
    assert code == 2 and "new.not_rule_file" in err


def test_new_indicator_keeps_crlf_and_indentation(tmp_path):
    root = write_workspace(tmp_path, {}, {})
    path = root / "rules" / "school.yaml"
    path.write_bytes("level: school\r\ntask: 建设\r\nindicators:\r\n- id: S1  # 注释\r\n  name: 一\r\n  type: quantity\r\n"
                     "  unit: 项\r\n  direction: higher\r\n  targets: {2021-12-31: 1}".encode("utf-8"))
    before = path.read_bytes()
    result = new(path, answers("S2", "二", "", "", "quantity", "项", "higher", "2021-12-31=2", ""))
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(before)
    assert after[len(before):] == ("\r\n\r\n- id: S2\r\n  name: 二\r\n  type: quantity\r\n  unit: 项\r\n  direction: higher\r\n"
                                   "  targets:\r\n    2021-12-31: 2\r\n").encode("utf-8")
    assert [i.id for i in load_rules(root / "rules").indicators] == ["S1", "S2"]


def test_parse_targets():
    from engine import directions
    higher, ranged = directions.get("higher"), directions.get("range")
    assert higher.parse_targets("2023-12-31=10, 2021-12-31=6") == [("2021-12-31", 6), ("2023-12-31", 10)]
    assert higher.parse_targets("2021-12-31：1200；2022-12-31=98.5") == [("2021-12-31", 1200), ("2022-12-31", 98.5)]
    assert ranged.parse_targets("2021-12-31=60~100") == [("2021-12-31", {"min": 60, "max": 100})]
    for bad in ("2021-12-31", "2021-02-30=1", "2021-12-31=1, 2021-12-31=2", "2021-12-31=abc", ""):
        with pytest.raises(ValueError):
            higher.parse_targets(bad)
    with pytest.raises(ValueError, match="下限大于上限"):
        ranged.parse_targets("2021-12-31=100~60")


def test_new_indicator_interrupted_at_a_prompt_writes_nothing(fresh, capsys, monkeypatch):
    path = fresh / "rules" / "quantity.yaml"
    before = path.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO("S_HALF\n"))  # the answers end: click aborts like at Ctrl+D
    code, _, err = jixiao(capsys, "new", "indicator", "--file", path)
    assert code == 130
    assert err.strip().endswith("已中断，未写入任何文件")
    assert path.read_bytes() == before


def test_new_indicator_failing_to_write_leaves_the_file_whole(fresh, monkeypatch):
    from engine.core import output
    path = fresh / "rules" / "quantity.yaml"
    before = path.read_bytes()

    def full(*_args, **_kwargs):
        raise OSError(27, "File too large")
    monkeypatch.setattr(output.os, "replace", full)
    result = new(path, answers("S_NEW_ONE", "新指标", "", "", "", "个", "higher", "2025-12-31=6, 2027-12-31=10", ""))
    assert [p.code for p in result.exception.problems] == ["output.unwritable"]  # main() prints it, exit 2
    assert path.read_bytes() == before and not list(path.parent.glob(".*.tmp"))


@pytest.mark.parametrize("college", ["学院 #1", "a: b", "@学院", "{x}", '引号"与\\反斜杠'])
def test_any_college_name_makes_a_workspace_that_evaluates(capsys, tmp_path, college):
    target = tmp_path / "ws"
    code, _, err = jixiao(capsys, "init", target, "--year", 2030, "--college", college)
    assert code == 0, err
    code, out, err = jixiao(capsys, "evaluate", "--rules", target / "rules", "--datasets", target / "datasets",
                            "--snapshot", "2030-12-31", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["units"] == {"college": college}


def test_an_empty_college_name_is_refused(capsys, tmp_path):
    code, _, err = jixiao(capsys, "init", tmp_path / "ws", "--college", " ")
    assert code == 2 and "学校名称不能为空" in err and not (tmp_path / "ws").exists()
