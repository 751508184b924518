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
    for part in (summary.rollups, summary.tables):  # trusted too: every missing number in them is None
        assert all(v == v and abs(v) != math.inf for v in _floats(part))


def _records_of(rows: list):
    """Records (summarise/records.py) holding the given dicts: `id`, `name`, `tags`, `points` per indicator."""
    from engine.summarise.records import FIELDS, OPTIONAL, Records
    per_keys = ("id", "name", "level", "task", "category", "type", "subtype", "direction", "measure", "target",
                "final_target", "owner", "source", "points", "weight", "tags")
    ids = list(dict.fromkeys(r["id"] for r in rows))
    first = {i: next(r for r in rows if r["id"] == i) for i in ids}
    per = {k: [first[i][k] for i in ids] for k in per_keys}
    columns = {k: [r[k] for r in rows] for k in FIELDS if k not in per_keys and k != "sources"}
    columns["sources.actual"] = _sources([r["sources"]["actual"] for r in rows])
    columns["sources.target"] = [r["sources"]["target"] for r in rows]
    if any(OPTIONAL in r for r in rows):
        columns[OPTIONAL] = [r.get(OPTIONAL) for r in rows]
    return Records(columns, per, [ids.index(r["id"]) for r in rows])


def _sources(actual: list):
    """sources.actual as summarise holds it: a value row's file and row as columns, others as they are."""
    import numpy as np
    from engine.summarise.records import Sources
    row = [isinstance(a, dict) and set(a) == {"file", "row"} for a in actual]
    return Sources([None if r else a for a, r in zip(actual, row)],
                   np.array([a["file"] if r else None for a, r in zip(actual, row)], dtype=object),
                   np.array([a["row"] if r else -1 for a, r in zip(actual, row)], dtype=np.int64))


def _record(ind_id, unit, **changes):
    from engine.summarise.records import FIELDS
    rec = {k: None for k in FIELDS}
    rec.update(id=ind_id, unit=unit, name=f"名称 {ind_id}", status="achieved", flags=[], causes=[], tags=["预算执行"],
               cause_note="", sources={"actual": {"file": "v.csv", "row": 2}, "target": {"file": "r.yaml", "line": 3}})
    rec.update(changes)
    return rec


@pytest.mark.parametrize("changes", [
    {},
    {"actual": 1.2e-05, "ratio": -0.0, "gap": 0.0, "completion": 1e16},
    {"actual": {"min": 1, "max": 2.5}, "flags": ["exceeded", "far_beyond"], "causes": ["C1"]},
    {"actual": "优秀", "cause_note": "目标 \"8\" 项\n\t差 2 项", "staff_note": "\u0007", "points": 2, "weight": 0.5},
    {"actual": True, "target": [1, [2, {}]], "sources": {"actual": None, "target": {"rule": "r.yaml:3", "formula": "a"}}},
    {"progress": {"expected": 3.5, "method": "linear", "behind": True}},
    {"sources": {"actual": {"file": "数据/987654321\"x.csv", "row": 987654321}, "target": None}},
])
def test_records_are_written_as_their_dicts(changes):
    """The column writer gives the bytes json.dumps gives the dicts the records make."""
    rows = [_record("S1", "a"), _record("S2", "a", **changes), _record("S1", "b"), _record("S2", "b", **changes)]
    records = _records_of(rows)
    assert list(records) == rows and records[1] == rows[1] and records[-1] == rows[-1]
    doc = {"snapshot": "2021-12-31", "indicators": records, "summary": [{"rate": 1.5}]}
    expected = json.dumps({**doc, "indicators": rows}, ensure_ascii=False, indent=2) + "\n"
    assert dumps(doc, trusted=("indicators",)) == expected
    assert dumps({"indicators": _records_of([])}) == json.dumps({"indicators": []}, indent=2) + "\n"


def test_records_with_a_value_json_cannot_write_fail_as_before():
    records = _records_of([_record("S1", "a", actual=object())])
    with pytest.raises(TypeError):
        dumps({"indicators": records}, trusted=("indicators",))
