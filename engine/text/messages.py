"""Every problem a user can see: code -> message and fix, in Chinese and English.

Templates use {name} placeholders filled from the problem's params (engine.text.fill: a dict
with zh/en keys or a list is shown in the chosen language).
"""
from __future__ import annotations

import errno

from engine.text import fill

# code: (message zh, fix zh, message en, fix en)
PROBLEMS: dict[str, tuple[str, str, str, str]] = {
    "file.unreadable": ("无法读取文件：{reason}", "检查文件是否存在、是否有读取权限",
                        "cannot read the file: {reason}", "check that the file exists and is readable"),
    "dir.missing": ("找不到文件夹 {dir}", "{hint}", "folder {dir} does not exist", "{hint}"),
    "audit.no_report": ("找不到报告文件", "检查文件名和路径；报告可以是 .md、.txt 或 .docx",
                        "the report file does not exist", "check the name and path; a report is a .md, .txt or .docx file"),
    "audit.unknown_kind": ("不认识这种报告文件（{suffix}）", "把报告另存为 {known} 之一",
                           "unknown kind of report file ({suffix})", "save the report as one of {known}"),
    "audit.bad_docx": ("无法读取这个 Word 文件（{reason}）：它不是 .docx，或已损坏", "在 Word 或 WPS 中打开并另存为 .docx；旧的 .doc 须先另存",
                       "cannot read this Word file ({reason}): it is not a .docx, or it is damaged", "open it in Word or WPS and save it as .docx (an old .doc must be saved as .docx)"),
    "audit.encoding": ("报告既不是 UTF-8 也不是 GB18030 编码的文本", "用文本编辑器另存为 UTF-8 编码",
                       "the report is neither UTF-8 nor GB18030 text", "save it as UTF-8 in a text editor"),
    "diff.no_git": ("{file} 看起来是 git 版本，但当前文件夹不在 git 仓库中", "写规则文件夹的路径，或在仓库中运行",
                    "this looks like a git revision, but the current folder is not in a git repository", "give the rule folder's path, or run inside the repository"),
    "diff.bad_revision": ("无法从 git 读取这个版本的规则：{reason}", "检查版本和路径，例如 HEAD~1:rules（路径相对于当前文件夹）",
                          "cannot read this version of the rules from git: {reason}", "check the revision and the path, e.g. HEAD~1:rules (relative to the current folder)"),
    "audit.snapshot_needs": ("对照评估结果需要 --rules、--datasets 和 --snapshot 一起给出", "加上 --snapshot 日期，或去掉 --rules/--datasets",
                             "comparing with the evaluation needs --rules, --datasets and --snapshot together", "add --snapshot DATE, or leave out --rules/--datasets"),
    "yaml.syntax": ("YAML 语法错误：{detail}", "检查这一行的缩进、冒号和引号；冒号后要有空格",
                    "YAML syntax error: {detail}", "check indentation, colons and quotes on this line; put a space after each colon"),
    "yaml.tab": ("这里有制表符（Tab）：YAML 只能用空格缩进", "把 Tab 换成空格（通常 2 个）",
                 "a tab character here: YAML indents with spaces only", "replace the tab with spaces (usually 2)"),
    "yaml.control_char": ("这里有一个看不见的控制字符 {char}（常见于从网页或 Word 复制的文字）", "删除这个字符：把这一行删掉重新输入",
                          "an invisible control character {char} here (often pasted from a web page or Word)", "delete it: retype the line"),
    "yaml.empty": ("文件是空的", "至少写上顶层的键，参见 README 中的示例",
                   "the file is empty", "write at least the top-level key; see the examples in the README"),
    "yaml.encoding": ("文件不是 UTF-8 文本（第 {offset} 字节）", "用文本编辑器另存为 UTF-8 编码",
                      "the file is not UTF-8 text (byte {offset})", "save it as UTF-8 in a text editor"),
    "yaml.too_large": ("文件太大（{size} 字节，上限 {limit} 字节）", "把指标拆分到多个规则文件",
                       "the file is too large ({size} bytes, limit {limit} bytes)", "split the indicators over several rule files"),
    "yaml.too_many_nodes": ("文件中的值超过 {limit} 个（指标太多，或锚点 & 和别名 * 层层展开）", "把指标拆分到几个规则文件；不要用别名 * 反复引用锚点 &",
                            "the file holds more than {limit} values (too many indicators, or nested & anchors and * aliases)",
                            "split the indicators over several rule files; do not nest aliases"),
    "yaml.too_deep": ("嵌套超过 {limit} 层（或别名 * 引用了包含它自己的锚点 &）", "减少嵌套；不要用别名引用它所在的结构",
                      "nested more than {limit} levels deep (or an alias * inside its own anchor &)", "reduce the nesting; do not refer to an enclosing anchor"),
    "yaml.tag": ("不支持的 YAML 标签 {tag}", "去掉以 ! 开头的标签", "unsupported YAML tag {tag}", "remove the tag starting with !"),
    "yaml.merge": ("不支持 YAML 合并键 <<", "把要复用的键直接写出来", "YAML merge keys (<<) are not supported", "write the keys out"),
    "yaml.complex_key": ("键必须是简单的文字", "把键写成一个词或日期", "a key must be plain text", "write the key as a word or a date"),
    "yaml.duplicate_key": ("键 {key} 重复出现（第一次在第 {first_line} 行），后一个会覆盖前一个", "删除或合并重复的键",
                           "key {key} appears twice (first on line {first_line}); the later one would overwrite the earlier", "remove or merge the duplicate"),
    "yaml.bad_date": ("日期 {value} 不存在", "写一个真实的日期，例如 2021-12-31", "date {value} does not exist", "write a real date, e.g. 2021-12-31"),
    "schema.unknown_key": ("未知的键 {key}", "是不是 {near}？可用的键：{known}",
                           "unknown key {key}", "did you mean {near}? Known keys: {known}"),
    "schema.required": ("缺少必填项 {key}", "加上 {key}: …　{hint}", "missing required key {key}", "add {key}: ...  {hint}"),
    "schema.type": ("这里应为{expected}，写的是{actual}：{value}", "{hint}",
                    "expected {expected} here, found {actual}: {value}", "{hint}"),
    "schema.enum": ("{value} 不是允许的值", "是不是 {near}？可选：{allowed}", "{value} is not an allowed value", "did you mean {near}? Allowed: {allowed}"),
    "schema.key_format": ("键 {key} 的写法不对", "{hint}", "key {key} is not well-formed", "{hint}"),
    "schema.empty": ("不能为空", "{hint}", "must not be empty", "{hint}"),
    "schema.not_allowed": ("这里不能写 {key}", "删除它；{hint}", "{key} is not allowed here", "remove it; {hint}"),
    "schema.bound": ("{value} 超出范围：应 {op} {bound}", "{hint}", "{value} is out of range: must be {op} {bound}", "{hint}"),
    "schema.pattern": ("{value} 的写法不对", "{hint}", "{value} is not well-formed", "{hint}"),
    "schema.unique": ("列表中有重复项", "删除重复项", "the list has duplicates", "remove the duplicates"),
    "schema.too_long": ("内容太长（上限 {limit} 个字符）", "缩短它", "too long (limit {limit} characters)", "shorten it"),
    "schema.shape": ("{value} 的形式不对", "{hint}", "{value} has the wrong form", "{hint}"),
    "schema.other": ("不符合格式要求：{detail}", "{hint}", "does not match the format: {detail}", "{hint}"),
    "rules.none": ("规则目录 {dir} 中没有指标文件", "在其中放入 *.yaml 规则文件，参见 README",
                   "no indicator files in rule folder {dir}", "put *.yaml rule files there; see the README"),
    "rules.settings_missing": ("规则目录中没有 settings.yaml", "新建 settings.yaml，写明建设期 period: {{start, end}}",
                               "settings.yaml is missing from the rule folder", "create settings.yaml with the construction period: {{start, end}}"),
    "rules.duplicate_file": ("{other} 和这个文件都是 {kind} 文件，只能有一个", "删除或合并其中一个",
                             "{other} and this file are both the {kind} file; there can be only one", "delete or merge one of them"),
    "rules.reserved_id": ("指标编号 {id} 与公式中的名称或函数同名，公式无法区分", "换一个编号，如 S_{id}",
                          "indicator id {id} is a name or function of formulas, which could not tell them apart", "choose another id, e.g. S_{id}"),
    "rules.duplicate_id": ("指标编号 {id} 重复（另一处在 {other}）", "每个指标用不同的编号",
                           "indicator id {id} is used twice (also at {other})", "give each indicator its own id"),
    "rules.unknown_level": ("层面 {value} 未在 settings.yaml 的 levels 中声明", "是不是 {near}？可用：{allowed}；或在 levels 中加上它",
                            "level {value} is not declared in settings.yaml levels", "did you mean {near}? Use one of {allowed}, or declare it"),
    "settings.unknown_indicator": ("scores.budget_indicators 中的指标 {value} 不存在", "是不是 {near}？写规则文件中指标的编号",
                                   "indicator {value} in scores.budget_indicators does not exist", "did you mean {near}? Use the id of an indicator in the rule files"),
    "rules.no_level": ("指标没有层面 level", "在指标或文件顶部写 level: school",
                       "the indicator has no level", "write level: school on the indicator or at the top of the file"),
    "rules.no_task": ("指标没有建设任务 task", "在指标或文件顶部写 task: …", "the indicator has no task", "write task: ... on the indicator or at the top of the file"),
    "rules.unknown_cause": ("原因代码 {value} 不在 causes.yaml 中", "是不是 {near}？可用：{allowed}",
                            "cause code {value} is not in causes.yaml", "did you mean {near}? Known: {allowed}"),
    "rules.target_kind": ("目标值 {value} 与达标方向 {direction} 不符", "{hint}",
                          "target {value} does not fit direction {direction}", "{hint}"),
    "rules.grade_unknown": ("等级 {value} 不在 scale 中", "可用：{allowed}", "grade {value} is not in the scale", "use one of {allowed}"),
    "rules.range_order": ("区间下限 {min} 大于上限 {max}", "交换 min 和 max", "range minimum {min} is above maximum {max}", "swap min and max"),
    "rules.period_order": ("建设期开始 {start} 晚于结束 {end}", "检查 period 的 start 和 end", "period start {start} is after its end {end}", "check period start and end"),
    "snapshot.bad_date": ("快照日期 {value} 不是有效日期", "写成 YYYY-MM-DD，例如 2021-12-31", "snapshot date {value} is not a valid date", "write YYYY-MM-DD, e.g. 2021-12-31"),
    "snapshot.missing": ("找不到快照文件夹 {dir}", "已有的快照：{available}", "snapshot folder {dir} does not exist", "available snapshots: {available}"),
    "snapshot.date_mismatch": ("清单中的日期 {value} 与文件夹名 {folder} 不一致", "改成 {folder}", "manifest date {value} differs from folder name {folder}", "change it to {folder}"),
    "snapshot.no_values": ("快照中没有数值表 values.csv 或 values.xlsx", "放入数值表，或在 manifest.yaml 中用 values: 指明",
                           "the snapshot has no value table values.csv or values.xlsx", "add one, or name it with values: in manifest.yaml"),
    "snapshot.file_missing": ("清单中列出的文件 {value} 不存在", "检查文件名；快照文件夹中的表格：{present}",
                              "file {value} named in the manifest does not exist", "check the file name; the snapshot folder holds: {present}"),
    "snapshot.ignored_file": ("文件 {value} 没有作为台账读取：台账名（文件名）须以字母或汉字开头，只含字母、数字、汉字和下划线",
                              "如果它是台账，请改文件名（如 成果台账.csv），或在 manifest.yaml 的 ledgers 中列出",
                              "{value} was not read as a ledger: a ledger name (the file name) must start with a letter and hold only letters, digits and underscores",
                              "rename it (e.g. achievements.csv) or list it under ledgers: in manifest.yaml"),
    "snapshot.duplicate_ledger": ("{other} 和这个文件都是台账 {name}，不知道该读哪一个", "删除或改名其中一个",
                                  "{other} and this file are both ledger {name}", "delete or rename one of them"),
    "table.encoding": ("无法识别文件编码（试过 UTF-8、GB18030、UTF-16）", "用 Excel 或 WPS 另存为“CSV UTF-8”",
                       "cannot tell the file's encoding (tried UTF-8, GB18030, UTF-16)", "save it from Excel or WPS as 'CSV UTF-8'"),
    "table.empty": ("文件是空的", "第一行写列名（指标编号、实际值……），下面每行一条记录",
                    "the file is empty", "write the column names on the first line and one record per line below"),
    "table.blank_header": ("第 1 行（表头）是空的", "删除表头上方的空行：第一行应是列名，如 指标编号、实际值",
                           "row 1 (the header) is blank", "delete the blank rows above the header: row 1 must hold the column names"),
    "table.extra_cells": ("这一行比表头多出 {count} 个单元格（从第 {col} 列起），这些内容没有列名",
                          "给多出的列加上列名，或删除多余的内容；含逗号的内容（如 1,200）要加引号",
                          "this row has {count} more cell(s) than the header (from column {col}); they have no column name",
                          "name the extra columns or delete what is there; quote text holding a comma, such as \"1,200\""),
    "table.merged_cells": ("{range} 是合并单元格：只有左上角的单元格有值，其余的会被读成空白",
                           "取消合并，并在每个单元格填上值；表头上方的标题行请删除，让第 1 行是列名",
                           "{range} is a merged cell: only its top-left cell holds the value, the others would read as blank",
                           "unmerge it and fill in every cell; delete any title row above the header so that row 1 holds the column names"),
    "table.formula_without_value": ("{cell} 是公式 {formula}，但文件中没有保存它的计算结果",
                                    "在 Excel 或 WPS 中打开这个文件并保存一次（公式会被计算并保存结果），或把公式换成数值",
                                    "{cell} holds the formula {formula} but the file has no computed value for it",
                                    "open and save the file once in Excel or WPS (it computes and stores the results), or replace the formula by its value"),
    "table.not_xlsx": ("这不是有效的 .xlsx 工作簿（{detail}）", "可能是改了扩展名的 CSV 或旧的 .xls：用 Excel 或 WPS 打开，另存为 .xlsx",
                       "this is not a valid .xlsx workbook ({detail})", "perhaps a renamed CSV or an old .xls: open it in Excel or WPS and save as .xlsx"),
    "table.parse": ("表格无法读取：{detail}", "用 Excel 或 WPS 打开检查后重新保存", "cannot read the table: {detail}", "open and re-save it in Excel or WPS"),
    "table.missing_column": ("缺少列 {column}", "表头应包含：{expected}", "column {column} is missing", "the header should include: {expected}"),
    "table.duplicate_column": ("列名 {column} 重复", "删除或改名", "column {column} appears twice", "remove or rename one"),
    "table.empty_header": ("第 {col} 列没有列名", "补上列名或删除这一列", "column {col} has no header", "name it or delete it"),
    "table.extra_column": ("未知的列 {column}，已忽略", "如需使用请改成已知列名：指标编号、单位、实际值、原因代码、说明、完成可能性、佐证材料",
                           "unknown column {column}, ignored", "rename it to a known column if it is needed"),
    "table.duplicate_row": ("指标 {id}（单位 {unit}）重复出现（另一行是第 {other} 行）", "每个指标每个单位只填一行",
                            "indicator {id} (unit {unit}) appears twice (other row {other})", "one row per indicator and unit"),
    "table.date_after_snapshot": ("指标 {id} 的完成日期 {value} 晚于快照日期 {day}", "快照只记录截至 {day} 已发生的事：写实际完成日期，未完成写“未完成”",
                                  "indicator {id} was done on {value}, after the snapshot date {day}", "a snapshot records what happened by {day}: write the real date, or \"not done\""),
    "table.unit_is_measure": ("“单位”列中的 {unit} 是计量单位：这一列应填学校或专业群的代码",
                              "计量单位写在规则的 unit 中，数值表不用填写；只有一个单位时删去“单位”列",
                              "{unit} in the unit column is a measure: the column holds the college or group code",
                              "measures belong in the rule's unit; with a single college drop the unit column"),
    "table.unknown_unit": ("单位 {unit} 不在 manifest.yaml 的 units 中",
                           "“单位”列填学校或专业群的代码（{allowed}）；项、人次、% 这样的计量单位不用填写（写在规则的 unit 中）",
                           "unit {unit} is not among the units of manifest.yaml",
                           "the unit column holds the college or group code ({allowed}); measures such as % belong in the rule's unit"),
    "table.blank_id": ("这一行有数据但没有指标编号", "填上指标编号或删除这一行", "this row has data but no indicator id", "fill in the id or delete the row"),
    "table.bad_number": ("{value} 不是数字（指标 {id} 需要数字）", "写成 12、98.42%、1,200 这样的数字；不知道就留空",
                         "{value} is not a number (indicator {id} needs one)", "write a number such as 12, 98.42% or 1,200; leave it blank if unknown"),
    "table.percent_unit": ("{value} 带有 %，但指标 {id} 的计量单位是 {unit}，不是 %",
                           "只写数字；或者若这个指标本来就是百分比，把规则中的 unit 改为 \"%\"",
                           "{value} carries %, but indicator {id} is measured in {unit}, not %",
                           "write the plain number; or, if the indicator is a percentage, set unit: \"%\" in its rule"),
    "table.number_with_unit": ("{value} 带有“万”或“亿”：jixiao 不换算数量级（指标 {id} 的计量单位是 {unit}）",
                               "只写数字：计量单位是“万元”时 1.2万元 写 1.2，是“人次”“元”等时 1.2万 写 12000",
                               "{value} carries a Chinese magnitude word: jixiao does not convert magnitudes (indicator {id} is measured in {unit})",
                               "write the plain number in the measure {unit}: multiply the magnitude out, unless the measure holds it already"),
    "table.bad_date": ("{value} 不是日期（指标 {id} 需要完成日期）", "写成 2021-12-31；未完成写“未完成”；不知道就留空",
                       "{value} is not a date (indicator {id} needs a completion date)", "write 2021-12-31; write \"not done\" if it is not done; leave blank if unknown"),
    "table.bad_grade": ("{value} 不在指标 {id} 的等级中", "可用：{allowed}", "{value} is not a grade of indicator {id}", "use one of {allowed}"),
    "table.bad_likelihood": ("完成可能性 {value} 无法识别", "填 确定能、有可能 或 完全不可能", "likelihood {value} is not recognised", "write certain, possible or impossible"),
    "table.unknown_cause": ("原因代码 {value} 不在 causes.yaml 中", "是不是 {near}？可用：{allowed}",
                            "cause code {value} is not in causes.yaml", "did you mean {near}? Known: {allowed}"),
    "table.unknown_indicator": ("数值表中的指标编号 {id} 不在规则中", "是不是 {near}？检查编号，或删除这一行",
                                "indicator id {id} in the value table is not in the rules", "did you mean {near}? Check the id or delete the row"),
    "table.no_unit_column": ("台账 {ledger} 没有单位列，但快照中有多个单位", "加一列“单位”", "ledger {ledger} has no unit column but the snapshot has several units", "add a unit column"),
    "cli.unknown_unit": ("快照中没有单位 {value}", "可用：{allowed}", "unit {value} is not in the snapshot", "available: {allowed}"),
    "cli.forecast_snapshots": ("预测需要至少两个快照，{date} 及之前只有 {count} 个可用：{dates}",
                               "在数据文件夹中加入更早的快照（jixiao new snapshot），或选较晚的 --snapshot",
                               "a forecast needs two snapshots or more; up to {date} only {count} can be used: {dates}",
                               "add an earlier snapshot to the data folder (jixiao new snapshot) or pick a later --snapshot"),
    "output.is_input": ("输出文件 {value} 是输入文件之一，不能覆盖", "换一个输出路径", "output {value} is one of the inputs and would be overwritten", "choose another output path"),
    "output.in_inputs": ("输出文件 {value} 在输入文件夹 {folder} 中：jixiao 不往规则和数据文件夹中写结果",
                         "写到别的文件夹，如 输出/{name}", "output {value} is inside the input folder {folder}: jixiao writes no results among the rules and data",
                         "write it elsewhere, e.g. out/{name}"),
    "output.not_a_file": ("{value} 不是普通文件（是设备、管道或套接字）", "--output 写一个普通文件名；不写 --output 则输出到屏幕",
                          "{value} is not a regular file (a device, pipe or socket)", "give --output a regular file name; leave it out to print"),
    "output.unwritable": ("无法写入 {value}：{reason}", "检查文件夹是否存在、是否有写权限", "cannot write {value}: {reason}", "check the folder exists and is writable"),
}

# Value tables over several sheets, rule tests (jixiao test) and scaffolding (jixiao init / new).
PROBLEMS.update({
    "table.duplicate_row_sheet": ("指标 {id}（单位 {unit}）已在工作表 {sheet} 第 {other} 行填写", "每个指标每个单位只填一行：删除其中一行",
                                  "indicator {id} (unit {unit}) is already filled in on sheet {sheet}, row {other}",
                                  "one row per indicator and unit: delete one of them"),
    "ruletest.none": ("没有找到测试文件：{dir}", "测试文件（*.yaml）放在规则目录的 tests/ 文件夹中，或在命令中写出文件或文件夹",
                      "no test files found: {dir}", "put test files (*.yaml) in the tests/ folder of the rule folder, or name files or folders"),
    "ruletest.rules_missing": ("找不到规则目录 {dir}（或其中没有 settings.yaml）",
                               "rules: 是相对于测试文件所在文件夹的路径；不写时为 tests/ 的上一级文件夹；也可以用 jixiao test --rules 指定",
                               "rule folder {dir} not found (or it has no settings.yaml)",
                               "rules: is relative to the test file's folder; by default the folder above tests/; or use jixiao test --rules"),
    "ruletest.unknown_indicator": ("指标编号 {id} 不在规则中", "是不是 {near}？检查编号",
                                   "indicator id {id} is not in the rules", "did you mean {near}? Check the id"),
    "ruletest.formula_actual": ("指标 {id} 的实际值由公式 {formula} 计算，这里写的实际值不会被使用",
                                "删除 actual，改在 ledgers: 中给出公式读取的台账行（原因、说明、完成可能性可以保留）",
                                "the actual value of {id} is computed by the formula {formula}; the value given here would not be used",
                                "remove actual and give the ledger rows the formula reads under ledgers: (causes, note and likelihood may stay)"),
    "ruletest.unit_needed": ("有多个单位（{allowed}）时，每个实际值都要写 unit", "写成列表：- {{unit: 单位编号, actual: 值}}",
                             "with several units ({allowed}) every value needs a unit", "write a list: - {{unit: unit id, actual: value}}"),
    "ruletest.unknown_unit": ("单位 {value} 不在本用例的单位中", "可用：{allowed}；或在 units: 中声明它",
                              "unit {value} is not one of this case's units", "use one of {allowed}, or declare it under units:"),
    "init.not_empty": ("文件夹 {dir} 不是空的（已有 {count} 项，如 {example}）", "换一个新文件夹名，或先清空这个文件夹；jixiao init 不会覆盖任何已有文件",
                       "folder {dir} is not empty ({count} entries, such as {example})", "choose a new folder name or empty it first; jixiao init never overwrites a file"),
    "init.not_a_dir": ("{dir} 已存在，而且不是文件夹", "换一个新文件夹名", "{dir} exists and is not a folder", "choose a new folder name"),
    "new.not_rule_file": ("{file} 不是指标规则文件", "指标写在 settings.yaml、causes.yaml、tables.yaml 以外的 *.yaml 文件中",
                          "{file} is not an indicator rule file", "indicators go in *.yaml files other than settings.yaml, causes.yaml and tables.yaml"),
    "new.cannot_append": ("无法在文件末尾追加指标：{reason}", "indicators: 应是文件最后一个顶层键，并用“- id: …”的块格式逐个列出；或用 --file 指定另一个文件",
                          "cannot append an indicator at the end of the file: {reason}",
                          "indicators: must be the file's last top-level key, listed in block style (- id: ...); or use --file to name another file"),
    "new.restored": ("追加指标后规则无法通过检查，文件已恢复原样", "见同时列出的问题；可以手工编辑该文件",
                     "the rules no longer pass their checks after appending; the file has been restored", "see the problems listed with this one; edit the file by hand"),
})

# Runtime problems of one rule: the indicator gets status `error`, the others go on.
RULE_ERRORS: dict[str, tuple[str, str]] = {
    "expr.syntax": ("公式写法有误：{detail}。检查括号、引号和运算符；“并且”写 and，“或者”写 or",
                    "the formula is malformed: {detail}. Check brackets, quotes and operators; use and / or"),
    "expr.feature": ("公式中不允许使用 {detail}；只能用比较、算术、and/or/not、if…else 和文档列出的函数",
                     "{detail} is not allowed in a formula; use comparisons, arithmetic, and/or/not, if...else and the documented functions"),
    "expr.unknown_name": ("公式中的名称 {name} 未定义；是不是 {near}？", "name {name} in the formula is not defined; did you mean {near}?"),
    "expr.unknown_function": ("公式中的函数 {name} 不存在；是不是 {near}？可用函数：{allowed}",
                              "function {name} does not exist; did you mean {near}? Functions: {allowed}"),
    "expr.cycle": ("实际值公式相互引用形成循环：{detail}", "formulas refer to each other in a cycle: {detail}"),
    "eval.failed": ("公式计算出错：{detail}", "formula failed: {detail}"),
    "eval.unknown_ledger": ("台账 {name} 不存在；快照中的台账：{allowed}", "ledger {name} does not exist; the snapshot has: {allowed}"),
    "eval.unknown_column": ("台账 {ledger} 没有列 {name}；是不是 {near}？", "ledger {ledger} has no column {name}; did you mean {near}?"),
    "eval.unknown_table_column": ("表 {table} 没有列 {name}；可用的列：{allowed}", "table {table} has no column {name}; its columns: {allowed}"),
    "eval.not_condition": ("条件的结果应为成立或不成立（写成比较，如 actual >= target），得到的是 {value}",
                           "a condition must be true or false (a comparison such as actual >= target), but gave {value}"),
    "eval.not_number": ("公式结果不是数字：{detail}", "the formula did not give a number: {detail}"),
    "eval.dependency": ("依赖的指标 {name} 自身有错误", "indicator {name} it depends on has an error"),
}

OS_REASONS = {  # errno -> (zh, en): what went wrong with a file, in words users read
    errno.ENOENT: ("文件或文件夹不存在", "no such file or folder"),
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("没有权限", "operation not permitted"),
    errno.ENOSPC: ("磁盘已满", "the disk is full"),
    errno.EROFS: ("磁盘是只读的", "the disk is read-only"),
    errno.EISDIR: ("这是一个文件夹", "it is a folder"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "part of the path is not a folder"),
    errno.ENAMETOOLONG: ("文件名太长", "the file name is too long"),
    errno.ELOOP: ("符号链接循环指向自身", "a symbolic link loops back on itself"),
    errno.EFBIG: ("文件太大，超出了允许的大小", "the file is too large for the disk or the limits"),
}


def os_reason(exc: OSError) -> dict:
    """An OSError as a {zh, en} parameter."""
    zh, en = OS_REASONS.get(exc.errno, (exc.strerror or str(exc), exc.strerror or str(exc)))
    return {"zh": zh, "en": en}


NEAR = ("是不是 {near}？", "did you mean {near}? ", "did you mean {near}?")


def _without_near(template: str, params: dict) -> str:
    if params.get("near"):
        return template
    for phrase in NEAR:
        template = template.replace(phrase, "")
    return template.rstrip("；; ")


def problem_text(code: str, lang: str, params: dict) -> tuple[str, str]:
    """(message, fix) of a problem; a rule error (a formula that cannot work) has a message only."""
    if code not in PROBLEMS and code in RULE_ERRORS:
        return rule_error_text(code, lang, params), ""
    zh, fix_zh, en, fix_en = PROBLEMS.get(code, (code, "", code, ""))
    message, fix = (zh, fix_zh) if lang == "zh" else (en, fix_en)
    return fill(_without_near(message, params), params, lang), fill(_without_near(fix, params), params, lang).strip()


def rule_error_text(code: str, lang: str, params: dict) -> str:
    zh, en = RULE_ERRORS.get(code, (code, code))
    return fill(_without_near(zh if lang == "zh" else en, params), params, lang)


# `jixiao validate` and `jixiao explain`: formula problems located in the rule file (the same codes
# as the rule errors above, which evaluate shows as the status `error`), and the further checks.
PROBLEMS.update({
    "expr.syntax": ("{field}写法有误：{detail}", "检查括号、引号和运算符；“并且”写 and，“或者”写 or；文字要加引号，如 \"国家级\"",
                    "the {field} formula is malformed: {detail}", "check brackets, quotes and operators; use and / or; quote text, e.g. \"national\""),
    "expr.feature": ("{field}中不允许使用 {detail}", "只能用比较、算术、and/or/not、x if 条件 else y 和 README 中列出的函数",
                     "{detail} is not allowed in the {field} formula", "use comparisons, arithmetic, and/or/not, x if c else y and the functions the README lists"),
    "expr.unknown_name": ("公式中的名称 {name} 未定义", "是不是 {near}？可用的名称：{allowed}，以及各指标编号；文字要加引号",
                          "name {name} in the formula is not defined", "did you mean {near}? Names: {allowed}, and the indicator ids; quote text"),
    "expr.unknown_function": ("公式中的函数 {name} 不存在", "是不是 {near}？可用的函数：{allowed}",
                              "function {name} does not exist", "did you mean {near}? Functions: {allowed}"),
    "expr.cycle": ("实际值公式相互引用，形成循环：{detail}", "去掉其中一处引用：实际值不能直接或间接地依赖自己",
                   "actual-value formulas refer to each other in a cycle: {detail}", "remove one of the references: an actual value cannot depend on itself"),
    "validate.unknown_indicator": ("{field}引用的指标 {name} 不存在", "是不是 {near}？检查指标编号（区分大小写）",
                                   "the {field} formula refers to indicator {name}, which does not exist", "did you mean {near}? Check the id (case matters)"),
    "validate.where_syntax": ("where 条件 {where} 写法有误：{detail}", "where 条件整体写在引号中，如 where=\"日期 <= snapshot\"；列名不加引号，文字加引号",
                              "the where condition {where} is malformed: {detail}", "quote the whole condition, e.g. where=\"date <= snapshot\"; column names bare, text quoted"),
    "validate.note_placeholder": ("说明模板中的 {placeholder} 不会被填入（显示为空）", "是不是 {near}？可用：{allowed}",
                                  "{placeholder} in the note template is never filled in (it shows as nothing)", "did you mean {near}? Available: {allowed}"),
    "validate.target_decreases": ("累计目标下降：{date} 的目标 {value} 低于 {prev_date} 的 {prev}",
                                  "目标默认是累计值，后一期不应低于前一期：检查数字；如果每年单独考核，加 annual: true",
                                  "a cumulative target decreases: {value} on {date} is below {prev} on {prev_date}",
                                  "targets are cumulative by default and should not decrease: check the figures; if each year is assessed on its own, add annual: true"),
    "validate.no_final_target": ("最后一个目标在 {date}，早于建设期结束 {end}：没有最终目标", "补上 {end} 的最终目标；否则 {date} 之后未达标显示为“正在推进”，直到建设期结束；{date} 的目标就是终期目标时写 final: true",
                                 "the last target is dated {date}, before the period ends on {end}: there is no final target",
                                 "add the final target for {end}; otherwise a miss after {date} is in progress until the period ends; if the target of {date} is the final one, write final: true"),
    "validate.order_unknown": ("排列顺序中的 {name} 不是任何指标的{what}：它不影响顺序",
                               "是不是 {near}？改正或删去这一项",
                               "{name} in the order is no indicator's {what}: it orders nothing",
                               "did you mean {near}? correct it or remove it"),
    "validate.progress_ignored": ("进度预期 {progress} 不起作用：达标方向 {direction} 的目标不是累计的数值，不计算进度预期",
                                  "删去 progress: {progress}；进度预期只用于 higher、lower、equal 的累计指标",
                                  "progress: {progress} has no effect: the targets of direction {direction} are not cumulative numbers, so no progress is expected",
                                  "remove progress; expected progress applies to cumulative higher, lower and equal indicators"),
    "validate.date_outside_period": ("日期 {date} 不在建设期 {start} 至 {end} 之内", "检查年份；建设期写在 settings.yaml 的 period 中",
                                     "date {date} is outside the construction period {start} to {end}", "check the year; the period is set in settings.yaml"),
    "validate.direction_type": ("{type}却是{direction_text}（{field} {direction}）", "{type}通常写 direction: {expected}（{expected_text}）；确实如此可忽略此警告",
                                "a {type} indicator that is {direction_text} (direction: {direction})", "{type} indicators are usually direction: {expected} ({expected_text}); ignore this if it is meant"),
    "validate.date_unit": ("计量单位 {unit} 与达标方向 {direction} 不符", "按期限完成的指标写 unit: 日期、direction: deadline 和 deadline:；数值指标不要用“日期”作单位",
                           "unit {unit} does not fit direction {direction}", "for a deadline write unit: date, direction: deadline and deadline:; numeric indicators need another unit"),
    "validate.rate_range": ("百分比目标 {value} 不在 0 到 100 之间", "检查是否多写或少写了数字；增长率等确实可能超出的，可忽略此警告",
                            "percentage target {value} is outside 0 to 100", "check the figure; ignore this for growth rates and the like that may exceed it"),
    "validate.rate_fraction": ("百分比目标写成了小数 {value}：jixiao 按百分数比较，{value} 表示 {value}%", "写成 {percent}（表示 {percent}%）；数值表中的实际值也写百分数",
                               "a percentage target written as a fraction, {value}: jixiao compares percentages, so {value} means {value}%", "write {percent} (meaning {percent}%); actual values are percentages too"),
    "validate.pass_never": ("达标条件 pass 对任何可能的实际值都不成立：这个指标永远不会达成", "检查比较方向和数值（试过的实际值：{tried}）",
                            "the pass condition is false for every possible actual value: the indicator can never be achieved", "check the comparison and the figures (actual values tried: {tried})"),
    "validate.pass_always": ("达标条件 pass 对任何可能的实际值都成立：这个指标总是达成", "检查条件是否写反、是否漏写了 actual（试过的实际值：{tried}）",
                             "the pass condition is true for every possible actual value: the indicator is always achieved", "check that the condition is not reversed and reads actual (actual values tried: {tried})"),
    "validate.overshoot_never": ("超额条件 overshoot 在达标时永远不成立：永远不会判为超额", "不判超额请写 overshoot: false；否则检查比较方向（试过的实际值：{tried}）",
                                 "the overshoot condition is never true when the indicator passes: it can never be exceeded", "write overshoot: false if that is meant; else check the comparison (actual values tried: {tried})"),
    "validate.overshoot_always": ("超额条件 overshoot 在每次达标时都成立：凡达标都算超额", "默认的超额条件是严格优于目标（> 而非 >=）：删去 overshoot 用默认，或写 actual >= target * 1.2 这样的幅度（试过的实际值：{tried}）",
                                  "the overshoot condition is true whenever the indicator passes: every achievement counts as exceeded", "the default is strictly better than the target (> not >=): drop overshoot for the default, or require a margin such as actual >= target * 1.2 (actual values tried: {tried})"),
    "validate.unknown_ledger": ("台账 {name} 不存在（快照 {snapshots}），评估时{what}", "是不是 {near}？快照中的台账：{allowed}（manifest.yaml 中 ledgers 的名称，或不含扩展名的文件名）",
                                "ledger {name} does not exist (snapshots {snapshots}); {what}", "did you mean {near}? The snapshots have: {allowed} (the names under ledgers in manifest.yaml, or file names without extension)"),
    "validate.unknown_column": ("台账 {ledger} 没有列 {name}（快照 {snapshots}）", "是不是 {near}？台账的列：{allowed}",
                                "ledger {ledger} has no column {name} (snapshots {snapshots})", "did you mean {near}? Its columns: {allowed}"),
    "validate.blank_group": ("台账 {ledger} 有 {count} 行的 {column} 为空：表 {table} 不计入这些行，合计也不含它们",
                             "填上 {column}；不属于表中任何一行的记录请删除",
                             "{count} rows of ledger {ledger} have no {column}: table {table} and its total leave them out",
                             "fill in {column}; delete records that belong to no row of the table"),
    "validate.blank_summed": ("台账 {ledger} 的列 {column} 有 {count} 个空白单元格：指标 {id} 的 {function}() 不计入它们（空白不是 0）",
                              "如果是 0 请填 0；如果数据还没有，补上后再评估",
                              "column {column} of ledger {ledger} has {count} blank cells: {function}() of indicator {id} leaves them out (blank is not 0)",
                              "type 0 where 0 is meant; otherwise fill in the figure"),
    "validate.column_not_number": ("台账 {ledger} 的列 {column} 有非数字内容 {value}（共 {count} 格）：{rule} 中指标 {id} 的 {function}() 无法计算",
                                   "只写数字，如 1200 或 1,200；不知道就留空",
                                   "column {column} of ledger {ledger} holds text such as {value} ({count} cell(s)): {function}() of indicator {id} at {rule} cannot be computed",
                                   "write plain numbers such as 1200 or 1,200; leave the cell blank if unknown"),
    "validate.filter_value_unseen": ("筛选 {column}=\"{value}\" 在任何快照的台账 {ledger} 中都没有出现：计数或合计将为 0", "是不是 {near}？这一列的值有：{examples}",
                                     "filter {column}=\"{value}\" matches nothing in ledger {ledger} in any snapshot: the count or sum will be 0", "did you mean {near}? The column holds: {examples}"),
    "validate.no_value_row": ("快照 {snapshot} 的数值表 {file} 中没有指标 {id} 的行{units}，规则也没有 actual 公式：{consequence}",
                              "在数值表中加一行 {id}（不知道实际值就留空并写明原因）；或在规则中用 actual: 公式计算",
                              "the value table {file} of snapshot {snapshot} has no row for indicator {id}{units} and the rule has no actual formula: {consequence}",
                              "add a row for {id} (leave the value blank if unknown and give the cause), or compute it with an actual: formula"),
    "validate.value_ignored": ("指标 {id} 的实际值由公式计算（{rule}），这里填的 {value} 不会被使用", "删去这个实际值（原因、说明等列可以保留）；或删去规则中的 actual 公式",
                               "the actual value of {id} is computed by a formula ({rule}); the {value} given here is not used", "delete this value (keep the cause and note columns), or remove the rule's actual formula"),
    "validate.not_a_snapshot": ("{folder} 不是快照：快照文件夹以日期命名，如 2021-12-31", "改名为快照日期；不是快照就移出数据目录",
                                "{folder} is not a snapshot: snapshot folders are named by date, e.g. 2021-12-31", "rename it to its date, or move it out of the datasets folder"),
    "validate.path_missing": ("找不到 {path}", "检查路径是否写对", "{path} does not exist", "check the path"),
    "validate.bad_path": ("{path} 不是规则目录、规则文件、数据目录或快照", "规则目录中有 settings.yaml；快照以日期命名，如 datasets/2021-12-31；一次只能检查一个数据目录",
                          "{path} is not a rule folder, rule file, datasets folder or snapshot", "a rule folder holds settings.yaml; snapshots are named by date, e.g. datasets/2021-12-31; one datasets folder at a time"),
    "validate.no_datasets": ("找不到数据目录 {dir}：只检查了规则，台账名、列名和数值表未检查", "用 --datasets 指定数据目录",
                             "datasets folder {dir} does not exist: only the rules were checked, not ledger names, columns or value tables", "name it with --datasets"),
    "explain.unknown_id": ("没有编号为 {id} 的指标", "是不是 {near}？指标编号区分大小写", "there is no indicator {id}", "did you mean {near}? Ids are case-sensitive"),
})

# `jixiao new snapshot` and `jixiao template`: their problems live with their words
from engine.text.snapshots import PROBLEMS as _SNAPSHOT_PROBLEMS  # noqa: E402

PROBLEMS.update(_SNAPSHOT_PROBLEMS)

# `jixiao import` and the TODOs it leaves (engine/text/taskbook.py holds their words)
from engine.text.taskbook import PROBLEMS as _TASKBOOK_PROBLEMS  # noqa: E402

PROBLEMS.update(_TASKBOOK_PROBLEMS)

from engine.text.limits import PROBLEMS as _LIMITS  # noqa: E402  (the limits' own module: see engine/text/limits.py)

PROBLEMS.update(_LIMITS)
