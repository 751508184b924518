"""Build small rule sets and snapshots in a temporary folder, and run jixiao on them."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from engine.evaluate.evaluator import evaluate
from engine.load.rules import load_rules
from engine.load.snapshot import load_snapshot
from engine.summarise.summary import summarise

ROOT = Path(__file__).resolve().parent.parent

SETTINGS = """\
settings:
  period: {start: 2019-01-01, end: 2023-12-31}
  rounding: {mode: half_up, digits: 2}
  far_beyond_ratio: 2.0
"""
CAUSES = """\
causes:
  pandemic: {zh: 疫情影响, en: pandemic, category: 外部环境}
  policy: {zh: 上级政策原因, en: higher-level policy, category: 制度保障}
"""


def write_workspace(root: Path, rules: dict, snapshots: dict) -> Path:
    """rules: file name -> YAML text (settings.yaml and causes.yaml added unless given).
    snapshots: date -> {file name -> text or bytes}. Text is dedented."""
    (root / "rules").mkdir(parents=True, exist_ok=True)
    files = {"settings.yaml": SETTINGS, "causes.yaml": CAUSES, **rules}
    for name, text in files.items():
        if text is not None:
            (root / "rules" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    for date, tables in snapshots.items():
        folder = root / "datasets" / date
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in tables.items():
            path = folder / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def summary_of(root: Path, date: str = "2021-12-31", lang: str = "zh", unit=None):
    rules = load_rules(root / "rules")
    snap = load_snapshot(root / "datasets", date, rules)
    return summarise(evaluate(rules, snap), lang, unit)


def by_id(summary, unit=None) -> dict:
    return {i["id"]: i for i in summary.indicators if unit is None or i["unit"] == unit}


def run_cli(*args, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd, capture_output=True, text=True)


def jixiao(capsys, *args) -> tuple[int, str, str]:
    """Run the command line in-process: (exit code, stdout, stderr)."""
    from engine.cli.app import main
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err
