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


def render(summary, exceptions_only: bool = False) -> str:
    lang = summary.lang
    rows = summary.exceptions if exceptions_only else summary.indicators
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # what Excel writes and expects
    writer.writerow([h(c, lang) for c in COLUMNS])
    for r in rows:
        writer.writerow([
            r["unit"], r["id"], r["name"], level_label(r["level"], summary.settings, lang), r["task"],
            label(TYPES, r["type"], lang), r["measure"], r.get("target_period") or "",
            number_text(r["target"]), _actual_text(r["actual"], lang),
            "" if r["completion"] is None else number_text(r["completion"]),
            status_label(r["status"], lang), t("render.sheet_list_sep", lang).join(label(FLAGS, f, lang) for f in r["flags"]),
            r["cause_note"],
        ])
    return "\ufeff" + buffer.getvalue()  # BOM: Excel on Chinese Windows opens UTF-8 correctly only with it
