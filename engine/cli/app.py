"""The jixiao command line: load rules → validate → load snapshot → evaluate → summarise → render."""
from __future__ import annotations

import gc
import importlib
import os
import signal
import sys
import threading

import click

from engine.cli import click_zh
from engine.core.exit import ExitCode
from engine.core.problems import InputError
from engine.core.safe_text import visible
from engine.render.problems import human
from engine.text import t

COMMANDS = {  # name -> the module whose `command` it is; imported only when that command runs
    "audit": "engine.cli.audit", "compare": "engine.cli.compare", "diff": "engine.cli.diff",
    "evaluate": "engine.cli.evaluate", "explain": "engine.cli.explain", "forecast": "engine.cli.forecast", "import": "engine.cli.taskbook",
    "init": "engine.cli.init", "new": "engine.cli.new", "report": "engine.cli.report",
    "template": "engine.cli.template", "test": "engine.cli.test", "validate": "engine.cli.validate",
}


class Commands(click.Group):
    """The commands of COMMANDS: a new command is one module and one line there."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        module = COMMANDS.get(name)
        return importlib.import_module(module).command if module else None


@click.group(cls=Commands, help=t("cli.jixiao_help", "zh"), context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jixiao", help=t("cli.version_help", "zh"), message=t("cli.version", "zh"))
def cli():
    """The jixiao group (help: the catalogue)."""


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
        near = t("cli.did_you_mean", "zh", near=list(exc.possibilities)) if exc.possibilities else ""
        return t("cli.no_such_option", "zh", name=exc.option_name, near=near)
    if isinstance(exc, click.BadParameter) and param is not None and isinstance(param.type, click.Choice):
        return t("cli.bad_choice", "zh", name=name, choices=[str(c) for c in param.type.choices])
    if isinstance(exc, click.BadParameter):
        return t("cli.bad_value", "zh", name=name or exc.param_hint, detail=exc.message)
    return exc.format_message()


def _console() -> None:
    """A console that cannot show every character (PYTHONIOENCODING=big5 or latin-1) shows ? for
    the others instead of failing on the first Chinese word."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):  # closed, or not a text stream after all
                pass


def _terminated(signum, frame):
    raise KeyboardInterrupt  # SIGTERM (kill, a closing session) as Ctrl+C: outputs are left whole or absent


def main(argv=None):
    # A run builds hundreds of thousands of small records and frees them at exit: the collector's
    # default (a pass every 700 allocations) spends a fifth of a province's summary walking them.
    gc.set_threshold(100_000, 50, 100)
    _console()
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        _main(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv):
    if _lang(argv if argv is not None else sys.argv[1:]) == "zh":
        click_zh.use_chinese()
    try:
        cli.main(args=argv, prog_name="jixiao", standalone_mode=False)
    except InputError as exc:
        click.echo(visible(human(exc.problems, _lang(argv if argv is not None else sys.argv[1:]))), err=True, nl=False)
        sys.exit(ExitCode.INPUT)
    except (click.exceptions.Abort, KeyboardInterrupt):  # Ctrl+C, or Ctrl+D at a prompt
        click.echo(t("cli.interrupted", _lang(argv if argv is not None else sys.argv[1:])), err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except click.ClickException as exc:
        command = exc.ctx.command_path if getattr(exc, "ctx", None) else "jixiao"
        click.echo(visible(t("cli.usage_error", "zh", text=_usage_text(exc), command=command)), err=True)
        sys.exit(ExitCode.INPUT)
    except Exception as exc:  # a defect of ours: say so plainly; JIXIAO_DEBUG=1 shows the traceback
        if os.environ.get("JIXIAO_DEBUG"):
            raise
        text = str(exc) if len(str(exc)) <= 300 else str(exc)[:300] + "..."  # a path of 100,000 characters
        click.echo(visible(t("cli.defect", "zh", kind=type(exc).__name__, text=text)), err=True)
        sys.exit(ExitCode.DEFECT)


if __name__ == "__main__":
    main()
