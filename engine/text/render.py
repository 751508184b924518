"""Words of the outputs of evaluate (table, Markdown, CSV) and of the problem lists: column headers,
row labels, sentences."""

TEXTS = {  # key: (zh, en)
    # column headers and row labels (engine/render/words.py h())
    "level": ("层面", "level"), "group": ("分类", "group"), "task": ("建设任务", "task"),
    "total": ("指标数", "total"), "achieved": ("已达成", "achieved"), "exceeded": ("超额", "exceeded"),
    "in_progress": ("正在推进", "in progress"), "not_achieved": ("未达成", "not achieved"),
    "not_due": ("未到期", "not due"), "missing": ("缺失", "missing"), "error": ("错误", "error"),
    "rate": ("完成率", "rate"), "all": ("合计", "all"), "unit": ("单位", "unit"),
    "snapshot": ("快照", "snapshot"), "indicators": ("个指标", "indicators"),
    "rollup": ("绩效指标完成情况", "Indicator completion"), "by_task": ("按建设任务", "By construction task"),
    "exceptions": ("异常清单（正在推进、未达成、数据缺失、规则错误）", "Exception list (lagging, missing, rule errors)"),
    "no_exceptions": ("没有异常指标", "no exceptions"),
    "every": ("全部指标", "All indicators"),
    "id": ("编号", "id"), "name": ("指标名称", "name"), "type": ("类型", "type"), "status": ("状态", "status"),
    "target": ("目标", "target"), "actual": ("实际", "actual"), "flags": ("标记", "flags"),
    "note": ("说明", "note"), "completion": ("完成度", "completion"), "measure": ("计量单位", "measure"),
    "target_period": ("目标期", "target period"), "final_target": ("最终目标", "final target"),
    "category": ("类别", "category"), "subtype": ("子类", "subtype"), "ratio": ("倍数", "ratio"),
    "source": ("来源", "source"),
    "scores": ("评分", "Scores"), "score": ("得分", "score"), "grade": ("等级", "grade"),
    "heading": ("【{title}】", "== {title} =="),  # a section of the terminal output
    # pieces of sentences
    "list_sep": ("、", ", "),
    "sheet_list_sep": ("、", "; "),  # in a cell of the CSV or the workbook
    "not_done": ("未完成", "not done"),  # a deadline indicator whose work is not finished
    "unit_title": ("{unit} · 快照 {date}", "{unit} · snapshot {date}"),
    "unit_title_count": ("{unit} · 快照 {date} · {n} 个指标", "{unit} · snapshot {date} · {n} indicators"),
    "exception_line": ("{n}. [{status}] {id} {name}（{where}）", "{n}. [{status}] {id} {name} ({where})"),
    "flags_line": ("标记: {flags}", "flags: {flags}"),
    "exceeded_line": ("{id} {name}：目标 {target}，实际 {actual}{beyond}{flags}",
                      "{id} {name}: target {target}, actual {actual}{beyond}{flags}"),
    "exceeded_flags": ("（{flags}）", " ({flags})"),
    "beyond_points": ("，高出目标 {points} 个百分点", ", {points} percentage points above target"),
    "beyond_times": ("，是目标值的 {times} 倍", ", {times} × target"),
    "score_tail": ("单位得分 {score}（{shares}），等级 {grade}；{task}", "unit score {score} ({shares}), grade {grade}; {task}"),
    # problems (engine/render/problems.py)
    "problem_error": ("错误", "error"), "problem_warning": ("警告", "warning"),
    "problem_path": ("{path}：", "{path}: "),  # where in the file, named (engine/text/fields.py)
    "problem_fix": ("→ 修改：{fix}", "→ fix: {fix}"),
    "problem_counts": ("共 {errors} 个错误，{warnings} 个警告", "{errors} error(s), {warnings} warning(s)"),
}
