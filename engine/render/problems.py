"""Formatters for problems: grouped for people, one per line for editors, JSON for programs."""
from __future__ import annotations

import json

LEVEL = {"error": ("错误", "error"), "warning": ("警告", "warning")}


def human(problems, lang: str = "zh") -> str:
    out, current = [], None
    for p in problems:
        if p.file != current:
            out.append(p.file)
            current = p.file
        where = f"{p.line or '-'}:{p.col or '-'}"
        level = LEVEL[p.level][0 if lang == "zh" else 1]
        path = f"{p.path}: " if p.path else ""
        out.append(f"  {where:<8} {level}  {path}{p.message(lang)}  [{p.code}]")
        fix = p.fix(lang)
        if fix:
            out.append(f"  {'':<8} {'→ 修改：' if lang == 'zh' else '→ fix: '}{fix}")
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    out.append(f"共 {errors} 个错误，{warnings} 个警告" if lang == "zh" else f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(out) + "\n"


def one_line(p, lang: str = "zh") -> str:
    """For people, one line (the level in their language)."""
    level = LEVEL[p.level][0 if lang == "zh" else 1]
    return f"{p.location()}: {level}: {p.message(lang)} [{p.code}]"


def parsable(problems, lang: str = "zh") -> str:
    """For editors and CI: the level stays the English word they match on."""
    return "".join(f"{p.location()}: {p.level}: {p.message(lang)} [{p.code}]\n" for p in problems)


def as_json(problems, lang: str = "zh") -> str:
    return json.dumps([p.to_dict(lang) for p in problems], ensure_ascii=False, indent=2) + "\n"


FORMATS = {"human": human, "parsable": parsable, "json": as_json}
