"""Words of `jixiao import` (engine/authoring/taskbook/): the words it recognises in a 任务书
绩效指标 table (column headers, 二级指标 names, the phrasings of targets) and what it says.

The vocabulary is what colleges write, the same whatever the language of the output; the texts are
read with t("taskbook.key", lang, ...); the problem codes are added to messages.PROBLEMS."""
from __future__ import annotations

import re

# ---- the table's columns: canonical -> accepted headers (compared without spaces, in lower case) ----
COLUMNS = {
    "category": ("一级指标", "一级指标名称"),
    "type": ("二级指标", "二级指标名称"),
    "name": ("三级指标", "三级指标名称", "指标名称", "绩效指标"),
    "task": ("建设任务", "项目", "建设项目", "任务", "建设任务/项目", "所属建设任务", "改革发展任务"),
    "id": ("指标编号", "编号", "指标代码", "id"),
    "level": ("层面", "建设层面"),
    "measure": ("计量单位", "单位"),
    "owner": ("责任部门", "牵头部门", "责任单位"),
}
FILLED_DOWN = ("category", "type", "task", "level", "owner")  # blank (or merged) cells repeat the cell above
YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年?(?:度)?(?:目标|目标值)?\s*$")   # 2019年, 2019, 2019年度
MID_WORDS = ("中期", "中期目标", "中期目标值", "中期（2021年）")
FINAL_WORDS = ("终期", "终期目标", "终期目标值", "期末", "建设期末", "总目标", "目标值")

# ---- 二级指标 -> (type, subtype); 一级指标 names for a row whose 二级指标 is blank ----
TYPE_WORDS = {
    "数量": ("quantity", None), "质量": ("quality", None), "时效": ("timeliness", None), "成本": ("cost", None),
    "经济效益": ("benefit", "economic"), "社会效益": ("benefit", "social"), "生态效益": ("benefit", "ecological"),
    "可持续影响": ("benefit", "sustainable"), "可持续发展": ("benefit", "sustainable"),
    "满意度": ("satisfaction", None), "服务对象满意度": ("satisfaction", None),
}
TYPE_SUFFIXES = ("指标",)
CATEGORY_TYPES = {"满意度": ("satisfaction", None)}  # an 一级指标 that says the type by itself

# ---- targets as written: "≥95%", "不低于 95%", "10 个", "不少于 3 项", "3项以上", "≤1200 元" ----
AT_LEAST = ("≥", ">=", "＞＝", "不低于", "不少于", "不小于", "至少", "达到", "超过", ">", "大于", "高于")
AT_MOST = ("≤", "<=", "不高于", "不超过", "不多于", "不大于", "控制在", "低于", "<", "小于", "少于")
AT_LEAST_AFTER = ("以上", "及以上", "或以上", "以上（含）", "+")
AT_MOST_AFTER = ("以下", "及以下", "以内", "或以下")
NUMBER = re.compile(r"^(?P<num>[+-]?\d[\d,]*(?:\.\d+)?)\s*(?P<measure>%|％|[^\d\s%]{1,4})?$")
RANGE = re.compile(r"^(?P<min>\d+(?:\.\d+)?)\s*(?P<m1>%|％)?\s*(?:~|～|-|—|至|到)\s*(?P<max>\d+(?:\.\d+)?)\s*(?P<measure>%|％|[^\d\s%]{1,4})?$")
NO_TARGET = ("", "-", "—", "——", "/", "／", "无", "—/—")
# "2021 年 12 月前完成", "2021年底", "2021年底前建成", "2021年6月", "2021-12-31前完成"
DEADLINE = re.compile(r"^(?:于|在)?(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?:(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?|底|末|年底)?"
                      r"|[-/.](?P<m2>\d{1,2})(?:[-/.](?P<d2>\d{1,2}))?)\s*(?:前|之前|以前|底前)?\s*"
                      r"(?:(?:全面|基本)?(?:完成|建成|通过验收|验收|实现|投入使用|上线|启用|出台|发布|获批|立项))?$")
DONE_WORDS = ("完成", "建成", "通过验收", "验收通过", "全面完成", "完成建设", "建设完成", "已完成", "实现", "上线",
              "投入使用", "达成")
GRADE_SCALES = (("优秀", "良好", "合格", "不合格"), ("优", "良", "中", "差"))
GRADE_AFTER = ("以上", "及以上", "或以上")
GRADE_BEFORE = ("达到", "不低于", "评为", "获评", "考核", "考核为")
MEASURE_IN_NAME = re.compile(r"^(?P<name>.+?)\s*[（(](?P<measure>[^（）()]{1,6})[）)]\s*$")  # 国家级教学成果奖（项）
MORE_MEASURES = {"件", "部", "册", "台", "座", "处", "支", "批", "期", "场", "节", "首", "份", "条", "所", "校", "家", "种",
                 "小时", "万人次", "亿元", "元/人", "万元/年", "学分", "周", "月", "年", "岗", "位", "户", "km", "m²"}
DATE_MEASURE = "日期"
GRADE_MEASURE = "等级"
TODO_COMMENT = re.compile(r"^\s*#\s*TODO\b[\s:：]*(?P<text>.*)$")  # a # TODO line of a rule file (validate.todo)

# ---- what the command says ----
TEXTS = {  # key: (zh, en)
    "command_help": ("把任务书的绩效指标表（.xlsx 或 .csv）导入为规则文件；再次导入时只更新目标，保留手工添加的内容",
                     "import a task book's performance indicator table (.xlsx or .csv) as rule files; importing "
                     "again updates the targets and keeps what was added by hand"),
    "rules_help": ("写入的规则目录（没有 settings.yaml 时按表中的年份新建）",
                   "the rule folder to write into (settings.yaml is made from the table's years if absent)"),
    "sheet_help": ("工作表名称（默认：第一张有“三级指标”表头的工作表）",
                   "the sheet (default: the first sheet with a 三级指标 header)"),
    "level_help": ("表中没有“层面”列时，指标的层面（默认 settings.yaml 中的第一个层面）",
                   "the level of the indicators when the table has no 层面 column (default: the first level of settings.yaml)"),
    "task_help": ("表中没有“建设任务”列时，指标所属的建设任务", "the construction task of the indicators when the table has no 建设任务 column"),
    "dry_run_help": ("只列出将要写入的内容，不写文件", "list what would be written, write nothing"),
    "summary": ("从 {source} 读取 {rows} 行指标：新增 {added} 个，更新 {updated} 个，未变 {same} 个。",
                "Read {rows} indicator rows from {source}: {added} added, {updated} updated, {same} unchanged."),
    "written": ("  写入 {file}（{count} 个指标）", "  wrote {file} ({count} indicators)"),
    "would_write": ("  将写入 {file}（{count} 个指标）", "  would write {file} ({count} indicators)"),
    "settings_written": ("  新建 {file}：建设期 {start} 至 {end}", "  made {file}: period {start} to {end}"),
    "todo_head": ("无法识别、留作待办的单元格 {n} 处（规则文件中以 # TODO 注释标出，jixiao validate 会逐条列出）：",
                  "{n} cell(s) could not be read and are left as TODOs (marked # TODO in the rule files; "
                  "jixiao validate lists each):"),
    "todo_line": ("  {place}  {text}：{reason}", "  {place}  {text}: {reason}"),
    "not_in_table": ("规则中有、任务书中已没有的指标（未删除，请核对）：{ids}",
                     "indicators in the rules that the table no longer has (kept; please check): {ids}"),
    "none_todo": ("全部单元格均已识别。", "Every cell was read."),
    "next": ("下一步：jixiao validate --rules {rules}", "Next: jixiao validate --rules {rules}"),
    # the reasons a cell is a TODO, and the comment written into the rule file
    "why_target": ("无法识别的目标", "target not recognised"),
    "why_type": ("无法识别的二级指标", "二级指标 (indicator type) not recognised"),
    "why_measure": ("找不到计量单位", "no measure found"),
    "why_direction": ("各年目标的写法不一致（越高越好/越低越好/期限/等级）", "the years' targets disagree on how the target is met"),
    "why_deadline": ("期限不一致", "the deadlines disagree"),
    "why_no_target": ("这一行没有可识别的目标", "no target in this row could be read"),
    "why_task": ("这一行没有建设任务", "this row has no construction task"),
    "why_id": ("指标编号无效（字母开头，只含字母、数字、下划线）", "invalid indicator id (a letter, then letters, digits, underscores)"),
    "todo_comment": ("TODO {place}「{text}」{reason}：{fix}", "TODO {place} \"{text}\" {reason}: {fix}"),
    "fix_target": ("在 targets 中补写 {date} 的目标值，然后删除本行", "write the target for {date} in targets, then delete this line"),
    "fix_id": ("编号 {id} 是 jixiao 代拟的：可改为本校的编号（字母开头，只含字母、数字、下划线），然后删除本行",
               "the id {id} was made up by jixiao: change it to the college's own (a letter, then letters, digits, "
               "underscores), then delete this line"),
    "fix_unit": ("把 unit 改为计量单位（项、个、%、万元……），然后删除本行",
                 "set unit to the measure (项, 个, %, 万元 …), then delete this line"),
    "fix_row": ("补全下面注释掉的指标（type、direction、targets），去掉行首的 #，然后删除本行",
                "complete the commented-out indicator below (type, direction, targets), uncomment it, then delete this line"),
    "unit_todo": ("待定", "TBD"),
    "order_comment": ("报告中建设任务和指标的顺序：任务书中的顺序（jixiao import 写入；没有列出的排在后面）",
                      "the order of tasks and indicators in reports: the 任务书's (written by jixiao import; those not listed follow)"),
}

# code: (message zh, fix zh, message en, fix en), added to messages.PROBLEMS
PROBLEMS = {
    "validate.todo": ("待办：{text}", "按注释补写后删除这一行注释（jixiao import 写入，或手工写的 # TODO）",
                      "to do: {text}", "do what the comment says, then delete the comment (written by jixiao import, or by hand)"),
    "import.unknown_suffix": ("{file} 不是 .xlsx 或 .csv 文件", "在 Excel 或 WPS 中另存为 .xlsx（或 CSV UTF-8）",
                              "{file} is not an .xlsx or .csv file", "save it as .xlsx (or CSV UTF-8) in Excel or WPS"),
    "import.no_header": ("找不到任务书绩效指标表的表头（需要“三级指标”一列，以及年份、中期或终期目标列）",
                         "表头写在一行中：一级指标、二级指标、三级指标，然后每年一列（2019年 … 2023年），或中期、终期；见 docs/import.md",
                         "no header of a task book indicator table (a 三级指标 column and year, 中期 or 终期 target columns)",
                         "put the headers in one row: 一级指标, 二级指标, 三级指标, then one column per year (2019年 … 2023年) or 中期, 终期; see docs/import.md"),
    "import.no_task": ("表中没有“建设任务”列，而每个指标都要属于一个建设任务", "加一列“建设任务”（或“项目”），或用 --task 指定这些指标的建设任务",
                       "the table has no 建设任务 column, and every indicator belongs to a construction task",
                       "add a 建设任务 (or 项目) column, or name the task with --task"),
    "import.no_sheet": ("工作簿中没有工作表 {sheet}", "可用的工作表：{allowed}",
                        "the workbook has no sheet {sheet}", "its sheets: {allowed}"),
    "import.unknown_level": ("层面 {level} 不在 settings.yaml 的 levels 中", "可用：{allowed}；或在 settings.yaml 的 levels 中加上它",
                             "level {level} is not among the levels of settings.yaml", "use one of {allowed}, or add it to levels in settings.yaml"),
    "import.bad_rules": ("规则目录中已有的文件有错误，不能合并", "先修正下面列出的问题（jixiao validate），再导入",
                         "the rule folder's files have errors and cannot be merged into", "fix the problems listed (jixiao validate), then import again"),
}
