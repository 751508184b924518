"""`jixiao report`: evaluate a snapshot (and, for the status chart, every snapshot), build the
report document and write it in a format of the registry (engine/render/formats): Markdown, HTML or Word (docx)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import click

from engine.cli import progress as progress_bar
from engine.cli.compare import check_order
from engine.cli.emit import emit, require_output, warn
from engine.cli.options import (UserPath, datasets_option, format_option, lang_option, output_option, rules_option,
                                snapshot_option, unit_option)
from engine.core.output import write_atomic
from engine.core.problems import InputError
from engine.forecast import forecast as project
from engine.load.rules_check import valid_date
from engine.pipeline import run
from engine.render import formats
from engine.render.problems import one_line
from engine.report.document import build
from engine.summarise.compare import compare as compare_summaries
from engine.text import t

WORKBOOK_SUFFIXES = (".xlsx", ".xls")  # a workbook comes with --workbook, not as the report


@click.command("report")
@snapshot_option
@rules_option
@datasets_option
@unit_option
@format_option("report", help=t("cli.report_format_help", "zh"))
@output_option
@click.option("--workbook", type=UserPath(dir_okay=False), default=None, metavar="PATH",
              help=t("cli.workbook_help", "zh"))
@lang_option
@click.option("--against", metavar="DATE", default=None, help=t("cli.report_against_help", "zh"))
def report(snapshot_date, rules_dir, datasets_dir, unit, fmt, output, workbook, lang, against):
    """生成报告格式的 Markdown、HTML 或 Word：建设任务、标志性成果、绩效指标完成情况、未完成原因、预算执行。"""
    fmt = fmt or _format_of(output)
    require_output(formats.get(fmt), output)
    if workbook and output and os.path.abspath(workbook) == os.path.abspath(output):
        raise click.UsageError(t("cli.workbook_is_output", "zh"))
    if against is not None:
        check_order(snapshot_date, against)
    done = run(rules_dir, datasets_dir, snapshot_date, lang, unit)
    warn(done.messages)
    inputs, evaluated = list(done.inputs), {done.summary.snapshot: done.summary}
    comparison = None
    if against is not None:  # a wrong --against date fails before the slow part
        before = run(rules_dir, datasets_dir, against, lang, unit, rules=done.rules, quiet=True)
        inputs += before.snapshot.files
        comparison = compare_summaries(before.summary, done.summary)
        evaluated[before.summary.snapshot] = before.summary
    history = []
    dates = snapshot_dates(datasets_dir)
    with progress_bar.bar(len(dates), t("cli.evaluating_snapshots", lang)) as step:
        for date in dates:
            step(1)
            if date in evaluated:
                history.append((date, evaluated[date]))
                continue
            try:
                other = run(rules_dir, datasets_dir, date, lang, unit, rules=done.rules, quiet=True, progress=False)
            except InputError as exc:
                history.append((date, one_line(exc.problems[0], lang)))
                continue
            history.append((date, other.summary))
            inputs += other.snapshot.files
    doc = build(done.summary, causes=done.rules.causes, history=history, comparison=comparison,
                forecast=_forecast(history, done, lang))
    text = formats.renderer("report", fmt)(doc)
    if workbook is not None:  # both written only when both can be: the text first is checked, then the book
        book = formats.renderer("summary", "xlsx")(done.summary, False)
        write_atomic(Path(workbook), book, inputs + ([Path(output)] if output else []))
    emit(text, output, inputs)


def _forecast(history, done, lang):
    """The forecast from every snapshot up to the report's that could be evaluated; None with fewer than two."""
    upto = [(d, s) for d, s in history if d <= done.summary.snapshot and not isinstance(s, str)]
    return project(upto, done.rules, lang) if len(upto) >= 2 else None


def _format_of(output) -> str:
    if output and Path(output).suffix.lower() in WORKBOOK_SUFFIXES:
        raise click.BadParameter(t("cli.report_not_workbook", "zh"), param_hint="--output")
    return formats.for_output("report", output) or "markdown"


def snapshot_dates(datasets_dir) -> list[str]:
    """The snapshot folders in datasets/, oldest first."""
    folder = Path(datasets_dir)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if p.is_dir() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.name) and valid_date(p.name))


command = report  # the name engine/cli/app.py loads
