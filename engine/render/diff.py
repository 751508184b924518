"""jixiao diff's 绩效目标调整 table (and the statuses it flips) as a terminal table, Markdown, JSON and
an Excel workbook."""
from __future__ import annotations

import io
import json
from decimal import ROUND_HALF_UP, Decimal

from engine.audit.figures import plain
from engine.render.words import status_label
from engine.text import labels, t

KEYS = ("indicator", "change", "old", "new", "amount")
FLIP_KEYS = ("id", "unit", "name", "old_status", "new_status")


def _value(value, kind: str, lang: str) -> str:
    if value is None:
        return t("diff.none_value", lang)
    if kind == "type" and value in labels.TYPES:
        zh, en, _ = labels.TYPES[value]
        return zh if lang == "zh" else en
    if kind == "direction":
        return f"{value} ({t(f'directions.{value}', lang)})"
    if kind == "level":
        return labels.DEFAULT_LEVELS.get(value, value) if lang == "zh" else labels.LEVELS_EN.get(value, value)
    if isinstance(value, dict):
        low, high = value.get("min"), value.get("max")
        return f"{low}–{high}" if low is not None and high is not None else f"≥ {low}" if low is not None else f"≤ {high}"
    if isinstance(value, float):
        return plain(Decimal(str(value)))
    return str(value)


def _amount(change) -> str:
    amount = change.amount
    if amount is None:
        return ""
    diff, share = amount
    text = ("+" if diff > 0 else "") + plain(diff)
    if share is not None:
        text += f" ({'+' if share > 0 else ''}{format(share.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP), 'f')}%)"
    return text


def rows(result, lang: str) -> list[list[str]]:
    """One row per change: 指标, 调整内容, 原目标, 调整后目标, 调整幅度."""
    return [[f"{c.id} {c.name}", t(f"diff.kind_{c.kind}", lang, stage=c.stage), _value(c.old, c.kind, lang),
             _value(c.new, c.kind, lang), _amount(c)] for c in result.changes]


def flip_rows(result, lang: str) -> list[list[str]]:
    none = t("diff.none_value", lang)
    return [[f.id, f.unit, f.name, status_label(f.old, lang) if f.old else none,
             status_label(f.new, lang) if f.new else none] for f in result.flips]


def _header(keys, lang):
    return [t(f"diff.col_{k}", lang) for k in keys]


def _heading(result, lang):
    return t("diff.heading", lang, old=result.old, new=result.new, count=len(result.changes))


def render_table(result, lang: str = "zh") -> str:
    from tabulate import tabulate
    out = [_heading(result, lang), ""]
    body = rows(result, lang)
    out.append(tabulate(body, headers=_header(KEYS, lang), tablefmt="simple") if body else t("diff.none", lang))
    if result.snapshot:
        out += ["", _flips_heading(result, lang)]
        if result.flips:
            out.append(tabulate(flip_rows(result, lang), headers=_header(FLIP_KEYS, lang), tablefmt="simple"))
    return "\n".join(out) + "\n"


def _flips_heading(result, lang):
    key = "diff.flips_heading" if result.flips else "diff.flips_none"
    return t(key, lang, date=result.snapshot, count=len(result.flips))


def _md_table(header, body):
    cell = lambda v: str(v).replace("|", "\\|")  # noqa: E731
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + \
           ["| " + " | ".join(cell(v) for v in row) + " |" for row in body]


def render_markdown(result, lang: str = "zh") -> str:
    out = [f"### {_heading(result, lang)}", ""]
    body = rows(result, lang)
    out += _md_table(_header(KEYS, lang), body) if body else [t("diff.none", lang)]
    if result.snapshot:
        out += ["", f"**{_flips_heading(result, lang)}**"]
        if result.flips:
            out += [""] + _md_table(_header(FLIP_KEYS, lang), flip_rows(result, lang))
    return "\n".join(out) + "\n"


def render_json(result, lang: str = "zh") -> str:
    data = {"old": result.old, "new": result.new, "changes": [c.to_dict() for c in result.changes]}
    if result.snapshot:
        data["snapshot"] = result.snapshot
        data["flips"] = [f.to_dict() for f in result.flips]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_xlsx(result, lang: str = "zh") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    book = Workbook()
    sheet = book.active
    sheet.title = t("diff.sheet_changes", lang)
    sheets = [(sheet, _header(KEYS, lang), rows(result, lang))]
    if result.snapshot:
        sheets.append((book.create_sheet(t("diff.sheet_flips", lang)), _header(FLIP_KEYS, lang), flip_rows(result, lang)))
    for ws, header, body in sheets:
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in body:
            ws.append(row)
        for n, _ in enumerate(header, start=1):
            ws.column_dimensions[ws.cell(1, n).column_letter].width = 24 if n != 1 else 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
