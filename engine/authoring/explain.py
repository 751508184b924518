"""`jixiao explain ID --snapshot DATE`: one indicator's whole decision in plain words.

The rule and where it is written; the staged targets and which one applied and why; the actual
value and where it came from (the value-table row, or the formula with the ledger rows each
aggregate counted or summed); the pass and overshoot conditions with the values put in; the
status and why; the flags; and where the cause note came from. Everything is read from the
evaluation's decision record and, for the formulas, from what it recorded while evaluating
(evaluate(..., record=True)): nothing is decided or computed again here. engine/render/
explain.py lays the trace out as text or JSON.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from engine.core.numbers import number_text, with_unit
from engine.core.paths import display
from engine.core.problems import InputError, Problem
from engine.core.suggest import near
from engine.core.values import NOT_DONE
from engine.load.rules import load_rules
from engine.load.cells import ROW
from engine.pipeline import run
from engine.core.statuses import NEEDS_CAUSE
from engine.evaluate.evaluator import margin_applies
from engine.summarise.notes import template_values
from engine.render.schedule_words import gap_text, how_text, share_text
from engine.summarise.summary import plain
from engine.text import both, items, t
from engine.text.fields import rule_field, setting_name
from engine.text.labels import DEFAULT_LEVELS, FLAGS, LEVELS_EN, STATUSES, TYPES, cause_text, label
from engine.text.vocabulary import LIKELIHOOD_EN
from engine.text import fill
from engine.text.messages import rule_error_text

MAX_ROWS_SHOWN = 12  # rows listed per aggregate in text; JSON lists them all


def w(key, lang, **params) -> str:
    return t(f"explain.{key}", lang, **params)


def why(key, lang, **params) -> str:
    return t(f"explain.why_{key}", lang, **params)


def shown(value, ind=None, digits=4, lang="zh") -> str:
    """A value as explain shows it: dates as dates, numbers with the indicator's measure."""
    if isinstance(value, pd.Timestamp):
        return w("not_done", lang) if value == NOT_DONE else value.strftime("%Y-%m-%d")
    if ind is not None and ind.value_kind == "number" and not isinstance(value, dict):
        return with_unit(value, ind.unit, digits)
    return number_text(value, digits)


def _level_label(level, settings, lang) -> str:
    if lang == "zh":
        return (settings.levels or DEFAULT_LEVELS).get(level, level)
    return LEVELS_EN.get(level, level)


def _missing(value) -> bool:
    return value is None or (not isinstance(value, (str, dict, list)) and pd.isna(value))


class Tracer:
    """Words one indicator's decision record, unit by unit."""

    def __init__(self, done, lang: str):
        self.done, self.lang = done, lang
        self.rules, self.snap, self.results = done.rules, done.snapshot, done.evaluation.results
        self.traces = done.evaluation.traces
        self.settings = self.rules.settings
        self.records = {(r["id"], r["unit"]): r for r in done.summary.indicators}

    def trace(self, ind, units) -> dict:
        lang = self.lang
        rows = self.results.loc[self.results["id"] == ind.id].set_index("unit", drop=False)
        period = rows["target_period"].iloc[0]
        target = rows["target"].iloc[0]
        return dict(
            id=ind.id, name=ind.name, snapshot=self.snap.date,
            level=ind.level, level_label=_level_label(ind.level, self.settings, lang), task=ind.task,
            type=ind.type, type_label=label(TYPES, ind.type, lang),
            subtype=ind.subtype, measure=ind.unit, direction=ind.direction, annual=bool(ind.annual),
            deadline=ind.deadline, scale=ind.scale,
            rule={"file": ind.file, "line": ind.line},
            targets=self._targets(ind, period),
            applicable=self._applicable(ind, period, target),
            units=[self._unit(ind, rows.loc[u], u) for u in units],
        )

    def _show(self, value, ind=None) -> str:
        return shown(value, ind, self.settings.digits, self.lang)

    def _targets(self, ind, period) -> list:
        stated = ind.way.stated_targets(ind)
        last = stated[-1][0] if stated else None
        return [{"date": d, "value": plain(v), "text": ind.way.target_label(ind, v, lambda x: self._show(x, ind), self.lang),
                 "line": line, "applies": d == period, "final": d == last}
                for d, v, line in stated]

    def _applicable(self, ind, period, target) -> dict:
        text = ind.way.applicable_text(ind, self.snap.date, period, target, lambda x: self._show(x, ind), self.lang)
        return {"date": period, "value": plain(target), "text": text}

    # --- one unit ---------------------------------------------------------------------------------
    def _unit(self, ind, row, unit) -> dict:
        record = self.records[(ind.id, unit)]
        out = {"unit": unit, "unit_name": self.snap.unit_names.get(unit, unit)}
        out["actual"] = self._actual(ind, row, unit)
        if row["status"] == "error":
            err = row["error"]
            message = rule_error_text(err.code, self.lang, err.params)
            out["pass"] = out["overshoot"] = None
            out["status"] = {"code": "error", "label": label(STATUSES, "error", self.lang),
                             "reason": why("error", self.lang, where=f"{err.file}:{err.line}",
                                           field=rule_field(err.field, self.lang), message=message),
                             "error": {"code": err.code, "file": err.file, "line": err.line,
                                       "field": err.field, "message": message}}
            out["flags"], out["cause"], out["ratio"] = [], None, None
            out["cause_note"] = record["cause_note"]
            return out
        out["pass"], out["overshoot"] = self._pass(ind, row, unit), self._overshoot(ind, row, unit)
        out["status"] = {"code": row["status"], "label": label(STATUSES, row["status"], self.lang),
                         "reason": self._reason(ind, row), "derived": row["status"]}
        out["flags"] = self._flags(ind, row)
        if record.get("progress"):  # a snapshot between two staged targets (evaluate/schedule.py)
            out["progress"] = self._progress(ind, record)
        out["ratio"] = plain(row["ratio"])
        out["cause"] = self._cause(ind, row)
        out["cause_note"] = record["cause_note"]
        return out

    def _actual(self, ind, row, unit) -> dict:
        lang, value = self.lang, row["actual"]
        out = {"value": plain(value), "text": self._show(value, ind)}
        formula = ind.formula("actual")
        if formula is not None:
            line = ind.lines.get("actual", ind.line)
            src = {"kind": "formula", "formula": formula.text, "file": ind.file, "line": line,
                   "text": w("formula", lang, where=f"{ind.file}:{line}", formula=formula.text)}
            src.update(self._formula_detail(ind, unit))
        else:
            vr = _value_row(row)
            if vr is None:
                src = {"kind": "none", "file": self.snap.values_file, "text": w("no_row", lang, file=self.snap.values_file)}
            else:
                key = "blank" if _missing(value) else "from_table"
                src = {"kind": "value_table", "file": vr["file"], "row": vr["row"],
                       "text": w(key, lang, file=vr["file"], row=vr["row"])}
        out["source"] = src
        return out

    def _formula_detail(self, ind, unit) -> dict:
        """The ledger rows each aggregate read, and the other indicators' values the formula used."""
        trace = self.traces.get(ind.id)
        detail = {"calls": [], "names": []}
        if trace is None:
            return detail
        if trace.error is not None:
            detail["error"] = rule_error_text(trace.error.code, self.lang, trace.error.params)
        for call in trace.calls:
            detail["calls"].append(self._call(call, unit))
        used = trace.formulas.get("actual")
        ids = set(self.rules.by_id())
        for name, values in sorted((used.names if used else {}).items()):
            if name in ids:
                v = values.get(unit) if isinstance(values, pd.Series) else values
                detail["names"].append({"id": name, "value": plain(v), "text": f"{name} = {shown(v, lang=self.lang)}"})
        return detail

    def _call(self, call, unit) -> dict:
        rows = call["rows"]
        mine = rows.loc[rows["__unit"] == unit] if "__unit" in rows.columns else rows
        numbers = [int(r) for r in mine[ROW]]
        column = call["column"]
        listed = [{"row": int(r[ROW]), **({"value": plain(r[column])} if column else {})} for _, r in mine.iterrows()]
        result = call["result"].get(unit) if isinstance(call["result"], pd.Series) else call["result"]
        args = [f'"{call["ledger"]}"'] + ([f'"{column}"'] if column else [])
        if call["where"] is not None:
            args.append(f'where="{call["where"]}"')
        args += [f"{k}={_quoted(v)}" for k, v in call["filters"].items()]
        lang = self.lang
        text = f'{call["function"]}({", ".join(args)}) = {shown(result, lang=lang)}'
        if numbers:
            where = w("ledger_rows", lang, file=call["file"], rows=w("rows", lang, list=_ranges(numbers)), n=len(numbers))
            if column and call["function"] == "sum":
                parts = [number_text(x["value"]) for x in listed[:MAX_ROWS_SHOWN]]
                more = [t("common.more", lang)] if len(listed) > MAX_ROWS_SHOWN else []
                where += w("colon", lang) + " + ".join(parts + more)
        else:
            where = w("no_rows", lang, file=call["file"])
        return {"function": call["function"], "ledger": call["ledger"], "file": call["file"], "column": column,
                "where": call["where"], "filters": {k: plain(v) if not isinstance(v, list) else v
                                                    for k, v in call["filters"].items()},
                "rows": listed, "result": plain(result), "text": f"{text}{w('colon', lang)}{where}"}

    # --- pass, overshoot, status ------------------------------------------------------------------
    def _pass(self, ind, row, unit) -> dict:
        if row["target_period"] is None:
            return {"kind": "not_applied", "result": False, "text": w("not_applied", self.lang)}
        passed = bool(row["passed"])
        formula = ind.formula("pass")
        if formula is not None:
            return self._formula_info(ind, formula, unit, passed)
        return {"kind": "default", "result": passed,
                "text": self._default_text(ind, row["actual"], row["target"], "pass", passed)}

    def _overshoot(self, ind, row, unit) -> dict:
        lang = self.lang
        if row["target_period"] is None:
            return {"kind": "not_applied", "result": False, "text": w("not_applied", lang)}
        raw, over = bool(row["over_raw"]), bool(row["over"])
        formula = ind.formula("overshoot")
        if ind.overshoot is False:
            return {"kind": "off", "result": False, "text": w("off", lang, line=ind.lines.get("overshoot", ind.line),
                                                              custom=w("custom", lang))}
        if formula is not None:
            info = self._formula_info(ind, formula, unit, raw)
            info["result"] = over
            return info
        return {"kind": "default", "result": over,
                "text": self._default_text(ind, row["actual"], row["target"], "overshoot", raw)}

    def _reason(self, ind, row) -> str:
        """Why the status is what it is: the rule of the decision that fired, in words."""
        lang, rule = self.lang, row["rule"]
        if rule == "not_due":
            return ind.way.not_due_reason(ind, self.snap.date, lang)
        if rule == "nothing_due":
            return why("not_due_zero", lang)
        if rule in ("missing", "exceeded", "achieved"):
            return why(rule, lang)
        final_date = ind.way.final(ind)[0]
        end = self.rules.settings.period_end
        if rule == "late":
            days = (pd.Timestamp(row["actual"]) - pd.Timestamp(ind.deadline)).days
            return why("late", lang, deadline=ind.deadline, done=self._show(row["actual"], ind), days=days)
        if rule == "in_progress":
            if str(self.snap.date) >= str(final_date):  # the last target's date has come: the period's end has not
                return why("in_progress_period", lang, final=final_date, end=end)
            part = why("in_progress_deadline", lang, deadline=ind.deadline) if ind.deadline else ""
            return why("in_progress", lang, date=self.snap.date, final=final_date, deadline_part=part)
        if rule == "not_achieved_deadline":
            return why("not_achieved_deadline", lang, deadline=ind.deadline)
        if ind.final and str(self.snap.date) < str(end):
            return why("not_achieved_marked_final", lang, final=final_date)
        return why("not_achieved_final", lang, final=final_date)

    def _default_text(self, ind, a, target, which, result) -> str:
        lang, way = self.lang, ind.way
        word = w("holds", lang) if result else w("fails", lang)
        if which == "overshoot" and not way.beatable:
            return w("cannot_beat", lang, direction=ind.direction)
        prefix = w("default_head", lang, field=rule_field("direction", lang), direction=ind.direction)
        if _missing(a):
            return prefix + f"{w('no_value', lang)} → {word}"
        margin = self.rules.settings.overshoot_margin
        extra = w("margin", lang, margin=number_text(margin)) \
            if which == "overshoot" and margin_applies(ind, margin) else ""
        return f"{prefix}{way.condition_text(which, a, target, ind, lambda v: self._show(v, ind), lang)}{extra} → {word}"

    def _formula_info(self, ind, formula, unit, result) -> dict:
        lang = self.lang
        trace = self.traces.get(ind.id)
        used = trace.formulas.get(formula.key) if trace else None
        values = []
        for name, v in sorted((used.names if used else {}).items()):
            v = v.get(unit) if isinstance(v, pd.Series) else v
            values.append({"name": name, "value": plain(v) if not isinstance(v, (dict, list)) else v,
                           "text": f"{name} = {shown(v, lang=lang) if not isinstance(v, str) else v}"})
        line = ind.lines.get(formula.field, ind.line)
        word = w("holds", lang) if result else w("fails", lang)
        head = w("custom_head", lang, where=f"{ind.file}:{line}")
        body = w("formula_body", lang, text=formula.text, values=w("list_sep", lang).join(x["text"] for x in values),
                 word=word)
        return {"kind": "formula", "formula": formula.text, "file": ind.file, "line": line,
                "values": values, "result": result, "text": head + body}

    # --- flags ------------------------------------------------------------------------------------
    def _flags(self, ind, row) -> list:
        lang, out = self.lang, []
        for flag in row["flags"]:
            item = {"code": flag, "label": label(FLAGS, flag, lang)}
            if flag == "exceeded":
                ratio = row["ratio"]
                if pd.notna(ratio):
                    item["ratio"] = plain(ratio)
                    item["text"] = w("ratio_text", lang, actual=shown(row["actual"], lang=lang),
                                     target=shown(row["target"], lang=lang),
                                     ratio=number_text(ratio, 2))
                else:
                    item["text"] = w("ratio_none", lang)
            elif flag == "far_beyond_target":
                far = self.settings.far_beyond_ratio
                item.update(ratio=plain(row["ratio"]), far_beyond_ratio=far)
                item["text"] = w("far_text", lang, ratio=number_text(row["ratio"], 2), far=number_text(far),
                                 field=setting_name("far_beyond_ratio", lang), where=self._settings_file())
            elif flag == "overspend":
                item["text"] = w("overspend_text", lang, actual=self._show(row["actual"], ind),
                                 target=self._show(row["target"], ind))
            elif flag == "behind_schedule":
                item["text"] = t("progress.flag_text", lang, actual=self._show(row["actual"], ind),
                                 expected=with_unit(row["expected"], ind.unit, self.settings.digits))
            elif flag == "cause_missing":
                item["text"] = w("cause_none", lang)
            elif flag in ind.flags:
                item["formula"] = ind.flags[flag]
                item["text"] = w("flag_formula", lang, field=rule_field(f"flags.{flag}", lang), formula=ind.flags[flag],
                                 where=f"{ind.file}:{ind.lines.get('flags', ind.line)}")
            out.append(item)
        return out

    def _progress(self, ind, record) -> dict:
        """The expected value at the snapshot, how it was computed, and whether the actual is short of it."""
        lang, p, digits = self.lang, record["progress"], self.settings.digits
        how = how_text(p, ind.unit, self.snap.date, lang, digits)
        text = t("progress.explain_text", lang, expected=with_unit(p["expected"], ind.unit, digits), how=how)
        if p["behind"]:
            verdict = t("progress.explain_behind", lang, gap=gap_text(p["gap"], ind.unit, lang, digits),
                        share=share_text(p["share"], lang))
        else:
            verdict = t("progress.explain_on_track", lang)
        return {**p, "label": t("progress.explain_label", lang), "text": text, "verdict": verdict}

    def _settings_file(self) -> str:
        found = [Path(f) for f in self.rules.files if Path(f).stem == "settings"]
        return display(found[0]) if found else "settings.yaml"

    # --- cause ------------------------------------------------------------------------------------
    def _cause(self, ind, row) -> dict:
        lang = self.lang
        needed = row["status"] in NEEDS_CAUSE
        vr = _value_row(row)
        codes = list(row["causes"])
        staff = row["staff_note"] if isinstance(row["staff_note"], str) else None
        likelihood = row["likelihood"] if isinstance(row["likelihood"], str) else None
        evidence = row["evidence"] if isinstance(row["evidence"], str) else None
        from_snapshot = bool(codes) or staff is not None
        out = {"needed": needed, "source": None, "snapshot": None, "rule_causes": []}
        if vr is not None and (codes or staff or likelihood or evidence):
            lines = [w("cause_code", lang, code=code, text=cause_text(self.rules.causes[code], lang)) for code in codes]
            if staff:
                lines.append(w("staff_note", lang, text=staff))
            if likelihood:
                lines.append(w("likelihood", lang, text=likelihood if lang == "zh" else LIKELIHOOD_EN[likelihood]))
            if evidence:
                lines.append(w("evidence", lang, text=evidence))
            out["snapshot"] = {"file": vr["file"], "row": vr["row"], "causes": codes, "staff_note": staff,
                               "likelihood": likelihood, "evidence": evidence, "lines": lines,
                               "text": w("cause_snapshot", lang, file=vr["file"], row=vr["row"])}
        matched = {h["index"] for h in row["rule_notes"]}
        held = set(row["held"]) if row["target_period"] is not None else set()
        first_used = None
        for k, rc in enumerate(ind.causes, start=1):
            hit = k - 1 in matched  # by position: two entries may share a line (flow style)
            used = hit and not from_snapshot
            if used and first_used is None:
                first_used = (k, rc)
            tag = w("rule_cause_used", lang) if used else w("rule_cause_shadowed", lang) if hit else ""
            holds = k - 1 in held
            entry = {"index": k, "line": rc.line, "when": rc.when, "cause": rc.cause, "note": rc.note,
                     "holds": holds, "matched": hit, "used": used}
            if rc.note:
                entry["note_filled"] = fill(rc.note, template_values(row, ind), lang)
            entry["text"] = w("rule_cause", lang, k=k, field=rule_field(f"causes[{k - 1}]", lang), line=rc.line,
                              when=rc.when,
                              result=w("holds", lang) if holds else w("fails", lang), used=tag)
            out["rule_causes"].append(entry)
        if not needed:
            out["text"] = w("cause_not_needed", lang)
        elif from_snapshot:
            out["source"] = "snapshot"
            out["text"] = out["snapshot"]["text"]
        elif first_used:
            k, rc = first_used
            out["source"] = "rule"
            out["text"] = w("cause_rule", lang, k=k, field=rule_field(f"causes[{k - 1}]", lang), file=ind.file, line=rc.line)
        else:
            out["text"] = w("cause_none", lang)
        return out


def _value_row(row) -> dict | None:
    """Where the unit's row of the value table is: {file, row}, or None."""
    return {"file": row["value_file"], "row": int(row["value_line"])} if row["value_line"] >= 0 else None


def _quoted(value) -> str:
    import json
    return json.dumps(value, ensure_ascii=False)


def _ranges(numbers) -> list:
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
        parts = parts[:15] + [both("common.more")]
    return items(parts)


# --- the command's work ---------------------------------------------------------------------------

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
    done = run(rules_dir, datasets_dir, date, lang, unit, rules=rules, quiet=True, record=True)
    units = [unit] if unit is not None else list(done.snapshot.units)
    return Tracer(done, lang).trace(by_id[ind_id], units)
