"""Generate the reference parts of docs/rules.md from the schemas, the formula library, the
labels and the messages, between marker comments, so the hand-written parts stay as written.

    python tools/gen_docs.py           # rewrite the generated parts of docs/rules.md
    python tools/gen_docs.py --check   # exit 1 if docs/rules.md is not up to date

Every key of every schema gets a row with its title, type, whether it is required, its
description and an example: a hand-written one from EXAMPLES, else one made from the schema.
"""
from __future__ import annotations

import inspect
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.evaluate import functions as fn  # noqa: E402
from engine.text.labels import FLAGS, STATUSES  # noqa: E402
from engine.text.messages import PROBLEMS, RULE_ERRORS  # noqa: E402
from engine.evaluate.names import ACTUAL_NAMES, CONDITION_NAMES  # noqa: E402

DOCS = ROOT / "docs" / "rules.md"
SCHEMAS = ROOT / "schemas"
SECTIONS = ("schemas", "formulas", "statuses", "problems")

SCHEMA_FILES = [  # (schema, the files it checks), in the order the docs show them
    ("settings", "rules/settings.yaml"),
    ("causes", "rules/causes.yaml"),
    ("rules", "rules/ 中其余的 *.yaml（指标）"),
    ("tables", "rules/tables.yaml"),
    ("manifest", "datasets/<日期>/manifest.yaml"),
    ("ruletest", "rules/tests/*.yaml（规则测试，jixiao test）"),
]

# Hand-written examples: "schema:path" -> YAML. Keys without one get an example made from the schema.
EXAMPLES = {
    "settings:settings": "settings: {period: {start: 2019-01-01, end: 2023-12-31}}",
    "settings:settings.title": "title: 昆明工业职业技术学院“双高计划”绩效指标",
    "settings:settings.period": "period: {start: 2019-01-01, end: 2023-12-31}",
    "settings:settings.period.start": "start: 2019-01-01",
    "settings:settings.period.end": "end: 2023-12-31",
    "settings:settings.rounding": "rounding: {mode: half_up, digits: 2}",
    "settings:settings.rounding.mode": "mode: truncate",
    "settings:settings.rounding.digits": "digits: 2",
    "settings:settings.far_beyond_ratio": "far_beyond_ratio: 2.0",
    "settings:settings.forecast_possible_share": "forecast_possible_share: 0.5",
    "settings:settings.levels": "levels: {school: 学校层面, group: 专业群层面}",
    "settings:settings.levels.<层面>": "group: 专业群层面",
    "settings:settings.scores": "scores: {weights: {output: 50, benefit: 30, satisfaction: 10, budget: 10}}",
    "settings:settings.scores.weights": "weights: {output: 50, benefit: 30, satisfaction: 10, budget: 10}",
    "settings:settings.scores.weights.output": "output: 50",
    "settings:settings.scores.weights.benefit": "benefit: 30",
    "settings:settings.scores.weights.satisfaction": "satisfaction: 10",
    "settings:settings.scores.weights.budget": "budget: 10",
    "settings:settings.scores.budget_indicators": "budget_indicators: [S708, G913]",
    "settings:settings.scores.partial_band": "partial_band: 0.1",
    "settings:settings.scores.shares": "shares: {school: 0.3, group: 0.7}",
    "settings:settings.scores.shares.<层面>": "group: 0.7",
    "settings:settings.scores.task_completion": "task_completion: {table: construction_tasks, column: rate, minimum: 80}",
    "settings:settings.scores.task_completion.table": "table: construction_tasks",
    "settings:settings.scores.task_completion.column": "column: rate",
    "settings:settings.scores.task_completion.minimum": "minimum: 80",
    "causes:causes": "causes: {pandemic: {zh: 受疫情影响, en: COVID-19 pandemic, category: 外部环境}}",
    "causes:causes.<代码>": "pandemic: {zh: 受疫情影响, en: COVID-19 pandemic, category: 外部环境}",
    "causes:causes.<代码>.zh": "zh: 受疫情影响，线下交流与培训无法开展",
    "causes:causes.<代码>.en": "en: COVID-19 pandemic prevented on-site exchange and training",
    "causes:causes.<代码>.category": "category: 外部环境",
    "rules:level": "level: school",
    "rules:task": "task: 打造技术技能人才培养高地",
    "rules:owner": "owner: 教务处",
    "rules:indicators": "indicators:\n  - id: S201\n    …",
    "rules:indicators[].id": "id: S201",
    "rules:indicators[].name": "name: 1+X 证书制度试点数",
    "rules:indicators[].level": "level: group",
    "rules:indicators[].task": "task: 打造高水平双师队伍",
    "rules:indicators[].type": "type: quantity",
    "rules:indicators[].subtype": "subtype: social",
    "rules:indicators[].unit": "unit: \"%\"",
    "rules:indicators[].direction": "direction: higher",
    "rules:indicators[].annual": "annual: true",
    "rules:indicators[].targets": "targets: {2021-12-31: 6, 2023-12-31: 10}",
    "rules:indicators[].targets.<日期>": "2021-12-31: {min: 60, max: 100}",
    "rules:indicators[].targets.<日期>.min": "min: 60",
    "rules:indicators[].targets.<日期>.max": "max: 100",
    "rules:indicators[].deadline": "deadline: 2021-12-31",
    "rules:indicators[].scale": "scale: [优秀, 良好, 合格, 不合格]",
    "rules:indicators[].actual": "actual: count(\"achievements\", 级别=\"国家级\")",
    "rules:indicators[].pass": "pass: actual >= target or likelihood == \"确定能\"",
    "rules:indicators[].overshoot": "overshoot: actual >= target + 1",
    "rules:indicators[].flags": "flags: {low_execution: actual < target * 0.8}",
    "rules:indicators[].flags.<标记名>": "low_execution: actual < target * 0.8",
    "rules:indicators[].causes": "causes: [{when: actual < target, cause: policy}]",
    "rules:indicators[].causes[].when": "when: actual < target",
    "rules:indicators[].causes[].cause": "cause: policy",
    "rules:indicators[].causes[].note": "note: 差 {gap} {unit}，待上级部门命名",
    "rules:indicators[].points": "points: 2",
    "rules:indicators[].weight": "weight: 0.5",
    "rules:indicators[].owner": "owner: 人事处",
    "rules:indicators[].source": "source: report",
    "rules:indicators[].tags": "tags: [预算执行, 重点]",
    "rules:indicators[].description": "description: 以教育厅公布的名单为准",
    "tables:tables": "tables:\n  - id: funds_by_task\n    …",
    "tables:tables[].id": "id: funds_by_task",
    "tables:tables[].title": "title: 表 4 各子任务资金执行情况（万元）",
    "tables:tables[].title_en": "title_en: Table 4 Funds by task (10k yuan)",
    "tables:tables[].ledger": "ledger: budget",
    "tables:tables[].by": "by: 建设任务",
    "tables:tables[].order": "order: [加强党的建设, 打造技术技能人才培养高地]",
    "tables:tables[].total": "total: 合计",
    "tables:tables[].columns": "columns: [{id: budget, label: 预算投入, sum: 预算}]",
    "tables:tables[].columns[].id": "id: exec_rate",
    "tables:tables[].columns[].label": "label: 执行率",
    "tables:tables[].columns[].label_en": "label_en: execution rate",
    "tables:tables[].columns[].count": "count: 状态 == \"已完成\"",
    "tables:tables[].columns[].sum": "sum: 执行",
    "tables:tables[].columns[].where": "where: 日期 <= snapshot",
    "tables:tables[].columns[].ratio": "ratio: [spent, budget]",
    "tables:tables[].columns[].digits": "digits: 0",
    "tables:tables[].flags": "flags: {overspend: exec_rate > 100}",
    "tables:tables[].flags.<标记名>": "overspend: exec_rate > 100",
    "manifest:snapshot": "snapshot: 2021-12-31",
    "manifest:description": "description: 中期自评（截至 2021 年 12 月 31 日）",
    "manifest:values": "values: {file: values.xlsx, sheet: \"*\"}",
    "manifest:values.file": "file: values.xlsx",
    "manifest:values.sheet": "sheet: 学校层面",
    "manifest:ledgers": "ledgers: {budget: budget.csv, achievements: achievements.xlsx}",
    "manifest:ledgers.<台账名>": "budget: budget.csv",
    "manifest:units": "units: {kmvtc: 昆明工业职业技术学院}",
    "manifest:units.<单位编号>": "kmvtc: 昆明工业职业技术学院",
    "manifest:default_unit": "default_unit: kmvtc",
    "ruletest:rules": "rules: ../../examples/demo/rules",
    "ruletest:lang": "lang: en",
    "ruletest:description": "description: 期限类指标",
    "ruletest:cases": "cases:\n  - name: S807 期限前完成\n    …",
    "ruletest:cases[].name": "name: S807 期限前完成，为已达成",
    "ruletest:cases[].description": "description: 完成日期早于期限",
    "ruletest:cases[].snapshot": "snapshot: 2021-12-31",
    "ruletest:cases[].units": "units: {a: 甲校, b: 乙校}",
    "ruletest:cases[].units.<单位编号>": "a: 甲校",
    "ruletest:cases[].values": "values: {S807: 2021-04-15, S405: {actual: 180, causes: pandemic}}",
    "ruletest:cases[].values.<指标编号>": "S405: {actual: 180, causes: [pandemic], likelihood: 有可能}",
    "ruletest:cases[].values.<指标编号>.actual": "actual: 98.42%",
    "ruletest:cases[].values.<指标编号>.causes": "causes: [pandemic, policy]",
    "ruletest:cases[].values.<指标编号>.note": "note: 基地已建成，待上级部门命名",
    "ruletest:cases[].values.<指标编号>.likelihood": "likelihood: 有可能",
    "ruletest:cases[].values.<指标编号>.evidence": "evidence: 佐证材料/2021/基地.pdf",
    "ruletest:cases[].values.<指标编号>.unit": "unit: a",
    "ruletest:cases[].ledgers": "ledgers: {achievements: [{级别: 国家级, 建设任务: 打造特色高水平专业群}]}",
    "ruletest:cases[].ledgers.<台账名>": "funds: [{资金来源: 中央财政, 预算: 1200, 执行: 1200}]",
    "ruletest:cases[].ledgers.<台账名>[].<列名>": "资金来源: 中央财政",
    "ruletest:cases[].expect": "expect: {S807: {status: achieved}}",
    "ruletest:cases[].expect.<指标编号>": "S709: {status: in_progress, flags: [overspend]}",
    "ruletest:cases[].expect.<指标编号>.status": "status: not_achieved",
    "ruletest:cases[].expect.<指标编号>.flags": "flags: [exceeded]",
    "ruletest:cases[].expect.<指标编号>.not_flags": "not_flags: [far_beyond_target]",
    "ruletest:cases[].expect.<指标编号>.note_contains": "note_contains: [差 20 人次, 受疫情影响]",
    "ruletest:cases[].expect.<指标编号>.actual": "actual: 71.30",
    "ruletest:cases[].expect.<指标编号>.actual.min": "min: 60",
    "ruletest:cases[].expect.<指标编号>.actual.max": "max: 100",
    "ruletest:cases[].expect.<指标编号>.target": "target: {min: 60, max: 100}",
    "ruletest:cases[].expect.<指标编号>.unit": "unit: a",
}

PLACEHOLDERS = {"targets": "日期", "causes": "代码", "flags": "标记名", "levels": "层面", "ledgers": "台账名",
                "units": "单位编号", "values": "指标编号", "expect": "指标编号", "shares": "层面", "台账名": "列名"}
TYPE_WORDS = {"string": "文字", "number": "数字", "integer": "整数", "boolean": "true/false", "object": "映射",
              "array": "列表", "null": "空"}

FUNCTIONS = {  # name -> (signature, 中文说明, English, example)
    "count": ("count(台账, where=None, 列=值…)", "每个单位满足条件的行数；列=值 按列相等筛选，值可以是列表 [a, b]",
              "rows per unit; column=value filters, the value may be a list", 'count("achievements", 级别="国家级")'),
    "sum": ("sum(台账, 列, where=None, 列=值…)", "每个单位该列的合计；没有行时为 0", "per-unit total of a column; 0 without rows",
            'sum("funds", "执行")'),
    "mean": ("mean(台账, 列, where=None, 列=值…)", "每个单位该列的平均值；没有行时为空", "per-unit mean; empty without rows",
             'mean("courses", "满意度")'),
    "min": ("min(台账, 列, …) 或 min(a, b)", "台账列的最小值；第一个参数不是台账名时逐项取小", "ledger column minimum, or element-wise minimum",
            "min(actual, 100)"),
    "max": ("max(台账, 列, …) 或 max(a, b)", "台账列的最大值（也可用于日期列）；或逐项取大", "ledger column maximum, or element-wise maximum",
            'max("tasks", "完成日期")'),
    "ratio": ("ratio(a, b)", "a ÷ b；b 为 0 或空时结果为空（不报错）", "a / b; empty where b is 0 or empty",
              'ratio(sum("funds", "到位"), sum("funds", "预算"))'),
    "percent": ("percent(a, b)", "a ÷ b × 100；b 为 0 或空时结果为空", "a / b × 100; empty where b is 0 or empty",
                'percent(sum("funds", "执行"), sum("funds", "预算"))'),
    "date": ("date(文字)", "把文字变成日期，用于比较", "text to a date, for comparisons", 'actual <= date("2021-06-30")'),
    "days_late": ("days_late(完成日期, 期限)", "逾期天数；按时为 0；未完成的算到快照日", "days late; 0 on time; not done counts to the snapshot date",
                  "days_late(actual, deadline) <= 30"),
    "days_between": ("days_between(a, b)", "从 a 到 b 的天数", "days from a to b", "days_between(period_start, snapshot)"),
    "year": ("year(日期)", "日期的年份", "the year of a date", "year(snapshot) >= 2022"),
    "abs": ("abs(x)", "绝对值", "absolute value", "abs(actual - target) <= 2"),
    "round": ("round(x, 位数)", "四舍五入到几位小数（0 到 10）", "round to 0-10 decimals", "round(actual, 1) >= target"),
    "isblank": ("isblank(x)", "是否为空（缺失）", "whether empty (missing)", "isblank(actual)"),
    "coalesce": ("coalesce(x, 替代值)", "为空时用替代值", "x, or the fallback where x is empty", "coalesce(S701, 0) + S702"),
}

NAMES = {  # formula names -> (中文说明, English)
    "snapshot": ("快照日期", "the snapshot date"),
    "period_start": ("建设期开始日期；年度指标为当年 1 月 1 日", "start of the period; 1 January for annual indicators"),
    "period_end": ("统计截止日（即快照日期）", "end of the counted period (the snapshot date)"),
    "unit_id": ("单位编号", "the unit id"),
    "actual": ("实际值", "the actual value"),
    "target": ("快照日适用的阶段目标", "the staged target that applies on the snapshot date"),
    "final_target": ("最终目标", "the final target"),
    "target_date": ("最终目标的日期", "the date of the final target"),
    "deadline": ("指标的期限（没有时为空）", "the indicator's deadline (empty if none)"),
    "likelihood": ("完成可能性：确定能、有可能、完全不可能", "likelihood: 确定能, 有可能, 完全不可能"),
    "note": ("数值表中的情况说明", "the staff note from the value table"),
    "gap": ("差距：目标 − 实际（lower 为 实际 − 目标）", "gap: target − actual (actual − target for lower)"),
    "completion": ("完成百分比：实际 ÷ 目标 × 100（lower 为 目标 ÷ 实际 × 100）", "completion percent"),
}
FIELD_NAMES = ("id", "name", "level", "task", "type", "subtype", "unit", "direction", "points", "weight", "owner", "source")

STATUS_MEANING = {
    "exceeded": ("达成，并优于目标（默认：严格优于；可用 overshoot 改写）", "achieved and better than the target"),
    "achieved": ("达到快照日适用的阶段目标（最近一个不晚于快照日的目标）", "meets the staged target that applies on the snapshot date"),
    "in_progress": ("未达到阶段目标，建设期仍在进行", "below the staged target while the period goes on"),
    "not_achieved": ("未达到，且已无时间：已到最终目标日期，或已过指标自己的期限", "below target with no time left"),
    "not_due": ("快照日还没有适用的目标（或“越高越好”的阶段目标为 0 且尚无实绩）", "no target applies yet"),
    "missing": ("有适用目标，但没有实际值", "a target applies but there is no actual value"),
    "error": ("这个指标的公式无法计算；其他指标不受影响", "the indicator's formula cannot be computed"),
}
FLAG_MEANING = {
    "exceeded": ("超额完成，附实际 ÷ 目标的倍数；目标为 0 时不计算倍数", "exceeded, with actual ÷ target"),
    "far_beyond_target": ("倍数超过 settings.yaml 的 far_beyond_ratio", "the ratio is above far_beyond_ratio"),
    "overspend": ("成本指标的实际支出超过预算目标；台账汇总表的行标记也可用此名", "a cost indicator spent beyond its budget"),
    "cause_missing": ("正在推进、未达成或缺失，但没有任何原因", "lagging or missing with no cause stated"),
    "low_execution": ("执行率偏低（规则或台账汇总表的 flags 中自定义）", "low execution (a custom flag in rules or tables)"),
}


# --- schemas ---------------------------------------------------------------------------

def _load(name):
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def _resolve(root, node):
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        target = root
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        merged = dict(target)
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        node, seen = merged, seen + 1
    return node


def _type_text(root, node) -> str:
    node = _resolve(root, node)
    if "enum" in node:
        return " \\| ".join(f"`{v}`" for v in node["enum"])
    if "const" in node:
        return f"`{json.dumps(node['const'], ensure_ascii=False)}`"
    for key in ("anyOf", "oneOf"):
        texts = [t for t in dict.fromkeys(_type_text(root, n) for n in node.get(key, [])) if t]
        if texts:  # branches that only require keys (cause or note) say nothing of the type
            return " 或 ".join(texts)
    if "if" in node and ("then" in node or "else" in node):
        parts = [_type_text(root, node[k]) for k in ("else", "then") if k in node]
        return " 或 ".join(dict.fromkeys(p for p in parts if p))
    kind = node.get("type")
    if isinstance(kind, list):
        return " 或 ".join(TYPE_WORDS.get(k, k) for k in kind)
    if kind == "string" and node.get("pattern", "").startswith("^\\d{4}"):
        return "日期"
    if kind == "array":
        items = node.get("items")
        return f"{_type_text(root, items)}的列表" if items else "列表"
    return TYPE_WORDS.get(kind, "映射" if "properties" in node or "additionalProperties" in node else "")


def _example(root, node, key) -> str:
    node = _resolve(root, node)
    value = _sample(root, node)
    return f"{key}: {value}"


def _sample(root, node, depth=0) -> str:
    node = _resolve(root, node)
    if "enum" in node:
        return _yaml(node["enum"][0])
    if "const" in node:
        return _yaml(node["const"])
    for key in ("anyOf", "oneOf"):
        if key in node:
            return _sample(root, node[key][0], depth)
    kind = node.get("type")
    kind = kind[0] if isinstance(kind, list) else kind
    if kind == "string":
        return "2021-12-31" if node.get("pattern", "").startswith("^\\d{4}") else "S101" if "pattern" in node else "…"
    if kind == "integer":
        return str(max(int(node.get("minimum", 0)), 1))
    if kind == "number":
        return "0.5" if node.get("maximum") == 1 else "10"
    if kind == "boolean":
        return "true"
    if kind == "array":
        return f"[{_sample(root, node.get('items', {}), depth + 1)}]"
    if depth < 2 and node.get("properties"):
        first = next(iter(node["properties"]))
        return f"{{{first}: {_sample(root, node['properties'][first], depth + 1)}}}"
    return "{…}"


def _yaml(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _conditions(root, node) -> dict:
    """key -> "type 为 benefit 时必填" from allOf if/then/else."""
    out = {}
    for rule in node.get("allOf", []):
        cond = rule.get("if", {}).get("properties", {})
        if len(cond) != 1:
            continue
        (field, spec), = cond.items()
        value = spec.get("const")
        for key in rule.get("then", {}).get("required", []):
            out[key] = f"{field} 为 {value} 时必填"
        for key in rule.get("else", {}).get("required", []):
            out[key] = f"{field} 不为 {value} 时必填"
    return out


def schema_rows(name: str) -> list[dict]:
    root = _load(name)
    rows, expanded = [], set()

    def walk(node, path, parent_key=""):
        node = _resolve(root, node)
        required = set(node.get("required", []))
        conditional = _conditions(root, node)
        for key, sub in node.get("properties", {}).items():
            full = f"{path}.{key}" if path else key
            rows.append(_row(name, root, full, key, sub, "是" if key in required else conditional.get(key, "")))
            descend(sub, full, key)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            holder = PLACEHOLDERS.get(parent_key, "键")
            full = f"{path}.<{holder}>" if path else f"<{holder}>"
            rows.append(_row(name, root, full, f"<{holder}>", extra, ""))
            descend(extra, full, holder)
        if isinstance(node.get("items"), dict):
            descend(node["items"], path + "[]", parent_key)
        for branch in ("anyOf", "oneOf", "allOf"):
            for sub in node.get(branch, []):
                if isinstance(sub, dict) and "if" not in sub:
                    descend(sub, path, parent_key)
        for branch in ("else", "then"):
            if isinstance(node.get(branch), dict):
                descend(node[branch], path, parent_key)

    def descend(sub, path, key):
        ref = sub.get("$ref") if isinstance(sub, dict) else None
        if ref:
            if ref in expanded:
                return
            expanded.add(ref)
        walk(sub, path, key)

    walk(root, "")
    unique = {}
    for row in rows:
        unique.setdefault(row["path"], row)
    return list(unique.values())


def _row(schema, root, path, key, sub, required) -> dict:
    node = _resolve(root, sub)
    example = EXAMPLES.get(f"{schema}:{path}") or _example(root, sub, key)
    return {"path": path, "title": node.get("title", ""), "type": _type_text(root, sub), "required": required,
            "description": node.get("description", ""), "example": example}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", "<br>")


def _template(text: str) -> str:
    """A message template as users read it: {{ and }} are literal braces."""
    return _cell(text.replace("{{", "{").replace("}}", "}"))


def _code(text: str) -> str:
    """Example YAML in a table cell: a code span (pipes escaped as GFM wants), lines joined by <br>."""
    if "\n" in text or "`" in text:
        return "<br>".join(f"<code>{_html(line)}</code>" for line in text.split("\n"))
    return "`" + text.replace("|", "\\|") + "`"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "&#124;")


def schemas_section() -> str:
    out = ["## 文件格式：每个键 · File formats: every key", "",
           "由 `schemas/*.json` 生成。“必填”一列的“是”表示必须写；条件必填写明条件。"
           "`[]` 表示列表中的每一项，`<日期>`、`<代码>` 等表示由你命名的键。", ""]
    for name, files in SCHEMA_FILES:
        root = _load(name)
        out += [f"### {root.get('title', name)} · `schemas/{name}.schema.json`", "", f"检查：{files}", ""]
        if root.get("description"):
            out += [root["description"], ""]
        out += ["| 键 | 名称 | 类型 | 必填 | 说明 | 示例 |", "|---|---|---|---|---|---|"]
        for row in schema_rows(name):
            out.append(f"| `{_cell(row['path'])}` | {_cell(row['title'])} | {row['type']} | "
                       f"{_cell(row['required'])} | {_cell(row['description'])} | {_code(row['example'])} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# --- formulas, statuses, problems --------------------------------------------------------

def _doc_of(name) -> str:
    obj = getattr(fn.Library, name, None) or getattr(fn, name, None) or getattr(fn, f"_{name}", None)
    doc = inspect.getdoc(obj) if obj else ""
    return (doc or "").split("\n")[0]


def formulas_section() -> str:
    out = ["## 公式：函数与名称 · Formulas: functions and names", "",
           "由 `engine/evaluate/functions.py` 的 `FUNCTION_NAMES` 与 `engine/load/rules_check.py` 的名称表生成。", "",
           "| 函数 | 说明 | English | 示例 |", "|---|---|---|---|"]
    for name in fn.FUNCTION_NAMES:
        signature, zh, en, example = FUNCTIONS.get(name, (f"{name}(…)", _doc_of(name) or "（尚未写说明）", _doc_of(name), name))
        out.append(f"| `{_cell(signature)}` | {_cell(zh)} | {_cell(en)} | `{_cell(example)}` |")
    out += ["", "公式中可用的名称（实际值公式 `actual:` 只能用前 {0} 个；条件 `pass`、`overshoot`、`flags`、"
            "`causes[].when` 可以用全部）。任何指标的编号也是名称，表示它的实际值。".format(len(ACTUAL_NAMES)), "",
            "| 名称 | 说明 | English |", "|---|---|---|"]
    for name in CONDITION_NAMES:
        if name in FIELD_NAMES:
            continue
        zh, en = NAMES.get(name, ("", ""))
        out.append(f"| `{name}` | {_cell(zh)} | {_cell(en)} |")
    fields = [n for n in CONDITION_NAMES if n in FIELD_NAMES]
    out += ["", "本指标的字段也可以在条件中使用：" + "、".join(f"`{n}`" for n in fields) + "。"]
    return "\n".join(out) + "\n"


def statuses_section() -> str:
    out = ["## 状态与标记 · Statuses and flags", "", "由 `engine/text/labels.py` 生成。", "",
           "| 状态 | 中文 | English | 含义 |", "|---|---|---|---|"]
    for code, (zh, en) in STATUSES.items():
        out.append(f"| `{code}` | {zh} | {en} | {_cell(STATUS_MEANING.get(code, ('', ''))[0])} |")
    out += ["", "| 标记 | 中文 | English | 含义 |", "|---|---|---|---|"]
    for code, (zh, en) in FLAGS.items():
        out.append(f"| `{code}` | {zh} | {en} | {_cell(FLAG_MEANING.get(code, ('', ''))[0])} |")
    out += ["", "规则中 `flags:` 自定义的标记名原样显示；与上表中的名称相同时（如 `low_execution`）显示上表的中文。"]
    return "\n".join(out) + "\n"


def problems_section() -> str:
    out = ["## 问题代码 · Problem codes", "",
           "由 `engine/text/messages.py` 生成。输入有误时（退出码 2）每个问题后的方括号中是它的代码；"
           "`{…}` 处填入具体内容。", "",
           "### 输入问题 · Input problems", "",
           "| 代码 | 问题 | 修改方法 | English |", "|---|---|---|---|"]
    for code, (zh, fix, en, _fix_en) in PROBLEMS.items():
        out.append(f"| `{code}` | {_template(zh)} | {_template(fix)} | {_template(en)} |")
    out += ["", "### 规则错误 · Rule errors", "",
            "公式无法计算时，这个指标的状态为“规则错误”（`error`），说明中给出下列文字；其他指标照常评估。", "",
            "| 代码 | 说明 | English |", "|---|---|---|"]
    for code, (zh, en) in RULE_ERRORS.items():
        out.append(f"| `{code}` | {_template(zh)} | {_template(en)} |")
    return "\n".join(out) + "\n"


GENERATORS = {"schemas": schemas_section, "formulas": formulas_section, "statuses": statuses_section,
              "problems": problems_section}


def begin(name):
    return f"<!-- BEGIN GENERATED: {name} (python tools/gen_docs.py; do not edit by hand) -->"


def end(name):
    return f"<!-- END GENERATED: {name} -->"


def render(text: str) -> str:
    """The document with every generated section rewritten; hand-written text as it was."""
    for name in SECTIONS:
        pattern = re.compile(re.escape(begin(name)) + r"\n.*?" + re.escape(end(name)), re.S)
        if not pattern.search(text):
            raise SystemExit(f"docs/rules.md: markers for section {name} are missing:\n{begin(name)}\n{end(name)}")
        body = GENERATORS[name]()
        text = pattern.sub(lambda _m: f"{begin(name)}\n\n{body}\n{end(name)}", text, count=1)
    return text


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    current = DOCS.read_text(encoding="utf-8")
    wanted = render(current)
    if "--check" in argv:
        if wanted != current:
            print("docs/rules.md is not up to date: run python tools/gen_docs.py", file=sys.stderr)
            return 1
        return 0
    if wanted != current:
        DOCS.write_text(wanted, encoding="utf-8", newline="\n")
        print("docs/rules.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
