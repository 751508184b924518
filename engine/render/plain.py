"""Plain text for the terminal, written once: underlined titles, 【headings】, bulleted items and
aligned tables. Widths count a Chinese character as two columns (wcwidth), as a terminal shows it."""
from __future__ import annotations

from tabulate import tabulate
from wcwidth import wcswidth

from engine.render.blocks import Grid
from engine.text import t


def title(text: str) -> list[str]:
    return [text, "=" * wcswidth(text), ""]


def heading(text: str, lang: str = "zh") -> str:
    return t("render.heading", lang, title=text)


def item(text: str) -> str:
    return f"- {text}"


def detail(text: str) -> str:
    """A line under a numbered item ("1. …"), indented to its text."""
    return f"   {text}"


def table(head: list, rows: list, align: tuple | None = None) -> str:
    return tabulate(rows, headers=head, disable_numparse=True, colalign=align)


def lines(items: list) -> list[str]:
    """Lines, grids and lists (engine/render/blocks.py) as text lines."""
    out = []
    for x in items:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, Grid):
            out.append(table(x.head, x.rows, x.align))
        else:
            out += [item(y) for y in x.lines]
    return out


def titled(block, lang: str = "zh") -> list[str]:
    """A blocks.Titled: its 【title】, then its items."""
    return [heading(block.title, lang), *lines(block.items)]
