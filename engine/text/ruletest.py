"""Words of `jixiao test` (engine/authoring/ruletest/, engine/cli/test.py): results, failures and
the trace of what the engine did. Problems with test files are in messages.py (ruletest.*)."""

TEXTS = {  # key: (zh, en)
    "help_rules": ("被测的规则目录（代替测试文件中的 rules:，默认为 tests/ 的上一级文件夹）",
                   "the rule folder under test (instead of the test files' rules:; default: the folder above tests/)"),
    "help_keyword": ("只运行名称中含这段文字的用例", "run only the cases whose name contains this text"),
    "help_quiet": ("只列出失败的用例", "list only the failing cases"),
    "no_match": ("-k {keyword}：没有名称含这段文字的用例", "-k {keyword}: no case name contains this text"),
    # one line per case, and the total
    "pass": ("通过", "PASS"),
    "fail": ("失败", "FAIL"),
    "line": ("第 {n} 行", "line {n}"),
    "total": ("通过 {passed} 个，失败 {failed} 个", "{passed} passed, {failed} failed"),
    # a failing expectation: its head, then one line per check
    "of_unit": ("（单位 {unit}）", " (unit {unit})"),
    "status": ("状态", "status"),
    "flags": ("标记", "flags"),
    "not_flags": ("标记", "flags"),
    "note_contains": ("说明应含", "note contains"),
    "actual": ("实际值", "actual"),
    "target": ("目标", "target"),
    "expected_got": ("期望 {expected}；实际 {got}", "expected {expected}; got {got}"),
    "includes_got": ("期望包含 {expected}；实际 {got}", "expected to include {expected}; got {got}"),
    "no_flags_got": ("期望没有任何标记；实际 {got}", "expected no flags; got {got}"),
    "excludes_got": ("期望没有 {expected}；实际 {got}", "expected none of {expected}; got {got}"),
    "lacking_got": ("缺少 {lacking}；实际 {got}", "lacking {lacking}; got {got}"),
    "quoted": ("“{text}”", "\"{text}\""),
    # a code users write, with its words (in English the code says it)
    "coded": ("{code} {words}", "{code}"),
    "code_sep": (", ", ", "),
    "none": ("（无）", "(none)"),
    # the trace: what the engine did
    "trace": ("过程", "trace"),
    "no_record": ("没有评估结果", "no result"),
    "no_target": ("没有适用目标", "no applicable target"),
    "target_at": ("{target}（{stage}，{where}）", "{target} ({stage}, {where})"),
    "by_formula": ("{actual}（公式 {formula}，{rule}）", "{actual} (formula {formula}, {rule})"),
    "from_row": ("{actual}（{file}:{row}）", "{actual} ({file}:{row})"),
    "completion": ("{actual}；完成 {completion}%", "{actual}; completion {completion}%"),
    "flag_list": ("标记", "flags"),
    "note": ("说明", "note"),
}
