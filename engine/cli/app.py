"""The jixiao command line: load rules → validate → load snapshot → evaluate → summarise → render."""
from __future__ import annotations

import os
import sys
import click

from engine.cli import click_zh
from engine.cli.options import datasets_option, lang_option, output_option, rules_option, snapshot_option, unit_option
from engine.pipeline import BINARY_NEEDS_OUTPUT, emit, run
from engine.render.problems import human
from engine.core.problems import InputError
from engine.render import RENDERERS

SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".md": "markdown", ".xlsx": "xlsx"}
SEVERITY = {"in_progress": ("in_progress", "not_achieved", "missing", "error"),
            "not_achieved": ("not_achieved", "error")}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jixiao", help="显示版本并退出。", message="%(prog)s 版本 %(version)s")
def cli():
    """jixiao 绩效：用 YAML 规则评估“双高计划”绩效指标。"""


@cli.command()
@snapshot_option
@rules_option
@datasets_option
@unit_option
@click.option("--format", "fmt", default=None, type=click.Choice(list(RENDERERS)),
              help="输出格式；不写时按 --output 的扩展名（.json、.csv、.md、.xlsx），否则为 table")
@output_option
@click.option("--exceptions-only", is_flag=True, help="只输出异常清单")
@lang_option
@click.option("--fail-on", type=click.Choice(list(SEVERITY)), default=None,
              help="有指标处于此状态或更差时退出码为 1（in_progress 含正在推进、未达成、缺失、规则错误）")
def evaluate(snapshot_date, rules_dir, datasets_dir, unit, fmt, output, exceptions_only, lang, fail_on):
    """评估某一快照日期的全部指标。"""
    fmt = fmt or SUFFIX_FORMATS.get(os.path.splitext(str(output or ""))[1].lower(), "table")
    if fmt == "xlsx" and not output:
        raise click.UsageError(BINARY_NEEDS_OUTPUT)
    done = run(rules_dir, datasets_dir, snapshot_date, lang, unit)
    emit(RENDERERS[fmt](done.summary, exceptions_only), output, done.inputs)
    if fail_on and any(i["status"] in SEVERITY[fail_on] for i in done.summary.indicators):
        sys.exit(1)


# Further commands live in their own modules and are registered here.
from engine.cli.validate import command as validate_command  # noqa: E402
cli.add_command(validate_command)
from engine.cli.explain import command as explain_command  # noqa: E402
cli.add_command(explain_command)
from engine.authoring.rule_tests import test_command as _test_command  # noqa: E402
cli.add_command(_test_command)
from engine.authoring.scaffold import init_command as _init_command, new_group as _new_group  # noqa: E402
cli.add_command(_init_command)
cli.add_command(_new_group)
from engine.cli.compare import compare as _compare_command  # noqa: E402
cli.add_command(_compare_command)
from engine.cli.report import report as _report_command  # noqa: E402
cli.add_command(_report_command)


def _lang(args) -> str:
    """The --lang the user asked for, read from the raw arguments (for errors raised before parsing ends)."""
    for n, arg in enumerate(args):
        if arg == "--lang" and n + 1 < len(args):
            return "en" if args[n + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.endswith("=en") else "zh"
    return "zh"


def _usage_text(exc: click.ClickException) -> str:
    """Click's usage errors in Chinese, keeping its own text after them."""
    param = getattr(exc, "param", None)
    name = "/".join(param.opts) if param is not None and getattr(param, "opts", None) else ""
    if isinstance(exc, click.MissingParameter):
        return f"缺少选项 {name}（{exc.format_message()}）"
    if isinstance(exc, click.NoSuchOption):
        near = f"；是不是 {'、'.join(exc.possibilities)}" if exc.possibilities else ""
        return f"没有选项 {exc.option_name}{near}"
    if isinstance(exc, click.BadParameter) and param is not None and isinstance(param.type, click.Choice):
        return f"选项 {name} 的值不对：应为 {'、'.join(map(str, param.type.choices))} 之一"
    if isinstance(exc, click.BadParameter):
        return f"选项 {name or exc.param_hint} 的值不对：{exc.message}"
    return exc.format_message()


def main(argv=None):
    if _lang(argv if argv is not None else sys.argv[1:]) == "zh":
        click_zh.use_chinese()
    try:
        cli.main(args=argv, prog_name="jixiao", standalone_mode=False)
    except InputError as exc:
        click.echo(human(exc.problems, _lang(argv if argv is not None else sys.argv[1:])), err=True, nl=False)
        sys.exit(2)
    except (click.exceptions.Abort, KeyboardInterrupt):  # Ctrl+C, or Ctrl+D at a prompt
        english = _lang(argv if argv is not None else sys.argv[1:]) == "en"
        click.echo("interrupted; no file was written" if english else "已中断，未写入任何文件", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        command = exc.ctx.command_path if getattr(exc, "ctx", None) else "jixiao"
        click.echo(f"用法错误：{_usage_text(exc)}\n运行 {command} --help 查看用法", err=True)
        sys.exit(2)
    except Exception as exc:  # a defect of ours: say so plainly; JIXIAO_DEBUG=1 shows the traceback
        if os.environ.get("JIXIAO_DEBUG"):
            raise
        click.echo(f"jixiao 内部错误（这是程序缺陷，不是您的输入问题，请报告）：{type(exc).__name__}: {exc}\n"
                   "设置环境变量 JIXIAO_DEBUG=1 后重新运行可看到详细信息", err=True)
        sys.exit(3)


if __name__ == "__main__":
    main()
