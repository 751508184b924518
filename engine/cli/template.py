"""`jixiao template DATE`: the value table of an existing snapshot rebuilt from the current rules,
keeping what was typed (engine/authoring/snapshots.py; the same as `new snapshot DATE --refresh`)."""
from __future__ import annotations

import click

from engine.authoring import snapshots
from engine.cli.new import say_refreshed
from engine.cli.options import datasets_option, lang_option, rules_option
from engine.text import t


@click.command("template", help=t("snapshots.template_help", "zh"))
@click.argument("date", metavar="DATE")
@rules_option
@datasets_option
@lang_option
def command(date, rules_dir, datasets_dir, lang):
    say_refreshed(snapshots.refresh_values(rules_dir, datasets_dir, date), lang)
