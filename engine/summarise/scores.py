"""Scores and grades (评分与等级), as self-evaluation forms compute them.

Every indicator earns a fraction of its points, each level of a unit (学校层面, 专业群层面 …) gets a
score out of 100 from weighted categories, the unit gets a score from its levels' declared shares,
and a grade 优 / 良 / 中 / 差 with the task-completion veto. docs/scores-and-compare.md explains
the method for users; this docstring is the contract for programs (the HTML report reads it).

Points of one indicator (`earned`, a fraction 0–1 of its weight)
------------------------------------------------------------------
- status not_due (未到期): not applicable, dropped (earned None).
- status achieved / exceeded: 1 (the rule says the target is met, whatever its own pass condition).
- status missing (数据缺失) or error (规则错误): 0; no evidence that anything was achieved.
- in_progress / late / not_achieved, by direction:
  - higher: min(actual ÷ target, 1), never below 0 (a target ≤ 0 earns 0);
  - lower: min(target ÷ actual, 1); an actual ≤ 0 earns 1, a target ≤ 0 with an actual > 0 earns 0;
  - qualitative, by band (fully met 1, partly met 0.5, not met 0). "Partly met" is:
    - grade: exactly one grade below the target grade;
    - range: outside the range by no more than `partial_band` (default 10%) of the nearer bound;
    - equal: within `partial_band` of the target (|actual − target| ≤ 10% × |target|);
    - deadline: done, but after the deadline (late). Not done: 0.

Weights
-------
- Within a category of a level: the indicators' `points` field; if no indicator of the group has
  `points`, all weigh 1; if only some have, the others weigh the mean of the given points.
- Categories (settings `scores.weights`, defaults 产出 output 50, 效益 benefit 30, 满意度 satisfaction 10,
  预算执行 budget 10). 预算执行 is the budget-execution indicators: the ids in `scores.budget_indicators`
  if that list is given, otherwise every indicator tagged `预算执行` or whose name contains `预算执行率`
  (the shipped rule set: S708 支出预算执行率 and G913 专业群支出预算执行率). They are scored in 预算执行
  only, not again in their own category. With `budget: 0` there is no 预算执行 category and they stay
  in their own category.
- A category with no applicable indicator (none, or all 未到期) is dropped and the remaining weights
  rescaled to 100: level score = Σ weight_c × score_c ÷ Σ weight_c over the categories that apply.

Unit score (双高 unit = school and group levels combined)
---------------------------------------------------------
- `scores.shares` (e.g. {school: 0.3, group: 0.7}; any positive numbers, normalised) if given;
  a declared level missing from it weighs 0. Otherwise by the levels the unit has: one level → 100%;
  school + one other level → school 30% + other 70% (a group unit); school + several other levels →
  school 50%, the others share 50% equally (a high-level school: 50 + 25 + 25); no school level → equal.
- Levels without a score (nothing applicable) are dropped and the shares rescaled.

Grades
------
优 ≥ 90, 良 80–89, 中 60–79, 差 < 60, read from the score as printed (rounded to two decimals by the
settings' rounding mode), so the number and the grade shown never disagree. Veto: when the ledger
table `construction_tasks` (settings `scores.task_completion.table`) has a total row, its `rate`
column (`…column`) is the task completion (建设任务完成度); below 80 (`…minimum`) the unit's grade is
差 whatever its score. Without that table (or when it cannot be computed) the veto is not applied and
`task_completion.applied` is false with a note saying why. The veto applies to the unit's grade only;
level grades are the bands of their scores.

The dict (Summary.scores; {} when there is nothing to score)
------------------------------------------------------------
{
  "method": {
    "weights": {"output": 50, "benefit": 30, "satisfaction": 10, "budget": 10},  # as configured
    "budget_indicators": ["S708", "G913"],   # ids scored as 预算执行 (found in the rule set)
    "budget_rule": "settings" | "tag_or_name",
    "partial_band": 0.1,
    "shares": {"school": 0.3, "group": 0.7} | None,  # configured; None = the defaults above
    "task_completion": {"table": "construction_tasks", "column": "rate", "minimum": 80},
  },
  "units": [   # in the summary's unit order
    {
      "unit": "kmvtc", "name": "昆明工业职业技术学院",
      "score": 97.12 | None, "grade": "优" | "良" | "中" | "差" | None,   # grade after the veto (English:
                                                                      # excellent | good | fair | poor)
      "score_grade": "优" | … | None,                                   # the band of the score alone
      "shares": {"school": 0.3, "group": 0.7},       # as applied: normalised over the scored levels
      "task_completion": {"table": "construction_tasks", "column": "rate", "minimum": 80,
                          "value": 97.69 | None, "applied": True, "vetoed": False, "note": "…"},
      "levels": [   # in the settings' level order
        {"level": "school", "label": "学校层面", "score": 96.84 | None, "grade": "优" | None,
         "indicators": 87, "scored": 87, "not_applicable": 0,
         "categories": [   # always the four, in the order output, benefit, satisfaction, budget
           {"category": "output", "label": "产出指标", "weight": 50,
            "applied_weight": 50.0 | None,   # the weight rescaled to 100 (None: dropped)
            "indicators": 76, "scored": 76, "not_applicable": 0,
            "earned": 72.9, "possible": 76.0,  # Σ earned × weight, Σ weight over the scored ones
            "score": 95.92 | None},          # 100 × earned ÷ possible
           …]},
        …],
    }, …],
  "indicators": [   # one per indicator and unit, in the summary's order; held as columns
                    # (summarise/records.Rows: read it as a list of these dicts, JSON writes the columns)
    {"unit": "kmvtc", "id": "S101", "level": "school", "category": "output" | "benefit" |
     "satisfaction" | "budget", "weight": 1.0, "earned": 1.0 | 0.5 | 0.93 | None,
     "basis": "met" | "ratio" | "band" | "missing" | "error" | "not_applicable"},
    …],
}
Scores are rounded to two decimals (settings rounding mode); earned / possible to four.
"""
from __future__ import annotations


import numpy as np

from engine.text import t
from engine.text.labels import CATEGORY_LABELS, GRADES, label
from engine.text.vocabulary import BUDGET_NAME, BUDGET_TAG
from engine.core.numbers import rounded
from engine.core.statuses import MET
from engine.summarise.records import Coded, Rows, codes, column

SCORE_CATEGORIES = ("output", "benefit", "satisfaction", "budget")
DEFAULT_WEIGHTS = {"output": 50, "benefit": 30, "satisfaction": 10, "budget": 10}
DEFAULT_PARTIAL_BAND = 0.1
DEFAULT_TASK_COMPLETION = {"table": "construction_tasks", "column": "rate", "minimum": 80}
BANDS = ((90, "excellent"), (80, "good"), (60, "fair"))  # below the last: poor (labels.GRADES: 优 良 中 差)
DIGITS = 2


def method(settings, rules=None) -> dict:
    """The scoring settings with defaults filled in."""
    conf = getattr(settings, "scores", None) or {}
    weights = {**DEFAULT_WEIGHTS, **{k: v for k, v in (conf.get("weights") or {}).items() if k in DEFAULT_WEIGHTS}}
    out = {"weights": weights, "budget_indicators": [], "budget_rule": "settings" if "budget_indicators" in conf
           else "tag_or_name", "partial_band": float(conf.get("partial_band", DEFAULT_PARTIAL_BAND)),
           "shares": dict(conf["shares"]) if conf.get("shares") else None,
           "task_completion": {**DEFAULT_TASK_COMPLETION, **(conf.get("task_completion") or {})}}
    if rules is not None:
        out["budget_indicators"] = [i.id for i in rules.indicators if is_budget(i, conf)]
    return out


def is_budget(ind, conf: dict) -> bool:
    """Whether an indicator is a budget-execution (预算执行) indicator."""
    if "budget_indicators" in conf:
        return ind.id in (conf.get("budget_indicators") or [])
    return BUDGET_TAG in (ind.tags or []) or BUDGET_NAME in (ind.name or "")


def grade_of(score, lang: str = "zh") -> str | None:
    """The grade of a score, as the reader calls it: 优 / excellent …"""
    if score is None:
        return None
    return label(GRADES, next((grade for floor, grade in BANDS if score >= floor), "poor"), lang)


def earned(record: dict, ind, band: float = DEFAULT_PARTIAL_BAND) -> tuple[float | None, str]:
    """The fraction (0–1) of its points an indicator earns, and on what basis (see the module docstring)."""
    status = record["status"]
    if status == "not_due":
        return None, "not_applicable"
    if status in MET:
        return 1.0, "met"
    if status in ("missing", "error"):
        return 0.0, status
    return _lagging(record["actual"], record["target"], ind.way, ind, band)


def _lagging(actual, target, way, ind, band: float) -> tuple[float, str]:
    """earned() of a lagging indicator (in_progress, late, not_achieved): its direction decides."""
    if actual is None or target is None:
        return 0.0, "missing"
    return way.partial(actual, target, ind, band)


def compute(indicators, rules, tables: list, units: dict, lang: str = "zh") -> dict:
    """Scores of every unit in `units` from the summary's indicator records and ledger tables.

    Column-wise: a province has 200,000 records, so each record's points, weight and group, and each
    group's sums and scores, are worked out with numpy over the records' columns; Python runs once
    per lagging record (its direction's partial points) and once per unit, level and category (the
    dicts a reader sees)."""
    if not len(indicators):
        return {}
    settings = rules.settings
    conf = getattr(settings, "scores", None) or {}
    how = method(settings, rules)
    weights, band = how["weights"], how["partial_band"]
    # per indicator, once: its score category and points, by its position in the rule set
    inds = list(rules.indicators)
    id_codes, id_values = codes(indicators, "id")
    position = {ind.id: k for k, ind in enumerate(inds)}
    at = np.array([position.get(i, -1) for i in id_values], dtype=np.int64)[id_codes]
    if len(at) and at.min() < 0:  # a record of an indicator the rules do not have
        raise KeyError(next(i for i in id_values if i not in position))
    categories = list(SCORE_CATEGORIES)
    cat_of = []
    for ind in inds:
        category = "budget" if weights["budget"] > 0 and is_budget(ind, conf) else ind.category
        if category not in categories:  # counted in its level, scored in no category
            categories.append(category)
        cat_of.append(categories.index(category))
    cat = np.array(cat_of, dtype=np.int64)[at]
    points = [ind.points for ind in inds]
    has_points = np.array([p is not None for p in points], dtype=bool)[at]
    given = np.array([float(p) if p is not None else 0.0 for p in points], dtype=float)[at]

    applicable, value, shown, basis = _earned(indicators, at, inds, band)

    # groups (unit, level, category), numbered densely: one bincount per sum, each group's values
    # added one after the other in record order, as sum() over the group's records adds them
    unit_codes, unit_values = codes(indicators, "unit")
    level_codes, level_values = codes(indicators, "level")
    n_levels, n_cats = len(level_values), len(categories)
    group = (unit_codes * n_levels + level_codes) * n_cats + cat
    size = len(unit_values) * n_levels * n_cats
    weight = _weights(group, size, has_points, given)
    scored = applicable.nonzero()[0]
    sums = _Sums(np.bincount(group, minlength=size), np.bincount(group[scored], minlength=size),
                 np.bincount(group[scored], weights=weight[scored], minlength=size),
                 np.bincount(group[scored], weights=value[scored] * weight[scored], minlength=size),
                 n_cats, weights, settings, lang)

    unit_at = {u: k for k, u in enumerate(unit_values)}
    levels = [(lv, level_values.index(lv)) for lv in rules.level_order() if lv in level_values]
    out_units, tables_of = [], {}
    for table in tables or []:  # each unit's tables, found once
        tables_of.setdefault(table.get("unit"), []).append(table)
    for unit, name in units.items():
        if unit not in unit_at:
            continue
        first = unit_at[unit] * n_levels
        level_rows = [sums.level(lv, first + k) for lv, k in levels if sums.count[first + k]]
        out_units.append(_unit(unit, name, level_rows, how, tables_of.get(unit, []), settings, lang))
    rows = Rows({"unit": Coded(unit_codes, unit_values), "id": Coded(id_codes, id_values),
                 "level": Coded(level_codes, level_values), "category": Coded(cat, categories),
                 "weight": weight, "earned": shown, "basis": basis})
    return {"method": how, "units": out_units, "indicators": rows}


def _earned(indicators, at: np.ndarray, inds: list, band: float):
    """Each record's points: (applicable, value (0 where not), the value as shown: None where not
    applicable, else rounded to four places, and the basis, both as Coded). Statuses whose points do
    not depend on the values are asked once each; a lagging record asks its indicator's direction
    (only those records)."""
    status_codes, statuses = codes(indicators, "status")
    fixed = [earned({"status": s}, None, band) if s in FIXED else None for s in statuses]
    applicable = np.array([f is None or f[0] is not None for f in fixed], dtype=bool)[status_codes]
    value = np.array([0.0 if f is None or f[0] is None else f[0] for f in fixed], dtype=float)[status_codes]
    shown = Coded(status_codes.copy(), [None if f is None else f[0] for f in fixed])
    basis = Coded(status_codes.copy(), [None if f is None else f[1] for f in fixed])
    lagging = np.flatnonzero(np.array([f is None for f in fixed], dtype=bool)[status_codes])
    if len(lagging):
        actual, target = column(indicators, "actual"), column(indicators, "target")
        ways = {i: inds[i].way for i in np.unique(at[lagging]).tolist()}
        got = [_lagging(actual[k], target[k], ways[i], inds[i], band)
               for k, i in zip(lagging.tolist(), at[lagging].tolist())]
        value[lagging] = [v for v, _ in got]
        shown.codes[lagging] = np.arange(len(shown.values), len(shown.values) + len(got))
        shown.values.extend(round(v, 4) for v, _ in got)
        known = {b: len(basis.values) + k for k, b in enumerate(dict.fromkeys(b for _, b in got))}
        basis.codes[lagging] = [known[b] for _, b in got]
        basis.values.extend(known)
    return applicable, value, shown, basis


FIXED = ("not_due", "missing", "error", *MET)  # statuses whose points do not depend on the values


def _weights(group: np.ndarray, size: int, has_points: np.ndarray, given: np.ndarray) -> np.ndarray:
    """Each row's weight within its (unit, level, category): its points, or the group's mean, or 1."""
    with_points = has_points.nonzero()[0]
    total = np.bincount(group[with_points], weights=given[with_points], minlength=size)
    n = np.bincount(group[with_points], minlength=size)
    fill = np.divide(total, n, out=np.ones(size), where=n > 0)
    return np.where(has_points, given, fill[group])


class _Sums:
    """Every (unit, level)'s category sums and scores, worked out for all at once; level() makes one
    level's dict. Per category: indicators, scored, possible = Σ weight and got = Σ earned × weight
    over the scored ones (sum() of none: the int 0), score = 100 × got ÷ possible where possible > 0;
    a level's score = Σ weight_c × score_c ÷ Σ weight_c over the scored categories of positive
    weight, added in the order of SCORE_CATEGORIES, as the sums were always added (a category that
    does not count adds 0.0, which changes no sum)."""

    def __init__(self, count, counted, possible, got, n_cats: int, weights: dict, settings, lang: str):
        shape, n = (-1, n_cats), len(SCORE_CATEGORIES)  # a row per (unit, level), a column per category
        count, counted = count.reshape(shape), counted.reshape(shape)
        possible, got = possible.reshape(shape)[:, :n], got.reshape(shape)[:, :n]
        self.count = count.sum(axis=1).tolist()
        self.scored = counted.sum(axis=1).tolist()
        present = possible > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.where(present, 100 * got / possible, 0.0)
        total_w, total = np.zeros(len(count)), np.zeros(len(count))
        for c, name in enumerate(SCORE_CATEGORIES):
            if weights[name] > 0:
                total_w = total_w + np.where(present[:, c], float(weights[name]), 0.0)
                total = total + np.where(present[:, c], weights[name] * score[:, c], 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            raw = np.where(total_w > 0, total / total_w, np.nan)
        unscored = counted[:, :n] == 0
        self.rows = list(zip(count[:, :n].tolist(), counted[:, :n].tolist(), np.where(unscored, 0, possible).tolist(),
                             np.where(unscored, 0, got).tolist(), np.where(present, score, np.nan).tolist(),
                             unscored.tolist(), total_w.tolist(), raw.tolist()))
        self.consts = [(c, name, _label(name, lang), weights[name], weights[name] > 0)
                       for c, name in enumerate(SCORE_CATEGORIES)]
        self.mode, self.lang = settings.rounding, lang
        self.labels = settings.levels or {}
        self._applied: dict = {}

    def level(self, level, row: int) -> dict:
        """The dict of one level (the row of its unit and level)."""
        mode = self.mode
        count, scored, possible, got, score, unscored, total_w, raw = self.rows[row]
        categories = []
        for c, name, title, weight, positive in self.consts:
            s, applied = score[c], None
            if s != s:  # nan: no score
                s = None
            elif positive and total_w > 0:
                applied = self._applied.get((name, total_w))
                if applied is None:  # the few sets of categories that apply: rounded once each
                    applied = self._applied[(name, total_w)] = rounded(100 * weight / total_w, DIGITS, mode)
            categories.append({"category": name, "label": title, "weight": weight, "applied_weight": applied,
                               "indicators": count[c], "scored": scored[c], "not_applicable": count[c] - scored[c],
                               "earned": 0 if unscored[c] else round(got[c], 4),
                               "possible": 0 if unscored[c] else round(possible[c], 4),
                               "score": rounded(s, DIGITS, mode)})
        raw = raw if raw == raw else None
        score = rounded(raw, DIGITS, mode)
        n, scored = self.count[row], self.scored[row]
        return {"level": level, "label": self.labels.get(level, level) if self.lang == "zh" else level,
                "score": score, "grade": grade_of(score, self.lang), "indicators": n, "scored": scored,
                "not_applicable": n - scored, "categories": categories, "_raw": raw}


def default_shares(levels: list) -> dict:
    """school + one other level → 30/70; school + n others → 50 and 50/n each; one level → 100%; else equal."""
    if len(levels) == 1:
        return {levels[0]: 1.0}
    if "school" in levels:
        others = [lv for lv in levels if lv != "school"]
        school = 0.3 if len(others) == 1 else 0.5
        return {lv: school if lv == "school" else (1 - school) / len(others) for lv in levels}
    return {lv: 1 / len(levels) for lv in levels} if levels else {}


def _unit(unit, name, level_rows, how, tables, settings, lang) -> dict:
    scored_levels = [r["level"] for r in level_rows if r["_raw"] is not None]
    shares = ({lv: float(how["shares"].get(lv, 0)) for lv in scored_levels} if how["shares"]
              else default_shares(scored_levels))
    total_share = sum(shares.values())
    shares = {lv: v / total_share for lv, v in shares.items()} if total_share > 0 else {}
    raw = sum(shares[r["level"]] * r["_raw"] for r in level_rows if r["level"] in shares) if shares else None
    for r in level_rows:
        del r["_raw"]
    score = rounded(raw, DIGITS, settings.rounding)
    band_grade = grade_of(score, lang)
    task = task_completion(unit, tables, how["task_completion"], lang)
    grade = label(GRADES, "poor", lang) if task["vetoed"] else band_grade
    return {"unit": unit, "name": name, "score": score, "grade": grade, "score_grade": band_grade,
            "shares": {lv: round(v, 4) for lv, v in shares.items()}, "task_completion": task, "levels": level_rows}


def task_completion(unit, tables: list, conf: dict, lang: str = "zh") -> dict:
    """The construction-task completion of a unit from its ledger table, and whether it vetoes the grade."""
    out = {**conf, "value": None, "applied": False, "vetoed": False, "note": ""}
    table = next((tb for tb in tables or [] if tb.get("id") == conf["table"] and tb.get("unit") == unit), None)
    if table is None:
        out["note"] = t("summarise.veto_no_table", lang, table=conf["table"])
        return out
    if table.get("error") or not table.get("total"):
        out["note"] = t("summarise.veto_table_failed", lang, table=conf["table"])
        return out
    value = table["total"]["values"].get(conf["column"])
    if value is None:
        out["note"] = t("summarise.veto_no_total", lang, table=conf["table"], column=conf["column"])
        return out
    out.update(value=value, applied=True, vetoed=value < conf["minimum"])
    out["note"] = t("summarise.vetoed" if out["vetoed"] else "summarise.not_vetoed", lang, value=f"{value:.2f}",
                    minimum=conf["minimum"], grade=label(GRADES, "poor", lang))
    return out


def _label(category: str, lang: str) -> str:
    return label(CATEGORY_LABELS, category, lang)
