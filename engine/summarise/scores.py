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
  "indicators": [   # one per indicator and unit, in the summary's order
    {"unit": "kmvtc", "id": "S101", "level": "school", "category": "output" | "benefit" |
     "satisfaction" | "budget", "weight": 1.0, "earned": 1.0 | 0.5 | 0.93 | None,
     "basis": "met" | "ratio" | "band" | "missing" | "error" | "not_applicable"},
    …],
}
Scores are rounded to two decimals (settings rounding mode); earned / possible to four.
"""
from __future__ import annotations


from engine.text import t
from engine.text.labels import CATEGORY_LABELS, GRADES, label
from engine.text.vocabulary import BUDGET_NAME, BUDGET_TAG
from engine.core.numbers import rounded
from engine.core.statuses import MET
from engine.summarise.records import column

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
    actual, target = record["actual"], record["target"]
    if actual is None or target is None:
        return 0.0, "missing"
    return ind.way.partial(actual, target, ind, band)


def compute(indicators: list, rules, tables: list, units: dict, lang: str = "zh") -> dict:
    """Scores of every unit in `units` from the summary's indicator records and ledger tables."""
    if not indicators:
        return {}
    settings = rules.settings
    conf = getattr(settings, "scores", None) or {}
    how = method(settings, rules)
    weights, band = how["weights"], how["partial_band"]
    facts = {}  # per indicator, once: (the indicator, its score category, its points)
    for ind in rules.indicators:
        category = "budget" if weights["budget"] > 0 and is_budget(ind, conf) else ind.category
        facts[ind.id] = (ind, category, ind.points)
    # one row per record, as columns: (unit, id, level, category, points, earned, basis)
    # statuses whose points do not depend on the values: asked once each
    fixed = {s: earned({"status": s}, None, band) for s in ("not_due", "missing", "error", *MET)}
    rows = []
    for unit, ind_id, level, status, actual, target in zip(*(column(indicators, c) for c in (
            "unit", "id", "level", "status", "actual", "target"))):
        ind, category, points = facts[ind_id]
        value, basis = fixed[status] if status in fixed else \
            earned({"status": status, "actual": actual, "target": target}, ind, band)
        rows.append((unit, ind_id, level, category, points, value, basis))
    weight = _weights(rows)
    level_order = rules.level_order()
    by_level: dict = {}  # unit -> level -> its rows' positions, in record order
    for k, row in enumerate(rows):
        by_level.setdefault(row[0], {}).setdefault(row[2], []).append(k)
    out_units, tables_of = [], {}
    for table in tables or []:  # each unit's tables, found once
        tables_of.setdefault(table.get("unit"), []).append(table)
    for unit, name in units.items():
        mine = by_level.get(unit)
        if not mine:
            continue
        level_rows = [_level(unit, lv, [(rows[k][3], rows[k][5], weight[k]) for k in mine[lv]], weights, settings, lang)
                      for lv in level_order if lv in mine]
        out_units.append(_unit(unit, name, level_rows, how, tables_of.get(unit, []), settings, lang))
    return {"method": how, "units": out_units,
            "indicators": [{"unit": unit, "id": ind_id, "level": level, "category": category, "weight": w,
                            "earned": None if value is None else round(value, 4), "basis": basis}
                           for (unit, ind_id, level, category, _, value, basis), w in zip(rows, weight)]}


def _weights(rows: list) -> list:
    """Each row's weight within its (unit, level, category): its points, or the group's mean, or 1."""
    groups: dict = {}
    for k, row in enumerate(rows):
        groups.setdefault((row[0], row[2], row[3]), []).append(k)
    weight = [1.0] * len(rows)
    for at in groups.values():
        given = [float(rows[k][4]) for k in at if rows[k][4] is not None]
        fill = sum(given) / len(given) if given else 1.0
        for k in at:
            weight[k] = float(rows[k][4]) if rows[k][4] is not None else fill
    return weight


def _level(unit, level, items, weights, settings, lang) -> dict:
    """A level's score from its rows (category, earned, weight)."""
    categories, total_w, total = [], 0.0, 0.0
    of_category: dict = {}
    for item in items:
        of_category.setdefault(item[0], []).append(item)
    for c in SCORE_CATEGORIES:
        mine = of_category.get(c, [])
        applicable = [(e, w) for _, e, w in mine if e is not None]
        possible = sum(w for _, w in applicable)
        got = sum(e * w for e, w in applicable)
        score = 100 * got / possible if possible > 0 else None
        categories.append({"category": c, "label": _label(c, lang), "weight": weights[c], "applied_weight": None,
                           "indicators": len(mine), "scored": len(applicable),
                           "not_applicable": len(mine) - len(applicable),
                           "earned": round(got, 4), "possible": round(possible, 4), "_score": score})
        if score is not None and weights[c] > 0:
            total_w += weights[c]
            total += weights[c] * score
    raw = total / total_w if total_w > 0 else None
    for cat in categories:
        if cat["_score"] is not None and cat["weight"] > 0 and total_w > 0:
            cat["applied_weight"] = rounded(100 * cat["weight"] / total_w, DIGITS, settings.rounding)
        cat["score"] = rounded(cat.pop("_score"), DIGITS, settings.rounding)
    score = rounded(raw, DIGITS, settings.rounding)
    label = (settings.levels or {}).get(level, level) if lang == "zh" else level
    scored = sum(e is not None for _, e, _ in items)
    return {"level": level, "label": label, "score": score, "grade": grade_of(score, lang),
            "indicators": len(items), "scored": scored,
            "not_applicable": len(items) - scored, "categories": categories, "_raw": raw}


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
