"""Write the report college's rule set and its three snapshots (run once; see college_catalog.py).

    python tools/build_college.py        # writes rules/ and datasets/
"""
from __future__ import annotations

import csv
import datetime as dt
import math
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from college_catalog import GROUP, GROUP_TASKS, SCHOOL, SCHOOL_TASKS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
YEARS = ["2019-12-31", "2020-12-31", "2021-12-31", "2022-12-31", "2023-12-31"]
SNAPS = YEARS[:3]
RAMP = [0.2, 0.45, 0.7, 0.85, 1.0]
GRADE4 = ["优秀", "良好", "合格", "不合格"]
PASS = ["通过", "未通过"]
OWNERS = {"加强党的建设": "党委组织部", "打造技术技能人才培养高地": "教务处", "打造技术技能创新服务平台": "科研处",
          "打造高水平双师队伍": "人事处", "提升校企合作水平": "校企合作处", "提升服务发展水平": "培训中心",
          "提升学校治理水平": "双高办", "提升信息化水平": "信息中心", "提升国际化水平": "国际交流处",
          "其他专业建设": "教务处"}


def half_up(x: float) -> int:
    return int(Decimal(repr(x)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def staged(final, explicit=None):
    if explicit:
        return list(explicit)
    out = [half_up(final * r) for r in RAMP]
    out[-1] = final
    return out


def q(text: str) -> str:
    """YAML-safe scalar: quote when it could be read as something else."""
    if any(ch in text for ch in ':#{}[],&*!|>%@`"\'') or text.strip() != text or text[:1] in "-?":
        return '"' + text.replace('"', '\\"') + '"'
    return text


class Item:
    def __init__(self, level, k, row):
        (self.task, self.type, self.subtype, self.id, self.name, self.unit, self.final, self.plan, self.x) = row
        self.level, self.k = level, k
        x = self.x
        self.formula = x.get("formula")
        if "grade" in x:
            self.direction = "grade"
            self.scale = x.get("scale") or (PASS if x["grade"] in PASS else GRADE4)
        elif "range" in x:
            self.direction = "range"
        elif "deadline" in x:
            self.direction = "deadline"
        else:
            self.direction = x.get("direction", "higher")
        if x.get("annual"):
            self.targets = [self.final] * 5
        elif self.direction == "higher" and "sat" not in x:
            self.targets = staged(self.final, x.get("t"))
        elif self.direction == "lower":
            self.targets = list(x["t"])
        elif "sat" in x:
            self.targets = [x["sat"]] * 5
        elif x.get("t"):
            self.targets = list(x["t"])

    # --- rule YAML ----------------------------------------------------------------------
    def yaml(self) -> str:
        x, lines = self.x, []
        add = lines.append
        add(f"  - id: {self.id}")
        add(f"    name: {q(self.name)}")
        add(f"    task: {q(self.task)}")
        add(f"    type: {self.type}")
        if self.subtype:
            add(f"    subtype: {self.subtype}")
        add(f"    unit: {q(self.unit)}")
        add(f"    direction: {self.direction}")
        if x.get("annual"):
            add("    annual: true")
        if self.direction == "grade":
            add(f"    scale: [{', '.join(self.scale)}]")
        if self.formula:
            add(f"    actual: {q(self.formula)}")
        if self.direction == "deadline":
            add(f"    deadline: {x['deadline']}")
        elif self.direction == "range":
            lo, hi = x["range"]
            add("    targets:")
            for year in YEARS if self.level == "school" or True else YEARS:
                add(f"      {year}: {{min: {lo}, max: {hi}}}")
        elif self.direction == "grade":
            add("    targets:")
            start = 0 if x["grade"] in GRADE4 or self.scale not in (PASS, GRADE4) else 1
            for year in YEARS[start:]:
                add(f"      {year}: {x['grade']}")
        else:
            add("    targets:")
            for year, t in zip(YEARS, self.targets):
                add(f"      {year}: {t}")
        if "sat" in x:
            add("    overshoot: actual >= target + 1   # 满意度高出目标 1 个百分点以上才算超额")
        if self.direction == "lower":
            add("    overshoot: false   # 支出低于预算只算达成")
        add(f"    owner: {q(x.get('owner') or (OWNERS.get(self.task) if self.level == 'school' else '物流学院'))}")
        add(f"    source: {x.get('src', 'reconstructed')}")
        return "\n".join(lines)

    # --- values per snapshot ------------------------------------------------------------
    def value(self, y: int):
        """(actual text, causes, note, likelihood) at snapshot index y, or None for no row."""
        x = self.x
        cause = note = lik = ""
        if self.plan == "P" and (y == 2 or (y == 1 and x.get("cause") == "pandemic")):
            cause, note, lik = x.get("cause", ""), x.get("note", ""), x.get("lik", "")
            cause = cause.replace(",", ";")
        if self.formula:
            return ("", cause, note, lik) if cause else None
        if self.direction == "deadline":
            done = x["done"]
            return (done if done <= SNAPS[y] else "未完成", "", "", "")
        if self.direction == "grade":
            grade = x["grade"]
            if y == 0 and self.k % 4 == 1 and self.scale == GRADE4 and grade != "合格":
                grade = self.scale[self.scale.index(grade) + 1]
            return (grade, "", "", "")
        if self.direction == "range":
            lo, _ = x["range"]
            a = max(lo, x["a21"] - 0.4 * (2 - y))
            return (f"{a:.2f}".rstrip("0").rstrip(".") + ("%" if self.unit == "%" else ""), "", "", "")
        if "sat" in x:
            a = round(x["a21"] - [0.8, 0.3, 0][y], 2)
            return (f"{a:g}%", "", "", "")
        t = self.targets
        a21 = x.get("a21", t[2])
        if x.get("annual"):
            a = [180, 200, a21][y]
        elif self.plan == "X":
            a = a21 if y == 2 else min(a21, max(t[y], math.ceil(a21 * t[y] / t[2])) if t[2] else a21)
            if t[y] == 0 and y < 2:
                a = 0
        elif self.plan == "P":
            a = a21 if y == 2 else min(a21, t[y])
        else:
            a = a21 if y == 2 else t[y]
            lag = (y == 0 and self.k % 3 == 0) or (y == 1 and self.k % 5 == 0)
            if lag and t[y] > 0:
                a = max(0, t[y] - max(1, half_up(t[y] * 0.1)))
        text = f"{a:,}" if isinstance(a, int) and a >= 1000 and self.k % 2 else str(a)  # some as people type them: 1,650
        return (text, cause, note, lik)


def items():
    return ([Item("school", k, r) for k, r in enumerate(SCHOOL)], [Item("group", k, r) for k, r in enumerate(GROUP)])


# --- ledgers -------------------------------------------------------------------------------
TABLE1 = [("加强党的建设", 7, 7), ("打造技术技能人才培养高地", 19, 17), ("打造技术技能创新服务平台", 13, 13),
          ("打造特色高水平专业群", 186, 184), ("打造高水平双师队伍", 22, 21), ("提升校企合作水平", 7, 7),
          ("提升服务发展水平", 16, 14), ("提升学校治理水平", 13, 13), ("提升信息化水平", 14, 14),
          ("提升国际化水平", 8, 6), ("其他专业群", 85, 85)]
UNDONE = {"打造技术技能人才培养高地": ["产教融合校内实训基地获上级部门命名", "建成实习实训教学管理平台"],
          "打造特色高水平专业群": ["开展企业外籍员工培训", "与境外机构合作开展人才培养"],
          "打造高水平双师队伍": ["组织骨干教师、管理人员赴国外研修"],
          "提升服务发展水平": ["开展职工职业技能培训", "开展企业新型学徒制培训"],
          "提升国际化水平": ["招收境外留学生", "选派学生赴国外学习交流"]}


def tasks_rows(y: int):
    rows, n = [], 0
    for task, planned, done in TABLE1:
        undone = UNDONE.get(task, [])
        for i in range(planned):
            year = 2019 if i < planned * 0.2 else 2020 if i < planned * 0.55 else 2021
            is_undone = i >= planned - len(undone)
            if is_undone:
                year = 2021 if i % 2 else 2020
            if year > 2019 + y:
                continue
            name = undone[i - (planned - len(undone))] if is_undone else f"{task}年度任务 {year}-{i + 1:03d}"
            late = (not is_undone) and year == 2019 + y and i % 9 == 0 and y < 2  # earlier snapshots: some still running
            status = "正在推进" if is_undone or late else "已完成"
            n += 1
            rows.append([n, task, name, year, status])
    return rows


TABLE2 = [("加强党的建设", 2, 10), ("打造技术技能人才培养高地", 1, 68), ("打造技术技能创新服务平台", 2, 51),
          ("打造特色高水平专业群", 8, 84), ("打造高水平双师队伍", 0, 3), ("提升校企合作水平", 4, 15),
          ("提升服务发展水平", 0, 2), ("提升信息化水平", 1, 0), ("其他专业群", 21, 94)]
KNOWN_NATIONAL = {"加强党的建设": ["志愿者服务项目获全国铜奖", "马克思主义学院获“全国巾帼标兵示范岗”"],
                  "打造技术技能人才培养高地": ["全国职业院校技能大赛三等奖"],
                  "打造技术技能创新服务平台": ["协同创新中心获教育部认定（1）", "协同创新中心获教育部认定（2）"],
                  "提升信息化水平": ["职业院校数字校园建设样板校"]}
START = dt.date(2019, 7, 1)
SPAN = (dt.date(2021, 12, 20) - START).days


def achievement_rows(y: int):
    rows, cut = [], SNAPS[y]
    for task, national, provincial in TABLE2:
        for level, count in (("国家级", national), ("省级", provincial)):
            names = KNOWN_NATIONAL.get(task, []) if level == "国家级" else []
            for i in range(count):
                day = (START + dt.timedelta(days=(SPAN * (i + 1)) // (count + 1))).isoformat()
                if level == "国家级" and task == "提升信息化水平":
                    day = "2021-04-15"
                if day > cut:
                    continue
                name = names[i] if i < len(names) else f"{task}{level}标志性成果（第 {i + 1} 项）"
                rows.append([day, task, level, name])
    return rows


TABLE3 = [("中央财政", 1200, 1200, 1200), ("地方财政", 1000, 1000, 998), ("举办方投入", 2280, 4119, 1583),
          ("行业企业支持", 28, 0, 0), ("学校自筹", 3439, 3439, 1885)]
TABLE4 = [("加强党的建设", 0, 91), ("打造技术技能人才培养高地", 1017, 576), ("打造技术技能创新服务平台", 326, 83),
          ("打造高水平专业群", 4872, 1776), ("打造高水平双师队伍", 199, 243), ("提升校企合作水平", 28, 8),
          ("提升服务发展水平", 858, 2047), ("提升学校治理水平", 5, 0), ("提升信息化水平", 290, 759),
          ("提升国际化水平", 44, 22), ("其他专业群", 308, 63)]
BUDGET_SHARE = [0.22, 0.6, 1.0]
SPENT_SHARE = [0.05, 0.4, 1.0]


def funds_rows(y):
    return [[src, half_up(b * BUDGET_SHARE[y]), half_up(a * [0.3, 0.75, 1.0][y]), half_up(s * SPENT_SHARE[y])]
            for src, b, a, s in TABLE3]


def budget_rows(y):
    return [[n + 1, task, half_up(b * BUDGET_SHARE[y]), half_up(s * SPENT_SHARE[y])] for n, (task, b, s) in enumerate(TABLE4)]


# --- writing -------------------------------------------------------------------------------
def write_csv(path: Path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def main():
    school, group = items()
    rules = ROOT / "rules"
    rules.mkdir(exist_ok=True)
    for level, its, title in (("school", school, "学校层面绩效指标（87 个）"), ("group", group, "现代物流管理专业群层面绩效指标（128 个）")):
        head = ["# yaml-language-server: $schema=../schemas/rules.schema.json",
                f"# 昆明工业职业技术学院“双高计划”{title}。",
                "# source: report = 指标或数值出自中期自评报告；reconstructed = 按双高任务书的通常写法补全。",
                f"level: {level}", "indicators:"]
        (rules / f"{level}.yaml").write_text("\n".join(head) + "\n" + "\n\n".join(i.yaml() for i in its) + "\n", encoding="utf-8")
    for y, snap in enumerate(SNAPS):
        folder = ROOT / "datasets" / snap
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for it in school + group:
            v = it.value(y)
            if v is not None:
                rows.append([it.id, it.name, *v, ""])
        write_csv(folder / "values.csv", ["指标编号", "指标名称", "实际值", "原因代码", "说明", "完成可能性", "佐证材料"], rows)
        write_csv(folder / "tasks.csv", ["序号", "建设任务", "任务内容", "计划完成年度", "状态"], tasks_rows(y))
        write_csv(folder / "achievements.csv", ["日期", "建设任务", "级别", "成果名称"], achievement_rows(y))
        write_csv(folder / "funds.csv", ["资金来源", "预算", "到位", "执行"], funds_rows(y))
        write_csv(folder / "budget.csv", ["序号", "建设任务", "预算", "执行"], budget_rows(y))
        label = {0: "2019 年度（截至 2019 年 12 月 31 日）", 1: "2020 年度（截至 2020 年 12 月 31 日）",
                 2: "中期自评（截至 2021 年 12 月 31 日）"}[y]
        (folder / "manifest.yaml").write_text(
            "# yaml-language-server: $schema=../../schemas/manifest.schema.json\n"
            f"snapshot: {snap}\ndescription: {label}\ndefault_unit: kmvtc\nunits:\n  kmvtc: 昆明工业职业技术学院\n"
            "values: values.csv\nledgers:\n  tasks: tasks.csv            # 建设任务台账（表 1）\n"
            "  achievements: achievements.csv  # 省级及以上标志性成果台账（表 2）\n"
            "  funds: funds.csv            # 按资金来源的预算、到位、执行（表 3）\n"
            "  budget: budget.csv          # 按建设任务的预算、执行（表 4）\n", encoding="utf-8")


if __name__ == "__main__":
    main()
