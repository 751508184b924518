"""Words of `jixiao forecast` and the report's section 预测与完成可能性: reasons, headers, chart."""

TEXTS = {  # key: (zh, en)
    # why an indicator gets no forecast
    "why_not_cumulative": ("非累计指标（如等级、时限、区间），不作预测", "not cumulative (grade, deadline, range): no forecast"),
    "why_annual": ("按年度考核（annual），不作预测", "assessed year by year (annual): no forecast"),
    "why_rate": ("比率指标（%），不作预测", "a rate (%): no forecast"),
    # the reason of a suggestion, in figures
    "reason_no_value": ("各快照均无实际值，无法预测", "no snapshot has an actual value: no forecast"),
    "reason_met": ("实际 {actual}，已达到最终目标 {target}", "actual {actual} already meets the final target {target}"),
    "reason_ended": ("建设期已结束，实际 {actual}，未达到最终目标 {target}",
                     "the construction period has ended at {actual}, short of the final target {target}"),
    "reason_one_value": ("只有 {date} 一个快照有实际值，无法推算趋势", "only the snapshot of {date} has a value: no trend"),
    "trend_up": ("近 {days} 天增加 {change}", "up {change} in the last {days} days"),
    "trend_down": ("近 {days} 天减少 {change}", "down {change} in the last {days} days"),
    "trend_flat": ("近 {days} 天没有变化", "no change in the last {days} days"),
    "projected": ("按此速度 {date} 达到 {value}", "at this pace {value} by {date}"),
    "projected_flat": ("{date} 仍为 {value}", "still {value} by {date}"),
    "reason_trend": ("{trend}，{projected}，{goal}", "{trend}; {projected}; {goal}"),
    "at_least": ("目标 {value}", "target {value}"), "at_most": ("目标不超过 {value}", "target at most {value}"),
    "slipping": ("，目前已达到，按此速度期末将达不到", ", met now but not by the period's end at this pace"),
    "share_part": ("，可完成剩余差距的 {share}", ", {share} of the remaining gap"),
    "share_short": ("，只能完成剩余差距的 {share}", ", only {share} of the remaining gap"),
    # table, Markdown and the report
    "title": ("{unit} · 预测与完成可能性（{date}，依据快照 {dates}）", "{unit} · forecast ({date}, from snapshots {dates})"),
    "overview": ("概览", "Overview"),
    "overview_line": ("累计指标 {forecast} 个（共 {indicators} 个）：建议确定能 {certain} 个，有可能 {possible} 个，"
                      "完全不可能 {impossible} 个，无法判断 {none} 个；与填报的可能性不一致 {disagree} 个",
                      "{forecast} cumulative indicators (of {indicators}): certain {certain}, possible {possible}, "
                      "impossible {impossible}, undecided {none}; differing from the likelihood staff wrote {disagree}"),
    "projections": ("累计指标的预测", "Projections of cumulative indicators"),
    "no_forecast": ("不作预测的指标", "Indicators without a forecast"),
    "no_forecast_count": ("{count} 个指标不作预测（非累计、按年度考核或比率）", "{count} indicators get no forecast (not cumulative, annual or rates)"),
    "none": ("无", "none"),
    "skipped": ("{id} {name}：{why}", "{id} {name}: {why}"),
    "col_id": ("编号", "ID"), "col_name": ("指标", "indicator"), "col_actual": ("实际值", "actual"),
    "col_next": ("下一阶段预测 / 目标", "next stage: projected / target"),
    "col_final": ("期末预测 / 目标", "period end: projected / target"),
    "col_suggested": ("建议可能性", "suggested"), "col_staff": ("填报可能性", "staff"),
    "col_disagree": ("不一致", "differs"), "col_reason": ("依据", "reason"),
    "col_next_on": ("{date} 预测 / 目标", "{date}: projected / target"),
    "col_final_on": ("{date} 预测 / 目标", "{date}: projected / target"),
    "pair_undated": ("{projected} / {target}", "{projected} / {target}"),
    "pair": ("{projected} / {target}（{date}）", "{projected} / {target} ({date})"),
    "disagree_mark": ("不一致", "differs"),
    "rule": ("预测方法：取最近一个有实际值的快照，和它之前至少一年（不足一年时最早）的快照，变化速度 =（后值 − 前值）÷ 间隔天数，"
             "按此速度推算到下一阶段目标日期和建设期末（{end}）。建议可能性：已达到且保持、或按此速度能达到最终目标为确定能；"
             "已达到但按此速度期末将达不到、或能完成剩余差距的 {share} 以上为有可能；没有进展或不足 {share} 为完全不可能。",
             "Method: the last snapshot with a value and the one at least a year before it (the earliest, within a year) "
             "give the rate = (later − earlier) ÷ days between them; "
             "the value is projected at that rate to the next staged target date and to the end of the period ({end}). "
             "Suggested: certain when the final target is met and stays met, or is reached at this rate; possible when "
             "met now but lost at this rate, or when at least {share} of the remaining gap is covered; impossible with "
             "no progress or less than {share}."),
    # the report
    "sec_forecast": ("预测与完成可能性", "Forecast and likelihood of meeting the targets"),
    "report_intro": ("依据 {dates} 共 {n} 个快照推算。{overview}", "From {n} snapshots ({dates}). {overview}"),
    "report_table": ("建议可能性不是“确定能”或与填报可能性不一致的累计指标",
                     "Cumulative indicators not suggested as certain, or differing from the likelihood staff wrote"),
    "report_all_met": ("累计指标的建议可能性均为“确定能”，且与填报的可能性一致。",
                       "Every cumulative indicator is suggested as certain, as staff expect."),
    "charts": ("落后指标的实际值与阶段目标", "Lagging indicators: actual values against the staged targets"),
    "chart_title": ("{id} {name}（{measure}）", "{id} {name} ({measure})"),
    "series_actual": ("实际值", "actual"), "series_target": ("阶段目标", "staged target"),
    "series_projected": ("按近期速度推算", "projected at the recent rate"),
}
