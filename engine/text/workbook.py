"""Words of the Excel workbook (engine/render/xlsx.py): sheet names and the headers of its own columns."""

TEXTS = {  # key: (zh, en); headers and names the shared words (render.py) do not have
    "sheet_units": ("各单位概览", "Units"), "sheet_summary": ("汇总", "Summary"),
    "sheet_indicators": ("全部指标", "Indicators"),
    "sheet_exceptions": ("异常清单", "Exceptions"), "sheet_tasks": ("建设任务", "Tasks"),
    "sheet_achievements": ("标志性成果", "Achievements"), "sheet_budget": ("预算执行", "Budget"),
    "grouping": ("分组", "grouping"), "no": ("序号", "no."), "direction": ("方向", "direction"),
    "gap": ("差距", "gap"), "causes": ("原因代码", "cause codes"), "staff_note": ("情况说明", "staff note"),
    "likelihood": ("完成可能性", "likelihood"), "evidence": ("佐证材料", "evidence"), "owner": ("责任部门", "owner"),
    "actual_source": ("实际值来源", "actual from"), "note": ("情况与原因", "note and causes"),
    "not_done": ("未完成", "not done"),
    "g_level": ("层面合计", "level total"), "g_category": ("类别", "category"), "g_type": ("类型", "type"),
    "g_subtype": ("效益子类", "benefit subtype"), "g_task": ("建设任务", "task"),
    # the indicator's source: the words the shipped rules use
    "source_report": ("报告", "report"), "source_reconstructed": ("补全", "reconstructed"),
}
