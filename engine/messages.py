"""Every problem a user can see: code -> message and fix, in Chinese and English.

Templates use {name} placeholders filled from the problem's params; a param that is a
dict with zh/en keys is shown in the chosen language.
"""
from __future__ import annotations

import re

# code: (message zh, fix zh, message en, fix en)
PROBLEMS: dict[str, tuple[str, str, str, str]] = {
    "file.unreadable": ("无法读取文件：{reason}", "检查文件是否存在、是否有读取权限",
                        "cannot read the file: {reason}", "check that the file exists and is readable"),
    "dir.missing": ("找不到文件夹 {dir}", "{hint}", "folder {dir} does not exist", "{hint}"),
    "yaml.syntax": ("YAML 语法错误：{detail}", "检查这一行的缩进、冒号和引号；冒号后要有空格",
                    "YAML syntax error: {detail}", "check indentation, colons and quotes on this line; put a space after each colon"),
    "yaml.tab": ("这里有制表符（Tab）：YAML 只能用空格缩进", "把 Tab 换成空格（通常 2 个）",
                 "a tab character here: YAML indents with spaces only", "replace the tab with spaces (usually 2)"),
    "yaml.empty": ("文件是空的", "至少写上顶层的键，参见 README 中的示例",
                   "the file is empty", "write at least the top-level key; see the examples in the README"),
    "yaml.encoding": ("文件不是 UTF-8 文本（第 {offset} 字节）", "用文本编辑器另存为 UTF-8 编码",
                      "the file is not UTF-8 text (byte {offset})", "save it as UTF-8 in a text editor"),
    "yaml.too_large": ("文件太大（{size} 字节，上限 {limit}）", "把指标拆分到多个规则文件",
                       "the file is too large ({size} bytes, limit {limit})", "split the indicators over several rule files"),
    "yaml.too_many_nodes": ("文件展开后超过 {limit} 个节点（可能是锚点/别名嵌套）", "不要用 & 锚点和 * 别名反复引用",
                            "the file expands to more than {limit} nodes (nested anchors/aliases?)", "do not nest & anchors and * aliases"),
    "yaml.too_deep": ("文件嵌套层次太深", "减少嵌套", "the file is nested too deeply", "reduce the nesting"),
    "yaml.tag": ("不支持的 YAML 标签 {tag}", "去掉以 ! 开头的标签", "unsupported YAML tag {tag}", "remove the tag starting with !"),
    "yaml.merge": ("不支持 YAML 合并键 <<", "把要复用的键直接写出来", "YAML merge keys (<<) are not supported", "write the keys out"),
    "yaml.complex_key": ("键必须是简单的文字", "把键写成一个词或日期", "a key must be plain text", "write the key as a word or a date"),
    "yaml.duplicate_key": ("键 {key} 重复出现（第一次在第 {first_line} 行），后一个会覆盖前一个", "删除或合并重复的键",
                           "key {key} appears twice (first on line {first_line}); the later one would overwrite the earlier", "remove or merge the duplicate"),
    "yaml.bad_date": ("日期 {value} 不存在", "写一个真实的日期，例如 2021-12-31", "date {value} does not exist", "write a real date, e.g. 2021-12-31"),
    "schema.unknown_key": ("未知的键 {key}", "是不是 {near}？可用的键：{known}",
                           "unknown key {key}", "did you mean {near}? Known keys: {known}"),
    "schema.required": ("缺少必填项 {key}", "加上 {key}: …　{hint}", "missing required key {key}", "add {key}: …  {hint}"),
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
    "rules.duplicate_id": ("指标编号 {id} 重复（另一处在 {other}）", "每个指标用不同的编号",
                           "indicator id {id} is used twice (also at {other})", "give each indicator its own id"),
    "rules.unknown_level": ("层面 {value} 未在 settings.yaml 的 levels 中声明", "可用：{allowed}；或在 levels 中加上它",
                            "level {value} is not declared in settings.yaml levels", "use one of {allowed}, or declare it"),
    "rules.no_level": ("指标没有层面 level", "在指标或文件顶部写 level: school",
                       "the indicator has no level", "write level: school on the indicator or at the top of the file"),
    "rules.no_task": ("指标没有建设任务 task", "在指标或文件顶部写 task: …", "the indicator has no task", "write task: … on the indicator or at the top of the file"),
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
    "snapshot.file_missing": ("清单中列出的文件 {value} 不存在", "检查文件名", "file {value} named in the manifest does not exist", "check the file name"),
    "table.encoding": ("无法识别文件编码（试过 UTF-8、GB18030、UTF-16）", "用 Excel 或 WPS 另存为“CSV UTF-8”",
                       "cannot tell the file's encoding (tried UTF-8, GB18030, UTF-16)", "save it from Excel or WPS as 'CSV UTF-8'"),
    "table.parse": ("表格无法读取：{detail}", "用 Excel 或 WPS 打开检查后重新保存", "cannot read the table: {detail}", "open and re-save it in Excel or WPS"),
    "table.missing_column": ("缺少列 {column}", "表头应包含：{expected}", "column {column} is missing", "the header should include: {expected}"),
    "table.duplicate_column": ("列名 {column} 重复", "删除或改名", "column {column} appears twice", "remove or rename one"),
    "table.empty_header": ("第 {col} 列没有列名", "补上列名或删除这一列", "column {col} has no header", "name it or delete it"),
    "table.extra_column": ("未知的列 {column}，已忽略", "如需使用请改成已知列名：指标编号、单位、实际值、原因代码、说明、完成可能性、佐证材料",
                           "unknown column {column}, ignored", "rename it to a known column if it is needed"),
    "table.duplicate_row": ("指标 {id}（单位 {unit}）重复出现（另一行是第 {other} 行）", "每个指标每个单位只填一行",
                            "indicator {id} (unit {unit}) appears twice (other row {other})", "one row per indicator and unit"),
    "table.blank_id": ("这一行有数据但没有指标编号", "填上指标编号或删除这一行", "this row has data but no indicator id", "fill in the id or delete the row"),
    "table.bad_number": ("{value} 不是数字（指标 {id} 需要数字）", "写成 12、98.42%、1,200 这样的数字；不知道就留空",
                         "{value} is not a number (indicator {id} needs one)", "write a number such as 12, 98.42% or 1,200; leave it blank if unknown"),
    "table.bad_date": ("{value} 不是日期（指标 {id} 需要完成日期）", "写成 2021-12-31；未完成写“未完成”；不知道就留空",
                       "{value} is not a date (indicator {id} needs a completion date)", "write 2021-12-31; write 未完成 if not done; leave blank if unknown"),
    "table.bad_grade": ("{value} 不在指标 {id} 的等级中", "可用：{allowed}", "{value} is not a grade of indicator {id}", "use one of {allowed}"),
    "table.bad_likelihood": ("完成可能性 {value} 无法识别", "填 确定能、有可能 或 完全不可能", "likelihood {value} is not recognised", "write 确定能, 有可能 or 完全不可能"),
    "table.unknown_cause": ("原因代码 {value} 不在 causes.yaml 中", "是不是 {near}？可用：{allowed}",
                            "cause code {value} is not in causes.yaml", "did you mean {near}? Known: {allowed}"),
    "table.unknown_indicator": ("数值表中的指标编号 {id} 不在规则中", "是不是 {near}？检查编号，或删除这一行",
                                "indicator id {id} in the value table is not in the rules", "did you mean {near}? Check the id or delete the row"),
    "table.no_unit_column": ("台账 {ledger} 没有单位列，但快照中有多个单位", "加一列“单位”", "ledger {ledger} has no unit column but the snapshot has several units", "add a unit column"),
    "cli.unknown_unit": ("快照中没有单位 {value}", "可用：{allowed}", "unit {value} is not in the snapshot", "available: {allowed}"),
    "output.is_input": ("输出文件 {value} 是输入文件之一，不能覆盖", "换一个输出路径", "output {value} is one of the inputs and would be overwritten", "choose another output path"),
    "output.unwritable": ("无法写入 {value}：{reason}", "检查文件夹是否存在、是否有写权限", "cannot write {value}: {reason}", "check the folder exists and is writable"),
}

# Runtime problems of one rule: the indicator gets status `error`, the others go on.
RULE_ERRORS: dict[str, tuple[str, str]] = {
    "expr.syntax": ("公式写法有误：{detail}。检查括号、引号和运算符；“并且”写 and，“或者”写 or",
                    "the formula is malformed: {detail}. Check brackets, quotes and operators; use and / or"),
    "expr.feature": ("公式中不允许使用 {detail}；只能用比较、算术、and/or/not、if…else 和文档列出的函数",
                     "{detail} is not allowed in a formula; use comparisons, arithmetic, and/or/not, if…else and the documented functions"),
    "expr.unknown_name": ("公式中的名称 {name} 未定义；是不是 {near}？", "name {name} in the formula is not defined; did you mean {near}?"),
    "expr.unknown_function": ("公式中的函数 {name} 不存在；是不是 {near}？可用函数：{allowed}",
                              "function {name} does not exist; did you mean {near}? Functions: {allowed}"),
    "expr.cycle": ("实际值公式相互引用形成循环：{detail}", "formulas refer to each other in a cycle: {detail}"),
    "eval.failed": ("公式计算出错：{detail}", "formula failed: {detail}"),
    "eval.unknown_ledger": ("台账 {name} 不存在；快照中的台账：{allowed}", "ledger {name} does not exist; the snapshot has: {allowed}"),
    "eval.unknown_column": ("台账 {ledger} 没有列 {name}；是不是 {near}？", "ledger {ledger} has no column {name}; did you mean {near}?"),
    "eval.not_number": ("公式结果不是数字：{detail}", "the formula did not give a number: {detail}"),
    "eval.dependency": ("依赖的指标 {name} 自身有错误", "indicator {name} it depends on has an error"),
}

_FIELD = re.compile(r"\{(\w+)\}")


def fill(template: str, params: dict, lang: str) -> str:
    """Fill {name} fields. Only plain names: no attribute or index access."""
    def one(m):
        value = params.get(m.group(1), "")
        if isinstance(value, dict) and lang in value:
            value = value[lang]
        return str(value)
    text = _FIELD.sub(one, template)
    return text.replace("{{", "{").replace("}}", "}")


NEAR = ("是不是 {near}？", "did you mean {near}? ", "did you mean {near}?")


def _without_near(template: str, params: dict) -> str:
    if params.get("near"):
        return template
    for phrase in NEAR:
        template = template.replace(phrase, "")
    return template.rstrip("；; ")


def problem_text(code: str, lang: str, params: dict) -> tuple[str, str]:
    zh, fix_zh, en, fix_en = PROBLEMS.get(code, (code, "", code, ""))
    message, fix = (zh, fix_zh) if lang == "zh" else (en, fix_en)
    return fill(_without_near(message, params), params, lang), fill(_without_near(fix, params), params, lang).strip()


def rule_error_text(code: str, lang: str, params: dict) -> str:
    zh, en = RULE_ERRORS.get(code, (code, code))
    return fill(_without_near(zh if lang == "zh" else en, params), params, lang)
