"""The report's figures against jixiao's evaluation of a snapshot (the evaluated check): each count
and completion rate of a level's indicators the report states (engine/audit/counts.py) against
jixiao's roll-up, and 是预期目标值的 N 倍 against actual ÷ target of the one indicator whose actual is
the figure and whose name the sentence shares (or, failing that, the only one of that actual and measure);
and each number of a report table 表 N against jixiao's 表 N computed from the ledgers."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from engine.audit import arithmetic
from engine.audit.counts import level_at, stated
from engine.audit.figures import in_cell, in_text
from engine.audit.finding import Checked, Finding
from engine.audit.multiple import judge, stated_multiples
from engine.audit.rounding import EXACT, convention, matters, rate
from engine.audit.sentences import sentence_start
from engine.audit.tables import header_words, is_total, label, number_columns
from engine.text import labels, t
from engine.text.audit_vocabulary import BRACKETS, TABLE_NUMBER, TARGET_WORDS


@dataclass
class Results:
    date: str
    rollups: list                # the roll-up rows of one unit (engine/summarise/summary.py)
    indicators: list             # the indicator rows of that unit
    levels: dict                 # level name as written, without brackets and spaces -> level id
    tables: list = field(default_factory=list)    # jixiao's report tables (表 1 …) from the ledgers
    messages: list = field(default_factory=list)
    inputs: list = field(default_factory=list)


def results_of(rules_dir, datasets_dir, date: str, lang: str, unit: str | None) -> Results:
    from engine.pipeline import run
    done = run(rules_dir, datasets_dir, date, lang, unit, progress=False)
    unit_id = unit or next(iter(done.summary.units))
    names = {**labels.DEFAULT_LEVELS, **(done.rules.settings.levels or {})}
    levels = {BRACKETS.sub("", name): level for level, name in names.items()}
    return Results(done.summary.snapshot, done.summary.of_unit(unit_id, "rollups"),
                   done.summary.of_unit(unit_id, "indicators"), levels, done.summary.of_unit(unit_id, "tables"),
                   done.messages, done.inputs)


def _row(results, level, subject):
    field_name = {"level": None, "category": "category", "type": "type", "subtype": "subtype"}[subject.grouping]
    return next((r for r in results.rollups if r["grouping"] == subject.grouping and r["level"] == level
                 and (field_name is None or r.get(field_name) == subject.key)), None)


def _what(key: str, subject, level: str) -> dict:
    return {lang: t(key, lang, subject=subject.word(lang, level)) for lang in ("zh", "en")}


def against_results(ctx) -> list:
    results, out = ctx.results, []
    counts, rates = stated(ctx.doc, results.levels)
    for c in counts:
        row = _row(results, c.level, c.subject)
        if row is not None and row.get(c.stat) is not None and Decimal(row[c.stat]) != c.figure.value:
            out.append(Finding("evaluated", c.place, c.figure.text + c.figure.unit, str(row[c.stat]),
                               f"{row[c.stat]} ≠ {c.figure.text}", {"what": _what(f"audit.stat_{c.stat}", c.subject, c.level)}))
    for r in rates:
        row = _row(results, r.level, r.subject)
        if row is None or not row.get("total"):
            continue
        exact = rate(Decimal(row["achieved"]), Decimal(row["total"]))
        found = convention(r.figure.value, exact, r.figure.decimals)
        sum_text = arithmetic.quotient(Decimal(row["achieved"]), Decimal(row["total"]), exact)
        if found is None:
            out.append(Finding("evaluated", r.place, r.figure.text, arithmetic.at(exact, r.figure.decimals),
                               f"{sum_text} ≠ {r.figure.text}", {"what": _what("audit.stat_rate", r.subject, r.level)}))
        elif found != EXACT and matters(exact, r.figure.decimals):
            out.append(Checked(r.place, r.figure.text, sum_text, found, arithmetic.at(exact, r.figure.decimals)))
    for para in ctx.doc.paragraphs:
        out += _multiples(para, level_at(ctx.doc, para.lines[0] if para.lines else None, results.levels), results)
    return out + _tables(ctx.doc, results)


def _tables(doc, results) -> list:
    """Each number of a report table (表 N) against jixiao's 表 N from the ledgers: rows by their label
    (合计 by the total row), columns by their header without years and notes. Rates are left to
    table_rates: a rate printed by another convention than jixiao's is not a finding."""
    out = []
    ours = {m.group(1): tb for tb in results.tables if (m := TABLE_NUMBER.search(tb["title"]))}
    for table in doc.tables:
        m = TABLE_NUMBER.search(table.title)
        theirs = ours.get(m.group(1)) if m else None
        if theirs is None:
            continue
        columns = {}
        for c in number_columns(table):
            words = header_words(table.header[c])
            found = [col for col in theirs["columns"] if col.get("kind") != "ratio" and words
                     and (header_words(col["label"]) in words or words in header_words(col["label"]))]
            if len(found) == 1:
                columns[c] = found[0]["id"]
        rows = {r["key"]: r for r in theirs["rows"]}
        total = theirs.get("total")
        for row in table.rows:
            match = total if is_total(row) else rows.get(label(row))
            if match is None:
                continue
            for c, col in columns.items():
                cell, value = in_cell(row.cells[c]), match["values"].get(col)
                if cell is None or not isinstance(value, (int, float)) or Decimal(str(value)) == cell.value:
                    continue
                what = {lang: theirs["title"] for lang in ("zh", "en")}
                out.append(Finding("evaluated", table.place(row, c), cell.text, match["texts"].get(col, str(value)),
                                   f"{match['texts'].get(col, value)} ≠ {cell.text}", {"what": what}))
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
        alike = [r for r in results.indicators if (level is None or r["level"] == level)
                 and isinstance(r.get("actual"), (int, float)) and isinstance(r.get("target"), (int, float))
                 and r["target"] and Decimal(str(r["actual"])) == figure.value]
        named = [r for r in alike if _common(r["name"], sentence) >= 4]
        measured = [r for r in alike if r.get("measure") == figure.unit]
        found = named or measured   # the indicator the sentence names, or the only one of that value and measure
        if len(found) == 1:
            judged = judge(para.place(m.start("times")), figure.value, Decimal(str(found[0]["target"])), m.group("times"))
            if judged is not None:
                out.append(judged)
    return out
