"""Issue 13: what hostile or mistaken input did that went unnamed (crashes, silent misreads,
time and memory), each through the real command line. Cases that fit the corpus's shape are in
tests/bad_inputs/ (101- and up); the ones that need a generated file, a process of their own or a
check of what was written are here."""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from test_bad_inputs import BASE, problems_in, run

ROOT = Path(__file__).resolve().parent.parent
DATE = "2021-12-31"
SNAP = f"datasets/{DATE}"
EVALUATE = ["evaluate", "--snapshot", DATE]


@pytest.fixture
def ws(tmp_path) -> Path:
    import shutil
    folder = tmp_path / "ws"
    shutil.copytree(BASE, folder)
    return folder


def refused(proc, code: str, file: str | None = None, out_dir: Path | None = None):
    """Exit 2, the problem named with its code (and file), no traceback, nothing written."""
    assert "Traceback" not in proc.stderr and "内部错误" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    if code:
        found = problems_in(proc.stderr)
        assert any(p["code"] == code and (file is None or p["file"] == file) for p in found), proc.stderr
    if out_dir is not None:
        assert list(out_dir.iterdir()) == []


MEMORY_BOUND = 2**30  # the bound for every hostile case: 1 GB


def _bounded():
    """In the child: an address space of MEMORY_BOUND (stricter than resident memory): a case that
    needed more would fail with MemoryError, a traceback, which the tests refuse."""
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BOUND, MEMORY_BOUND))


def real(ws: Path, args: list[str], env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """The command line in a new process, within 1 GB of memory."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=ws, capture_output=True,
                          env=environ, timeout=timeout, preexec_fn=_bounded)


def real_text(ws: Path, args: list[str]) -> subprocess.CompletedProcess:
    proc = real(ws, args)
    return subprocess.CompletedProcess(args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


# --- control characters: workbooks and the terminal ---------------------------------------------

def _with_controls(ws: Path):
    school = ws / "rules/school.yaml"
    school.write_text(school.read_text(encoding="utf-8").replace("name: 数量指标", 'name: "数量\\a指标\\0\\e\\v"'),
                      encoding="utf-8")
    values = ws / SNAP / "values.csv"
    values.write_text(values.read_text(encoding="utf-8").replace("S_NUM,12,,,", "S_NUM,5,,经费\x07未到位\x1b[31m红,"),
                      encoding="utf-8")


def test_control_characters_reach_the_workbook_as_visible_symbols(ws, tmp_path):
    _with_controls(ws)
    out = tmp_path / "out.xlsx"
    proc = run(ws, EVALUATE + ["--format", "xlsx", "--output", str(out)])
    assert proc.returncode == 0, proc.stderr
    book = load_workbook(out)
    texts = {str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value}
    assert any("数量␇指标␀␛␋" in t for t in texts), texts
    assert any("经费␇未到位␛[31m红" in t for t in texts), texts


def test_control_characters_reach_the_form_and_the_word_report_as_visible_symbols(ws, tmp_path):
    import docx
    _with_controls(ws)
    form, word = tmp_path / "form.xlsx", tmp_path / "report.docx"
    proc = run(ws, EVALUATE + ["--format", "form", "--output", str(form)])
    assert proc.returncode == 0, proc.stderr
    texts = {str(c.value) for sheet in load_workbook(form).worksheets for row in sheet.iter_rows() for c in row if c.value}
    assert any("数量␇指标␀␛␋" in t for t in texts), texts
    proc = run(ws, ["report", "--snapshot", "2021-12-31", "--output", str(word)])
    assert proc.returncode == 0, proc.stderr
    document = docx.Document(str(word))
    shown = [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any("数量␇指标␀␛␋" in t for t in shown), shown


def test_no_escape_sequence_from_the_data_reaches_the_terminal(ws):
    _with_controls(ws)
    proc = run(ws, EVALUATE)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout and "\x1b" not in proc.stderr
    assert "经费␇未到位␛[31m红" in proc.stdout


def test_xlsx_is_written_when_the_temporary_folder_is_full(ws, tmp_path, monkeypatch):
    """openpyxl wrote each sheet to $TMPDIR first: a full /tmp failed a run whose output folder had room."""
    import openpyxl.worksheet._writer as sheet_writer

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(sheet_writer, "NamedTemporaryFile", full)
    monkeypatch.setattr(sheet_writer, "create_temporary_file", full)
    out = tmp_path / "out.xlsx"
    proc = run(ws, EVALUATE + ["--format", "xlsx", "--output", str(out)])
    assert proc.returncode == 0, proc.stderr
    assert load_workbook(out).sheetnames


# --- formulas: min and max of lists, explained too ----------------------------------------------

@pytest.mark.parametrize("formula", ["max([1,2,3],[1,2,3])", "min([1,2,3],[1,2,3])", "max([5],[5])"])
def test_min_max_of_lists_is_a_rule_error_in_explain_too(ws, formula):
    school = ws / "rules/school.yaml"
    school.write_text(school.read_text(encoding="utf-8").replace('count("awards", 级别="国家级")', formula),
                      encoding="utf-8")
    proc = run(ws, ["explain", "S_AWARDS", "--snapshot", DATE])
    assert "内部错误" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert "不能用列表" in proc.stdout + proc.stderr


# --- names too long -------------------------------------------------------------------------------

@pytest.mark.parametrize("option,value", [("--rules", "r" * 5000), ("--datasets", "d/" * 50_000),
                                          ("--output", "o" * 300 + ".json")])
def test_names_too_long_are_a_usage_error(ws, tmp_path, option, value):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    args = EVALUATE + [option, str(out_dir / value) if option == "--output" else value]
    proc = run(ws, args)
    assert "内部错误" not in proc.stderr and "Traceback" not in proc.stderr
    assert proc.returncode == 2, proc.stderr
    assert "路径太长" in proc.stderr and option in proc.stderr
    assert len(proc.stderr) < 2000  # the path is not echoed whole
    assert list(out_dir.iterdir()) == []


# --- the console ----------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["big5", "latin-1"])
def test_a_console_in_another_encoding_does_not_fail(ws, encoding):
    proc = real(ws, EVALUATE, env={"PYTHONIOENCODING": encoding})
    assert proc.returncode == 0, proc.stderr.decode(encoding, "replace")
    assert b"Traceback" not in proc.stderr and b"UnicodeEncodeError" not in proc.stderr
    bad = ws / SNAP / "values.csv"
    bad.write_text(bad.read_text(encoding="utf-8").replace("S_NUM,12", "S_NUM,十二"), encoding="utf-8")
    proc = real(ws, EVALUATE, env={"PYTHONIOENCODING": encoding})
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert b"values.csv" in proc.stderr and b"table.bad_number" in proc.stderr


def test_sigterm_is_handled_like_ctrl_c(ws, tmp_path):
    """kill (SIGTERM) mid-run: the interruption message and exit code of Ctrl+C, no partial output."""
    out = tmp_path / "out.json"
    code = ("import os, signal, sys, threading\n"
            f"sys.path.insert(0, {str(ROOT)!r})\n"
            "from engine.cli import app\n"
            "from engine.core import output\n"
            "real = output.os.fsync\n"
            "def slow(fd):\n"
            "    os.kill(os.getpid(), signal.SIGTERM)\n"
            "    return real(fd)\n"
            "output.os.fsync = slow\n"  # the signal arrives while the output is being written
            f"app.main(['evaluate', '--snapshot', {DATE!r}, '--format', 'json', '--output', {str(out)!r}])\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ws, capture_output=True, text=True, timeout=60)
    from engine.core.exit import ExitCode
    assert proc.returncode == ExitCode.INTERRUPTED, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert list(tmp_path.glob("*out.json*")) == []


# --- workbooks: no sheet, too many rows, inflated parts --------------------------------------------

def _workbook_bytes() -> bytes:
    book = Workbook()
    for row in [["指标编号", "实际值"], ["S_NUM", 12], ["S_PCT", "96.5%"], ["S_DL", "2021-05-01"], ["S_GR", "良"]]:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _rewritten(change, extra: dict | None = None) -> bytes:
    import re
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_workbook_bytes())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info.filename), re)
            if data is not None:
                dst.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def _no_sheets(name, data, re):
    if name.startswith("xl/worksheets/"):
        return None
    if name == "xl/workbook.xml":
        return re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)
    if name == "[Content_Types].xml":
        return re.sub(rb'<Override PartName="/xl/worksheets/[^>]*/>', b"", data)
    if name == "xl/_rels/workbook.xml.rels":
        return re.sub(rb"<Relationship [^>]*worksheets/[^>]*/>", b"", data)
    return data


def _empty_rows(name, data, re):
    if name == "xl/worksheets/sheet1.xml":
        return data.replace(b"</sheetData>", b"<row/>" * 2_000_000 + b"</sheetData>")
    return data


WORKBOOKS = {
    "no_sheets": (lambda: _rewritten(_no_sheets), "没有任何工作表"),
    "two_million_empty_rows": (lambda: _rewritten(_empty_rows), "超过 1048576 行"),
    "shared_strings_inflated": (lambda: _rewritten(lambda n, d, re: d, {"xl/sharedStrings.xml":
                                                                       b"<sst>" + b" " * (101 * 2**20) + b"</sst>"}),
                                "共享文字 101 MB"),
}


@pytest.mark.parametrize("case", list(WORKBOOKS))
def test_hostile_workbooks_are_refused_quickly(ws, tmp_path, case):
    make, words = WORKBOOKS[case]
    (ws / SNAP / "values.csv").unlink()
    (ws / SNAP / "values.xlsx").write_bytes(make())
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    start = time.monotonic()
    proc = real(ws, EVALUATE + ["--output", str(out_dir / "r.txt")])
    assert time.monotonic() - start < 10
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and "Traceback" not in stderr, stderr
    assert words in stderr and f"{SNAP}/values.xlsx" in stderr
    assert list(out_dir.iterdir()) == []


# --- numbers printed at float extremes ------------------------------------------------------------

@pytest.mark.parametrize("value", [1e15, -1e15, 1e26, 1e300, 1.7976931348623157e308, 5e-324, 1e-300, -0.0])
def test_any_finite_number_prints(value):
    from engine.core.numbers import number_text, rate_text, rounded
    assert number_text(value)
    assert rate_text(value, 2, "half_up").endswith("%")
    assert rounded(value, 4) is not None


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_non_finite_numbers_print_as_missing(value):
    from engine.core.numbers import number_text, rate_text, rounded
    assert number_text(value) == "-" and rate_text(value, 2, "half_up") == "-" and rounded(value, 2) is None


# --- silent misreads --------------------------------------------------------------------------------

def test_a_misspelt_manifest_key_does_not_hide_the_snapshot_from_validate(ws):
    (ws / SNAP / "manifest.yaml").write_text(f"snapshot: {DATE}\nledgres:\n  awards: awards.csv\n", encoding="utf-8")
    values = ws / SNAP / "values.csv"
    values.write_text(values.read_text(encoding="utf-8").replace("S_NUM,12", "S_NUM,十二"), encoding="utf-8")
    proc = run(ws, ["validate"])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    found = {(p["file"], p["code"]) for p in problems_in(proc.stdout + proc.stderr)}
    assert (f"{SNAP}/manifest.yaml", "schema.unknown_key") in found, proc.stderr
    assert (f"{SNAP}/values.csv", "table.bad_number") in found, proc.stderr  # the rest of the snapshot is checked


def test_a_misspelt_header_in_a_workbook_is_named_by_validate_and_evaluate(ws):
    (ws / SNAP / "values.csv").unlink()
    book = Workbook()
    for row in [["指标编号", "实际值", "原因编码", "说明"], ["S_NUM", 5, "pandemic", "经费未到位"], ["S_PCT", "96.5%"],
                ["S_DL", "2021-05-01"], ["S_GR", "良"]]:
        book.active.append(row)
    book.save(ws / SNAP / "values.xlsx")
    for args in (["validate"], EVALUATE):
        proc = run(ws, args)
        assert proc.returncode == 2, proc.stderr
        [p] = [p for p in problems_in(proc.stdout + proc.stderr) if p["code"] == "table.misspelt_column"]
        assert (p["file"], p["line"], p["col"]) == (f"{SNAP}/values.xlsx", 1, 3)
        assert "原因代码" in p["text"]


def test_no_completion_rate_where_nothing_is_due(ws):
    (ws / "rules/school.yaml").write_text("level: school\ntask: 人才培养\nindicators:\n  - id: S_DL\n    name: 期限指标\n"
                                          "    type: timeliness\n    unit: 日期\n    direction: deadline\n"
                                          "    deadline: 2022-06-30\n", encoding="utf-8")
    (ws / SNAP / "values.csv").write_text("指标编号,实际值\nS_DL,未完成\n", encoding="utf-8")
    proc = run(ws, EVALUATE + ["--format", "json"])
    assert proc.returncode == 0, proc.stderr
    import json
    rollups = json.loads(proc.stdout)["summary"]
    assert rollups and all(r["rate"] is None and r["rate_text"] == "-" for r in rollups)


def test_a_staff_note_without_a_code_is_not_reported_as_no_cause(ws):
    """The exception list shows the note as the cause and no cause_missing flag is set: the report's
    sentence must not say 原因未说明 of the same indicator."""
    values = ws / SNAP / "values.csv"
    values.write_text(values.read_text(encoding="utf-8").replace("S_NUM,12,,,", "S_NUM,5,,经费未到位,"), encoding="utf-8")
    proc = run(ws, ["report", "--snapshot", DATE, "--format", "markdown"])
    assert proc.returncode == 0, proc.stderr
    assert "原因：经费未到位" in proc.stdout
    assert "原因未说明" not in proc.stdout


# --- time: no regular expression backtracks over a long cell -----------------------------------------

def test_a_long_number_cell_with_a_letter_is_refused_quickly(ws):
    (ws / SNAP / "values.csv").write_text("指标编号,实际值\nS_NUM," + "1" * 20_000 + "x\nS_PCT,96.5%\nS_DL,2021-05-01\n"
                                          "S_GR,良\n", encoding="utf-8")
    start = time.monotonic()
    proc = run(ws, EVALUATE)
    assert time.monotonic() - start < 10
    refused(proc, "table.bad_number", f"{SNAP}/values.csv")


@pytest.mark.parametrize("tail", ["_", "_.", "x"])
def test_a_long_yaml_scalar_is_read_quickly(tail):
    from engine.load.yaml_source import DECIMAL, DECIMAL_FLOAT
    from engine.text.vocabulary import MAGNITUDE
    import re
    text = "1" * 15_000 + tail
    start = time.monotonic()
    DECIMAL_FLOAT.fullmatch(text), DECIMAL.fullmatch(text), re.match(MAGNITUDE, text)
    assert time.monotonic() - start < 0.5


def test_a_long_text_aliased_in_many_indicators_is_weighed(ws):
    """One 450 KB name reused by alias in 3000 indicators: 1.35 GB once expanded."""
    big = "字" * 150_000
    out = "level: school\ntask: 人才培养\nindicators:\n"
    out += (f"  - id: S_A0\n    name: &n \"{big}\"\n    type: quantity\n    unit: 项\n    direction: higher\n"
            "    targets: {2021-12-31: 1, 2023-12-31: 2}\n")
    for k in range(1, 3000):
        out += (f"  - {{id: S_A{k}, name: *n, type: quantity, unit: 项, direction: higher, "
                "targets: {2021-12-31: 1, 2023-12-31: 2}}\n")
    (ws / "rules/extra.yaml").write_text(out, encoding="utf-8")
    start = time.monotonic()
    proc = real_text(ws, EVALUATE)  # within 1 GB
    assert time.monotonic() - start < 10
    refused(proc, "yaml.too_many_nodes", "rules/extra.yaml")


# --- only regular files, only inside the snapshot -----------------------------------------------------

def test_a_ledger_that_is_a_named_pipe_is_refused_not_waited_for(ws, tmp_path):
    (ws / SNAP / "awards.csv").unlink()
    os.mkfifo(ws / SNAP / "awards.csv")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = real(ws, EVALUATE + ["--output", str(out_dir / "r.txt")], timeout=20)
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and "file.not_regular" in stderr and f"{SNAP}/awards.csv" in stderr, stderr
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("name", ["manifest.yaml", "awards.csv"])
def test_a_link_to_dev_zero_is_refused(ws, name):
    target = ws / SNAP / name
    target.unlink(missing_ok=True)
    target.symlink_to("/dev/zero")
    start = time.monotonic()
    proc = real_text(ws, EVALUATE)  # within 1 GB
    assert time.monotonic() - start < 10
    refused(proc, "file.not_regular", f"{SNAP}/{name}")


@pytest.mark.parametrize("path", ["../2020-12-31/values.csv", "/etc/passwd.csv"])
def test_manifest_paths_outside_the_snapshot_are_refused(ws, path):
    other = ws / "datasets/2020-12-31"
    other.mkdir()
    (other / "values.csv").write_text("指标编号,实际值\nS_NUM,1\n", encoding="utf-8")
    (ws / SNAP / "manifest.yaml").write_text(f"snapshot: {DATE}\nvalues: {path}\nledgers:\n  awards: awards.csv\n",
                                            encoding="utf-8")
    proc = run(ws, EVALUATE)
    refused(proc, "snapshot.path_outside", f"{SNAP}/manifest.yaml")


# --- outputs: CSV formulas, HTML in Markdown, stale temporary files -----------------------------------

def _hostile_names(ws):
    school = ws / "rules/school.yaml"
    school.write_text(school.read_text(encoding="utf-8")
                      .replace("name: 数量指标", 'name: "=HYPERLINK(\\"http://x\\",\\"点我\\")"')
                      .replace("name: 比例指标", 'name: "<img src=x onerror=alert(1)>比例"')
                      .replace("task: 人才培养", 'task: "<script>alert(1)</script>"'), encoding="utf-8")
    values = ws / SNAP / "values.csv"
    values.write_text(values.read_text(encoding="utf-8").replace("S_NUM,12,,,", "S_NUM,5,,<b>粗</b>,")
                      .replace("S_GR,良,,,", "S_GR,良,,,"), encoding="utf-8")


def test_csv_cells_that_excel_would_run_are_written_as_text(ws):
    _hostile_names(ws)
    proc = run(ws, EVALUATE + ["--format", "csv"])
    assert proc.returncode == 0, proc.stderr
    import csv as csv_module
    rows = list(csv_module.reader(io.StringIO(proc.stdout.lstrip("\ufeff"))))
    names = {r[1]: r[2] for r in rows[1:]}
    assert names["S_NUM"] == "'=HYPERLINK(\"http://x\",\"点我\")"
    assert all(not c.startswith(("=", "+", "@")) for r in rows for c in r)


@pytest.mark.parametrize("args", [EVALUATE + ["--format", "markdown"], ["report", "--snapshot", DATE, "--format", "markdown"]])
def test_markdown_shows_html_from_the_inputs_as_text(ws, args):
    _hostile_names(ws)
    proc = run(ws, args)
    assert proc.returncode == 0, proc.stderr
    assert "<" not in proc.stdout.replace("&lt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in proc.stdout


def test_a_stale_temporary_file_beside_the_output_is_removed(ws, tmp_path):
    out = tmp_path / "result.json"
    stale, fresh = tmp_path / ".result.json.abc123.tmp", tmp_path / ".result.json.def456.tmp"
    stale.write_text("half", encoding="utf-8")
    fresh.write_text("another run writing", encoding="utf-8")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    proc = run(ws, EVALUATE + ["--output", str(out)])
    assert proc.returncode == 0, proc.stderr
    assert not stale.exists() and fresh.exists() and out.is_file()


def test_a_workbook_inflating_to_gigabytes_of_spaces_is_refused_before_reading(ws, tmp_path):
    """800 KB on disk, 401 MB of spaces inside the sheet once unpacked (written here in chunks)."""
    (ws / SNAP / "values.csv").unlink()
    out = ws / SNAP / "values.xlsx"
    with zipfile.ZipFile(io.BytesIO(_workbook_bytes())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with dst.open(info.filename, "w", force_zip64=True) as part:
                part.write(head)
                chunk = b" " * 2**20
                for _ in range(401):
                    part.write(chunk)
                part.write(b"</sheetData>" + tail)
    assert out.stat().st_size < 2 * 2**20
    start = time.monotonic()
    proc = run(ws, EVALUATE)
    assert time.monotonic() - start < 10
    refused(proc, "table.parse", f"{SNAP}/values.xlsx")
    assert "解压后有 401 MB" in proc.stderr


def test_a_huge_number_in_a_workbook_cell_is_refused_at_its_cell(ws):
    (ws / SNAP / "values.csv").unlink()
    book = Workbook()
    for row in [["指标编号", "实际值"], ["S_NUM", 1e26], ["S_PCT", "96.5%"], ["S_DL", "2021-05-01"], ["S_GR", "良"]]:
        book.active.append(row)
    book.save(ws / SNAP / "values.xlsx")
    proc = run(ws, EVALUATE)
    refused(proc, "table.number_out_of_range", f"{SNAP}/values.xlsx")
    [p] = [p for p in problems_in(proc.stderr) if p["code"] == "table.number_out_of_range"]
    assert (p["line"], p["col"]) == (2, 2)


def test_validate_names_a_huge_ledger_amount_as_out_of_range(ws):
    (ws / SNAP / "funds.csv").write_text("名称,金额\n甲,1e30\n乙,5\n", encoding="utf-8")
    school = ws / "rules/school.yaml"
    school.write_text(school.read_text(encoding="utf-8") + "  - id: S_SUM\n    name: 经费\n    type: quantity\n"
                      "    unit: 元\n    direction: higher\n    targets: {2021-12-31: 1, 2023-12-31: 2}\n"
                      "    actual: sum(\"funds\", \"金额\")\n", encoding="utf-8")
    proc = run(ws, ["validate"])
    out = proc.stdout + proc.stderr
    assert proc.returncode == 2 and "Traceback" not in out
    [p] = [p for p in problems_in(out) if p["code"] == "validate.column_not_number"]
    assert (p["file"], p["line"], p["col"]) == (f"{SNAP}/funds.csv", 2, 2)
    assert "超出 jixiao 能准确计算的范围" in p["text"]


@pytest.mark.parametrize("args", [["validate"], ["explain", "S_NUM", "--snapshot", DATE]])
def test_validate_and_explain_send_no_escape_to_the_terminal(ws, args):
    _with_controls(ws)
    values = ws / SNAP / "values.csv"
    values.write_text(values.read_text(encoding="utf-8") + "S_\x1b[2JX,1,,,\n", encoding="utf-8")
    proc = run(ws, args)
    assert "\x1b" not in proc.stdout + proc.stderr and "\x07" not in proc.stdout + proc.stderr
