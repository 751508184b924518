"""The one-directional flow shared by every command that evaluates a snapshot:
load rules → validate → load snapshot → evaluate → summarise (rendering is the caller's)."""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from engine.evaluate.evaluator import Evaluation, evaluate
from engine.core.model import RuleSet
from engine.render.problems import one_line
from engine.core.problems import InputError, Problem
from engine.load.rules import load_rules
from engine.load.snapshot import Snapshot, load_snapshot
from engine.summarise.records import column
from engine.summarise.summary import Summary, summarise
from engine.text import t

MANY_UNITS = 20  # a progress bar is drawn when a snapshot has more units than this


@dataclass
class Run:
    rules: RuleSet
    snapshot: Snapshot
    evaluation: Evaluation
    summary: Summary
    messages: list[str] = field(default_factory=list)  # warnings and rule errors, for stderr

    @property
    def inputs(self) -> list[Path]:
        """The files read, and the rule and data folders (other snapshots and rule tests live there)."""
        folders = [Path(self.snapshot.folder).parent] + ([Path(self.rules.files[0]).parent] if self.rules.files else [])
        return self.rules.files + self.snapshot.files + folders


def run(rules_dir: Path, datasets_dir: Path, date: str, lang: str = "zh", unit: str | None = None,
        rules: RuleSet | None = None, quiet: bool = False, progress: bool | None = None, record: bool = False) -> Run:
    """Evaluate one snapshot. Its warnings and rule errors are kept as lines in Run.messages (none
    when quiet) for the command to show. A progress bar over the indicators goes to stderr when it
    is a terminal and `progress` is true (None: more than MANY_UNITS units). record: keep what the
    formulas read (for explain)."""
    rules = rules or load_rules(rules_dir)
    snap = load_snapshot(datasets_dir, date, rules)
    if unit is not None and unit not in snap.units:
        raise InputError([Problem("cli.unknown_unit", str(datasets_dir), params={
            "value": unit, "allowed": list(snap.units)})])
    show = len(snap.units) > MANY_UNITS if progress is None else progress
    with _bar(len(rules.indicators), t("cli.evaluating", lang, date=snap.date), show) as step:
        ev = evaluate(rules, snap, progress=step, record=record)
    summary = summarise(ev, lang, unit)
    messages = [] if quiet else [one_line(w, lang) for w in snap.warnings] + _rule_errors(summary, lang)
    return Run(rules, snap, ev, summary, messages)


def _bar(length: int, label: str, show: bool):
    """The terminal's progress bar, drawn by the command line's module (loaded only when one is due)."""
    if not show:
        return nullcontext(None)
    from engine.cli import progress
    return progress.bar(length, label, show)


def _rule_errors(summary, lang) -> list[str]:
    seen, out = set(), []
    records = summary.indicators
    for ind_id, status, note in zip(*(column(records, c) for c in ("id", "status", "cause_note"))):
        if status == "error" and ind_id not in seen:
            seen.add(ind_id)
            out.append(t("cli.rule_error", lang, id=ind_id, note=note))
    return out
