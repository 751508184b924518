"""Words of the command line: messages on stderr, refusals of options, progress labels."""

TEXTS = {  # key: (zh, en)
    "binary_needs_output": ("{name} 是二进制文件，不能输出到屏幕：请用 --output 指定文件，如 --output 绩效{suffix}",
                            "{name} is a binary file and cannot be printed: give a file with --output, "
                            "such as --output report{suffix}"),
    "rule_error": ("规则错误 {id}: {note}", "rule error {id}: {note}"),
    "evaluating": ("评估 {date}", "evaluating {date}"),
}
