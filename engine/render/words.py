"""Shared words for renderers: column headers and row labels, in Chinese and English."""
from __future__ import annotations

from engine.text import t
from engine.text.labels import CATEGORIES, DEFAULT_LEVELS, LEVELS_EN, STATUSES, SUBTYPES, TYPES, label


def h(key: str, lang: str) -> str:
    """A column header or row label (engine/text/render.py)."""
    return t(f"render.{key}", lang)


def level_label(level: str, settings, lang: str) -> str:
    if lang == "zh":
        return (settings.levels or DEFAULT_LEVELS).get(level, level)
    return LEVELS_EN.get(level, level)


def group_label(row: dict, lang: str) -> str:
    """The label of a roll-up row, indented by depth as the report nests them."""
    g = row["grouping"]
    if g == "level":
        return h("all", lang)
    if g == "category":
        return label(CATEGORIES, row["category"], lang)
    if g == "type":
        if row["type"] in ("benefit", "satisfaction"):
            return None  # the same as its category row
        return "  " + label(TYPES, row["type"], lang)
    if g == "subtype":
        return "  " + label(SUBTYPES, row["subtype"], lang)
    return row["task"]


def status_label(status: str, lang: str) -> str:
    return label(STATUSES, status, lang)
