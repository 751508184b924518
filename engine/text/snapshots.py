"""Words of `jixiao new snapshot` and `jixiao template` (engine/authoring/snapshots.py,
engine/cli/new.py, engine/cli/template.py), of the funds ledgers `jixiao init` writes, and the
problems of these commands (PROBLEMS, merged into engine/text/messages.py)."""

TEXTS = {  # key: (zh, en)
    "help_date": ("新快照的日期，如 2022-12-31", "the new snapshot's date, e.g. 2022-12-31"),
    "help_from": ("从哪个快照带入台账和上期实际值（默认：早于 DATE 的最近一个快照）",
                  "the snapshot whose ledgers and values are carried over (default: the latest before DATE)"),
    "help_refresh": ("快照已存在时，按当前规则重建数值表，保留已填写的内容",
                     "when the snapshot exists, rebuild its value table from the rules, keeping what was typed"),
    "help_empty_ledger": ("这个台账不带入已有的行，只保留表头（每期重新填写的台账；可写多次）",
                          "carry this ledger's header only, not its rows (a ledger filled anew each time; repeatable)"),
    "created": ("已创建快照 {dir}：\n"
                "  values.xlsx        数值表（{count} 个指标{previous}）\n"
                "{ledgers}"
                "  manifest.yaml      快照清单\n"
                "下一步：在 values.xlsx 的“实际值”一列填写，然后运行\n"
                "  jixiao evaluate --rules {rules} --datasets {datasets} --snapshot {date}",
                "Created the snapshot {dir}:\n"
                "  values.xlsx        value table ({count} indicators{previous})\n"
                "{ledgers}"
                "  manifest.yaml      manifest\n"
                "Next: fill in the actual values in values.xlsx, then run\n"
                "  jixiao evaluate --rules {rules} --datasets {datasets} --snapshot {date}"),
    "previous": ("，上期 {date} 的实际值列在“上期实际值”一列供参考", "; the values of {date} shown for reference"),
    "ledger_line": ("  {file}台账 {name}（{how}）\n", "  {file}ledger {name} ({how})\n"),
    "ledger_kept": ("带入 {date} 的 {rows} 行", "{rows} rows carried from {date}"),
    "ledger_emptied": ("只带入表头", "header only"),
    "refreshed": ("已按当前规则重建 {file}：{count} 个指标，保留了 {kept} 行已填写的内容{dropped}。\n"
                  "原文件保存为 {backup}。",
                  "Rebuilt {file} from the current rules: {count} indicators, {kept} filled rows kept{dropped}.\n"
                  "The old file is saved as {backup}."),
    "dropped": ("；规则中已没有的指标 {ids} 的行未带入（见备份）",
                "; rows of indicators no longer in the rules ({ids}) were left out (see the backup)"),
    "columns_dropped": ("；模板中没有的列 {columns} 未带入（见备份）",
                        "; columns the template does not have ({columns}) were left out (see the backup)"),
    "manifest_head": ("# 快照清单：这一天的数据在哪些文件中（由 jixiao new snapshot 生成）。",
                      "# The manifest: the files of this day's data (written by jixiao new snapshot)."),
    "description": ("截至 {date} 的数据", "data as of {date}"),
    "template_help": ("按当前规则重建一个已有快照的数值表 values.xlsx（同 jixiao new snapshot DATE --refresh）：\n"
                      "指标编号、名称、计量单位和下拉列表按规则重写，已填写的实际值、原因、说明等按指标编号保留。",
                      "Rebuild the value table values.xlsx of an existing snapshot from the current rules (as jixiao new "
                      "snapshot DATE --refresh): ids, names, measures and drop-down lists rewritten, what was typed kept "
                      "by indicator id."),
    # the funds ledgers of a new workspace (engine/authoring/workbooks.py)
    "funds_sheet": ("资金台账", "funds"),
    "budget_sheet": ("预算台账", "budget"),
    "col_year": ("年度", "year"),
    "col_source": ("资金来源", "source"),
    "col_task": ("建设任务", "task"),
    "col_budget": ("预算", "budget"),
    "col_arrived": ("到位", "arrived"),
    "col_spent": ("执行", "spent"),
    "source_prompt": ("从列表中选择资金来源", "choose the source of funds"),
    "task_prompt": ("从列表中选择建设任务（规则中的 task）", "choose the construction task (the rules' task)"),
    "money_prompt": ("金额（万元），只写数字；不知道就留空", "an amount (10k CNY), a number only; blank when unknown"),
    "pick_warn_title": ("不在列表中？", "not in the list?"),
    "pick_warn": ("可以填列表以外的名称，但要与规则和 tables.yaml 中的写法一致", "another name is fine if the rules and tables.yaml spell it alike"),
    "year_prompt": ("年度，如 {year}", "the year, e.g. {year}"),
    # the value table's column of last time's values
    "col_previous": ("上期实际值", "previous value"),
    "previous_comment": ("快照 {date} 中填写的实际值（由公式计算的指标为当时的计算结果），仅供参考，不会被读取",
                         "the value given in snapshot {date} (for formulas, what they gave then), for reference only (not read)"),
    "causes_prompt": ("未达标时从列表中选择原因；多个原因用分号分隔（也可以填 causes.yaml 中的代码）",
                      "when lagging, choose the cause; several separated by semicolons (codes of causes.yaml work too)"),
    # execution-rate denominators (jixiao init --execution-base)
    "help_start": ("建设期开始的年份（默认：--year，或今年）；建设期共 5 年",
                   "the year the construction period starts (default: --year, or this year); it runs 5 years"),
    "help_snapshot": ("第一个数据快照的日期，如 2021-12-31（默认：--year 那一年的 12 月 31 日，或建设期中今年的年底）",
                      "the first snapshot's date, e.g. 2021-12-31 (default: December 31 of --year, or of this year within the period)"),
    "help_execution": ("执行率的分母：budget（预算，执行 ÷ 预算）或 arrived（到位资金，执行 ÷ 到位）；也可写 预算、到位",
                       "the denominator of the execution rate: budget (spent ÷ budget) or arrived (spent ÷ funds arrived)"),
    "snapshot_outside": ("快照日期 {date} 不在建设期 {start} 至 {end} 之内；用 --start 写明建设期开始的年份，如 --start 2019",
                         "the snapshot date {date} is outside the period {start} to {end}; give the period's first year with --start, e.g. --start 2019"),
    "bad_date": ("“{value}”不是日期，应写成 YYYY-MM-DD，如 2021-12-31", "\"{value}\" is not a date; write YYYY-MM-DD, e.g. 2021-12-31"),
    "base_budget": ("预算", "budget"),
    "base_arrived": ("到位", "arrived"),
    "exec_name_budget": ("支出预算执行率", "spending of the budget"),
    "exec_name_arrived": ("到位资金执行率", "spending of the funds arrived"),
    "base_budget_words": ("执行率 = 执行 ÷ 预算（预算执行率）", "execution rate = spent ÷ budget"),
    "base_arrived_words": ("执行率 = 执行 ÷ 到位资金", "execution rate = spent ÷ funds arrived"),
}

# code: (message zh, fix zh, message en, fix en); merged into messages.PROBLEMS
PROBLEMS = {
    "snapshot_new.exists": ("快照 {dir} 已存在", "要按当前规则重建它的数值表、保留已填写的内容，加 --refresh（或运行 jixiao template {date}）；"
                            "要新建另一个快照，换一个日期",
                            "snapshot {dir} already exists", "to rebuild its value table from the rules keeping what was typed, "
                            "add --refresh (or run jixiao template {date}); otherwise choose another date"),
    "snapshot_new.bad_date": ("“{value}”不是快照日期", "写成 YYYY-MM-DD，如 2022-12-31",
                              "\"{value}\" is not a snapshot date", "write YYYY-MM-DD, e.g. 2022-12-31"),
    "snapshot_new.no_source": ("找不到要带入的快照 {value}", "数据目录中的快照：{available}",
                               "there is no snapshot {value} to carry over", "the snapshots of the datasets folder: {available}"),
    "snapshot_new.not_xlsx": ("快照的数值表 {file} 不是 XLSX 工作簿，无法重建", "数值表模板是 XLSX：新建一个快照（jixiao new snapshot），"
                              "或把 manifest.yaml 的 values 改为 XLSX 文件后再运行",
                              "the value table {file} is not an XLSX workbook and cannot be rebuilt",
                              "the template is XLSX: make a new snapshot (jixiao new snapshot), or point values in manifest.yaml at an XLSX file"),
    "snapshot_new.unknown_ledger": ("快照 {date} 中没有台账 {name}（--empty-ledger）", "快照中的台账：{allowed}",
                                    "snapshot {date} has no ledger {name} (--empty-ledger)", "its ledgers: {allowed}"),
    "snapshot_new.missing": ("快照 {dir} 不存在，无法重建其数值表", "先新建：jixiao new snapshot {date}",
                             "snapshot {dir} does not exist, so its value table cannot be rebuilt", "make it first: jixiao new snapshot {date}"),
}
