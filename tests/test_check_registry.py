"""`jixiao validate` runs a registry of small checks (engine/check/): a check is one module and its
texts; the registry lists every check, in a fixed order, with its scope, codes and doc."""
from __future__ import annotations

import ast
import io
import pkgutil
import re
import tokenize
from pathlib import Path

import pytest

import engine.check.checks as shipped
from engine.check import paths, registry
from engine.check import validate as runner
from engine.check.context import problem
from engine.text.messages import PROBLEMS
from helpers import ROOT, write_workspace
from test_rule_loading import text_keys
from test_validate import AWARDS, MISTAKES, VALUES, jixiao

CHECK_CODE = ROOT / "engine" / "check"
CLI = ROOT / "engine" / "cli" / "validate.py"
CJK = re.compile(r"[\u4e00-\u9fff]")


def sources() -> list[Path]:
    return sorted(CHECK_CODE.rglob("*.py")) + [CLI]


@pytest.fixture
def mistakes(tmp_path):
    return write_workspace(tmp_path, {"school.yaml": MISTAKES},
                           {"2021-12-31": {"values.csv": VALUES, "awards.csv": AWARDS}})


@pytest.fixture
def added():
    """Register checks for one test, and take them away after it."""
    names = []

    def add(scope, *codes):
        def register(fn):
            registry.check(scope, *codes)(fn)
            names.append(fn.__name__.removeprefix("check_"))
            return fn
        return register
    yield add
    for name in names:
        registry.unregister(name)


def test_a_check_added_is_run_in_its_scope_and_its_problems_reported(mistakes, added, capsys, monkeypatch):
    seen = []

    @added(registry.RULES, "validate.note_placeholder")
    def check_first_indicator(ctx):
        ind = ctx.rules.indicators[0]
        return [problem("validate.note_placeholder", ind.file, ind.line, None, ind.path(), placeholder="{added}")]

    @added(registry.SNAPSHOT, "validate.not_a_snapshot")
    def check_each_snapshot(ctx, snap):
        seen.append(("snapshot", snap.date, len(ctx.snapshots)))
        return []

    @added(registry.LEDGERS, "validate.not_a_snapshot")
    def check_across_snapshots(ctx):
        seen.append(("ledgers", [s.date for s in ctx.snapshots]))
        return []

    assert [registry.checks(scope)[-1].name for scope in registry.SCOPES] == \
        ["first_indicator", "each_snapshot", "across_snapshots"]
    found = runner.validate(mistakes / "rules", mistakes / "datasets").problems
    assert any(p.params.get("placeholder") == "{added}" and p.line == 4 for p in found)
    assert seen == [("snapshot", "2021-12-31", 1), ("ledgers", ["2021-12-31"])]
    code, out, _ = jixiao(capsys, monkeypatch, mistakes, "validate", "--format", "parsable")
    assert "rules/school.yaml:4: warning: 说明模板中的 {added} 不会被填入（显示为空） [validate.note_placeholder]" in out


def test_checks_run_in_a_fixed_order_scope_by_scope():
    order = [c.scope for c in registry.checks()]
    assert order == sorted(order, key=registry.SCOPES.index)
    assert [c.name for c in registry.checks(registry.RULES)][:4] == \
        ["formula_names", "formula_cycles", "where_conditions", "note_placeholders"]
    assert registry.checks() == registry.checks()


def test_every_module_of_the_checks_folder_is_listed_and_registers_a_check():
    modules = {m.name for m in pkgutil.iter_modules(shipped.__path__)}
    assert modules == set(shipped.MODULES)
    registering = {c.run.__module__.rsplit(".", 1)[1] for c in registry.checks()}
    assert registering >= set(shipped.MODULES)


def test_every_check_has_a_doc_in_both_languages_and_a_name_of_its_own():
    names = [c.name for c in registry.checks()]
    assert len(names) == len(set(names))
    for c in registry.checks():
        zh, en = c.doc("zh"), c.doc("en")
        assert CJK.search(zh) and en and not CJK.search(en) and c.codes, c.name


def test_every_code_validate_reports_is_registered_and_has_its_texts():
    listed = registry.codes() | set(runner.CODES) | set(paths.CODES)
    written = set()
    for path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        written |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                    and re.fullmatch(r"(validate|expr)\.[a-z_]+", n.value) and id(n) not in text_keys(tree)}
    assert written - {"expr.cycle"} and written <= listed  # formula_cycles passes the code it is given
    for code in listed:
        zh, fix_zh, en, fix_en = PROBLEMS[code]
        assert CJK.search(zh) and fix_zh and en and fix_en, code


def test_every_code_a_check_reports_is_in_the_users_list_of_checks():
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert {code for code in registry.codes() if f"`{code}`" not in text} == set()


def test_a_check_reports_only_the_codes_it_registers(mistakes, monkeypatch):
    reported = {}

    def recording(c):
        def run(*args):
            found = c.run(*args)
            reported.setdefault(c.name, set()).update(p.code for p in found)
            return found
        return registry.Check(c.name, c.scope, c.codes, run)
    wrapped = [recording(c) for c in registry.checks()]
    monkeypatch.setattr(registry, "checks", lambda scope=None: [c for c in wrapped if scope in (None, c.scope)])
    runner.validate(mistakes / "rules", mistakes / "datasets")
    assert len(set().union(*reported.values())) >= 15
    for c in wrapped:
        assert reported.get(c.name, set()) <= set(c.codes), c.name


def _code_tokens(path: Path):
    """The tokens of a module that are neither comments nor docstrings."""
    text = path.read_text(encoding="utf-8")
    docstrings = {(n.body[0].value.lineno, n.body[0].value.col_offset) for n in ast.walk(ast.parse(text))
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)
                  and isinstance(n.body[0].value.value, str)}
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type != tokenize.COMMENT and not (tok.type == tokenize.STRING and tok.start in docstrings):
            yield tok


def test_words_users_read_are_in_the_text_catalogue_not_in_the_checks():
    for path in sources():
        assert [t.string for t in _code_tokens(path) if CJK.search(t.string)] == [], path


def test_no_private_names_are_imported_across_modules_and_no_branch_on_a_direction():
    for path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        private = [a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names
                   if a.name.startswith("_")]
        assert private == [], path
        branches = [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Compare)
                    and any(isinstance(side, ast.Attribute) and side.attr == "direction"
                            for side in [n.left, *n.comparators])]
        assert branches == [], path  # ask ind.way (engine/directions/) instead
