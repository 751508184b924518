"""Words of reading the inputs (engine/load/): details of table, YAML and schema problems, and
the words put into their params."""

TEXTS = {  # key: (zh, en)
    "rules_dir_hint": ("在项目根目录运行，或用 --rules 指定规则目录", "run it in the project folder, or name the rule folder with --rules"),
    # what a schema expected, and what was written (schema.type)
    "type_number": ("数字", "a number"), "type_integer": ("整数", "a whole number"),
    "type_string": ("文字", "text"), "type_object": ("映射（键: 值）", "a mapping (key: value)"),
    "type_array": ("列表", "a list"), "type_boolean": ("true 或 false", "true or false"),
    "type_null": ("空值", "empty"),
    "blank_cell": ("（空白）", "(blank)"),
    # tables (engine/load/tables.py)
    "table_too_large": ("文件超过 {limit} MB", "the file is over {limit} MB"),
    "table_too_wide": ("表格有 {used} 列，超过 {limit} 列：数值表和台账不会这么宽，请检查是否选错了文件或工作表",
                       "the table has {used} columns, over {limit}: check the file or sheet"),
    "open_quote": ("这一行的引号 \" 没有配对，之后的各行都会被当成同一格；删去这个引号或补上另一个",
                   "a quote \" on this row is never closed: every row after it would be read as one cell"),
    "no_such_sheet": ("没有工作表 {sheet}（有：{sheets}；在 manifest.yaml 中写对 sheet:）",
                      "there is no sheet {sheet} (the file has: {sheets}; name one of them with sheet: in manifest.yaml)"),
    "chart_sheet": ("工作表 {sheet} 是图表，没有数据行", "sheet {sheet} is a chart, with no rows"),
    "formula": ("公式", "a formula"),  # a formula cell whose formula openpyxl cannot show
    "parser_said": ("解析器报告：{problem}", "{problem}"),  # a YAML syntax error YAML_SYNTAX_ZH does not know
    "column_named": ("{header}（{key}）", "{key}"),  # a value-table column: 实际值（actual）
}

# The YAML parser's words, for people who do not read its English: problem (or context) -> Chinese.
# English readers see the parser's own words.
YAML_SYNTAX_ZH = {
    "found unexpected end of stream": "文件意外结束",
    "did not find expected ',' or '}'": "花括号 { } 没有闭合，或其中缺少逗号",
    "did not find expected ',' or ']'": "方括号 [ ] 没有闭合，或其中缺少逗号",
    "did not find expected '-' indicator": "缩进不对：这一行与上面的列表项（- …）没有对齐",
    "did not find expected key": "缩进不对：这一行应与上面的键对齐",
    "could not find expected ':'": "键后面没有冒号（写成 键: 值，冒号后要有空格）",
    "mapping values are not allowed in this context": "这里不能再出现“冒号+空格”：一行只写一个 键: 值；文字中有冒号请给整段文字加引号",
    "found undefined alias": "别名 * 引用的锚点 & 不存在",
    "but found another document": "文件中有多个 YAML 文档（---）；一个文件只能有一个",
    "found character that cannot start any token": "这里的字符（如 @、`、%）不能出现在值的开头；请给这段文字加引号",
    "found unknown escape character": "双引号中有无法识别的转义（\\）；改用单引号",
    "second occurrence": "两个锚点 & 同名",
    "did not find expected alphabetic or numeric character": "锚点 & 或别名 * 的名字不对",
    "did not find expected comment or line break": "这一行的写法不对",
    "did not find expected node content": "这里缺少值",
    "block sequence entries are not allowed in this context": "这里不能开始一个列表（- …）：检查缩进",
    "found unexpected ':'": "这里多了一个冒号",
}
YAML_CONTEXT_ZH = {
    "while scanning a quoted scalar": "引号没有闭合",
    "while parsing a quoted scalar": "引号中的文字有误",
    "while scanning a simple key": "键后面没有冒号（写成 键: 值，冒号后要有空格）",
    "while parsing a flow mapping": "花括号 { } 没有闭合",
    "while parsing a flow sequence": "方括号 [ ] 没有闭合",
}
