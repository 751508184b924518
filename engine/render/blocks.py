"""The shape the text layouts share: a grid of cells, a bulleted list, and a titled block of lines,
grids and lists.

Renderers build these; plain.py and md.py lay them out, so a table or Markdown output differs
from its twin only in the syntax those two modules write."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Grid:
    head: list
    rows: list
    align: tuple | None = None  # tabulate's colalign; None: every column left


@dataclass
class Items:
    lines: list  # a bulleted list, one item a line


@dataclass
class Titled:
    title: str
    items: list = field(default_factory=list)  # str (a line) | Grid | Items
