"""Words of `jixiao validate` (engine/check/, engine/cli/validate.py). The docs of the checks
are in checks.py; the problems they report in messages.py."""

TEXTS = {
    "command_help": ("检查规则与数据快照，一次列出全部问题（文件:行:列、级别、代码、说明与修改方法）。\n\n"
                     "PATH 可以是规则目录或规则文件、数据目录、某个快照目录或其中的文件；只列出这些路径中的问题。"
                     "不写 PATH 时检查 --rules 与 --datasets 中的全部快照。有错误时退出码为 2，只有警告时为 0。",
                     "Check the rules and snapshots and list every problem at once (file:line:column, level, code, "
                     "message and fix).\n\nPATH may be a rule folder or file, a datasets folder, a snapshot folder "
                     "or a file in one: only their problems are listed. Without PATH every snapshot of --rules and "
                     "--datasets is checked. Exit code 2 on errors, 0 with warnings only."),
    "way_higher": ("越高越好", "higher is better"),
    "way_lower": ("越低越好", "lower is better"),
    # what an unknown ledger breaks
    "what_indicator": ("指标 {id} 为“规则错误”", "indicator {id} will be a rule error"),
    "what_table": ("表 {id} 无法计算", "table {id} cannot be computed"),
    # what a missing value row leads to
    "missing_when_due": ("评估时为“数据缺失”", "it will be evaluated as missing"),
    "missing_once_due": ("该快照尚无适用目标（未到期），到期后将为“数据缺失”", "nothing is due yet; once due it will be missing"),
    "units_lacking": ("（单位 {units}）", " (units {units})"),
    "tried_not_done": ("未完成", "not done"),
    # the note a condition is tried with (any text: conditions ask whether a note is written)
    "tried_note": ("说明", "说明"),
    # the line under the human format
    "checked": ("已检查：规则 {rules}（{count} 个指标），快照 {dates}", "checked: rules {rules} ({count} indicators), snapshots {dates}"),
    "no_snapshots": ("无", "none"),
    "hidden": ("；另有 {hidden} 个问题不在所列路径中（不带路径运行 jixiao validate 可看到全部）",
               "; {hidden} more problem(s) outside the paths given (run jixiao validate without paths to see all)"),
    "format_help": ("human：按文件分组；parsable：每行一个 文件:行:列: 级别: 说明 [代码]；json",
                    "human: grouped by file; parsable: one file:line:column: level: message [code] a line; json"),
}
