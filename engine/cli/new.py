"""`jixiao new indicator`: one indicator asked for field by field (engine/authoring/wizard.py) and
appended to a rule file (engine/authoring/rule_file.py)."""
from __future__ import annotations

from pathlib import Path

import click

from engine.cli.options import UserPath

from engine.authoring import rule_file, wizard
from engine.core.paths import display
from engine.text import t


@click.group("new")
def group():
    """新建规则内容（目前有：indicator 指标）。"""


@group.command("indicator")
@click.option("--file", "file", type=UserPath(path_type=Path, dir_okay=False), default=None,
              help=t("wizard.help_file", "zh"))
def indicator(file):
    """逐项询问一个指标的内容，追加到规则文件末尾（文件其余部分不变），再检查规则能否载入。"""
    if file is None:
        file = wizard.ask_file(rule_file.proposed_file())
    ids, levels, defaults = rule_file.context(file)
    fields = wizard.ask_indicator(ids, levels, defaults)
    line = rule_file.add_indicator(file, fields)
    click.echo(t("wizard.appended", "zh", id=fields["id"], file=display(file), line=line))


command = group  # the name engine/cli/app.py loads
