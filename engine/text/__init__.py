"""The one text catalogue: every word and sentence users see, in Chinese and English.

Problems (input errors and warnings) are in problems.py, code -> message and fix; rule errors
in messages.py; labels of statuses, flags, types … in labels.py. Words and sentences of each area
of the tool live in a module of their own here, `TEXTS = {key: (zh, en)}`, read with
`t("area.key", lang, **params)`: {name} fields are filled from params (a param that is a dict
with zh/en keys is shown in the chosen language); {{ and }} stand for braces."""
from __future__ import annotations

import importlib
import re

_loaded: dict[str, dict] = {}
_TOKEN = re.compile(r"\{\{|\}\}|\{(\w+)\}")


def words(area: str) -> dict:
    """The TEXTS of one area, imported on first use."""
    if area not in _loaded:
        _loaded[area] = importlib.import_module(f"engine.text.{area}").TEXTS
    return _loaded[area]


def t(key: str, lang: str, /, **params) -> str:
    area, _, name = key.partition(".")
    zh, en = words(area)[name]
    return fill(zh if lang == "zh" else en, params, lang)


def fill(template: str, params: dict, lang: str) -> str:
    """Fill the fields in one pass, so that braces in a filled-in value (a table title, a cause
    note) stay as they are."""
    def one(m):
        if m.group(1) is None:
            return m.group(0)[0]
        value = params.get(m.group(1), "")
        if isinstance(value, dict) and lang in value:
            value = value[lang]
        return str(value)
    return _TOKEN.sub(one, template)
