"""Words of the summaries (engine/summarise/): cause notes, scores, ledger tables."""

TEXTS = {  # key: (zh, en)
    "total_row": ("合计", "total"),  # a ledger table's total row, unless tables.yaml names it
    # cause notes (engine/summarise/notes.py): 目标 8 项，实际 6 项，差 2 项，完成 75.00%；原因：…
    "note_target": ("目标", "target"), "note_actual": ("实际", "actual"), "note_short": ("差", "short by"),
    "note_over": ("超出", "over by"), "note_done": ("完成", "completion"),
    "note_no_value": ("未填报实际值", "no actual value reported"), "note_cause": ("原因", "cause"),
    "note_likelihood": ("完成可能性", "likelihood"), "note_note": ("说明", "note"),
    "note_no_cause": ("原因未说明", "cause not stated"),
    "note_sep": ("，", ", "), "note_end": ("；", "; "), "note_colon": ("：", ": "),
    "note_missing_target": ("（目标 {target}）", " (target {target})"),
    "note_points": ("{gap} 个百分点", "{gap} percentage points"),  # a gap between two rates
    "note_rule_error": ("{where} {field}：{message}", "{where} {field}: {message}"),
    # the task-completion veto of the unit's grade
    "veto_no_table": ("没有台账汇总表 {table}，未应用建设任务完成度否决",
                      "no ledger table {table}: the task-completion veto is not applied"),
    "veto_table_failed": ("台账汇总表 {table} 无法计算，未应用建设任务完成度否决",
                          "ledger table {table} could not be computed: the veto is not applied"),
    "veto_no_total": ("台账汇总表 {table} 的合计行没有 {column} 的值，未应用建设任务完成度否决",
                      "the total row of {table} has no value for {column}: the veto is not applied"),
    "vetoed": ("建设任务完成度 {value}%，低于 {minimum}%，等级为“{grade}”", "task completion {value}% is below {minimum}%: graded {grade}"),
    "not_vetoed": ("建设任务完成度 {value}%，不低于 {minimum}%，未触发否决", "task completion {value}% is not below {minimum}%: no veto"),
}
