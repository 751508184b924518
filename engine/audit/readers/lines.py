"""From numbered lines to a Document, for the text formats (Markdown, plain text): paragraphs joined
across page breaks, tables of tab- or pipe-separated rows joined across blank lines."""
from __future__ import annotations

import re

from engine.audit.document import Document, Paragraph, Row, Table
from engine.text.audit_vocabulary import CAPTION, SENTENCE_END

PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")


def cells_of(text: str) -> list | None:
    """A table row's cells (tab-separated, or a Markdown | row), or None for a line of text."""
    if "\t" in text.strip("\n") and len(text.split("\t")) >= 3:
        return [c.strip() for c in text.split("\t")]
    stripped = text.strip()
    if stripped.startswith("|") and stripped.count("|") >= 3:
        return [c.strip() for c in stripped.strip("|").split("|")]
    return None


def build(file: str, lines: list, heading) -> Document:
    """lines: [(line number, text)]; heading(text) → the heading's words, or None for other lines."""
    doc = Document(file)
    section, caption = "", ""
    para: Paragraph | None = None
    table: Table | None = None
    for number, raw in lines:
        text = raw.rstrip("\n")
        if not text.strip():
            continue
        cells = cells_of(text)
        if cells is not None:
            para = None
            if PIPE_RULE.match(text):
                continue
            if table is not None and len(cells) == len(table.header):
                table.rows.append(Row(cells, number))
            else:
                table = Table(caption or section, cells, [], section, file, number)
                doc.tables.append(table)
                caption = ""
            continue
        table = None
        found = heading(text)
        if found is not None:
            section, para = found, None
            doc.headings.append((number, found))
            continue
        plain = text.replace("**", "").strip()
        match = CAPTION.match(plain)
        if match:
            caption, para = match.group(1).strip(), None
            continue
        if para is not None and para.text and para.text[-1] not in SENTENCE_END:
            join = " " if para.text[-1].isascii() and plain[0].isascii() else ""
            para.lines.extend([number] * len(join))
        else:
            para = Paragraph("", [], section, file)
            doc.paragraphs.append(para)
            join = ""
        para.text += join + plain
        para.lines.extend([number] * len(plain))
    return doc
