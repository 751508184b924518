"""The Excel workbook: sheets, frozen headers, filters, number formats, the Summary's values, and
byte-identical output for the same input."""
import datetime as dt
import io

import openpyxl
import pytest
from wcwidth import wcswidth

from helpers import ROOT, run_cli, summary_of, write_workspace
from engine.text.labels import STATUSES
from engine.core.output import write_atomic
from engine.core.problems import InputError
from engine.render import formats, xlsx, xlsx_cells
from engine.render.colours import STATUS_FILL

SHEETS = ["汇总", "全部指标", "异常清单", "建设任务", "标志性成果", "预算执行"]


@pytest.fixture(scope="module")
def mid():
    return summary_of(ROOT, "2021-12-31")


@pytest.fixture(scope="module")
def data(mid):
    return xlsx.render(mid)


@pytest.fixture(scope="module")
def wb(data):
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(ws, first=2):
    return list(ws.iter_rows(min_row=first))


def header(ws, row=1):
    return [c.value for c in ws[row] if c.value is not None]


def test_registered_and_returns_bytes(data):
    assert formats.renderer("summary", "xlsx") is xlsx.render
    assert formats.get("xlsx").binary and formats.for_output("summary", "绩效.XLSX") == "xlsx"
    assert isinstance(data, bytes) and data[:2] == b"PK"


def test_sheets_in_order(wb):
    assert wb.sheetnames == SHEETS


def test_headers_frozen_and_filtered(wb):
    assert wb["汇总"].freeze_panes == "A2"
    assert wb["全部指标"].freeze_panes == "D2"  # header, and unit / id / name while scrolling right
    assert wb["异常清单"].freeze_panes == "A2"
    for name in ("汇总", "全部指标", "异常清单"):
        ws = wb[name]
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"
    for name in ("建设任务", "标志性成果", "预算执行"):
        ws = wb[name]
        assert ws.freeze_panes == "A3"  # title row, header row
        assert ws.tables, name
        for table in ws.tables.values():  # each ledger table has its own filter buttons
            assert table.autoFilter is not None and table.autoFilter.ref == table.ref
            first = table.ref.split(":")[0]
            assert ws[first].font.b  # the range starts at the bold header row
    assert sorted(wb["预算执行"].tables) == ["tbl_funds_by_source_kmvtc", "tbl_funds_by_task_kmvtc"]


def test_rollups_equal_the_summary(wb, mid):
    ws = wb["汇总"]
    head = header(ws)
    assert head[:3] == ["单位", "层面", "分组"] and head[-1] == "完成率"
    body = rows(ws)
    assert len(body) == len(mid.rollups)
    for cells, r in zip(body, mid.rollups):
        values = [c.value for c in cells]
        assert values[7:15] == [r[k] for k in xlsx.COUNT_KEYS]
        rate = cells[15]
        assert rate.value == pytest.approx(r["rate"] / 100) and rate.number_format == "0.00%"
    school = body[0]
    assert [c.value for c in school[:3]] == ["昆明工业职业技术学院", "学校层面", "层面合计"]
    assert school[7].value == 87 and school[8].value == 78 and school[15].value == 0.8966  # stored exactly, shown 89.66%
    assert school[7].number_format == "0"


def test_every_indicator_with_numbers_as_numbers(wb, mid):
    ws = wb["全部指标"]
    col = {name: n for n, name in enumerate(header(ws))}
    body = rows(ws)
    assert len(body) == len(mid.indicators) == 215
    for cells, i in zip(body, mid.indicators):
        assert cells[col["编号"]].value == i["id"] and cells[col["指标名称"]].value == i["name"]
        status = cells[col["状态"]]
        assert status.value == STATUSES[i["status"]][0]
        assert status.fill.fgColor.rgb[-6:] == STATUS_FILL[i["status"]]
        for key, name in (("target", "目标"), ("actual", "实际")):
            cell, value = cells[col[name]], i[key]
            if isinstance(value, (int, float)) and i["measure"] == "%":
                assert cell.value == pytest.approx(value / 100) and cell.number_format == "0.00%"
            elif isinstance(value, (int, float)):
                assert cell.value == value and isinstance(cell.value, (int, float))
            elif isinstance(value, str) and len(value) == 10 and value[4] == "-":
                assert cell.value == dt.datetime.fromisoformat(value) and cell.number_format == "yyyy-mm-dd"
        completion = cells[col["完成度"]]
        if i["completion"] is None:
            assert completion.value is None
        else:
            assert completion.value == pytest.approx(i["completion"] / 100) and completion.number_format == "0.00%"
        assert (cells[col["情况与原因"]].value or "") == i["cause_note"]
    by_id = {cells[col["编号"]].value: cells for cells in body}
    budget = by_id["S708"]  # 支出预算执行率 71.30%: a percentage stored as a fraction
    assert budget[col["实际"]].value == pytest.approx(0.712973) and budget[col["实际"]].number_format == "0.00%"
    assert budget[col["目标"]].value == 0.8


def test_exceptions_equal_the_summary(wb, mid):
    ws = wb["异常清单"]
    col = {name: n for n, name in enumerate(header(ws))}
    body = rows(ws)
    assert [c[col["编号"]].value for c in body] == [e["id"] for e in mid.exceptions]
    assert [c[col["情况与原因"]].value for c in body] == [e["cause_note"] for e in mid.exceptions]
    assert all(c[col["状态"]].value == "正在推进" for c in body)
    assert body[0][col["情况与原因"]].alignment.wrap_text


def ledger_blocks(ws):
    """{title: (header, [rows], total)} read back from a ledger sheet."""
    blocks, rows_ = {}, list(ws.iter_rows(values_only=False))
    n = 0
    while n < len(rows_):
        title = rows_[n][0].value
        if title and rows_[n][0].font.sz == 12:
            head = [c.value for c in rows_[n + 1] if c.value is not None]
            body, k = [], n + 2
            while k < len(rows_) and rows_[k][0].value is not None:
                body.append(rows_[k])
                k += 1
            blocks[title] = (head, body[:-1], body[-1])
            n = k
        n += 1
    return blocks


def test_ledger_tables_equal_the_summary(wb, mid):
    for t in mid.tables:
        sheet = {"construction_tasks": "建设任务", "landmark_achievements": "标志性成果"}.get(t["id"], "预算执行")
        head, body, total = ledger_blocks(wb[sheet])[t["title"]]
        assert head[0] == t["by"] and head[1:1 + len(t["columns"])] == [c["label"] for c in t["columns"]]
        assert len(body) == len(t["rows"])
        for cells, r in zip(body + [total], t["rows"] + [t["total"]]):
            assert cells[0].value == r["key"]
            for n, c in enumerate(t["columns"], start=1):
                value, cell = r["values"][c["id"]], cells[n]
                if c["kind"] == "ratio" and value is None:
                    assert cell.value == "-"
                elif c["kind"] == "ratio":
                    assert cell.value == pytest.approx(value / 100)
                    digits = len(r["texts"][c["id"]].rstrip("%").partition(".")[2])  # as the summary printed it
                    assert cell.number_format == ("0%" if digits == 0 else "0." + "0" * digits + "%")
                else:
                    assert cell.value == value
    tasks = ledger_blocks(wb["建设任务"])["表 1 各项目总体建设进度一览表"]
    assert [c.value for c in tasks[2][:4]] == ["合计", 390, 381, 0.9769]
    assert len(tasks[0]) == 4  # no flags column: Table 1 has no flags


def test_overspend_rows_are_flagged_and_filled(wb):
    head, body, total = ledger_blocks(wb["预算执行"])["表 4 2019-2021 年度各子任务资金执行情况（万元）"]
    assert head[-1] == "标记"
    flagged = {r[0].value: r[len(head) - 1] for r in body if r[len(head) - 1].value}
    assert set(flagged) == {"打造高水平双师队伍", "提升服务发展水平", "提升信息化水平"}
    assert all(c.value == "超预算支出" and c.fill.fgColor.rgb[-6:] == "F8CBAD" for c in flagged.values())
    rate = next(r for r in body if r[0].value == "提升信息化水平")[3]
    assert rate.value == pytest.approx(2.62) and rate.number_format == "0%"


def test_column_widths_fit_chinese_text(wb):
    ws = wb["全部指标"]
    col = {name: openpyxl.utils.get_column_letter(n) for n, name in enumerate(header(ws), start=1)}
    name_width = ws.column_dimensions[col["指标名称"]].width
    longest = max(wcswidth(c.value) for c in ws[col["指标名称"]][1:])
    assert longest > max(len(c.value) for c in ws[col["指标名称"]][1:])
    assert name_width >= longest  # a Chinese character is two columns wide
    assert ws.column_dimensions[col["情况与原因"]].width <= xlsx_cells.WIDE + 2  # long notes wrap instead


def test_deterministic(mid, data, wb):
    assert xlsx.render(mid) == data
    assert wb.properties.created == wb.properties.modified == xlsx.FIXED_TIME
    assert wb.properties.creator == "jixiao"


def test_exceptions_only_and_english(tmp_path):
    summary = summary_of(ROOT, "2021-12-31", lang="en")
    only = openpyxl.load_workbook(io.BytesIO(xlsx.render(summary, exceptions_only=True)))
    assert only.sheetnames == ["Exceptions"]
    full = openpyxl.load_workbook(io.BytesIO(xlsx.render(summary)))
    assert full.sheetnames == ["Summary", "Indicators", "Exceptions", "Tasks", "Achievements", "Budget"]
    assert full["Summary"]["C2"].value == "level total"


def test_several_units_and_other_tables(tmp_path):
    rules = {
        "school.yaml": """\
            level: school
            task: 建设任务
            indicators:
              - {id: S_A, name: 指标甲, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 5}}
              - {id: S_P, name: 执行率, type: timeliness, unit: "%", direction: higher, targets: {2021-12-31: 80}}
            """,
        "tables.yaml": """\
            tables:
              - id: spending
                title: "支出情况: 按任务 [万元]"
                ledger: budget
                by: 建设任务
                columns:
                  - {id: budget, label: 预算, sum: 预算}
                  - {id: spent, label: 执行, sum: 执行}
                  - {id: rate, label: 执行率, ratio: [spent, budget]}
                flags:
                  overspend: rate > 100
            """,
    }
    write_workspace(tmp_path, rules, {"2021-12-31": {
        "values.csv": "指标编号,单位,实际值\nS_A,a,6\nS_A,b,2\nS_P,a,90.5%\nS_P,b,\n",
        "budget.csv": "单位,建设任务,预算,执行\na,甲,10,12.5\na,乙,5,1\nb,甲,8,4\n"}})
    summary = summary_of(tmp_path)
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.render(summary)))
    assert wb.sheetnames == ["各单位概览", "汇总", "全部指标", "异常清单", "支出情况  按任务  万元"]  # several units: an overview first
    ws = wb["支出情况  按任务  万元"]
    assert sorted(ws.tables) == ["tbl_spending_a", "tbl_spending_b"]
    assert ws["A1"].value == "支出情况: 按任务 [万元] · a"
    jia = next(r for r in ws.iter_rows(min_row=3, max_row=4) if r[0].value == "甲")
    assert [c.value for c in jia[:4]] == ["甲", 10, 12.5, 1.25] and jia[2].number_format == "#,##0.00##"
    assert jia[4].value == "超预算支出"
    values = {(r[0].value, r[1].value): r for r in wb["全部指标"].iter_rows(min_row=2)}
    assert values[("a", "S_P")][13].value == pytest.approx(0.905)
    assert values[("b", "S_P")][13].value is None  # missing stays blank, never 0
    taken = set()
    names = [xlsx.sheet_name("a/b:c*d?e[f]g\\h" * 3, taken) for _ in range(2)]
    assert names[0] != names[1] and all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_write_atomic_writes_bytes_whole(tmp_path):
    target = tmp_path / "out.xlsx"
    write_atomic(target, b"\x00\x01binary\r\n", [])
    assert target.read_bytes() == b"\x00\x01binary\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]  # no temporary file left behind
    source = tmp_path / "in.csv"
    source.write_text("x")
    with pytest.raises(InputError):
        write_atomic(source, b"y", [source])
    assert source.read_text() == "x"


def test_cli_needs_output_for_xlsx(tmp_path):
    proc = run_cli("evaluate", "--snapshot", "2021-12-31", "--format", "xlsx")
    assert proc.returncode == 2
    assert "--output" in proc.stderr and "xlsx" in proc.stderr and proc.stdout == ""
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (first, second):
        proc = run_cli("evaluate", "--snapshot", "2021-12-31", "--format", "xlsx", "--output", str(path))
        assert proc.returncode == 0, proc.stderr
    assert first.read_bytes() == second.read_bytes()
    assert openpyxl.load_workbook(first).sheetnames == SHEETS


def test_percent_gap_is_stored_like_its_target_and_actual(wb):
    ws = wb["全部指标"]
    col = {name: n for n, name in enumerate(header(ws))}
    row = next(r for r in ws.iter_rows(min_row=2) if r[col["编号"]].value == "S708")
    target, actual, gap = row[col["目标"]], row[col["实际"]], row[col["差距"]]
    assert gap.number_format == target.number_format == "0.00%"
    assert gap.value == pytest.approx(target.value - actual.value, abs=1e-6)


def test_a_flag_colours_the_rate_it_reads_only(wb):
    head, body, _ = ledger_blocks(wb["预算执行"])["表 3 2019-2021 年度项目预算及执行情况（万元）"]
    own = next(r for r in body if r[0].value == "学校自筹")  # low execution; its arrival rate is 100%
    arrival, execution = own[head.index("到位率")], own[head.index("执行率")]
    assert execution.fill.fgColor.rgb[-6:] != "000000" and execution.fill.fill_type == "solid"
    assert arrival.fill.fill_type is None


def test_sources_in_chinese_words(wb):
    ws = wb["全部指标"]
    col = {name: n for n, name in enumerate(header(ws))}
    sources = {r[col["来源"]].value for r in ws.iter_rows(min_row=2)}
    assert sources == {"报告", "补全"}


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_workbook_and_reads_its_numbers(data, tmp_path):
    """LibreOffice converts the summary sheet to CSV: the file opens and the rates are numbers."""
    import csv
    import subprocess
    book = tmp_path / "绩效.xlsx"
    book.write_bytes(data)
    proc = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1",
                           "--outdir", str(tmp_path), str(book)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    [first] = [p for p in tmp_path.glob("*.csv")]  # the first sheet: 汇总
    table = list(csv.reader(first.read_text(encoding="utf-8").splitlines()))
    school = next(r for r in table if "学校层面" in r and "层面合计" in r)
    assert "87" in school and "78" in school and any(c.startswith("89.66") for c in school)


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path):
    rules = {"school.yaml": """\
        level: school
        task: 建设任务
        indicators:
          - {id: S_A, name: 指标甲, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 5}}
        """}
    write_workspace(tmp_path, rules, {"2021-12-31": {
        "values.csv": '指标编号,实际值,说明\nS_A,3,"=HYPERLINK(""http://evil"",""点击"")"\n'}})
    data = xlsx.render(summary_of(tmp_path))
    import zipfile
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheets = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in sheets  # no formula anywhere in the workbook
    wb = openpyxl.load_workbook(io.BytesIO(data))
    notes = [c.value for row in wb["全部指标"].iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert '=HYPERLINK("http://evil","点击")' in notes  # the staff note, as text
