"""`jixiao diff OLD NEW`: the 绩效目标调整 table between two versions of the rules (engine/diff/),
and with --snapshot the statuses it flips, in a format of the registry (engine/render/formats)."""
from __future__ import annotations

import click

from engine.cli.emit import emit, require_output, warn
from engine.cli.options import datasets_option, format_option, lang_option, output_option, unit_option
from engine.render import formats
from engine.text import t


@click.command("diff", help=t("diff.help", "zh"), short_help=t("diff.short_help", "zh"))
@click.argument("old", metavar="OLD_RULES")
@click.argument("new", metavar="NEW_RULES")
@click.option("--snapshot", "snapshot_date", default=None, metavar="DATE", help=t("diff.snapshot_help", "zh"))
@datasets_option
@unit_option
@format_option("diff", help=t("cli.format_help", "zh"))
@output_option
@lang_option
def diff(old, new, snapshot_date, datasets_dir, unit, fmt, output, lang):
    from engine.diff.changes import diff_rules
    from engine.diff.flips import flips
    from engine.diff.sources import rule_folder
    from engine.load.rules import load_rules
    fmt = fmt or formats.for_output("diff", output) or "table"
    require_output(formats.get(fmt), output)
    with rule_folder(old) as old_dir, rule_folder(new) as new_dir:
        old_rules, new_rules = load_rules(old_dir), load_rules(new_dir)
        result = diff_rules(old_rules, new_rules, old, new)
        inputs = list(old_rules.files) + list(new_rules.files)
        if snapshot_date:
            result.flips, messages, read = flips(old_dir, new_dir, old_rules, new_rules, datasets_dir,
                                                 snapshot_date, lang, unit)
            result.snapshot = snapshot_date
            warn(messages)
            inputs += read
    emit(formats.renderer("diff", fmt)(result, lang), output, inputs)


command = diff  # the name engine/cli/app.py loads
