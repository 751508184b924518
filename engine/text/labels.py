"""Words users see for statuses, flags, categories and types, in Chinese and English."""
from __future__ import annotations

STATUSES = {  # in report order; achieved counts include exceeded
    "exceeded": ("超额完成", "exceeded"),
    "achieved": ("已达成", "achieved"),
    "in_progress": ("正在推进", "in progress"),
    "late": ("逾期完成", "completed late"),  # counted as not achieved
    "not_achieved": ("未达成", "not achieved"),
    "not_due": ("未到期", "not due"),
    "missing": ("数据缺失", "missing"),
    "error": ("规则错误", "rule error"),
}

FLAGS = {
    "exceeded": ("超额完成", "exceeded"),
    "far_beyond_target": ("目标值可能偏低", "target may be too low"),
    "overspend": ("超预算支出", "spent beyond budget"),
    "cause_missing": ("原因未说明", "cause not stated"),
    "low_execution": ("执行率偏低，需说明原因", "low execution, explanation required"),
    "behind_schedule": ("落后于进度", "behind schedule"),
}

CATEGORIES = {
    "output": ("产出指标", "output"),
    "benefit": ("效益指标", "benefit"),
    "satisfaction": ("满意度指标", "satisfaction"),
}
TYPES = {
    "quantity": ("数量指标", "quantity", "output"),
    "quality": ("质量指标", "quality", "output"),
    "timeliness": ("时效指标", "timeliness", "output"),
    "cost": ("成本指标", "cost", "output"),
    "benefit": ("效益指标", "benefit", "benefit"),
    "satisfaction": ("满意度指标", "satisfaction", "satisfaction"),
}
SUBTYPES = {
    "economic": ("经济效益", "economic"),
    "social": ("社会效益", "social"),
    "ecological": ("生态效益", "ecological"),
    "sustainable": ("可持续影响", "sustainable impact"),
}
CATEGORY_LABELS = {**CATEGORIES, "budget": ("预算执行", "budget execution")}  # the categories of scores
GRADES = {"excellent": ("优", "excellent"), "good": ("良", "good"), "fair": ("中", "fair"), "poor": ("差", "poor")}
CAUSE_CATEGORIES = {  # the categories of causes.yaml (the report's 经费保障 … 其他) in English
    "经费保障": "funding", "制度保障": "policy and rules", "人员保障": "staffing",
    "硬件条件保障": "facilities", "外部环境": "external environment", "其他": "other",
}
DEFAULT_LEVELS = {"school": "学校层面", "group": "专业群层面"}
LEVELS_EN = {"school": "school level", "group": "group level"}


def cause_text(cause, lang: str) -> str:
    """A catalogue cause with its category: 疫情影响（外部环境） / pandemic (external environment)."""
    if lang == "zh":
        return f"{cause.zh}（{cause.category}）"
    return f"{cause.en} ({CAUSE_CATEGORIES.get(cause.category, cause.category)})"


def category_of(type_: str) -> str:
    return TYPES[type_][2]


def label(table: dict, key, lang: str) -> str:
    if key is None:
        return ""
    entry = table.get(key)
    if entry is None:
        return str(key)
    return entry[0] if lang == "zh" else entry[1]
