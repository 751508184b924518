"""Cause notes in the report's style: the gap in numbers, the causes and their category,
and how likely the target still is.

The notes of all lagging rows are made at once: the fixed words are looked up once, the figures
(目标 … 实际 … 差 … 完成 …) printed column by column (column_texts.py); per row only the joining."""
from __future__ import annotations

import pandas as pd

from engine.core.numbers import number_text, with_unit
from engine.core.statuses import NEEDS_CAUSE
from engine.directions.base import Direction
from engine.summarise.column_texts import number_texts, rate_texts, units_texts
from engine.text import fill, t
from engine.text.fields import rule_field
from engine.text.labels import cause_text
from engine.text.vocabulary import LIKELIHOOD_EN
from engine.text.messages import rule_error_text

FIELDS = ("status", "error", "target", "actual", "gap", "completion", "causes", "staff_note", "rule_notes",
          "likelihood", "final_target", "unit")
_MARK = "\x00"  # stands for the one field of a template while its pieces are found


def w(key, lang, **params):
    return t(f"summarise.note_{key}", lang, **params)


def _pieces(key: str, lang: str, field: str) -> list[str]:
    """A one-field template cut where its field goes: text.join(pieces) is the template filled with
    text (fill puts a value in as it is)."""
    return w(key, lang, **{field: _MARK}).split(_MARK)


class _Words:
    """The fixed words of notes in one language, looked up once per batch of notes."""
    def __init__(self, lang: str):
        sep, end, colon = w("sep", lang), w("end", lang), w("colon", lang)
        self.sep, self.end, self.list_sep = sep, end, t("common.list_sep", lang)
        self.target, self.actual, self.done = w("target", lang) + " ", w("actual", lang) + " ", w("done", lang) + " "
        self.short, self.over = w("short", lang) + " ", w("over", lang) + " "
        self.no_value, self.missing_target = w("no_value", lang), _pieces("missing_target", lang, "target")
        self.points = _pieces("points", lang, "gap")
        self.cause, self.note = end + w("cause", lang) + colon, end + w("note", lang) + colon
        self.no_cause, self.likelihood = end + w("no_cause", lang), end + w("likelihood", lang) + colon


def _overrides(way: Direction, method: str) -> bool:
    return getattr(type(way), method) is not getattr(Direction, method)


def cause_notes(rows: dict, inds: list, rules, lang: str = "zh") -> list[str]:
    """The note of each row (rows: FIELDS -> a list of values, inds: each row's indicator): one line
    for a lagging or missing indicator; for a rule error, what is wrong and where; else ""."""
    settings, words = rules.settings, _Words(lang)
    status = rows["status"]
    ways: dict = {}  # direction name -> the direction, looked up once
    way = [ways[i.direction] if i.direction in ways else ways.setdefault(i.direction, i.way) for i in inds]
    own = {name for name, d in ways.items() if _overrides(d, "gap_parts")}  # words its own gap: 逾期 5 天
    gaps: list = [None] * len(inds)
    for k, (ind, state) in enumerate(zip(inds, status)):
        if ind.direction in own and state in NEEDS_CAUSE and state != "missing":
            parts = way[k].gap_parts(_row(rows, k), ind, settings, lang)
            gaps[k] = None if parts is None else words.sep.join(parts)
    _gap_texts(rows, [k for k, (g, s) in enumerate(zip(gaps, status)) if g is None and s in NEEDS_CAUSE],
               inds, way, settings, words, gaps)

    notes = [""] * len(inds)
    causes: dict = {}  # a row's cause codes -> their words; the same few codes come again and again
    for k, (state, codes, staff, likelihood, gap) in enumerate(zip(
            status, rows["causes"], rows["staff_note"], rows["likelihood"], gaps)):
        if state == "error":
            err = rows["error"][k]
            notes[k] = w("rule_error", lang, where=f"{err.file}:{err.line}", field=rule_field(err.field, lang),
                         message=rule_error_text(err.code, lang, err.params))
            continue
        if state not in NEEDS_CAUSE:
            continue
        codes = tuple(codes)
        said = causes.get(codes)
        if said is None:
            said = causes[codes] = words.list_sep.join(cause_text(rules.causes[code], lang) for code in codes)
        if codes and isinstance(staff, str):  # the cause, then what staff wrote of it: two parts, not one list
            gap += words.cause + said + words.note + staff
        elif codes:
            gap += words.cause + said
        elif isinstance(staff, str):
            gap += words.cause + staff
        else:  # none from the snapshot: the rule's matched causes and their notes
            gap += _rule_causes(_row(rows, k), inds[k], rules, lang, words)
        if isinstance(likelihood, str):
            gap += words.likelihood + (likelihood if lang == "zh" else LIKELIHOOD_EN[likelihood])
        notes[k] = gap
    return notes


def cause_note(row, ind, rules, lang: str = "zh") -> str:
    """The note of one row (a dict of FIELDS)."""
    return cause_notes({f: [row[f]] for f in FIELDS}, [ind], rules, lang)[0]


def _row(rows: dict, k: int) -> dict:
    return {f: rows[f][k] for f in FIELDS}


def _gap_texts(rows, at: list, inds, way, settings, words, gaps) -> None:
    """目标 8 项，实际 6 项，差 2 项，完成 75.00% (or 未填报实际值（目标 8 项）) of the rows at `at`,
    into gaps; the figures printed column by column."""
    if not at:
        return
    digits = settings.digits
    pick = lambda values: [values[k] for k in at]  # noqa: E731
    target, actual, gap, completion, status = (
        pick(rows[c]) for c in ("target", "actual", "gap", "completion", "status"))
    inds, way = pick(inds), pick(way)
    units = [ind.unit for ind in inds]
    worded = {id(d) for d in set(way) if _overrides(d, "target_text")}  # (≤ 8 万元)
    rest = [j for j, s in enumerate(status) if s != "missing"]
    # a gap is printed when it is a positive number of a numeric indicator; between two rates it is
    # in percentage points: 差 8.7 个百分点, not 差 8.7%
    with_gap = [j for j in rest if way[j].value_kind == "number" and _known(gap[j]) and gap[j] > 0]
    points = [j for j in with_gap if units[j] == "%"]
    others = [j for j in with_gap if units[j] != "%"]
    done = [j for j in rest if _known(completion[j])]
    targets = units_texts(target, units, digits)
    actuals = _spread(len(at), rest, units_texts([actual[j] for j in rest], [units[j] for j in rest], digits))
    gap_texts = _spread(len(at), points, [x.join(words.points) for x in number_texts([gap[j] for j in points], digits)])
    _spread(len(at), others, units_texts([gap[j] for j in others], [units[j] for j in others], digits), gap_texts)
    done_texts = _spread(len(at), done, rate_texts([completion[j] for j in done], digits, settings.rounding))
    for j, k in enumerate(at):
        if status[j] == "missing":
            gaps[k] = words.no_value + targets[j].join(words.missing_target)
            continue
        if id(way[j]) in worded:
            shown = _shown(target[j], targets[j], units[j], digits)
            text = words.target + way[j].target_text(target[j], inds[j], shown)
        else:
            text = words.target + targets[j]
        text += words.sep + words.actual + actuals[j]
        if gap_texts[j] is not None:
            word = words.over if way[j].over_word(actual[j], target[j]) else words.short
            text += words.sep + word + gap_texts[j]
        if done_texts[j] is not None:
            text += words.sep + words.done + done_texts[j]
        gaps[k] = text


def _spread(n: int, at: list, texts: list, into: list | None = None) -> list:
    """texts put at their places in a list of n (None elsewhere)."""
    into = [None] * n if into is None else into
    for j, text in zip(at, texts):
        into[j] = text
    return into


def _shown(value, text: str, unit: str, digits: int):
    """A direction's shown(): the target's text printed already, any other value printed now."""
    return lambda v: text if v is value else with_unit(v, unit, digits)


def _known(value) -> bool:
    return value == value if type(value) is float else bool(pd.notna(value))


def _rule_causes(row, ind, rules, lang, words) -> str:
    """The rule's matched causes with their category, and their notes filled in."""
    codes, texts = [], []
    for hit in row["rule_notes"]:
        if hit["cause"]:
            codes.append(cause_text(rules.causes[hit["cause"]], lang))
        if hit["note"]:
            texts.append(fill(hit["note"], template_values(row, ind), lang))
    if codes and texts:
        return words.cause + words.list_sep.join(codes) + words.note + words.end.join(texts)
    if codes or texts:
        return words.cause + (words.list_sep.join(codes) if codes else words.end.join(texts))
    return words.no_cause


def template_values(row, ind) -> dict:
    return {"actual": number_text(row["actual"]), "target": number_text(row["target"]),
            "gap": number_text(row["gap"]), "unit": ind.unit, "name": ind.name, "id": ind.id,
            "final_target": number_text(row["final_target"]), "completion": number_text(row["completion"]),
            "unit_id": row["unit"]}
