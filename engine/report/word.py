"""The report document as a Word file (python-docx): the title, each unit's sections as headings,
paragraphs, tables with the HTML report's header and status colours, and each chart as a native Word
chart (word_chart.py) followed by the table of its figures. A section whose only content says it was left out
(a ledger table the rules do not define) is simply absent, and the remaining sections are numbered
anew. Same document → same bytes: the core properties and the zip entries carry fixed times."""
from __future__ import annotations

import datetime as dt
import io

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from engine.core.safe_text import visible  # python-docx refuses control characters too
from engine.render.colours import FLAG_FILL, HEADER_FILL, STATUS_FILL
from engine.render.zipped import fixed_zip
from engine.report.context import numbered
from engine.report.document import Chart, Para, Section, Table
from engine.report.word_chart import add_chart
from engine.text import t

FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)  # created / modified: fixed, so output is reproducible
NOTE_GREY = RGBColor(0x66, 0x66, 0x66)


def render(doc) -> bytes:
    word = new_document()
    _fonts(word, doc.lang)
    word.add_heading(visible(doc.title), level=0)
    sub = word.add_paragraph(visible(doc.subtitle))
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    several = len(doc.parts) > 1
    for section in doc.overview:
        _section(word, section, 1, section.title, doc.lang)
    for part in doc.parts:
        if several:
            word.add_heading(visible(part.name), level=1)
        kept = [s for s in part.sections if present(s)]
        for n, section in enumerate(kept):
            old = part.sections.index(section)
            _section(word, section, 2 if several else 1, _renumbered(section.title, old, n, doc.lang), doc.lang)
    for note in doc.notes:
        _para(word, Para(note, "note"))
    props = word.core_properties
    props.author, props.last_modified_by, props.title = "jixiao", "jixiao", doc.title
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    raw = io.BytesIO()
    word.save(raw)
    return fixed_zip(raw.getvalue())


def present(block) -> bool:
    """Whether a block has anything to show: a paragraph not marked omitted, a table, a chart, or a
    section with such a block."""
    if isinstance(block, Para):
        return not getattr(block, "omitted", False)
    if isinstance(block, Section):
        return any(present(b) for b in block.blocks)
    return True


def _renumbered(title: str, old: int, new: int, lang: str) -> str:
    """The section's title with its number (一、 …) as it is among the sections kept."""
    prefix = numbered(old, lang)
    return numbered(new, lang) + title[len(prefix):] if title.startswith(prefix) else title


def _fonts(word, lang: str) -> None:
    """Chinese text in a Chinese font (Word otherwise picks one per machine)."""
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5"):
        style = word.styles[name]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), t("forms.font", "zh"))
    word.styles["Normal"].font.size = Pt(10.5)


def _section(word, section: Section, depth: int, title: str, lang: str) -> None:
    word.add_heading(visible(title), level=min(depth, 9))
    for block in section.blocks:
        if not present(block):
            continue
        if isinstance(block, Section):
            _section(word, block, depth + 1, block.title, lang)
        elif isinstance(block, Para):
            _para(word, block)
        elif isinstance(block, Table):
            _table(word, block.title, block.head, [[(c.text, c.cls) for c in row] for row in block.rows],
                   block.numeric, [(c.text, c.cls) for c in block.total] if block.total else None)
        elif isinstance(block, Chart):
            add_chart(word, block)
            head = [""] + [s.name for s in block.series]
            rows = [[(c, "")] + [(s.texts[k], "") for s in block.series] for k, c in enumerate(block.categories)]
            _table(word, t("forms.chart_table", lang, title=block.title), head, rows,
                   [False] + [True] * len(block.series), None)
        else:
            raise TypeError(f"unknown block {type(block).__name__}")


def _para(word, block: Para) -> None:
    p = word.add_paragraph()
    run = p.add_run(visible(block.text))
    if block.kind == "note":
        run.italic = True
        run.font.color.rgb = NOTE_GREY
    else:
        p.paragraph_format.first_line_indent = Pt(21)


def _table(word, title: str, head: list, rows: list, numeric: list, total) -> None:
    if title:
        cap = word.add_paragraph()
        cap.add_run(visible(title)).bold = True
        cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    numeric = list(numeric) + [False] * (len(head) - len(numeric))
    body = rows + ([total] if total else [])
    table = word.add_table(rows=1 + len(body), cols=len(head))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [head] + [[text for text, _ in row] for row in body])
    for n, text in enumerate(head):
        _cell(table.rows[0].cells[n], text, HEADER_FILL, bold=True, right=False)
    _repeat_header(table.rows[0])
    for r, row in enumerate(body, start=1):
        bold = total is not None and r == len(body)
        for n, (text, cls) in enumerate(row[:len(head)]):
            _cell(table.rows[r].cells[n], text, _fill(cls), bold=bold, right=numeric[n])
    word.add_paragraph()


def _widths(table, rows: list) -> None:
    """Columns as wide as their text needs (a long 说明 gets room, a count does not), in the page's
    16 cm; Word and LibreOffice would otherwise give every column the same width."""
    need = [min(max(text_width(str(r[k]) if k < len(r) else "") for r in rows), 60.0) + 2.0
            for k in range(len(rows[0]))]
    floor = Cm(1.4)  # an id (S206) or a status (正在推进) on one line
    short = [k for k, n in enumerate(need) if Cm(16) * n / sum(need) < floor]
    rest = Cm(16) - floor * len(short)
    longer = sum(n for k, n in enumerate(need) if k not in short) or 1.0
    table.autofit = False
    for k, column in enumerate(table.columns):
        share = Emu(int(floor if k in short else rest * need[k] / longer))
        column.width = share
        for cell in column.cells:
            cell.width = share


def text_width(text: str) -> float:
    """About how many Latin characters wide: a CJK character counts two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _fill(cls: str) -> str | None:
    for part in (cls or "").split():
        kind, _, name = part.partition("-")
        found = STATUS_FILL.get(name) if kind == "status" else FLAG_FILL.get(name) if kind == "flag" else None
        if found:
            return found
    return None


def _cell(cell, text: str, fill: str | None, bold: bool, right: bool) -> None:
    p = cell.paragraphs[0]
    run = p.add_run(visible(text))
    run.bold = bold or None
    run.font.size = Pt(9)
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if fill:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    """The header row repeated on every page a long table runs over."""
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)

