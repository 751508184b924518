"""The same quantity stated twice: a figure of the text against the cell of a table whose row label
(or, for 总投入 / 总额 / 全部 …, the total row) and column words it names, and a total against the
total of the same column in another table of the same section. A figure that equals any cell of its row is taken
as consistent (the text may name the column loosely: 投入 for 实际执行)."""
from __future__ import annotations

from engine.audit.figures import in_cell, in_text
from engine.audit.finding import Finding
from engine.audit.registry import audit_check
from engine.audit.sentences import clause_before, previous_clause, sentence_end, sentence_start
from engine.audit.tables import header_words, is_total, label, number_columns, rate_columns
from engine.text.audit_vocabulary import AMBIGUOUS, COUNTS, GENERIC_HEADER_WORDS, WHOLE_WORDS


@audit_check("restated")
def check_restated(ctx):
    return _text_against_tables(ctx.doc) + _table_against_tables(ctx.doc)


def _bigrams(words: str) -> set:
    return {words[i:i + 2] for i in range(len(words) - 1)}


def _row_for(table, text, pos, every_label, section):
    """The row a figure at pos speaks of: a row label in its clause (or the clause before), or the
    total row when the sentence speaks of the whole (总投入, 全部 …), names no row of any table and
    sits in the table's own section; None when unclear."""
    labels = {label(r): r for r in table.rows if len(label(r)) >= 2 and not is_total(r)}
    for clause in (clause_before(text, pos), previous_clause(text, pos)):
        named = [lab for lab in labels if lab in clause]
        if len(named) == 1:
            return labels[named[0]]
        if len(named) > 1:
            return None
    sentence = text[sentence_start(text, pos):sentence_end(text, pos)]
    if WHOLE_WORDS.search(sentence) and not any(lab in sentence for lab in every_label) and section == table.section:
        return next((r for r in table.rows if is_total(r)), None)
    return None


def _text_against_tables(doc):
    out = []
    every_label = {label(r) for table in doc.tables for r in table.rows if len(label(r)) >= 2 and not is_total(r)}
    for para in doc.paragraphs:
        text = para.text
        for figure in in_text(text):
            clause = clause_before(text, figure.start)
            if AMBIGUOUS.search(clause):
                continue
            for table in doc.tables:
                row = _row_for(table, text, figure.start, every_label, para.section)
                if row is None:
                    continue
                columns = rate_columns(table) if figure.is_rate else number_columns(table)
                cells = {c: in_cell(row.cells[c]) for c in columns}
                cells = {c: f for c, f in cells.items() if f is not None}
                if any(f.value == figure.value for f in cells.values()):
                    continue
                if not figure.is_rate and figure.unit in COUNTS:   # a count is never 84.8
                    cells = {c: f for c, f in cells.items() if f.value == f.value.to_integral_value()}
                named = [c for c in cells if (_bigrams(header_words(table.header[c])) - GENERIC_HEADER_WORDS) & _bigrams(clause)]
                if len(named) != 1:
                    continue
                cell = cells[named[0]]
                out.append(Finding("restated", para.place(figure.start), figure.text + ("" if figure.is_rate else figure.unit),
                                   cell.text, f"{figure.text} ≠ {cell.text}",
                                   {"table": table.title}, table.place(row, named[0])))
    return out


def _table_against_tables(doc):
    """Total rows of tables in the same section, column by column (表 3 and 表 4 both total 实际执行);
    other rows of the same label may count other things (a task's indicators, a task's sub-tasks)."""
    out, seen = [], {}
    for table in doc.tables:
        for row in table.rows:
            if not is_total(row):
                continue
            for c in number_columns(table) + rate_columns(table):
                cell = in_cell(row.cells[c])
                key = (table.section, header_words(table.header[c]))
                if cell is None:
                    continue
                if key in seen and seen[key][0] is not table and seen[key][1].value != cell.value:
                    first_table, first, first_row, first_c = seen[key]
                    out.append(Finding("restated_table", table.place(row, c), cell.text, first.text,
                                       f"{cell.text} ≠ {first.text}", {"table": first_table.title},
                                       first_table.place(first_row, first_c)))
                seen.setdefault(key, (table, cell, row, c))
    return out
