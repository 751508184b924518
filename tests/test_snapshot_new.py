"""jixiao new snapshot, jixiao template, and init's period, snapshot date and funds ledgers: each
through the command line, with the workbooks filled as a person fills them in Excel."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from helpers import jixiao
from engine.cli.app import cli
from engine.load.rules import load_rules

START = 2025
FIRST, NEXT = f"{START}-12-31", f"{START + 1}-12-31"



def evaluate(capsys, root: Path, date: str) -> dict:
    code, out, err = jixiao(capsys, "evaluate", "--rules", root / "rules", "--datasets", root / "datasets",
                            "--snapshot", date, "--format", "json")
    assert code == 0, err
    return {i["id"]: i for i in json.loads(out)["indicators"]}


def value_rows(path: Path) -> dict:
    """indicator id -> (sheet, row, {header: cell}) of a value-table workbook, as a person sees it."""
    book = load_workbook(path)
    found = {}
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue
        headers = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            if row[0].value:
                found[row[0].value] = (ws.title, row[0].row, dict(zip(headers, row)))
    return found


def cause_choices(path: Path, sheet: str) -> list[str]:
    """The entries of the 原因 drop-down list of a sheet, read through its data validation."""
    book = load_workbook(path)
    ws = book[sheet]
    causes_col = next(c.column_letter for c in ws[1] if c.value == "原因")
    dv = next(dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith(f"{causes_col}2:"))
    ref = dv.formula1
    list_sheet, cells = ref.split("!")
    first, last = (int(part.split("$")[-1]) for part in cells.split(":"))
    lists = book[list_sheet.strip("'")]
    return [lists.cell(row=r, column=1).value for r in range(first, last + 1)]


def fill(path: Path, rules, values: dict, causes: dict | None = None, likelihood: dict | None = None) -> None:
    """Type values in the 实际值 column, and pick causes and likelihoods from their drop-down lists by
    their Chinese text, as a person does in Excel."""
    book = load_workbook(path)
    rows = value_rows(path)
    for ind_id, value in values.items():
        sheet, row, cells = rows[ind_id]
        ws = book[sheet]
        col = {h: c.column for h, c in cells.items()}
        ws.cell(row=row, column=col["实际值"], value=value)
        if causes and ind_id in causes:
            choices = cause_choices(path, sheet)
            assert causes[ind_id] in choices, choices
            ws.cell(row=row, column=col["原因"], value=causes[ind_id])
        if likelihood and ind_id in likelihood:
            ws.cell(row=row, column=col["完成可能性"], value=likelihood[ind_id])
    book.save(path)


def fill_ledger(path: Path, rows: list) -> None:
    book = load_workbook(path)
    for row in rows:
        book.active.append(row)
    book.save(path)


def on_target(rules, day: str) -> dict:
    """A value for every indicator typed in the value table that meets its target at day."""
    out = {}
    for ind in rules.indicators:
        if ind.actual:
            continue
        if ind.value_kind == "date":
            out[ind.id] = ind.deadline if ind.deadline and ind.deadline <= day else day
        elif ind.value_kind == "grade":
            out[ind.id] = ind.scale[0]
        else:
            target = ind.way.applicable(ind, day)[1]
            if isinstance(target, dict):
                out[ind.id] = target["min"]
            else:
                out[ind.id] = target if target is not None else 1
    return out


@pytest.fixture(scope="module")
def college(tmp_path_factory) -> Path:
    """A workspace whose first snapshot is filled in (values, funds and budget), as a college's office has it."""
    root = tmp_path_factory.mktemp("snap") / "college"
    code = CliRunner().invoke(cli, ["init", str(root), "--start", str(START), "--snapshot", FIRST,
                                    "--college", "测试职业技术学院"]).exit_code
    assert code == 0
    rules = load_rules(root / "rules")
    snap = root / "datasets" / FIRST
    fill(snap / "values.xlsx", rules, on_target(rules, FIRST))
    fill_ledger(snap / "funds.xlsx", [[START, "中央财政", 300, 300, 120], [START, "学校自筹", 200, 150, 60]])
    fill_ledger(snap / "budget.xlsx", [[START, "提升学校治理水平", 500, 180]])
    fill_ledger(snap / "achievements.xlsx", [[f"{START}-06-01", "国家级", "示例成果"]])
    return root


@pytest.fixture
def ws(tmp_path, college) -> Path:
    root = tmp_path / "college"
    shutil.copytree(college, root)
    return root


# --- jixiao new snapshot -------------------------------------------------------------------

def test_new_snapshot_filled_as_in_excel_evaluates(capsys, ws):
    first = evaluate(capsys, ws, FIRST)
    assert first["S_FUNDS_ARRIVAL"]["actual"] == 90 and first["S_BUDGET_EXEC"]["actual"] == 36
    code, out, err = jixiao(capsys, "new", "snapshot", NEXT, "--rules", ws / "rules", "--datasets", ws / "datasets")
    assert code == 0, err
    assert f"已创建快照" in out and f"--snapshot {NEXT}" in out and "funds.xlsx" in out
    snap = ws / "datasets" / NEXT
    manifest = yaml.safe_load((snap / "manifest.yaml").read_text(encoding="utf-8"))
    assert str(manifest["snapshot"]) == NEXT and manifest["values"] == {"file": "values.xlsx", "sheet": "*"}
    assert manifest["units"] == {"college": "测试职业技术学院"}
    assert manifest["ledgers"] == {"achievements": "achievements.xlsx", "funds": "funds.xlsx", "budget": "budget.xlsx"}
    # the ledgers are carried over with their rows (cumulative: next year's rows are added below)
    funds = load_workbook(snap / "funds.xlsx").active
    assert [r for r in funds.iter_rows(min_row=2, values_only=True)][0] == (START, "中央财政", 300, 300, 120)
    # the value table is rebuilt from the rules: ids, names, measures, last time's values
    rules = load_rules(ws / "rules")
    rows = value_rows(snap / "values.xlsx")
    assert set(rows) == {i.id for i in rules.indicators}
    for ind in rules.indicators:
        cells = rows[ind.id][2]
        assert (cells["指标名称"].value, cells["计量单位"].value) == (ind.name, ind.unit)
        assert cells["实际值"].value is None
    before = on_target(rules, FIRST)
    assert rows["S_1X_PILOT"][2]["上期实际值"].value == before["S_1X_PILOT"]
    assert rows["S_DIGITAL_CAMPUS"][2]["上期实际值"].value == before["S_DIGITAL_CAMPUS"]
    # filled as a person fills it: values typed, a cause and a likelihood picked by their Chinese text
    values = on_target(rules, NEXT)
    values["S_1X_PILOT"] = 1
    values["G_ENTERPRISE_TRAINING"] = 10
    pandemic = rules.causes["pandemic"].zh
    fill(snap / "values.xlsx", rules, values, causes={"S_1X_PILOT": pandemic, "G_ENTERPRISE_TRAINING": pandemic},
         likelihood={"S_1X_PILOT": "有可能"})
    fill_ledger(snap / "funds.xlsx", [[START + 1, "中央财政", 100, 100, 200]])
    code, out, err = jixiao(capsys, "validate", "--rules", ws / "rules", "--datasets", ws / "datasets")
    assert code == 0 and out.startswith("共 0 个错误，0 个警告"), out + err
    found = evaluate(capsys, ws, NEXT)
    assert found["S_1X_PILOT"]["status"] == "in_progress"
    assert pandemic in found["S_1X_PILOT"]["cause_note"] and found["S_1X_PILOT"]["likelihood"] == "有可能"
    assert found["G_ENTERPRISE_TRAINING"]["causes"] == ["pandemic"]
    assert found["S_FUNDS_ARRIVAL"]["actual"] == pytest.approx(550 / 600 * 100)
    assert {i["status"] for k, i in found.items() if k not in ("S_1X_PILOT", "G_ENTERPRISE_TRAINING")} <= {
        "achieved", "exceeded", "in_progress", "not_due"}
    assert not [k for k, i in found.items() if i["status"] in ("missing", "error")]


def test_a_cause_code_is_still_accepted(capsys, ws):
    rules = load_rules(ws / "rules")
    assert jixiao(capsys, "new", "snapshot", NEXT, "--rules", ws / "rules", "--datasets", ws / "datasets")[0] == 0
    path = ws / "datasets" / NEXT / "values.xlsx"
    book = load_workbook(path)
    sheet, row, cells = value_rows(path)["S_1X_PILOT"]
    book[sheet].cell(row=row, column=cells["实际值"].column, value=1)
    book[sheet].cell(row=row, column=cells["原因"].column, value=f"policy；{rules.causes['pandemic'].zh}")
    book.save(path)
    found = evaluate(capsys, ws, NEXT)["S_1X_PILOT"]
    assert found["causes"] == ["policy", "pandemic"]


def test_new_snapshot_never_overwrites(capsys, ws):
    snap = ws / "datasets" / FIRST
    before = {p.name: p.read_bytes() for p in snap.iterdir()}
    code, out, err = jixiao(capsys, "new", "snapshot", FIRST, "--rules", ws / "rules", "--datasets", ws / "datasets")
    assert code == 2 and out == "" and "snapshot_new.exists" in err and "--refresh" in err
    assert {p.name: p.read_bytes() for p in snap.iterdir()} == before
    code, _, err = jixiao(capsys, "new", "snapshot", "2026-02-30", "--rules", ws / "rules", "--datasets", ws / "datasets")
    assert code == 2 and "snapshot_new.bad_date" in err
    assert not [p for p in (ws / "datasets").iterdir() if p.name.startswith(".")]


def test_an_emptied_ledger_keeps_its_header(capsys, ws):
    code, out, err = jixiao(capsys, "new", "snapshot", NEXT, "--rules", ws / "rules", "--datasets", ws / "datasets",
                            "--empty-ledger", "achievements")
    assert code == 0, err
    assert "只带入表头" in out
    sheet = load_workbook(ws / "datasets" / NEXT / "achievements.xlsx").active
    assert sheet.max_row == 1 and sheet["A1"].value == "日期"
    code, _, err = jixiao(capsys, "new", "snapshot", f"{START + 2}-12-31", "--rules", ws / "rules",
                          "--datasets", ws / "datasets", "--empty-ledger", "nothing")
    assert code == 2 and "snapshot_new.unknown_ledger" in err


def test_template_rebuilds_after_the_rules_change_keeping_what_was_typed(capsys, ws):
    snap = ws / "datasets" / FIRST
    rules = load_rules(ws / "rules")
    book = load_workbook(snap / "values.xlsx")
    sheet, row, cells = value_rows(snap / "values.xlsx")["S_1X_PILOT"]
    note_col = cells["说明"].column
    book[sheet].cell(row=row, column=note_col, value="已报教育厅")
    book[sheet].cell(row=row, column=cells["实际值"].column).number_format = "0.0"
    book.save(snap / "values.xlsx")
    # the rules change: an indicator inserted at the top of a file, one removed
    path = ws / "rules" / "quantity.yaml"
    text = path.read_text(encoding="utf-8")
    first_item = text.index("  - id:")
    text = text[:first_item] + ("  - id: S_NEW_FIRST\n    name: 新增指标\n    type: quantity\n    unit: 个\n"
                                "    direction: higher\n    targets: {%d-12-31: 1}\n\n" % START) + text[first_item:]
    path.write_text(text, encoding="utf-8")
    removed = next(i for i in rules.indicators if i.file.endswith("quality.yaml"))
    qpath = ws / "rules" / "quality.yaml"
    qtext = qpath.read_text(encoding="utf-8")
    start = qtext.index(f"  - id: {removed.id}")
    end = qtext.find("  - id:", start + 5)
    qpath.write_text(qtext[:start] + (qtext[end:] if end > 0 else ""), encoding="utf-8")
    code, out, err = jixiao(capsys, "template", FIRST, "--rules", ws / "rules", "--datasets", ws / "datasets")
    assert code == 0, err
    assert "保留了" in out and removed.id in out and (snap / "values.xlsx.bak").is_file()
    rows = value_rows(snap / "values.xlsx")
    new_rules = load_rules(ws / "rules")
    assert set(rows) == {i.id for i in new_rules.indicators}
    typed = on_target(rules, FIRST)
    for ind in new_rules.indicators:
        cells = rows[ind.id][2]
        if ind.id == "S_NEW_FIRST":
            assert cells["实际值"].value is None
        elif not ind.actual:
            assert cells["实际值"].value == typed[ind.id], ind.id
        comment = cells["实际值"].comment
        if ind.actual:  # the formula comment is on the formula's own row, wherever it moved
            assert comment is not None and ind.actual in comment.text
        elif comment is not None:
            assert ind.way.template_comment(ind, "zh") == comment.text
    pilot = rows["S_1X_PILOT"][2]
    assert pilot["说明"].value == "已报教育厅" and pilot["实际值"].number_format == "0.0"
    found = evaluate(capsys, ws, FIRST)
    assert found["S_NEW_FIRST"]["status"] == "missing" and found["S_1X_PILOT"]["status"] in ("achieved", "exceeded")
    # new snapshot --refresh does the same
    code, out, err = jixiao(capsys, "new", "snapshot", FIRST, "--refresh", "--rules", ws / "rules",
                            "--datasets", ws / "datasets")
    assert code == 0 and "保留了" in out, err


def test_template_of_a_missing_snapshot(capsys, ws):
    code, _, err = jixiao(capsys, "template", "2030-12-31", "--rules", ws / "rules", "--datasets", ws / "datasets")
    assert code == 2 and "snapshot_new.missing" in err


def test_template_of_a_csv_value_table(capsys, tmp_path):
    """The shipped values.csv: unchanged rules give the same bytes; after the rules change, a new
    indicator gets a row, a removed one's row goes (kept in the .bak), typed cells and names follow."""
    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "rules", tmp_path / "rules", ignore=shutil.ignore_patterns("tests"))
    shutil.copytree(root / "datasets" / "2021-12-31", tmp_path / "datasets" / "2021-12-31")
    values = tmp_path / "datasets" / "2021-12-31" / "values.csv"
    original = values.read_bytes()
    args = ["--rules", tmp_path / "rules", "--datasets", tmp_path / "datasets"]
    code, out, err = jixiao(capsys, "template", "2021-12-31", *args)
    assert code == 0 and "保留了 211 行" in out, err
    assert values.read_bytes() == original  # nothing changed in the rules: nothing changes in the table
    school = tmp_path / "rules" / "school.yaml"
    text = school.read_text(encoding="utf-8")
    start = text.index("  - id: S102")
    text = text[:start] + text[text.index("  - id: S103"):]  # S102 removed
    text = text.replace("name: 获评省级“一流党建示范”党支部", "name: 获评省级一流党建示范党支部")
    text += "\n  - id: S999\n    name: 新增指标\n    task: 加强党的建设\n    type: quantity\n    unit: 项\n" \
            "    direction: higher\n    targets: {2021-12-31: 1}\n"
    school.write_text(text, encoding="utf-8")
    code, out, err = jixiao(capsys, "template", "2021-12-31", *args)
    assert code == 0 and "S102" in out, err  # said as dropped
    lines = values.read_text(encoding="utf-8").splitlines()
    by_id = {line.split(",")[0]: line for line in lines[1:]}
    assert "S102" not in by_id and "S102," in (values.parent / "values.csv.bak").read_text(encoding="utf-8")
    assert by_id["S101"] == "S101,获评省级一流党建示范党支部,3,,,,"
    assert by_id["S999"] == "S999,新增指标,,,,,"
    ids = [line.split(",")[0] for line in lines[1:]]
    assert ids.index("S999") == ids.index("G101") - 1  # the school level ends with it, then the group level
    found = evaluate(capsys, tmp_path, "2021-12-31")
    assert found["S201"]["actual"] == 18 and found["S999"]["status"] == "missing"


def test_new_snapshot_of_the_shipped_college(capsys, tmp_path):
    """Four CSV ledgers carried over, their rows kept; values.csv's numbers shown for reference."""
    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "rules", tmp_path / "rules")
    shutil.copytree(root / "datasets" / "2021-12-31", tmp_path / "datasets" / "2021-12-31")
    code, out, err = jixiao(capsys, "new", "snapshot", "2022-12-31", "--rules", tmp_path / "rules",
                            "--datasets", tmp_path / "datasets")
    assert code == 0, err
    assert "tasks.csv" in out and "390 行" in out
    snap = tmp_path / "datasets" / "2022-12-31"
    assert (snap / "funds.csv").read_bytes() == (root / "datasets" / "2021-12-31" / "funds.csv").read_bytes()
    rows = value_rows(snap / "values.xlsx")
    assert rows["S201"][2]["上期实际值"].value == 18
    assert rows["S708"][2]["上期实际值"].value == 71.3  # computed by its formula then, rounded for reading
    found = evaluate(capsys, tmp_path, "2022-12-31")
    assert found["S708"]["actual"] == pytest.approx(5666 / 7947 * 100)  # computed from the carried ledger
    assert found["S201"]["status"] == "missing"


# --- jixiao init: period, snapshot date, funds --------------------------------------------

def test_init_period_start_and_snapshot_date_are_separate(capsys, tmp_path):
    code, out, err = jixiao(capsys, "init", tmp_path / "mid", "--start", 2019, "--snapshot", "2021-12-31")
    assert code == 0, err
    assert "--snapshot 2021-12-31" in out
    rules = load_rules(tmp_path / "mid" / "rules")
    assert (rules.settings.period_start, rules.settings.period_end) == ("2019-01-01", "2023-12-31")
    assert sorted(p.name for p in (tmp_path / "mid" / "datasets").iterdir()) == ["2021-12-31"]
    code, out, err = jixiao(capsys, "validate", "--rules", tmp_path / "mid" / "rules",
                            "--datasets", tmp_path / "mid" / "datasets")
    assert code == 0 and out.startswith("共 0 个错误，0 个警告"), out + err
    code, _, err = jixiao(capsys, "init", tmp_path / "bad", "--start", 2019, "--snapshot", "2025-12-31")
    assert code == 2 and "不在建设期" in err and not (tmp_path / "bad").exists()
    code, _, err = jixiao(capsys, "init", tmp_path / "bad", "--snapshot", "1999-12-31")
    assert code == 2 and "--start" in err and not (tmp_path / "bad").exists()
    code, _, err = jixiao(capsys, "init", tmp_path / "bad", "--snapshot", "2021-13-01")
    assert code == 2 and "不是日期" in err


@pytest.mark.parametrize("base, word", [("budget", "预算"), ("到位", "到位")])
def test_init_funds_ledger_rates_and_report_sentence(capsys, tmp_path, base, word):
    root = tmp_path / "ws"
    code, _, err = jixiao(capsys, "init", root, "--year", START, "--execution-base", base)
    assert code == 0, err
    funds_rule = (root / "rules" / "funds.yaml").read_text(encoding="utf-8")
    assert f'percent(sum("funds", "执行"), sum("funds", "{word}"))' in funds_rule
    tables = yaml.safe_load((root / "rules" / "tables.yaml").read_text(encoding="utf-8"))["tables"]
    by_source = next(tb for tb in tables if tb["id"] == "funds_by_source")
    exec_rate = next(c for c in by_source["columns"] if c["id"] == "exec_rate")
    assert exec_rate["ratio"] == ["spent", "budget" if word == "预算" else "arrived"]
    snap = root / "datasets" / FIRST
    assert [c.value for c in load_workbook(snap / "funds.xlsx").active[1]] == ["年度", "资金来源", "预算", "到位", "执行"]
    assert [c.value for c in load_workbook(snap / "budget.xlsx").active[1]] == ["年度", "建设任务", "预算", "执行"]
    fill_ledger(snap / "funds.xlsx", [[START, "中央财政", 400, 200, 100], [START, "学校自筹", 100, 100, 50]])
    fill_ledger(snap / "budget.xlsx", [[START, "提升学校治理水平", 500, 150]])
    found = evaluate(capsys, root, FIRST)
    assert found["S_FUNDS_ARRIVAL"]["actual"] == 60
    assert found["S_BUDGET_EXEC"]["actual"] == (30 if word == "预算" else 50)
    code, out, err = jixiao(capsys, "report", "--rules", root / "rules", "--datasets", root / "datasets",
                            "--snapshot", FIRST, "--format", "markdown")
    assert code == 0, err
    assert "项目预算总投入 500 万元" in out and "到位率 60%" in out and "本节从略" not in out.split("预算执行")[-1]
    said = "预算执行率 30%" if word == "预算" else "资金执行率（执行 ÷ 到位资金）50%"
    assert said in out and ("预算执行率" not in out.split("实际执行资金总额")[-1].split("。")[0]) == (word == "到位")


# --- jixiao new indicator in Chinese -------------------------------------------------------

def test_the_wizard_accepts_chinese_and_shows_it(ws):
    path = ws / "rules" / "quantity.yaml"
    answers = "\n".join(["S_ZH", "中文指标", "专业群层面", "打造高水平专业群", "数量指标", "个", "越高越好",
                         f"{START}-12-31=3", ""]) + "\n"
    result = CliRunner().invoke(cli, ["new", "indicator", "--file", str(path)], input=answers)
    assert result.exit_code == 0, result.output
    assert "学校层面（school）" in result.output and "[数量指标]" in result.output and "越高越好" in result.output
    answers = "\n".join(["S_ZH2", "简写", "学校", "", "效益", "社会", "%", "越低越好", f"{START}-12-31=3", ""]) + "\n"
    result = CliRunner().invoke(cli, ["new", "indicator", "--file", str(path)], input=answers)
    assert result.exit_code == 0, result.output
    rules = load_rules(ws / "rules").by_id()
    assert (rules["S_ZH"].level, rules["S_ZH"].type, rules["S_ZH"].direction) == ("group", "quantity", "higher")
    assert (rules["S_ZH2"].level, rules["S_ZH2"].type, rules["S_ZH2"].subtype, rules["S_ZH2"].direction) == (
        "school", "benefit", "social", "lower")
    text = path.read_text(encoding="utf-8")
    assert "level: group" in text and "direction: lower" in text  # the file holds the codes


def test_several_units_get_a_row_each_and_english_words(capsys, tmp_path):
    from helpers import write_workspace
    root = write_workspace(tmp_path, {"school.yaml": """\
        level: school
        task: 建设
        indicators:
          - {id: S1, name: 一, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 1, 2022-12-31: 2}, final: true}
        """}, {"2021-12-31": {
        "manifest.yaml": """\
            snapshot: 2021-12-31
            units: {a: 甲校, b: 乙校}
            values: values.csv
            ledgers: {awards: awards.csv}
            """,
        "values.csv": "指标编号,单位,实际值\nS1,a,1\nS1,b,3\n",
        "awards.csv": "单位,名称\na,奖一\n"}})
    code, out, err = jixiao(capsys, "new", "snapshot", "2022-12-31", "--rules", root / "rules",
                            "--datasets", root / "datasets", "--lang", "en")
    assert code == 0, err
    assert out.startswith("Created the snapshot") and "1 rows carried from 2021-12-31" in out
    path = root / "datasets" / "2022-12-31" / "values.xlsx"
    ws = load_workbook(path)["学校层面"]
    assert [c.value for c in ws[1]][:3] == ["指标编号", "单位", "指标名称"]
    rows = [(r[0], r[1], r[-1]) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert rows == [("S1", "a", 1), ("S1", "b", 3)]
    ws["E2"], ws["E3"] = 2, 1
    ws.parent.save(path)
    code, out, err = jixiao(capsys, "evaluate", "--rules", root / "rules", "--datasets", root / "datasets",
                            "--snapshot", "2022-12-31", "--format", "json")
    units = {(i["unit"], i["status"]) for i in json.loads(out)["indicators"]}
    assert code == 0 and units == {("a", "achieved"), ("b", "not_achieved")}  # 2022-12-31 is the final target
    code, out, err = jixiao(capsys, "template", "2022-12-31", "--rules", root / "rules", "--datasets", root / "datasets")
    assert code == 0, err
    ws = load_workbook(path)["学校层面"]
    assert [(r[0], r[1], r[4]) for r in ws.iter_rows(min_row=2, values_only=True)] == [("S1", "a", 2), ("S1", "b", 1)]


def test_template_of_a_one_sheet_table_reads_every_sheet_afterwards(capsys, tmp_path):
    """A manifest naming values.xlsx alone (its first sheet) is pointed at every sheet of the rebuilt table."""
    from openpyxl import Workbook
    from helpers import write_workspace
    root = write_workspace(tmp_path, {"school.yaml": """\
        level: school
        task: 建设
        indicators:
          - {id: S1, name: 一, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 1}}
          - {id: G1, name: 二, level: group, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 1}}
        """}, {"2021-12-31": {"manifest.yaml": "snapshot: 2021-12-31\nvalues: values.xlsx  # 数值表\n"}})
    book = Workbook()
    book.active.append(["指标编号", "实际值", "说明", "负责人"])
    book.active.append(["G1", 4, "手填", "张三"])
    book.active.append(["S1", 2, None, None])
    book.save(root / "datasets" / "2021-12-31" / "values.xlsx")
    code, out, err = jixiao(capsys, "template", "2021-12-31", "--rules", root / "rules", "--datasets", root / "datasets")
    assert code == 0, err
    assert "模板中没有的列 负责人 未带入" in out
    manifest = yaml.safe_load((root / "datasets" / "2021-12-31" / "manifest.yaml").read_text(encoding="utf-8"))
    assert manifest["values"] == {"file": "values.xlsx", "sheet": "*"}
    found = evaluate(capsys, root, "2021-12-31")
    assert (found["S1"]["actual"], found["G1"]["actual"]) == (2, 4)
    assert value_rows(root / "datasets" / "2021-12-31" / "values.xlsx")["G1"][2]["说明"].value == "手填"
