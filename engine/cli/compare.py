"""`jixiao compare`: evaluate two snapshots with the same rules and show what changed
(engine/summarise/compare.py), in a format of the registry (engine/render/formats)."""
from __future__ import annotations

import re

import click

from engine.cli.emit import emit, warn
from engine.cli.options import (datasets_option, format_option, lang_option, output_option, rules_option,
                                snapshot_option, unit_option)
from engine.load.rules import load_rules
from engine.pipeline import run
from engine.render import formats
from engine.summarise.compare import compare as compare_summaries
from engine.text import t

ISO = re.compile(r"\d{4}-\d{2}-\d{2}$")


@click.command("compare")
@snapshot_option
@click.option("--against", "against_date", required=True, metavar="DATE", help=t("cli.against_help", "zh"))
@rules_option
@datasets_option
@unit_option
@format_option("comparison", "table", help=t("cli.format_help", "zh"))
@output_option
@lang_option
def compare(snapshot_date, against_date, rules_dir, datasets_dir, unit, fmt, output, lang):
    """对比两个快照：新达成、恢复、新落后、仍落后的指标，以及各统计行和评分的变化。"""
    check_order(snapshot_date, against_date)
    rules = load_rules(rules_dir)
    before = run(rules_dir, datasets_dir, against_date, lang, unit, rules=rules, progress=True)
    warn(before.messages)
    after = run(rules_dir, datasets_dir, snapshot_date, lang, unit, rules=rules, progress=True)
    warn(after.messages)
    result = compare_summaries(before.summary, after.summary)
    emit(formats.renderer("comparison", fmt)(result, rules.settings, lang), output, before.inputs + after.inputs)


def check_order(snapshot_date: str, against_date: str) -> None:
    """--against names the earlier snapshot."""
    if ISO.match(snapshot_date) and ISO.match(against_date) and against_date >= snapshot_date:
        raise click.UsageError(t("cli.against_not_earlier", "zh", against=against_date, snapshot=snapshot_date))


command = compare  # the name engine/cli/app.py loads
