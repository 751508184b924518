"""CSV of every indicator and unit (or of the exceptions), for Excel and WPS."""
from __future__ import annotations

import csv
import io

from engine.text.labels import FLAGS, TYPES, label
from engine.core.numbers import number_text
from engine.render.words import h, level_label, status_label
from engine.text import t

COLUMNS = ["unit", "id", "name", "level", "task", "type", "measure", "target_period", "target", "actual",
           "completion", "status", "flags", "note"]


def _actual_text(actual, lang) -> str:
    if actual == "not_done":  # a deadline indicator whose work is not finished
        return t("render.not_done", lang)
    return number_text(actual)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell):
    """A text from the inputs that Excel would run as a formula (=HYPERLINK(…), +cmd, @SUM) is
    written with a leading apostrophe, as the workbook keeps it text; numbers such as -5 stay numbers."""
    if not isinstance(cell, str) or not cell.startswith(FORMULA_START) or cell in ("-", "+"):
        return cell  # a lone - is jixiao's "no value", not a formula
    try:
        float(cell)
        return cell
    except ValueError:
        return "'" + cell


def render(summary, exceptions_only: bool = False, every: bool = False) -> str:
    lang = summary.lang
    rows = summary.exceptions if exceptions_only else summary.indicators
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # what Excel writes and expects
    writer.writerow([h(c, lang) for c in COLUMNS])
    for r in rows:
        writer.writerow([_inert(cell) for cell in [
            r["unit"], r["id"], r["name"], level_label(r["level"], summary.settings, lang), r["task"],
            label(TYPES, r["type"], lang), r["measure"], r.get("target_period") or "",
            number_text(r["target"]), _actual_text(r["actual"], lang),
            "" if r["completion"] is None else number_text(r["completion"]),
            status_label(r["status"], lang), t("render.sheet_list_sep", lang).join(label(FLAGS, f, lang) for f in r["flags"]),
            r["cause_note"],
        ]])
    return "\ufeff" + buffer.getvalue()  # BOM: Excel on Chinese Windows opens UTF-8 correctly only with it
