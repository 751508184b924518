"""The one-directional flow shared by every command that evaluates a snapshot:
load rules → validate → load snapshot → evaluate → summarise (rendering is the caller's)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from engine.cli import progress as progress_bar
from engine.evaluate.evaluator import Evaluation, evaluate
from engine.core.model import RuleSet
from engine.core.output import write_atomic
from engine.render.problems import one_line
from engine.core.problems import InputError, Problem
from engine.load.rules import load_rules
from engine.load.snapshot import Snapshot, load_snapshot
from engine.summarise.summary import Summary, summarise


@dataclass
class Run:
    rules: RuleSet
    snapshot: Snapshot
    evaluation: Evaluation
    summary: Summary

    @property
    def inputs(self) -> list[Path]:
        """The files read, and the rule and data folders (other snapshots and rule tests live there)."""
        folders = [Path(self.snapshot.folder).parent] + ([Path(self.rules.files[0]).parent] if self.rules.files else [])
        return self.rules.files + self.snapshot.files + folders


def run(rules_dir: Path, datasets_dir: Path, date: str, lang: str = "zh", unit: str | None = None,
        rules: RuleSet | None = None, quiet: bool = False, progress: bool | None = None, record: bool = False) -> Run:
    """Evaluate one snapshot. Warnings and rule errors go to stderr unless quiet. A progress bar over
    the indicators goes to stderr when it is a terminal and `progress` is true (None: more than
    progress.MANY_UNITS units). record: keep what the formulas read (for explain)."""
    rules = rules or load_rules(rules_dir)
    snap = load_snapshot(datasets_dir, date, rules)
    if unit is not None and unit not in snap.units:
        raise InputError([Problem("cli.unknown_unit", str(datasets_dir), params={
            "value": unit, "allowed": "、".join(snap.units)})])
    if not quiet:
        for warning in snap.warnings:
            click.echo(one_line(warning, lang), err=True)
    show = len(snap.units) > progress_bar.MANY_UNITS if progress is None else progress
    label = f"评估 {snap.date}" if lang == "zh" else f"evaluating {snap.date}"
    with progress_bar.bar(len(rules.indicators), label, show) as step:
        ev = evaluate(rules, snap, progress=step, record=record)
    summary = summarise(ev, lang, unit)
    if not quiet:
        _warn_rule_errors(summary, lang)
    return Run(rules, snap, ev, summary)


def emit(text: str | bytes, output: Path | None, inputs: list[Path]) -> None:
    """Print, or write the file whole (never over an input). Bytes (a workbook) need a file."""
    if output:
        write_atomic(output, text, inputs)
    elif isinstance(text, bytes):
        raise click.UsageError(BINARY_NEEDS_OUTPUT)
    else:
        click.echo(text, nl=False)


BINARY_NEEDS_OUTPUT = "xlsx 是二进制文件，不能输出到屏幕：请用 --output 指定文件，如 --output 绩效.xlsx"


def _warn_rule_errors(summary, lang):
    seen = set()
    for i in summary.indicators:
        if i["status"] == "error" and i["id"] not in seen:
            seen.add(i["id"])
            prefix = "规则错误" if lang == "zh" else "rule error"
            click.echo(f"{prefix} {i['id']}: {i['cause_note']}", err=True)
