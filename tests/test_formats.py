"""The one output-format registry (engine/render/formats): every command reads its choices, its
--output suffixes and its renderers there, and a new module in the folder is a new format."""
import json
import subprocess
import sys
import textwrap

import pytest

from helpers import ROOT, summary_of
from engine.render import formats
from engine.report.document import build
from engine.summarise.compare import compare

DEMO = ROOT / "examples" / "demo"


@pytest.fixture(scope="module")
def summaries():
    return {"shipped": (summary_of(ROOT, "2020-12-31"), summary_of(ROOT, "2021-12-31")),
            "demo": (summary_of(DEMO, "2021-12-31"),) * 2}  # one snapshot: compared with itself


def test_the_commands_choices_in_their_order():
    assert formats.choices("summary") == ["table", "json", "csv", "markdown", "xlsx", "form"]
    assert formats.choices("comparison") == ["table", "json", "markdown"]
    assert formats.choices("report") == ["markdown", "html", "docx"]


@pytest.mark.parametrize("kind, path, name", [
    ("summary", "绩效.json", "json"), ("summary", "a/b.CSV", "csv"), ("summary", "r.md", "markdown"),
    ("summary", "r.xlsx", "xlsx"), ("summary", "r.html", None), ("summary", "r.txt", None), ("summary", None, None),
    ("summary", ".json", None), ("report", "r.htm", "html"), ("report", "r.HTML", "html"), ("report", "r.md", "markdown"),
    ("report", "r.json", None), ("report", "r.DOCX", "docx"), ("summary", "r.docx", None),
    ("comparison", "c.json", "json")])
def test_the_format_an_output_suffix_selects(kind, path, name):
    assert formats.for_output(kind, path) == name


def test_only_the_workbooks_and_the_word_report_are_binary():
    assert {f for k in formats.KINDS for f in formats.choices(k) if formats.get(f).binary} == {"xlsx", "form", "docx"}


@pytest.mark.parametrize("where", ["shipped", "demo"])
def test_every_format_renders_every_result_of_its_kind(summaries, where):
    before, after = summaries[where]
    for name in formats.choices("summary"):
        for exceptions_only in (False, True):
            out = formats.renderer("summary", name)(after, exceptions_only)
            if formats.get(name).binary:
                assert isinstance(out, bytes) and out[:2] == b"PK", name
            else:  # text, as str or as UTF-8 bytes (JSON: a province's text is not decoded to be written)
                text = out.decode("utf-8") if isinstance(out, bytes) else out
                assert isinstance(text, str) and after.exceptions[0]["id"] in text, name
    result = compare(before, after)
    for name in formats.choices("comparison"):
        out = formats.renderer("comparison", name)(result, after.settings, after.lang)
        assert isinstance(out, str) and out.endswith("\n") and result["after"] in out, name
    history = list({s.snapshot: (s.snapshot, s) for s in (before, after)}.values())
    doc = build(after, history=history, comparison=result)
    for name in formats.choices("report"):
        out = formats.renderer("report", name)(doc)
        if formats.get(name).binary:
            assert isinstance(out, bytes) and out[:2] == b"PK", name
        else:
            assert isinstance(out, str) and doc.title in out, name


def test_a_format_is_registered_once_and_a_kind_must_be_known():
    with pytest.raises(ValueError, match="twice"):
        formats.register("table", order=1)
    with pytest.raises(ValueError, match="unknown kind"):
        formats.add("summery", "table", lambda summary, exceptions_only: "")
    with pytest.raises(ValueError, match="two renderers"):
        formats.add("summary", "json", lambda summary, exceptions_only: "")


def _with_module(tmp_path, module: str, script: str) -> subprocess.CompletedProcess:
    """Run script in a new process whose formats folder also holds module (as extra.py)."""
    (tmp_path / "extra.py").write_text(textwrap.dedent(module), encoding="utf-8")
    prelude = f"import sys\nimport engine.render.formats as f\nf.__path__.append({str(tmp_path)!r})\n"
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(script)], cwd=ROOT, capture_output=True,
                          text=True)


NEW_FORMAT = """\
    from engine.render.formats import add, register

    def shout(summary, exceptions_only=False, every=False):
        return "".join(f"{i['id']}!\\n" for i in summary.indicators)

    register("shout", order=45, suffixes=(".shout",), summary=shout)
    add("comparison", "shout", lambda result, settings=None, lang="zh": "!\\n")
"""


def test_a_new_module_is_a_new_format_for_the_command(tmp_path):
    out = tmp_path / "out.shout"
    proc = _with_module(tmp_path, NEW_FORMAT, f"""\
        from engine.cli.app import main
        print(f.choices("summary"), f.choices("comparison"))
        main(["evaluate", "--snapshot", "2021-12-31", "--help"])
        main(["evaluate", "--snapshot", "2021-12-31", "--output", {str(out)!r}])
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("['table', 'json', 'csv', 'markdown', 'shout', 'xlsx', 'form'] "
                                  "['table', 'json', 'markdown', 'shout']")
    assert "[table|json|csv|markdown|shout|xlsx|form]" in proc.stdout and ".md、.shout、.xlsx" in proc.stdout
    assert out.read_text(encoding="utf-8").startswith("S101!\n")


def test_a_renderer_for_a_format_nobody_registered_is_a_defect(tmp_path):
    proc = _with_module(tmp_path, """\
        from engine.render.formats import add
        add("summary", "ghost", lambda summary, exceptions_only=False: "")
    """, "f.choices('summary')")
    assert proc.returncode != 0 and "ghost" in proc.stderr


def test_a_binary_format_needs_an_output_file():
    from helpers import run_cli
    proc = run_cli("evaluate", "--snapshot", "2021-12-31", "--format", "xlsx")
    assert proc.returncode == 2 and proc.stdout == ""
    assert "xlsx 是二进制文件，不能输出到屏幕：请用 --output 指定文件，如 --output 绩效.xlsx" in proc.stderr
