"""绩效指标完成情况: a chart of completion by type and level, then per level its sentences of figures,
the roll-up table, a sub-section per category (and per type or benefit subtype) naming the exceeded
and lagging indicators with their causes, and the table by construction task."""
from __future__ import annotations

from engine.render.words import h, status_label
from engine.report.context import numbered, quoted
from engine.report.document import Cell, Chart, Para, Section, Series, Table
from engine.report.sections import section
from engine.text import t
from engine.core.statuses import BEHIND, EXCEPTIONS
from engine.text.labels import CATEGORIES, SUBTYPES, TYPES, label

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
LEVEL_COLOURS = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"]
ROLLUP_KEYS = ["total", "achieved", "exceeded", "in_progress", "not_achieved", "not_due", "missing", "error"]
TASK_KEYS = ["total", "achieved", "exceeded", "in_progress", "not_achieved", "missing"]


@section("indicators", order=30)
def indicators(ctx) -> Section:
    return Section("indicators", t("report.sec_indicators", ctx.lang), _blocks(ctx))


def _blocks(ctx) -> list:
    lang, blocks = ctx.lang, []
    levels = ctx.levels()
    if not levels:
        return blocks
    blocks.append(_type_chart(ctx, levels))
    for n, level in enumerate(levels):
        sub = Section(f"level_{level}", numbered(n, lang, "report.level_number", "") + ctx.level_name(level))
        sub.blocks += _level_paragraphs(ctx, level)
        sub.blocks.append(_rollup_table(ctx, level))
        for k, cat in enumerate(ctx.rollup("category", level=level), start=1):
            sub.blocks.append(_category_section(ctx, level, cat, k))
        sub.blocks.append(_task_table(ctx, level))
        blocks.append(sub)
    return blocks


def _level_paragraphs(ctx, level) -> list:
    lang = ctx.lang
    top = ctx.rollup("level", level=level)[0]
    cats = ctx.rollup("category", level=level)
    parts = t("report.sep", lang).join(t("report.level_part", lang, cat=label(CATEGORIES, c["category"], lang), n=c["total"])
                                       for c in cats)
    intro = t("report.level_intro", lang, level=ctx.level_name(level), total=top["total"], parts=parts)
    status = t("report.level_status", lang, date=ctx.date, achieved=top["achieved"], rate=top["rate_text"],
               exceeded=top["exceeded"], lag=_lag_clause(ctx, level, top, cats) + _others_clause(top, lang))
    return [Para(intro + t("report.sentence_sep", lang) + status, "figures")]


def _lag_clause(ctx, level, top, cats) -> str:
    lang = ctx.lang
    if not top["in_progress"]:
        return t("report.lag_none", lang)
    lagging = [c for c in cats if c["in_progress"]]

    def types_of(cat) -> str:
        rows = [r for r in ctx.rollup("type", level=level, category=cat["category"])
                if r["in_progress"] and r["type"] != r["category"]]
        if not rows:
            return ""
        return t("report.lag_types", lang, parts=t("report.list_sep", lang).join(
            t("report.lag_type", lang, type=label(TYPES, r["type"], lang), n=r["in_progress"]) for r in rows))
    if len(lagging) == 1:
        return t("report.lag_one", lang, n=top["in_progress"], cat=label(CATEGORIES, lagging[0]["category"], lang),
                 types=types_of(lagging[0]))
    parts = t("report.sep", lang).join(t("report.lag_cat", lang, cat=label(CATEGORIES, c["category"], lang),
                                         n=c["in_progress"], types=types_of(c)) for c in lagging)
    return t("report.lag_many", lang, n=top["in_progress"], parts=parts)


def _others_clause(row, lang) -> str:
    parts = [t("report.other_part", lang, status=status_label(s, lang), n=row[s])
             for s in ("not_achieved", "missing", "error", "not_due") if row[s]]
    return t("report.others", lang, parts=t("report.list_sep", lang).join(parts)) if parts else ""


def _done_clause(r, lang) -> str:
    text = (t("report.all_done", lang, rate=r["rate_text"]) if r["achieved"] == r["total"]
            else t("report.some_done", lang, achieved=r["achieved"], rate=r["rate_text"]))
    if r["exceeded"]:
        text += t("report.exceeded", lang, n=r["exceeded"])
    for s in ("in_progress", "not_achieved", "missing", "error", "not_due"):
        if r[s]:
            text += t("report.status_n", lang, status=status_label(s, lang), n=r[s])
    return text


def _category_section(ctx, level, cat, k) -> Section:
    lang = ctx.lang
    cat_label = label(CATEGORIES, cat["category"], lang)
    sec = Section(f"cat_{level}_{cat['category']}", t("report.cat_title", lang, n=k, cat=cat_label))
    types = [r for r in ctx.rollup("type", level=level, category=cat["category"]) if r["type"] != r["category"]]
    subtypes = ctx.rollup("subtype", level=level, category=cat["category"])
    if types:
        parts = t("report.sep", lang).join(t("report.type_part", lang, type=label(TYPES, r["type"], lang), n=r["total"])
                                           for r in types)
        sec.blocks.append(Para(t("report.cat_intro_parts", lang, cat=cat_label, total=cat["total"], parts=parts,
                                 done=_done_clause(cat, lang)), "figures"))
    else:
        sec.blocks.append(Para(t("report.cat_intro", lang, cat=cat_label, total=cat["total"],
                                 done=_done_clause(cat, lang)), "figures"))
    subs = [(r, label(TYPES, r["type"], lang), {"type": r["type"]}) for r in types] or \
           [(r, t("report.subtype_name", lang, subtype=label(SUBTYPES, r["subtype"], lang)), {"subtype": r["subtype"]})
            for r in subtypes]
    if not subs:
        sec.blocks += _detail_paragraphs(ctx, level, {"category": cat["category"]})
    for n, (r, name, keys) in enumerate(subs):
        mark = (CIRCLED[n] if n < len(CIRCLED) else f"{n + 1}.") + t("report.mark_space", lang)
        sub = Section(f"{sec.key}_{next(iter(keys.values()))}", t("report.type_title", lang, mark=mark, type=name))
        sub.blocks.append(Para(t("report.cat_intro", lang, cat=name, total=r["total"], done=_done_clause(r, lang)),
                               "figures"))
        sub.blocks += _detail_paragraphs(ctx, level, {"category": cat["category"], **keys})
        sec.blocks.append(sub)
    return sec


def _detail_paragraphs(ctx, level, keys) -> list:
    """Names of the exceeded indicators (when few) and of the lagging ones, grouped by cause."""
    lang = ctx.lang
    mine = [i for i in ctx.indicators if i["level"] == level and all(i.get(k) == v for k, v in keys.items())]
    out = []
    exceeded = [i["name"] for i in mine if i["status"] == "exceeded"]
    if 0 < len(exceeded) <= 5:
        out.append(Para(t("report.exceeded_names", lang, n=len(exceeded), names=quoted(exceeded, lang)), "detail"))
    for status in EXCEPTIONS:
        groups: dict[tuple, list] = {}
        for i in mine:
            if i["status"] == status:  # a staff note or a rule's note without a cause code is a cause said
                unsaid = "cause_missing" in i.get("flags", ())  # in words: "see the list", not "not stated"
                groups.setdefault((tuple(i["causes"]), unsaid), []).append(i["name"])
        for (codes, unsaid), names in groups.items():
            key = "lag_detail" if codes else "lag_detail_nocause" if unsaid and status in BEHIND \
                else "lag_detail_plain"
            out.append(Para(t(f"report.{key}", lang, names=quoted(names, lang), n=len(names),
                              status=status_label(status, lang),
                              causes=t("report.clause_sep", lang).join(ctx.cause_text(c) for c in codes)), "detail"))
    return out


def _rollup_table(ctx, level) -> Table:
    lang = ctx.lang
    rows = []
    for r in ctx.rollups:
        if r["level"] != level or r["grouping"] not in ("level", "category", "type", "subtype"):
            continue
        if r["grouping"] == "type" and r["type"] == r["category"]:
            continue  # the same as its category row
        name = {"level": h("all", lang), "category": label(CATEGORIES, r["category"], lang),
                "type": t("report.indent", lang) + label(TYPES, r["type"], lang),
                "subtype": t("report.indent", lang) + label(SUBTYPES, r["subtype"], lang)}[r["grouping"]]
        rows.append([Cell(name), *[Cell(str(r[k])) for k in ROLLUP_KEYS], Cell(r["rate_text"])])
    return Table(f"rollup_{level}", [h("group", lang), *[h(k, lang) for k in ROLLUP_KEYS], h("rate", lang)], rows[1:],
                 t("report.rollup_table", lang, level=ctx.level_name(level)), [False] + [True] * (len(ROLLUP_KEYS) + 1),
                 rows[0])


def _task_table(ctx, level) -> Table:
    lang = ctx.lang
    rows = [[Cell(r["task"]), *[Cell(str(r[k])) for k in TASK_KEYS], Cell(r["rate_text"])]
            for r in ctx.rollup("task", level=level)]
    return Table(f"tasks_{level}", [h("task", lang), *[h(k, lang) for k in TASK_KEYS], h("rate", lang)], rows,
                 t("report.task_table", lang, level=ctx.level_name(level)), [False] + [True] * (len(TASK_KEYS) + 1))


def _type_chart(ctx, levels) -> Chart:
    lang = ctx.lang
    order = [ty for ty in TYPES if any(r["type"] == ty for r in ctx.rollup("type"))]
    series = []
    for n, level in enumerate(levels):
        rows = {r["type"]: r for r in ctx.rollup("type", level=level)}
        series.append(Series(ctx.level_name(level), [rows[ty]["rate"] if ty in rows else None for ty in order],
                             [rows[ty]["rate_text"] if ty in rows else "-" for ty in order],
                             LEVEL_COLOURS[n % len(LEVEL_COLOURS)]))
    return Chart("completion_by_type", t("report.chart_types", lang), [label(TYPES, ty, lang) for ty in order], series,
                 ref=100, ref_label=t("report.ref_100", lang), percent=True)
