"""`jixiao import` (issue 12, item 1): a 任务书 绩效指标 table with merged cells and the usual target
texts imports to rules that validate clean but for the listed TODOs and evaluate; the cells it cannot
read are listed with their place; importing again updates targets and keeps hand edits. All through
the CLI, on the sample tables of examples/taskbook/ (tools/build_taskbook.py)."""
import json
import shutil
import textwrap

import pytest
from openpyxl import load_workbook

from helpers import ROOT, run_cli
from engine.authoring.taskbook_parse import read_target
from engine.load.yaml_source import load_yaml

SAMPLE = ROOT / "examples" / "taskbook"
XLSX, CSV = SAMPLE / "任务书.xlsx", SAMPLE / "任务书.csv"
UNREAD = {"绩效指标!I5": "力争突破", "绩效指标!G9": "启动建设", "绩效指标!F13": "显著提升", "绩效指标!C19": "创新指标"}


def _rules(folder, name="school.yaml") -> dict:
    """The indicators of a rule file as the loader reads them (dates as 2021-12-31)."""
    doc, _ = load_yaml(folder / name, name)
    return {i["id"]: i for i in doc.data["indicators"]}


def _validate(rules, *extra):
    proc = run_cli("validate", "--rules", str(rules), "--datasets", str(rules.parent / "datasets"), "--format", "json",
                   *extra)
    return proc, json.loads(proc.stdout)


@pytest.fixture()
def imported(tmp_path):
    rules = tmp_path / "rules"
    proc = run_cli("import", str(XLSX), "--rules", str(rules))
    assert proc.returncode == 0, proc.stderr
    return rules, proc


def test_the_sample_table_imports_to_rules_that_validate_but_for_the_listed_todos(imported):
    rules, proc = imported
    for place, text in UNREAD.items():  # each unreadable cell listed with its place
        assert place in proc.stdout and text in proc.stdout, place
    assert "新增 15 个" in proc.stdout
    result, problems = _validate(rules)
    assert result.returncode == 0, result.stdout
    todos = [p for p in problems if p["code"] == "validate.todo"]
    assert sorted(p["message"].split("「")[0].removeprefix("待办：") for p in todos) == sorted(UNREAD)
    assert all(p["line"] and p["file"].endswith(".yaml") for p in todos)
    others = [p for p in problems if p["code"] not in ("validate.todo", "validate.no_datasets")]
    assert others == [], others


def test_types_directions_measures_and_targets_are_read_from_the_texts(imported):
    rules, _ = imported
    school, group = _rules(rules), _rules(rules, "group.yaml")
    by_name = {i["name"]: i for i in list(school.values()) + list(group.values())}
    one_x = by_name["1+X 证书制度试点数"]  # measure from the brackets; "10 个", "不少于 12 个", "18个"
    assert (one_x["type"], one_x["unit"], one_x["direction"]) == ("quantity", "个", "higher")
    assert one_x["targets"] == {"2019-12-31": 5, "2020-12-31": 10, "2021-12-31": 12, "2022-12-31": 15,
                                "2023-12-31": 18}
    awards = by_name["省级及以上教学成果奖"]  # "3项以上", "不少于 4 项": the measure from the texts
    assert awards["unit"] == "项" and awards["targets"]["2023-12-31"] == 4
    rate = by_name["毕业生就业率"]  # "≥95%", "不低于 95%"
    assert (rate["type"], rate["unit"], rate["direction"], rate["targets"]["2021-12-31"]) == ("quality", "%", "higher", 95)
    grade = by_name["党建工作年度考核等级"]  # "良好以上"
    assert grade["direction"] == "grade" and grade["targets"]["2019-12-31"] == "良好" and "良好" in grade["scale"]
    assert by_name["智慧校园平台"]["deadline"] == "2021-12-31"  # "2021 年 12 月前完成"
    assert by_name["职教集团实体化运行"]["deadline"] == "2021-12-31"  # "2021年底"
    base = by_name["产教融合实训基地"]  # "建成" in the 2021 column
    assert (base["direction"], base["deadline"], base["unit"]) == ("deadline", "2021-12-31", "日期")
    cost = by_name["生均社会培训成本"]  # "≤1200 元"
    assert (cost["type"], cost["direction"], cost["unit"], cost["targets"]["2023-12-31"]) == ("cost", "lower", "元", 1200)
    social = by_name["开展社会培训"]
    assert (social["type"], social["subtype"], social["unit"]) == ("benefit", "social", "人次")
    assert by_name["专业人才培养方案修订完成率"]["subtype"] == "sustainable"
    assert by_name["用人单位满意度"]["type"] == "satisfaction" and by_name["用人单位满意度"]["targets"]["2019-12-31"] == 95
    assert by_name["专业群课程资源库建设"]["id"] == "G001"  # 专业群层面 rows: their own file and ids
    awards_todo = by_name["国家级职业技能大赛获奖"]  # "力争突破" in 2022: left out, never guessed
    assert "2022-12-31" not in awards_todo["targets"] and awards_todo["targets"]["2023-12-31"] == 4
    assert "服务区域产业发展能力" not in by_name and "专业群建设创新案例" not in by_name  # written commented out


def test_the_imported_rules_evaluate(imported, tmp_path):
    rules, _ = imported
    snap = tmp_path / "datasets" / "2021-12-31"
    snap.mkdir(parents=True)
    (snap / "manifest.yaml").write_text(textwrap.dedent("""\
        snapshot: 2021-12-31
        default_unit: c
        units: {c: 某职业技术学院}
        values: values.csv
        """), encoding="utf-8")
    school = {i["name"]: i["id"] for i in _rules(rules).values()}
    rows = [(school["1+X 证书制度试点数"], "12"), (school["毕业生就业率"], "96.3%"),
            (school["党建工作年度考核等级"], "优秀"), (school["智慧校园平台"], "2021-10-01"),
            (school["生均社会培训成本"], "1300")]
    (snap / "values.csv").write_text("指标编号,实际值\n" + "".join(f"{i},{v}\n" for i, v in rows), encoding="utf-8")
    proc = run_cli("evaluate", "--snapshot", "2021-12-31", "--rules", str(rules), "--datasets", str(tmp_path / "datasets"),
                   "--format", "json")
    assert proc.returncode == 0, proc.stderr
    status = {i["id"]: i["status"] for i in json.loads(proc.stdout)["indicators"]}
    assert status[school["1+X 证书制度试点数"]] == "achieved"
    assert status[school["智慧校园平台"]] == "achieved"
    assert status[school["生均社会培训成本"]] == "in_progress"


def test_importing_again_updates_targets_and_keeps_what_was_added_by_hand(imported, tmp_path):
    rules, _ = imported
    path = rules / "school.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    type: quantity\n    unit: 个\n", "    # 教务处核对\n    type: quantity\n    unit: 个\n", 1)
    text = text.replace("      2023-12-31: 18\n", "      2023-12-31: 18\n    owner: 教务处\n    causes:\n"
                        "      - when: actual < target\n        cause: policy\n", 1)
    todo = next(line for line in text.splitlines() if "力争突破" in line)
    text = text.replace(todo + "\n", "").replace("      2021-12-31: 2\n", "      2021-12-31: 2\n      2022-12-31: 3\n", 1)
    path.write_text(text, encoding="utf-8")
    book = load_workbook(XLSX)
    book.active["J3"] = "20个"  # 1+X: the final target raised
    edited = tmp_path / "任务书-改.xlsx"
    book.save(edited)
    proc = run_cli("import", str(edited), "--rules", str(rules))
    assert proc.returncode == 0, proc.stderr
    assert "更新 1 个" in proc.stdout and "新增 0 个" in proc.stdout
    after = path.read_text(encoding="utf-8")
    one_x = _rules(rules)["S001"]
    assert one_x["targets"]["2023-12-31"] == 20 and one_x["owner"] == "教务处"
    assert one_x["causes"] == [{"when": "actual < target", "cause": "policy"}]
    assert "# 教务处核对" in after
    assert _rules(rules)["S003"]["targets"]["2022-12-31"] == 3 and "力争突破" not in after  # the hand-filled TODO
    again = run_cli("import", str(edited), "--rules", str(rules))
    assert "更新 0 个" in again.stdout and path.read_text(encoding="utf-8") == after  # nothing moves


def test_a_csv_with_mid_and_final_columns_and_a_task_given(tmp_path):
    rules = tmp_path / "rules"
    refused = run_cli("import", str(CSV), "--rules", str(rules))
    assert refused.returncode == 2 and "import.no_task" in refused.stderr and not rules.exists()
    proc = run_cli("import", str(CSV), "--rules", str(rules), "--task", "打造技术技能人才培养高地", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "任务书.csv!D12" in proc.stdout and "13 added" in proc.stdout
    one_x = _rules(rules)["S001"]
    assert one_x["targets"] == {"2021-12-31": 12, "2023-12-31": 18}  # 中期 and 终期 of 2019-2023
    result, problems = _validate(rules)
    assert [p["code"] for p in problems if p["code"] != "validate.no_datasets"] == ["validate.todo"]


def test_merging_into_hand_written_rules_changes_only_the_targets_that_changed(tmp_path):
    """The shipped school.yaml (87 indicators, written by hand): a table of its first indicators with one
    final target raised changes that one line; --dry-run changes nothing."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    before = (rules / "school.yaml").read_text(encoding="utf-8")
    shipped = _rules(rules)
    types = {"quantity": "数量指标", "quality": "质量指标", "timeliness": "时效指标", "cost": "成本指标"}
    lines = ["建设任务,三级指标,二级指标,2019,2020,2021,2022,2023"]
    for ind in [i for i in shipped.values() if i["type"] in ("quantity", "quality")][:6]:
        measure = f"（{ind['unit']}）" if ind["direction"] != "grade" else ""
        targets = [str(ind["targets"].get(f"{y}-12-31", "")) for y in range(2019, 2024)]
        lines.append(",".join([ind["task"], ind["name"] + measure, types[ind["type"]], *targets]))
    lines[1] = lines[1].rsplit(",", 1)[0] + ",5"  # S101: 4 → 5 at the end of the period
    table = tmp_path / "任务书.csv"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dry = run_cli("import", str(table), "--rules", str(rules), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "更新 1 个" in dry.stdout and (rules / "school.yaml").read_text(encoding="utf-8") == before
    proc = run_cli("import", str(table), "--rules", str(rules))
    assert proc.returncode == 0, proc.stderr
    after = (rules / "school.yaml").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [("      2023-12-31: 4", "      2023-12-31: 5")] and len(before) == len(after)


def test_nothing_is_written_for_a_table_without_a_header(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("名称,数量\n甲,1\n", encoding="utf-8")
    proc = run_cli("import", str(table), "--rules", str(tmp_path / "rules"))
    assert proc.returncode == 2 and "import.no_header" in proc.stderr
    assert not (tmp_path / "rules").exists()


@pytest.mark.parametrize("text, kind, value, direction, measure", [
    ("≥95%", "number", 95, "higher", "%"), ("不低于 95%", "number", 95, "higher", "%"),
    ("10 个", "number", 10, None, "个"), ("不少于 3 项", "number", 3, "higher", "项"),
    ("3项以上", "number", 3, "higher", "项"), ("≤1200 元", "number", 1200, "lower", "元"),
    ("2021 年 12 月前完成", "deadline", "2021-12-31", None, None), ("2021年底", "deadline", "2021-12-31", None, None),
    ("2022年6月底前建成", "deadline", "2022-06-30", None, None), ("完成", "done", None, None, None),
    ("建成", "done", None, None, None), ("良好以上", "grade", "良好", "grade", "等级"),
    ("显著提升", "unreadable", None, None, None), ("2021年13月", "unreadable", None, None, None)])
def test_target_texts(text, kind, value, direction, measure):
    r = read_target(text)
    assert (r.kind, r.value, r.direction, r.measure) == (kind, value, direction, measure)


def test_the_sample_table_is_reproducible(tmp_path):
    import subprocess
    import sys
    before = XLSX.read_bytes(), CSV.read_bytes()
    copy = tmp_path / "tools"
    shutil.copytree(ROOT / "tools", copy)
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "build_taskbook.py")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (XLSX.read_bytes(), CSV.read_bytes()) == before
    merged = load_workbook(XLSX).active.merged_cells.ranges
    assert any(str(m).startswith("B3:") for m in merged)
