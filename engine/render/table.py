"""The default human output: roll-ups by level, category and task, then the exception list."""
from __future__ import annotations

from tabulate import tabulate
from wcwidth import wcswidth

from engine.text.labels import FLAGS, TYPES, label
from engine.core.numbers import number_text, with_unit
from engine.summarise.scores import GRADE_EN
from engine.render.words import group_label, h, level_label, status_label

COUNT_KEYS = ["total", "achieved", "exceeded", "in_progress", "not_achieved", "not_due", "missing", "error"]


def rollup_rows(summary, unit, groupings, lang):
    rows, last_level = [], None
    for r in summary.rollups:
        if r["unit"] != unit or r["grouping"] not in groupings:
            continue
        text = group_label(r, lang)
        if text is None:
            continue
        level = level_label(r["level"], summary.settings, lang)
        rows.append([level if level != last_level else "", text, *[r[k] for k in COUNT_KEYS], r["rate_text"]])
        last_level = level
    return rows


def headers(first, lang):
    return [h("level", lang), h(first, lang), *[h(k, lang) for k in COUNT_KEYS], h("rate", lang)]


def flag_text(flags, lang) -> str:
    return "、".join(label(FLAGS, f, lang) for f in flags) if lang == "zh" else ", ".join(label(FLAGS, f, lang) for f in flags)


def exception_lines(summary, unit, lang) -> list[str]:
    lines = []
    items = [e for e in summary.exceptions if e["unit"] == unit]
    for n, e in enumerate(items, start=1):
        where = f"{level_label(e['level'], summary.settings, lang)} · {e['task']} · {label(TYPES, e['type'], lang)}"
        lines.append(f"{n}. [{status_label(e['status'], lang)}] {e['id']} {e['name']}（{where}）" if lang == "zh"
                     else f"{n}. [{status_label(e['status'], lang)}] {e['id']} {e['name']} ({where})")
        lines.append(f"   {e['cause_note']}")
        other = [f for f in e["flags"] if f != "cause_missing"]
        if other:
            lines.append(f"   {h('flags', lang)}: {flag_text(other, lang)}")
    return lines or [h("no_exceptions", lang)]


def render(summary, exceptions_only: bool = False) -> str:
    lang, out = summary.lang, []
    for unit, unit_name in summary.units.items():
        count = len({i["id"] for i in summary.indicators if i["unit"] == unit})
        title = f"{unit_name} · {h('snapshot', lang)} {summary.snapshot} · {count} {h('indicators', lang)}"
        out += [title, "=" * wcswidth(title), ""]
        if not exceptions_only:
            out += [f"【{h('rollup', lang)}】", tabulate(rollup_rows(summary, unit, ("level", "category", "type", "subtype"), lang),
                                                     headers=headers("group", lang), disable_numparse=True,
                                                     colalign=("left", "left") + ("right",) * 9), ""]
            out += [f"【{h('by_task', lang)}】", tabulate(rollup_rows(summary, unit, ("task",), lang),
                                                       headers=headers("task", lang), disable_numparse=True,
                                                       colalign=("left", "left") + ("right",) * 9), ""]
            out += score_block(summary, unit)
            out += ledger_table_blocks(summary, unit)
            exceeded = [i for i in summary.indicators if i["unit"] == unit and i["status"] == "exceeded"]
            if exceeded:
                out.append(f"【{label(FLAGS, 'exceeded', lang)}】")
                for i in exceeded:
                    ratio = beyond_text(i, lang)
                    extra = [f for f in i["flags"] if f != "exceeded"]
                    tail = f"（{flag_text(extra, lang)}）" if extra and lang == "zh" else (f" ({flag_text(extra, lang)})" if extra else "")
                    out.append(f"- {i['id']} {i['name']}：{h('target', lang)} {with_unit(i['target'], i['measure'], summary.settings.digits)}，"
                               f"{h('actual', lang)} {with_unit(i['actual'], i['measure'], summary.settings.digits)}{ratio}{tail}" if lang == "zh" else
                               f"- {i['id']} {i['name']}: {h('target', lang)} {with_unit(i['target'], i['measure'], summary.settings.digits)}, "
                               f"{h('actual', lang)} {with_unit(i['actual'], i['measure'], summary.settings.digits)}{ratio}{tail}")
                out.append("")
        out += [f"【{h('exceptions', lang)}】", *exception_lines(summary, unit, lang), ""]
    return "\n".join(out).rstrip() + "\n"


def beyond_text(i, lang) -> str:
    """How far beyond its target: 是目标值的 3 倍; for a rate, 高出目标 1.71 个百分点 (1.02 倍 says little)."""
    if i["measure"] == "%" and isinstance(i["gap"], (int, float)) and i["direction"] == "higher":
        points = number_text(-i["gap"], 2)
        return f"，高出目标 {points} 个百分点" if lang == "zh" else f", {points} percentage points above target"
    if not i["ratio"]:
        return ""
    times = number_text(i["ratio"], 2)
    return f"，是目标值的 {times} 倍" if lang == "zh" else f", {times} × target"


def ledger_table_blocks(summary, unit, tablefmt="simple") -> list[str]:
    """Each ledger table of this unit: title, then rows with the total last; flagged rows marked."""
    lang, out = summary.lang, []
    for t in summary.tables:
        if t["unit"] != unit:
            continue
        out.append(f"【{t['title']}】")
        if t["error"]:
            out += [t["error"], ""]
            continue
        head = [t["by"]] + [c["label"] for c in t["columns"]] + [h("flags", lang)]
        rows = [[r["key"], *[r["texts"][c["id"]] for c in t["columns"]], flag_text(r["flags"], lang)]
                for r in t["rows"] + [t["total"]]]
        out += [tabulate(rows, headers=head, tablefmt=tablefmt, disable_numparse=True,
                         colalign=("left",) + ("right",) * len(t["columns"]) + ("left",)), ""]
    return out


def score_block(summary, unit, tablefmt="simple") -> list[str]:
    """评分: each level's category scores, score and grade, then the unit's score, grade and veto."""
    scores = getattr(summary, "scores", None) or {}
    mine = next((u for u in scores.get("units", []) if u["unit"] == unit), None)
    if mine is None:
        return []
    lang = summary.lang
    cats = mine["levels"][0]["categories"] if mine["levels"] else []
    head = [h("level", lang)] + [f"{c['label']} {number_text(c['weight'])}" for c in cats] + \
        [h("score", lang), h("grade", lang)]
    rows = [[level_label(lv["level"], summary.settings, lang),
             *[score_text(c["score"]) for c in lv["categories"]],
             score_text(lv["score"]), grade_text(lv["grade"], lang)] for lv in mine["levels"]]
    shares = " + ".join(
        f"{level_label(lv, summary.settings, lang)} {number_text(v * 100, 2)}%" for lv, v in mine["shares"].items())
    task = mine["task_completion"]["note"]
    if lang == "zh":
        tail = f"单位得分 {score_text(mine['score'])}（{shares}），等级 {grade_text(mine['grade'], lang)}；{task}"
    else:
        tail = f"unit score {score_text(mine['score'])} ({shares}), grade {grade_text(mine['grade'], lang)}; {task}"
    return [f"【{h('scores', lang)}】", tabulate(rows, headers=head, tablefmt=tablefmt, disable_numparse=True,
                                               colalign=("left",) + ("right",) * (len(head) - 2) + ("left",)),
            "", tail, ""]


def score_text(score) -> str:
    return "-" if score is None else f"{score:.2f}"


def grade_text(grade, lang) -> str:
    if grade is None:
        return "-"
    return grade if lang == "zh" else f"{grade} ({GRADE_EN.get(grade, '')})"
