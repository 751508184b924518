"""What the table and Markdown outputs of a summary show, built once: roll-up grids, the score
block, ledger tables, the exceeded indicators and the exception list (engine/render/blocks.py)."""
from __future__ import annotations

from engine.core.numbers import number_text, with_unit
from engine.render.blocks import Grid, Titled
from engine.render.schedule_words import detail_text, how_text
from engine.render.words import group_label, h, level_label, status_label
from engine.text import t
from engine.text.labels import FLAGS, TYPES, label

COUNT_KEYS = ["total", "achieved", "exceeded", "in_progress", "not_achieved", "not_due", "missing", "error"]
ROLLUP_ALIGN = ("left", "left") + ("right",) * (len(COUNT_KEYS) + 1)
ROLLUPS = (("rollup", ("level", "category", "type", "subtype"), "group"), ("by_task", ("task",), "task"))


def rollup_rows(summary, unit, groupings, lang):
    rows, last_level = [], None
    for r in summary.of_unit(unit, "rollups"):
        if r["grouping"] not in groupings:
            continue
        text = group_label(r, lang)
        if text is None:
            continue
        level = level_label(r["level"], summary.settings, lang)
        rows.append([level if level != last_level else "", text, *[r[k] for k in COUNT_KEYS], r["rate_text"]])
        last_level = level
    return rows


def headers(first, lang):
    return [h("level", lang), h(first, lang), *[h(k, lang) for k in COUNT_KEYS], h("rate", lang)]


def rollup_blocks(summary, unit, align=ROLLUP_ALIGN) -> list[Titled]:
    """绩效指标完成情况 and 按建设任务: one grid each."""
    lang = summary.lang
    return [Titled(h(key, lang), [Grid(headers(first, lang), rollup_rows(summary, unit, groupings, lang), align), ""])
            for key, groupings, first in ROLLUPS]


def flag_text(flags, lang) -> str:
    return t("render.list_sep", lang).join(label(FLAGS, f, lang) for f in flags)


def exception_items(summary, unit, lang) -> list[tuple[str, list[str]]]:
    """(numbered line, detail lines) for each exception of the unit."""
    items = []
    for n, e in enumerate(summary.of_unit(unit, "exceptions"), start=1):
        where = f"{level_label(e['level'], summary.settings, lang)} · {e['task']} · {label(TYPES, e['type'], lang)}"
        line = t("render.exception_line", lang, n=n, status=status_label(e["status"], lang), id=e["id"],
                 name=e["name"], where=where)
        details = [e["cause_note"]]
        other = [f for f in e["flags"] if f != "cause_missing"]
        if other:
            details.append(t("render.flags_line", lang, flags=flag_text(other, lang)))
        items.append((line, details))
    return items


def every_block(summary, unit) -> Titled:
    """全部指标 (evaluate --all): every indicator of the unit, in report order, with its status."""
    lang, digits, rows = summary.lang, summary.settings.digits, []
    for i in summary.of_unit(unit, "indicators"):
        rows.append([i["id"], i["name"], level_label(i["level"], summary.settings, lang), i["task"],
                     status_label(i["status"], lang), with_unit(i["target"], i["measure"], digits),
                     with_unit(i["actual"], i["measure"], digits)])
    head = [h(k, lang) for k in ("id", "name", "level", "task", "status", "target", "actual")]
    return Titled(h("every", lang), [Grid(head, rows), ""])


def behind_items(summary, unit, lang) -> list[tuple[str, list[str]]]:
    """(numbered line, detail lines) for each indicator of the unit behind schedule (进度预警)."""
    items, digits = [], summary.settings.digits
    for n, e in enumerate((b for b in getattr(summary, "behind", ()) if b["unit"] == unit), start=1):
        where = f"{level_label(e['level'], summary.settings, lang)} · {e['task']} · {label(TYPES, e['type'], lang)}"
        line = t("progress.line", lang, n=n, status=status_label(e["status"], lang), id=e["id"], name=e["name"],
                 where=where)
        items.append((line, [detail_text(e, lang, digits), how_text(e, e["measure"], summary.snapshot, lang, digits)]))
    return items


def exceeded_lines(summary, unit, lang) -> list[str]:
    """The exceeded indicators: target, actual and how far beyond."""
    out, digits = [], summary.settings.digits
    for i in summary.of_unit(unit, "indicators"):
        if i["status"] != "exceeded":
            continue
        extra = [f for f in i["flags"] if f != "exceeded"]
        out.append(t("render.exceeded_line", lang, id=i["id"], name=i["name"],
                     target=with_unit(i["target"], i["measure"], digits),
                     actual=with_unit(i["actual"], i["measure"], digits), beyond=beyond_text(i, lang),
                     flags=t("render.exceeded_flags", lang, flags=flag_text(extra, lang)) if extra else ""))
    return out


def beyond_text(i, lang) -> str:
    """How far beyond its target: 是目标值的 3 倍; for a rate, 高出目标 1.71 个百分点 (1.02 倍 says little)."""
    if i["measure"] == "%" and isinstance(i["gap"], (int, float)) and i["direction"] == "higher":
        return t("render.beyond_points", lang, points=number_text(-i["gap"], 2))
    if not i["ratio"]:
        return ""
    return t("render.beyond_times", lang, times=number_text(i["ratio"], 2))


def ledger_blocks(summary, unit) -> list[Titled]:
    """Each ledger table of this unit: title, then rows with the total last; flagged rows marked."""
    lang, out = summary.lang, []
    for tb in summary.of_unit(unit, "tables"):
        if tb["error"]:
            out.append(Titled(tb["title"], [tb["error"], ""]))
            continue
        head = [tb["by"]] + [c["label"] for c in tb["columns"]] + [h("flags", lang)]
        rows = [[r["key"], *[r["texts"][c["id"]] for c in tb["columns"]], flag_text(r["flags"], lang)]
                for r in tb["rows"] + [tb["total"]]]
        align = ("left",) + ("right",) * len(tb["columns"]) + ("left",)
        out.append(Titled(tb["title"], [Grid(head, rows, align), ""]))
    return out


def score_blocks(summary, unit) -> list[Titled]:
    """评分: each level's category scores, score and grade, then the unit's score, grade and veto."""
    scores = getattr(summary, "scores", None) or {}
    mine = next((u for u in scores.get("units", []) if u["unit"] == unit), None)
    if mine is None:
        return []
    lang = summary.lang
    cats = mine["levels"][0]["categories"] if mine["levels"] else []
    head = [h("level", lang)] + [f"{c['label']} {number_text(c['weight'])}" for c in cats] + \
        [h("score", lang), h("grade", lang)]
    rows = [[level_label(lv["level"], summary.settings, lang),
             *[score_text(c["score"]) for c in lv["categories"]],
             score_text(lv["score"]), grade_text(lv["grade"], lang)] for lv in mine["levels"]]
    shares = " + ".join(
        f"{level_label(lv, summary.settings, lang)} {number_text(v * 100, 2)}%" for lv, v in mine["shares"].items())
    tail = t("render.score_tail", lang, score=score_text(mine["score"]), shares=shares,
             grade=grade_text(mine["grade"], lang), task=mine["task_completion"]["note"])
    align = ("left",) + ("right",) * (len(head) - 2) + ("left",)
    return [Titled(h("scores", lang), [Grid(head, rows, align), "", tail, ""])]


def score_text(score) -> str:
    return "-" if score is None else f"{score:.2f}"


def grade_text(grade, lang) -> str:
    if grade is None:
        return "-"
    return grade  # already in the reader's language (summarise/scores.py)
