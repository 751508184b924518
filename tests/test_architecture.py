"""docs/architecture.md's promises: a direction is one module plus the schema enum (its worked
example, run as written), and the flow's folders keep to their jobs."""
from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from helpers import ROOT, write_workspace

DOC = ROOT / "docs" / "architecture.md"

ZERO_RULES = """\
level: school
task: 提升学校治理水平
indicators:
  - id: S_SAFE
    name: 安全责任事故
    type: quality
    unit: 起
    direction: zero
    targets: {2021-12-31: 0, 2023-12-31: 0}
"""


def worked_example() -> str:
    """The first Python block under "a direction" in docs/architecture.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("### a direction"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_a_direction_is_one_module_plus_the_schema_enum(tmp_path):
    folder = tmp_path / "directions"
    folder.mkdir()
    (folder / "zero.py").write_text(worked_example(), encoding="utf-8")
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    for path in (ROOT / "schemas").glob("*.json"):
        (schemas / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    text = (schemas / "rules.schema.json").read_text(encoding="utf-8")
    (schemas / "rules.schema.json").write_text(text.replace('"deadline"], "enumDescriptions"',
                                                            '"deadline", "zero"], "enumDescriptions"'), encoding="utf-8")
    assert '"zero"]' in (schemas / "rules.schema.json").read_text(encoding="utf-8")
    root = write_workspace(tmp_path / "ws", {"school.yaml": ZERO_RULES}, {
        "2021-12-31": {"manifest.yaml": "snapshot: 2021-12-31\nunits: {a: 甲校, b: 乙校}\n",
                       "values.csv": "指标编号,单位,实际值\nS_SAFE,a,0\nS_SAFE,b,2\n"}})
    script = textwrap.dedent(f"""\
        import json, sys
        import engine.directions, engine.load.schema_check as sc
        engine.directions.__path__.append({str(folder)!r})
        sc.SCHEMA_DIR = __import__("pathlib").Path({str(schemas)!r})
        from engine.cli.app import main
        for args in (["evaluate", "--snapshot", "2021-12-31", "--format", "json"],
                     ["explain", "S_SAFE", "--snapshot", "2021-12-31"], ["validate"]):
            try:
                main(args)
            except SystemExit as exc:
                print("exit", exc.code)
        print(engine.directions.names())
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    doc = json.loads(out[:out.index("\n}\n") + 3])
    statuses = {(i["unit"], i["status"]) for i in doc["indicators"]}
    assert statuses == {("a", "achieved"), ("b", "in_progress")}
    assert "实际 2 起 = 目标 0 起 → 不成立" in out  # explain words the default condition from the module
    assert "exit 2" not in out  # validate finds nothing wrong with the new direction
    assert "'deadline', 'zero')" in out


def test_no_folder_but_cli_imports_click():
    """Commands are thin: click stays in engine/cli (the wizard's prompts aside)."""
    allowed = {ROOT / "engine" / "authoring" / "wizard.py"}
    offenders = []
    for path in sorted((ROOT / "engine").rglob("*.py")):
        if "cli" in path.relative_to(ROOT / "engine").parts or path in allowed:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names} | \
            {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        if "click" in names:
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders


def test_no_private_imports_across_modules():
    offenders = []
    for path in sorted((ROOT / "engine").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("engine"):
                offenders += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names
                              if a.name.startswith("_") and a.name != "__version__"]
    assert not offenders
