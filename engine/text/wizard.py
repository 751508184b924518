"""Words of `jixiao new indicator` (engine/authoring/wizard.py, rule_file.py, engine/cli/new.py).
The choices are shown in Chinese and accepted in Chinese (数量指标 or 数量) or as codes
(quantity). Chinese only today; the questions about targets are the directions' (engine/text/directions.py)."""

TEXTS = {  # key: (zh, en)
    "help_file": ("追加到哪个规则文件（不存在则新建）；不写时会询问",
                  "the rule file to append to (created if absent); asked for when not given"),
    "ask_file": ("规则文件", "rule file"),
    "ask_id": ("指标编号 (id)", "indicator id (id)"),
    "ask_name": ("指标名称 (name)", "indicator name (name)"),
    "ask_level": ("层面 (level)", "level (level)"),
    "ask_task": ("建设任务 (task)", "task (task)"),
    "ask_type": ("指标类型 (type)", "indicator type (type)"),
    "ask_subtype": ("效益子类 (subtype)", "kind of benefit (subtype)"),
    "ask_unit": ("计量单位 (unit，如 项、人次、%、万元、日期)", "measure (unit, e.g. 项, 人次, %, 万元, 日期)"),
    "ask_direction": ("达标方向 (direction)", "direction (direction)"),
    "ask_owner": ("责任部门 (owner，可不填)", "owner (owner, optional)"),
    "default_unit": ("项", "项"),
    "choice": ("{question}（{options}）", "{question} ({options})"),
    "option": ("{word}（{code}）", "{word} ({code})"),
    "suffix_indicator": ("指标", "indicator"), "suffix_level": ("层面", "level"), "suffix_benefit": ("效益", "benefit"),
    "direction_word": ("{word} {hint}", "{word} {hint}"),
    "option_sep": (" / ", " / "),
    "list_sep": ("、", ", "),
    "error": ("错误：{message}", "Error: {message}"),
    "one_of": ("应为 {choices} 之一（也可以写代码 {codes}）", "must be one of {choices} (or the codes {codes})"),
    "empty": ("不能为空", "cannot be blank"),
    "id_form": ("编号须字母开头，只含字母、数字、下划线（最长 64 个字符）",
                "an id starts with a letter and holds only letters, digits and underscores (64 at most)"),
    "id_taken": ("编号 {id} 已被使用", "id {id} is already used"),
    "appended": ("已把指标 {id} 追加到 {file} 第 {line} 行；规则检查通过。",
                 "Appended indicator {id} to {file} at line {line}; the rules pass their checks."),
    # why an indicator cannot be appended to a file (new.cannot_append)
    "no_list": ("文件中没有 indicators: 列表", "the file has no indicators: list"),
    "key_after": ("indicators: 之后还有顶层键 {key}", "the top-level key {key} follows indicators:"),
    "not_block": ("indicators 不是“- id: …”的块格式列表", "indicators is not a block-style list (- id: ...)"),
}
