"""The words `jixiao audit` recognises in a written report: headings, captions, units, the words of
totals, rates, achieved counts, breakdowns and multiples. Regexes of Chinese report wording are
vocabulary, so they live here with the other words (engine/text/vocabulary.py)."""
from __future__ import annotations

import re

# a heading of a plain-text report: 一、 （一） 1. （1）, short and not a sentence
TEXT_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．](?!\d))\s*\S.{0,38}$")
SENTENCE_END = "。！？；：!?;:"
# a table's caption: 表 1 …, 表3 …
CAPTION = re.compile(r"^\s*\**\s*(表\s*\d+[^\n]*?)\s*\**\s*$")
# the label of a total row or a total column
TOTAL_LABEL = re.compile(r"^\s*(合\s*计|总\s*计|小\s*计|总\s*数|total)\s*$", re.I)
SERIAL_HEADER = re.compile(r"^\s*(序号|编号|No\.?)\s*$", re.I)
EMPTY_CELL = re.compile(r"^\s*[-—–/／]?\s*$")

# units of counts and amounts, longest first
UNITS = ("万元", "亿元", "人次", "元", "项", "个", "人", "次", "门", "本", "家", "所", "篇", "件", "套", "名", "分")
# a figure: a number and its unit or %; not part of a date (2021 年) or a range (2019-2021)
FIGURE = re.compile(r"(?<![\d.\-—–])(\d+(?:\.\d+)?)\s*(%|％|" + "|".join(UNITS) + r")(?![\d])")
# a multiple: 是预期目标值的 3 倍, 是 A 的 1.5 倍
MULTIPLE = re.compile(r"是(?P<what>[^，。；,;]{0,16}?)的\s*(?P<times>\d+(?:\.\d+)?)\s*倍")
TARGET_WORDS = re.compile(r"目标")
# the rate words and what divides by what: rate word → (numerator words, denominator words)
RATES = {
    "完成率": ("完成|达成", "任务|总数|目标|共"),
    "完成度": ("完成|达成", "任务|总数|目标|共"),
    "达成率": ("达成|完成", "任务|总数|目标|共"),
    "执行率": ("执行", "预算|投入"),
    "到位率": ("到位", "预算|投入"),
    "通过率": ("通过", "总数|参加|报名"),
}
RATE_CELL_HEADER = re.compile(r"率|度$|比例|占比")
# a stated rate in the text: 完成率 97.69%, 完成度为 84.61%
TEXT_RATE = re.compile(r"(完成率|完成度|达成率|执行率|到位率)\s*(?:为|达|达到|是)?\s*(\d+(?:\.\d+)?)\s*[%％]")
# the count a rate is of: 达成 … 78 个, 完成任务 21 项
ACHIEVED_WORD = re.compile(r"(达成|完成|达到|执行)")
TOTAL_WORD = re.compile(r"共|总")
# a sentence's words for the whole (its total row): 总投入, 总额, 全部, 合计
WHOLE_WORDS = re.compile(r"总投入|总额|总计|合计|全部")
# 其中 A 个、B 个 … : parts of the whole before it
PARTS_START = re.compile(r"其中(?:包含|包括|有)?\s*[:：，,]?")
PARTS_END = re.compile(r"[。；;）)]")
# words that make a list of figures unreadable for a check (分别: which is which?)
AMBIGUOUS = re.compile(r"分别|约|近|余|多|以上|以下|不低于|不少于|超过|达到.*以上")

# what the evaluated check compares: the report's words for a level's indicators and for each statistic
LEVEL_SUBJECT = "绩效指标"
TOP_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+[、．.]")
BRACKETS = re.compile(r"[（）()\s]")
INDICATOR_WORD = "指标"
STATS = (  # the first that matches a figure's clause names its statistic (未达成 before 达成)
    ("not_achieved", re.compile(r"未达成|未完成|未达到")),
    ("not_due", re.compile(r"未到期")),
    ("missing", re.compile(r"数据缺失|缺失")),
    ("error", re.compile(r"规则错误")),
    ("exceeded", re.compile(r"超额完成|超目标完成|超额")),
    ("in_progress", re.compile(r"正在推进|推进中")),
    ("achieved", re.compile(r"达成|完成|达到")),
    ("total", re.compile(r"共|总数|涉及")),
)
# the statuses an indicator has exactly one of: stated counts of them add up to no more than the total
EXCLUSIVE_STATS = ("achieved", "in_progress", "not_achieved", "not_due", "missing", "error")
# two characters of a column header too common to say which column a sentence speaks of
GENERIC_HEADER_WORDS = {"指标", "项目", "金额", "合计", "年度", "情况", "名称"}

# sentences and clauses of a paragraph
SENTENCE = re.compile(r"[。；;！？!?]")
CLAUSE = re.compile(r"[，,。；;：:、（(）)！？!?]")
COUNTS = {"个": "个", "项": "个"}   # indicators and tasks are counted in 个 and 项 alike
COUNT_UNIT = "个"
COMPLETION_RATES = ("完成率", "完成度", "达成率")   # a completion rate may be printed capped at 100%
PERCENT_SIGNS = ("%", "％")
NUMBER_CELL = re.compile(r"^\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*([%％]?)\s*$")
NOT_HEADING_END = SENTENCE_END + "。，"
HEADING_STYLES = ("heading", "title", "标题")   # Word's heading styles, English and Chinese
# a column header's years and bracketed notes: 2019-2021 预算投入（任务书金额） → 预算投入
HEADER_YEARS = re.compile(r"\d{4}\s*[-—–~至]\s*\d{4}\s*(?:年度|年)?|\d{4}\s*年度?")
HEADER_BRACKETS = re.compile(r"[（(][^）)]*[）)]?")
MORE_DIGITS = "…"
TABLE_NUMBER = re.compile(r"表\s*(\d+)")   # 表 1 … in a caption: which of jixiao's tables it is
