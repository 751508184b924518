"""评分: the unit's score and grade, each level's category scores, and the indicators short of full
points (the dict engine/summarise/scores.py documents; a dict of another shape is shown as it is)."""
from __future__ import annotations

from engine.core.numbers import number_text
from engine.report.document import Cell, Para, Section, Table
from engine.report.generic import for_unit, generic_blocks
from engine.report.sections import section
from engine.render.words import h
from engine.text import t, words
from engine.text.labels import CATEGORIES, label
from engine.text.report import SENTENCE_ENDS


@section("scores", order=80)
def scores(ctx) -> Section | None:
    result = getattr(ctx.summary, "scores", None)
    if not result:  # {} or absent: nothing to score
        return None
    try:
        blocks = _blocks(ctx, result)
    except (KeyError, TypeError, AttributeError, StopIteration):
        blocks = generic_blocks(for_unit(result, ctx.unit), ctx.lang)
    return Section("scores", t("report.sec_scores", ctx.lang), blocks)


def _blocks(ctx, scores) -> list:
    lang = ctx.lang
    list_sep = t("report.list_sep", lang)
    unit = next(u for u in scores["units"] if u["unit"] == ctx.unit)
    grade = lambda g: "-" if g is None else g  # noqa: E731  (in the reader's language already)
    score = lambda v: "-" if v is None else number_text(v, 2)  # noqa: E731
    levels = unit["levels"]
    parts = list_sep.join(t("report.score_level", lang, level=lv["label"], score=score(lv["score"]),
                            grade=grade(lv["grade"])) for lv in levels)
    shares = list_sep.join(t("report.score_share", lang, level=next((lv["label"] for lv in levels if lv["level"] == k), k),
                             share=ctx.rate(v * 100, 0))
                           for k, v in (unit.get("shares") or {}).items())
    blocks = [Para(t("report.score_sentence", lang, name=unit["name"], score=score(unit["score"]),
                     grade=grade(unit["grade"]), parts=parts, shares=shares), "figures")]
    task = unit.get("task_completion") or {}
    if task.get("note"):
        note = task["note"]
        blocks.append(Para(note if note.endswith(SENTENCE_ENDS) else note + t("report.full_stop", lang), "detail"))
    cats = [c["category"] for c in levels[0]["categories"]] if levels else []
    heads = [h("level", lang)]
    for c in levels[0]["categories"] if levels else []:
        heads.append(t("report.weighted", lang, label=c["label"], weight=number_text(c["weight"])))
    heads += [t("report.score", lang), t("report.grade", lang)]
    rows = []
    for lv in levels:
        by_cat = {c["category"]: c for c in lv["categories"]}
        rows.append([Cell(lv["label"]), *[Cell(score(by_cat[c]["score"]) if c in by_cat else "-") for c in cats],
                     Cell(score(lv["score"])), Cell(grade(lv["grade"]))])
    total = [Cell(unit["name"]), *[Cell("") for _ in cats], Cell(score(unit["score"])), Cell(grade(unit["grade"]))]
    blocks.append(Table("scores_levels", heads, rows, t("report.score_table", lang),
                        [False] + [True] * (len(cats) + 1) + [False], total))
    names = {i["id"]: i["name"] for i in ctx.indicators}
    lost = [r for r in scores.get("indicators", []) if r["unit"] == ctx.unit and r.get("earned") is not None
            and r["earned"] < 1]
    if lost:
        rows = [[Cell(r["id"]), Cell(names.get(r["id"], "")), Cell(ctx.level_name(r["level"])),
                 Cell(t("report.budget_category", lang) if r["category"] == "budget"
                      else label(CATEGORIES, r["category"], lang)),
                 Cell(ctx.rate(r["earned"] * 100)), Cell(_basis(r["basis"], lang))]
                for r in lost]
        blocks.append(Table("scores_lost", [h("id", lang), h("name", lang), h("level", lang), h("category", lang),
                                            t("report.earned", lang), t("report.basis", lang)],
                            rows, t("report.score_lost", lang), [False, False, False, False, True, False]))
    return blocks


def _basis(basis: str, lang: str) -> str:
    """How an indicator was scored, in words; a basis the catalogue does not know as it is."""
    return t(f"report.basis_{basis}", lang) if f"basis_{basis}" in words("report") else basis
