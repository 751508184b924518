"""Formatters for problems: grouped for people, one per line for editors, JSON for programs."""
from __future__ import annotations

import json

from engine.text import t
from engine.text.fields import field_label


def level_word(level: str, lang: str) -> str:
    return t(f"render.problem_{level}", lang)


def _one(text: str) -> str:
    """A message on its line: a newline inside a value (id "S_NUM\\n") shown as \\n, not as a break."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def human(problems, lang: str = "zh") -> str:
    out, current = [], None
    for p in problems:
        if p.file != current:
            out.append(p.file)
            current = p.file
        where = f"{p.line or '-'}:{p.col or '-'}"
        path = t("render.problem_path", lang, path=field_label(p.path, lang, p.file)) if p.path else ""
        out.append(f"  {where:<8} {level_word(p.level, lang)}  {_one(path + p.message(lang))}  [{p.code}]")
        fix = p.fix(lang)
        if fix:
            out.append(f"  {'':<8} {t('render.problem_fix', lang, fix=fix)}")
    errors = sum(p.level == "error" for p in problems)
    out.append(t("render.problem_counts", lang, errors=errors, warnings=len(problems) - errors))
    return "\n".join(out) + "\n"


def one_line(p, lang: str = "zh") -> str:
    """For people, one line (the level in their language)."""
    return f"{p.location()}: {level_word(p.level, lang)}: {_one(p.message(lang))} [{p.code}]"


def parsable(problems, lang: str = "zh") -> str:
    """For editors and CI: the level stays the English word they match on."""
    return "".join(f"{p.location()}: {p.level}: {_one(p.message(lang))} [{p.code}]\n" for p in problems)


def as_json(problems, lang: str = "zh") -> str:
    return json.dumps([p.to_dict(lang) for p in problems], ensure_ascii=False, indent=2) + "\n"

