"""Words of the command line: messages on stderr, refusals of options, progress labels."""

TEXTS = {  # key: (zh, en)
    "binary_needs_output": ("{name} 是二进制文件，不能输出到屏幕：请用 --output 指定文件，如 --output 绩效{suffix}",
                            "{name} is a binary file and cannot be printed: give a file with --output, "
                            "such as --output report{suffix}"),
    "rule_error": ("规则错误 {id}: {note}", "rule error {id}: {note}"),
    "evaluating": ("评估 {date}", "evaluating {date}"),
}
TEXTS.update({
    "format_help": ("输出格式", "output format"),
    "against_help": ("与之比较的较早快照日期，如 2020-12-31", "the earlier snapshot to compare with, such as 2020-12-31"),
    "against_not_earlier": ("--against {against} 应早于 --snapshot {snapshot}"
                            "（较早的快照写在 --against，如 --snapshot 2021-12-31 --against 2020-12-31）",
                            "--against {against} should be earlier than --snapshot {snapshot}"
                            " (the earlier snapshot goes in --against, e.g. --snapshot 2021-12-31 --against 2020-12-31)"),
})
