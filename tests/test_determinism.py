"""The same inputs give byte-identical outputs, whatever the order of the rows of the value
table and the ledgers, of the units, and of the files in the folders (issue 5, item 6)."""
from __future__ import annotations

import json
import pathlib
import random
import shutil
from pathlib import Path

import pytest

from engine.summarise.ledger_tables import row_order
from test_bad_inputs import run

DATE = "2021-12-31"
FORMATS = ["table", "json", "csv", "markdown"]
UNITS = {"kmvtc": "昆明工业职业技术学院", "ynvtc": "云南某职业学院", "abc": "某某学院", "甲校": "甲职业学院"}
TASKS = ["加强党的建设", "打造技术技能人才培养高地", "提升服务发展水平", "提升国际化水平"]

SETTINGS = """\
settings:
  title: 顺序无关测试
  period: {start: 2019-01-01, end: 2023-12-31}
  rounding: {mode: half_up, digits: 2}
  levels: {school: 学校层面, group: 专业群层面}
"""
CAUSES = """\
causes:
  pandemic: {zh: 受疫情影响, en: pandemic, category: 外部环境}
  policy: {zh: 上级政策原因, en: higher-level policy, category: 制度保障}
"""
TABLES = """\
tables:
  - id: budget_by_task
    title: 资金执行
    ledger: budget
    by: 建设任务
    order: [提升国际化水平, 加强党的建设]      # the others follow, sorted
    columns:
      - {id: budget, label: 预算, sum: 预算}
      - {id: spent, label: 执行, sum: 执行}
      - {id: rate, label: 执行率, ratio: [spent, budget]}
    flags:
      overspend: rate > 100
  - id: by_level
    title: 成果
    ledger: achievements
    by: 级别
    columns:
      - {id: n, label: 数量, count: true}
"""


def _indicators(level: str, prefix: str, rng: random.Random) -> str:
    out = f"level: {level}\nindicators:\n"
    for n in range(12):
        kind = n % 4
        out += f"  - id: {prefix}{n}\n    name: 指标 {prefix}{n}\n    task: {TASKS[n % len(TASKS)]}\n    unit: 项\n"
        if kind == 3:
            out += "    type: benefit\n    subtype: social\n"
        else:
            out += f"    type: {['quantity', 'quality', 'cost'][kind]}\n"
        if kind == 2:
            out += "    direction: lower\n    targets: {2021-12-31: 50, 2023-12-31: 40}\n"
        else:
            out += "    direction: higher\n    targets: {2020-12-31: 5, 2021-12-31: 10, 2023-12-31: 20}\n"
        if n == 5:
            out += '    actual: sum("budget", "执行", 建设任务="提升服务发展水平")\n'
        if n == 6:
            out += '    actual: count("achievements", 级别=["国家级", "省级"])\n'
        if n == 7:
            out += "    causes:\n      - {when: actual < target, cause: policy, note: 待上级命名}\n"
    return out


def _rows(rng: random.Random) -> list[str]:
    rows = []
    for unit in UNITS:
        for prefix in ("S", "G"):
            for n in range(12):
                if n in (5, 6):
                    continue
                value = "" if rng.random() < 0.1 else str(rng.choice([0, 3, 5, 9.99, 10, 10.01, 12.5, 30, 45, 55]))
                cause = rng.choice(["", "", "pandemic", "policy;pandemic"])
                rows.append(f"{prefix}{n},{unit},{value},{cause},{rng.choice(['', '说明'])},{rng.choice(['', '有可能'])}")
    return rows


def _ledger_rows(rng: random.Random) -> tuple[list[str], list[str]]:
    budget = [f"{unit},{rng.choice(TASKS)},{rng.choice([0.1, 0.2, 0.3, 0.7, 1e-3, 1234.56, 99.99])},"
              f"{rng.choice([0.1, 0.2, 0.3, 0.7, 1e-3, 1234.56, 99.99])}" for unit in UNITS for _ in range(40)]
    achievements = [f"{unit},成果{k},{rng.choice(['国家级', '省级', '市级'])},2021-0{rng.randint(1, 9)}-01"
                    for unit in UNITS for k in range(15)]
    return budget, achievements


def build(root: Path, shuffle: random.Random | None = None, value_rows: bool = True) -> Path:
    """One workspace; with `shuffle`, the same content with every order changed (the value
    table's rows too, unless value_rows is false)."""
    content = random.Random(7)
    rows = _rows(content)
    budget, achievements = _ledger_rows(content)
    units = list(UNITS.items())
    files = [("settings.yaml", SETTINGS), ("causes.yaml", CAUSES), ("tables.yaml", TABLES),
             ("school.yaml", _indicators("school", "S", content)), ("group.yaml", _indicators("group", "G", content))]
    if shuffle:
        for seq in (rows, budget, achievements, units, files):
            if seq is not rows or value_rows:
                shuffle.shuffle(seq)
    (root / "rules").mkdir(parents=True)
    for name, text in files:  # creation order: the order many file systems list a folder in
        (root / "rules" / name).write_text(text, encoding="utf-8")
    snap = root / "datasets" / DATE
    snap.mkdir(parents=True)
    unit_lines = "".join(f"  {u}: {name}\n" for u, name in units)
    (snap / "manifest.yaml").write_text(f"snapshot: {DATE}\nvalues: values.csv\nunits:\n{unit_lines}"
                                        "ledgers:\n  budget: budget.csv\n  achievements: achievements.csv\n", encoding="utf-8")
    (snap / "values.csv").write_text("指标编号,单位,实际值,原因代码,说明,完成可能性\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (snap / "budget.csv").write_text("单位,建设任务,预算,执行\n" + "\n".join(budget) + "\n", encoding="utf-8")
    (snap / "achievements.csv").write_text("单位,名称,级别,日期\n" + "\n".join(achievements) + "\n", encoding="utf-8")
    return root


def outputs(ws: Path, extra=(), formats=FORMATS, langs=("zh",)) -> dict:
    found = {}
    for fmt in formats:
        for lang in langs:
            name = f"out-{fmt}-{lang}"
            proc = run(ws, ["evaluate", "--snapshot", DATE, "--format", fmt, "--lang", lang, "--output", name, *extra])
            assert proc.returncode == 0, proc.stderr
            found[name] = (ws / name).read_bytes()
            (ws / name).unlink()
    return found


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    ws = build(tmp_path_factory.mktemp("det") / "ws")
    return {**outputs(ws), **outputs(ws, formats=["json"], langs=["en"])}


def without_value_rows(found: dict) -> dict:
    """The JSON names the row of the value table each actual value was read from: that row moves
    with the row, as it should. Everything else must stay byte for byte."""
    out = dict(found)
    for name, data in found.items():
        if "-json-" in name:
            doc = json.loads(data)
            for record in doc["indicators"]:
                source = (record.get("sources") or {}).get("actual")
                if isinstance(source, dict) and "row" in source:
                    source["row"] = None
            out[name] = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    return out


def test_shuffled_rows_units_and_files_give_identical_bytes(tmp_path, expected):
    ws = build(tmp_path / "ws", random.Random(1))
    shuffled = {**outputs(ws), **outputs(ws, formats=["json"], langs=["en"])}
    assert {k: v for k, v in shuffled.items() if "-json-" not in k} == {k: v for k, v in expected.items() if "-json-" not in k}
    assert without_value_rows(shuffled) == without_value_rows(expected)


def test_shuffled_ledgers_units_and_files_give_identical_json(tmp_path, expected):
    found = outputs(build(tmp_path / "ws", random.Random(3), value_rows=False), formats=["json"])
    assert found["out-json-zh"] == expected["out-json-zh"]


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]])
def test_sums_are_exact_whatever_the_row_order(order):
    """1e16 + 1 - 1e16 is 0 or 1 or 2 in floating point, depending on the order; fsum says 1."""
    from engine.evaluate.functions import Library
    from engine.load.ledgers import Ledger
    import pandas as pd
    amounts = [1e16, 1.0, -1e16, 0.1]
    frame = pd.DataFrame({"金额": [amounts[k] for k in order], "__row": [k + 2 for k in order], "__unit": ["u"] * 4})
    library = Library({"led": Ledger("led", "led.csv", frame)}, ["u"], pd.Timestamp(DATE), pd.Timestamp("2019-01-01"))
    assert library.sum("led", "金额").tolist() == [1.1]
    assert library.mean("led", "金额").tolist() == [1.1 / 4]


@pytest.mark.parametrize("seed", [4])
def test_any_folder_listing_order_gives_identical_bytes(tmp_path, expected, monkeypatch, seed):
    """Whatever order the file system lists a folder in (rules, snapshot)."""
    ws = build(tmp_path / "ws")
    real = pathlib.Path.iterdir
    rng = random.Random(seed)

    def shuffled(self):
        items = list(real(self))
        rng.shuffle(items)
        return iter(items)
    monkeypatch.setattr(pathlib.Path, "iterdir", shuffled)
    assert outputs(ws) == {k: v for k, v in expected.items() if k.endswith("-zh")}


def test_without_a_manifest_ledgers_found_in_any_order(tmp_path, monkeypatch):
    first = build(tmp_path / "a")
    second = build(tmp_path / "b", random.Random(9))
    for ws in (first, second):
        manifest = ws / "datasets" / DATE / "manifest.yaml"
        manifest.write_text(f"snapshot: {DATE}\n", encoding="utf-8")  # the folder's files, found by listing
    formats = ["table", "json"]
    assert without_value_rows(outputs(first, ["--unit", "kmvtc"], formats)) == \
        without_value_rows(outputs(second, ["--unit", "kmvtc"], formats))


def test_one_unit_of_many_is_the_same_whatever_the_others(tmp_path):
    ws = build(tmp_path / "ws")
    one = outputs(ws, ["--unit", "ynvtc"], ["table"])
    values = ws / "datasets" / DATE / "values.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    values.write_text("\n".join(lines[:1] + list(reversed(lines[1:]))) + "\n", encoding="utf-8")
    assert outputs(ws, ["--unit", "ynvtc"], ["table"]) == one


# --- table rows: listed first, then sorted; never the ledger's order ----------------------------

def test_table_rows_follow_order_then_sorted_keys():
    keys = ["乙", "甲", "丙", "丁"]
    assert row_order(keys, ["丙", "甲"]) == ["丙", "甲", "丁", "乙"]
    assert row_order(list(reversed(keys)), ["丙", "甲"]) == ["丙", "甲", "丁", "乙"]
    assert row_order(keys, []) == sorted(keys)
    assert row_order(keys, ["没有这一行"]) == sorted(keys)
    assert row_order([2021.0, 2019.0, "其他"], [2021]) == [2021.0, 2019.0, "其他"]


def test_shipped_tables_keep_the_reports_row_order():
    from helpers import ROOT
    from engine.load.rules import load_rules
    from engine.load.snapshot import load_snapshot
    from engine.evaluate.evaluator import evaluate
    from engine.summarise.summary import summarise
    rules = load_rules(ROOT / "rules")
    summary = summarise(evaluate(rules, load_snapshot(ROOT / "datasets", DATE, rules)))
    table1 = next(t for t in summary.tables if t["id"] == "construction_tasks")
    assert [r["key"] for r in table1["rows"]][:3] == ["加强党的建设", "打造技术技能人才培养高地", "打造技术技能创新服务平台"]
    assert [r["key"] for r in table1["rows"]][-1] == "其他专业群"
    table3 = next(t for t in summary.tables if t["id"] == "funds_by_source")
    assert [r["key"] for r in table3["rows"]] == ["中央财政", "地方财政", "举办方投入", "行业企业支持", "学校自筹"]
