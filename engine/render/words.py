"""Shared words for renderers: column headers and row labels, in Chinese and English."""
from __future__ import annotations

from engine.text.labels import CATEGORIES, DEFAULT_LEVELS, LEVELS_EN, STATUSES, SUBTYPES, TYPES, label

HEADERS = {
    "level": ("层面", "level"), "group": ("分类", "group"), "task": ("建设任务", "task"),
    "total": ("指标数", "total"), "achieved": ("已达成", "achieved"), "exceeded": ("超额", "exceeded"),
    "in_progress": ("正在推进", "in progress"), "not_achieved": ("未达成", "not achieved"),
    "not_due": ("未到期", "not due"), "missing": ("缺失", "missing"), "error": ("错误", "error"),
    "rate": ("完成率", "rate"), "all": ("合计", "all"), "unit": ("单位", "unit"),
    "snapshot": ("快照", "snapshot"), "indicators": ("个指标", "indicators"),
    "rollup": ("绩效指标完成情况", "Indicator completion"), "by_task": ("按建设任务", "By construction task"),
    "exceptions": ("异常清单（正在推进、未达成、数据缺失、规则错误）", "Exception list (lagging, missing, rule errors)"),
    "no_exceptions": ("没有异常指标", "no exceptions"),
    "id": ("编号", "id"), "name": ("指标名称", "name"), "type": ("类型", "type"), "status": ("状态", "status"),
    "target": ("目标", "target"), "actual": ("实际", "actual"), "flags": ("标记", "flags"),
    "note": ("说明", "note"), "completion": ("完成度", "completion"), "measure": ("计量单位", "measure"),
    "target_period": ("目标期", "target period"), "final_target": ("最终目标", "final target"),
    "category": ("类别", "category"), "subtype": ("子类", "subtype"), "ratio": ("倍数", "ratio"),
    "source": ("来源", "source"),
    "scores": ("评分", "Scores"), "score": ("得分", "score"), "grade": ("等级", "grade"),
}


def h(key: str, lang: str) -> str:
    return HEADERS[key][0 if lang == "zh" else 1]


def level_label(level: str, settings, lang: str) -> str:
    if lang == "zh":
        return (settings.levels or DEFAULT_LEVELS).get(level, level)
    return LEVELS_EN.get(level, level)


def group_label(row: dict, lang: str) -> str:
    """The label of a roll-up row, indented by depth as the report nests them."""
    g = row["grouping"]
    if g == "level":
        return h("all", lang)
    if g == "category":
        return label(CATEGORIES, row["category"], lang)
    if g == "type":
        if row["type"] in ("benefit", "satisfaction"):
            return None  # the same as its category row
        return "  " + label(TYPES, row["type"], lang)
    if g == "subtype":
        return "  " + label(SUBTYPES, row["subtype"], lang)
    return row["task"]


def status_label(status: str, lang: str) -> str:
    return label(STATUSES, status, lang)
