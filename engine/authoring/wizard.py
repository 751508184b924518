"""The questions of `jixiao new indicator`, asked one field at a time and each answer checked at
once (a wrong answer is said and the question asked again). The one module of engine/authoring
that talks to the terminal: click.prompt reads the answers. The questions about targets are the
direction's own (way.questions). Chinese only today: the words are read with t(…, LANG)."""
from __future__ import annotations

import re
from pathlib import Path

import click

from engine import directions
from engine.text import t
from engine.text.labels import SUBTYPES, TYPES

LANG = "zh"
ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


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
    fields["level"] = _choice("ask_level", levels, _known(defaults.get("level"), levels, next(iter(levels))),
                              words=dict(levels))
    fields["task"] = _text("ask_task", default=defaults.get("task"))
    fields["type"] = _choice("ask_type", TYPES, _known(defaults.get("last_type"), TYPES, "quantity"))
    if fields["type"] == "benefit":
        fields["subtype"] = _choice("ask_subtype", SUBTYPES, _known(defaults.get("last_subtype"), SUBTYPES, "social"))
    fields["unit"] = _text("ask_unit",
                           default="%" if fields["type"] == "satisfaction" else t("wizard.default_unit", LANG))
    ways = directions.registry()
    fields["direction"] = _choice("ask_direction", ways, directions.default_for(fields["type"], fields["unit"]),
                                  words={name: t(f"directions.prompt_{name}", LANG) for name in ways})
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
    words = words or {k: v[0] for k, v in table.items()}
    options = t("wizard.option_sep", LANG).join(
        t("wizard.option", LANG, code=k, word=words[k]) if words.get(k) and words[k] != k else k for k in table)

    def check(value):
        value = value.strip()
        if value not in table:
            raise ValueError(t("wizard.one_of", LANG, choices=t("wizard.list_sep", LANG).join(table)))
        return value
    return _ask(t("wizard.choice", LANG, question=t(f"wizard.{key}", LANG), options=options), check, default=default)


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
