"""`jixiao explain`: one indicator's whole decision, read from the evaluation's record."""
from __future__ import annotations

import click

from engine.authoring.explain import explain
from engine.cli.options import datasets_option, lang_option, rules_option, snapshot_option, unit_option
from engine.render.explain import FORMATS


@click.command("explain")
@click.argument("indicator_id", metavar="ID")
@snapshot_option
@unit_option
@rules_option
@datasets_option
@click.option("--format", "fmt", default="text", show_default=True, type=click.Choice(list(FORMATS)),
              help="text：中文说明；json：同样的过程，作为数据")
@lang_option
def command(indicator_id, snapshot_date, unit, rules_dir, datasets_dir, fmt, lang):
    """说明一个指标在某一快照的完整判断过程：规则、适用的阶段目标、实际值来源、达标与超额条件、状态、标记、原因。"""
    trace = explain(indicator_id, rules_dir, datasets_dir, snapshot_date, unit, lang)
    click.echo(FORMATS[fmt](trace, lang), nl=False)
