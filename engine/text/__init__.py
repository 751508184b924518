"""The one text catalogue: every word and sentence users see, in Chinese and English.

Problems (input errors and warnings) are in problems.py, code -> message and fix; rule errors
in messages.py; labels of statuses, flags, types … in labels.py. Words and sentences of each area
of the tool live in a module of their own here, `TEXTS = {key: (zh, en)}`, read with
`t("area.key", lang, **params)`: {name} fields are filled from params (a param that is a dict
with zh/en keys is shown in the chosen language)."""
from __future__ import annotations

import importlib

_loaded: dict[str, dict] = {}


def words(area: str) -> dict:
    """The TEXTS of one area, imported on first use."""
    if area not in _loaded:
        _loaded[area] = importlib.import_module(f"engine.text.{area}").TEXTS
    return _loaded[area]


def t(key: str, lang: str, /, **params) -> str:
    area, _, name = key.partition(".")
    zh, en = words(area)[name]
    text = zh if lang == "zh" else en
    if not params:
        return text.replace("{{", "{").replace("}}", "}")
    from engine.text.messages import fill
    return fill(text, params, lang)
