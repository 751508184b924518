"""Cause notes in the report's style: the gap in numbers, the causes and their category,
and how likely the target still is."""
from __future__ import annotations

import pandas as pd

from engine.core.statuses import NEEDS_CAUSE
from engine.text import fill, t
from engine.text.fields import rule_field
from engine.text.labels import cause_text
from engine.text.vocabulary import LIKELIHOOD_EN
from engine.text.messages import rule_error_text
from engine.core.numbers import number_text, rate_text, with_unit


def w(key, lang, **params):
    return t(f"summarise.note_{key}", lang, **params)


def gap_text(row, ind, settings, lang) -> str:
    """目标 8 项，实际 6 项，差 2 项，完成 75.00%"""
    sep = w("sep", lang)
    target, actual = row["target"], row["actual"]
    if row["status"] == "missing":
        return w("no_value", lang) + w("missing_target", lang, target=with_unit(target, ind.unit, settings.digits))
    way = ind.way
    parts = way.gap_parts(row, ind, settings, lang)
    if parts is not None:
        return sep.join(parts)
    shown = lambda value: with_unit(value, ind.unit, settings.digits)  # noqa: E731
    parts = [f"{w('target', lang)} {way.target_text(target, ind, shown)}", f"{w('actual', lang)} {shown(actual)}"]
    if ind.value_kind == "number" and pd.notna(row["gap"]) and row["gap"] > 0:
        word = w("over", lang) if way.over_word(actual, target) else w("short", lang)
        parts.append(f"{word} {gap_with_unit(row['gap'], ind.unit, settings.digits, lang)}")
    if pd.notna(row["completion"]):
        parts.append(f"{w('done', lang)} {rate_text(row['completion'], settings.digits, settings.rounding)}")
    return sep.join(parts)


def gap_with_unit(gap, unit: str, digits: int, lang: str) -> str:
    """A gap between two rates is in percentage points: 差 8.7 个百分点, not 差 8.7%."""
    if unit == "%":
        return w("points", lang, gap=number_text(gap, digits))
    return with_unit(gap, unit, digits)


def cause_parts(row, ind, rules, lang) -> tuple[list[str], list[str]]:
    """(catalogue causes with their category, free text): the snapshot's cause codes and staff
    note first; else the rule's matched causes and their notes."""
    codes = [cause_text(rules.causes[code], lang) for code in row["causes"]]
    texts = [row["staff_note"]] if isinstance(row["staff_note"], str) else []
    if codes or texts:
        return codes, texts
    for hit in row["rule_notes"]:
        if hit["cause"]:
            codes.append(cause_text(rules.causes[hit["cause"]], lang))
        if hit["note"]:
            texts.append(fill(hit["note"], template_values(row, ind), lang))
    return codes, texts


def template_values(row, ind) -> dict:
    return {"actual": number_text(row["actual"]), "target": number_text(row["target"]),
            "gap": number_text(row["gap"]), "unit": ind.unit, "name": ind.name, "id": ind.id,
            "final_target": number_text(row["final_target"]), "completion": number_text(row["completion"]),
            "unit_id": row["unit"]}


def cause_note(row, ind, rules, lang: str = "zh") -> str:
    """One line for a lagging or missing indicator; for a rule error, what is wrong and where."""
    if row["status"] == "error":
        err = row["error"]
        return w("rule_error", lang, where=f"{err.file}:{err.line}", field=rule_field(err.field, lang),
                 message=rule_error_text(err.code, lang, err.params))
    if row["status"] not in NEEDS_CAUSE:
        return ""
    text = gap_text(row, ind, rules.settings, lang)
    codes, texts = cause_parts(row, ind, rules, lang)
    colon, end = w("colon", lang), w("end", lang)
    said = [t("common.list_sep", lang).join(codes), end.join(texts)]
    if codes and texts:  # the cause, then what staff wrote of it: two parts, not one list
        text += end + w("cause", lang) + colon + said[0] + end + w("note", lang) + colon + said[1]
    elif codes or texts:
        text += end + w("cause", lang) + colon + (said[0] or said[1])
    else:
        text += end + w("no_cause", lang)
    if isinstance(row["likelihood"], str):
        value = row["likelihood"] if lang == "zh" else LIKELIHOOD_EN[row["likelihood"]]
        text += end + w("likelihood", lang) + colon + value
    return text
