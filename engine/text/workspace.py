"""Words of `jixiao init` (engine/authoring/workspace.py, engine/cli/init.py). Chinese only today;
the files a workspace starts with are in engine/authoring/templates/workspace/."""

TEXTS = {  # key: (zh, en)
    "help_year": ("快照年份（默认今年）；建设期从这一年起共 5 年",
                  "the snapshot's year (default: this year); the period runs 5 years from it"),
    "help_college": ("学校名称", "the college's name"),
    "default_college": ("某某职业技术学院", "Example Vocational and Technical College"),
    "college_blank": ("学校名称不能为空，也不能分行", "the college's name cannot be blank or span lines"),
    "list_sep": ("、", ", "),
    "created": (
        "已创建工作区 {dir}：\n"
        "  {dir}/rules/                 规则（settings.yaml、causes.yaml、tables.yaml 和 7 个示例指标文件）\n"
        "  {dir}/rules/tests/example.yaml  规则测试\n"
        "  {dir}/datasets/{date}/    数据快照：values.xlsx 数值表模板，achievements.xlsx 成果台账、\n"
        "                               funds.xlsx 资金台账、budget.xlsx 预算台账\n"
        "  {dir}/schemas/               编辑器提示用的 JSON Schema\n"
        "下一步：\n"
        "  1. 把 rules/ 中的示例指标改成本校任务书中的指标（或用 jixiao new indicator 添加）\n"
        "  2. 在 values.xlsx 中填写实际值\n"
        "  3. jixiao evaluate --rules {dir}/rules --datasets {dir}/datasets --snapshot {date}\n"
        "  4. jixiao test {dir}/rules/tests\n"
        "  5. 下一个快照：jixiao new snapshot 日期 --rules {dir}/rules --datasets {dir}/datasets",
        "Created the workspace {dir}:\n"
        "  {dir}/rules/                 rules (settings.yaml, causes.yaml, tables.yaml and 7 example indicator files)\n"
        "  {dir}/rules/tests/example.yaml  rule tests\n"
        "  {dir}/datasets/{date}/    data snapshot: values.xlsx value-table template, achievements.xlsx,\n"
        "                               funds.xlsx and budget.xlsx ledgers\n"
        "  {dir}/schemas/               JSON Schemas for editor hints\n"
        "Next:\n"
        "  1. change the example indicators in rules/ into your college's (or add them with jixiao new indicator)\n"
        "  2. fill in the actual values in values.xlsx\n"
        "  3. jixiao evaluate --rules {dir}/rules --datasets {dir}/datasets --snapshot {date}\n"
        "  4. jixiao test {dir}/rules/tests\n"
        "  5. the next snapshot: jixiao new snapshot DATE --rules {dir}/rules --datasets {dir}/datasets"),
}
