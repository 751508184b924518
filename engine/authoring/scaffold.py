"""Scaffolding for policy staff: `jixiao init DIR` (a new college's workspace) and
`jixiao new indicator` (one indicator asked for field by field and appended to a rule file).

`init` writes valid, commented example rules of every type, a rule test, and a snapshot whose
value table is an XLSX template (one sheet per level, drop-down lists for cause codes and
likelihood). It never writes into a folder that holds anything.

`new indicator` appends text to the rule file, leaving the rest of it byte for byte as it was,
then loads the rules again; if they no longer load, the file is restored.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path

import click
import yaml

from engine.load import schema_check
from engine import directions
from engine.text import t
from engine.text.labels import DEFAULT_LEVELS, LIKELIHOOD, SUBTYPES, TYPES
from engine.core.paths import display
from engine.core.output import write_atomic
from engine.core.problems import InputError, Problem
from engine.load.rules import SPECIAL, load_rules
from engine.load.schema_check import SCHEMA_DIR
from engine.load.yaml_source import load_yaml

ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
HEADERS = ("指标编号", "指标名称", "计量单位", "实际值", "原因代码", "说明", "完成可能性", "佐证材料")
WIDTHS = (18, 40, 10, 14, 18, 40, 14, 30)
TEMPLATE_ROWS = 300  # rows below the header that get the drop-down lists


# --- jixiao init -------------------------------------------------------------------------

SETTINGS = """\
# yaml-language-server: $schema=../schemas/settings.schema.json
# 规则集设置：建设期、比率的取舍方式、“目标值可能偏低”的倍数、层面名称。
# 由 jixiao init 生成，请按本校任务书修改。键的说明见 jixiao 的 docs/rules.md。
settings:
  title: "@COLLEGE_Q@“双高计划”绩效指标"   # 规则集名称
  period:                  # 建设期起止日期
    start: @Y0@-01-01
    end: @Y4@-12-31
  rounding:
    mode: half_up          # 完成率的取舍：half_up 四舍五入；truncate 截断
    digits: 2              # 保留几位小数
  far_beyond_ratio: 2.0    # 实际值超过目标值 2 倍时标记“目标值可能偏低”
  levels:                  # 层面及其中文名，按报告中的顺序；数值表中每个层面一张工作表
    school: 学校层面
    group: 专业群层面
"""

CAUSES = """\
# yaml-language-server: $schema=../schemas/causes.schema.json
# 原因目录：原因代码 → 中文名、英文名、类别。
# 类别只能是：经费保障、制度保障、人员保障、硬件条件保障、外部环境、其他。
# 数值表“原因代码”一列和规则中 causes: 的 cause: 只能用这里的代码。
causes:
  pandemic:
    zh: 受疫情影响，线下交流与培训无法开展
    en: COVID-19 pandemic prevented on-site exchange and training
    category: 外部环境
  policy:
    zh: 上级部门政策原因，尚未开展或尚未命名
    en: awaiting higher-level policy (not yet opened or named)
    category: 制度保障
  instalments:
    zh: 按合同约定资金分多次支付，年底未能全部支付
    en: contract payments made in instalments, not all paid by year end
    category: 经费保障
  staffing:
    zh: 人员不足
    en: not enough staff
    category: 人员保障
  facilities:
    zh: 场地或设备条件不足
    en: insufficient premises or equipment
    category: 硬件条件保障
  other:
    zh: 其他原因
    en: other reasons
    category: 其他
"""

HEAD = """\
# yaml-language-server: $schema=../schemas/rules.schema.json
"""

RULE_FILES = {
    "quantity.yaml": HEAD + """\
# 数量指标（产出指标）示例。一个规则文件是一个指标列表；文件顶部的 level、task、owner
# 是本文件各指标的默认值，指标中可以另写。由 jixiao init 生成，请改成本校任务书中的指标。
level: school                        # 层面：school 学校层面、group 专业群层面（见 settings.yaml）
task: 打造技术技能人才培养高地          # 所属建设任务
indicators:
  - id: S_1X_PILOT                   # 指标编号：字母开头，只含字母、数字、下划线，全套规则中唯一
    name: 1+X 证书制度试点数           # 指标名称
    type: quantity                   # 指标类型：数量
    unit: 项                         # 计量单位
    direction: higher                # 达标方向：实际 ≥ 目标
    targets:                         # 阶段目标：期末日期 → 目标值（默认为累计值），最后一个是最终目标
      @Y0@-12-31: 2
      @Y2@-12-31: 6
      @Y4@-12-31: 10
    owner: 教务处                     # 责任部门（可选）
    causes:                          # 条件原因（可选）：数值表中没有填原因时，按条件给出
      - when: actual < target
        cause: policy                # causes.yaml 中的代码
        note: 差 {gap} {unit}，待上级部门批复试点   # 可用 {actual} {target} {gap} {unit} {name}

  - id: S_PART_TIME
    name: 行业企业兼职教师授课（每年）
    type: quantity
    unit: 人次
    direction: higher
    annual: true                     # 年度指标：每年的值单独考核，不累计
    targets:
      @Y0@-12-31: 200
      @Y1@-12-31: 200
      @Y2@-12-31: 200
      @Y3@-12-31: 200
      @Y4@-12-31: 200
    owner: 人事处

  - id: S_NATIONAL_AWARDS
    name: 国家级标志性成果
    task: 打造技术技能创新服务平台      # 覆盖文件顶部的 task
    type: quantity
    unit: 项
    direction: higher
    actual: count("achievements", 级别="国家级")   # 实际值由成果台账计数，数值表中不必填写
    targets:
      @Y0@-12-31: 1
      @Y2@-12-31: 3
      @Y4@-12-31: 5
    owner: 科研处

  - id: G_ENTERPRISE_TRAINING
    name: 专业群面向企业开展员工培训
    level: group                     # 本指标属于专业群层面（覆盖文件顶部的 level）
    task: 打造高水平专业群
    type: quantity
    unit: 人次
    direction: higher
    targets:
      @Y0@-12-31: 500
      @Y2@-12-31: 1500
      @Y4@-12-31: 3000
    owner: 专业群建设办公室
""",
    "quality.yaml": HEAD + """\
# 质量指标（产出指标）示例：区间、等级和比率。
level: school
task: 打造高水平双师队伍
indicators:
  - id: S_DUAL_TEACHER
    name: “双师型”教师占专业教师比例
    type: quality
    unit: "%"                        # % 要加引号
    direction: range                 # 区间：下限 ≤ 实际 ≤ 上限（区间指标不判超额）
    targets:
      @Y0@-12-31: {min: 60, max: 100}
      @Y4@-12-31: {min: 70, max: 100}
    owner: 人事处

  - id: S_ETHICS_GRADE
    name: 师德师风考核等级
    type: quality
    unit: 等级
    direction: grade                 # 等级：不低于目标等级即达成，高于目标等级即超额
    scale: [优秀, 良好, 合格, 不合格]   # 从高到低
    targets:
      @Y0@-12-31: 良好
      @Y4@-12-31: 优秀
    owner: 人事处

  - id: G_CERT_PASS_RATE
    name: 专业群学生职业技能等级证书通过率
    level: group
    task: 打造高水平专业群
    type: quality
    unit: "%"
    direction: higher
    targets:
      @Y0@-12-31: 85
      @Y4@-12-31: 90
    owner: 专业群建设办公室
""",
    "timeliness.yaml": HEAD + """\
# 时效指标（产出指标）示例：期限和执行率。
level: school
task: 提升信息化水平
indicators:
  - id: S_DIGITAL_CAMPUS
    name: 建成智慧校园基础平台
    type: timeliness
    unit: 日期
    direction: deadline              # 期限：数值表中填完成日期，未完成填“未完成”
    deadline: @Y1@-12-31             # 过了期限仍未完成即为“未达成”
    owner: 信息中心

  - id: S_BUDGET_EXEC
    name: 支出预算执行率
    task: 提升学校治理水平
    type: timeliness
    unit: "%"
    direction: higher
    targets:
      @Y0@-12-31: 30
      @Y2@-12-31: 70
      @Y4@-12-31: 100
    flags:                           # 自定义标记：标记名 → 条件
      low_execution: actual < target * 0.8
    causes:
      - when: actual < target
        cause: instalments
    owner: 计划财务处

  - id: G_SIM_BASE
    name: 建成专业群虚拟仿真实训基地
    level: group
    task: 打造高水平专业群
    type: timeliness
    unit: 日期
    direction: deadline
    deadline: @Y2@-06-30
    owner: 专业群建设办公室
""",
    "cost.yaml": HEAD + """\
# 成本指标（产出指标）示例：越低越好。实际支出超过预算时自动标记“超预算支出”。
level: school
task: 提升学校治理水平
indicators:
  - id: S_SPENDING
    name: 项目支出不超过任务书预算
    type: cost
    unit: 万元
    direction: lower                 # 越低越好：实际 ≤ 目标
    targets:                         # 累计预算
      @Y0@-12-31: 2000
      @Y2@-12-31: 6000
      @Y4@-12-31: 10000
    overshoot: false                 # 低于预算只算达成，不算超额
    owner: 计划财务处

  - id: G_SPENDING
    name: 专业群建设支出不超过预算
    level: group
    task: 打造高水平专业群
    type: cost
    unit: 万元
    direction: lower
    targets:
      @Y0@-12-31: 800
      @Y4@-12-31: 4000
    overshoot: false
    owner: 专业群建设办公室
""",
    "benefit.yaml": HEAD + """\
# 效益指标示例：type: benefit 必须写 subtype：
# economic 经济效益、social 社会效益、ecological 生态效益、sustainable 可持续影响。
level: school
task: 提升服务发展水平
indicators:
  - id: S_SOCIAL_TRAINING
    name: 面向社会开展职业培训
    type: benefit
    subtype: social
    unit: 人次
    direction: higher
    targets:
      @Y0@-12-31: 5000
      @Y2@-12-31: 15000
      @Y4@-12-31: 30000
    owner: 继续教育学院

  - id: S_TECH_INCOME
    name: 技术服务到款额
    type: benefit
    subtype: economic
    unit: 万元
    direction: higher
    targets:
      @Y0@-12-31: 100
      @Y4@-12-31: 600
    owner: 科研处

  - id: G_SHARED_COURSES
    name: 专业群共享课程资源被其他院校使用
    level: group
    task: 打造高水平专业群
    type: benefit
    subtype: sustainable
    unit: 所
    direction: higher
    targets:
      @Y0@-12-31: 5
      @Y4@-12-31: 30
    owner: 专业群建设办公室
""",
    "satisfaction.yaml": HEAD + """\
# 满意度指标示例。
level: school
task: 打造技术技能人才培养高地
indicators:
  - id: S_GRAD_SATISFACTION
    name: 毕业生对母校满意度
    type: satisfaction
    unit: "%"
    direction: higher
    targets:
      @Y0@-12-31: 95
      @Y4@-12-31: 95
    overshoot: actual >= target + 1  # 超额条件：高出目标 1 个百分点以上才算超额（默认：严格高于目标）
    owner: 招生就业处

  - id: S_EMPLOYER_SATISFACTION
    name: 用人单位对毕业生满意度
    type: satisfaction
    unit: "%"
    direction: higher
    targets:
      @Y0@-12-31: 95
      @Y4@-12-31: 95
    overshoot: actual >= target + 1
    owner: 招生就业处

  - id: G_STUDENT_SATISFACTION
    name: 专业群在校生满意度
    level: group
    task: 打造高水平专业群
    type: satisfaction
    unit: "%"
    direction: higher
    targets:
      @Y0@-12-31: 90
      @Y4@-12-31: 95
    owner: 专业群建设办公室
""",
}

TEST_FILE = """\
# yaml-language-server: $schema=../../schemas/ruletest.schema.json
# 规则测试：给定某一天的输入，写明指标应得的状态、标记和说明。运行：
#   jixiao test @DIR@/rules/tests
# 修改规则后运行一次，就知道规则是否仍按预期工作。键的说明见 jixiao 的 docs/rules.md。
description: 示例指标的测试（由 jixiao init 生成）
cases:
  - name: 1+X 试点超过阶段目标即为超额完成
    snapshot: @Y0@-12-31
    values:
      S_1X_PILOT: 3
    expect:
      S_1X_PILOT: {status: exceeded, flags: [exceeded], actual: 3, target: 2}

  - name: 1+X 试点未达阶段目标，按规则给出原因
    snapshot: @Y0@-12-31
    values:
      S_1X_PILOT: 1
    expect:
      S_1X_PILOT:
        status: in_progress
        not_flags: [cause_missing]
        note_contains: [差 1 项, 待上级部门批复试点]

  - name: 数字校园在期限前完成
    snapshot: @Y1@-12-31
    values:
      S_DIGITAL_CAMPUS: @Y1@-06-30
    expect:
      S_DIGITAL_CAMPUS: {status: achieved}

  - name: 数字校园过了期限仍未完成
    snapshot: @Y2@-12-31
    values:
      S_DIGITAL_CAMPUS: {actual: 未完成, causes: [facilities], likelihood: 有可能}
    expect:
      S_DIGITAL_CAMPUS: {status: not_achieved, note_contains: [尚未完成, 场地或设备条件不足]}

  - name: 支出超过预算
    snapshot: @Y0@-12-31
    values:
      S_SPENDING: 2100
    expect:
      S_SPENDING: {status: in_progress, flags: [overspend, cause_missing]}

  - name: 支出低于预算只算达成
    snapshot: @Y0@-12-31
    values:
      S_SPENDING: 1800
    expect:
      S_SPENDING: {status: achieved, not_flags: [exceeded, overspend]}

  - name: 国家级成果由台账计数
    snapshot: @Y0@-12-31
    ledgers:
      achievements:
        - {日期: @Y0@-05-20, 级别: 国家级, 成果名称: 示例成果一}
        - {日期: @Y0@-09-01, 级别: 国家级, 成果名称: 示例成果二}
        - {日期: @Y0@-10-11, 级别: 省级, 成果名称: 示例成果三}
    expect:
      S_NATIONAL_AWARDS: {status: exceeded, actual: 2, target: 1}

  - name: 满意度高出目标不到 1 个百分点只算达成
    snapshot: @Y0@-12-31
    values:
      S_GRAD_SATISFACTION: 95.5
      S_EMPLOYER_SATISFACTION: 96.2
    expect:
      S_GRAD_SATISFACTION: {status: achieved}
      S_EMPLOYER_SATISFACTION: {status: exceeded}
"""

MANIFEST = """\
# yaml-language-server: $schema=../../schemas/manifest.schema.json
# 快照清单：这一天的数据在哪些文件中（由 jixiao init 生成）。
snapshot: @Y0@-12-31
description: @Y0@ 年度数据（截至 @Y0@ 年 12 月 31 日）
default_unit: college                 # 表中没有“单位”列时使用的单位编号
units:
  college: "@COLLEGE_Q@"
values:                               # 数值表：每个指标一行
  file: values.xlsx
  sheet: "*"                          # "*" 表示读取全部工作表（每个层面一张）
ledgers:                              # 台账：名称 → 文件；规则中 count("achievements", …) 读取它
  achievements: achievements.xlsx
"""

WORKSPACE_README = """\
# @COLLEGE@ 绩效指标工作区

由 `jixiao init` 生成。

- `rules/`：规则。`settings.yaml` 建设期与层面，`causes.yaml` 原因目录，其余 `*.yaml` 是指标
  （每种类型一个示例文件，请改成本校任务书中的指标）；`rules/tests/` 是规则测试。
- `datasets/@Y0@-12-31/`：@Y0@ 年 12 月 31 日的数据。`values.xlsx` 每个层面一张工作表，
  在“实际值”一列填写；“原因代码”和“完成可能性”有下拉列表。`achievements.xlsx` 是标志性成果台账。
- `schemas/`：规则文件的 JSON Schema（VS Code 装 Red Hat 的 YAML 插件后，编辑时有提示和报错）。

常用命令（在本文件夹中运行）：

```bash
jixiao evaluate --rules rules --datasets datasets --snapshot @Y0@-12-31
jixiao test rules/tests
jixiao new indicator --file rules/quantity.yaml
```
"""


def _fill(text: str, year: int, college: str, folder: str = "") -> str:
    for k in range(5):
        text = text.replace(f"@Y{k}@", str(year + k))
    quoted = college.replace("\\", "\\\\").replace('"', '\\"')  # inside YAML double quotes
    return text.replace("@COLLEGE_Q@", quoted).replace("@COLLEGE@", college).replace("@DIR@", folder)


def _refuse_unless_empty(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise InputError([Problem("init.not_a_dir", display(target), params={"dir": display(target)})])
    if target.is_dir():
        entries = sorted(p.name for p in target.iterdir())
        if entries:
            raise InputError([Problem("init.not_empty", display(target), params={
                "dir": display(target), "count": len(entries), "example": "、".join(entries[:3])})])


def create_workspace(target: Path, year: int, college: str) -> list[Path]:
    """Write the workspace into target (absent or empty); all of it or nothing."""
    target = Path(target)
    _refuse_unless_empty(target)
    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        raise InputError([Problem("output.unwritable", display(target), params={
            "value": display(target), "reason": exc.strerror or str(exc)})])
    try:
        written = _write_workspace(tmp, year, college, display(target))
        if target.exists():  # empty folder: move the contents in
            for child in sorted(tmp.iterdir()):
                os.replace(child, target / child.name)
            tmp.rmdir()
        else:
            os.replace(tmp, target)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise InputError([Problem("output.unwritable", display(target), params={
                "value": display(target), "reason": exc.strerror or str(exc)})])
        raise
    return [target / p for p in written]


def _write_workspace(root: Path, year: int, college: str, shown: str) -> list[Path]:
    written = []

    def put(rel: str, text: str):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_fill(text, year, college, shown), encoding="utf-8", newline="\n")
        written.append(Path(rel))

    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        (root / "schemas").mkdir(exist_ok=True)
        shutil.copyfile(schema, root / "schemas" / schema.name)
        written.append(Path("schemas") / schema.name)
    put("README.md", WORKSPACE_README)
    put("rules/settings.yaml", SETTINGS)
    put("rules/causes.yaml", CAUSES)
    for name, text in RULE_FILES.items():
        put(f"rules/{name}", text)
    put("rules/tests/example.yaml", TEST_FILE)
    snap = f"datasets/{year}-12-31"
    put(f"{snap}/manifest.yaml", MANIFEST)
    rules = load_rules(root / "rules")  # the examples must load: a defect of ours if not
    causes = {code: c.zh for code, c in rules.causes.items()}
    value_template(root / snap / "values.xlsx", rules, causes)
    written.append(Path(snap) / "values.xlsx")
    ledger_template(root / snap / "achievements.xlsx")
    written.append(Path(snap) / "achievements.xlsx")
    return written


def _header(ws, headers, widths):
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    ws.append(list(headers))
    for n, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=n)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.freeze_panes = "A2"


def _list_validation(options, prompt_title, prompt, strict=True):
    from openpyxl.worksheet.datavalidation import DataValidation
    dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True,
                        showInputMessage=True, showErrorMessage=True,
                        promptTitle=prompt_title[:32], prompt=prompt[:255])
    if strict:
        dv.errorTitle, dv.error = "请从列表中选择", f"只能填：{'、'.join(options)}"[:255]
    else:  # several codes separated by commas are allowed: warn, do not refuse
        dv.errorStyle = "warning"
        dv.errorTitle = "不在原因目录中？"
        dv.error = "原因代码应是 causes.yaml 中的代码；填多个原因时用逗号分隔，可忽略此提示。"
    return dv


def value_template(path: Path, rules, causes: dict) -> None:
    """The value table: one sheet per level, one row per indicator, with drop-down lists."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    levels = rules.settings.levels or DEFAULT_LEVELS
    col = {h: get_column_letter(n) for n, h in enumerate(HEADERS, start=1)}
    last = TEMPLATE_ROWS + 1
    grey = PatternFill("solid", fgColor="EDEDED")
    for level, title in levels.items():
        ws = book.create_sheet(title=title[:31])
        _header(ws, HEADERS, WIDTHS)
        for ind in (i for i in rules.indicators if i.level == level):
            ws.append([ind.id, ind.name, ind.unit, None, None, None, None, None])
            row = ws.max_row
            cell = ws[f"{col['实际值']}{row}"]
            if ind.actual:
                cell.fill = grey
                cell.comment = Comment(f"由规则中的公式计算，不必填写：{ind.actual}", "jixiao")
            elif ind.way.template_comment(ind, "zh"):
                cell.comment = Comment(ind.way.template_comment(ind, "zh"), "jixiao")
        cause_list = list(causes)
        prompt = "；".join(f"{code} {zh}" for code, zh in causes.items())
        dv = _list_validation(cause_list, "原因代码", "未达标时填写原因代码（多个用逗号分隔）：" + prompt, strict=False)
        ws.add_data_validation(dv)
        dv.add(f"{col['原因代码']}2:{col['原因代码']}{last}")
        dv = _list_validation(list(LIKELIHOOD), "完成可能性", "确定能 / 有可能 / 完全不可能")
        ws.add_data_validation(dv)
        dv.add(f"{col['完成可能性']}2:{col['完成可能性']}{last}")
        hint = DataValidation(showInputMessage=True, promptTitle="实际值",
                              prompt="数字直接填写（98.42%、1,200 都可以）；期限类指标填完成日期或“未完成”；"
                                     "不知道就留空（留空表示缺失，不会当作 0）")
        ws.add_data_validation(hint)
        hint.add(f"{col['实际值']}2:{col['实际值']}{last}")
    book.save(path)


def ledger_template(path: Path) -> None:
    from openpyxl import Workbook
    book = Workbook()
    ws = book.active
    ws.title = "标志性成果台账"
    _header(ws, ("日期", "级别", "成果名称", "佐证材料"), (14, 10, 50, 30))
    dv = _list_validation(["国家级", "省级"], "级别", "国家级 或 省级")
    ws.add_data_validation(dv)
    dv.add(f"B2:B{TEMPLATE_ROWS + 1}")
    book.save(path)


def _college_name(value: str) -> str:
    value = value.strip()
    if not value or any(c in value for c in "\n\r\t"):
        raise click.BadParameter("学校名称不能为空，也不能分行", param_hint="--college")
    return value


@click.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--year", type=click.IntRange(1990, 2200), default=None,
              help="快照年份（默认今年）；建设期从这一年起共 5 年")
@click.option("--college", default="某某职业技术学院", show_default=True, help="学校名称",
              callback=lambda _ctx, _param, value: _college_name(value))
def init_command(folder, year, college):
    """新建一所学校的工作区：示例规则（每种指标类型一个文件）、规则测试、数据快照和数值表模板（XLSX）。

    FOLDER 必须不存在或是空文件夹。"""
    year = year or dt.date.today().year
    create_workspace(folder, year, college)
    shown = display(folder)
    click.echo(f"已创建工作区 {shown}：\n"
               f"  {shown}/rules/                 规则（settings.yaml、causes.yaml 和 6 个示例指标文件）\n"
               f"  {shown}/rules/tests/example.yaml  规则测试\n"
               f"  {shown}/datasets/{year}-12-31/    数据快照：values.xlsx 数值表模板、achievements.xlsx 成果台账\n"
               f"  {shown}/schemas/               编辑器提示用的 JSON Schema\n"
               "下一步：\n"
               f"  1. 把 rules/ 中的示例指标改成本校任务书中的指标（或用 jixiao new indicator 添加）\n"
               f"  2. 在 values.xlsx 中填写实际值\n"
               f"  3. jixiao evaluate --rules {shown}/rules --datasets {shown}/datasets --snapshot {year}-12-31\n"
               f"  4. jixiao test {shown}/rules/tests")


# --- jixiao new indicator ----------------------------------------------------------------

def _dump(value) -> str:
    """A scalar as YAML writes it, quoted only where needed (% , : # and the like)."""
    text = yaml.safe_dump([value], allow_unicode=True, default_flow_style=True, width=10**6).strip()
    return text[1:-1]


def indicator_text(fields: dict, dash: int = 2, defaults: dict | None = None, newline: str = "\n") -> str:
    """One indicator as a block-style list item, indented as the file's other items."""
    defaults = defaults or {}
    pad, inner = " " * dash, " " * (dash + 2)
    lines = [f"{pad}- id: {fields['id']}"]
    for key in ("name", "level", "task", "type", "subtype", "unit", "direction"):
        value = fields.get(key)
        if value is None or (key in ("level", "task") and defaults.get(key) == value):
            continue
        lines.append(f"{inner}{key}: {_dump(value)}")
    if fields.get("scale"):
        lines.append(f"{inner}scale: [{', '.join(_dump(g) for g in fields['scale'])}]")
    if fields.get("deadline"):
        lines.append(f"{inner}deadline: {fields['deadline']}")
    if fields.get("targets"):
        lines.append(f"{inner}targets:")
        for date, value in fields["targets"]:
            shown = f"{{min: {_dump(value['min'])}, max: {_dump(value['max'])}}}" if isinstance(value, dict) \
                else _dump(value)
            lines.append(f"{inner}  {date}: {shown}")
    if fields.get("owner") and defaults.get("owner") != fields["owner"]:
        lines.append(f"{inner}owner: {_dump(fields['owner'])}")
    return newline.join(lines) + newline


def _layout(path: Path, text: str) -> tuple[dict, int]:
    """The file's defaults (level, task, owner) and the column of its list items' dashes;
    refuses a file where appended text would not land in the indicator list."""
    doc, problems = load_yaml(path, display(path))
    if any(p.level == "error" for p in problems):
        raise InputError(problems)
    data = doc.data

    def refuse(reason):
        raise InputError([Problem("new.cannot_append", display(path), params={"reason": reason})])

    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list) or not data["indicators"]:
        refuse("文件中没有 indicators: 列表")
    if list(data)[-1] != "indicators":
        refuse(f"indicators: 之后还有顶层键 {list(data)[-1]}")
    line, col = doc.mark(("indicators", 0))
    before = text.splitlines()[line - 1][:col - 1]
    if before.strip() != "-":
        refuse("indicators 不是“- id: …”的块格式列表")
    defaults = {k: data[k] for k in ("level", "task", "owner") if isinstance(data.get(k), str)}
    last = data["indicators"][-1] if isinstance(data["indicators"][-1], dict) else {}
    defaults.update({f"last_{k}": last[k] for k in ("type", "subtype") if isinstance(last.get(k), str)})
    return defaults, before.index("-")


def _usage_error(parse):
    """A parser that says what is wrong with ValueError, as _ask expects it (a click error)."""
    def proc(value):
        try:
            return parse(value)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
    return proc


def _ask(text: str, proc, default=None, show_default=True):
    """Ask until the answer passes proc; a wrong answer is said in Chinese (click would print "Error:")."""
    while True:
        raw = click.prompt(text, default=default, show_default=show_default)
        try:
            return proc(raw)
        except click.ClickException as exc:
            click.echo(f"错误：{exc.format_message()}")


def _prompt_choice(text: str, table: dict, default=None, words=None):
    words = words or {k: v[0] for k, v in table.items()}
    options = " / ".join(f"{k} {words[k]}" if words.get(k) and words[k] != k else k for k in table)

    def check(value):
        value = value.strip()
        if value not in table:
            raise click.UsageError(f"应为 {'、'.join(table)} 之一")
        return value
    return _ask(f"{text}（{options}）", check, default=default)


def _prompt_text(text: str, default=None, optional=False, check=None):
    def proc(value):
        value = value.strip()
        if not value and not optional:
            raise click.UsageError("不能为空")
        if value and check:
            check(value)
        return value
    return _ask(text, proc, default=default if default is not None else ("" if optional else None),
                show_default=bool(default))


def _known(value, table, fallback):
    return value if value in table else fallback


def ask_indicator(known_ids: set, levels: dict, defaults: dict) -> dict:
    """Ask for each field, checking each answer at once; defaults come from the file (its
    level, task and owner, and the type of its last indicator)."""
    def check_id(value):
        if not ID.match(value) or len(value) > 64:
            raise click.UsageError("编号须字母开头，只含字母、数字、下划线（最长 64 个字符）")
        if value in known_ids:
            raise click.UsageError(f"编号 {value} 已被使用")

    fields = {"id": _prompt_text("指标编号 (id)", check=check_id)}
    fields["name"] = _prompt_text("指标名称 (name)")
    fields["level"] = _prompt_choice("层面 (level)", levels, default=_known(defaults.get("level"), levels, next(iter(levels))),
                                     words=dict(levels))
    fields["task"] = _prompt_text("建设任务 (task)", default=defaults.get("task"))
    fields["type"] = _prompt_choice("指标类型 (type)", TYPES, default=_known(defaults.get("last_type"), TYPES, "quantity"))
    if fields["type"] == "benefit":
        fields["subtype"] = _prompt_choice("效益子类 (subtype)", SUBTYPES,
                                           default=_known(defaults.get("last_subtype"), SUBTYPES, "social"))
    fields["unit"] = _prompt_text("计量单位 (unit，如 项、人次、%、万元、日期)",
                                  default="%" if fields["type"] == "satisfaction" else "项")
    ways = directions.registry()
    fields["direction"] = _prompt_choice("达标方向 (direction)", ways,
                                         default=directions.default_for(fields["type"], fields["unit"]),
                                         words={name: t(f"directions.prompt_{name}", "zh") for name in ways})
    for key, prompt, parse, default in ways[fields["direction"]].questions(fields):
        fields[key] = _ask(prompt, _usage_error(parse), default=default)
    fields["owner"] = _prompt_text("责任部门 (owner，可不填)", default=defaults.get("owner"), optional=True)
    return fields


def _rules_dir_of(path: Path) -> Path | None:
    folder = path.parent
    return folder if (folder / "settings.yaml").exists() or (folder / "settings.yml").exists() else None


def _schema_ref(path: Path) -> str:
    local = path.parent.parent / "schemas" / "rules.schema.json"
    target = local if local.exists() else SCHEMA_DIR / "rules.schema.json"
    try:
        return Path(os.path.relpath(target.resolve(), path.parent.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return target.resolve().as_uri()


def _check_after(path: Path, rules_dir: Path | None) -> list[Problem]:
    if rules_dir is not None:
        try:
            load_rules(rules_dir)
        except InputError as exc:
            return exc.problems
        return []
    doc, problems = load_yaml(path, display(path))
    if doc.data is not None:
        problems += schema_check.check(doc, "rules")
    return [p for p in problems if p.level == "error"]


def add_indicator(path: Path, fields: dict) -> int:
    """Append the indicator to the file (created if absent); returns its first line.
    The rest of the file is left as it was; if the rules do not load afterwards, the file is
    restored (or removed, if this created it) and the problems are raised."""
    path = Path(path)
    rules_dir = _rules_dir_of(path)
    existed = path.exists()
    original = path.read_bytes() if existed else b""
    if existed:
        text = original.decode("utf-8-sig")
        newline = "\r\n" if "\r\n" in text else "\n"
        defaults, dash = _layout(path, text)
        lead = "" if text.endswith(("\n", "\r")) else newline
        addition = lead + newline + indicator_text(fields, dash, defaults, newline)
        first_line = text.count("\n") + (1 if lead else 0) + 2
    else:
        newline = "\n"
        header = (f"# yaml-language-server: $schema={_schema_ref(path)}\n"
                  f"level: {fields['level']}\n"
                  f"task: {_dump(fields['task'])}\n"
                  "indicators:\n")
        addition = header + indicator_text(fields, 2, {"level": fields["level"], "task": fields["task"]})
        first_line = 5
    write_atomic(path, original + addition.encode("utf-8"), [])  # whole or not at all: never half an indicator
    problems = _check_after(path, rules_dir)
    if problems:
        if existed:
            write_atomic(path, original, [])
        else:
            path.unlink(missing_ok=True)
        raise InputError(problems + [Problem("new.restored", display(path))])
    return first_line


def _context(path: Path):
    """(ids already used, levels, the file's defaults) for the prompts."""
    rules_dir = _rules_dir_of(path)
    ids, levels, defaults = set(), dict(DEFAULT_LEVELS), {}
    if rules_dir is not None:
        rules = load_rules(rules_dir)  # broken rules: say so now rather than after the questions
        ids = {i.id for i in rules.indicators}
        levels = dict(rules.settings.levels or DEFAULT_LEVELS)
    if path.exists():
        if path.stem in SPECIAL:
            raise InputError([Problem("new.not_rule_file", display(path), params={"file": display(path)})])
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        defaults, _dash = _layout(path, text)
        if rules_dir is None:
            doc, _ = load_yaml(path, display(path))
            ids = {i.get("id") for i in doc.data.get("indicators", []) if isinstance(i, dict)}
    elif path.stem in SPECIAL:
        raise InputError([Problem("new.not_rule_file", display(path), params={"file": display(path)})])
    return ids, levels, defaults


@click.group("new")
def new_group():
    """新建规则内容（目前有：indicator 指标）。"""


@new_group.command("indicator")
@click.option("--file", "file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="追加到哪个规则文件（不存在则新建）；不写时会询问")
def new_indicator(file):
    """逐项询问一个指标的内容，追加到规则文件末尾（文件其余部分不变），再检查规则能否载入。"""
    if file is None:
        candidates = sorted(p for p in Path("rules").glob("*.yaml") if p.stem not in SPECIAL) \
            if Path("rules").is_dir() else []
        file = Path(click.prompt("规则文件", default=str(candidates[0] if candidates else Path("rules/indicators.yaml"))))
    ids, levels, defaults = _context(file)
    fields = ask_indicator(ids, levels, defaults)
    line = add_indicator(file, fields)
    click.echo(f"已把指标 {fields['id']} 追加到 {display(file)} 第 {line} 行；规则检查通过。")
