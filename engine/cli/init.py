"""`jixiao init FOLDER`: a new college's workspace (engine/authoring/workspace.py)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from engine.cli.options import UserPath
from engine.authoring.workspace import create_workspace
from engine.core.paths import display
from engine.text import t


def _college_name(_ctx, _param, value: str) -> str:
    value = value.strip()
    if not value or any(c in value for c in "\n\r\t"):
        raise click.BadParameter(t("workspace.college_blank", "zh"), param_hint="--college")
    return value


@click.command("init")
@click.argument("folder", type=UserPath(path_type=Path))
@click.option("--year", type=click.IntRange(1990, 2200), default=None, help=t("workspace.help_year", "zh"))
@click.option("--college", default=t("workspace.default_college", "zh"), show_default=True,
              help=t("workspace.help_college", "zh"), callback=_college_name)
def command(folder, year, college):
    """新建一所学校的工作区：示例规则（每种指标类型一个文件）、规则测试、数据快照和数值表模板（XLSX）。

    FOLDER 必须不存在或是空文件夹。"""
    year = year or dt.date.today().year
    create_workspace(folder, year, college)
    click.echo(t("workspace.created", "zh", dir=display(folder), year=year))
