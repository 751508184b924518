"""Command-line options shared by several commands, so each reads and behaves the same."""
from __future__ import annotations

import os
from pathlib import Path

import click

from engine.render import formats
from engine.text import t

class UserPath(click.Path):
    """A path typed by the user, refused at once (exit 2) when the system could not open it for its
    length: a name over 255 bytes or a path over 4096 (ENAMETOOLONG deep inside would be a defect)."""

    NAME_MAX, PATH_MAX = 255, 4096

    def convert(self, value, param, ctx):
        text = os.fsdecode(value) if isinstance(value, (bytes, os.PathLike)) else str(value)
        size = len(os.fsencode(text))
        longest = max((len(os.fsencode(part)) for part in text.split(os.sep)), default=0)
        if size > self.PATH_MAX or longest > self.NAME_MAX:
            self.fail(t("limits.path_too_long", "zh", start=text[:40], size=size, longest=longest,
                        path_max=self.PATH_MAX, name_max=self.NAME_MAX), param, ctx)
        return super().convert(value, param, ctx)


# Help is shown in Chinese: click reads the options before --lang is known (engine/text/cli.py)


def snapshot_option(f):
    return click.option("--snapshot", "snapshot_date", required=True, metavar="DATE",
                        help=t("cli.snapshot_help", "zh"))(f)


def rules_option(f):
    return click.option("--rules", "rules_dir", default="rules", show_default=True,
                        type=UserPath(path_type=Path), help=t("cli.rules_help", "zh"))(f)


def datasets_option(f):
    return click.option("--datasets", "datasets_dir", default="datasets", show_default=True,
                        type=UserPath(path_type=Path), help=t("cli.datasets_help", "zh"))(f)


def unit_option(f):
    return click.option("--unit", default=None, help=t("cli.unit_help", "zh"))(f)


def lang_option(f):
    return click.option("--lang", default="zh", show_default=True, type=click.Choice(["zh", "en"]), help=t("cli.lang_help", "zh"))(f)


def output_option(f):
    return click.option("--output", type=UserPath(path_type=Path), default=None,
                        help=t("cli.output_help", "zh"))(f)


def format_option(kind: str, default: str | None = None, help: str = ""):
    """--format: the formats of the registry (engine/render/formats) that write this kind of result."""
    def decorate(f):
        return click.option("--format", "fmt", default=default, show_default=default is not None,
                            type=click.Choice(formats.choices(kind)), help=help)(f)
    return decorate
