"""The JSON writer: the bytes of json.dumps(indent=2, ensure_ascii=False) however it writes them, NaN refused."""
import json
import math

import pytest
from hypothesis import given, settings, strategies as st

from engine.render.json_out import dumps

values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) |
    st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(values)
def test_the_same_bytes_as_pythons_encoder(doc):
    assert dumps(doc) == json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


@pytest.mark.parametrize("doc", [{"actual": 1.2e-05}, [2.5e-07, "x"], {"中文": [0.0001, 1e16, -0.0, 5e-324]}])
def test_tiny_and_huge_floats_are_written_as_python_writes_them(doc):
    assert dumps(doc) == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_is_refused(bad):
    with pytest.raises(ValueError):
        dumps({"indicators": [{"actual": bad}]})
    with pytest.raises(ValueError):
        dumps({"indicators": [], "summary": [{"rate": bad}]}, trusted=("indicators",))


def _floats(value):
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _floats(v)
    elif isinstance(value, list):
        for v in value:
            yield from _floats(v)


def test_the_records_json_trusts_hold_no_nan(tmp_path):
    """The record lists are written without the NaN check: every missing number in them is None."""
    from helpers import summary_of, write_workspace
    rules = """\
    level: school
    task: 建设任务
    indicators:
      - {id: S_A, name: 甲, type: quantity, unit: 项, direction: higher, targets: {2021-12-31: 0, 2023-12-31: 4}}
      - {id: S_B, name: 乙, type: cost, unit: 万元, direction: lower, targets: {2021-12-31: 5, 2023-12-31: 5}}
      - {id: S_C, name: 丙, type: quantity, unit: "%", direction: higher, targets: {2021-12-31: 50, 2023-12-31: 60},
         actual: "percent(S_A, S_B)"}
      - {id: S_D, name: 丁, type: quality, unit: 等级, direction: range, targets: {2021-12-31: {min: 1, max: 2}, 2023-12-31: {min: 1, max: 2}}}
    """
    write_workspace(tmp_path, {"school.yaml": rules}, {"2021-12-31": {
        "values.csv": "指标编号,实际值\nS_A,0\nS_B,0\nS_D,\n"}})
    summary = summary_of(tmp_path)
    for part in (summary.indicators, summary.exceptions):
        assert all(v == v and abs(v) != math.inf for v in _floats(part))
