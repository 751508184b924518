"""Loading rule files: every problem located (file, line, column, path), all at once, in Chinese
by default and in English on request; and every problem code has its texts."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, SETTINGS, write_workspace
from engine.text.messages import PROBLEMS, RULE_ERRORS
from engine.core.problems import InputError, Problem
from engine.load.rules import load_rules

HEAD = "level: school\ntask: 建设任务\nindicators:\n"  # indicators start on line 4


def ind(id_="S_A", *, type_="quantity", direction="higher", targets="      2021-12-31: 5\n", extra=""):
    """One indicator, 7 lines with the default targets (after HEAD: lines 4-10, 11-17, 18-24 …)."""
    text = (f"  - id: {id_}\n"
            f"    name: 指标{id_}\n"
            f"    type: {type_}\n"
            f"    unit: 项\n"
            f"    direction: {direction}\n")
    if targets is not None:
        text += "    targets:\n" + targets
    return text + extra


def problems_of(tmp_path: Path, rules: dict) -> list[Problem]:
    write_workspace(tmp_path, rules, {})
    with pytest.raises(InputError) as info:
        load_rules(tmp_path / "rules")
    assert info.value.problems, "InputError without problems"
    return info.value.problems


def name(p: Problem) -> str:
    return Path(p.file).name


def brief(problems) -> list[tuple]:
    return sorted((name(p), p.line, p.code) for p in problems)


def only(problems, code) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [(p.code, p.line, p.path) for p in problems]
    return found[0]


def test_valid_minimal_rules_load(tmp_path):
    write_workspace(tmp_path, {"school.yaml": HEAD + ind()}, {})
    rules = load_rules(tmp_path / "rules")
    [i] = rules.indicators
    assert (i.id, i.level, i.task, i.targets) == ("S_A", "school", "建设任务", [("2021-12-31", 5)])
    assert i.line == 4 and i.lines["targets.2021-12-31"] == 10


# --- schema problems carry file, line, column and path -------------------------------------

def test_unknown_key_is_located_at_the_key_and_suggests_the_near_key(tmp_path):
    text = HEAD + ind() + ind("S_B").replace("    direction: higher\n", "    directon: higher\n")
    problems = problems_of(tmp_path, {"school.yaml": text})
    p = only(problems, "schema.unknown_key")
    assert (name(p), p.line, p.col, p.path) == ("school.yaml", 15, 5, "indicators[1].directon")
    assert p.params["key"] == "directon" and p.params["near"] == "direction"
    assert "directon" in p.message("zh") and "是不是 direction" in p.fix("zh")
    assert p.fix("en").startswith("did you mean direction?")
    # and the key it stands for is therefore missing
    req = only(problems, "schema.required")
    assert (req.line, req.col, req.path, req.params["key"]) == (11, 5, "indicators[1]", ["direction"])


def test_unknown_key_without_a_near_key_drops_the_did_you_mean(tmp_path):
    text = HEAD + ind(extra="    zzzqqq: 1\n")
    p = only(problems_of(tmp_path, {"school.yaml": text}), "schema.unknown_key")
    assert p.params["near"] == ""
    assert not p.fix("zh").startswith("是不是") and p.fix("zh").startswith("可用的键：")
    assert not p.fix("en").startswith("did you mean") and p.fix("en").startswith("Known keys:")


def test_string_target_for_higher_indicator_is_target_kind(tmp_path):
    text = HEAD + ind(targets='      2021-12-31: "很多"\n')
    p = only(problems_of(tmp_path, {"school.yaml": text}), "rules.target_kind")
    assert (p.line, p.col, p.path) == (10, 7, "indicators[0].targets.2021-12-31")
    assert p.params["value"] == "很多" and p.params["direction"] == "higher"
    assert p.message("zh") == "目标值 很多 与达标方向 higher 不符"


def test_enum_typo_points_at_the_value_and_suggests_the_near_value(tmp_path):
    text = HEAD + ind(type_="quantiy")
    p = only(problems_of(tmp_path, {"school.yaml": text}), "schema.enum")
    assert (p.line, p.col, p.path) == (6, 11, "indicators[0].type")
    assert p.params["near"] == "quantity" and p.params["value"] == "quantiy"
    assert p.message("zh") == "quantiy 不是允许的值"
    assert p.fix("zh").startswith("是不是 quantity？")


def test_missing_required_key(tmp_path):
    text = HEAD + ind().replace("    name: 指标S_A\n", "")
    p = only(problems_of(tmp_path, {"school.yaml": text}), "schema.required")
    assert (p.line, p.col, p.path, p.params["key"]) == (4, 5, "indicators[0]", ["name"])
    assert p.message("zh") == "缺少必填项 name" and "指标名称" in p.fix("zh")


def test_benefit_without_subtype(tmp_path):
    text = HEAD + ind(type_="benefit")
    p = only(problems_of(tmp_path, {"school.yaml": text}), "schema.required")
    assert (p.line, p.path, p.params["key"]) == (4, "indicators[0]", ["subtype"])


def test_grade_without_scale(tmp_path):
    text = HEAD + ind(direction="grade", targets="      2021-12-31: 良\n")
    problems = problems_of(tmp_path, {"school.yaml": text})
    p = only(problems, "schema.required")
    assert (p.line, p.path, p.params["key"]) == (4, "indicators[0]", ["scale"])


def test_deadline_direction_without_deadline(tmp_path):
    text = HEAD + ind(type_="timeliness", direction="deadline", targets=None)
    p = only(problems_of(tmp_path, {"school.yaml": text}), "schema.required")
    assert (p.line, p.path, p.params["key"]) == (4, "indicators[0]", ["deadline"])


@pytest.mark.parametrize("bad_id", ["S-A", "1ST", "_A"])
def test_badly_formed_ids(tmp_path, bad_id):
    text = HEAD + ind() + ind(bad_id)
    p = only(problems_of(tmp_path, {"school.yaml": text}), "schema.pattern")
    assert (p.line, p.col, p.path, p.params["value"]) == (11, 9, "indicators[1].id", bad_id)
    assert "字母开头" in p.fix("zh")


def test_numeric_id_is_a_type_problem(tmp_path):
    text = HEAD + ind("123")
    p = only(problems_of(tmp_path, {"school.yaml": text}), "schema.type")
    assert (p.line, p.col, p.path) == (4, 9, "indicators[0].id")
    assert p.message("zh") == "这里应为文字，写的是数字：123"
    assert p.message("en") == "expected text here, found a number: 123"


def test_two_missing_keys_of_one_indicator_are_both_reported(tmp_path):
    text = HEAD + ind(type_="benefit", direction="grade", targets="      2021-12-31: 良\n")
    problems = problems_of(tmp_path, {"school.yaml": text})
    missing = {key for p in problems if p.code == "schema.required" for key in p.params["key"]}
    assert missing == {"subtype", "scale"}


def test_every_missing_required_key_is_named(tmp_path):
    text = HEAD + ind().replace("    name: 指标S_A\n", "").replace("    unit: 项\n", "")
    problems = problems_of(tmp_path, {"school.yaml": text})
    named = " ".join(p.message("zh") for p in problems if p.code == "schema.required")
    assert "name" in named and "unit" in named


# --- every problem at once -----------------------------------------------------------------

FIVE_MISTAKES = HEAD + (
    ind("S_A", type_="quantiy")                                            # line 6: enum
    + ind("S_B").replace("    unit: 项\n", "    unitt: 项\n")               # line 14: unknown key
    + ind("S-C")                                                           # line 18: id pattern
    + ind("S_D", targets='      2021-12-31: "五"\n')                        # line 31: target kind
    + ind("S_E", targets="      2021-12-31: 5\n      2021-12-31: 6\n")     # line 39: duplicate key
)


def test_five_mistakes_give_five_problems_on_five_lines(tmp_path):
    problems = problems_of(tmp_path, {"school.yaml": FIVE_MISTAKES})
    got = {(p.line, p.code) for p in problems}
    five = {(6, "schema.enum"), (14, "schema.unknown_key"), (18, "schema.pattern"),
            (31, "rules.target_kind"), (39, "yaml.duplicate_key")}
    assert five <= got
    # the unknown key also leaves `unit` missing on S_B (line 11); nothing else
    assert got - five == {(11, "schema.required")}
    assert all(name(p) == "school.yaml" and p.level == "error" for p in problems)


def test_problems_of_several_files_are_reported_together(tmp_path):
    group = "level: group\ntask: 专业群\nindicators:\n" + ind("G_A", type_="quantiy")
    settings = SETTINGS + "  far_beyond_ratio_x: 3\n"
    causes = "causes:\n  pandemic: {zh: 疫情, en: pandemic, category: 外部因素}\n"
    problems = problems_of(tmp_path, {"school.yaml": FIVE_MISTAKES, "group.yaml": group,
                                      "settings.yaml": settings, "causes.yaml": causes})
    files = {name(p) for p in problems}
    assert files == {"school.yaml", "group.yaml", "settings.yaml", "causes.yaml"}
    assert ("group.yaml", 6, "schema.enum") in brief(problems)
    assert ("settings.yaml", 5, "schema.unknown_key") in brief(problems)
    assert ("causes.yaml", 2, "schema.enum") in brief(problems)
    # the schema problems of the indicator file are there even though settings has errors
    assert {("school.yaml", 6, "schema.enum"), ("school.yaml", 14, "schema.unknown_key")} <= set(brief(problems))
    # sorted by file, then line
    assert problems == sorted(problems, key=Problem.sort_key)


# --- duplicates -----------------------------------------------------------------------------

def test_duplicate_target_date_names_both_lines(tmp_path):
    text = HEAD + ind(targets="      2021-12-31: 5\n      2023-12-31: 9\n      2021-12-31: 6\n")
    p = only(problems_of(tmp_path, {"school.yaml": text}), "yaml.duplicate_key")
    assert (p.line, p.col, p.path) == (12, 7, "indicators[0].targets.2021-12-31")
    assert p.params == {"key": "2021-12-31", "first_line": 10}
    assert p.message("zh") == "键 2021-12-31 重复出现（第一次在第 10 行），后一个会覆盖前一个"
    assert "first on line 10" in p.message("en")


@pytest.mark.parametrize("where, line, first", [
    ("top", 2, 1),        # level: twice at the top of the file
    ("indicator", 8, 7),  # unit: twice in one indicator
])
def test_duplicate_keys_in_any_mapping(tmp_path, where, line, first):
    if where == "top":
        text = "level: school\nlevel: group\ntask: t\nindicators:\n" + ind()
    else:
        text = HEAD + ind().replace("    unit: 项\n", "    unit: 项\n    unit: 个\n")
    p = only(problems_of(tmp_path, {"school.yaml": text}), "yaml.duplicate_key")
    assert (p.line, p.params["first_line"]) == (line, first)


def test_duplicate_key_in_settings(tmp_path):
    settings = "settings:\n  period: {start: 2019-01-01, end: 2023-12-31}\n  far_beyond_ratio: 2\n  far_beyond_ratio: 3\n"
    p = only(problems_of(tmp_path, {"settings.yaml": settings, "school.yaml": HEAD + ind()}), "yaml.duplicate_key")
    assert (name(p), p.line, p.params["first_line"]) == ("settings.yaml", 4, 3)


def test_duplicate_id_across_files_names_both_places(tmp_path):
    a = HEAD + ind("S_X")
    b = HEAD + ind("S_Y") + ind("S_X")
    p = only(problems_of(tmp_path, {"a.yaml": a, "b.yaml": b}), "rules.duplicate_id")
    assert (name(p), p.line, p.col, p.path) == ("b.yaml", 11, 5, "indicators[1].id")
    assert p.params["id"] == "S_X"
    assert p.params["other"].endswith("a.yaml:4")
    assert "a.yaml:4" in p.message("zh") and "S_X" in p.message("zh")


# --- YAML itself ----------------------------------------------------------------------------

def test_yaml_syntax_error_is_located(tmp_path):
    text = HEAD + ind().replace("    unit: 项\n", "    unit: [项\n")
    [p] = problems_of(tmp_path, {"school.yaml": text})
    assert (name(p), p.code, p.line) == ("school.yaml", "yaml.syntax", 8)
    assert p.col is not None
    assert p.message("zh").startswith("YAML 语法错误：")
    assert p.message("en").startswith("YAML syntax error:")


TAB_TEXT = HEAD + ind().replace("    unit: 项\n", "\tunit: 项\n")


def test_tab_character_is_located(tmp_path):
    [p] = problems_of(tmp_path, {"school.yaml": TAB_TEXT})
    assert (name(p), p.line, p.col) == ("school.yaml", 7, 1)
    assert p.code in ("yaml.tab", "yaml.syntax")


def test_tab_character_gets_the_tab_message(tmp_path):
    [p] = problems_of(tmp_path, {"school.yaml": TAB_TEXT})
    assert p.code == "yaml.tab"
    assert "Tab" in p.message("zh") and "tab" in p.message("en")


def test_tab_before_a_list_item_gets_the_tab_message(tmp_path):
    text = "level: school\ntask: t\nindicators:\n\t- id: S_A\n"
    [p] = problems_of(tmp_path, {"school.yaml": text})
    assert (p.code, p.line, p.col) == ("yaml.tab", 4, 1)


def test_syntax_errors_in_two_files_are_both_reported(tmp_path):
    worse = HEAD + ind("S_B").replace("    unit: 项\n", "    unit: [项\n")
    problems = problems_of(tmp_path, {"a.yaml": TAB_TEXT, "b.yaml": worse})
    assert [(name(p), p.line) for p in problems] == [("a.yaml", 7), ("b.yaml", 8)]
    assert problems[0].code in ("yaml.tab", "yaml.syntax") and problems[1].code == "yaml.syntax"


@pytest.mark.parametrize("text", ["", "# 只有注释\n", "\n\n"])
def test_empty_file(tmp_path, text):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "empty.yaml").write_text(text, encoding="utf-8")
    problems = problems_of(tmp_path, {"school.yaml": HEAD + ind()})
    p = only(problems, "yaml.empty")
    assert name(p) == "empty.yaml"
    assert p.message("zh") == "文件是空的" and p.message("en") == "the file is empty"


def test_date_that_does_not_exist_as_target_key(tmp_path):
    text = HEAD + ind(targets="      2021-02-30: 5\n")
    problems = problems_of(tmp_path, {"school.yaml": text})
    bad = [p for p in problems if p.code == "yaml.bad_date"]
    assert bad and all((p.line, p.col) == (10, 7) for p in bad)
    assert all(p.params["value"] == "2021-02-30" for p in bad)
    assert bad[0].message("zh") == "日期 2021-02-30 不存在"


def test_date_that_does_not_exist_is_reported_once(tmp_path):
    text = HEAD + ind(targets="      2021-02-30: 5\n")
    problems = problems_of(tmp_path, {"school.yaml": text})
    assert len([p for p in problems if p.code == "yaml.bad_date"]) == 1


def test_deadline_that_does_not_exist_is_reported_once(tmp_path):
    text = HEAD + ind(type_="timeliness", direction="deadline", targets=None, extra="    deadline: 2021-02-30\n")
    problems = problems_of(tmp_path, {"school.yaml": text})
    assert len([p for p in problems if p.code == "yaml.bad_date"]) == 1


def test_python_tags_are_refused(tmp_path):
    text = HEAD + ind().replace("    name: 指标S_A\n", "    name: !!python/name:os.system ''\n")
    problems = problems_of(tmp_path, {"school.yaml": text})
    p = only(problems, "yaml.tag")
    assert (p.line, p.col, p.path) == (5, 11, "indicators[0].name")
    assert "python/name:os.system" in p.params["tag"]


def test_tags_on_lists_are_refused_too(tmp_path):
    extra = "    scale: !!python/tuple [优, 良, 合格]\n"
    text = HEAD + ind(direction="grade", targets="      2021-12-31: 良\n", extra=extra)
    problems = problems_of(tmp_path, {"school.yaml": text})
    assert only(problems, "yaml.tag").line == 11


# --- checks beyond the schema -------------------------------------------------------------

def test_unknown_level_when_settings_declares_levels(tmp_path):
    settings = SETTINGS + "  levels: {school: 学校层面, group: 专业群层面, province: 省级}\n"
    text = "task: t\nindicators:\n" + ind(extra="    level: schoool\n")
    p = only(problems_of(tmp_path, {"settings.yaml": settings, "school.yaml": text}), "rules.unknown_level")
    assert (p.line, p.col, p.path) == (10, 5, "indicators[0].level")
    assert p.params == {"value": "schoool", "allowed": ["school", "group", "province"], "near": "school"}
    assert p.message("zh") == "层面 schoool 未在 settings.yaml 的 levels 中声明"


def test_declared_extra_level_is_accepted(tmp_path):
    settings = SETTINGS + "  levels: {school: 学校层面, province: 省级}\n"
    write_workspace(tmp_path, {"settings.yaml": settings,
                               "p.yaml": "level: province\ntask: t\nindicators:\n" + ind()}, {})
    assert load_rules(tmp_path / "rules").indicators[0].level == "province"


def test_unknown_cause_code_in_rule_causes(tmp_path):
    extra = "    causes:\n      - when: actual < target\n        cause: pandemik\n"
    p = only(problems_of(tmp_path, {"school.yaml": HEAD + ind(extra=extra)}), "rules.unknown_cause")
    # the line of the cause code itself
    assert (name(p), p.line, p.col, p.path) == ("school.yaml", 13, 16, "indicators[0].causes")
    assert p.params["value"] == "pandemik" and p.params["near"] == "pandemic"
    assert p.fix("zh").startswith("是不是 pandemic？")


def test_range_with_min_above_max(tmp_path):
    text = HEAD + ind(direction="range", targets="      2021-12-31: {min: 90, max: 80}\n")
    p = only(problems_of(tmp_path, {"school.yaml": text}), "rules.range_order")
    assert (p.line, p.col, p.path) == (10, 7, "indicators[0].targets.2021-12-31")
    assert p.message("zh") == "区间下限 90 大于上限 80"
    assert p.message("en") == "range minimum 90 is above maximum 80"


def test_range_without_max_is_a_problem_not_a_crash(tmp_path):
    text = HEAD + ind(direction="range", targets="      2021-12-31: {min: 90}\n")
    problems = problems_of(tmp_path, {"school.yaml": text})
    assert any(p.line == 10 for p in problems)


def test_range_with_text_bound_is_a_problem_not_a_crash(tmp_path):
    text = HEAD + ind(direction="range", targets="      2021-12-31: {min: 很多, max: 80}\n")
    problems = problems_of(tmp_path, {"school.yaml": text})
    assert any(p.line == 10 for p in problems)


def test_list_as_cause_code_is_a_problem_not_a_crash(tmp_path):
    extra = "    causes:\n      - when: actual < target\n        cause: [policy]\n"
    problems = problems_of(tmp_path, {"school.yaml": HEAD + ind(extra=extra)})
    assert any(p.line == 13 for p in problems)


def test_grade_target_not_in_scale(tmp_path):
    extra = "    scale: [优, 良, 合格]\n"
    text = HEAD + ind(direction="grade", targets="      2021-12-31: 良\n      2023-12-31: 特优\n", extra=extra)
    p = only(problems_of(tmp_path, {"school.yaml": text}), "rules.grade_unknown")
    assert (p.line, p.path) == (11, "indicators[0].targets.2023-12-31")
    assert p.params == {"value": "特优", "allowed": ["优", "良", "合格"]}
    assert p.message("zh") == "等级 特优 不在 scale 中" and p.fix("zh") == "可用：优、良、合格"


def test_period_start_after_end(tmp_path):
    settings = "settings:\n  period: {start: 2023-01-01, end: 2019-12-31}\n"
    p = only(problems_of(tmp_path, {"settings.yaml": settings, "school.yaml": HEAD + ind()}), "rules.period_order")
    assert (name(p), p.line, p.path) == ("settings.yaml", 2, "settings.period")


def test_settings_yaml_missing(tmp_path):
    problems = problems_of(tmp_path, {"settings.yaml": None, "school.yaml": HEAD + ind()})
    p = only(problems, "rules.settings_missing")
    assert name(p) == "settings.yaml" and p.line is None
    assert p.message("zh") == "规则目录中没有 settings.yaml"
    assert "{start, end}" in p.fix("zh")  # the doubled braces of the template are undone


def test_no_indicator_files(tmp_path):
    problems = problems_of(tmp_path, {})
    p = only(problems, "rules.none")
    assert Path(p.params["dir"]).name == "rules"
    assert p.message("zh").startswith("规则目录") and p.message("zh").endswith("中没有指标文件")


def test_rules_folder_missing(tmp_path):
    with pytest.raises(InputError) as info:
        load_rules(tmp_path / "nowhere")
    assert [p.code for p in info.value.problems] == ["dir.missing"]


def test_formula_problems_do_not_stop_loading(tmp_path):
    text = HEAD + ind(extra="    pass: actaul >= target\n") + ind("S_B", extra="    actual: cout(\"x\")\n")
    write_workspace(tmp_path, {"school.yaml": text}, {})
    rules = load_rules(tmp_path / "rules")
    assert rules.rule_errors["S_A"][0][:1] == ("expr.unknown_name",)
    assert rules.rule_errors["S_A"][0][1]["near"] == "actual"
    assert rules.rule_errors["S_B"][0][0] == "expr.unknown_function"
    assert rules.rule_errors["S_B"][0][1]["near"] == "count"


# --- languages ------------------------------------------------------------------------------

def test_messages_are_chinese_by_default_and_english_on_request(tmp_path):
    problems = problems_of(tmp_path, {"school.yaml": FIVE_MISTAKES})
    enum = only(problems, "schema.enum")
    assert enum.message() == enum.message("zh") == "quantiy 不是允许的值"
    assert enum.message("en") == "quantiy is not an allowed value"
    assert enum.fix("en").startswith("did you mean quantity? Allowed:")
    dup = only(problems, "yaml.duplicate_key")
    assert dup.message() == "键 2021-12-31 重复出现（第一次在第 38 行），后一个会覆盖前一个"
    assert dup.message("en") == ("key 2021-12-31 appears twice (first on line 38); "
                                 "the later one would overwrite the earlier")
    assert dup.fix() == "删除或合并重复的键" and dup.fix("en") == "remove or merge the duplicate"
    d = dup.to_dict("en")
    assert (d["line"], d["column"], d["code"], d["message"]) == (39, 7, "yaml.duplicate_key", dup.message("en"))


def test_type_words_follow_the_language(tmp_path):
    text = "level: school\ntask: t\nindicators: 5\n"
    p = only(problems_of(tmp_path, {"school.yaml": text}), "schema.type")
    assert (p.line, p.col, p.path) == (3, 13, "indicators")
    assert p.message("zh") == "这里应为列表，写的是数字：5"
    assert p.message("en") == "expected a list here, found a number: 5"


# --- every code has its texts ----------------------------------------------------------------

CODE = re.compile(r"^(file|dir|yaml|schema|rules|snapshot|table|cli|output|expr|eval)\.[a-z_]+$")


def _engine_codes() -> dict[str, set]:
    """code -> files, for every string constant in engine/ shaped like a problem code (the keys of
    the text catalogue, t("cli.key", lang), are not problem codes)."""
    found: dict[str, set] = {}
    for path in sorted((ROOT / "engine").rglob("*.py")):
        if path.name == "messages.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value) \
                    and id(node) not in text_keys(tree):
                found.setdefault(node.value, set()).add(path.name)
    return found


def text_keys(tree) -> set:
    """ids of the constants that are keys of the text catalogue, t("area.key", …) or both("area.key", …)
    (engine/check/shown.py: the text in both languages), or pieces of f-strings that build such
    keys: words, not codes."""
    keys = {id(node.args[0]) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("t", "both") and node.args}
    return keys | {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}


def _problem_call_codes() -> set:
    """First arguments of Problem(...) calls, wherever they are literal."""
    codes = set()
    for path in sorted((ROOT / "engine").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem" and node.args:
                if isinstance(node.args[0], ast.Constant):
                    codes.add(node.args[0].value)
    return codes


def test_the_code_scan_finds_the_codes():
    codes = _engine_codes()
    assert len(codes) > 50
    assert {"yaml.duplicate_key", "schema.unknown_key", "table.bad_number", "rules.unknown_level",
            "expr.feature", "eval.unknown_column", "snapshot.missing"} <= set(codes)
    assert {"dir.missing", "rules.none", "snapshot.bad_date"} <= _problem_call_codes()


def test_every_problem_code_has_chinese_and_english_texts():
    codes = _engine_codes()
    problem_codes = {c for c in codes if not c.startswith(("expr.", "eval."))} | _problem_call_codes()
    missing = sorted(c for c in problem_codes if c not in PROBLEMS)
    assert not missing, f"codes used in engine/ without texts: {missing}"
    for code in problem_codes:
        zh, fix_zh, en, fix_en = PROBLEMS[code]
        assert zh.strip() and en.strip(), code
        assert re.search(r"[\u4e00-\u9fff]", zh), f"{code}: zh message has no Chinese"
        assert zh != en, code


def test_every_rule_error_code_has_chinese_and_english_texts():
    rule_codes = {c for c in _engine_codes() if c.startswith(("expr.", "eval."))}
    missing = sorted(c for c in rule_codes if c not in RULE_ERRORS)
    assert not missing, f"formula error codes without texts: {missing}"
    for code in rule_codes:
        zh, en = RULE_ERRORS[code]
        assert zh.strip() and en.strip() and zh != en, code
        assert re.search(r"[\u4e00-\u9fff]", zh), code


def test_every_message_template_only_uses_simple_fields():
    for code, texts in PROBLEMS.items():
        for text in texts:
            stripped = text.replace("{{", "").replace("}}", "")
            assert re.fullmatch(r"[^{}]*(\{\w+\}[^{}]*)*", stripped), (code, text)


def test_upper_case_suffix_and_broken_links_are_not_skipped(tmp_path):
    import os
    write_workspace(tmp_path, {"school.YAML": HEAD + ind()}, {})
    rules = load_rules(tmp_path / "rules")
    assert [i.id for i in rules.indicators] == ["S_A"]
    os.symlink("nowhere.yaml", tmp_path / "rules" / "group.yaml")
    os.symlink("loop.yaml", tmp_path / "rules" / "loop.yaml")
    problems = problems_of(tmp_path, {})
    found = {(name(p), p.code) for p in problems}
    assert ("group.yaml", "file.unreadable") in found and ("loop.yaml", "file.unreadable") in found
    loop = next(p for p in problems if name(p) == "loop.yaml")
    assert "符号链接循环" in loop.message("zh")


def test_unknown_level_suggests_the_near_one(tmp_path):
    p = only(problems_of(tmp_path, {"school.yaml": HEAD.replace("level: school", "level: schol") + ind()}),
             "rules.unknown_level")
    assert p.fix("zh").startswith("是不是 school？")


@pytest.mark.parametrize("reserved", ["snapshot", "target", "count", "year"])
def test_an_id_that_is_a_formula_name_is_refused(tmp_path, reserved):
    p = only(problems_of(tmp_path, {"school.yaml": HEAD + ind(reserved)}), "rules.reserved_id")
    assert p.path == "indicators[0].id" and p.line == 4 and reserved in p.message("zh")


@pytest.mark.parametrize("name", ["settings.yml", "causes.yml"])
def test_two_settings_or_cause_files_are_refused(tmp_path, name):
    from helpers import CAUSES, SETTINGS
    p = only(problems_of(tmp_path, {"school.yaml": HEAD + ind(), name: SETTINGS if name.startswith("settings") else CAUSES}),
             "rules.duplicate_file")
    assert name in p.file and p.params["other"].endswith(name.replace(".yml", ".yaml"))


def test_a_schema_pass_is_remembered_a_problem_never(tmp_path, monkeypatch):
    """The schema check's cache: a document that passed passes again without jsonschema; a document
    with a problem is checked every time; JIXIAO_CACHE=off writes nothing; the outcome is the same."""
    from engine.load import schema_check
    from engine.load.yaml_source import YamlDoc
    cache = tmp_path / "cache"
    monkeypatch.setenv("JIXIAO_CACHE", str(cache))
    good = YamlDoc("m.yaml", {"snapshot": "2021-12-31"})
    bad = YamlDoc("m.yaml", {"snapshot": "2021-12-31", "nonsense": 1})
    assert schema_check.check(good, "manifest") == []
    assert len(list((cache / "schema").iterdir())) == 1
    first = schema_check.check(bad, "manifest")
    assert first and len(list((cache / "schema").iterdir())) == 1
    monkeypatch.setattr(schema_check, "validator", lambda name: (_ for _ in ()).throw(AssertionError(name)))
    assert schema_check.check(good, "manifest") == []  # remembered: no validator asked
    with pytest.raises(AssertionError):
        schema_check.check(bad, "manifest")  # never remembered
    monkeypatch.undo()
    monkeypatch.setenv("JIXIAO_CACHE", "off")
    assert schema_check.check(bad, "manifest") == first
    assert schema_check.check(YamlDoc("m.yaml", {"snapshot": "2022-12-31"}), "manifest") == []
    assert len(list((cache / "schema").iterdir())) == 1
