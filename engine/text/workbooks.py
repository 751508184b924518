"""Words of the XLSX workbooks `jixiao init` writes (engine/authoring/workbooks.py): the value
table and the achievements ledger. The column headers are also what the snapshot reader reads."""

TEXTS = {  # key: (zh, en)
    # the value table's columns, in order
    "col_indicator": ("指标编号", "indicator"),
    "col_name": ("指标名称", "name"),
    "col_measure": ("计量单位", "measure"),
    "col_actual": ("实际值", "actual"),
    "col_causes": ("原因", "causes"),
    "col_note": ("说明", "note"),
    "col_likelihood": ("完成可能性", "likelihood"),
    "col_evidence": ("佐证材料", "evidence"),
    "formula_comment": ("由规则中的公式计算，不必填写：{formula}",
                        "computed by the rule's formula, leave blank: {formula}"),
    "cause_item": ("{code} {name}", "{code} {name}"),
    "cause_sep": ("；", "; "),
    "causes_prompt": ("未达标时填写原因代码（多个用逗号分隔）：{causes}",
                      "when lagging, the cause codes (separated by commas): {causes}"),
    "likelihood_prompt": ("确定能 / 有可能 / 完全不可能", "确定能 / 有可能 / 完全不可能"),
    "actual_prompt": ("数字直接填写（98.42%、1,200 都可以）；期限类指标填完成日期或“未完成”；"
                      "不知道就留空（留空表示缺失，不会当作 0）",
                      "a number as it is (98.42% and 1,200 are fine); for a deadline, the completion date or 未完成; "
                      "blank when unknown (blank is missing, never 0)"),
    "pick_title": ("请从列表中选择", "choose from the list"),
    "pick_only": ("只能填：{options}", "only: {options}"),
    "list_sep": ("、", ", "),
    "cause_warn_title": ("不在原因目录中？", "not in the cause catalogue?"),
    "cause_warn": ("原因代码应是 causes.yaml 中的代码；填多个原因时用逗号分隔，可忽略此提示。",
                   "cause codes are the codes of causes.yaml; several are separated by commas, so this may be ignored."),
    # the achievements ledger
    "ledger_sheet": ("标志性成果台账", "achievements"),
    "ledger_date": ("日期", "date"),
    "ledger_level": ("级别", "level"),
    "ledger_title": ("成果名称", "title"),
    "ledger_evidence": ("佐证材料", "evidence"),
    "ledger_national": ("国家级", "national"),
    "ledger_provincial": ("省级", "provincial"),
    "ledger_level_prompt": ("国家级 或 省级", "national or provincial"),
}
