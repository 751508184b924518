"""Words of the command line: option help, usage errors, messages on stderr, progress labels.

Help and usage errors are shown in Chinese (click parses options before --lang is known)."""

TEXTS = {  # key: (zh, en)
    "jixiao_help": ("jixiao 绩效：用 YAML 规则评估“双高计划”绩效指标。",
                    "jixiao: evaluate the performance indicators of the 双高计划 with YAML rules."),
    "evaluate_help": ("评估某一快照日期的全部指标。", "evaluate every indicator at one snapshot date."),
    # options several commands share (engine/cli/options.py)
    "snapshot_help": ("快照日期，即 datasets/ 下的文件夹名，如 2021-12-31",
                      "the snapshot's date: the folder's name under datasets/, such as 2021-12-31"),
    "rules_help": ("规则目录", "the rule folder"),
    "datasets_help": ("数据快照目录", "the datasets folder"),
    "unit_help": ("只输出这个单位", "this unit only"),
    "lang_help": ("语言", "language"),
    "output_help": ("写入文件（默认输出到屏幕）；整体写入，不覆盖输入文件",
                    "write to this file (else print); written whole, never over an input"),
    # jixiao and evaluate
    "version_help": ("显示版本并退出。", "Show the version and exit."),
    "version": ("%(prog)s 版本 %(version)s", "%(prog)s, version %(version)s"),
    "evaluate_format_help": ("输出格式；不写时按 --output 的扩展名（{suffixes}），否则为 table",
                             "output format; without it, chosen by the --output suffix ({suffixes}), else table"),
    "exceptions_only_help": ("只输出异常清单", "show the exception list only"),
    "all_help": ("表格和 Markdown 输出中列出全部指标及其状态（JSON、CSV、XLSX 本来就列出全部指标）",
                 "list every indicator with its status in the table and Markdown outputs (JSON, CSV and XLSX always do)"),
    "all_or_exceptions": ("--all 与 --exceptions-only 只能选一个", "--all and --exceptions-only cannot be used together"),
    "fail_on_help": ("有指标处于此状态或更差时退出码为 1（in_progress 含正在推进、未达成、缺失、规则错误）",
                     "exit code 1 when an indicator is in this status or worse "
                     "(in_progress: in progress, not achieved, missing, rule error)"),
    # explain
    "explain_format": ("text：中文说明；json：同样的过程，作为数据", "text: in words; json: the same account as data"),
    "explain_help": ("说明一个指标在某一快照的完整判断过程：规则、适用的阶段目标、实际值来源、达标与超额条件、状态、标记、原因。",
                     "one indicator's whole decision at a snapshot: the rule, the target applied, where the actual "
                     "value came from, the pass and overshoot conditions, the status, flags and cause."),
    # compare and report
    "format_help": ("输出格式", "output format"),
    "against_help": ("与之比较的较早快照日期，如 2020-12-31", "the earlier snapshot to compare with, such as 2020-12-31"),
    "against_not_earlier": ("--against {against} 应早于 --snapshot {snapshot}"
                            "（较早的快照写在 --against，如 --snapshot 2021-12-31 --against 2020-12-31）",
                            "--against {against} should be earlier than --snapshot {snapshot}"
                            " (the earlier snapshot goes in --against, e.g. --snapshot 2021-12-31 --against 2020-12-31)"),
    "report_format_help": ("输出格式；不写时按 --output 的扩展名（.html、.htm 为 html，.docx 为 Word 文档 docx），否则为 markdown",
                           "output format; without it, html for an --output ending .html or .htm, docx (Word) for "
                           ".docx, else markdown"),
    "workbook_help": ("同时写出 Excel 工作簿（与 evaluate --format xlsx 相同），如 绩效.xlsx",
                      "also write the Excel workbook (as evaluate --format xlsx does), such as report.xlsx"),
    "forecast_skipped": ("跳过快照 {date}：{reason}", "snapshot {date} left out: {reason}"),
    "report_against_help": ("与较早的快照日期对比，如 2020-12-31", "compare with an earlier snapshot date, such as 2020-12-31"),
    "workbook_is_output": ("--workbook 与 --output 不能是同一个文件", "--workbook and --output cannot be the same file"),
    "report_not_workbook": ("报告是 Markdown、HTML 或 Word 文件（.md、.html、.docx）；Excel 工作簿请用 --workbook 绩效.xlsx，"
                            "或 jixiao evaluate --format xlsx；绩效自评表用 jixiao evaluate --format form --output 自评表.xlsx",
                            "the report is a Markdown, HTML or Word file (.md, .html, .docx); for the Excel workbook use "
                            "--workbook report.xlsx, or jixiao evaluate --format xlsx; for the self-evaluation form "
                            "jixiao evaluate --format form --output form.xlsx"),
    "binary_needs_output": ("{name} 是二进制文件，不能输出到屏幕：请用 --output 指定文件，如 --output 绩效{suffix}",
                            "{name} is a binary file and cannot be printed: give a file with --output, "
                            "such as --output report{suffix}"),
    # why an output file cannot be written (engine/core/output.py)
    "link_loop": ("符号链接循环指向自身", "a symbolic link loops back on itself"),
    "output_is_folder": ("这是一个文件夹，请给出文件名", "it is a folder; give a file name"),
    # while running
    "evaluating": ("评估 {date}", "evaluating {date}"),
    "evaluating_snapshots": ("评估各快照", "snapshots"),
    "rule_error": ("规则错误 {id}: {note}", "rule error {id}: {note}"),
    # how a run ends (engine/cli/app.py)
    "usage_error": ("用法错误：{text}\n运行 {command} --help 查看用法", "usage error: {text}\nrun {command} --help for usage"),
    "missing_option": ("缺少选项 {name}（{detail}）", "missing option {name} ({detail})"),
    "did_you_mean": ("；是不是 {near}", "; did you mean {near}"),
    "no_such_option": ("没有选项 {name}{near}", "no such option {name}{near}"),
    "bad_choice": ("选项 {name} 的值不对：应为 {choices} 之一", "invalid value for {name}: should be one of {choices}"),
    "bad_value": ("选项 {name} 的值不对：{detail}", "invalid value for {name}: {detail}"),
    "interrupted": ("已中断，未写入任何文件", "interrupted; no file was written"),
    "defect": ("jixiao 内部错误（这是程序缺陷，不是您的输入问题，请报告）：{kind}: {text}\n"
               "设置环境变量 JIXIAO_DEBUG=1 后重新运行可看到详细信息",
               "jixiao internal error (a defect of the program, not of your input; please report it): {kind}: {text}\n"
               "run again with the environment variable JIXIAO_DEBUG=1 to see the details"),
}
