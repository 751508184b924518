"""What each check of `jixiao validate` looks for, in one line: check name -> (zh, en).
The checks are in engine/check/checks/; a new check adds its line here."""

TEXTS = {
    "todo_comments": ("规则文件中的 # TODO 注释（jixiao import 无法识别的任务书单元格）",
                      "# TODO comments in the rule files (task book cells jixiao import could not read)"),
    "formula_names": ("公式的写法、函数与名称；像指标编号的未知名称报为未知指标",
                      "formula syntax, functions and names; an unknown name like an indicator id is an unknown indicator"),
    "formula_cycles": ("实际值公式相互引用形成的循环", "actual-value formulas that refer to each other in a cycle"),
    "where_conditions": ("台账函数 where= 条件的写法与函数", "the syntax and functions of ledger functions' where= conditions"),
    "note_placeholders": ("原因说明中 jixiao 不会填入的 {{占位符}}", "{{placeholders}} in cause notes that jixiao does not fill"),
    "cumulative_targets": ("累计目标低于前一个目标", "a cumulative target lower than the one before it"),
    "final_target": ("最后一个目标早于建设期结束：没有最终目标", "the last target before the end of the period: no final target"),
    "target_dates": ("目标日期与期限不在建设期内", "target dates and deadlines outside the construction period"),
    "direction_type": ("达标方向与指标类型或计量单位不符", "a direction that contradicts the indicator's type or unit"),
    "rate_targets": ("百分比目标不在 0–100 之间，或写成了小数", "percentage targets outside 0–100, or written as fractions"),
    "pass_constant": ("对任何可能的实际值都不变的达标条件", "a pass condition that is the same for every possible actual value"),
    "overshoot_constant": ("达标时从不成立或总是成立的超额条件", "an overshoot condition never, or always, true when the indicator passes"),
    "missing_rows": ("数值表中没有行、也没有 actual 公式的指标", "indicators with neither a value row nor an actual formula"),
    "ignored_values": ("数值表中被公式覆盖而不会使用的实际值", "value-table values that a formula overrides"),
    "ledger_names": ("公式中的台账在快照中不存在", "ledgers named in formulas that a snapshot lacks"),
    "ledger_columns": ("公式读取的台账列在快照中不存在", "ledger columns that formulas read and a snapshot lacks"),
    "summed_columns": ("求和、平均、最值的台账列中有非数字内容", "text in a ledger column that sum, mean, min or max reads"),
    "blank_summed": ("求和、平均的台账列中的空白单元格（不计为 0）", "blank cells in a column that sum or mean read (not counted as 0)"),
    "filter_values": ("在任何快照的台账中都没有出现的筛选值", "filter values that no snapshot's ledger holds"),
    "table_refs": ("tables.yaml 中各表的台账与列，以及没有分组、不计入表的台账行",
                   "the ledgers and columns of the tables in tables.yaml, and ledger rows left out for want of a group"),
}
