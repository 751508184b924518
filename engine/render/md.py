"""Markdown, written once: headings, paragraphs, quotes, list items and pipe tables.

Every Markdown output (evaluate --format markdown, compare --format markdown, the report) writes
its syntax here. Functions return lines (a padded table: one text of several lines); callers join
them with newlines."""
from __future__ import annotations

from tabulate import tabulate

from engine.render.blocks import Grid


def inert(text) -> str:
    """Text from the inputs (a name, a note, a task) as Markdown shows it, never as HTML that a
    viewer would run or hide (<script>, <img onerror=…>, <!--): < and > as entities."""
    return str(text).replace("<", "&lt;").replace(">", "&gt;")


def escape(text) -> str:
    """A table cell's text: a | or \\ would end or bend the cell, a line break would end the row."""
    return inert(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def heading(level: int, text: str) -> list[str]:
    return [f"{'#' * min(level, 6)} {inert(text)}", ""]


def para(text: str) -> list[str]:
    return [inert(text), ""]


def quote(text: str) -> list[str]:
    return [f"> {inert(text)}", ""]


def item(text: str, depth: int = 0) -> str:
    """A list item; depth 1 sits under a numbered item ("1. …")."""
    return f"{'   ' * depth}- {inert(text)}"


def bold(text: str) -> str:
    return f"**{inert(text)}**"


def table(head: list, rows: list, align: tuple | None = None) -> str:
    """A pipe table padded to line up in a plain editor (tabulate's github style)."""
    return tabulate([[escape(c) for c in row] for row in rows], headers=[escape(x) for x in head],
                    tablefmt="github", disable_numparse=True, colalign=align)


def compact_table(head: list, rows: list, numeric: list, total: list | None = None, title: str = "") -> list[str]:
    """A pipe table without padding (long report cells): numeric columns right-aligned, an optional
    bold total row and a bold title line above it."""
    out = [bold(title), ""] if title else []
    numeric = list(numeric) + [False] * (len(head) - len(numeric))
    out.append("| " + " | ".join(escape(x) for x in head) + " |")
    out.append("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
    for row in rows:
        out.append("| " + " | ".join(escape(c) for c in row) + " |")
    if total:
        out.append("| " + " | ".join(bold(escape(c)) if c else "" for c in total) + " |")
    return out + [""]


def lines(items: list) -> list[str]:
    """Lines, grids and lists (engine/render/blocks.py) as Markdown lines."""
    out = []
    for x in items:
        if isinstance(x, str):
            out.append(inert(x))
        elif isinstance(x, Grid):
            out.append(table(x.head, x.rows, x.align))
        else:
            out += [item(y) for y in x.lines]
    return out


def titled(block, level: int = 2) -> list[str]:
    """A blocks.Titled: a heading, then its items."""
    return [*heading(level, block.title), *lines(block.items)]
