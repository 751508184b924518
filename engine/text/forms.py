"""Words of the official forms: the report as a Word document (engine/render/docx_out.py) and the
绩效自评表 workbook (engine/render/form_xlsx.py). Read with t("forms.key", lang, ...)."""

TEXTS = {  # key: (zh, en)
    # the Word document
    "font": ("宋体", "Times New Roman"),           # the East Asian font of the document's text
    "chart_table": ("{title}（图表数据）", "{title} (chart data)"),
    # the 绩效自评表 (the fiscal self-evaluation form's layout)
    "form_title": ("{title}自评表", "{title}: self-evaluation form"),
    "form_unit_level": ("{unit}　{level}", "{unit}, {level}"),
    "form_unit": ("单位：{unit}　　自评截止日期：{date}", "Unit: {unit}    as of {date}"),
    "col_category": ("一级指标", "Level-1 indicator"),
    "col_type": ("二级指标", "Level-2 indicator"),
    "col_name": ("三级指标", "Level-3 indicator"),
    "col_target": ("年度目标值", "Annual target"),
    "col_actual": ("实际完成值", "Actual value"),
    "col_status": ("完成情况", "Completion"),
    "col_causes": ("偏差原因分析（经费/制度/人员/硬件条件/其他）", "Causes of deviation (funds/rules/staff/facilities/other)"),
    "cause_funds": ("经费", "Funds"),
    "cause_rules": ("制度", "Rules"),
    "cause_staff": ("人员", "Staff"),
    "cause_facilities": ("硬件条件", "Facilities"),
    "cause_other": ("其他", "Other"),
    "col_measures": ("改进措施", "Improvement measures"),
    "col_likelihood": ("完成目标可能性", "Likelihood of meeting the target"),
    "subtype": ("{subtype}指标", "{subtype} benefit"),
    "satisfaction_type": ("服务对象满意度指标", "service recipients' satisfaction"),
    "not_done": ("未完成", "not done"),
    "no_target": ("—", "—"),
}

# causes.yaml categories (the fiscal forms' 经费保障 … 其他) -> the form's cause column
CAUSE_COLUMNS = {"经费保障": "funds", "制度保障": "rules", "人员保障": "staff", "硬件条件保障": "facilities",
                 "外部环境": "other", "其他": "other"}
CAUSE_ORDER = ("funds", "rules", "staff", "facilities", "other")
