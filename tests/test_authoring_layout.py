"""The authoring tools' shape: the workspace templates ship with the package and are read through
the one API `jixiao init` uses; their words live in the catalogue; click stays in the wizard."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from engine.authoring import workspace
from helpers import ROOT

AUTHORING = ROOT / "engine" / "authoring"
TEMPLATES = AUTHORING / "templates" / "workspace"
COMMANDS = [ROOT / "engine" / "cli" / name for name in ("init.py", "new.py", "template.py", "test.py")]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _modules() -> list[Path]:
    return sorted(AUTHORING.rglob("*.py")) + COMMANDS


def test_every_template_is_read_through_the_api_init_uses():
    on_disk = sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*") if p.is_file())
    assert sorted(workspace.TEMPLATES) == on_disk  # none forgotten, none stray
    for name in workspace.TEMPLATES:
        text = workspace.template_text(name)
        assert text.endswith("\n") and "\r" not in text, name


def test_the_templates_are_package_data():
    """pyproject.toml's package-data for engine.authoring covers every template, so an installed
    (not editable) jixiao has them."""
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["engine.authoring"]
    shipped = {p for pattern in patterns for p in AUTHORING.glob(pattern) if p.is_file()}
    assert {p for p in TEMPLATES.rglob("*") if p.is_file()} <= shipped


def test_every_field_of_the_templates_is_filled(tmp_path):
    root = tmp_path / "ws"
    written = workspace.create_workspace(root, 2030, "某学院")
    texts = [p for p in written if p.suffix in (".yaml", ".md")]
    assert len(texts) == len(workspace.TEMPLATES)
    for path in texts:
        assert not re.search(r"@(Y\d|COLLEGE_Q|COLLEGE|DIR)@", path.read_text(encoding="utf-8")), path


def _docstrings(tree) -> set:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_words_inline(path):
    """Users' words are in engine/text (read with t()); only docstrings (click's help) and
    comments may hold Chinese."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    inline = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Constant)
              and isinstance(node.value, str) and id(node) not in docs and CJK.search(node.value)]
    assert inline == []


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_private_imports_and_click_only_in_the_wizard(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = [(node.module or "", alias.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                for alias in node.names]
    imported += [(alias.name, "") for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert [f"{m}.{n}" for m, n in imported if n.startswith("_")] == []
    uses_click = any(m == "click" or m.startswith("click.") for m, _ in imported)
    assert not uses_click or path.name == "wizard.py" or path in COMMANDS
