"""The words jixiao recognises in users' files: column headers, spellings of 未完成 and of the
likelihoods, measures, and the Chinese punctuation people type in numbers, dates and lists.

These are not sentences jixiao says but what it reads, so they are the same whatever the language
of the output. They live here, beside the catalogue, so that no other module holds Chinese."""
from __future__ import annotations

import re

# The value table: canonical column -> accepted headers (English or Chinese, compared in lower case)
VALUE_COLUMNS = {
    "indicator": ("indicator", "id", "指标编号", "指标代码", "编号"),
    "unit": ("unit", "单位", "单位编号", "单位代码"),
    "actual": ("actual", "value", "实际值", "完成值"),
    "causes": ("causes", "cause", "原因代码", "原因"),
    "note": ("note", "说明", "情况说明", "备注"),
    "likelihood": ("likelihood", "完成可能性", "可能性"),
    "evidence": ("evidence", "佐证材料", "佐证", "证明材料"),
    "improvement": ("improvement", "improvements", "改进措施", "整改措施"),  # optional: the 绩效自评表's 改进措施
}
HEADERS = {"indicator": "指标编号", "unit": "单位", "actual": "实际值", "causes": "原因代码", "note": "说明",
           "likelihood": "完成可能性", "evidence": "佐证材料", "improvement": "改进措施"}  # as the README and templates write them
NAME_COLUMNS = ("指标名称", "name", "名称")   # a value table's column of indicator names (template refreshes it)
MEASURE_COLUMNS = ("计量单位", "measure")    # and of measures (项, %)
IGNORED_COLUMNS = ("name", "指标名称", "名称", "序号", "level", "层面", "task", "建设任务",
                   "计量单位", "measure", "上期实际值", "previous value")  # 计量单位 (项, %): "单位" is the unit *column* (which college)

# A deadline indicator not done yet: the first is the one jixiao writes (templates, messages)
NOT_DONE_WORDS = ("未完成", "否", "no", "not done", "未", "无")
NOT_DONE_EN = "not done"  # the English spelling English messages ask for

LIKELIHOOD = {  # canonical value -> accepted spellings: only these (能 could be 确定能 or 有可能: refused, not guessed)
    "确定能": ("确定能", "certain"),
    "有可能": ("有可能", "possible"),
    "完全不可能": ("完全不可能", "impossible"),
}
LIKELIHOOD_EN = {"确定能": "certain", "有可能": "possible", "完全不可能": "impossible"}

# Measures: typed in the 单位 column (which college) they are a column mixed up
MEASURE_WORDS = {"项", "个", "人", "人次", "%", "％", "万元", "元", "篇", "所", "门", "本", "套", "家", "次", "天",
                 "日期", "等级", "学时", "课时", "名"}
DATE_UNITS = ("日期", "date")  # the measures of an indicator done by a date
PERCENT_SIGNS = ("%", "％")
BUDGET_TAG = "预算执行"  # an indicator tagged so, or whose name holds BUDGET_NAME, is scored as budget execution
BUDGET_NAME = "预算执行率"
GRADE_SCALE_EXAMPLE = "优秀,良好,合格,不合格"  # the default offered when a grade indicator is created

# Numbers and dates as typed: 1.2万 (a magnitude jixiao does not convert), 2021年3月1日
MAGNITUDE = r"^[+-]?(?:[\d,]+(?:\.\d*)?|\.\d+)\s*[万亿]"  # for pandas .str; no two parts take the same digits: linear
DATE_MARKS = r"[年月/.]"
DAY_MARK = "日"
FULLWIDTH_COMMA = "，"
BRACKETS = (("（", "）"), ("(", ")"))  # a table title's unit in brackets: 资金（万元）

# Lists and pairs as typed, with Chinese punctuation too
CAUSE_SPLIT = re.compile(r"[,，;；、\s]+")  # cause codes in one cell
TARGET_SPLIT = re.compile(r"[,，;；\n]+")  # staged targets typed at a prompt
TARGET_PAIR = re.compile(r"\s*(\d{4}-\d{2}-\d{2})\s*[=＝:：]\s*(.+?)\s*")  # 2021-12-31=6
SCALE_SPLIT = re.compile(r"[,，、]+")  # grades typed at a prompt
RANGE_BOUNDS = re.compile(r"\s*(?:~|～|至)\s*")  # 60~100, 60 至 100
LISTS_SHEET = "下拉列表"  # the hidden sheet of a value-table workbook holding its drop-down lists: not values
