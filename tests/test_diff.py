"""`jixiao diff OLD NEW`: the shipped rules against a copy with planted changes lists exactly those
changes, as the 绩效目标调整 table and JSON; git revisions are read; --snapshot shows flipped statuses."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.diff.changes import diff_rules
from engine.load.rules import load_rules
from helpers import ROOT, run_cli


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


TARGETS = ("      2021-12-31: 6\n      2022-12-31: 8\n      2023-12-31: 10\n    owner: 教务处",
           "      2021-12-31: 20\n      2022-12-31: 8\n      2023-12-31: 12\n    owner: 教务处")


@pytest.fixture(scope="module")
def targets_changed(tmp_path_factory) -> Path:
    """The shipped rules with two targets of S201 (1+X 证书制度试点数) changed and one of S202."""
    rules = tmp_path_factory.mktemp("targets") / "rules"
    shutil.copytree(ROOT / "rules", rules)
    _edit(rules / "school.yaml", *TARGETS)
    text = (rules / "school.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: S202\n")
    block = text[start:text.index("  - id: ", start + 5)]
    stage = next(line for line in block.splitlines() if line.startswith("      2021-12-31: "))
    _edit(rules / "school.yaml", block, block.replace(stage, "      2021-12-31: 99999"))
    return rules


def test_diff_between_the_shipped_rules_and_a_copy_with_changed_targets_lists_exactly_the_changes(targets_changed):
    shipped = load_rules(ROOT / "rules")
    old_s202 = dict(next(i for i in shipped.indicators if i.id == "S202").targets)["2021-12-31"]
    result = diff_rules(shipped, load_rules(targets_changed))
    assert [(c.kind, c.id, c.stage, c.old, c.new) for c in result.changes] == [
        ("target", "S201", "2021-12-31", 6, 20), ("target", "S201", "2023-12-31", 10, 12),
        ("target", "S202", "2021-12-31", old_s202, 99999)]


@pytest.fixture(scope="module")
def changed(tmp_path_factory) -> Path:
    """The shipped rules with targets changed, one indicator renamed, one with a new direction and type,
    one removed and one added."""
    rules = tmp_path_factory.mktemp("diff") / "rules"
    shutil.copytree(ROOT / "rules", rules)
    school = rules / "school.yaml"
    _edit(school, *TARGETS)
    _edit(school, "name: 1+X 证书考核通过率", "name: 1+X 证书考核平均通过率")
    text = school.read_text(encoding="utf-8")
    start = text.index("  - id: S101\n")
    end = text.index("  - id: ", start + 5)
    removed = text[start:end]
    added = removed.replace("id: S101", "id: S999").replace("name: 获评省级“一流党建示范”党支部", "name: 新增示范党支部")
    school.write_text(text[:start] + added + text[end:], encoding="utf-8")
    return rules


def test_diff_lists_exactly_the_planted_changes(changed):
    result = diff_rules(load_rules(ROOT / "rules"), load_rules(changed))
    got = {(c.kind, c.id, c.stage, str(c.old), str(c.new)) for c in result.changes}
    rename = next(c for c in result.changes if c.kind == "renamed")
    assert got == {
        ("target", "S201", "2021-12-31", "6", "20"),
        ("target", "S201", "2023-12-31", "10", "12"),
        ("renamed", rename.id, "", "1+X 证书考核通过率", "1+X 证书考核平均通过率"),
        ("added", "S999", result.changes[[c.id for c in result.changes].index("S999")].stage, "None",
         str(next(c for c in result.changes if c.id == "S999").new)),
        ("removed", "S101", next(c for c in result.changes if c.id == "S101").stage,
         str(next(c for c in result.changes if c.id == "S101").old), "None"),
    }
    assert next(c for c in result.changes if c.stage == "2021-12-31").amount[0] == 14


def test_type_and_direction_changes(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    text = (rules / "school.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: S201\n")
    block = text[start:text.index("  - id: ", start + 5)]
    (rules / "school.yaml").write_text(text.replace(block, block.replace("type: quantity", "type: quality")
                                                    .replace("direction: higher", "direction: equal")), encoding="utf-8")
    result = diff_rules(load_rules(ROOT / "rules"), load_rules(rules))
    assert {(c.kind, c.id, c.old, c.new) for c in result.changes} == {
        ("type", "S201", "quantity", "quality"), ("direction", "S201", "higher", "equal")}


def test_the_command_writes_the_adjustment_table_json_and_flips(changed, targets_changed, tmp_path):
    table = run_cli("diff", "rules", str(changed))
    assert table.returncode == 0, table.stderr
    assert "调整后目标" in table.stdout and "+14 (+233.33%)" in table.stdout
    data = json.loads(run_cli("diff", "rules", str(changed), "--format", "json").stdout)
    assert {(c["kind"], c["id"]) for c in data["changes"]} >= {("target", "S201"), ("added", "S999"), ("removed", "S101")}
    data = json.loads(run_cli("diff", "rules", str(targets_changed), "--format", "json", "--snapshot", "2021-12-31").stdout)
    flips = {(f["id"], f["old_status"], f["new_status"]) for f in data["flips"]}
    assert ("S201", "exceeded", "in_progress") in flips and len(flips) == 2   # and S202, now far out of reach
    md = run_cli("diff", "rules", str(changed), "--lang", "en", "--format", "markdown")
    assert "| indicator | change | old target | new target | amount |" in md.stdout
    book = tmp_path / "adjust.xlsx"
    assert run_cli("diff", "rules", str(changed), "--output", str(book)).returncode == 0
    from openpyxl import load_workbook
    sheet = load_workbook(book).active
    assert [c.value for c in sheet[1]] == ["指标", "调整内容", "原目标", "调整后目标", "调整幅度"]


def test_a_git_revision_is_read_and_a_bad_one_refused():
    same = run_cli("diff", "HEAD:rules", "rules")
    assert same.returncode == 0 and "0 项调整" in same.stdout, same.stderr
    bad = run_cli("diff", "no-such-revision:rules", "rules")
    assert bad.returncode == 2 and "[diff.bad_revision]" in bad.stderr and "Traceback" not in bad.stderr
