"""settings.order (issue 12, item 5): tasks and indicators in the 任务书's order in every output,
written by `jixiao import`, kept on re-import, and names that order nothing warned by validate."""
from __future__ import annotations

import json
import shutil

from openpyxl import load_workbook

from helpers import ROOT, run_cli
from engine.load.yaml_source import load_yaml

SHIPPED = ROOT / "rules"


def _with_order(tmp_path, order: str):
    rules = tmp_path / "rules"
    shutil.copytree(SHIPPED, rules, ignore=shutil.ignore_patterns("tests"))
    with open(rules / "settings.yaml", "a", encoding="utf-8") as f:
        f.write(order)
    return rules


def _evaluate(rules, *extra):
    proc = run_cli("evaluate", "--snapshot", "2021-12-31", "--rules", str(rules), "--format", "json", *extra)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_the_order_setting_orders_tasks_and_indicators_and_nothing_else_changes(tmp_path):
    plain = _evaluate(SHIPPED)
    rules = _with_order(tmp_path, "  order:\n    tasks: [提升国际化水平, 提升信息化水平]\n    indicators: [S902, S901]\n")
    doc = _evaluate(rules)
    tasks = [r["task"] for r in doc["summary"] if r["grouping"] == "task" and r["level"] == "school"]
    assert tasks[:2] == ["提升国际化水平", "提升信息化水平"]
    before = [r["task"] for r in plain["summary"] if r["grouping"] == "task" and r["level"] == "school"]
    assert tasks[2:] == [t for t in before if t not in tasks[:2]]  # the others keep their order
    ids = [i["id"] for i in doc["indicators"] if i["level"] == "school"]
    assert ids[:2] == ["S902", "S901"]
    assert ids[2:] == [i["id"] for i in plain["indicators"] if i["level"] == "school" and i["id"] not in ("S901", "S902")]
    statuses = lambda d: sorted((i["id"], i["status"]) for i in d["indicators"])  # noqa: E731
    assert statuses(doc) == statuses(plain)  # order only
    lagging = [e["task"] for e in doc["exceptions"] if e["level"] == "school"]
    assert lagging[0] == "提升国际化水平"


def test_names_that_order_nothing_are_warned_with_the_nearest(tmp_path):
    rules = _with_order(tmp_path, "  order:\n    tasks: [加强党建]\n    indicators: [S1O1]\n")
    proc = run_cli("validate", "--rules", str(rules), "--format", "json")
    found = [p for p in json.loads(proc.stdout) if p["code"] == "validate.order_unknown"]
    assert [(p["line"], p["level"]) for p in found] == [(17, "warning"), (18, "warning")]
    assert "加强党的建设" in found[0]["fix"] and "S1O1" in found[1]["message"]
    assert proc.returncode == 0  # warnings only


def test_import_writes_the_taskbook_order_and_keeps_it_on_reimport(tmp_path):
    rules = tmp_path / "rules"
    xlsx = ROOT / "examples" / "taskbook" / "任务书.xlsx"
    assert run_cli("import", str(xlsx), "--rules", str(rules)).returncode == 0
    settings, _ = load_yaml(rules / "settings.yaml", "settings.yaml")
    order = settings.data["settings"]["order"]
    sheet = load_workbook(xlsx).worksheets[0]
    names = [str(c.value).strip() for row in sheet.iter_rows() for c in row if c.value]
    first_task = next(n for n in names if n in order["tasks"])
    assert order["tasks"][0] == first_task  # the first task the table names comes first
    doc = _evaluate_in(rules)
    assert [i["id"] for i in doc] == [i for i in order["indicators"] if i in {x["id"] for x in doc}]
    # a person puts a task first; importing again keeps the table's order and what was only theirs
    text = (rules / "settings.yaml").read_text(encoding="utf-8")
    (rules / "settings.yaml").write_text(text.replace("    tasks: [", "    tasks: [手工加的任务, "), encoding="utf-8")
    assert run_cli("import", str(xlsx), "--rules", str(rules)).returncode == 0
    again, _ = load_yaml(rules / "settings.yaml", "settings.yaml")
    assert again.data["settings"]["order"]["tasks"] == order["tasks"] + ["手工加的任务"]
    assert (rules / "settings.yaml").read_text(encoding="utf-8").count("order:") == 1


def _evaluate_in(rules):
    values = rules.parent / "datasets" / "2021-12-31"
    values.mkdir(parents=True)
    (values / "values.csv").write_text("指标编号,实际值\n", encoding="utf-8")
    proc = run_cli("evaluate", "--snapshot", "2021-12-31", "--rules", str(rules), "--datasets",
                   str(rules.parent / "datasets"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return [i for i in json.loads(proc.stdout)["indicators"] if i["level"] == "school"] + \
        [i for i in json.loads(proc.stdout)["indicators"] if i["level"] != "school"]
