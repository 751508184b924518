"""`jixiao init`: the files of a new college's workspace, written all or nothing.

The workspace holds valid, commented example rules of every type, a rule test, a snapshot whose
value table is an XLSX template (workbooks.py), and the JSON Schemas editors read. Its text files
are templates in templates/workspace/ (package data, read with importlib.resources), with these
fields filled in: @Y0@ … @Y4@ the years of the period, @SNAP@ the first snapshot's date and
@NEXT@ the year-end after it, @COLLEGE@ the college's name, @COLLEGE_Q@ the same inside YAML
double quotes, @DIR@ the workspace as the user named it, and the denominator of the execution
rate (@EXEC@ the funds ledger's column, @EXEC_ID@ the tables.yaml column, @EXEC_NAME@ the
indicator's name, @EXEC_WORDS@ the choice in words). The funds and budget ledgers are workbooks
(workbooks.py). It never writes into a folder that holds anything."""
from __future__ import annotations

import datetime as dt
import shutil
from importlib import resources
from pathlib import Path

from engine.core.output import staged_folder
from engine.authoring.workbooks import budget_template, funds_template, ledger_template, value_template
from engine.core.paths import display
from engine.core.problems import InputError, Problem
from engine.load.rules import load_rules
from engine.load.schema_check import SCHEMA_DIR
from engine.text import t

SNAPSHOT = "datasets/snapshot"  # the template's snapshot folder; in the workspace, datasets/<year>-12-31
# the templates under templates/workspace/, in the order they are written
TEMPLATES = ("README.md", "rules/settings.yaml", "rules/causes.yaml", "rules/tables.yaml", "rules/quantity.yaml",
             "rules/quality.yaml", "rules/timeliness.yaml", "rules/cost.yaml", "rules/benefit.yaml",
             "rules/satisfaction.yaml", "rules/funds.yaml", "rules/tests/example.yaml", f"{SNAPSHOT}/manifest.yaml")
EXECUTION_BASES = ("budget", "arrived")  # the denominator of the execution rate: the funds ledger's 预算 or 到位


def template_text(name: str) -> str:
    """One template (a path under templates/workspace/), from the installed package."""
    found = resources.files("engine.authoring") / "templates" / "workspace"
    for part in name.split("/"):
        found = found / part
    return found.read_text(encoding="utf-8")


def fill(text: str, year: int, college: str, folder: str = "", snapshot: str | None = None,
         execution: str = "budget") -> str:
    snapshot = snapshot or f"{year}-12-31"
    for k in range(5):
        text = text.replace(f"@Y{k}@", str(year + k))
    text = text.replace("@SNAP@", snapshot).replace("@NEXT@", f"{int(snapshot[:4]) + 1}-12-31")
    text = (text.replace("@EXEC_WORDS@", t(f"snapshots.base_{execution}_words", "zh"))
            .replace("@EXEC_NAME@", t(f"snapshots.exec_name_{execution}", "zh"))
            .replace("@EXEC_ID@", execution).replace("@EXEC@", t(f"snapshots.base_{execution}", "zh")))
    quoted = college.replace("\\", "\\\\").replace('"', '\\"')  # inside YAML double quotes
    return text.replace("@COLLEGE_Q@", quoted).replace("@COLLEGE@", college).replace("@DIR@", folder)


def default_snapshot(start: int, today=None) -> str:
    """The first snapshot when none is named: the end of this year if it falls in the period,
    else the end of the period's first year."""
    year = (today or dt.date.today()).year
    return f"{year if start <= year <= start + 4 else start}-12-31"


def create_workspace(target: Path, year: int, college: str, snapshot: str | None = None,
                     execution: str = "budget") -> list[Path]:
    """Write the workspace into target (absent or empty); all of it or nothing. year: the first
    year of the construction period; snapshot: the first snapshot's date (default: year-12-31);
    execution: the denominator of the execution rate (budget or arrived)."""
    target = Path(target)
    snapshot = snapshot or f"{year}-12-31"
    if execution not in EXECUTION_BASES:
        raise ValueError(execution)
    _refuse_unless_empty(target)
    with staged_folder(target) as tmp:
        written = _write_workspace(tmp, year, college, display(target), snapshot, execution)
    return [target / p for p in written]


def _refuse_unless_empty(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise InputError([Problem("init.not_a_dir", display(target), params={"dir": display(target)})])
    if target.is_dir():
        entries = sorted(p.name for p in target.iterdir())
        if entries:
            raise InputError([Problem("init.not_empty", display(target), params={
                "dir": display(target), "count": len(entries),
                "example": t("workspace.list_sep", "zh").join(entries[:3])})])


def _write_workspace(root: Path, year: int, college: str, shown: str, snapshot: str, execution: str) -> list[Path]:
    written = []
    snap = f"datasets/{snapshot}"
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        (root / "schemas").mkdir(exist_ok=True)
        shutil.copyfile(schema, root / "schemas" / schema.name)
        written.append(Path("schemas") / schema.name)
    for name in TEMPLATES:
        rel = snap + name[len(SNAPSHOT):] if name.startswith(SNAPSHOT + "/") else name
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fill(template_text(name), year, college, shown, snapshot, execution), encoding="utf-8",
                        newline="\n")
        written.append(Path(rel))
    rules = load_rules(root / "rules")  # the examples must load: a defect of ours if not
    value_template(root / snap / "values.xlsx", rules, units=["college"])
    written.append(Path(snap) / "values.xlsx")
    ledger_template(root / snap / "achievements.xlsx")
    written.append(Path(snap) / "achievements.xlsx")
    sources = next((tb.order for tb in rules.tables if tb.ledger == "funds"), None) or []
    funds_template(root / snap / "funds.xlsx", int(snapshot[:4]), list(sources))
    written.append(Path(snap) / "funds.xlsx")
    tasks = list(dict.fromkeys(i.task for i in rules.indicators if i.task))
    budget_template(root / snap / "budget.xlsx", int(snapshot[:4]), tasks)
    written.append(Path(snap) / "budget.xlsx")
    return written
