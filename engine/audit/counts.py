"""What a report says about its indicators, in its own words: under a heading naming a level
(学校层面, 专业（群）层面), counts of the level's indicators (绩效指标) or of a category, type or subtype
named by its label (产出指标, 数量指标, 社会效益 …), each a statistic: 共 87 个 (total), 达成 78 个
(achieved), 超额完成 22 个 (exceeded), 9 个正在推进 (in progress); and the completion rates after them.

A figure that names no kind speaks of the paragraph's topic: the kind of its last 共 statement. The
parts of a 其中 list take the statistic of their whole. A figure that names no level, no kind and no
statistic is not a count of indicators and is left alone."""
from __future__ import annotations

from dataclasses import dataclass

from engine.audit.figures import Figure, in_text
from engine.audit.sentences import CLAUSE, clause_before, parts_lists, sentence_start, unit_key
from engine.text import labels
from engine.text.audit_vocabulary import (BRACKETS, COUNT_UNIT, INDICATOR_WORD, LEVEL_SUBJECT, STATS, TEXT_RATE,
                                          TOP_HEADING)


@dataclass(frozen=True)
class Subject:
    grouping: str       # level | category | type | subtype
    key: str | None     # output, quantity, social … (None for the level's indicators)
    label: str          # as the report names it

    def word(self, lang: str, level: str) -> dict | str:
        return self.label if lang == "zh" else (self.key or level)


@dataclass(frozen=True)
class Count:
    level: str
    subject: Subject
    stat: str           # total | achieved | exceeded | in_progress
    figure: Figure
    place: object


@dataclass(frozen=True)
class Rate:
    level: str
    subject: Subject
    figure: Figure      # the rate as printed
    place: object


def default_levels() -> dict:
    """Level names as written, without brackets and spaces -> level id (学校层面 → school)."""
    return {BRACKETS.sub("", name): level for level, name in labels.DEFAULT_LEVELS.items()}


def _subjects():
    """Subtypes before types before categories: 社会效益 before 效益指标."""
    out = [Subject("subtype", key, zh) for key, (zh, _en) in labels.SUBTYPES.items()]
    out += [Subject("type", key, zh) for key, (zh, _en, _cat) in labels.TYPES.items() if key not in ("benefit", "satisfaction")]
    out += [Subject("category", key, zh) for key, (zh, _en) in labels.CATEGORIES.items()]
    return out + [Subject("level", None, LEVEL_SUBJECT)]


def _subject(words: str):
    return next((s for s in _subjects() if s.label in words), None)


def _stat(words: str):
    return next((name for name, pattern in STATS if pattern.search(words)), None)


def _clause_after(text: str, end: int) -> str:
    m = CLAUSE.search(text, end)
    return text[end:m.start() if m else len(text)]


def level_at(doc, line, levels) -> str | None:
    level = None
    for at, heading in doc.headings:
        if line is not None and at > line:
            break
        plain_heading = BRACKETS.sub("", heading)
        named = next((lv for name, lv in levels.items() if name in plain_heading), None)
        if named:
            level = named
        elif TOP_HEADING.match(heading):
            level = None
    return level


def stated(doc, levels=None) -> tuple[list[Count], list[Rate]]:
    """Every count of indicators and every completion rate the report states, in order."""
    levels = levels or default_levels()
    counts, rates = [], []
    for para in doc.paragraphs:
        level = level_at(doc, para.lines[0] if para.lines else None, levels)
        if level:
            found = _paragraph(para, level)
            counts += found[0]
            rates += found[1]
    return counts, rates


def _paragraph(para, level):
    text, counts, rates = para.text, [], []
    whole_of = {p.start: lst.whole for lst in parts_lists(text) if lst.whole is not None for p in lst.parts}
    stat_at, topic, said = {}, None, []
    for f in in_text(text):
        if f.is_rate or unit_key(f.unit) != COUNT_UNIT:
            continue
        before, after = clause_before(text, f.start), _clause_after(text, f.end)
        subject = _subject(before) or _subject(after)
        stat = _stat(before) or _stat(after)
        whole = whole_of.get(f.start)
        if whole is not None:
            stat = stat_at.get(whole.start, stat)
        stat_at[f.start] = stat
        if stat is None or (subject is None and INDICATOR_WORD not in before + after):
            continue
        if stat == "total" and subject is not None and whole is None:
            topic = subject
        subject = subject or topic
        if subject is None:
            continue
        said.append((f.start, subject))
        counts.append(Count(level, subject, stat, f, para.place(f.start)))
    for m in TEXT_RATE.finditer(text):
        start = sentence_start(text, m.start())
        before = [s for at, s in said if start <= at < m.start()]
        if before:
            rates.append(Rate(level, before[-1], in_text(m.group(2) + "%")[0], para.place(m.start(2))))
    return counts, rates
