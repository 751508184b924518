"""Every output of the shipped college and examples/demo, byte for byte (tools/golden.py).

A difference fails with the parts that differ; when a change of output is meant, regenerate with
`python tools/golden.py --update` and review the diff of tests/golden/ before committing."""
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import golden  # noqa: E402


@pytest.mark.parametrize("name", list(golden.CASES))
def test_output_unchanged(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert golden.stored(name), f"no golden output for {name}: run python tools/golden.py --update {name}"
    got, want = golden.run_case(golden.CASES[name]), golden.stored(name)
    differing = [part for part in sorted(set(got) | set(want)) if got.get(part) != want.get(part)]
    for part in differing:
        if part in ("stdout", "stderr", "exit"):
            assert got.get(part, b"").decode() == want.get(part, b"").decode(), f"{name}: {part} differs"
    assert not differing, f"{name}: {', '.join(differing)} differ"
