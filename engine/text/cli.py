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
TEXTS.update({
    "evaluate_format_help": ("输出格式；不写时按 --output 的扩展名（{suffixes}），否则为 table",
                             "output format; without it, chosen by the --output suffix ({suffixes}), else table"),
})
TEXTS.update({
    "report_format_help": ("输出格式；不写时按 --output 的扩展名（.html、.htm 为 html），否则为 markdown",
                           "output format; without it, html for an --output ending .html or .htm, else markdown"),
    "workbook_help": ("同时写出 Excel 工作簿（与 evaluate --format xlsx 相同），如 绩效.xlsx",
                      "also write the Excel workbook (as evaluate --format xlsx does), such as report.xlsx"),
    "report_against_help": ("与较早的快照日期对比，如 2020-12-31", "compare with an earlier snapshot date, such as 2020-12-31"),
    "workbook_is_output": ("--workbook 与 --output 不能是同一个文件", "--workbook and --output cannot be the same file"),
    "evaluating_snapshots": ("评估各快照", "snapshots"),
    "report_not_workbook": ("报告是 Markdown 或 HTML 文件（.md、.html）；Excel 工作簿请用 --workbook 绩效.xlsx，"
                            "或 jixiao evaluate --format xlsx",
                            "the report is a Markdown or HTML file (.md, .html); for the Excel workbook use "
                            "--workbook report.xlsx, or jixiao evaluate --format xlsx"),
})
