"""The corpus of bad inputs (tests/bad_inputs/): every case runs the real command line.

Each case folder holds the files that differ from tests/bad_inputs/_base/ (a small valid
rule set and snapshot) and an expected.yaml:

    description: 用一句话说明错在哪里
    exit: 2                    # 2: refused; 0: a warning or a rule error, the run goes on
    code: schema.unknown_key   # the problem code users see in [brackets]
    level: error               # error (default) | warning | rule_error
    file: rules/school.yaml    # as shown, relative to the workspace
    line: 5                    # spreadsheet row for tables; null when the problem has no place
    col: 5
    message: 未知的键 directon  # a fragment of the Chinese message
    remove: [rules/causes.yaml]            # optional: base files to delete
    generate: xlsx_merged_header           # optional: a generator below writes binary files
    args: [evaluate, --snapshot, 2021-02-30]  # optional: instead of the default arguments
    output: false              # optional: the case gives its own --output

Every case must: end with the exit code; name the file and, where it applies, line and
column (row and column); print no traceback; and write nothing unless the run can go on
(run with --output into an empty folder and check that nothing appears there).
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from engine.cli.app import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "bad_inputs"
BASE = CORPUS / "_base"
DEFAULT_ARGS = ["evaluate", "--snapshot", "2021-12-31"]
SNAP = "datasets/2021-12-31"

CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


# --- generators of binary inputs (kept out of the repository) ----------------------------

def _book(rows, sheet="Sheet"):
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    return book, ws


def _save(book, path: Path):
    buf = io.BytesIO()
    book.save(buf)
    path.write_bytes(buf.getvalue())


VALUES = [["指标编号", "实际值"], ["S_NUM", 12], ["S_PCT", 0.965], ["S_DL", "2021-05-01"], ["S_GR", "良"]]


def _xlsx_values(ws_edit):
    def write(ws: Path):
        (ws / SNAP / "values.csv").unlink()
        book, sheet = _book(VALUES)
        sheet["B3"].number_format = "0.00%"
        ws_edit(sheet)
        _save(book, ws / SNAP / "values.xlsx")
    return write


def _merged_header(sheet):
    sheet.insert_rows(1)
    sheet["A1"] = "测试学院绩效数据"
    sheet.merge_cells("A1:B1")


def _blank_header(sheet):
    sheet.insert_rows(1)


def _formula_no_value(sheet):
    sheet["B2"] = "=5+7"  # openpyxl saves formulas without a cached value, as if never opened in Excel


def _merged_data(sheet):
    sheet.merge_cells("B4:B5")


def _awards_xlsx_merged(ws: Path):
    (ws / SNAP / "awards.csv").unlink()
    book, sheet = _book([["名称", "级别", "日期"], ["成果甲", "国家级", "2021-03-01"],
                         ["成果乙", None, "2021-04-01"], ["成果丙", "省级", "2021-05-01"]])
    sheet.merge_cells("B2:B3")  # looks like 国家级 for both rows; only the first cell holds it
    _save(book, ws / SNAP / "awards.xlsx")


def _awards_twice(ws: Path):
    book, _ = _book([["名称", "级别", "日期"], ["成果丁", "国家级", "2021-07-01"]])
    _save(book, ws / SNAP / "awards.xlsx")  # beside awards.csv: which one is the ledger awards?


def _named_sheet_missing(ws: Path):
    (ws / SNAP / "values.csv").unlink()
    book, _ = _book(VALUES, sheet="学校层面")
    _save(book, ws / SNAP / "values.xlsx")


def _write(path_in_ws: str, data: bytes):
    def write(ws: Path):
        (ws / path_in_ws).write_bytes(data)
    return write


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(range(256))
GOOD_VALUES = (BASE / SNAP / "values.csv").read_text(encoding="utf-8")

GENERATORS = {
    "xlsx_merged_header": _xlsx_values(_merged_header),
    "xlsx_blank_header": _xlsx_values(_blank_header),
    "xlsx_formula_no_value": _xlsx_values(_formula_no_value),
    "xlsx_merged_data": _xlsx_values(_merged_data),
    "xlsx_ledger_merged": _awards_xlsx_merged,
    "xlsx_sheet_missing": _named_sheet_missing,
    "png_as_rule_file": _write("rules/school.yaml", PNG),
    "png_as_values": _write(f"{SNAP}/values.csv", PNG),
    "gbk_rule_file": _write("rules/school.yaml", (BASE / "rules/school.yaml").read_text(encoding="utf-8")
                            .replace("数量指标", "数量指标（新）").encode("gb18030")),
    "csv_as_xlsx": lambda ws: ((ws / SNAP / "values.csv").rename(ws / SNAP / "values.xlsx")),
    "empty_values": _write(f"{SNAP}/values.csv", b""),
    "nul_in_values": _write(f"{SNAP}/values.csv", GOOD_VALUES.replace("S_PCT", "S_\x00PCT").encode("utf-8")),
    "values_is_a_folder": lambda ws: ((ws / SNAP / "values.csv").unlink(), (ws / SNAP / "values.csv").mkdir()),
    "awards_twice": _awards_twice,
    "control_char_in_rules": _write("rules/extra.yaml", "level: school\ntask: 人才培养\nindicators:\n"
                                    "  - id: S_NEW\n    name: 新指标\x07\n".encode("utf-8")),
}


# --- running a case ---------------------------------------------------------------------

HUMAN = re.compile(r"^  (?P<line>\S+):(?P<col>\S+)\s+(?P<level>错误|警告|error|warning)\s+(?P<text>.*)\[(?P<code>[\w.]+)\]$")
ONE_LINE = re.compile(r"^(?P<file>[^:]+?)(?::(?P<line>\d+))?(?::(?P<col>\d+))?: (?P<level>error|warning|错误|警告): "
                      r"(?P<text>.*) \[(?P<code>[\w.]+)\]$")
LEVELS = {"错误": "error", "警告": "warning"}


def problems_in(stderr: str) -> list[dict]:
    """Problems as the CLI prints them: grouped under their file, or one per line (warnings)."""
    found, current = [], None
    for line in stderr.splitlines():
        if line.strip().startswith(("→ 修改：", "→ fix:")) and found:
            found[-1]["fix"] = line.split("：" if "：" in line else ":", 1)[1].strip()
            continue
        m = HUMAN.match(line)
        if m and current is not None:
            found.append({"file": current, "line": _int(m["line"]), "col": _int(m["col"]),
                          "level": LEVELS.get(m["level"], m["level"]), "code": m["code"], "text": m["text"]})
            continue
        m = ONE_LINE.match(line)
        if m:
            found.append({"file": m["file"], "line": _int(m["line"]), "col": _int(m["col"]),
                          "level": LEVELS.get(m["level"], m["level"]),
                          "code": m["code"], "text": m["text"]})
            continue
        if line and not line.startswith(" ") and not line.startswith("共 "):
            current = line
    return found


def _int(text):
    return int(text) if text and text.isdigit() else None


def workspace(case: Path, root: Path) -> Path:
    ws = root / "ws"
    shutil.copytree(BASE, ws)
    for item in case.rglob("*"):
        if item.is_file() and item.name != "expected.yaml":
            target = ws / item.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(item, target)
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    for name in expected.get("remove", []):
        path = ws / name
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    if expected.get("generate"):
        GENERATORS[expected["generate"]](ws)
    return ws


def _within_a_gigabyte():
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))


def run(ws: Path, args: list[str], real_process: bool = False) -> subprocess.CompletedProcess:
    """The command line, run in this process (the console script's own entry point, ~50 times
    faster than starting Python) or, for a few cases, in a real process."""
    if real_process:  # within 1 GB of address space (stricter than resident memory)
        return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=ws, capture_output=True,
                              text=True, timeout=60, preexec_fn=_within_a_gigabyte)
    out, err, here = io.StringIO(), io.StringIO(), os.getcwd()
    os.chdir(ws)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(args)
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def snapshot_of_files(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# the same, in a real process; the formula that would broadcast to 10^8 numbers also within 1 GB
REAL_PROCESS = {"84-xlsx-merged-header", "62-csv-extra-column", "109-formula-max-broadcast"}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case, tmp_path):
    check_case(case, tmp_path, real_process=case.name in REAL_PROCESS)


def check_case(case, tmp_path, real_process=False):
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    ws = workspace(case, tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    args = list(expected.get("args", DEFAULT_ARGS))
    if expected.get("output", True):
        args += ["--output", str(out_dir / "result.txt")]
    before = snapshot_of_files(ws)
    proc = run(ws, args, real_process)
    stderr = proc.stderr

    assert "Traceback" not in stderr and "Traceback" not in proc.stdout, stderr
    assert "内部错误" not in stderr, stderr
    assert proc.returncode == expected["exit"], (proc.returncode, stderr)
    assert snapshot_of_files(ws) == before, "an input was changed"

    level = expected.get("level", "error")
    if level == "rule_error":  # a formula that cannot work: that indicator gets status error, the run goes on
        assert f"规则错误 {expected['id']}" in stderr, stderr
        assert expected["message"] in stderr, stderr
        assert (out_dir / "result.txt").is_file()
        return
    problems = problems_in(stderr)
    want = {"code": expected["code"], "file": expected["file"], "line": expected["line"], "col": expected["col"],
            "level": level}
    matching = [p for p in problems if all(p[k] == v for k, v in want.items())]
    assert matching, f"{want} not in {problems}\n{stderr}"
    assert any(expected["message"] in p["text"] and expected.get("fix", "") in p.get("fix", "")
               for p in matching), (expected["message"], expected.get("fix"), stderr)
    if expected["exit"] == 2:
        assert list(out_dir.iterdir()) == [], "a refused run wrote a file"
        assert proc.stdout == ""
    else:  # the run went on: the output is there, whole
        assert (out_dir / "result.txt").read_text(encoding="utf-8").strip()
        assert [p.name for p in out_dir.iterdir()] == ["result.txt"]


def test_corpus_is_large_enough():
    assert len(CASES) >= 60
    for case in CASES:
        expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
        assert expected.get("description"), case.name
        assert "generate" not in expected or expected["generate"] in GENERATORS, case.name


def test_base_workspace_is_valid(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(BASE, ws)
    proc = run(ws, DEFAULT_ARGS)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
