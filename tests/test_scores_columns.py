"""Scores worked out column-wise (engine/summarise/scores.py) give what the record-by-record method
gives, float for float: the reference below is that method, kept as the specification. And the score
rows held as columns (records.Rows) read and write as the list of dicts they stand for."""
import json
import math
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from engine import directions
from engine.render.json_out import dumps
from engine.summarise import scores
from engine.summarise.records import Coded, Rows

STATUSES = ["achieved", "exceeded", "in_progress", "not_achieved", "late", "not_due", "missing", "error"]
CATEGORIES = ["output", "benefit", "satisfaction", "other"]


def reference(records: list, rules, units: dict, lang: str = "zh") -> dict:
    """The scores record by record: each group's sums in record order, as sum() adds them."""
    if not records:
        return {}
    stt = rules.settings
    conf = stt.scores or {}
    how = scores.method(stt, rules)
    weights, band = how["weights"], how["partial_band"]
    facts = {i.id: (i, "budget" if weights["budget"] > 0 and scores.is_budget(i, conf) else i.category, i.points)
             for i in rules.indicators}
    rows = []
    for r in records:
        ind, category, points = facts[r["id"]]
        value, basis = scores.earned(r, ind, band)
        rows.append((r["unit"], r["id"], r["level"], category, points, value, basis))
    groups: dict = {}
    for k, row in enumerate(rows):
        groups.setdefault((row[0], row[2], row[3]), []).append(k)
    weight = [1.0] * len(rows)
    for at in groups.values():
        given_points = [float(rows[k][4]) for k in at if rows[k][4] is not None]
        fill = sum(given_points) / len(given_points) if given_points else 1.0
        for k in at:
            weight[k] = float(rows[k][4]) if rows[k][4] is not None else fill
    by_level: dict = {}
    for k, row in enumerate(rows):
        by_level.setdefault(row[0], {}).setdefault(row[2], []).append(k)
    out = []
    for unit, name in units.items():
        mine = by_level.get(unit)
        if not mine:
            continue
        levels = [_level(lv, [(rows[k][3], rows[k][5], weight[k]) for k in mine[lv]], weights, stt, lang)
                  for lv in rules.level_order() if lv in mine]
        out.append(scores._unit(unit, name, levels, how, [], stt, lang))
    return {"method": how, "units": out,
            "indicators": [{"unit": u, "id": i, "level": lv, "category": c, "weight": w,
                            "earned": None if v is None else round(v, 4), "basis": b}
                           for (u, i, lv, c, _, v, b), w in zip(rows, weight)]}


def _level(level, items, weights, stt, lang) -> dict:
    categories, total_w, total = [], 0.0, 0.0
    for c in scores.SCORE_CATEGORIES:
        mine = [item for item in items if item[0] == c]
        applicable = [(e, w) for _, e, w in mine if e is not None]
        possible = sum(w for _, w in applicable)
        got = sum(e * w for e, w in applicable)
        score = 100 * got / possible if possible > 0 else None
        categories.append({"category": c, "label": scores._label(c, lang), "weight": weights[c],
                           "applied_weight": None, "indicators": len(mine), "scored": len(applicable),
                           "not_applicable": len(mine) - len(applicable), "earned": round(got, 4),
                           "possible": round(possible, 4), "_score": score})
        if score is not None and weights[c] > 0:
            total_w += weights[c]
            total += weights[c] * score
    raw = total / total_w if total_w > 0 else None
    for cat in categories:
        if cat["_score"] is not None and cat["weight"] > 0 and total_w > 0:
            cat["applied_weight"] = scores.rounded(100 * cat["weight"] / total_w, 2, stt.rounding)
        cat["score"] = scores.rounded(cat.pop("_score"), 2, stt.rounding)
    score = scores.rounded(raw, 2, stt.rounding)
    scored = sum(e is not None for _, e, _ in items)
    return {"level": level, "label": (stt.levels or {}).get(level, level) if lang == "zh" else level,
            "score": score, "grade": scores.grade_of(score, lang), "indicators": len(items), "scored": scored,
            "not_applicable": len(items) - scored, "categories": categories, "_raw": raw}


numbers = st.none() | st.floats(-50, 200, allow_nan=False) | st.floats(0.01, 100) | st.integers(-5, 120)
points = st.none() | st.sampled_from([1, 2, 0.5, 1.5, 3.25, 0.1, 0.7])


@st.composite
def cases(draw):
    n_ind = draw(st.integers(1, 8))
    inds = []
    for k in range(n_ind):
        way = draw(st.sampled_from(["higher", "lower", "equal", "deadline"]))
        inds.append(SimpleNamespace(id=f"I{k}", level=draw(st.sampled_from(["school", "group", "major"])),
                                    category=draw(st.sampled_from(CATEGORIES)), points=draw(points),
                                    tags=draw(st.sampled_from([[], ["预算执行"]])), name=f"n{k}",
                                    direction=way, scale=None, way=directions.get(way)))
    records = []
    for unit in draw(st.lists(st.sampled_from(["u1", "u2", "u3", "u4"]), min_size=1, max_size=4, unique=True)):
        for ind in draw(st.lists(st.sampled_from(inds), min_size=1, max_size=3 * n_ind)):
            records.append({"unit": unit, "id": ind.id, "level": ind.level, "status": draw(st.sampled_from(STATUSES)),
                            "actual": draw(numbers), "target": draw(numbers)})
    records = draw(st.permutations(records))
    conf = {"weights": {"output": draw(st.sampled_from([50, 0, 40.5])), "budget": draw(st.sampled_from([10, 0]))},
            "partial_band": 0.1}
    rules = SimpleNamespace(indicators=inds, level_order=lambda: ["school", "group", "major"],
                            settings=SimpleNamespace(scores=conf, rounding=draw(st.sampled_from(["half_up", "down"])),
                                                     levels={"school": "学校层面"}))
    return records, rules


@settings(max_examples=300, deadline=None)
@given(cases())
def test_column_wise_scores_are_the_record_by_record_scores(case):
    records, rules = case
    units = {"u1": "甲", "u2": "乙", "u3": "丙", "u4": "丁", "u5": "戊"}
    raws: list = []  # each level's score before rounding: the sums added in the same order, bit for bit
    unit = scores._unit

    def keep(unit_id, name, level_rows, *args):
        raws.append([r["_raw"] for r in level_rows])
        return unit(unit_id, name, level_rows, *args)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scores, "_unit", keep)
        got = scores.compute(records, rules, [], units)
        got_raws, raws[:] = list(raws), []
        want = reference(records, rules, units)
    assert got_raws == raws
    assert list(got["indicators"]) == want["indicators"]
    assert {k: v for k, v in got.items() if k != "indicators"} == {k: v for k, v in want.items() if k != "indicators"}
    # and the same bytes: every int an int, every float the same float
    assert dumps({"scores": got}) == json.dumps({"scores": want}, ensure_ascii=False, indent=2) + "\n"


def test_rows_read_as_their_list_of_dicts():
    rows = Rows({"unit": Coded(np.array([1, 0, 1]), ["a", "b"]), "weight": np.array([1.0, 0.5, -0.0]),
                 "earned": [None, 1, 0.25], "basis": ["met", "band", "ratio"]})
    dicts = [{"unit": "b", "weight": 1.0, "earned": None, "basis": "met"},
             {"unit": "a", "weight": 0.5, "earned": 1, "basis": "band"},
             {"unit": "b", "weight": -0.0, "earned": 0.25, "basis": "ratio"}]
    assert list(rows) == dicts and rows == dicts and rows[1] == dicts[1] and rows[-1] == dicts[-1] and len(rows) == 3
    assert type(rows[0]["weight"]) is float and rows[0] is rows[0]  # the same dicts each time, as in a list
    assert rows.column("unit") == ["b", "a", "b"]
    for doc in ({"scores": {"method": {"x": 1.5e-05}, "indicators": rows, "units": []}}, {"indicators": rows},
                {"a": 1, "s": {"indicators": Rows({"x": []})}}):
        plain = json.loads(json.dumps(doc, default=list))
        assert dumps(doc) == json.dumps(plain, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_rows_with_nan_are_refused_as_dicts_are(bad):
    for column in (np.array([1.0, bad]), [1.0, bad], Coded(np.array([0, 1]), [1.0, bad])):
        with pytest.raises(ValueError):
            dumps({"scores": {"indicators": Rows({"weight": column})}}, trusted=("scores",))
