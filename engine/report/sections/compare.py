"""与 … 对比: what changed since the earlier snapshot given with --against (the dict
engine/summarise/compare.py documents), with the same rows as `jixiao compare`."""
from __future__ import annotations

from engine.core.numbers import number_text
from engine.render.comparison_rows import item_headers, item_rows
from engine.render.words import h
from engine.report.context import date_text
from engine.report.document import Cell, Para, Section, Table
from engine.report.sections import section
from engine.text import t
from engine.text.labels import CATEGORIES, label

CHANGES = ("newly_achieved", "newly_lagging", "still_lagging", "other_changes")
COUNTS = ("newly_achieved", "recovered", "newly_lagging", "still_lagging", "other_changes", "unchanged")


@section("compare", order=90)
def compare(ctx) -> Section | None:
    c = ctx.comparison
    if c is None:
        return None
    return Section("compare", t("report.sec_compare", ctx.lang, date=date_text(c["before"], ctx.lang)), _blocks(ctx, c))


def _status_class(item, column: int) -> str:
    """The colour of the status cells (columns 3 and 6 of compare's item rows)."""
    side = {3: item.get("before"), 6: item.get("after")}.get(column)
    return f"status-{side['status']}" if side and side.get("status") else ""


def _blocks(ctx, c) -> list:
    lang, unit = ctx.lang, ctx.unit
    counts = next(x for x in c["counts"] if x["unit"] == unit)
    blocks = [Para(t("report.compare_sentence", lang, before=date_text(c["before"], lang),
                     after=date_text(c["after"], lang), **{k: counts[k] for k in COUNTS}), "figures")]
    keys = ["total", "achieved", "exceeded", "in_progress", "not_achieved", "missing"]
    rows = []
    for r in c["rollups"]:
        if r["unit"] != unit or r["grouping"] not in ("level", "category"):
            continue
        name = ctx.level_name(r["level"]) + ("" if r["grouping"] == "level" else " · " + label(CATEGORIES, r["category"], lang))
        b, a, d = r["before"] or {}, r["after"] or {}, r["delta"]
        rows.append([Cell(name), *[Cell(f"{b.get(k, '-')} → {a.get(k, '-')}") for k in keys],
                     Cell(f"{b.get('rate_text') or '-'} → {a.get('rate_text') or '-'}"),
                     Cell("-" if d.get("rate") is None else f"{d['rate']:+.{ctx.settings.digits}f}")])
    blocks.append(Table("compare_rollups", [h("group", lang), *[h(k, lang) for k in keys], h("rate", lang),
                                            t("report.rate_change", lang)], rows, t("report.compare_rollups", lang),
                        [False] + [True] * (len(keys) + 2)))
    for kind in CHANGES:
        items = [i for i in c[kind] if i["unit"] == unit]
        if not items:
            continue
        rows = []  # the same cells as `jixiao compare`: values with their units, the target of each side
        for i, texts in zip(items, item_rows(items, unit, ctx.settings, lang)):
            texts[1] += t("report.recovered_mark", lang) if i.get("recovered") else ""
            rows.append([Cell(x, _status_class(i, k)) for k, x in enumerate(texts)])
        blocks.append(Table(f"compare_{kind}", item_headers(lang), rows,
                            t(f"report.compare_{kind}", lang, n=len(items)), [False] * 4 + [True] * 2 + [False] + [True] * 2))
    scores = [r for r in c.get("scores", []) if r["unit"] == unit]
    if scores:
        def side(x):
            if not x or x.get("score") is None:
                return "-"
            return t("report.score_grade", lang, score=number_text(x["score"], 2), grade=x.get("grade") or "-")
        rows = [[Cell(r["label"] or ctx.summary.units.get(unit, unit)), Cell(side(r["before"])), Cell(side(r["after"])),
                 Cell("-" if r["delta"] is None else f"{r['delta']:+.2f}")] for r in scores]
        blocks.append(Table("compare_scores", [h("level", lang), t("report.score_before", lang), t("report.score_after", lang),
                                               t("report.score_change", lang)], rows, t("report.compare_scores", lang),
                            [False, True, True, True]))
    return blocks
