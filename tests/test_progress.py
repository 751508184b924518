"""The progress bar (engine/progress.py): drawn on a terminal, silent everywhere else."""
import io
import os
import subprocess
import sys

import pytest

from helpers import ROOT, run_cli, write_workspace
from engine.cli import progress
from engine.evaluate.evaluator import evaluate
from engine.pipeline import run
from engine.load.rules import load_rules
from engine.load.snapshot import load_snapshot


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_silent_when_the_stream_is_not_a_terminal():
    stream = io.StringIO()
    with progress.bar(10, "评估", stream=stream) as step:
        for _ in range(10):
            step(1)
    assert stream.getvalue() == ""


def test_silent_when_not_asked_or_nothing_to_count():
    stream = FakeTerminal()
    with progress.bar(10, "评估", show=False, stream=stream) as step:
        step(5)
    with progress.bar(0, "评估", stream=stream) as step:
        step(1)
    assert stream.getvalue() == ""


def test_drawn_on_a_terminal():
    stream = FakeTerminal()
    with progress.bar(4, "评估 2021-12-31", stream=stream) as step:
        for _ in range(4):
            step(1)
    text = stream.getvalue()
    assert "评估 2021-12-31" in text and "4/4" in text and "100%" in text


def test_is_terminal_copes_with_odd_streams():
    assert progress.is_terminal(object()) is False
    closed = io.StringIO()
    closed.close()
    assert progress.is_terminal(closed) is False


def test_evaluate_reports_each_indicator_and_gives_the_same_result():
    rules = load_rules(ROOT / "examples/demo/rules")
    snap = load_snapshot(ROOT / "examples/demo/datasets", "2021-12-31", rules)
    steps = []
    with_hook = evaluate(rules, snap, progress=steps.append)
    assert steps == [1] * len(rules.indicators)
    assert with_hook.results.equals(evaluate(rules, snap).results)


def test_pipeline_run_under_pytest_writes_nothing_to_stderr(capsys):
    run(ROOT / "examples/demo/rules", ROOT / "examples/demo/datasets", "2021-12-31", quiet=True, progress=True)
    assert capsys.readouterr().err == ""


RULES = {"school.yaml": """\
    level: school
    task: 建设任务
    indicators:
      - {id: S_A, name: 指标甲, type: quantity, unit: 项, direction: higher, targets: {2020-12-31: 1, 2021-12-31: 2}}
    """}
SNAPSHOTS = {"2020-12-31": {"values.csv": "指标编号,实际值\nS_A,0\n"},
             "2021-12-31": {"values.csv": "指标编号,实际值\nS_A,2\n"}}


def test_compare_piped_shows_no_bar(tmp_path):
    write_workspace(tmp_path, RULES, SNAPSHOTS)
    proc = run_cli("compare", "--snapshot", "2021-12-31", "--against", "2020-12-31", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "" and "S_A" in proc.stdout


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_compare_on_a_terminal_shows_a_bar_on_stderr_only(tmp_path):
    write_workspace(tmp_path, RULES, SNAPSHOTS)
    main, child = os.openpty()
    try:
        proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "compare", "--snapshot", "2021-12-31",
                               "--against", "2020-12-31"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=child,
                              text=True, timeout=120)
        os.close(child)
        child = None
        chunks = []
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:  # the other end is closed
                break
            if not data:
                break
            chunks.append(data)
    finally:
        if child is not None:
            os.close(child)
        os.close(main)
    err = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "评估 2020-12-31" in err and "评估 2021-12-31" in err and "1/1" in err
    assert "评估" not in proc.stdout and "S_A" in proc.stdout


def test_evaluate_shows_a_bar_only_for_many_units(tmp_path, monkeypatch):
    from contextlib import contextmanager
    asked = []

    @contextmanager
    def recorder(length, label, show=True, stream=None):
        asked.append((length, label, show))
        yield lambda n=1: None
    monkeypatch.setattr(progress, "bar", recorder)
    many = "指标编号,单位,实际值\n" + "".join(f"S_A,u{n:02d},1\n" for n in range(21))
    write_workspace(tmp_path / "many", RULES, {"2021-12-31": {"values.csv": many}})
    run(tmp_path / "many" / "rules", tmp_path / "many" / "datasets", "2021-12-31", quiet=True)
    assert asked == [(1, "评估 2021-12-31", True)]
    few = "指标编号,单位,实际值\n" + "".join(f"S_A,u{n:02d},1\n" for n in range(20))
    write_workspace(tmp_path / "few", RULES, {"2021-12-31": {"values.csv": few}})
    run(tmp_path / "few" / "rules", tmp_path / "few" / "datasets", "2021-12-31", quiet=True, lang="en")
    assert len(asked) == 1  # no bar asked for


def test_report_counts_the_snapshots_it_evaluates(tmp_path, monkeypatch):
    from contextlib import contextmanager
    from click.testing import CliRunner
    from engine.cli import report as command
    asked, steps = [], []

    @contextmanager
    def recorder(length, label, show=True, stream=None):
        asked.append((length, label))
        yield lambda n=1: steps.append(n) if label == "评估各快照" else None
    monkeypatch.setattr(command.progress_bar, "bar", recorder)
    write_workspace(tmp_path, RULES, SNAPSHOTS)
    result = CliRunner().invoke(command.report, ["--snapshot", "2021-12-31", "--rules", str(tmp_path / "rules"),
                                                 "--datasets", str(tmp_path / "datasets")])
    assert result.exit_code == 0, result.output
    assert (len(SNAPSHOTS), "评估各快照") in asked and len(steps) == len(SNAPSHOTS)
