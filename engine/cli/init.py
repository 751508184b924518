"""`jixiao init FOLDER`: a new college's workspace (engine/authoring/workspace.py)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from engine.cli.options import UserPath
from engine.authoring.workspace import create_workspace, default_snapshot
from engine.core.dates import iso_date
from engine.core.paths import display
from engine.text import t

EXECUTION = {"budget": "budget", "arrived": "arrived"}  # the choice, also as the funds ledger's columns say it
EXECUTION.update({t(f"snapshots.base_{k}", "zh"): k for k in ("budget", "arrived")})


def _college_name(_ctx, _param, value: str) -> str:
    value = value.strip()
    if not value or any(c in value for c in "\n\r\t"):
        raise click.BadParameter(t("workspace.college_blank", "zh"), param_hint="--college")
    return value


def _date(_ctx, _param, value):
    if value is not None and not iso_date(value.strip()):
        raise click.BadParameter(t("snapshots.bad_date", "zh", value=value), param_hint="--snapshot")
    return value.strip() if value else value


def _execution(_ctx, _param, value):
    if value.strip() not in EXECUTION:
        raise click.BadParameter(t("snapshots.help_execution", "zh"), param_hint="--execution-base")
    return EXECUTION[value.strip()]


@click.command("init")
@click.argument("folder", type=UserPath(path_type=Path))
@click.option("--year", type=click.IntRange(1990, 2200), default=None, help=t("workspace.help_year", "zh"))
@click.option("--start", type=click.IntRange(1990, 2200), default=None, help=t("snapshots.help_start", "zh"))
@click.option("--snapshot", "snapshot", default=None, metavar="DATE", callback=_date,
              help=t("snapshots.help_snapshot", "zh"))
@click.option("--execution-base", "execution", default="budget", show_default=True, metavar="budget|arrived",
              callback=_execution, help=t("snapshots.help_execution", "zh"))
@click.option("--college", default=t("workspace.default_college", "zh"), show_default=True,
              help=t("workspace.help_college", "zh"), callback=_college_name)
def command(folder, year, start, snapshot, execution, college):
    """新建一所学校的工作区：示例规则（每种指标类型一个文件，另有到位率和执行率）、规则测试、数据快照、数值表模板和资金、预算、成果台账（XLSX）。

    建设期开始的年份（--start）和第一个快照的日期（--snapshot）分开写；--year 同时设定两者（快照为该年 12 月 31 日）。在建设期中途建立的工作区，例如：

    \b
      jixiao init 某学院 --start 2019 --snapshot 2021-12-31

    FOLDER 必须不存在或是空文件夹。"""
    start = start or year or dt.date.today().year
    snapshot = snapshot or (f"{year}-12-31" if year else default_snapshot(start))
    end = f"{start + 4}-12-31"
    if not f"{start}-01-01" <= snapshot <= end:
        raise click.BadParameter(t("snapshots.snapshot_outside", "zh", date=snapshot, start=f"{start}-01-01", end=end),
                                 param_hint="--snapshot")
    create_workspace(folder, start, college, snapshot, execution)
    click.echo(t("workspace.created", "zh", dir=display(folder), year=snapshot[:4], date=snapshot))
