"""One text catalogue (engine/text/) for Chinese and English, checked on what users read.

- English output holds no Chinese of jixiao's own: every run of Chinese characters and punctuation
  in the English golden outputs is made of runs of the user's files (indicator names, measures,
  notes, a note template filled in …), whole: a word of ours that happens to be part of a longer
  text of theirs (中 of 中央财政) does not pass.
- Chinese output names no field by its English key (indicators[8].actual:, direction:): places are
  named by the schema titles (engine/text/fields.py). Instructions on what to type (the → 修改
  line), formulas and file locations may show keys: they are what the user writes.
- No module outside engine/text holds a Chinese string (docstrings aside): words are in the catalogue.
"""
from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import golden  # noqa: E402

from engine.text.vocabulary import VALUE_COLUMNS  # noqa: E402

# Chinese characters, and the punctuation of Chinese text: 、，：；（）“”… and full-width forms
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u201c\u201d\u2026]+")
KEY_LABEL = re.compile(r"\b[a-z_]+(\[\d+\])?(\.[\w-]+)*[:：]")
LOCATION = re.compile(r"\S+\.(?:ya?ml|csv|xlsx|tsv)(?::\d+)*")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
FIX = re.compile(r"→ 修改：.*")


def _inputs_text(args: list[str]) -> str:
    """Everything the user gave a golden case: its rule and datasets folders, and its arguments."""
    def arg(name, default):
        return args[args.index(name) + 1] if name in args else default
    text = [" ".join(args)]
    for folder in (arg("--rules", "rules"), arg("--datasets", "datasets")):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix.lower() == ".xlsx":
                from openpyxl import load_workbook
                book = load_workbook(path, read_only=True)
                text += [str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
            elif path.is_file():
                text.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(text)


def _made_of(run: str, pieces: set[str]) -> bool:
    """Whether a run is a sequence of the user's runs (a note template's text with a measure
    filled in: 差 1 个）), by the usual word-break search."""
    can = [True] + [False] * len(run)
    for end in range(1, len(run) + 1):
        can[end] = any(can[start] and run[start:end] in pieces for start in range(end))
    return can[-1]


def _outputs(name: str, parts=("stdout", "stderr")) -> dict[str, str]:
    stored = golden.stored(name)
    return {part: stored[part].decode("utf-8") for part in parts if part in stored}


ENGLISH = [name for name in golden.CASES if "-en" in name]


@pytest.mark.parametrize("name", ENGLISH)
def test_english_output_holds_no_chinese_of_ours(name):
    given = set(CJK.findall(_inputs_text(golden.CASES[name])))
    outputs = _outputs(name, ("stdout", "stderr", "file.md", "file.html"))
    ours = sorted({run for text in outputs.values() for run in CJK.findall(text) if not _made_of(run, given)})
    assert not ours, f"{name}: Chinese that is not in the user's files: {ours}"


def _our_fields() -> set[str]:
    """Every key of the schemas, and the value table's columns: the English names of our fields."""
    keys = set(VALUE_COLUMNS)
    def walk(node):
        if isinstance(node, dict):
            keys.update(k for k in node.get("properties", {}) if isinstance(node["properties"], dict))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    for path in (ROOT / "schemas").glob("*.schema.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return keys


CHINESE_HUMAN = [name for name in golden.CASES
                 if not any(tag in name for tag in ("-en", "json", "csv", "xlsx", "parsable"))]


@pytest.mark.parametrize("name", CHINESE_HUMAN)
def test_chinese_output_names_no_field_by_its_english_key(name):
    fields, found = _our_fields(), []
    for text in _outputs(name).values():
        for line in text.splitlines():
            line = QUOTED.sub("", LOCATION.sub("", FIX.sub("", line)))
            found += [m.group(0) for m in KEY_LABEL.finditer(line) if re.split(r"[.\[:：]", m.group(0))[0] in fields]
    assert not found, f"{name}: English keys as labels: {sorted(set(found))}"




def _docstrings(tree) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


def test_no_module_outside_the_catalogue_holds_chinese():
    found = []
    for path in sorted((ROOT / "engine").rglob("*.py")):
        shown = path.relative_to(ROOT).as_posix()
        if shown.startswith("engine/text/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        found += [f"{shown}:{node.lineno} {node.value[:40]!r}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
                  and CJK.search(node.value)]
    assert not found, "Chinese outside engine/text/ (move it into the catalogue):\n" + "\n".join(found)
