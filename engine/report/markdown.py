"""The report document as Markdown: headings, paragraphs, pipe tables; charts become data tables."""
from __future__ import annotations

from engine.render import md
from engine.report.document import Chart, Para, Section, Table


def table_lines(head, rows, numeric, total=None, title="") -> list[str]:
    return md.compact_table(head, [[c.text for c in row] for row in rows], numeric,
                            [c.text for c in total] if total else None, title)


def block_lines(block, depth: int) -> list[str]:
    if isinstance(block, Para):
        return md.quote(block.text) if block.kind == "note" else md.para(block.text)
    if isinstance(block, Table):
        return table_lines(block.head, block.rows, block.numeric, block.total, block.title)
    if isinstance(block, Chart):
        head = [""] + [s.name for s in block.series]
        rows = [[c] + [s.texts[k] for s in block.series] for k, c in enumerate(block.categories)]
        return md.compact_table(head, rows, [False] + [True] * len(block.series), title=block.title)
    if isinstance(block, Section):
        lines = md.heading(depth, block.title)
        for inner in block.blocks:
            lines += block_lines(inner, depth + 1)
        return lines
    raise TypeError(f"unknown block {type(block).__name__}")


def render(doc) -> str:
    out = [*md.heading(1, doc.title), *md.para(doc.subtitle)]
    several = len(doc.parts) > 1
    for section in doc.overview:
        out += block_lines(section, 1)
    for part in doc.parts:
        if several:
            out += md.heading(1, part.name)
        for section in part.sections:
            out += block_lines(section, 2)
    for note in doc.notes:
        out += md.quote(note)
    return "\n".join(out).rstrip() + "\n"
