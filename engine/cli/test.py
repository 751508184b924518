"""`jixiao test`: run the rule tests (engine/authoring/ruletest/)."""
from __future__ import annotations

from pathlib import Path

import click

from engine.authoring.ruletest.report import report
from engine.authoring.ruletest.run import run_all
from engine.authoring.ruletest.suite import load_suite
from engine.cli.options import UserPath, lang_option
from engine.core.exit import ExitCode
from engine.text import t
from engine.core.safe_text import visible


@click.command("test")
@click.argument("paths", nargs=-1, type=UserPath(path_type=Path))
@click.option("--rules", "rules_dir", default=None, type=UserPath(path_type=Path),
              help=t("ruletest.help_rules", "zh"))
@click.option("-k", "keyword", default=None, metavar="TEXT", help=t("ruletest.help_keyword", "zh"))
@click.option("-q", "--quiet", is_flag=True, help=t("ruletest.help_quiet", "zh"))
@lang_option
def command(paths, rules_dir, keyword, quiet, lang):
    """运行规则测试（默认 rules/tests/ 中的 *.yaml）：给定输入，检查每个指标的状态、标记和说明。

    退出码：0 全部通过；1 有失败的用例；2 测试文件或规则有误。"""
    cases, rule_sets = load_suite(paths, rules_dir)
    if keyword:
        cases = [c for c in cases if keyword in c.name]
        if not cases:
            raise click.UsageError(t("ruletest.no_match", lang, keyword=keyword))
    _passed, failed = report(run_all(cases, rule_sets), lang, quiet, lambda text="", **kw: click.echo(visible(text), **kw))
    if failed:
        raise SystemExit(ExitCode.FINDINGS)
