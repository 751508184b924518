"""A ledger table in the report (rules/tables.yaml): the table, its flags as sentences and, for
money, a chart of its rate column. Several sections show ledger tables this way."""
from __future__ import annotations

from engine.render.words import h
from engine.report.document import Cell, Chart, Para, Series, Table
from engine.text import t
from engine.text.labels import FLAGS, label
from engine.text.report import MONEY_UNITS
from engine.text.vocabulary import BRACKETS

FLAG_BAR = {"overspend": "C0504D", "low_execution": "E0A800"}  # bar colours of flagged ledger rows


def missing_table(table_id, lang) -> list:
    return [Para(t("report.no_table", lang, id=table_id), "note", omitted=True)]


def column_label(tb, column_id) -> str:
    return next(c["label"] for c in tb["columns"] if c["id"] == column_id)


def rate_column(tb) -> str | None:
    ratios = [c["id"] for c in tb["columns"] if c["kind"] == "ratio"]
    return "exec_rate" if "exec_rate" in ratios else (ratios[-1] if ratios else None)


def flag_text(flags, lang) -> str:
    return t("report.list_sep", lang).join(label(FLAGS, f, lang) for f in flags)


def money_unit(title: str, lang: str) -> str:
    """The money unit a table's title names, e.g. （万元） → " 万元"; empty when it names none."""
    for open_, close in BRACKETS:
        if title.endswith(close) and open_ in title:
            unit = title[title.rindex(open_) + 1:-1].strip()
            if unit.endswith(MONEY_UNITS[0]) or MONEY_UNITS[1] in unit:
                return f" {unit}"
    return ""


def ledger_blocks(tb, lang, chart: bool = False) -> list:
    """A ledger table (with its flags as sentences), and optionally a chart of its rate column."""
    if tb["error"]:
        return [Para(t("report.table_error", lang, title=tb["title"], error=tb["error"]), "note")]
    flagged = any(r["flags"] for r in tb["rows"] + [tb["total"] or {"flags": []}])
    head = [tb["by"], *[c["label"] for c in tb["columns"]], *([h("flags", lang)] if flagged else [])]

    def cells(r):
        fill = next((f"flag-{f}" for f in r["flags"]), "")
        row = [Cell(r["key"])]
        for c in tb["columns"]:
            row.append(Cell(r["texts"][c["id"]], fill if c["kind"] == "ratio" else ""))
        if flagged:
            row.append(Cell(flag_text(r["flags"], lang), fill))
        return row
    blocks = [Table(tb["id"], head, [cells(r) for r in tb["rows"]], tb["title"],
                    [False] + [True] * len(tb["columns"]) + ([False] if flagged else []),
                    cells(tb["total"]) if tb["total"] else None)]
    rate_col = rate_column(tb)
    for flag in dict.fromkeys(f for r in tb["rows"] for f in r["flags"]):
        items = t("report.list_sep", lang).join(
            t("report.flag_item", lang, key=r["key"], rate=r["texts"][rate_col]) if rate_col else r["key"]
            for r in tb["rows"] if flag in r["flags"])
        blocks.append(Para(t("report.flag_sentence", lang, items=items, flag=label(FLAGS, flag, lang)), "detail"))
    if chart and rate_col and tb["rows"]:
        col = next(c for c in tb["columns"] if c["id"] == rate_col)
        colours = [next((FLAG_BAR[f] for f in r["flags"] if f in FLAG_BAR), None) for r in tb["rows"]]
        blocks.append(Chart(f"{tb['id']}_{rate_col}", f"{tb['title']} · {col['label']}", [r["key"] for r in tb["rows"]],
                            [Series(col["label"], [r["values"][rate_col] for r in tb["rows"]],
                                    [r["texts"][rate_col] for r in tb["rows"]], "4472C4", colours)],
                            ref=100, ref_label=t("report.ref_100", lang), percent=True))
    return blocks
