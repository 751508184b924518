"""Writing a province's JSON: the records' column writer gives json's bytes for any mix of values a
column may hold, and a file written piece by piece (a second thread writing) is whole or absent."""
import io
import json
import math
import os

import pytest

from engine.core import output
from engine.core.problems import InputError
from engine.render.json_out import dumps
from test_json_out import _record, _records_of


def _same_as_dicts(rows):
    records = _records_of(rows)
    doc = {"snapshot": "2021-12-31", "indicators": records}
    assert dumps(doc, trusted=("indicators",)) == json.dumps({**doc, "indicators": rows}, ensure_ascii=False,
                                                             indent=2) + "\n"


MIXED = [1, 1.0, True, 0, -0.0, 0.0, False, None, "优秀", "a\x00b\"c", 2 ** 70, 1e-07, 1e16, -3]


@pytest.mark.parametrize("key", ["actual", "ratio", "cause_note", "staff_note", "target_period"])
def test_a_column_of_equal_values_of_different_kinds_is_written_value_by_value(key):
    """1, 1.0 and True are equal (one key of a dict), as are 0.0 and -0.0: each is written as itself."""
    _same_as_dicts([_record("S1", f"u{k}", **{key: v}) for k, v in enumerate(MIXED)])


@pytest.mark.parametrize("values", [[None, 1.5, 1, -0.0, 0.0], [None, "a", None], [None, None], [2.5, None, 1e-05]])
def test_a_column_beginning_with_nothing(values):
    for key in ("actual", "ratio", "cause_note"):
        _same_as_dicts([_record("S1", f"u{k}", **{key: v}) for k, v in enumerate(values)])


def test_sources_of_every_kind_in_one_column():
    formula = {"rule": "r.yaml:3", "formula": "a"}
    actual = [{"file": "v.csv", "row": 2}, formula, None, {"file": "数据.csv", "row": 10 ** 9}, formula,
              {"file": "v.csv", "row": 0}]
    _same_as_dicts([_record("S1", f"u{k}", sources={"actual": a, "target": None}) for k, a in enumerate(actual)])


def test_a_nan_in_a_records_column_is_not_written_as_a_number():
    rows = [_record("S1", "a", actual=1), _record("S1", "b", actual=math.nan)]
    text = dumps({"indicators": _records_of(rows)}, trusted=("indicators",))
    assert "NaN" not in text


def _pieces(n=50, size=10_000):
    for k in range(n):
        yield bytes([65 + k % 26]) * size


def test_pieces_are_written_whole_and_flushed_as_they_go(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "FLUSH_BYTES", 30_000)
    target = tmp_path / "x.json"
    output.write_atomic(target, _pieces(), [])
    assert target.read_bytes() == b"".join(_pieces())


def test_a_piece_that_fails_to_be_made_leaves_the_previous_output(tmp_path):
    target = tmp_path / "x.json"
    target.write_bytes(b"before")

    def failing():
        yield from _pieces(5)
        raise ValueError("Out of range float values are not JSON compliant")
    with pytest.raises(ValueError):
        output.write_atomic(target, failing(), [])
    assert target.read_bytes() == b"before" and [p.name for p in tmp_path.iterdir()] == ["x.json"]


class _FullDisk(io.BytesIO):
    def write(self, data):
        if self.tell() > 20_000:
            raise OSError(28, "No space left on device")
        return super().write(data)


def test_a_disk_full_while_pieces_are_written_is_a_problem_and_leaves_nothing(tmp_path, monkeypatch):
    real_fdopen = os.fdopen

    def failing(fd, *args, **kwargs):
        real_fdopen(fd).close()
        return _FullDisk()
    monkeypatch.setattr(output.os, "fdopen", failing)
    made = []

    def pieces():
        for piece in _pieces(1000):
            made.append(piece)
            yield piece
    with pytest.raises(InputError) as info:
        output.write_atomic(tmp_path / "x.json", pieces(), [])
    assert info.value.problems[0].code == "output.unwritable" and list(tmp_path.iterdir()) == []
    assert len(made) < 1000  # stopped making pieces once the disk said no


@pytest.mark.parametrize("size", [1, 2, 3])
def test_records_in_chunks_of_any_size(monkeypatch, size):
    from engine.render import json_out
    monkeypatch.setattr(json_out, "CHUNK", size)
    _same_as_dicts([_record("S1", f"u{k}", actual=v, cause_note=str(k % 2), flags=["exceeded"] * (k % 2))
                    for k, v in enumerate(MIXED)])
