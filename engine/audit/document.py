"""What a reader gives the checks: the report's text as paragraphs whose every character knows its
line, and its tables as rows of cells, each under the section heading it sits in."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Place:
    """Where a figure is: the file, its line (or the table and row), and the section heading."""
    file: str
    line: int | None = None
    section: str = ""
    table: str = ""
    row: str = ""
    column: str = ""
    numbering: str = "line"   # line (md, txt) or paragraph (docx: the paragraph's number in the body)

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}


@dataclass
class Paragraph:
    """Text joined across the page breaks of a converted report; lines[i] is the line of text[i]."""
    text: str
    lines: list
    section: str
    file: str
    numbering: str = "line"

    def place(self, offset: int) -> Place:
        line = self.lines[min(max(offset, 0), len(self.lines) - 1)] if self.lines else None
        return Place(self.file, line, self.section, numbering=self.numbering)


@dataclass
class Row:
    cells: list          # the cells as written (text)
    line: int | None     # the line of the row (md, txt) or its number in the table (docx)


@dataclass
class Table:
    title: str           # its caption (表 1 …), or the heading it sits under
    header: list
    rows: list           # [Row], the total row included
    section: str
    file: str
    line: int | None = None
    numbering: str = "line"   # paragraph: a docx table's rows are numbered in the table

    def place(self, row: Row, column: int | None = None) -> Place:
        label = next((c for c in row.cells if c.strip() and not c.strip().isdigit()), row.cells[0] if row.cells else "")
        col = self.header[column] if column is not None and column < len(self.header) else ""
        return Place(self.file, row.line, self.section, self.title, label.strip(), col.strip(), self.numbering)


@dataclass
class Document:
    file: str
    paragraphs: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    headings: list = field(default_factory=list)   # [(line, text)] in order
