"""The one text catalogue: every word and sentence users see, in Chinese and English.

Problems (input errors and warnings) are in messages.py, code -> message and fix, with the rule
errors; labels of statuses, flags, types … in labels.py; the words jixiao recognises in users'
files (column headers, 未完成, measures …) in vocabulary.py. Words and sentences of each area of
the tool live in a module of their own here, `TEXTS = {key: (zh, en)}`, read with
`t("area.key", lang, **params)`.

Params are shown in the chosen language when the text is filled in (see fill): a dict with zh/en
keys as its own entry, a list joined the language's way (、 or , ). So code that finds a problem
before it knows the reader's language hands over words in both (both(), or a list), never a
sentence it wrote itself.

A new word: add `"key": (zh, en)` to the area's TEXTS. A new language would add a third entry to
each pair and to LANGS."""
from __future__ import annotations

import importlib
import re

LANGS = ("zh", "en")
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
    text = zh if lang == "zh" else en
    if "{" not in text and "}" not in text:  # nothing to fill (fill would give it back as it is)
        return text
    return fill(text, params, lang)


def both(key: str, /, **params) -> dict:
    """A text in every language, as a param or detail whose language is chosen when it is shown."""
    return {lang: t(key, lang, **params) for lang in LANGS}


def clipped(text: str, limit: int) -> dict:
    """A text cut to `limit` characters, ending with the language's ellipsis."""
    return {lang: text[:limit] + t("common.more", lang) for lang in LANGS}


class Items(list):
    """A list shown as a param; `more` marks a list cut short (shown with an ellipsis)."""
    more = False


def items(values, limit: int | None = None) -> Items:
    """The values as a param, at most `limit` of them (the rest shown as an ellipsis)."""
    values = list(values)
    out = Items(values if limit is None else values[:limit])
    out.more = limit is not None and len(values) > limit
    return out


def shown(value, lang: str) -> str:
    """A param in the reader's language: {zh, en} by its entry, a list joined (、 in Chinese,
    commas in English; an empty list as （无）/(none))."""
    if isinstance(value, dict) and lang in value:
        return shown(value[lang], lang)
    if isinstance(value, (list, tuple)):
        if not value:
            return t("common.none_listed", lang)
        text = t("common.list_sep", lang).join(shown(v, lang) for v in value)
        return text + (t("common.more", lang) if getattr(value, "more", False) else "")
    return str(value)


def fill(template: str, params: dict, lang: str) -> str:
    """Fill the fields in one pass, so that braces in a filled-in value (a table title, a cause
    note) stay as they are."""
    def one(m):
        if m.group(1) is None:
            return m.group(0)[0]
        return shown(params.get(m.group(1), ""), lang)
    return _TOKEN.sub(one, template)
