"""`jixiao audit REPORT`: check the figures of a written self-evaluation (engine/audit/), optionally
against the evaluation of a snapshot, in a format of the registry (engine/render/formats)."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from click.core import ParameterSource

from engine.cli.emit import emit, warn
from engine.cli.options import datasets_option, format_option, lang_option, output_option, rules_option, unit_option
from engine.core.exit import ExitCode
from engine.core.problems import InputError, Problem
from engine.render import formats
from engine.text import t


@click.command("audit", help=t("audit.help", "zh"), short_help=t("audit.short_help", "zh"))
@click.argument("report", type=click.Path(path_type=Path), metavar="REPORT")
@click.option("--snapshot", "snapshot_date", default=None, metavar="DATE", help=t("audit.snapshot_help", "zh"))
@rules_option
@datasets_option
@unit_option
@format_option("audit", help=t("cli.format_help", "zh"))
@output_option
@lang_option
def audit(report, snapshot_date, rules_dir, datasets_dir, unit, fmt, output, lang):
    from engine.audit.results import results_of
    from engine.audit.run import audit as audit_report
    fmt = fmt or formats.for_output("audit", output) or "table"
    given = click.get_current_context().get_parameter_source
    if not snapshot_date and any(given(name) == ParameterSource.COMMANDLINE for name in ("rules_dir", "datasets_dir")):
        raise InputError([Problem("audit.snapshot_needs", str(report))])
    results = None
    if snapshot_date:
        results = results_of(rules_dir, datasets_dir, snapshot_date, lang, unit)
        warn(results.messages)
    found = audit_report(report, results)
    inputs = [report] + (results.inputs if results is not None else [])
    emit(formats.renderer("audit", fmt)(found, lang, snapshot_date), output, inputs)
    if found.findings:
        sys.exit(ExitCode.FINDINGS)


command = audit  # the name engine/cli/app.py loads
