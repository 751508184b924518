"""click's own words (Usage:, Options, [required] …) in Chinese, for --help.

click looks its words up through gettext at the moment it prints them; no catalogue ships for
Chinese, so jixiao gives those lookups its own small table. A word not in the table stays as
click wrote it (a newer click with other words loses nothing but the translation)."""
from __future__ import annotations

import click.core
import click.decorators
import click.formatting

WORDS = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
}
MODULES = (click.core, click.decorators, click.formatting)


def _zh(message: str) -> str:
    return WORDS.get(message, message)


def use_chinese() -> None:
    for module in MODULES:
        if hasattr(module, "_"):
            module._ = _zh
