"""Sentences, clauses and 其中 lists of a paragraph: the small grammar the statement checks share."""
from __future__ import annotations

from dataclasses import dataclass

from engine.audit.figures import Figure, in_text
from engine.text.audit_vocabulary import ACHIEVED_WORD, AMBIGUOUS, CLAUSE, COUNTS, PARTS_END, PARTS_START, SENTENCE



def unit_key(unit: str) -> str:
    return COUNTS.get(unit, unit)


def sentence_start(text: str, pos: int) -> int:
    found = [m.end() for m in SENTENCE.finditer(text, 0, pos)]
    return found[-1] if found else 0


def sentence_end(text: str, pos: int) -> int:
    m = SENTENCE.search(text, pos)
    return m.start() if m else len(text)


def clause_start(text: str, pos: int) -> int:
    found = [m.end() for m in CLAUSE.finditer(text, 0, pos)]
    return found[-1] if found else 0


def clause_before(text: str, pos: int) -> str:
    """The words from the last comma (or bracket, colon …) up to pos."""
    return text[clause_start(text, pos):pos]


def previous_clause(text: str, pos: int) -> str:
    """The clause before the one pos is in, within the same sentence ("" if none)."""
    start = clause_start(text, pos)
    if start <= sentence_start(text, pos) or start == 0:
        return ""
    return text[clause_start(text, start - 1):start - 1]


@dataclass
class Parts:
    whole: Figure | None    # the last figure before 其中 in its sentence (or the sentence before, when 其中
                            # opens one), of the parts' unit
    parts: list             # [Figure]
    start: int              # where 其中 is
    end: int


def parts_lists(text: str) -> list[Parts]:
    """Every 其中 list of two or more figures of one unit, with no rate and no achieved count in it
    (其中 … 完成 184 项，完成率 98.92% is a statement of its own, not a breakdown)."""
    out = []
    for m in PARTS_START.finditer(text):
        end_m = PARTS_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        span = text[m.end():end]
        figures = [f for f in in_text(span)]
        if len(figures) < 2 or any(f.is_rate for f in figures) or ACHIEVED_WORD.search(span) or AMBIGUOUS.search(span):
            continue
        if len({unit_key(f.unit) for f in figures}) != 1:
            continue
        parts = [Figure(f.value, f.text, f.unit, f.start + m.end(), f.end + m.end()) for f in figures]
        offset = sentence_start(text, m.start())
        if not text[offset:m.start()].strip() and offset > 0:
            offset = sentence_start(text, offset - 1)   # 其中 opens its sentence: the whole ends the one before
        before = [f for f in in_text(text[offset:m.start()]) if unit_key(f.unit) == unit_key(parts[0].unit)]
        whole = None
        if before:
            last = before[-1]
            whole = Figure(last.value, last.text, last.unit, last.start + offset, last.end + offset)
            if AMBIGUOUS.search(clause_before(text, whole.start)):
                continue   # 约 300 项，其中 …: an approximate whole is not checked
        out.append(Parts(whole, parts, m.start(), end))
    return out


def part_offsets(text: str) -> set[int]:
    """Where the figures of 其中 lists start: a part is never the whole of a rate."""
    return {p.start for found in parts_lists(text) for p in found.parts}
