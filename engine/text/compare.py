"""Words of `jixiao compare` (table and Markdown): section titles, headers and the overview."""

TEXTS = {  # key: (zh, en)
    "title": ("{unit} · 对比 {before} → {after}", "{unit} · compared {before} → {after}"),
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
    "side": ("{side}{what}", "{side} {what}"),  # 之前状态 / before status
    "not_done": ("未完成", "not done"),  # a deadline not met yet (the JSON keeps the code)
    "overview_line": ("新达成 {newly_achieved} 个（其中恢复 {recovered} 个）；新落后 {newly_lagging} 个；"
                      "仍落后 {still_lagging} 个；其他状态变化 {other_changes} 个；状态未变 {unchanged} 个",
                      "newly achieved {newly_achieved} (recovered {recovered}); newly lagging {newly_lagging}; "
                      "still lagging {still_lagging}; other changes {other_changes}; unchanged {unchanged}"),
}
