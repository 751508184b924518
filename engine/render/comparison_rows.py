"""The rows of a comparison (engine/summarise/compare.py) in words: changed indicators, roll-up
and score changes. `jixiao compare` and the report's comparison section read this one copy."""
from __future__ import annotations

from engine.core.numbers import with_unit
from engine.render.summary_parts import COUNT_KEYS, score_text
from engine.render.words import group_label, h, level_label, status_label
from engine.text import t


def _shown(value, measure: str, lang: str) -> str:
    if value == "not_done":
        return t("compare.not_done", lang)
    return with_unit(value, measure or "", 2)


def _value(side, item, lang) -> str:
    return "-" if side is None else _shown(side["actual"], item["measure"], lang)


def _target(side, item, lang) -> str:
    return "-" if side is None else _shown(side["target"], item["measure"], lang)


def _status(side, lang) -> str:
    return "-" if side is None else status_label(side["status"], lang)


def _side(side: str, what: str, lang: str) -> str:
    return t("compare.side", lang, side=t(f"compare.{side}", lang), what=what)


def item_rows(items: list, unit: str, settings, lang: str, recovered_column: bool = False) -> list:
    rows = []
    for i in items:
        if i["unit"] != unit:
            continue
        row = [i["id"], i["name"], level_label(i["level"], settings, lang),
               _status(i["before"], lang), _value(i["before"], i, lang), _target(i["before"], i, lang),
               _status(i["after"], lang), _value(i["after"], i, lang), _target(i["after"], i, lang)]
        if recovered_column:
            row.append(t("compare.yes", lang) if i.get("recovered") else "")
        rows.append(row)
    return rows


def item_headers(lang: str, recovered_column: bool = False) -> list:
    head = [h("id", lang), h("name", lang), h("level", lang)]
    head += [_side(side, h(k, lang), lang) for side in ("before", "after") for k in ("status", "actual", "target")]
    return head + ([t("compare.recovered", lang)] if recovered_column else [])


def overview(result: dict, unit: str, lang: str) -> str:
    c = next(x for x in result["counts"] if x["unit"] == unit)
    return t("compare.overview_line", lang, **c)


def _change(b, a, d) -> str:
    if b is None and a is None:
        return "-"
    if b is None:
        return f"- → {a}"
    if a is None:
        return f"{b} → -"
    return str(a) if d == 0 else f"{b} → {a} ({d:+d})"


def _rate_change(row: dict, digits: int) -> str:
    b, a, d = row["before"], row["after"], row["delta"]["rate"]
    bt = b["rate_text"] if b else "-"
    at = a["rate_text"] if a else "-"
    if d is None:
        return at if bt == at else f"{bt} → {at}"
    return at if d == 0 else f"{bt} → {at} ({d:+.{digits}f})"


def rollup_rows(result: dict, unit: str, groupings: tuple, settings, lang: str) -> list:
    digits = getattr(settings, "digits", 2)
    rows, last = [], None
    for r in result["rollups"]:
        if r["unit"] != unit or r["grouping"] not in groupings:
            continue
        text = group_label(r, lang)
        if text is None:
            continue
        level = level_label(r["level"], settings, lang)
        cells = [_change(r["before"][k] if r["before"] else None, r["after"][k] if r["after"] else None, r["delta"][k])
                 for k in COUNT_KEYS]
        rows.append([level if level != last else "", text, *cells, _rate_change(r, digits)])
        last = level
    return rows


def rollup_headers(first: str, lang: str) -> list:
    return [h("level", lang), h(first, lang), *[h(k, lang) for k in COUNT_KEYS], h("rate", lang)]


def _grade(grade, lang) -> str:
    if grade is None:
        return "-"
    return grade  # already in the reader's language (summarise/scores.py)


def score_rows(result: dict, unit: str, settings, lang: str) -> list:
    rows = []
    for s in result["scores"]:
        if s["unit"] != unit:
            continue
        name = t("compare.unit_total", lang) if s["level"] is None else level_label(s["level"], settings, lang)
        b, a = s["before"] or {}, s["after"] or {}
        delta = "-" if s["delta"] is None else f"{s['delta']:+.2f}"
        rows.append([name, score_text(b.get("score")), _grade(b.get("grade"), lang),
                     score_text(a.get("score")), _grade(a.get("grade"), lang), delta])
    return rows


def score_headers(lang: str) -> list:
    return [h("level", lang), *[_side(side, t(f"compare.{k}", lang), lang)
                                for side in ("before", "after") for k in ("score", "grade")], t("compare.delta", lang)]


def cause_notes(items: list, unit: str) -> list:
    """The cause note of each item that has one now: "S201 …"."""
    return [f"{i['id']} {i['after']['cause_note']}" for i in items
            if i["unit"] == unit and i["after"] and i["after"].get("cause_note")]
