"""`jixiao init`: the files of a new college's workspace, written all or nothing.

The workspace holds valid, commented example rules of every type, a rule test, a snapshot whose
value table is an XLSX template (workbooks.py), and the JSON Schemas editors read. Its text files
are templates in templates/workspace/ (package data, read with importlib.resources), with these
fields filled in: @Y0@ … @Y4@ the years of the period, @COLLEGE@ the college's name,
@COLLEGE_Q@ the same inside YAML double quotes, @DIR@ the workspace as the user named it.
It never writes into a folder that holds anything."""
from __future__ import annotations

import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from engine.authoring.workbooks import ledger_template, value_template
from engine.core.paths import display
from engine.core.problems import InputError, Problem
from engine.load.rules import load_rules
from engine.load.schema_check import SCHEMA_DIR
from engine.text import t

SNAPSHOT = "datasets/snapshot"  # the template's snapshot folder; in the workspace, datasets/<year>-12-31
# the templates under templates/workspace/, in the order they are written
TEMPLATES = ("README.md", "rules/settings.yaml", "rules/causes.yaml", "rules/quantity.yaml", "rules/quality.yaml",
             "rules/timeliness.yaml", "rules/cost.yaml", "rules/benefit.yaml", "rules/satisfaction.yaml",
             "rules/tests/example.yaml", f"{SNAPSHOT}/manifest.yaml")


def template_text(name: str) -> str:
    """One template (a path under templates/workspace/), from the installed package."""
    found = resources.files("engine.authoring") / "templates" / "workspace"
    for part in name.split("/"):
        found = found / part
    return found.read_text(encoding="utf-8")


def fill(text: str, year: int, college: str, folder: str = "") -> str:
    for k in range(5):
        text = text.replace(f"@Y{k}@", str(year + k))
    quoted = college.replace("\\", "\\\\").replace('"', '\\"')  # inside YAML double quotes
    return text.replace("@COLLEGE_Q@", quoted).replace("@COLLEGE@", college).replace("@DIR@", folder)


def create_workspace(target: Path, year: int, college: str) -> list[Path]:
    """Write the workspace into target (absent or empty); all of it or nothing."""
    target = Path(target)
    _refuse_unless_empty(target)
    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        raise _unwritable(target, exc)
    try:
        written = _write_workspace(tmp, year, college, display(target))
        if target.exists():  # empty folder: move the contents in
            for child in sorted(tmp.iterdir()):
                os.replace(child, target / child.name)
            tmp.rmdir()
        else:
            os.replace(tmp, target)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _unwritable(target, exc)
        raise
    return [target / p for p in written]


def _unwritable(target: Path, exc: OSError) -> InputError:
    return InputError([Problem("output.unwritable", display(target), params={
        "value": display(target), "reason": exc.strerror or str(exc)})])


def _refuse_unless_empty(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise InputError([Problem("init.not_a_dir", display(target), params={"dir": display(target)})])
    if target.is_dir():
        entries = sorted(p.name for p in target.iterdir())
        if entries:
            raise InputError([Problem("init.not_empty", display(target), params={
                "dir": display(target), "count": len(entries),
                "example": t("workspace.list_sep", "zh").join(entries[:3])})])


def _write_workspace(root: Path, year: int, college: str, shown: str) -> list[Path]:
    written = []
    snap = f"datasets/{year}-12-31"
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        (root / "schemas").mkdir(exist_ok=True)
        shutil.copyfile(schema, root / "schemas" / schema.name)
        written.append(Path("schemas") / schema.name)
    for name in TEMPLATES:
        rel = snap + name[len(SNAPSHOT):] if name.startswith(SNAPSHOT + "/") else name
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fill(template_text(name), year, college, shown), encoding="utf-8", newline="\n")
        written.append(Path(rel))
    rules = load_rules(root / "rules")  # the examples must load: a defect of ours if not
    value_template(root / snap / "values.xlsx", rules, units=["college"])
    written.append(Path(snap) / "values.xlsx")
    ledger_template(root / snap / "achievements.xlsx")
    written.append(Path(snap) / "achievements.xlsx")
    return written
