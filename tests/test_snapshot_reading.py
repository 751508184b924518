"""Reading a dated snapshot: value tables in any encoding or as XLSX, cells read the way their
indicator needs, ledgers typed per column, and every bad cell located by file, row and column."""
from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from helpers import by_id, summary_of, write_workspace
from engine.core.problems import InputError
from engine.load.rules import load_rules
from engine.core.values import NOT_DONE
from engine.load.snapshot import load_snapshot

DATE = "2021-12-31"

RULES = {"school.yaml": """\
level: school
task: 建设任务
indicators:
  - id: S_NUM
    name: 数量指标
    type: quantity
    unit: 项
    direction: higher
    targets: {2021-12-31: 1000, 2023-12-31: 2000}
  - id: S_PCT
    name: 比例指标
    type: quality
    unit: "%"
    direction: higher
    targets: {2021-12-31: 95, 2023-12-31: 96}
  - id: S_DL
    name: 期限指标
    type: timeliness
    unit: 日期
    direction: deadline
    deadline: 2021-06-30
  - id: S_GR
    name: 等级指标
    type: benefit
    subtype: social
    unit: 等级
    direction: grade
    scale: [优, 良, 合格, 不合格]
    targets: {2021-12-31: 良, 2023-12-31: 优}
"""}

ZH_TABLE = """\
指标编号,实际值,原因代码,说明,完成可能性
S_NUM,"1,200",pandemic,线下活动受限,有可能
S_PCT,98.42%,,,
S_DL,2021-05-01,,,
S_GR,良,policy;pandemic,,确定能
"""
EN_TABLE = """\
indicator,unit,actual,causes,note,likelihood
S_NUM,kmvtc,"1,200",pandemic,线下活动受限,possible
S_PCT,kmvtc,98.42%,,,
S_DL,kmvtc,2021-05-01,,,
S_GR,kmvtc,良,"policy, pandemic",,certain
"""


def snapshot_of(tmp_path: Path, tables: dict, rules: dict = RULES, date: str = DATE):
    write_workspace(tmp_path, rules, {DATE: tables})
    return load_snapshot(tmp_path / "datasets", date, load_rules(tmp_path / "rules"))


def problems_of(tmp_path: Path, tables: dict, rules: dict = RULES, date: str = DATE):
    with pytest.raises(InputError) as info:
        snapshot_of(tmp_path, tables, rules, date)
    return info.value.problems


def only(problems, code):
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [(p.code, p.line, p.col, p.path) for p in problems]
    return found[0]


def rows(snap) -> dict:
    """indicator -> (actual, causes, note, likelihood), plain Python values."""
    out = {}
    for _, r in snap.values.iterrows():
        actual = r["actual"]
        if isinstance(actual, pd.Timestamp):
            actual = actual.date()
        elif not isinstance(actual, str):
            actual = None if pd.isna(actual) else float(actual)
        note = r["note"] if isinstance(r["note"], str) else None
        likelihood = r["likelihood"] if isinstance(r["likelihood"], str) else None
        out[r["indicator"]] = (actual, tuple(r["causes"]), note, likelihood)
    return out


EXPECTED = {
    "S_NUM": (1200.0, ("pandemic",), "线下活动受限", "有可能"),
    "S_PCT": (98.42, (), None, None),
    "S_DL": (dt.date(2021, 5, 1), (), None, None),
    "S_GR": ("良", ("policy", "pandemic"), None, "确定能"),
}


def xlsx(table: list[list], formats: dict | None = None, sheet: str | None = None) -> bytes:
    book = Workbook()
    ws = book.active
    if sheet:
        ws.title = sheet
    for row in table:
        ws.append(row)
    for cell, fmt in (formats or {}).items():
        ws[cell].number_format = fmt
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# --- encodings ------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
@pytest.mark.parametrize("table", [ZH_TABLE, EN_TABLE], ids=["chinese-headers", "english-headers"])
def test_value_table_reads_the_same_in_every_encoding(tmp_path, encoding, table):
    raw = table.encode(encoding)
    if encoding == "utf-16":
        assert raw[:2] in (b"\xff\xfe", b"\xfe\xff")
    snap = snapshot_of(tmp_path, {"values.csv": raw})
    assert rows(snap) == EXPECTED
    assert snap.values["__row"].tolist() == [2, 3, 4, 5]
    assert set(snap.values["unit"]) == {"kmvtc" if table is EN_TABLE else "default"}


def test_windows_line_endings_and_blank_lines_keep_spreadsheet_rows(tmp_path):
    raw = ZH_TABLE.replace("\n", "\r\n").replace("S_DL", "\r\nS_DL").encode("gb18030")
    snap = snapshot_of(tmp_path, {"values.csv": raw})
    assert rows(snap) == EXPECTED
    assert snap.values.set_index("indicator")["__row"].to_dict() == {"S_NUM": 2, "S_PCT": 3, "S_DL": 5, "S_GR": 6}


def test_undecodable_bytes_are_an_encoding_problem(tmp_path):
    raw = "指标编号,实际值\n".encode("utf-8") + b"S_NUM,\x00\xff\xfe\x00\n"
    p = only(problems_of(tmp_path, {"values.csv": raw}), "table.encoding")
    assert Path(p.file).name == "values.csv"


# --- XLSX -----------------------------------------------------------------------------------

def test_xlsx_value_table_reads_the_same(tmp_path):
    book = xlsx([
        ["指标编号", "实际值", "原因代码", "说明", "完成可能性"],
        ["S_NUM", 1200, "pandemic", "线下活动受限", "有可能"],
        ["S_PCT", 0.9842, None, None, None],
        ["S_DL", dt.datetime(2021, 5, 1), None, None, None],
        ["S_GR", "良", "policy；pandemic", None, "确定能"],
    ], {"B3": "0.00%"})
    snap = snapshot_of(tmp_path, {"values.xlsx": book})
    assert rows(snap) == EXPECTED
    assert snap.values["__row"].tolist() == [2, 3, 4, 5]


def test_xlsx_percent_integer_and_float_cells(tmp_path):
    book = xlsx([["indicator", "unit", "actual"],
                 ["S_NUM", "a", 3], ["S_NUM", "b", 2.5], ["S_PCT", "a", 0.5], ["S_PCT", "b", 1]],
                {"C4": "0%", "C5": "0.0%"})
    snap = snapshot_of(tmp_path, {"values.xlsx": book})
    got = {(r["indicator"], r["unit"]): r["actual"] for _, r in snap.values.iterrows()}
    assert got == {("S_NUM", "a"): 3.0, ("S_NUM", "b"): 2.5, ("S_PCT", "a"): 50.0, ("S_PCT", "b"): 100.0}


def test_xlsx_percent_cell_keeps_its_precision(tmp_path):
    book = xlsx([["指标编号", "实际值"], ["S_PCT", 0.98765432]], {"B2": "0.000%"})
    snap = snapshot_of(tmp_path, {"values.xlsx": book})
    assert snap.values["actual"].iloc[0] == pytest.approx(98.765432, abs=1e-9)


def test_xlsx_named_sheet_from_manifest(tmp_path):
    book = xlsx([["指标编号", "实际值"], ["S_NUM", 7]], sheet="学校层面")
    manifest = f"snapshot: {DATE}\nvalues: {{file: v.xlsx, sheet: 学校层面}}\nledgers: {{}}\n"
    snap = snapshot_of(tmp_path, {"v.xlsx": book, "manifest.yaml": manifest})
    assert rows(snap)["S_NUM"][0] == 7.0
    manifest = f"snapshot: {DATE}\nvalues: {{file: v.xlsx, sheet: 专业群}}\n"
    p = only(problems_of(tmp_path, {"v.xlsx": book, "manifest.yaml": manifest}), "table.parse")
    assert "专业群" in p.params["detail"]["zh"] and "学校层面" in p.params["detail"]["zh"]


def test_xlsx_formatted_empty_cells_beside_the_table_are_ignored(tmp_path):
    book = xlsx([["指标编号", "实际值"], ["S_NUM", 5]], {"D2": "0.00%"})
    snap = snapshot_of(tmp_path, {"values.xlsx": book})
    assert rows(snap)["S_NUM"][0] == 5.0


def test_xlsx_bad_cell_is_located_by_spreadsheet_row_and_column(tmp_path):
    book = xlsx([["序号", "指标编号", "实际值"], [1, "S_NUM", 5], [2, "S_PCT", "很高"]])
    p = only(problems_of(tmp_path, {"values.xlsx": book}), "table.bad_number")
    assert (Path(p.file).name, p.line, p.col, p.path) == ("values.xlsx", 3, 3, "actual")


def test_xlsx_ledger(tmp_path):
    rules = {"school.yaml": RULES["school.yaml"] + """\
  - id: S_FUNDS
    name: 支出
    type: cost
    unit: 万元
    direction: lower
    actual: sum("budget", "金额", where="日期 <= snapshot")
    targets: {2021-12-31: 100}
  - id: S_ITEMS
    name: 成果数
    type: quantity
    unit: 项
    direction: higher
    actual: count("budget", where="日期 <= snapshot", 类别=["甲", "乙"])
    targets: {2021-12-31: 2}
"""}
    ledger = xlsx([["日期", "类别", "金额"],
                   [dt.date(2021, 3, 1), "甲", 10],
                   [dt.datetime(2021, 12, 31, 15, 30), "乙", 20.5],
                   [dt.date(2022, 1, 1), "甲", 1000],
                   [dt.date(2021, 6, 1), "丙", 1]])
    tables = {"values.csv": "指标编号,实际值\nS_NUM,1\n", "budget.xlsx": ledger}
    write_workspace(tmp_path, rules, {DATE: tables})
    snap = load_snapshot(tmp_path / "datasets", DATE, load_rules(tmp_path / "rules"))
    frame = snap.ledgers["budget"].frame
    assert pd.api.types.is_datetime64_any_dtype(frame["日期"])
    assert pd.api.types.is_float_dtype(frame["金额"])
    assert frame["金额"].tolist() == [10.0, 20.5, 1000.0, 1.0]
    got = by_id(summary_of(tmp_path))
    assert got["S_FUNDS"]["actual"] == 31.5 and got["S_FUNDS"]["status"] == "exceeded"
    assert got["S_ITEMS"]["actual"] == 2 and got["S_ITEMS"]["status"] == "achieved"


# --- cells as people type them --------------------------------------------------------------

def test_numbers_as_people_type_them(tmp_path):
    table = ("indicator,unit,actual\n"
             "S_NUM,a,\"1,200\"\nS_NUM,b,１２３\nS_NUM,c, 7 \nS_NUM,d,\n"
             "S_PCT,a,98.42%\nS_PCT,b,９８.５％\nS_PCT,c,-1.5\nS_PCT,d,\" \"\n")
    snap = snapshot_of(tmp_path, {"values.csv": table})
    got = {(r["indicator"], r["unit"]): r["actual"] for _, r in snap.values.iterrows()}
    assert {k: v for k, v in got.items() if not pd.isna(v)} == {
        ("S_NUM", "a"): 1200.0, ("S_NUM", "b"): 123.0, ("S_NUM", "c"): 7.0,
        ("S_PCT", "a"): 98.42, ("S_PCT", "b"): 98.5, ("S_PCT", "c"): -1.5}
    assert pd.isna(got[("S_NUM", "d")]) and pd.isna(got[("S_PCT", "d")])


def test_blank_is_missing_never_zero(tmp_path):
    table = "指标编号,单位,实际值\nS_NUM,a,\nS_NUM,b,0\nS_PCT,a,98.42%\nS_PCT,b,\n"
    write_workspace(tmp_path, RULES, {DATE: {"values.csv": table}})
    a, b = by_id(summary_of(tmp_path), "a"), by_id(summary_of(tmp_path), "b")
    assert a["S_NUM"]["status"] == "missing" and a["S_NUM"]["actual"] is None
    assert a["S_NUM"]["completion"] is None
    assert b["S_NUM"]["status"] == "in_progress" and b["S_NUM"]["actual"] == 0
    assert a["S_PCT"]["status"] == "exceeded" and a["S_PCT"]["actual"] == 98.42
    assert b["S_PCT"]["status"] == "missing"
    assert a["S_NUM"]["cause_note"].startswith("未填报实际值")
    # an indicator with no row at all is missing too
    assert a["S_GR"]["status"] == "missing"


def test_value_table_whose_number_cells_are_all_blank(tmp_path):
    table = "指标编号,实际值,说明\nS_NUM,,尚未统计\nS_GR,良,\n"
    write_workspace(tmp_path, RULES, {DATE: {"values.csv": table}})
    assert by_id(summary_of(tmp_path))["S_NUM"]["status"] == "missing"


def test_value_table_whose_date_cells_are_all_blank(tmp_path):
    table = "指标编号,实际值,说明\nS_NUM,5,\nS_DL,,进行中\n"
    write_workspace(tmp_path, RULES, {DATE: {"values.csv": table}})
    assert by_id(summary_of(tmp_path))["S_DL"]["status"] == "missing"


@pytest.mark.parametrize("cell, expected", [
    ("2021-05-01", pd.Timestamp("2021-05-01")),
    ("2021/5/1", pd.Timestamp("2021-05-01")),
    ("2021年5月1日", pd.Timestamp("2021-05-01")),
    ("２０２１-０５-０１", pd.Timestamp("2021-05-01")),
    ("未完成", NOT_DONE),
])
def test_deadline_cells(tmp_path, cell, expected):
    snap = snapshot_of(tmp_path, {"values.csv": f"指标编号,实际值\nS_NUM,1\nS_DL,{cell}\n"})
    assert snap.values.set_index("indicator").loc["S_DL", "actual"] == expected


def test_not_done_deadline_is_not_achieved_after_its_date(tmp_path):
    write_workspace(tmp_path, RULES, {DATE: {"values.csv": "指标编号,实际值\nS_NUM,1\nS_DL,未完成\n"}})
    got = by_id(summary_of(tmp_path))["S_DL"]
    assert got["status"] == "not_achieved" and got["actual"] == "not_done"


# --- bad cells: file, row, column -----------------------------------------------------------

def test_text_in_a_number_indicator(tmp_path):
    table = "指标编号,指标名称,实际值\nS_PCT,比例,96\nS_NUM,数量,abc\n"
    p = only(problems_of(tmp_path, {"values.csv": table}), "table.bad_number")
    assert (Path(p.file).name, p.line, p.col, p.path) == ("values.csv", 3, 3, "actual")
    assert p.params == {"value": "abc", "id": "S_NUM"}
    assert p.message("zh") == "abc 不是数字（指标 S_NUM 需要数字）"
    assert p.message("en") == "abc is not a number (indicator S_NUM needs one)"
    assert p.location().endswith("values.csv:3:3")


@pytest.mark.parametrize("cell", ["-", "NaN", "inf", "1e400", "12个", "1.2.3"])
def test_other_non_numbers_are_refused_not_guessed(tmp_path, cell):
    p = only(problems_of(tmp_path, {"values.csv": f"指标编号,实际值\nS_NUM,{cell}\n"}), "table.bad_number")
    assert (p.line, p.col, p.params["value"]) == (2, 2, cell)


def test_bad_date_for_deadline_indicator(tmp_path):
    p = only(problems_of(tmp_path, {"values.csv": "指标编号,实际值\nS_NUM,1\nS_DL,2021-13-45\n"}), "table.bad_date")
    assert (p.line, p.col, p.params) == (3, 2, {"value": "2021-13-45", "id": "S_DL"})
    assert p.message("zh") == "2021-13-45 不是日期（指标 S_DL 需要完成日期）"


def test_grade_not_in_scale(tmp_path):
    p = only(problems_of(tmp_path, {"values.csv": "指标编号,实际值\nS_NUM,1\nS_GR,特优\n"}), "table.bad_grade")
    assert (p.line, p.col) == (3, 2)
    assert p.params == {"value": "特优", "id": "S_GR", "allowed": ["优", "良", "合格", "不合格"]}
    assert p.fix("zh") == "可用：优、良、合格、不合格"


def test_unknown_indicator_id_with_near_suggestion(tmp_path):
    p = only(problems_of(tmp_path, {"values.csv": "指标编号,实际值\nS_NUM,1\nS_NUMM,2\n"}), "table.unknown_indicator")
    assert (p.line, p.col, p.path) == (3, 1, "indicator")
    assert p.params == {"id": "S_NUMM", "near": "S_NUM"}
    assert p.fix("zh").startswith("是不是 S_NUM？")
    assert p.fix("en").startswith("did you mean S_NUM?")


def test_full_width_indicator_id_is_normalised(tmp_path):
    snap = snapshot_of(tmp_path, {"values.csv": "指标编号,实际值\nＳ＿ＮＵＭ,1\n"})
    assert snap.values["indicator"].tolist() == ["S_NUM"]


def test_duplicated_row_for_the_same_indicator_and_unit(tmp_path):
    table = "指标编号,单位,实际值\nS_NUM,a,1\nS_NUM,b,2\nS_PCT,a,3\nS_NUM,a,4\n"
    p = only(problems_of(tmp_path, {"values.csv": table}), "table.duplicate_row")
    assert (p.line, p.col) == (5, 1)
    assert p.params == {"id": "S_NUM", "unit": "a", "other": 2}


def test_missing_required_columns(tmp_path):
    problems = problems_of(tmp_path, {"values.csv": "指标名称,数值\n数量指标,1\n"})
    assert sorted((p.code, p.line, p.path) for p in problems) == [
        ("table.missing_column", 1, "actual"), ("table.missing_column", 1, "indicator")]
    actual = next(p for p in problems if p.path == "actual")
    assert actual.message("zh") == "缺少列 实际值（actual）"


def test_unknown_cause_code(tmp_path):
    table = "指标编号,实际值,原因代码\nS_NUM,1,pandemic；pandemix\n"
    p = only(problems_of(tmp_path, {"values.csv": table}), "table.unknown_cause")
    assert (p.line, p.col, p.path) == (2, 3, "causes")
    assert p.params["value"] == "pandemix" and p.params["near"] == "pandemic"


@pytest.mark.parametrize("cell, canonical", [("确定能", "确定能"), ("Certain", "确定能"), ("有可能", "有可能"),
                                             ("possible", "有可能"), ("完全不可能", "完全不可能"), ("impossible", "完全不可能")])
def test_likelihood_spellings(tmp_path, cell, canonical):
    snap = snapshot_of(tmp_path, {"values.csv": f"指标编号,实际值,完成可能性\nS_NUM,1,{cell}\n"})
    assert snap.values["likelihood"].tolist() == [canonical]


@pytest.mark.parametrize("cell", ["能", "可能", "不可能", "maybe", "yes", "no"])
def test_likelihood_short_words_are_refused_not_guessed(tmp_path, cell):
    """能 could be 确定能 or 有可能 (issue 13): the three words, or their English, and nothing else."""
    p = only(problems_of(tmp_path, {"values.csv": f"指标编号,实际值,完成可能性\nS_NUM,1,{cell}\n"}),
             "table.bad_likelihood")
    assert (p.line, p.col) == (2, 3)


def test_unrecognised_likelihood(tmp_path):
    p = only(problems_of(tmp_path, {"values.csv": "指标编号,实际值,完成可能性\nS_NUM,1,大概吧\n"}),
             "table.bad_likelihood")
    assert (p.line, p.col, p.path, p.params) == (2, 3, "likelihood", {"value": "大概吧"})


def test_blank_indicator_id(tmp_path):
    p = only(problems_of(tmp_path, {"values.csv": "指标编号,实际值\nS_NUM,1\n,5\n"}), "table.blank_id")
    assert (p.line, p.col) == (3, 1)


def test_several_problems_reported_at_once(tmp_path):
    table = ("指标编号,实际值,原因代码,完成可能性\n"
             "S_NUM,abc,,\n"            # 2: bad number
             "S_PCT,12,pandemix,\n"     # 3: unknown cause
             "S_DL,2021-13-45,,也许\n"  # 4: bad date, bad likelihood
             "S_GR,特优,,\n"            # 5: bad grade
             "S_NUMM,1,,\n"             # 6: unknown indicator
             "S_PCT,3,,\n")             # 7: duplicate row
    problems = problems_of(tmp_path, {"values.csv": table})
    assert sorted((p.line, p.col, p.code) for p in problems) == [
        (2, 2, "table.bad_number"), (3, 3, "table.unknown_cause"), (4, 2, "table.bad_date"),
        (4, 4, "table.bad_likelihood"), (5, 2, "table.bad_grade"), (6, 1, "table.unknown_indicator"),
        (7, 1, "table.duplicate_row")]


def test_problems_of_values_and_ledgers_are_reported_together(tmp_path):
    manifest = f"snapshot: {DATE}\nunits: {{a: 甲, b: 乙}}\nledgers: {{led: led.csv, gone: gone.csv}}\n"
    problems = problems_of(tmp_path, {"manifest.yaml": manifest, "values.csv": "指标编号,单位,实际值\nS_NUM,a,x\n",
                                      "led.csv": "日期,金额\n2021-01-01,1\n"})
    assert sorted((Path(p.file).name, p.code) for p in problems) == [
        ("led.csv", "table.no_unit_column"), ("manifest.yaml", "snapshot.file_missing"),
        ("values.csv", "table.bad_number")]
    missing = next(p for p in problems if p.code == "snapshot.file_missing")
    assert (missing.line, missing.path, missing.params["value"]) == (3, "ledgers.gone", "gone.csv")
    assert "led.csv" in missing.fix("zh")


def test_unknown_columns_are_warnings_not_errors(tmp_path):
    snap = snapshot_of(tmp_path, {"values.csv": "指标编号,实际值,备忘\nS_NUM,1,x\n"})
    [w] = snap.warnings
    assert (w.code, w.level, w.line, w.col, w.path) == ("table.extra_column", "warning", 1, 3, "备忘")


def test_duplicate_column_in_csv(tmp_path):
    problems = problems_of(tmp_path, {"values.csv": "指标编号,实际值,实际值\nS_NUM,1,2\n"})
    assert only(problems, "table.duplicate_column").col == 3


def test_duplicate_column_in_xlsx(tmp_path):
    book = xlsx([["指标编号", "实际值", "实际值"], ["S_NUM", 1, 2]])
    p = only(problems_of(tmp_path, {"values.xlsx": book}), "table.duplicate_column")
    assert (p.line, p.col, p.path) == (1, 3, "实际值")


def test_empty_header(tmp_path):
    p = only(problems_of(tmp_path, {"values.csv": "指标编号,,实际值\nS_NUM,x,1\n"}), "table.empty_header")
    assert (p.line, p.col, p.params) == (1, 2, {"col": 2})


# --- the snapshot folder and its manifest ----------------------------------------------------

def test_snapshot_folder_missing_lists_available_snapshots(tmp_path):
    write_workspace(tmp_path, RULES, {"2020-12-31": {"values.csv": "指标编号,实际值\n"},
                                      DATE: {"values.csv": "指标编号,实际值\n"}})
    (tmp_path / "datasets" / "notes.txt").write_text("not a snapshot", encoding="utf-8")
    rules = load_rules(tmp_path / "rules")
    with pytest.raises(InputError) as info:
        load_snapshot(tmp_path / "datasets", "2021-06-30", rules)
    [p] = info.value.problems
    assert p.code == "snapshot.missing"
    assert p.params["available"] == ["2020-12-31", "2021-12-31"]
    assert p.fix("zh") == "已有的快照：2020-12-31、2021-12-31"
    assert Path(p.params["dir"]).name == "2021-06-30"


def test_datasets_folder_missing(tmp_path):
    write_workspace(tmp_path, RULES, {})
    with pytest.raises(InputError) as info:
        load_snapshot(tmp_path / "datasets", DATE, load_rules(tmp_path / "rules"))
    [p] = info.value.problems
    assert p.code == "snapshot.missing" and p.params["available"] == [] and "（无）" in p.fix("zh")


@pytest.mark.parametrize("date", ["2021-02-30", "20211231", "2021-12-31 ", "../2021-12-31", "", "2021-1-31"])
def test_bad_snapshot_date(tmp_path, date):
    write_workspace(tmp_path, RULES, {DATE: {"values.csv": "指标编号,实际值\n"}})
    with pytest.raises(InputError) as info:
        load_snapshot(tmp_path / "datasets", date, load_rules(tmp_path / "rules"))
    [p] = info.value.problems
    assert (p.code, p.params["value"]) == ("snapshot.bad_date", date)


def test_manifest_date_differs_from_folder_name(tmp_path):
    manifest = "# 快照清单\nsnapshot: 2021-12-30\n"
    p = only(problems_of(tmp_path, {"manifest.yaml": manifest, "values.csv": "指标编号,实际值\n"}),
             "snapshot.date_mismatch")
    assert (Path(p.file).name, p.line, p.col, p.path) == ("manifest.yaml", 2, 11, "snapshot")
    assert p.params == {"value": "2021-12-30", "folder": DATE}
    assert p.message("zh") == "清单中的日期 2021-12-30 与文件夹名 2021-12-31 不一致"
    assert p.fix("zh") == "改成 2021-12-31"


def test_manifest_schema_problem(tmp_path):
    manifest = f"snapshot: {DATE}\nvalue: values.csv\n"
    p = only(problems_of(tmp_path, {"manifest.yaml": manifest, "values.csv": "指标编号,实际值\n"}),
             "schema.unknown_key")
    assert (p.line, p.params["near"]) == (2, "values")


def test_no_value_table(tmp_path):
    p = only(problems_of(tmp_path, {"budget.csv": "a\n1\n"}), "snapshot.no_values")
    assert Path(p.file).name == DATE


def test_ledger_without_unit_column_when_there_are_several_units(tmp_path):
    tables = {"values.csv": "指标编号,单位,实际值\nS_NUM,a,1\nS_NUM,b,2\n", "budget.csv": "金额\n1\n"}
    p = only(problems_of(tmp_path, tables), "table.no_unit_column")
    assert (Path(p.file).name, p.line, p.params) == ("budget.csv", 1, {"ledger": "budget"})
    assert p.message("zh") == "台账 budget 没有单位列，但快照中有多个单位"


def test_ledger_without_unit_column_belongs_to_the_only_unit(tmp_path):
    manifest = f"snapshot: {DATE}\ndefault_unit: kmvtc\n"
    snap = snapshot_of(tmp_path, {"manifest.yaml": manifest, "values.csv": "指标编号,实际值\nS_NUM,1\n",
                                  "budget.csv": "金额\n1\n"})
    assert snap.units == ["kmvtc"]
    assert snap.ledgers["budget"].frame["__unit"].tolist() == ["kmvtc"]


# --- ledger column typing -------------------------------------------------------------------

LEDGER_RULES = {"school.yaml": """\
level: school
task: 建设任务
indicators:
  - id: L_COUNT
    name: 截至快照日的成果数
    type: quantity
    unit: 项
    direction: higher
    actual: count("achievements", where="日期 <= snapshot")
    targets: {2021-12-31: 2}
    final: true  # 2021-12-31 is the final target: no time left after it
  - id: L_SUM
    name: 截至快照日的金额
    type: cost
    unit: 万元
    direction: lower
    actual: sum("achievements", "金额", where="日期 <= snapshot")
    targets: {2021-12-31: 100}
    final: true  # 2021-12-31 is the final target: no time left after it
  - id: L_NATIONAL
    name: 国家级
    type: quantity
    unit: 项
    direction: higher
    actual: count("achievements", 级别="国家级", where="year(日期) == 2021")
    targets: {2021-12-31: 1}
"""}
LEDGER = """\
日期,单位,级别,金额,编号
2021-03-01,001,国家级,"1,000",007
2021/12/31,001,省级,5.5,008
2022-01-01,001,国家级,7,009
2020-06-30,002,省级,,010
2021年7月1日,002,国家级,3,011
"""


def test_ledger_columns_are_typed(tmp_path):
    manifest = f"snapshot: {DATE}\nunits: {{'001': 甲校, '002': 乙校, '003': 丙校}}\n"
    snap = snapshot_of(tmp_path, {"manifest.yaml": manifest, "values.csv": "指标编号,单位,实际值\n",
                                  "achievements.csv": LEDGER}, LEDGER_RULES)
    frame = snap.ledgers["achievements"].frame
    assert pd.api.types.is_datetime64_any_dtype(frame["日期"])
    assert frame["日期"].dt.strftime("%Y-%m-%d").tolist() == [
        "2021-03-01", "2021-12-31", "2022-01-01", "2020-06-30", "2021-07-01"]
    assert pd.api.types.is_float_dtype(frame["金额"])
    assert frame["金额"].tolist()[:3] == [1000.0, 5.5, 7.0] and math.isnan(frame["金额"].iloc[3])
    assert frame["级别"].tolist() == ["国家级", "省级", "国家级", "省级", "国家级"]
    assert frame["单位"].tolist() == ["001", "001", "001", "002", "002"]  # unit ids stay text
    assert frame["__unit"].tolist() == ["001", "001", "001", "002", "002"]
    assert snap.units == ["001", "002", "003"]
    assert frame["__row"].tolist() == [2, 3, 4, 5, 6]


def test_ledger_formulas_per_unit_with_dates(tmp_path):
    manifest = f"snapshot: {DATE}\nunits: {{'001': 甲校, '002': 乙校, '003': 丙校}}\n"
    write_workspace(tmp_path, LEDGER_RULES, {DATE: {"manifest.yaml": manifest, "values.csv": "指标编号,单位,实际值\n",
                                                    "achievements.csv": LEDGER}})
    summary = summary_of(tmp_path)
    one, two, three = (by_id(summary, u) for u in ("001", "002", "003"))
    assert (one["L_COUNT"]["actual"], two["L_COUNT"]["actual"], three["L_COUNT"]["actual"]) == (2, 2, 0)
    assert (one["L_SUM"]["actual"], two["L_SUM"]["actual"], three["L_SUM"]["actual"]) == (1005.5, 3, 0)
    assert (one["L_NATIONAL"]["actual"], two["L_NATIONAL"]["actual"]) == (1, 1)
    # 2021-12-31 is the final target date: no time left
    assert one["L_SUM"]["status"] == "not_achieved" and "overspend" in one["L_SUM"]["flags"]
    assert two["L_SUM"]["status"] == "exceeded"
    assert three["L_COUNT"]["status"] == "not_achieved" and three["L_SUM"]["status"] == "exceeded"
    assert summary.units == {"001": "甲校", "002": "乙校", "003": "丙校"}


def test_mixed_column_stays_text(tmp_path):
    ledger = "日期,说明,金额\n2021-03-01,2021-04-01,1\n待定,第二项,2\n"
    snap = snapshot_of(tmp_path, {"values.csv": "指标编号,实际值\nS_NUM,1\n", "budget.csv": ledger})
    frame = snap.ledgers["budget"].frame
    assert frame["日期"].tolist() == ["2021-03-01", "待定"]
    assert frame["说明"].tolist() == ["2021-04-01", "第二项"]
    assert frame["金额"].tolist() == [1.0, 2.0]


def test_ledgers_found_without_a_manifest(tmp_path):
    snap = snapshot_of(tmp_path, {"values.csv": "指标编号,实际值\nS_NUM,1\n", "budget.csv": "金额\n1\n",
                                  "成果.csv": "a\n1\n", "notes.txt": "x"})
    assert sorted(snap.ledgers) == ["budget", "成果"]


def test_a_unit_the_manifest_does_not_declare_is_refused_at_its_cell(tmp_path):
    """单位 is the college or group; 项 or % there is a measure typed in the wrong column."""
    table = "指标编号,单位,实际值\nS_NUM,kmvtc,7\nS_NUM,项,7\n"
    manifest = f"snapshot: {DATE}\nunits: {{kmvtc: 昆明工业职业技术学院}}\nvalues: values.csv\nledgers: {{}}\n"
    p = only(problems_of(tmp_path, {"values.csv": table, "manifest.yaml": manifest}), "table.unknown_unit")
    assert (p.line, p.col) == (3, 2) and p.params["unit"] == "项"
    assert "kmvtc" in p.fix("zh") and "计量单位" in p.fix("zh")


def test_an_id_in_the_wrong_case_is_suggested(tmp_path):
    p = only(problems_of(tmp_path, {"values.csv": "指标编号,实际值\ns_num,7\n"}), "table.unknown_indicator")
    assert p.params["near"] == "S_NUM"


def test_two_value_tables_are_refused_not_read_as_a_ledger(tmp_path):
    from openpyxl import Workbook
    folder = tmp_path / "datasets" / DATE
    folder.mkdir(parents=True)
    Workbook().save(folder / "values.xlsx")
    p = only(problems_of(tmp_path, {"values.csv": "指标编号,实际值\nS_NUM,7\n"}), "snapshot.duplicate_ledger")
    assert p.file.endswith("values.xlsx") and p.params["other"] == "values.csv"


@pytest.mark.parametrize("done", ["2022-05-01", "2921-05-01"])
def test_a_completion_date_after_the_snapshot_is_refused(tmp_path, done):
    p = only(problems_of(tmp_path, {"values.csv": f"指标编号,实际值\nS_DL,{done}\n"}), "table.date_after_snapshot")
    assert (p.line, p.col) == (2, 2) and p.params["value"] == done


def test_a_ledger_unit_the_manifest_does_not_declare_is_refused_at_its_cell(tmp_path):
    manifest = f"snapshot: {DATE}\nunits: {{u1: 甲, u2: 乙}}\nvalues: values.csv\nledgers: {{led: led.csv}}\n"
    problems = problems_of(tmp_path, {"values.csv": "指标编号,单位,实际值\nS_NUM,u1,7\n", "manifest.yaml": manifest,
                                      "led.csv": "单位,金额\nu1,1\nu3,2\n,3\n"})
    found = sorted((p.line, p.col, p.params["unit"]) for p in problems if p.code == "table.unknown_unit")
    assert found == [(3, 1, "u3"), (4, 1, {"zh": "（空白）", "en": "(blank)"})]


def test_a_measure_in_the_unit_column_is_refused(tmp_path):
    p = only(problems_of(tmp_path, {"values.csv": "指标编号,单位,实际值\nS_NUM,项,7\n"}), "table.unit_is_measure")
    assert (p.line, p.col) == (2, 2) and "计量单位" in p.message("zh")
