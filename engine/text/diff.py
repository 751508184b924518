"""Words of `jixiao diff` (engine/diff/, engine/render/diff.py, engine/cli/diff.py)."""
from __future__ import annotations

TEXTS = {
    "short_help": ("两个版本规则之间的绩效目标调整，以及它改变的状态。", "target adjustments between two versions of the rules."),
    "help": ("比较两个版本的规则（文件夹，或 git 版本如 HEAD~1:rules）：新增、删除、改名的指标，各阶段目标、类型、方向的调整，"
             "输出“绩效目标调整”表；给出 --snapshot 时列出调整使哪些指标的状态改变。",
             "compare two versions of the rules (folders, or git revisions such as HEAD~1:rules): indicators added, "
             "removed, renamed, targets per stage, type and direction changed, as the target adjustment table; with "
             "--snapshot, the statuses the change flips."),
    "old_help": ("原规则：文件夹，或 git 版本:路径（如 HEAD~1:rules）", "the old rules: a folder, or revision:path (e.g. HEAD~1:rules)"),
    "new_help": ("调整后的规则：文件夹，或 git 版本:路径", "the new rules: a folder, or revision:path"),
    "snapshot_help": ("可选：用两套规则评估这个快照，列出状态改变的指标（数据来自 --datasets）",
                      "optional: evaluate this snapshot under both rule sets and list the statuses that change (data from --datasets)"),
    "title": ("绩效目标调整", "target adjustments"),
    "heading": ("绩效目标调整：{old} → {new}，{count} 项调整", "target adjustments: {old} → {new}, {count} changes"),
    "none": ("两套规则的指标和目标相同", "the two rule sets have the same indicators and targets"),
    "col_indicator": ("指标", "indicator"),
    "col_change": ("调整内容", "change"),
    "col_old": ("原目标", "old target"),
    "col_new": ("调整后目标", "new target"),
    "col_amount": ("调整幅度", "amount"),
    "kind_added": ("新增指标（最终目标 {stage}）", "indicator added (final target {stage})"),
    "kind_removed": ("删除指标（最终目标 {stage}）", "indicator removed (final target {stage})"),
    "kind_renamed": ("名称", "name"),
    "kind_target": ("阶段目标 {stage}", "target for {stage}"),
    "kind_type": ("类型", "type"),
    "kind_direction": ("达标方向", "direction"),
    "kind_unit": ("计量单位", "measure"),
    "kind_level": ("层面", "level"),
    "none_value": ("—", "—"),
    "flips_heading": ("{date} 的状态变化（{count} 个指标）", "statuses changed at {date} ({count} indicators)"),
    "flips_none": ("{date} 的状态没有变化", "no status changes at {date}"),
    "col_id": ("编号", "id"),
    "col_unit": ("单位", "unit"),
    "col_name": ("名称", "name"),
    "col_old_status": ("原状态", "old status"),
    "col_new_status": ("调整后状态", "new status"),
    "sheet_changes": ("绩效目标调整", "target adjustments"),
    "sheet_flips": ("状态变化", "status changes"),
}
