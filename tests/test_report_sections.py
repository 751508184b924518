"""The report's sections are a registry (engine/report/sections): one module each, in order; a
new module in the folder is a new section, and the ledger tables a section names leave the
section of other tables."""
import subprocess
import sys
import textwrap

from helpers import ROOT, summary_of
from engine.report import document, sections
from engine.report.context import Context

ORDER = ["tasks", "achievements", "indicators", "exceptions", "schedule", "budget", "other_tables", "history", "forecast",
         "scores", "compare"]


def test_the_sections_in_their_order():
    assert [e.key for e in sections.entries()] == ORDER
    assert sections.shown_tables() == {"construction_tasks", "landmark_achievements", "funds_by_source",
                                       "funds_by_task"}


def test_a_section_with_nothing_to_show_is_left_out_and_the_rest_numbered():
    summary = summary_of(ROOT)
    built = sections.build_all(Context(summary, next(iter(summary.units)), {}))
    assert [s.key for s in built] == ["tasks", "achievements", "indicators", "exceptions", "budget", "scores"]
    assert [s.title[:2] for s in built] == ["一、", "二、", "三、", "四、", "五、", "六、"]


def test_a_section_registered_twice_is_refused():
    import pytest
    with pytest.raises(ValueError, match="twice"):
        sections.section("tasks", order=1)(lambda ctx: None)


def test_a_new_module_is_a_new_section(tmp_path):
    (tmp_path / "summary_words.py").write_text(textwrap.dedent("""\
        from engine.report.document import Para, Section
        from engine.report.sections import section

        @section("words", order=35, tables=("funds_by_task",))
        def words(ctx):
            return Section("words", "Words", [Para(f"{len(ctx.indicators)} indicators")])
    """), encoding="utf-8")
    script = textwrap.dedent(f"""\
        import engine.report.sections as s
        s.__path__.append({str(tmp_path)!r})
        from helpers import ROOT, summary_of
        from engine.report import document, markdown
        doc = document.build(summary_of(ROOT))
        print([x.key for x in doc.parts[0].sections])
        print(doc.parts[0].sections[3].title, sorted(s.shown_tables()))
        print(markdown.render(doc).count("## "))
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT / "tests", capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    keys, title, _ = proc.stdout.splitlines()
    assert keys == "['tasks', 'achievements', 'indicators', 'words', 'exceptions', 'budget', 'scores']"
    assert title.startswith("四、Words") and "funds_by_task" in title


def test_the_document_builder_reads_no_command_line_module():
    proc = subprocess.run([sys.executable, "-c", "import sys, engine.report.document, engine.render.formats as f; "
                           "f.choices('report'); print(sorted(m for m in sys.modules if m.startswith('engine.cli')))"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_the_pipeline_needs_no_click_and_keeps_its_messages_for_the_command(tmp_path):
    proc = subprocess.run([sys.executable, "-c", "import sys, engine.pipeline; print('click' in sys.modules)"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.stdout.strip() == "False", proc.stderr
    from helpers import write_workspace
    from engine.pipeline import run
    write_workspace(tmp_path, {"school.yaml": """\
        level: school
        task: 建设任务
        indicators:
          - {id: S_BAD, name: 指标, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 1},
             actual: 'count("no_such_ledger")'}
        """}, {"2021-12-31": {"values.csv": "指标编号,实际值\n"}})
    done = run(tmp_path / "rules", tmp_path / "datasets", "2021-12-31")
    assert any(line.startswith("规则错误 S_BAD: ") for line in done.messages), done.messages
    assert run(tmp_path / "rules", tmp_path / "datasets", "2021-12-31", quiet=True).messages == []


def test_build_is_what_the_registry_gives():
    summary = summary_of(ROOT)
    doc = document.build(summary)
    ctx = Context(summary, next(iter(summary.units)), {})
    assert [s.title for s in doc.parts[0].sections] == [s.title for s in sections.build_all(ctx)]
