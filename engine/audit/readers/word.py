"""Word (.docx), read with python-docx: headings by their style (Heading n / 标题 n) or numbering,
tables as they are; a paragraph's place is its number in the body, a row's its number in the table."""
from __future__ import annotations

import zipfile

from engine.audit.document import Document, Paragraph, Row, Table
from engine.audit.readers.plain import heading as numbered_heading
from engine.core.problems import InputError, Problem
from engine.text.audit_vocabulary import CAPTION, HEADING_STYLES

SUFFIXES = (".docx",)


def read(path) -> Document:
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph as DocxParagraph
        book = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError([Problem("audit.bad_docx", str(path), params={"reason": type(exc).__name__})]) from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and XML errors
        raise InputError([Problem("audit.bad_docx", str(path), params={"reason": type(exc).__name__})]) from None
    doc = Document(str(path))
    section, caption, number = "", "", 0
    for child in book.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            number += 1
            par = DocxParagraph(child, book)
            text = par.text.strip()
            if not text:
                continue
            style = (par.style.name if par.style is not None else "") or ""
            if style.lower().startswith(HEADING_STYLES) or numbered_heading(text):
                section = text
                doc.headings.append((number, text))
                continue
            if CAPTION.match(text):
                caption = CAPTION.match(text).group(1).strip()
                continue
            doc.paragraphs.append(Paragraph(text, [number] * len(text), section, str(path), "paragraph"))
        elif tag == "tbl":
            rows = [[cell.text.strip() for cell in row.cells] for row in DocxTable(child, book).rows]
            if len(rows) < 2:
                continue
            table = Table(caption or section, rows[0], [Row(cells, n) for n, cells in enumerate(rows[1:], start=2)],
                          section, str(path), 1, "paragraph")
            doc.tables.append(table)
            caption = ""
    return doc
