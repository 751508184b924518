"""The report document as Markdown: headings, paragraphs, pipe tables; charts become data tables."""
from __future__ import annotations

from engine.report.document import Cell, Chart, Para, Section, Table


def cell(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def table_lines(head, rows, numeric, total=None, title="") -> list[str]:
    out = [f"**{title}**", ""] if title else []
    numeric = list(numeric) + [False] * (len(head) - len(numeric))
    out.append("| " + " | ".join(cell(x) for x in head) + " |")
    out.append("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
    for row in rows:
        out.append("| " + " | ".join(cell(c.text) for c in row) + " |")
    if total:
        out.append("| " + " | ".join(f"**{cell(c.text)}**" if c.text else "" for c in total) + " |")
    return out + [""]


def block_lines(block, depth: int) -> list[str]:
    if isinstance(block, Para):
        return [("> " if block.kind == "note" else "") + block.text, ""]
    if isinstance(block, Table):
        return table_lines(block.head, block.rows, block.numeric, block.total, block.title)
    if isinstance(block, Chart):
        head = [""] + [s.name for s in block.series]
        rows = [[Cell(c)] + [Cell(s.texts[k]) for s in block.series] for k, c in enumerate(block.categories)]
        return table_lines(head, rows, [False] + [True] * len(block.series), title=block.title)
    if isinstance(block, Section):
        lines = ["#" * min(depth, 6) + " " + block.title, ""]
        for inner in block.blocks:
            lines += block_lines(inner, depth + 1)
        return lines
    raise TypeError(f"unknown block {type(block).__name__}")


def render(doc) -> str:
    out = [f"# {doc.title}", "", doc.subtitle, ""]
    several = len(doc.parts) > 1
    for part in doc.parts:
        if several:
            out += [f"# {part.name}", ""]
        for section in part.sections:
            out += block_lines(section, 2)
    for note in doc.notes:
        out += [f"> {note}", ""]
    return "\n".join(out).rstrip() + "\n"
