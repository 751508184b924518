"""`jixiao forecast`: evaluate every snapshot up to --snapshot with the same rules and project each
cumulative indicator to the next staged target and the period's end (engine/forecast), with a
suggested likelihood beside the one staff wrote, in a format of the registry (engine/render/formats)."""
from __future__ import annotations

import click

from engine.cli import progress as progress_bar
from engine.cli.emit import emit, warn
from engine.cli.options import (datasets_option, format_option, lang_option, output_option, rules_option,
                                snapshot_option, unit_option)
from engine.cli.report import snapshot_dates
from engine.core.problems import InputError, Problem
from engine.forecast import forecast as project
from engine.load.rules import load_rules
from engine.pipeline import run
from engine.render import formats
from engine.render.problems import one_line
from engine.text import t


@click.command("forecast")
@snapshot_option
@rules_option
@datasets_option
@unit_option
@format_option("forecast", "table", help=t("cli.format_help", "zh"))
@output_option
@lang_option
def forecast(snapshot_date, rules_dir, datasets_dir, unit, fmt, output, lang):
    """预测：按最近两个快照间的变化速度，推算累计指标在下一阶段目标日期和建设期末的值，并建议完成目标可能性。"""
    rules = load_rules(rules_dir)
    done = run(rules_dir, datasets_dir, snapshot_date, lang, unit, rules=rules, progress=False)
    warn(done.messages)
    history, inputs = earlier(rules_dir, datasets_dir, done, lang, unit)
    if len(history) < 2:
        raise InputError([Problem("cli.forecast_snapshots", str(datasets_dir), params={
            "date": done.summary.snapshot, "count": len(history), "dates": [d for d, _ in history]})])
    emit(formats.renderer("forecast", fmt)(project(history, rules, lang), lang), output, inputs)


def earlier(rules_dir, datasets_dir, done, lang, unit) -> tuple[list, list]:
    """[(date, Summary)] of every snapshot up to done's, oldest first, and the files read. A snapshot
    that cannot be read is left out with a warning."""
    history, inputs = [], list(done.inputs)
    dates = [d for d in snapshot_dates(datasets_dir) if d < done.summary.snapshot]
    with progress_bar.bar(len(dates), t("cli.evaluating_snapshots", lang)) as step:
        for date in dates:
            step(1)
            try:
                other = run(rules_dir, datasets_dir, date, lang, unit, rules=done.rules, quiet=True, progress=False)
            except InputError as exc:
                warn([t("cli.forecast_skipped", lang, date=date, reason=one_line(exc.problems[0], lang))])
                continue
            history.append((date, other.summary))
            inputs += other.snapshot.files
    return history + [(done.summary.snapshot, done.summary)], inputs


command = forecast  # the name engine/cli/app.py loads
