"""docs/rules.md is up to date with the schemas, functions, labels and messages, and documents
every problem code; the schemas carry Chinese titles for editor completion."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from engine.evaluate.functions import FUNCTION_NAMES
from engine.text.labels import FLAGS, STATUSES
from engine.text.messages import PROBLEMS, RULE_ERRORS
from helpers import ROOT

DOCS = ROOT / "docs" / "rules.md"


def _gen_docs():
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "tools" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_docs_equal_the_generated_ones():
    text = DOCS.read_text(encoding="utf-8")
    assert _gen_docs().render(text) == text, "docs/rules.md is out of date: run python tools/gen_docs.py"


def test_every_problem_code_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    missing = [code for code in list(PROBLEMS) + list(RULE_ERRORS) if f"`{code}`" not in text]
    assert not missing


def test_every_code_the_engine_raises_has_a_message():
    """A code raised without an entry in messages.py would show users the bare code (and miss the docs)."""
    call = re.compile(r'\b(?:Problem|ExpressionError|_Broken|problem|add)\(\s*"([a-z_]+\.[a-z_]+)"')
    used = {m.group(1): path.name for path in (ROOT / "engine").rglob("*.py")
            for m in call.finditer(path.read_text(encoding="utf-8"))}
    assert {c: f for c, f in used.items() if c not in PROBLEMS and c not in RULE_ERRORS} == {}


def test_functions_statuses_flags_and_keys_are_documented():
    text = DOCS.read_text(encoding="utf-8")
    for name in FUNCTION_NAMES:
        assert re.search(rf"\| `{name}\(", text), name
    for code in list(STATUSES) + list(FLAGS):
        assert f"| `{code}` |" in text, code
    gen = _gen_docs()
    for name, _files in gen.SCHEMA_FILES:
        rows = gen.schema_rows(name)
        assert rows
        for row in rows:
            assert f"| `{row['path']}` |" in text, (name, row["path"])
            assert row["example"], (name, row["path"])
    assert sorted(n for n, _ in gen.SCHEMA_FILES) == sorted(p.name.split(".")[0] for p in (ROOT / "schemas").glob("*.schema.json"))


def test_hand_written_parts_stay():
    text = DOCS.read_text(encoding="utf-8")
    for heading in ("## 编辑器提示与报错", "redhat.vscode-yaml", "## 规则测试", "## 新建工作区与指标"):
        assert heading in text
    rendered = _gen_docs().render(text.replace("## 编辑器提示与报错", "## 编辑器提示与报错（改）"))
    assert "## 编辑器提示与报错（改）" in rendered


def test_every_schema_key_has_a_chinese_title_and_description():
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for path in sorted((ROOT / "schemas").glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert cjk.search(schema["title"]), path.name

        def walk(node, where):
            if isinstance(node, dict):
                for key, sub in node.get("properties", {}).items():
                    if where.endswith("/if"):  # conditions of if/then, not keys
                        continue
                    resolved = sub
                    if "$ref" in sub:
                        resolved = {**_ref(schema, sub["$ref"]), **sub}
                    assert cjk.search(resolved.get("title", "")), f"{path.name}{where}/{key}: no Chinese title"
                    assert resolved.get("description"), f"{path.name}{where}/{key}: no description"
                words = node.get("enum")
                if words and not all(cjk.search(str(w)) for w in words):  # codes: each explained in Chinese in completion
                    explained = node.get("enumDescriptions", [])
                    assert len(explained) == len(words) and all(cjk.search(e) for e in explained), f"{path.name}{where}"
                for key, value in node.items():
                    walk(value, f"{where}/{key}")
            elif isinstance(node, list):
                for n, value in enumerate(node):
                    walk(value, f"{where}/{n}")
        walk(schema, "")


def _ref(schema, ref):
    node = schema
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def test_shipped_yaml_files_name_their_schema():
    files = list((ROOT / "rules").glob("*.yaml")) + list((ROOT / "rules" / "tests").glob("*.yaml")) \
        + list((ROOT / "datasets").glob("*/manifest.yaml")) + list((ROOT / "examples").rglob("*.yaml"))
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target.is_file() and target.parent == ROOT / "schemas", path


def test_every_key_has_a_type_word():
    """A key's type column is never empty or a bare 'list of' (branches that only require keys)."""
    rows = [line for line in DOCS.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    keyed = [r.split("|") for r in rows if len(r.split("|")) >= 7]
    assert keyed
    for cells in keyed:
        assert cells[3].strip() and not cells[3].strip().startswith("的列表"), cells[1]


def test_readme_says_what_jixiao_guarantees():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### 对错误输入和输出的保证", 1)[1].split("\n#", 1)[0]
    for promise in ("退出码 2", "traceback", "临时文件", "逐字节相同", "docs/guarantees.md"):
        assert promise in section, promise
    assert (ROOT / "docs" / "guarantees.md").is_file()
