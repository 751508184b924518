"""Words of expected progress inside a stage (进度预警, evaluate/schedule.py): the exception list's
section, the report's section, explain's account of the expected value."""
from __future__ import annotations

TEXTS = {
    "heading": ("进度预警（落后于进度，不改变达成状态）", "Behind schedule (the status is unchanged)"),
    "line": ("{n}. [{status}] {id} {name}（{where}）", "{n}. [{status}] {id} {name} ({where})"),
    "detail": ("按进度应达 {expected}，实际 {actual}，落后 {gap}{share}", "expected by now {expected}, actual {actual}, behind by {gap}{share}"),
    "share": ("（{share}）", " ({share})"),
    "points": ("{points} 个百分点", "{points} percentage points"),
    "linear": ("按天线性：{start} 的 {start_value} 至 {end} 的 {end_value}，已过 {elapsed} / {days} 天",
               "linear by days: from {start_value} on {start} to {end_value} on {end}, {elapsed} of {days} days gone"),
    "linear_base": ("按天线性：{start} 的 0（{base}）至 {end} 的 {end_value}，已过 {elapsed} / {days} 天",
                    "linear by days: from 0 on {start} ({base}) to {end_value} on {end}, {elapsed} of {days} days gone"),
    "base_annual": ("年度指标，当年从 0 起算", "an annual indicator counts each year from 0"),
    "step": ("阶梯：下一个阶段目标 {end}（{end_value}）之前只要求上一个阶段目标 {start} 的 {start_value}",
             "step: before the next staged target on {end} ({end_value}) only the previous one, {start_value} on {start}, is asked"),
    # the report's section
    "sec_title": ("进度预警", "Behind schedule"),
    "sec_intro": ("快照日 {date} 位于两个阶段目标之间。下列指标的实际值落后于按进度应达到的值（预期值），达成状态不因此改变；"
                  "预期值的算法由规则的 progress 决定（默认按天线性插值）。",
                  "The snapshot {date} lies between two staged targets. The indicators below are behind the value "
                  "expected by now; their status does not change. How the expected value grows is the rule's progress "
                  "(by default linear by days)."),
    "sec_table": ("{level}落后于进度的指标", "{level}: indicators behind schedule"),
    "col_target": ("当前目标", "target now"),
    "col_expected": ("按进度应达", "expected by now"),
    "col_actual": ("实际值", "actual"),
    "col_gap": ("落后", "behind by"),
    "col_how": ("预期值算法", "how expected"),
    # explain
    "explain_label": ("进度预期", "expected progress"),
    "explain_behind": ("低于预期 {gap}{share}：标记“落后于进度”，达成状态不变", "short of it by {gap}{share}: flagged behind schedule, the status stays"),
    "explain_on_track": ("不低于预期：未落后于进度", "not short of it: on schedule"),
    "explain_text": ("按进度应达 {expected}（{how}）", "expected by now {expected} ({how})"),
    "flag_text": ("实际 {actual} 低于按进度应达的 {expected}", "actual {actual} is short of the {expected} expected by now"),
}
