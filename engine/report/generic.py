"""Blocks for a result whose shape the report does not know (a scores dict of another shape):
scalars as a two-column table, lists of records as tables, nested mappings as sub-sections."""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from engine.core.numbers import number_text
from engine.report.document import Cell, Para, Section, Table
from engine.text import t


def for_unit(value, unit):
    """A per-unit mapping's entry for this unit, else the value as it is."""
    if isinstance(value, dict) and unit in value:
        return value[unit]
    return value


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes, list, tuple)):
        return list(value)  # records held as columns (summarise/records.py) read as the list they are
    if hasattr(value, "to_dict") and callable(value.to_dict):
        return value.to_dict()
    return value


def _text(value, lang: str) -> str:
    value = _plain(value)
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, (list, tuple)):
        return t("report.list_sep", lang).join(_text(v, lang) for v in value)
    if isinstance(value, dict):
        return t("report.clause_sep", lang).join(_pair(k, v, lang) for k, v in value.items())
    return str(value)


def _pair(key, value, lang) -> str:
    return t("report.pair", lang, key=key, value=_text(value, lang))


def generic_blocks(value, lang, key: str = "generic", depth: int = 0) -> list:
    """Blocks for a result whose shape this module does not know (scores, a comparison):
    scalars as a two-column table, lists of records as tables, nested mappings as sub-sections."""
    value = _plain(value)
    if isinstance(value, dict):
        scalars = [(k, v) for k, v in value.items() if not isinstance(_plain(v), (dict, list, tuple))]
        blocks = []
        if scalars:
            blocks.append(Table(f"{key}_values", [t("report.key", lang), t("report.value", lang)],
                                [[Cell(str(k)), Cell(_text(v, lang))] for k, v in scalars], numeric=[False, True]))
        for k, v in value.items():
            if isinstance(_plain(v), (dict, list, tuple)):
                inner = generic_blocks(v, lang, f"{key}_{k}", depth + 1)
                blocks.append(Section(f"{key}_{k}", str(k), inner) if depth < 2 else Para(_pair(k, v, lang)))
        return blocks
    if isinstance(value, (list, tuple)):
        records = [_plain(v) for v in value]
        if records and all(isinstance(r, dict) for r in records):
            head = list(dict.fromkeys(k for r in records for k in r))
            return [Table(f"{key}_rows", [str(k) for k in head], [[Cell(_text(r.get(k), lang)) for k in head] for r in records],
                          numeric=[all(isinstance(r.get(k), (int, float)) for r in records if r.get(k) is not None)
                                   for k in head])]
        return [Para(_text(value, lang))]
    return [Para(_text(value, lang))]
