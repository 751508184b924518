"""Words of the limits that stop hostile or mistaken input (docs/guarantees.md): problems as
code -> (message zh, fix zh, message en, fix en), merged into messages.PROBLEMS; other words as
TEXTS, read with t("limits.key", lang)."""
from __future__ import annotations

PROBLEMS: dict[str, tuple[str, str, str, str]] = {
    "table.number_out_of_range": (
        "{value} 超出 jixiao 能准确计算的范围（指标 {id}）：绝对值最大 {largest}，不为 0 时最小 {smallest}",
        "检查是否多打了数字或把单位写错了；写成计量单位下的普通数字",
        "{value} is beyond the range jixiao computes exactly (indicator {id}): at most {largest} in size and, unless 0, at least {smallest}",
        "check for extra digits or a wrong measure; write a plain number in the indicator's measure"),
    "yaml.number_out_of_range": (
        "数字 {value} 超出 jixiao 能准确计算的范围：绝对值最大 {largest}，不为 0 时最小 {smallest}",
        "检查是否多打了数字或把单位写错了",
        "the number {value} is beyond the range jixiao computes exactly: at most {largest} in size and, unless 0, at least {smallest}",
        "check for extra digits or a wrong measure"),
}

TEXTS: dict[str, tuple[str, str]] = {
}
