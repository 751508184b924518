"""`jixiao evaluate`: every indicator of one snapshot, rendered in the format asked for."""
from __future__ import annotations

import sys

import click

from engine.cli.emit import emit, require_output, warn
from engine.cli.options import (datasets_option, format_option, lang_option, output_option, rules_option,
                                snapshot_option, unit_option)
from engine.core.exit import ExitCode
from engine.core.statuses import EXCEPTIONS, FINAL_MISS
from engine.pipeline import run
from engine.summarise.records import column
from engine.render import formats
from engine.text import t

SEVERITY = {"in_progress": EXCEPTIONS, "not_achieved": FINAL_MISS + ("error",)}


@click.command("evaluate", help=t("cli.evaluate_help", "zh"))
@snapshot_option
@rules_option
@datasets_option
@unit_option
@format_option("summary", help=t("cli.evaluate_format_help", "zh", suffixes=list(formats.suffixes("summary"))))
@output_option
@click.option("--exceptions-only", is_flag=True, help=t("cli.exceptions_only_help", "zh"))
@click.option("--all", "every", is_flag=True, help=t("cli.all_help", "zh"))
@lang_option
@click.option("--fail-on", type=click.Choice(list(SEVERITY)), default=None, help=t("cli.fail_on_help", "zh"))
def command(snapshot_date, rules_dir, datasets_dir, unit, fmt, output, exceptions_only, every, lang, fail_on):
    """Evaluate, render, and say with the exit code whether anything is at --fail-on or worse."""
    fmt = fmt or formats.for_output("summary", output) or "table"
    require_output(formats.get(fmt), output)
    if every and exceptions_only:
        raise click.UsageError(t("cli.all_or_exceptions", lang))
    done = run(rules_dir, datasets_dir, snapshot_date, lang, unit)
    warn(done.messages)
    summary, inputs = done.summary, done.inputs
    del done  # the snapshot and the decision record: freed before the output is made (a province's is large)
    kind = "pieces" if output and formats.has("pieces", fmt) else "summary"  # a file: written as it comes
    emit(formats.renderer(kind, fmt)(summary, exceptions_only, every), output, inputs)
    if fail_on and any(status in SEVERITY[fail_on] for status in column(summary.indicators, "status")):
        sys.exit(ExitCode.FINDINGS)
