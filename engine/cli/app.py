"""The jixiao command line: load rules → validate → load snapshot → evaluate → summarise → render."""
from __future__ import annotations

import os
import sys
import click

from engine.cli import click_zh
from engine.cli.options import (datasets_option, format_option, lang_option, output_option, rules_option,
                                snapshot_option, unit_option)
from engine.cli.emit import emit, require_output, warn
from engine.core.exit import ExitCode
from engine.pipeline import run
from engine.render.problems import human
from engine.core.problems import InputError
from engine.text import t
from engine.render import formats

SEVERITY = {"in_progress": ("in_progress", "not_achieved", "missing", "error"),
            "not_achieved": ("not_achieved", "error")}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jixiao", help=t("cli.version_help", "zh"), message=t("cli.version", "zh"))
def cli():
    """jixiao 绩效：用 YAML 规则评估“双高计划”绩效指标。"""


@cli.command()
@snapshot_option
@rules_option
@datasets_option
@unit_option
@format_option("summary", help=t("cli.evaluate_format_help", "zh", suffixes="、".join(formats.suffixes("summary"))))
@output_option
@click.option("--exceptions-only", is_flag=True, help=t("cli.exceptions_only_help", "zh"))
@lang_option
@click.option("--fail-on", type=click.Choice(list(SEVERITY)), default=None,
              help=t("cli.fail_on_help", "zh"))
def evaluate(snapshot_date, rules_dir, datasets_dir, unit, fmt, output, exceptions_only, lang, fail_on):
    """评估某一快照日期的全部指标。"""
    fmt = fmt or formats.for_output("summary", output) or "table"
    require_output(formats.get(fmt), output)
    done = run(rules_dir, datasets_dir, snapshot_date, lang, unit)
    warn(done.messages)
    emit(formats.renderer("summary", fmt)(done.summary, exceptions_only), output, done.inputs)
    if fail_on and any(i["status"] in SEVERITY[fail_on] for i in done.summary.indicators):
        sys.exit(ExitCode.FINDINGS)


# Further commands live in their own modules and are registered here.
from engine.cli.validate import command as validate_command  # noqa: E402
cli.add_command(validate_command)
from engine.cli.explain import command as explain_command  # noqa: E402
cli.add_command(explain_command)
from engine.cli.test import command as test_command  # noqa: E402
cli.add_command(test_command)
from engine.cli.init import command as init_command  # noqa: E402
cli.add_command(init_command)
from engine.cli.new import group as new_group  # noqa: E402
cli.add_command(new_group)
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
        return t("cli.missing_option", "zh", name=name, detail=exc.format_message())
    if isinstance(exc, click.NoSuchOption):
        near = t("cli.did_you_mean", "zh", near="、".join(exc.possibilities)) if exc.possibilities else ""
        return t("cli.no_such_option", "zh", name=exc.option_name, near=near)
    if isinstance(exc, click.BadParameter) and param is not None and isinstance(param.type, click.Choice):
        return t("cli.bad_choice", "zh", name=name, choices="、".join(map(str, param.type.choices)))
    if isinstance(exc, click.BadParameter):
        return t("cli.bad_value", "zh", name=name or exc.param_hint, detail=exc.message)
    return exc.format_message()


def main(argv=None):
    if _lang(argv if argv is not None else sys.argv[1:]) == "zh":
        click_zh.use_chinese()
    try:
        cli.main(args=argv, prog_name="jixiao", standalone_mode=False)
    except InputError as exc:
        click.echo(human(exc.problems, _lang(argv if argv is not None else sys.argv[1:])), err=True, nl=False)
        sys.exit(ExitCode.INPUT)
    except (click.exceptions.Abort, KeyboardInterrupt):  # Ctrl+C, or Ctrl+D at a prompt
        click.echo(t("cli.interrupted", _lang(argv if argv is not None else sys.argv[1:])), err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except click.ClickException as exc:
        command = exc.ctx.command_path if getattr(exc, "ctx", None) else "jixiao"
        click.echo(t("cli.usage_error", "zh", text=_usage_text(exc), command=command), err=True)
        sys.exit(ExitCode.INPUT)
    except Exception as exc:  # a defect of ours: say so plainly; JIXIAO_DEBUG=1 shows the traceback
        if os.environ.get("JIXIAO_DEBUG"):
            raise
        click.echo(t("cli.defect", "zh", kind=type(exc).__name__, text=exc), err=True)
        sys.exit(ExitCode.DEFECT)


if __name__ == "__main__":
    main()
