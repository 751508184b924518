"""A comparison of two snapshots (engine/summarise/compare.py) as a table, Markdown or JSON.

Table and Markdown share one layout (per unit a title and titled blocks); plain.py and md.py
write their syntax."""
from __future__ import annotations

import json

from engine.render import md, plain
from engine.render.blocks import Grid, Items, Titled
from engine.render.comparison_rows import (cause_notes, item_headers, item_rows, overview, rollup_headers,
                                           rollup_rows, score_headers, score_rows)
from engine.render.summary_parts import ROLLUP_ALIGN, ROLLUPS
from engine.text import t

CHANGES = ("newly_achieved", "newly_lagging", "still_lagging", "other_changes")
SCORE_ALIGN = ("left",) + ("right", "left") * 2 + ("right",)


def render_json(result: dict, settings=None, lang: str = "zh") -> str:
    return json.dumps(result, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def layout(result: dict, settings, lang: str):
    """(title, [Titled]) for each unit: what table and Markdown show."""
    for unit, name in result["units"].items():
        title = t("compare.title", lang, unit=name, before=result["before"], after=result["after"])
        blocks = [Titled(t("compare.overview", lang), [overview(result, unit, lang), ""])]
        for key in CHANGES:
            recovered = key == "newly_achieved"
            rows = item_rows(result[key], unit, settings, lang, recovered)
            items = [Grid(item_headers(lang, recovered), rows)] if rows else [t("compare.none", lang)]
            if key in ("newly_lagging", "still_lagging") and rows:
                items += ["", Items(cause_notes(result[key], unit))]
            blocks.append(Titled(t(f"compare.{key}", lang), items + [""]))
        rows = score_rows(result, unit, settings, lang)
        if rows:
            blocks.append(Titled(t("compare.scores", lang), [Grid(score_headers(lang), rows, SCORE_ALIGN), ""]))
        for key, groupings, first in ROLLUPS:
            rows = rollup_rows(result, unit, groupings, settings, lang)
            blocks.append(Titled(t(f"compare.{key}", lang), [Grid(rollup_headers(first, lang), rows, ROLLUP_ALIGN), ""]))
        yield title, blocks


def render_table(result: dict, settings=None, lang: str = "zh") -> str:
    out = []
    for title, blocks in layout(result, settings, lang):
        out += plain.title(title)
        for block in blocks:
            out += plain.titled(block, lang)
    return "\n".join(out).rstrip() + "\n"


def render_markdown(result: dict, settings=None, lang: str = "zh") -> str:
    out = []
    for title, blocks in layout(result, settings, lang):
        out += md.heading(1, title)
        for block in blocks:
            out += md.titled(block)
    return "\n".join(out).rstrip() + "\n"
