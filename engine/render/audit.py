"""jixiao audit's findings as a table for the terminal, as Markdown and as JSON."""
from __future__ import annotations

import json

from engine.audit.finding import Checked
from engine.text import t


def place_text(place, lang: str) -> str:
    """表 2 …，“合计”行，“省级”列（第 93 行） / 第 133 行（（4）打造高水平双师队伍）"""
    line = t(f"audit.place_{place.numbering}", lang, line=place.line) if place.line else ""
    if place.table:
        text = t("audit.place_table", lang, table=place.table, row=place.row)
        if place.column:
            text += t("audit.place_column", lang, column=place.column)
        return text + (t("audit.place_section", lang, section=line) if line else "")
    return line + (t("audit.place_section", lang, section=place.section) if place.section else "")


def _heading(audit, lang: str, date: str | None) -> str:
    evaluated = t("audit.with_results", lang, date=date) if date else ""
    key = "audit.heading" if audit.findings else "audit.heading_none"
    return t(key, lang, file=audit.file, count=len(audit.findings), tables=audit.tables,
             paragraphs=audit.paragraphs, evaluated=evaluated)


def _mixed(audit, lang: str) -> str:
    rounded = sum(c.convention == "rounded" for c in audit.checked)
    truncated = sum(c.convention == "truncated" for c in audit.checked)
    return t("audit.mixed", lang, rounded=rounded, truncated=truncated) if rounded and truncated else ""


def render_table(audit, lang: str = "zh", date: str | None = None) -> str:
    out = [_heading(audit, lang, date), ""]
    for n, f in enumerate(audit.findings, start=1):
        out.append(f"{n:>2}. {place_text(f.place, lang)}")
        out.append(f"    {f.message(lang)}")
        out.append(f"    {t('audit.arithmetic', lang)}{f.arithmetic}")
        if f.other is not None:
            out.append(f"    {t('audit.also_at_label', lang)}{place_text(f.other, lang)}")
    if audit.checked:
        out += ["", t("audit.checked_label", lang)]
        out += ["  - " + t("audit.checked_line", lang, place=place_text(c.place, lang), stated=c.stated,
                           arithmetic=c.arithmetic, convention=c.convention_text(lang)) for c in audit.checked]
    mixed = _mixed(audit, lang)
    return "\n".join(out + ([mixed] if mixed else [])) + "\n"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(audit, lang: str = "zh", date: str | None = None) -> str:
    out = [f"### {_heading(audit, lang, date)}", ""]
    if audit.findings:
        cols = [t(f"audit.col_{c}", lang) for c in ("no", "place", "problem", "arithmetic")]
        out += ["| " + " | ".join(cols) + " |", "|---:|---|---|---|"]
        for n, f in enumerate(audit.findings, start=1):
            place = place_text(f.place, lang)
            if f.other is not None:
                place = t("audit.place_also", lang, place=place, other=place_text(f.other, lang))
            out.append(f"| {n} | {_cell(place)} | {_cell(f.message(lang))} | {_cell(f.arithmetic)} |")
    if audit.checked:
        cols = [t(f"audit.col_{c}", lang) for c in ("place", "figure", "arithmetic", "convention")]
        out += ["", f"**{t('audit.checked_heading', lang)}**", "", "| " + " | ".join(cols) + " |", "|---|---:|---|---|"]
        out += [f"| {_cell(place_text(c.place, lang))} | {c.stated} | {_cell(c.arithmetic)} | {_cell(c.convention_text(lang))} |"
                for c in audit.checked]
    mixed = _mixed(audit, lang)
    return "\n".join(out + (["", mixed] if mixed else [])) + "\n"


def render_json(audit, lang: str = "zh", date: str | None = None) -> str:
    data = {"file": audit.file, "snapshot": date, "tables": audit.tables, "paragraphs": audit.paragraphs,
            "findings": [f.to_dict(lang) for f in audit.findings],
            "checked": [c.to_dict(lang) for c in audit.checked if isinstance(c, Checked)]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
