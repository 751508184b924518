"""A small YAML file skips the pre-scan of its events (too few characters for too many nodes); the
limits it enforced still hold, at the same places (engine/load/yaml_source.py)."""
import pytest

from engine.load.yaml_source import MAX_DEPTH, load_yaml

LAUGHS = "a: &a [1,1,1,1,1,1,1,1,1]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcde", "bcdef"))


@pytest.mark.parametrize("text, where", [
    ("[" * (MAX_DEPTH + 10) + "]" * (MAX_DEPTH + 10), (1, MAX_DEPTH + 1)),
    ("".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "x: 1\n", (MAX_DEPTH + 1, 2 * MAX_DEPTH + 1)),
])
def test_nesting_beyond_the_limit_is_refused_where_it_passes_it(tmp_path, text, where):
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    _, [problem] = load_yaml(path, "deep.yaml")
    assert problem.code == "yaml.too_deep" and (problem.line, problem.col) == where


def test_nesting_at_the_limit_is_read(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    doc, problems = load_yaml(path, "ok.yaml")
    assert problems == [] and doc.data is not None


@pytest.mark.parametrize("text, code", [("a: &x [1, *x]\n", "yaml.too_deep"), (LAUGHS, "yaml.too_many_nodes")])
def test_aliases_in_a_small_file_are_still_sized(tmp_path, text, code):
    path = tmp_path / "alias.yaml"
    path.write_text(text)
    _, [problem] = load_yaml(path, "alias.yaml")
    assert problem.code == code
