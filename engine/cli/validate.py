"""The `validate` command: its options and its printing; engine/check decides what is found and
which of it is listed."""
from __future__ import annotations

from pathlib import Path

import click

from engine.check.paths import Found, validate_paths
from engine.cli.options import datasets_option, lang_option, rules_option
from engine.core.exit import ExitCode
from engine.core.paths import display
from engine.render.problems import FORMATS
from engine.text import t


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@rules_option
@datasets_option
@click.option("--format", "fmt", default="human", show_default=True, type=click.Choice(list(FORMATS)),
              help=t("validate.format_help", "zh"))
@lang_option
def command(paths, rules_dir, datasets_dir, fmt, lang):
    """检查规则与数据快照，一次列出全部问题（文件:行:列、级别、代码、说明与修改方法）。

    PATH 可以是规则目录或规则文件、数据目录、某个快照目录或其中的文件；只列出这些路径中的问题。
    不写 PATH 时检查 --rules 与 --datasets 中的全部快照。有错误时退出码为 2，只有警告时为 0。
    """
    found = validate_paths(paths, rules_dir, datasets_dir)
    click.echo(FORMATS[fmt](found.listed, lang), nl=False)
    if fmt == "human" and found.report is not None:
        click.echo(checked_text(found, lang), nl=False)
    if found.errors:
        raise SystemExit(ExitCode.INPUT)


def checked_text(found: Found, lang: str) -> str:
    """The line under the human format: what was checked, and how many problems are not listed."""
    report = found.report
    dates = "、".join(report.snapshots) if report.snapshots else t("validate.no_snapshots", lang)
    text = t("validate.checked", lang, rules=display(report.rules_dir), count=report.indicators, dates=dates)
    if found.hidden:
        text += t("validate.hidden", lang, hidden=found.hidden)
    return text + "\n"
