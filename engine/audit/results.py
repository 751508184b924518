"""The report's figures against jixiao's evaluation of a snapshot (the evaluated check).

A paragraph under a heading naming a level (学校层面, 专业（群）层面: the settings' level names) states
counts of that level's indicators: 共 87 个 (total), 达成 78 个 (achieved), 超额完成 22 个 (exceeded),
9 个正在推进 (in progress), for the level (绩效指标) or a category, type or subtype named by its label
(产出指标, 数量指标, 社会效益 …). A figure that names no kind speaks of the paragraph's topic: the kind
of its last 共 statement. The parts of a 其中 list take the statistic of their whole. Each such count,
and each 完成率 after it, is compared with jixiao's roll-up; a figure that names no level, no kind and
no statistic is skipped. 是预期目标值的 N 倍 is compared with actual ÷ target of the one indicator whose
actual is the figure and whose name the sentence shares."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from engine.audit import arithmetic
from engine.audit.multiple import judge, stated_multiples
from engine.audit.figures import in_text
from engine.audit.finding import Checked, Finding
from engine.audit.rounding import EXACT, convention, matters, rate
from engine.audit.sentences import CLAUSE, clause_before, parts_lists, sentence_start, unit_key
from engine.text import labels, t
from engine.text.audit_vocabulary import (BRACKETS, COUNT_UNIT, INDICATOR_WORD, LEVEL_SUBJECT, STATS, TARGET_WORDS, TEXT_RATE,
                                          TOP_HEADING)


@dataclass
class Results:
    date: str
    rollups: list                # the roll-up rows of one unit (engine/summarise/summary.py)
    indicators: list             # the indicator rows of that unit
    levels: dict                 # level name as written, without brackets and spaces -> level id
    messages: list = field(default_factory=list)
    inputs: list = field(default_factory=list)


def results_of(rules_dir, datasets_dir, date: str, lang: str, unit: str | None) -> Results:
    from engine.pipeline import run
    done = run(rules_dir, datasets_dir, date, lang, unit, progress=False)
    unit_id = unit or next(iter(done.summary.units))
    names = {**labels.DEFAULT_LEVELS, **(done.rules.settings.levels or {})}
    levels = {BRACKETS.sub("", name): level for level, name in names.items()}
    return Results(done.summary.snapshot, done.summary.of_unit(unit_id, "rollups"),
                   done.summary.of_unit(unit_id, "indicators"), levels, done.messages, done.inputs)


def _subjects():
    """(label, grouping, key), subtypes before types before categories: 社会效益 before 效益指标."""
    out = [(zh, "subtype", key) for key, (zh, _en) in labels.SUBTYPES.items()]
    out += [(zh, "type", key) for key, (zh, _en, _cat) in labels.TYPES.items() if key not in ("benefit", "satisfaction")]
    out += [(zh, "category", key) for key, (zh, _en) in labels.CATEGORIES.items()]
    return out + [(LEVEL_SUBJECT, "level", None)]


def _subject(words: str):
    return next(((g, k, zh) for zh, g, k in _subjects() if zh in words), None)


def _stat(words: str):
    return next((name for name, pattern in STATS if pattern.search(words)), None)


def _clause_after(text: str, end: int) -> str:
    m = CLAUSE.search(text, end)
    return text[end:m.start() if m else len(text)]


def _level_at(doc, line, levels) -> str | None:
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


def _row(results, level, grouping, key):
    field_name = {"level": None, "category": "category", "type": "type", "subtype": "subtype"}[grouping]
    return next((r for r in results.rollups if r["grouping"] == grouping and r["level"] == level
                 and (field_name is None or r.get(field_name) == key)), None)


def against_results(ctx) -> list:
    out = []
    for para in ctx.doc.paragraphs:
        level = _level_at(ctx.doc, para.lines[0] if para.lines else None, ctx.results.levels)
        if level:
            out += _counts(para, level, ctx.results)
        out += _multiples(para, level, ctx.results)
    return out


def _counts(para, level, results):
    text, out = para.text, []
    whole_of = {p.start: lst.whole for lst in parts_lists(text) if lst.whole is not None for p in lst.parts}
    stat_at, topic, said = {}, None, []   # said: (offset, subject) of each count compared
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
        row = _row(results, level, subject[0], subject[1])
        if row is None or row.get(stat) is None:
            continue
        if Decimal(row[stat]) != f.value:
            what = t(f"audit.stat_{stat}", "zh", subject=subject[2])
            out.append(Finding("evaluated", para.place(f.start), f.text + f.unit, str(row[stat]),
                               f"{row[stat]} ≠ {f.text}", {"what": {"zh": what, "en": t(f"audit.stat_{stat}", "en",
                                                                                      subject=subject[1] or level)}}))
    for m in TEXT_RATE.finditer(text):
        start = sentence_start(text, m.start())
        before = [s for at, s in said if start <= at < m.start()]
        if not before:
            continue
        subject = before[-1]
        row = _row(results, level, subject[0], subject[1])
        if row is None or not row.get("total"):
            continue
        stated = in_text(m.group(2) + "%")[0]
        exact = rate(Decimal(row["achieved"]), Decimal(row["total"]))
        found = convention(stated.value, exact, stated.decimals)
        sum_text = arithmetic.quotient(Decimal(row["achieved"]), Decimal(row["total"]), exact)
        place = para.place(m.start(2))
        if found is None:
            what = {lang: t("audit.stat_rate", lang, subject=subject[2] if lang == "zh" else (subject[1] or level))
                    for lang in ("zh", "en")}
            out.append(Finding("evaluated", place, stated.text, arithmetic.at(exact, stated.decimals),
                               f"{sum_text} ≠ {stated.text}", {"what": what}))
        elif found != EXACT and matters(exact, stated.decimals):
            out.append(Checked(place, stated.text, sum_text, found, arithmetic.at(exact, stated.decimals)))
    return out


def _common(a: str, b: str) -> int:
    """The length of the longest run of characters two texts share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _multiples(para, level, results):
    out = []
    for figure, m in stated_multiples(para):
        if in_text(m.group("what")) or not TARGET_WORDS.search(m.group("what")):
            continue
        sentence = para.text[sentence_start(para.text, m.start()):m.start()]
        found = [r for r in results.indicators if (level is None or r["level"] == level)
                 and isinstance(r.get("actual"), (int, float)) and isinstance(r.get("target"), (int, float))
                 and r["target"] and Decimal(str(r["actual"])) == figure.value and _common(r["name"], sentence) >= 4]
        if len(found) == 1:
            r = found[0]
            judged = judge(para.place(m.start("times")), figure.value, Decimal(str(r["target"])), m.group("times"))
            if judged is not None:
                out.append(judged)
    return out
