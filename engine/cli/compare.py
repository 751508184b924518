"""`jixiao compare`: evaluate two snapshots with the same rules and show what changed
(engine/compare.py), as a table, JSON or Markdown."""
from __future__ import annotations

import json
import re

import click
from tabulate import tabulate
from wcwidth import wcswidth

from engine.summarise.compare import compare as compare_summaries
from engine.core.numbers import with_unit
from engine.cli.options import datasets_option, lang_option, output_option, rules_option, snapshot_option, unit_option
from engine.cli.emit import emit, warn
from engine.pipeline import run
from engine.render.table import COUNT_KEYS, score_text
from engine.render.words import group_label, h, level_label, status_label
from engine.load.rules import load_rules
from engine.summarise.scores import GRADE_EN

FORMATS = ("table", "json", "markdown")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}$")

WORDS = {  # key: (zh, en)
    "title": ("对比", "compared"),
    "overview": ("变化概览", "Overview"),
    "newly_achieved": ("新达成（之前未达成、未到期或缺失，现在已达成或超额完成）",
                       "Newly achieved (not met before, achieved or exceeded now)"),
    "newly_lagging": ("新落后（之前已达成，现在正在推进或未达成）", "Newly lagging (met before, lagging now)"),
    "still_lagging": ("仍落后（之前和现在都正在推进或未达成）", "Still lagging (lagging before and now)"),
    "other_changes": ("其他状态变化", "Other changes of status"),
    "scores": ("评分变化", "Change of scores"),
    "rollup": ("绩效指标完成情况的变化", "Change of indicator completion"),
    "by_task": ("按建设任务的变化", "Change by construction task"),
    "none": ("无", "none"),
    "recovered": ("恢复", "recovered"), "yes": ("是", "yes"),
    "before": ("之前", "before"), "after": ("现在", "now"), "delta": ("变化", "change"),
    "unit_total": ("单位", "unit"), "score": ("得分", "score"), "grade": ("等级", "grade"),
}


def w(key: str, lang: str) -> str:
    return WORDS[key][0 if lang == "zh" else 1]


@click.command("compare")
@snapshot_option
@click.option("--against", "against_date", required=True, metavar="DATE",
              help="与之比较的较早快照日期，如 2020-12-31")
@rules_option
@datasets_option
@unit_option
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(FORMATS), help="输出格式")
@output_option
@lang_option
def compare(snapshot_date, against_date, rules_dir, datasets_dir, unit, fmt, output, lang):
    """对比两个快照：新达成、恢复、新落后、仍落后的指标，以及各统计行和评分的变化。"""
    check_order(snapshot_date, against_date)
    rules = load_rules(rules_dir)
    before = run(rules_dir, datasets_dir, against_date, lang, unit, rules=rules, progress=True)
    warn(before.messages)
    after = run(rules_dir, datasets_dir, snapshot_date, lang, unit, rules=rules, progress=True)
    warn(after.messages)
    result = compare_summaries(before.summary, after.summary)
    emit(RENDERERS[fmt](result, rules.settings, lang), output, before.inputs + after.inputs)


def check_order(snapshot_date: str, against_date: str) -> None:
    """--against names the earlier snapshot."""
    if ISO.match(snapshot_date) and ISO.match(against_date) and against_date >= snapshot_date:
        raise click.UsageError(f"--against {against_date} 应早于 --snapshot {snapshot_date}"
                               "（较早的快照写在 --against，如 --snapshot 2021-12-31 --against 2020-12-31）")


# --- renderers: (result, settings, lang) -> text -----------------------------------------------

def render_json(result: dict, settings=None, lang: str = "zh") -> str:
    return json.dumps(result, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _shown(value, measure: str, lang: str) -> str:
    if value == "not_done":  # a deadline not met yet (the JSON keeps the code)
        return "未完成" if lang == "zh" else "not done"
    return with_unit(value, measure or "", 2)


def _value(side, item, lang) -> str:
    return "-" if side is None else _shown(side["actual"], item["measure"], lang)


def _target(side, item, lang) -> str:
    return "-" if side is None else _shown(side["target"], item["measure"], lang)


def _status(side, lang) -> str:
    return "-" if side is None else status_label(side["status"], lang)


def item_rows(items: list, unit: str, settings, lang: str, recovered_column: bool = False) -> list:
    rows = []
    for i in items:
        if i["unit"] != unit:
            continue
        row = [i["id"], i["name"], level_label(i["level"], settings, lang),
               _status(i["before"], lang), _value(i["before"], i, lang), _target(i["before"], i, lang),
               _status(i["after"], lang), _value(i["after"], i, lang), _target(i["after"], i, lang)]
        if recovered_column:
            row.append(w("yes", lang) if i.get("recovered") else "")
        rows.append(row)
    return rows


def item_headers(lang: str, recovered_column: bool = False) -> list:
    b, a = w("before", lang), w("after", lang)
    sep = "" if lang == "zh" else " "
    head = [h("id", lang), h("name", lang), h("level", lang),
            f"{b}{sep}{h('status', lang)}", f"{b}{sep}{h('actual', lang)}", f"{b}{sep}{h('target', lang)}",
            f"{a}{sep}{h('status', lang)}", f"{a}{sep}{h('actual', lang)}", f"{a}{sep}{h('target', lang)}"]
    return head + ([w("recovered", lang)] if recovered_column else [])


def overview(result: dict, unit: str, lang: str) -> str:
    c = next(x for x in result["counts"] if x["unit"] == unit)
    if lang == "zh":
        return (f"新达成 {c['newly_achieved']} 个（其中恢复 {c['recovered']} 个）；新落后 {c['newly_lagging']} 个；"
                f"仍落后 {c['still_lagging']} 个；其他状态变化 {c['other_changes']} 个；状态未变 {c['unchanged']} 个")
    return (f"newly achieved {c['newly_achieved']} (recovered {c['recovered']}); newly lagging {c['newly_lagging']}; "
            f"still lagging {c['still_lagging']}; other changes {c['other_changes']}; unchanged {c['unchanged']}")


def _change(b, a, d) -> str:
    if b is None and a is None:
        return "-"
    if b is None:
        return f"- → {a}"
    if a is None:
        return f"{b} → -"
    return str(a) if d == 0 else f"{b} → {a} ({d:+d})"


def _rate_change(row: dict, digits: int) -> str:
    b, a, d = row["before"], row["after"], row["delta"]["rate"]
    bt = b["rate_text"] if b else "-"
    at = a["rate_text"] if a else "-"
    if d is None:
        return at if bt == at else f"{bt} → {at}"
    return at if d == 0 else f"{bt} → {at} ({d:+.{digits}f})"


def rollup_rows(result: dict, unit: str, groupings: tuple, settings, lang: str) -> list:
    digits = getattr(settings, "digits", 2)
    rows, last = [], None
    for r in result["rollups"]:
        if r["unit"] != unit or r["grouping"] not in groupings:
            continue
        text = group_label(r, lang)
        if text is None:
            continue
        level = level_label(r["level"], settings, lang)
        cells = [_change(r["before"][k] if r["before"] else None, r["after"][k] if r["after"] else None, r["delta"][k])
                 for k in COUNT_KEYS]
        rows.append([level if level != last else "", text, *cells, _rate_change(r, digits)])
        last = level
    return rows


def rollup_headers(first: str, lang: str) -> list:
    return [h("level", lang), h(first, lang), *[h(k, lang) for k in COUNT_KEYS], h("rate", lang)]


def _grade(grade, lang) -> str:
    if grade is None:
        return "-"
    return grade if lang == "zh" else f"{grade} {GRADE_EN.get(grade, '')}".strip()


def score_rows(result: dict, unit: str, settings, lang: str) -> list:
    rows = []
    for s in result["scores"]:
        if s["unit"] != unit:
            continue
        name = w("unit_total", lang) if s["level"] is None else level_label(s["level"], settings, lang)
        b, a = s["before"] or {}, s["after"] or {}
        delta = "-" if s["delta"] is None else f"{s['delta']:+.2f}"
        rows.append([name, score_text(b.get("score")), _grade(b.get("grade"), lang),
                     score_text(a.get("score")), _grade(a.get("grade"), lang), delta])
    return rows


def score_headers(lang: str) -> list:
    b, a = w("before", lang), w("after", lang)
    sep = "" if lang == "zh" else " "
    return [h("level", lang), f"{b}{sep}{w('score', lang)}", f"{b}{sep}{w('grade', lang)}",
            f"{a}{sep}{w('score', lang)}", f"{a}{sep}{w('grade', lang)}", w("delta", lang)]


def _notes(items: list, unit: str) -> list:
    return [f"- {i['id']} {i['after']['cause_note']}" for i in items
            if i["unit"] == unit and i["after"] and i["after"].get("cause_note")]


def _blocks(result: dict, settings, lang: str, tablefmt: str):
    """(unit, title, [(heading, lines)]) for each unit: the shared layout of table and Markdown."""
    for unit, name in result["units"].items():
        title = f"{name} · {w('title', lang)} {result['before']} → {result['after']}"
        sections = [(w("overview", lang), [overview(result, unit, lang)])]
        for key in ("newly_achieved", "newly_lagging", "still_lagging", "other_changes"):
            recovered = key == "newly_achieved"
            rows = item_rows(result[key], unit, settings, lang, recovered)
            lines = [tabulate(rows, headers=item_headers(lang, recovered), tablefmt=tablefmt, disable_numparse=True)] \
                if rows else [w("none", lang)]
            if key in ("newly_lagging", "still_lagging") and rows:
                lines += [""] + _notes(result[key], unit)
            sections.append((w(key, lang), lines))
        rows = score_rows(result, unit, settings, lang)
        if rows:
            sections.append((w("scores", lang), [tabulate(rows, headers=score_headers(lang), tablefmt=tablefmt,
                                                          disable_numparse=True,
                                                          colalign=("left",) + ("right", "left") * 2 + ("right",))]))
        for key, groupings, first in (("rollup", ("level", "category", "type", "subtype"), "group"),
                                      ("by_task", ("task",), "task")):
            rows = rollup_rows(result, unit, groupings, settings, lang)
            if tablefmt == "github":
                rows = [[c.strip() for c in r] for r in rows]
            sections.append((w(key, lang), [tabulate(rows, headers=rollup_headers(first, lang), tablefmt=tablefmt,
                                                     disable_numparse=True,
                                                     colalign=("left", "left") + ("right",) * 9)]))
        yield unit, title, sections


def render_table(result: dict, settings=None, lang: str = "zh") -> str:
    out = []
    for _, title, sections in _blocks(result, settings, lang, "simple"):
        out += [title, "=" * wcswidth(title), ""]
        for heading, lines in sections:
            out += [f"【{heading}】", *lines, ""]
    return "\n".join(out).rstrip() + "\n"


def render_markdown(result: dict, settings=None, lang: str = "zh") -> str:
    out = []
    for _, title, sections in _blocks(result, settings, lang, "github"):
        out += [f"# {title}", ""]
        for heading, lines in sections:
            out += [f"## {heading}", "", *lines, ""]
    return "\n".join(out).rstrip() + "\n"


RENDERERS = {"table": render_table, "json": render_json, "markdown": render_markdown}
