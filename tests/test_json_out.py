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
