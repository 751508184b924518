"""`jixiao explain`: one indicator's whole decision, read from the evaluation's record."""
from __future__ import annotations

import click

from engine.authoring.explain import explain
from engine.cli.options import datasets_option, format_option, lang_option, rules_option, snapshot_option, unit_option
from engine.render import formats
from engine.text import t
from engine.core.safe_text import visible


@click.command("explain", help=t("cli.explain_help", "zh"))
@click.argument("indicator_id", metavar="ID")
@snapshot_option
@unit_option
@rules_option
@datasets_option
@format_option("trace", "text", t("cli.explain_format", "zh"))
@lang_option
def command(indicator_id, snapshot_date, unit, rules_dir, datasets_dir, fmt, lang):
    """One indicator's whole decision, read from the evaluation's record (help: the catalogue)."""
    trace = explain(indicator_id, rules_dir, datasets_dir, snapshot_date, unit, lang)
    click.echo(visible(formats.renderer("trace", fmt)(trace, lang)), nl=False)
