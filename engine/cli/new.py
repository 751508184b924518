"""`jixiao new indicator`: one indicator asked for field by field (engine/authoring/wizard.py) and
appended to a rule file (engine/authoring/rule_file.py). `jixiao new snapshot DATE`: a snapshot
folder made from the current rules (engine/authoring/snapshots.py)."""
from __future__ import annotations

from pathlib import Path

import click

from engine.authoring import rule_file, snapshots, wizard
from engine.cli.options import UserPath, datasets_option, lang_option, rules_option
from engine.core.paths import display
from engine.text import t


@click.group("new")
def group():
    """新建规则内容或数据快照：indicator 指标、snapshot 快照。"""


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


@group.command("snapshot")
@click.argument("date", metavar="DATE")
@rules_option
@datasets_option
@click.option("--from", "source", default=None, metavar="DATE", help=t("snapshots.help_from", "zh"))
@click.option("--empty-ledger", "empty", multiple=True, metavar="NAME", help=t("snapshots.help_empty_ledger", "zh"))
@click.option("--refresh", is_flag=True, help=t("snapshots.help_refresh", "zh"))
@lang_option
def snapshot(date, rules_dir, datasets_dir, source, empty, refresh, lang):
    """新建一个日期的数据快照 datasets/DATE：按当前规则生成数值表 values.xlsx（指标编号、名称、计量单位、
    上期实际值供参考，原因和完成可能性为中文下拉列表），带入上一个快照的台账，写好 manifest.yaml。

    快照已存在时拒绝覆盖；加 --refresh 则按当前规则重建它的数值表，保留已填写的内容（同 jixiao template）。"""
    if refresh and (Path(datasets_dir) / date).is_dir():
        say_refreshed(snapshots.refresh_values(rules_dir, datasets_dir, date), lang)
        return
    done = snapshots.new_snapshot(rules_dir, datasets_dir, date, source, empty)
    say_created(done, rules_dir, datasets_dir, date, lang)


def say_created(done, rules_dir, datasets_dir, date, lang="zh"):
    lines = "".join(t("snapshots.ledger_line", lang, file=f"{entry['file']:<19}", name=entry["name"],
                      how=t("snapshots.ledger_emptied", lang) if entry["emptied"]
                      else t("snapshots.ledger_kept", lang, date=done["previous"] or "-", rows=entry["rows"]
                             if entry["rows"] is not None else "-"))
                    for entry in done["ledgers"])
    previous = t("snapshots.previous", lang, date=done["previous"]) if done["previous"] else ""
    click.echo(t("snapshots.created", lang, dir=display(done["dir"]), count=done["count"], previous=previous,
                 ledgers=lines, rules=display(Path(rules_dir)), datasets=display(Path(datasets_dir)), date=date))


def say_refreshed(done, lang="zh"):
    dropped = t("snapshots.dropped", lang, ids=done["dropped"]) if done["dropped"] else ""
    if done["columns"]:
        dropped += t("snapshots.columns_dropped", lang, columns=done["columns"])
    click.echo(t("snapshots.refreshed", lang, file=display(done["file"]), count=done["count"], kept=done["kept"],
                 dropped=dropped, backup=display(done["backup"])))


command = group  # the name engine/cli/app.py loads
