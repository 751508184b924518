"""click's own words (Usage:, Options, [required] …) in Chinese, for --help.

click looks its words up through gettext at the moment it prints them; no catalogue ships for
Chinese, so jixiao gives those lookups its own small table (engine/text/click.py). A word not in the table stays as
click wrote it (a newer click with other words loses nothing but the translation)."""
from __future__ import annotations

import click.core
import click.decorators
import click.formatting

from engine.text.click import WORDS

MODULES = (click.core, click.decorators, click.formatting)


def _zh(message: str) -> str:
    return WORDS.get(message, message)


def use_chinese() -> None:
    for module in MODULES:
        if hasattr(module, "_"):
            module._ = _zh
