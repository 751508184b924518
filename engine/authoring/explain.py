"""`jixiao explain ID --snapshot DATE`: one indicator's whole decision in plain words.

The rule and where it is written; the staged targets and which one applied and why; the actual
value and where it came from (the value-table row, or the formula with the ledger rows each
aggregate counted or summed); the pass and overshoot conditions with the values put in; the
status and why; the flags; and where the cause note came from. `--format json` gives the same
trace as data. The evaluation itself is engine/pipeline.run's; this module only re-traces it.
"""
from __future__ import annotations

import json
from pathlib import Path

import click
import numpy as np
import pandas as pd

from engine.evaluate import names as cond
from engine.evaluate import expressions as ex
from engine.evaluate.functions import NOT_DONE, Library
from engine.text.labels import DEFAULT_LEVELS, DIRECTIONS, LEVELS_EN, FLAGS, LIKELIHOOD_EN, STATUSES, SUBTYPES, TYPES, cause_text, label
from engine.text.messages import fill, rule_error_text
from engine.summarise.notes import LAGGING_NOTE, template_values
from engine.core.numbers import number_text, with_unit
from engine.cli.options import datasets_option, lang_option, rules_option, snapshot_option, unit_option
from engine.core.paths import display
from engine.pipeline import run
from engine.core.problems import InputError, Problem
from engine.load.rules import load_rules
from engine.summarise.summary import plain
from engine.core.suggest import near
from engine.load.tables import FILE, ROW

MAX_ROWS_SHOWN = 12  # rows listed per aggregate in text; JSON lists them all

W = {  # zh, en
    "snapshot": ("快照", "snapshot"), "unit": ("单位", "unit"), "measure": ("计量单位", "measured in"),
    "rule": ("规则", "rule"), "targets": ("阶段目标", "staged targets"), "line": ("第 {line} 行", "line {line}"),
    "final": ("最终目标", "final target"), "deadline_word": ("期限", "deadline"), "applies": ("← 适用", "← applies"),
    "applies_why": ("适用的目标：不晚于快照日 {date} 的最近一个阶段目标，即 {target_date} 的 {target}",
                    "target applied: the latest staged target dated on or before the snapshot {date}: {target} for {target_date}"),
    "no_target": ("快照日 {date} 之前没有阶段目标（第一个目标在 {first}）",
                  "no staged target is dated on or before the snapshot {date} (the first is for {first})"),
    "deadline_target": ("期限 {deadline}（第 {line} 行）：在期限之前完成即达标", "deadline {deadline} (line {line}): done by then passes"),
    "cumulative": ("累计值", "cumulative"), "annual": ("年度值（每年单独考核）", "annual (each year on its own)"),
    "actual": ("实际值", "actual value"), "from_table": ("来自数值表 {file} 第 {row} 行", "from the value table {file}, row {row}"),
    "no_row": ("数值表 {file} 中没有这个指标的行", "the value table {file} has no row for this indicator"),
    "blank": ("数值表 {file} 第 {row} 行的实际值为空", "the actual value in the value table {file}, row {row}, is blank"),
    "formula": ("由公式计算（{where}）：{formula}", "computed by the formula at {where}: {formula}"),
    "ledger_rows": ("台账 {file} {rows}，共 {n} 行", "ledger {file}, {rows}, {n} row(s)"),
    "no_rows": ("台账 {file} 中没有符合条件的行", "no rows of ledger {file} match"),
    "rows": ("第 {list} 行", "rows {list}"), "names": ("公式中的指标", "indicators in the formula"),
    "pass": ("达标条件", "pass condition"), "overshoot": ("超额条件", "overshoot condition"),
    "default": ("默认", "default"), "custom": ("规则中写的", "written in the rule"),
    "holds": ("成立", "true"), "fails": ("不成立", "false"), "no_value": ("实际值缺失", "no actual value"),
    "off": ("overshoot: false（第 {line} 行）：不判超额", "overshoot: false (line {line}): never exceeded"),
    "cannot_beat": ("{direction} 方向没有“超额”：不判超额", "direction {direction} cannot be beaten: never exceeded"),
    "not_applied": ("快照日没有适用的目标，不判断", "no target applies at the snapshot: not judged"),
    "status": ("状态", "status"), "flags": ("标记", "flags"), "none": ("无", "none"),
    "cause": ("原因说明", "cause note"), "note_text": ("说明全文", "note"),
    "cause_not_needed": ("不需要（只有正在推进、未达成、数据缺失的指标需要原因说明）",
                         "not needed (only lagging and missing indicators need one)"),
    "cause_snapshot": ("来自快照数值表 {file} 第 {row} 行", "from the snapshot's value table {file}, row {row}"),
    "cause_rule": ("来自规则的 causes 第 {k} 条（{file}:{line}），快照中没有填写原因",
                   "from causes entry {k} of the rule ({file}:{line}); the snapshot gives none"),
    "cause_none": ("快照中没有原因代码或说明，规则的 causes 也没有成立的条件",
                   "the snapshot gives no cause code or note and no causes condition of the rule holds"),
    "cause_code": ("原因代码 {code}：{text}", "cause code {code}: {text}"), "staff_note": ("说明：{text}", "note: {text}"),
    "likelihood": ("完成可能性：{text}", "likelihood: {text}"), "evidence": ("佐证材料：{text}", "evidence: {text}"),
    "rule_cause": ("causes 第 {k} 条（第 {line} 行）when {when} → {result}{used}",
                   "causes entry {k} (line {line}) when {when} → {result}{used}"),
    "rule_cause_shadowed": ("（快照已填写原因，优先使用快照）", " (the snapshot's cause comes first)"),
    "rule_cause_used": ("（采用）", " (used)"), "no_rule_causes": ("规则中没有 causes 条件", "the rule has no causes conditions"),
    "error": ("规则错误", "rule error"),
}

STATUS_WHY = {  # zh, en
    "not_due_none": ("快照日之前没有适用的阶段目标", "no staged target applies yet"),
    "not_due_zero": ("阶段目标为 0，且尚无实绩：还没有需要完成的", "the staged target is 0 and nothing is done yet: nothing is due"),
    "not_due_deadline": ("期限 {deadline} 未到，且尚未完成", "the deadline {deadline} has not come and it is not done yet"),
    "missing": ("有适用的目标，但没有实际值（缺失不当作 0）", "a target applies but there is no actual value (missing is never read as 0)"),
    "exceeded": ("达标条件成立，超额条件也成立", "the pass condition holds and so does the overshoot condition"),
    "achieved": ("达标条件成立，超额条件不成立", "the pass condition holds, the overshoot condition does not"),
    "in_progress": ("达标条件不成立；快照日 {date} 早于最终目标日期 {final}{deadline_part}：建设期仍在进行",
                    "the pass condition fails; the snapshot {date} is before the final target's date {final}{deadline_part}: the period is still running"),
    "in_progress_deadline": ("，也早于期限 {deadline}", " and before the deadline {deadline}"),
    "not_achieved_final": ("达标条件不成立，且已到最终目标日期 {final}：没有时间了", "the pass condition fails and the final target's date {final} has come: no time is left"),
    "not_achieved_deadline": ("达标条件不成立，且已过期限 {deadline}", "the pass condition fails and the deadline {deadline} has passed"),
    "error": ("{where} {field}：{message}", "{where} {field}: {message}"),
}


def w(key, lang, **params) -> str:
    text = W[key][0 if lang == "zh" else 1]
    return fill(text, params, lang) if params else text


def why(key, lang, **params) -> str:
    return fill(STATUS_WHY[key][0 if lang == "zh" else 1], params, lang)


def _num(value, ind=None, digits=4) -> str:
    if isinstance(value, pd.Timestamp):
        return "未完成" if value == NOT_DONE else value.strftime("%Y-%m-%d")
    if ind is not None and ind.value_kind == "number" and not isinstance(value, dict):
        return with_unit(value, ind.unit, digits)
    return number_text(value, digits)


def _level_label(level, settings, lang) -> str:
    if lang == "zh":
        return (settings.levels or DEFAULT_LEVELS).get(level, level)
    return LEVELS_EN.get(level, level)


def _typed(values: pd.Series, ind) -> pd.Series:
    """Actual values as evaluate holds them: numbers as floats (the results frame holds objects)."""
    return pd.to_numeric(values, errors="coerce").astype(float) if ind.value_kind == "number" else values


def _missing(value) -> bool:
    return value is None or (not isinstance(value, (str, dict, list)) and pd.isna(value))


# --- the trace --------------------------------------------------------------------------------------

class Tracer:
    """Re-traces the decisions evaluate made for one indicator, unit by unit."""

    def __init__(self, done, lang: str):
        self.done, self.lang = done, lang
        self.rules, self.snap, self.results = done.rules, done.snapshot, done.evaluation.results
        self.settings = self.rules.settings
        self.day = pd.Timestamp(self.snap.date)
        self.units = pd.Index(self.snap.units, name="unit")
        by_id = self.rules.by_id()
        self.actuals = {i: _typed(grp.set_index("unit")["actual"].reindex(self.units), by_id[i])
                        for i, grp in self.results.groupby("id", sort=False)}
        self.records = {(r["id"], r["unit"]): r for r in done.summary.indicators}

    def trace(self, ind, units) -> dict:
        lang = self.lang
        rows = self.results.loc[self.results["id"] == ind.id].set_index("unit", drop=False)
        period = rows["target_period"].iloc[0]
        target = rows["target"].iloc[0]
        out = {
            "id": ind.id, "name": ind.name, "snapshot": self.snap.date,
            "level": ind.level, "level_label": _level_label(ind.level, self.settings, lang), "task": ind.task, "type": ind.type, "type_label": label(TYPES, ind.type, lang),
            "subtype": ind.subtype, "measure": ind.unit, "direction": ind.direction, "annual": bool(ind.annual),
            "deadline": ind.deadline, "scale": ind.scale,
            "rule": {"file": ind.file, "line": ind.line},
            "targets": self._targets(ind, period),
            "applicable": self._applicable(ind, period, target),
            "units": [self._unit(ind, rows.loc[u], u) for u in units],
        }
        return out

    def _targets(self, ind, period) -> list:
        if ind.direction == "deadline":
            return [{"date": ind.deadline, "value": ind.deadline, "text": w("deadline_word", self.lang),
                     "line": ind.lines.get("deadline", ind.line),
                     "applies": period is not None, "final": True}]
        last = ind.targets[-1][0] if ind.targets else None
        return [{"date": d, "value": plain(v), "text": _num(v, ind, self.settings.digits),
                 "line": ind.lines.get(f"targets.{d}"), "applies": d == period, "final": d == last}
                for d, v in ind.targets]

    def _applicable(self, ind, period, target) -> dict:
        lang = self.lang
        if ind.direction == "deadline":
            text = w("deadline_target", lang, deadline=ind.deadline, line=ind.lines.get("deadline", ind.line))
        elif period:
            text = w("applies_why", lang, date=self.snap.date, target_date=period,
                     target=_num(target, ind, self.settings.digits))
        else:
            text = w("no_target", lang, date=self.snap.date, first=ind.targets[0][0] if ind.targets else "-")
        return {"date": period, "value": plain(target), "text": text}

    # --- one unit ---------------------------------------------------------------------------------
    def _unit(self, ind, row, unit) -> dict:
        record = self.records[(ind.id, unit)]
        out = {"unit": unit, "unit_name": self.snap.unit_names.get(unit, unit)}
        out["actual"] = self._actual(ind, row, unit)
        if row["status"] == "error":
            err = row["error"]
            message = rule_error_text(err["code"], self.lang, err["params"])
            out["pass"] = out["overshoot"] = None
            out["status"] = {"code": "error", "label": label(STATUSES, "error", self.lang),
                             "reason": why("error", self.lang, where=f"{err['file']}:{err['line']}",
                                           field=err["field"], message=message),
                             "error": {"code": err["code"], "file": err["file"], "line": err["line"],
                                       "field": err["field"], "message": message}}
            out["flags"], out["cause"], out["ratio"] = [], None, None
            out["cause_note"] = record["cause_note"]
            return out
        judged = self._judge(ind, row, unit)
        out["pass"], out["overshoot"] = judged["pass"], judged["overshoot"]
        out["status"] = {"code": row["status"], "label": label(STATUSES, row["status"], self.lang),
                         "reason": judged["reason"], "derived": judged["status"]}
        out["flags"] = self._flags(ind, row, unit, judged)
        out["ratio"] = plain(row["ratio"])
        out["cause"] = self._cause(ind, row, unit, judged)
        out["cause_note"] = record["cause_note"]
        return out

    def _value_row(self, ind, unit):
        if not hasattr(self, "_rows"):
            self._rows = {(r["indicator"], r["unit"]): r for _, r in self.snap.values.iterrows()}
        return self._rows.get((ind.id, unit))

    def _file(self, vr) -> str:
        """The file (and sheet) of a value row: values.xlsx[学校层面] when the table spans sheets."""
        return vr[FILE] if isinstance(vr.get(FILE), str) else self.snap.values_file

    def _actual(self, ind, row, unit) -> dict:
        lang, value = self.lang, row["actual"]
        out = {"value": plain(value), "text": _num(value, ind, self.settings.digits)}
        if ind.actual:
            src = {"kind": "formula", "formula": ind.actual, "file": ind.file, "line": ind.lines.get("actual", ind.line)}
            src["text"] = w("formula", lang, where=f"{ind.file}:{src['line']}", formula=ind.actual)
            src.update(self._formula_detail(ind, unit))
        else:
            vr = self._value_row(ind, unit)
            if vr is None:
                src = {"kind": "none", "file": self.snap.values_file, "text": w("no_row", lang, file=self.snap.values_file)}
            else:
                key = "blank" if _missing(vr["actual"]) else "from_table"
                src = {"kind": "value_table", "file": self._file(vr), "row": int(vr[ROW]),
                       "text": w(key, lang, file=self._file(vr), row=int(vr[ROW]))}
        out["source"] = src
        return out

    def _formula_detail(self, ind, unit) -> dict:
        """Evaluate the actual formula again with a recording library: each aggregate's rows."""
        library = Library(self.snap.ledgers, self.snap.units, self.day,
                          cond.period_start(ind, self.settings, self.day), record=True)
        others = {k: v for k, v in self.actuals.items() if k != ind.id}
        names = cond.base_names(ind, self.settings, self.day, self.snap.units, others)
        detail = {"calls": [], "names": []}
        try:
            ex.evaluate(ex.parse(ind.actual), ind.actual, names, library.functions())
        except ex.ExpressionError as exc:
            detail["error"] = rule_error_text(exc.code, self.lang, exc.params)
        for call in library.calls:
            detail["calls"].append(self._call(call, unit, ind))
        for name in sorted(cond.free_names(ind.actual) & set(others)):
            detail["names"].append({"id": name, "value": plain(others[name].get(unit)),
                                    "text": f"{name} = {_num(others[name].get(unit))}"})
        return detail

    def _call(self, call, unit, ind) -> dict:
        rows = call["rows"]
        mine = rows.loc[rows["__unit"] == unit] if "__unit" in rows.columns else rows
        numbers = [int(r) for r in mine[ROW]]
        column = call["column"]
        listed = [{"row": int(r[ROW]), **({"value": plain(r[column])} if column else {})} for _, r in mine.iterrows()]
        result = call["result"].get(unit) if isinstance(call["result"], pd.Series) else call["result"]
        args = [f'"{call["ledger"]}"'] + ([f'"{column}"'] if column else [])
        if call["where"] is not None:
            args.append(f'where="{call["where"]}"')
        args += [f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in call["filters"].items()]
        text = f'{call["function"]}({", ".join(args)}) = {_num(result)}'
        lang = self.lang
        if numbers:
            where = w("ledger_rows", lang, file=call["file"], rows=w("rows", lang, list=_ranges(numbers)), n=len(numbers))
            if column and call["function"] == "sum":
                shown = [number_text(x["value"]) for x in listed[:MAX_ROWS_SHOWN]]
                where += "：" if lang == "zh" else ": "
                where += " + ".join(shown) + (" + …" if len(listed) > MAX_ROWS_SHOWN else "")
        else:
            where = w("no_rows", lang, file=call["file"])
        return {"function": call["function"], "ledger": call["ledger"], "file": call["file"], "column": column,
                "where": call["where"], "filters": {k: plain(v) if not isinstance(v, list) else v
                                                    for k, v in call["filters"].items()},
                "rows": listed, "result": plain(result), "text": f"{text}：{where}" if lang == "zh" else f"{text}: {where}"}

    # --- pass, overshoot, status ------------------------------------------------------------------
    def _names(self, ind, target):
        rows = self.results.loc[self.results["id"] == ind.id].set_index("unit").reindex(self.units)
        return cond.condition_names(ind, self.settings, self.day, self.snap.units, self.actuals,
                                    self.actuals[ind.id], target, rows["likelihood"], rows["staff_note"])

    def _condition(self, text, names) -> pd.Series:
        library = Library(self.snap.ledgers, self.snap.units, self.day, names["period_start"])
        value = ex.evaluate(ex.parse(text), text, names, library.functions())
        return cond.as_truth(value, self.units)

    def _judge(self, ind, row, unit) -> dict:
        lang, target, period = self.lang, row["target"], row["target_period"]
        actual_all = self.actuals[ind.id]
        a = actual_all.get(unit)
        has_target = period is not None
        passed = over = False
        pass_info = overshoot_info = None
        if has_target:
            names = self._names(ind, target)
            if ind.pass_:
                passed = bool(self._condition(ind.pass_, names).get(unit))
                pass_info = self._formula_info("pass", ind.pass_, names, unit, passed, ind)
            else:
                passed = bool(cond.default_pass(ind, actual_all, target).fillna(False).astype(bool).get(unit))
                pass_info = {"kind": "default", "result": passed,
                             "text": self._default_text(ind, a, target, "pass", passed)}
            if ind.overshoot is False:
                overshoot_info = {"kind": "off", "result": False,
                                  "text": w("off", lang, line=ind.lines.get("overshoot", ind.line))}
            elif isinstance(ind.overshoot, str):
                raw = bool(self._condition(ind.overshoot, names).get(unit))
                over = raw and passed
                overshoot_info = self._formula_info("overshoot", ind.overshoot, names, unit, raw, ind)
                overshoot_info["result"] = over
            else:
                raw = bool(cond.default_over(ind, actual_all, target).fillna(False).astype(bool).get(unit))
                over = raw and passed
                overshoot_info = {"kind": "default", "result": over,
                                  "text": self._default_text(ind, a, target, "overshoot", raw)}
        else:
            pass_info = overshoot_info = {"kind": "not_applied", "result": False, "text": w("not_applied", lang)}
        deadline_due = None
        if ind.direction == "deadline":
            done = cond.is_done(a)
            deadline_due = self.day >= target or (done and passed)
            has_target = bool(deadline_due)
        numeric = ind.value_kind == "number"
        nothing_due = ind.direction == "higher" and numeric and target == 0 and not (pd.notna(a) and a > 0)
        missing = _missing(a)
        final_date, _ = cond.final(ind)
        past_deadline = bool(ind.deadline) and self.day >= pd.Timestamp(ind.deadline)
        time_left = self.day < pd.Timestamp(final_date) and not past_deadline
        if not has_target:
            status = "not_due"
            reason = why("not_due_deadline", lang, deadline=ind.deadline) if ind.direction == "deadline" else \
                why("not_due_none", lang)
            if period is None and ind.direction != "deadline":
                reason = w("no_target", lang, date=self.snap.date, first=ind.targets[0][0] if ind.targets else "-")
        elif nothing_due:
            status, reason = "not_due", why("not_due_zero", lang)
        elif missing:
            status, reason = "missing", why("missing", lang)
        elif passed and over:
            status, reason = "exceeded", why("exceeded", lang)
        elif passed:
            status, reason = "achieved", why("achieved", lang)
        elif time_left:
            part = why("in_progress_deadline", lang, deadline=ind.deadline) if ind.deadline else ""
            status, reason = "in_progress", why("in_progress", lang, date=self.snap.date, final=final_date,
                                                 deadline_part=part)
        else:
            status = "not_achieved"
            reason = why("not_achieved_deadline", lang, deadline=ind.deadline) if past_deadline else \
                why("not_achieved_final", lang, final=final_date)
        return {"status": status, "reason": reason, "pass": pass_info, "overshoot": overshoot_info,
                "passed": passed, "over": over}

    def _default_text(self, ind, a, target, which, result) -> str:
        lang = self.lang
        word = w("holds", lang) if result else w("fails", lang)
        zh = lang == "zh"
        act, tgt = ("实际", "目标") if zh else ("actual", "target")
        d = ind.direction
        if which == "overshoot" and d in ("equal", "range", "deadline"):
            return w("cannot_beat", lang, direction=d)
        prefix = f"{w('default', lang)}（direction: {d}）：" if zh else f"{w('default', lang)} (direction: {d}): "
        if _missing(a):
            return prefix + f"{w('no_value', lang)} → {word}"
        digits = self.settings.digits
        av, tv = _num(a, ind, digits), _num(target, ind, digits)
        if d in ("higher", "lower", "equal"):
            op = {"higher": ">" if which == "overshoot" else "≥", "lower": "<" if which == "overshoot" else "≤",
                  "equal": "="}[d]
            body = f"{act} {av} {op} {tgt} {tv}"
        elif d == "range":
            body = f"{_num(target['min'], ind, digits)} ≤ {act} {av} ≤ {_num(target['max'], ind, digits)}"
        elif d == "grade":
            scale = "、".join(ind.scale) if zh else ", ".join(ind.scale)
            rel = ("高于" if which == "overshoot" else "不低于") if zh else ("above" if which == "overshoot" else "at least")
            body = (f"等级 {av} {rel}目标 {tv}（从高到低：{scale}）" if zh else
                    f"grade {av} {rel} the target {tv} (best first: {scale})")
        else:  # deadline
            if a == NOT_DONE:
                body = f"尚未完成，期限 {tv}" if zh else f"not done yet, deadline {tv}"
            else:
                body = f"完成日期 {av} ≤ 期限 {tv}" if zh else f"done on {av} ≤ deadline {tv}"
        return f"{prefix}{body} → {word}"

    def _formula_info(self, key, text, names, unit, result, ind) -> dict:
        lang = self.lang
        used = sorted(cond.free_names(text))
        values = []
        for name in used:
            v = names.get(name)
            v = v.get(unit) if isinstance(v, pd.Series) else v
            values.append({"name": name, "value": plain(v) if not isinstance(v, (dict, list)) else v,
                           "text": f"{name} = {_num(v) if not isinstance(v, str) else v}"})
        where = f"{ind.file}:{ind.lines.get(key, ind.line)}"
        shown = "，".join(x["text"] for x in values) if lang == "zh" else ", ".join(x["text"] for x in values)
        word = w("holds", lang) if result else w("fails", lang)
        head = f"{w('custom', lang)}（{where}）：" if lang == "zh" else f"{w('custom', lang)} ({where}): "
        body = f"{text}（{shown}）→ {word}" if lang == "zh" else f"{text} ({shown}) → {word}"
        return {"kind": "formula", "formula": text, "file": ind.file, "line": ind.lines.get(key, ind.line),
                "values": values, "result": result, "text": head + body}

    # --- flags ------------------------------------------------------------------------------------
    def _flags(self, ind, row, unit, judged) -> list:
        lang, out = self.lang, []
        zh = lang == "zh"
        for flag in row["flags"]:
            item = {"code": flag, "label": label(FLAGS, flag, lang)}
            if flag == "exceeded":
                ratio = row["ratio"]
                if pd.notna(ratio):
                    item["ratio"] = plain(ratio)
                    item["text"] = (f"实际 ÷ 目标 = {_num(row['actual'])} ÷ {_num(row['target'])} = {number_text(ratio, 2)} 倍"
                                    if zh else f"actual ÷ target = {_num(row['actual'])} ÷ {_num(row['target'])} = {number_text(ratio, 2)}×")
                else:
                    item["text"] = "目标为 0，不计算倍数" if zh else "no ratio: the target is 0"
            elif flag == "far_beyond_target":
                far = self.settings.far_beyond_ratio
                item.update(ratio=plain(row["ratio"]), far_beyond_ratio=far)
                where = self._settings_file()
                item["text"] = (f"倍数 {number_text(row['ratio'], 2)} > far_beyond_ratio {number_text(far)}（{where}）"
                                if zh else f"ratio {number_text(row['ratio'], 2)} > far_beyond_ratio {number_text(far)} ({where})")
            elif flag == "overspend":
                item["text"] = (f"成本指标：实际 {_num(row['actual'], ind)} > 预算目标 {_num(row['target'], ind)}" if zh else
                                f"cost: actual {_num(row['actual'], ind)} > budgeted target {_num(row['target'], ind)}")
            elif flag == "cause_missing":
                item["text"] = w("cause_none", lang)
            elif flag in ind.flags:
                line = ind.lines.get("flags", ind.line)
                item["formula"] = ind.flags[flag]
                item["text"] = (f"flags.{flag}（{ind.file}:{line}）：{ind.flags[flag]} → 成立" if zh else
                                f"flags.{flag} ({ind.file}:{line}): {ind.flags[flag]} → true")
            out.append(item)
        return out

    def _settings_file(self) -> str:
        found = [Path(f) for f in self.rules.files if Path(f).stem == "settings"]
        return display(found[0]) if found else "settings.yaml"

    # --- cause ------------------------------------------------------------------------------------
    def _cause(self, ind, row, unit, judged) -> dict:
        lang, zh = self.lang, self.lang == "zh"
        needed = row["status"] in LAGGING_NOTE
        vr = self._value_row(ind, unit)
        codes = list(row["causes"])
        staff = row["staff_note"] if isinstance(row["staff_note"], str) else None
        from_snapshot = bool(codes) or staff is not None
        out = {"needed": needed, "source": None, "snapshot": None, "rule_causes": []}
        if vr is not None and (codes or staff or isinstance(row["likelihood"], str) or isinstance(row["evidence"], str)):
            lines = []
            for code in codes:
                c = self.rules.causes[code]
                text = cause_text(c, lang)
                lines.append(w("cause_code", lang, code=code, text=text))
            if staff:
                lines.append(w("staff_note", lang, text=staff))
            if isinstance(row["likelihood"], str):
                lines.append(w("likelihood", lang, text=row["likelihood"] if zh else LIKELIHOOD_EN[row["likelihood"]]))
            if isinstance(row["evidence"], str):
                lines.append(w("evidence", lang, text=row["evidence"]))
            out["snapshot"] = {"file": self._file(vr), "row": int(vr[ROW]), "causes": codes, "staff_note": staff,
                               "likelihood": row["likelihood"] if isinstance(row["likelihood"], str) else None,
                               "evidence": row["evidence"] if isinstance(row["evidence"], str) else None,
                               "lines": lines, "text": w("cause_snapshot", lang, file=self._file(vr),
                                                         row=int(vr[ROW]))}
        matched = {h["index"] for h in row["rule_notes"]}
        first_used = None
        if ind.causes:
            names = self._names(ind, row["target"]) if row["target_period"] is not None else None
            for k, rc in enumerate(ind.causes, start=1):
                hit = k - 1 in matched  # by position: two entries may share a line (flow style)
                try:
                    holds = bool(self._condition(rc.when, names).get(unit)) if names is not None else False
                except ex.ExpressionError:
                    holds = False
                used = hit and not from_snapshot
                if used and first_used is None:
                    first_used = (k, rc)
                tag = (w("rule_cause_used", lang) if used else w("rule_cause_shadowed", lang) if hit else "")
                entry = {"index": k, "line": rc.line, "when": rc.when, "cause": rc.cause, "note": rc.note,
                         "holds": holds, "matched": hit, "used": used}
                if rc.note:
                    entry["note_filled"] = fill(rc.note, template_values(row, ind), lang)
                entry["text"] = w("rule_cause", lang, k=k, line=rc.line, when=rc.when,
                                  result=w("holds", lang) if holds else w("fails", lang), used=tag)
                out["rule_causes"].append(entry)
        if needed:
            if from_snapshot:
                out["source"] = "snapshot"
                out["text"] = out["snapshot"]["text"]
            elif first_used:
                k, rc = first_used
                out["source"] = "rule"
                out["text"] = w("cause_rule", lang, k=k, file=ind.file, line=rc.line)
            else:
                out["text"] = w("cause_none", lang)
        else:
            out["text"] = w("cause_not_needed", lang)
        return out


def _ranges(numbers) -> str:
    numbers = sorted(set(numbers))
    parts, start, prev = [], None, None
    for n in numbers:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            parts.append(f"{start}" if start == prev else f"{start}–{prev}")
            start = prev = n
    if start is not None:
        parts.append(f"{start}" if start == prev else f"{start}–{prev}")
    if len(parts) > 15:
        parts = parts[:15] + ["…"]
    return "、".join(parts)


# --- text -------------------------------------------------------------------------------------------

def render_text(t: dict, lang: str) -> str:
    zh = lang == "zh"
    sep = " · "
    colon = "：" if zh else ": "
    out = [f"{t['id']} {t['name']}"]
    kind = [t["level_label"], t["task"], t["type_label"]]
    if t["subtype"]:
        kind.append(label(SUBTYPES, t["subtype"], lang))
    out.append("  " + sep.join(k for k in kind if k) + sep + f"{w('measure', lang)} {t['measure']}")
    out.append("")
    direction = f"direction: {t['direction']}（{label(DIRECTIONS, t['direction'], lang)}）" if zh else \
        f"direction: {t['direction']} ({label(DIRECTIONS, t['direction'], lang)})"
    extra = "" if t["direction"] in ("deadline", "grade", "range") else \
        ("，" if zh else ", ") + (w("annual", lang) if t["annual"] else w("cumulative", lang))
    out.append(f"{w('rule', lang)}{colon}{t['rule']['file']}:{t['rule']['line']}（{direction}{extra}）" if zh else
               f"{w('rule', lang)}{colon}{t['rule']['file']}:{t['rule']['line']} ({direction}{extra})")
    out.append(f"{w('targets', lang)}{colon}".rstrip())
    for tg in t["targets"]:
        mark = "→ " if tg["applies"] else "  "
        line = w("line", lang, line=tg["line"]) if tg["line"] else ""
        tail = []
        if tg["applies"]:
            tail.append(w("applies", lang))
        if tg["final"]:
            tail.append(f"（{w('final', lang)}）" if zh else f"({w('final', lang)})")
        out.append(f"  {mark}{tg['date']}  {tg['text']:<10} {line}  {' '.join(tail)}".rstrip())
    out.append("  " + t["applicable"]["text"])
    for u in t["units"]:
        out.append("")
        unit_name = f"{u['unit']}（{u['unit_name']}）" if zh and u["unit_name"] != u["unit"] else \
            f"{u['unit']} ({u['unit_name']})" if u["unit_name"] != u["unit"] else u["unit"]
        out.append(f"{w('snapshot', lang)} {t['snapshot']}{sep}{w('unit', lang)} {unit_name}")
        out += _unit_text(u, lang)
    return "\n".join(out) + "\n"


def _unit_text(u: dict, lang: str) -> list[str]:
    colon = "：" if lang == "zh" else ": "
    a = u["actual"]
    out = [f"{w('actual', lang)}{colon}{a['text']}", "  " + a["source"]["text"]]
    for call in a["source"].get("calls", []):
        out.append("  " + call["text"])
    for name in a["source"].get("names", []):
        out.append("  " + name["text"])
    if a["source"].get("error"):
        out.append("  " + a["source"]["error"])
    if u["pass"] is not None:
        out.append(f"{w('pass', lang)}{colon}{u['pass']['text']}")
        out.append(f"{w('overshoot', lang)}{colon}{u['overshoot']['text']}")
    s = u["status"]
    out.append(f"{w('status', lang)}{colon}{s['label']} —— {s['reason']}" if lang == "zh" else
               f"{w('status', lang)}{colon}{s['label']} — {s['reason']}")
    if u["flags"]:
        out.append(f"{w('flags', lang)}{colon}")
        out += [f"  {f['label']}{colon}{f.get('text', '')}" for f in u["flags"]]
    else:
        out.append(f"{w('flags', lang)}{colon}{w('none', lang)}")
    c = u["cause"]
    if c is not None:
        out.append(f"{w('cause', lang)}{colon}{c['text']}")
        if c["snapshot"]:
            if c["source"] != "snapshot":
                out.append("  " + c["snapshot"]["text"])
            out += ["  " + line for line in c["snapshot"]["lines"]]
        for rc in c["rule_causes"]:
            out.append("  " + rc["text"])
    if u["cause_note"]:
        out.append(f"{w('note_text', lang)}{colon}{u['cause_note']}")
    return out


# --- the command --------------------------------------------------------------------------------------

LOOKALIKE = str.maketrans({"O": "0", "I": "1", "L": "1", "-": "_", " ": "_"})


def unknown_id(ind_id: str, rules, rules_dir) -> InputError:
    """The error for an id the rules lack, with the id meant: same letters in another case, O for 0,
    I or l for 1, a hyphen for the underscore; else the closest spelling."""
    ids = [i.id for i in rules.indicators]
    key = ind_id.upper().translate(LOOKALIKE)
    found = next((i for i in ids if i.upper().translate(LOOKALIKE) == key), "") or near(ind_id, ids)
    return InputError([Problem("explain.unknown_id", display(Path(rules_dir)), params={"id": ind_id, "near": found})])


def explain(ind_id: str, rules_dir: Path, datasets_dir: Path, date: str, unit: str | None = None,
            lang: str = "zh") -> dict:
    rules = load_rules(rules_dir)
    by_id = rules.by_id()
    if ind_id not in by_id:
        raise unknown_id(ind_id, rules, rules_dir)
    done = run(rules_dir, datasets_dir, date, lang, unit, rules=rules, quiet=True)
    units = [unit] if unit is not None else list(done.snapshot.units)
    return Tracer(done, lang).trace(by_id[ind_id], units)


def _json_default(value):
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return plain(float(value))
    if isinstance(value, pd.Timestamp):
        return plain(value)
    return str(value)


@click.command("explain")
@click.argument("indicator_id", metavar="ID")
@snapshot_option
@unit_option
@rules_option
@datasets_option
@click.option("--format", "fmt", default="text", show_default=True, type=click.Choice(["text", "json"]),
              help="text：中文说明；json：同样的过程，作为数据")
@lang_option
def command(indicator_id, snapshot_date, unit, rules_dir, datasets_dir, fmt, lang):
    """说明一个指标在某一快照的完整判断过程：规则、适用的阶段目标、实际值来源、达标与超额条件、状态、标记、原因。"""
    t = explain(indicator_id, rules_dir, datasets_dir, snapshot_date, unit, lang)
    if fmt == "json":
        click.echo(json.dumps(t, ensure_ascii=False, indent=2, default=_json_default))
    else:
        click.echo(render_text(t, lang), nl=False)
