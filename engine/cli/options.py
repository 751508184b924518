"""Command-line options shared by several commands, so each reads and behaves the same."""
from __future__ import annotations

from pathlib import Path

import click

from engine.render import formats


def snapshot_option(f):
    return click.option("--snapshot", "snapshot_date", required=True, metavar="DATE",
                        help="快照日期，即 datasets/ 下的文件夹名，如 2021-12-31")(f)


def rules_option(f):
    return click.option("--rules", "rules_dir", default="rules", show_default=True,
                        type=click.Path(path_type=Path), help="规则目录")(f)


def datasets_option(f):
    return click.option("--datasets", "datasets_dir", default="datasets", show_default=True,
                        type=click.Path(path_type=Path), help="数据快照目录")(f)


def unit_option(f):
    return click.option("--unit", default=None, help="只输出这个单位")(f)


def lang_option(f):
    return click.option("--lang", default="zh", show_default=True, type=click.Choice(["zh", "en"]), help="语言")(f)


def output_option(f):
    return click.option("--output", type=click.Path(path_type=Path), default=None,
                        help="写入文件（默认输出到屏幕）；整体写入，不覆盖输入文件")(f)


def format_option(kind: str, default: str | None = None, help: str = ""):
    """--format: the formats of the registry (engine/render/formats) that write this kind of result."""
    def decorate(f):
        return click.option("--format", "fmt", default=default, show_default=default is not None,
                            type=click.Choice(formats.choices(kind)), help=help)(f)
    return decorate
