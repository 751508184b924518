"""The `validate` command: its options and its printing; engine/check decides what is found and
which of it is listed."""
from __future__ import annotations

from pathlib import Path

import click

from engine.check.paths import Found, validate_paths
from engine.cli.options import UserPath, datasets_option, format_option, lang_option, rules_option
from engine.core.exit import ExitCode
from engine.core.paths import display
from engine.render import formats
from engine.text import t
from engine.core.safe_text import visible


@click.command("validate", help=t("validate.command_help", "zh"))
@click.argument("paths", nargs=-1, type=UserPath(path_type=Path))
@rules_option
@datasets_option
@format_option("problems", "human", t("validate.format_help", "zh"))
@lang_option
def command(paths, rules_dir, datasets_dir, fmt, lang):
    """Every problem of the rules and snapshots, listed (help: the catalogue)."""
    found = validate_paths(paths, rules_dir, datasets_dir)
    click.echo(visible(formats.renderer("problems", fmt)(found.listed, lang)), nl=False)
    if fmt == "human" and found.report is not None:
        click.echo(visible(checked_text(found, lang)), nl=False)
    if found.errors:
        raise SystemExit(ExitCode.INPUT)


def checked_text(found: Found, lang: str) -> str:
    """The line under the human format: what was checked, and how many problems are not listed."""
    report = found.report
    dates = list(report.snapshots) or t("validate.no_snapshots", lang)
    text = t("validate.checked", lang, rules=display(report.rules_dir), count=report.indicators, dates=dates)
    if found.hidden:
        text += t("validate.hidden", lang, hidden=found.hidden)
    return text + "\n"
