"""The questions of `jixiao new indicator`, asked one field at a time and each answer checked at
once (a wrong answer is said and the question asked again). The one module of engine/authoring
that talks to the terminal: click.prompt reads the answers. The questions about targets are the
direction's own (way.questions). Chinese only today: the words are read with t(…, LANG)."""
from __future__ import annotations

import re
from pathlib import Path

import click

from engine import directions
from engine.text import t, words
from engine.text.labels import LEVELS_EN, SUBTYPES, TYPES

LANG = "zh"
ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
SUFFIXES = tuple(t(f"wizard.suffix_{k}", "zh") for k in ("indicator", "level", "benefit"))  # 数量指标 → 数量


def ask_file(proposed: Path) -> Path:
    return Path(click.prompt(t("wizard.ask_file", LANG), default=str(proposed)))


def ask_indicator(known_ids: set, levels: dict, defaults: dict) -> dict:
    """Ask for each field; defaults come from the file (its level, task and owner, and the type
    of its last indicator)."""
    def check_id(value):
        if not ID.match(value) or len(value) > 64:
            raise ValueError(t("wizard.id_form", LANG))
        if value in known_ids:
            raise ValueError(t("wizard.id_taken", LANG, id=value))

    fields = {"id": _text("ask_id", check=check_id)}
    fields["name"] = _text("ask_name")
    fields["level"] = _choice("ask_level", {k: (v, LEVELS_EN.get(k, k)) for k, v in levels.items()},
                              _known(defaults.get("level"), levels, next(iter(levels))), words=dict(levels))
    fields["task"] = _text("ask_task", default=defaults.get("task"))
    types = {k: v[:2] for k, v in TYPES.items()}  # (数量指标, quantity): the third is its category
    fields["type"] = _choice("ask_type", types, _known(defaults.get("last_type"), TYPES, "quantity"))
    if fields["type"] == "benefit":
        fields["subtype"] = _choice("ask_subtype", SUBTYPES, _known(defaults.get("last_subtype"), SUBTYPES, "social"))
    fields["unit"] = _text("ask_unit",
                           default="%" if fields["type"] == "satisfaction" else t("wizard.default_unit", LANG))
    ways = directions.registry()
    fields["direction"] = _choice("ask_direction", {name: _direction_words(name) for name in ways},  # all its words
                                  directions.default_for(fields["type"], fields["unit"]),
                                  words={name: _direction_shown(name) for name in ways})
    for key, prompt, parse, default in ways[fields["direction"]].questions(fields):
        fields[key] = _ask(prompt, parse, default=default)
    fields["owner"] = _text("ask_owner", default=defaults.get("owner"), optional=True)
    return fields


def _ask(question: str, proc, default=None, show_default=True):
    """Ask until the answer passes proc (which says what is wrong with ValueError); the error is
    said in the catalogue's words (click would print "Error:")."""
    while True:
        raw = click.prompt(question, default=default, show_default=show_default)
        try:
            return proc(raw)
        except ValueError as exc:
            click.echo(t("wizard.error", LANG, message=str(exc)))


def _choice(key: str, table: dict, default, words=None):
    """One of the table's codes, asked for by its Chinese word: the options and the default are shown
    in Chinese; the answer may be the word, the word without 指标/层面/效益 (数量), its English word or
    the code itself (quantity). The code is returned (the rule file holds codes)."""
    words = words or {k: v[0] for k, v in table.items()}
    shown = {k: words.get(k) or k for k in table}
    aliases = choice_aliases({k: [shown[k], *table[k]] for k in table})
    options = t("wizard.option_sep", LANG).join(
        t("wizard.option", LANG, code=k, word=shown[k]) if shown[k] != k else k for k in table)

    def check(value):
        found = aliases.get(value.strip().lower())
        if found is None:
            raise ValueError(t("wizard.one_of", LANG, choices=t("wizard.list_sep", LANG).join(shown.values()),
                               codes=t("wizard.list_sep", LANG).join(table)))
        return found
    return _ask(t("wizard.choice", LANG, question=t(f"wizard.{key}", LANG), options=options), check,
                default=shown.get(default, default) if default is not None else None)


def choice_aliases(names_of: dict) -> dict:
    """Every accepted answer (in lower case) -> its code: the code, its words (the one shown, the
    catalogue's Chinese and English), and a Chinese word without its 指标/层面/效益 suffix."""
    found = {}
    for code, known in names_of.items():
        names = [code, *(w for w in known if isinstance(w, str) and w)]
        for name in list(names):
            for suffix in SUFFIXES:
                if name.endswith(suffix) and len(name) > len(suffix) + 1:
                    names.append(name[:-len(suffix)])
        for name in names:
            found.setdefault(name.strip().lower(), code)
    return found


def _direction_words(name: str) -> tuple:
    """A direction's words (越高越好, higher is better, ≥ 目标, ≥ target), those it has in the catalogue."""
    table = words("directions")
    return tuple(w for key in (f"word_{name}", f"prompt_{name}") if key in table for w in table[key])


def _direction_shown(name: str) -> str:
    table = words("directions")
    word, hint = (t(f"directions.{k}", LANG) if k in table else "" for k in (f"word_{name}", f"prompt_{name}"))
    if word and hint and hint not in word:  # 越高越好 ≥ 目标; but not 在区间内 区间
        return t("wizard.direction_word", LANG, word=word, hint=hint)
    return word or hint or name


def _text(key: str, default=None, optional=False, check=None):
    def proc(value):
        value = value.strip()
        if not value and not optional:
            raise ValueError(t("wizard.empty", LANG))
        if value and check:
            check(value)
        return value
    return _ask(t(f"wizard.{key}", LANG), proc, default=default if default is not None else ("" if optional else None),
                show_default=bool(default))


def _known(value, table, fallback):
    return value if value in table else fallback
