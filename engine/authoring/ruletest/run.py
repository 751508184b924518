"""Running a case: its snapshot evaluated with the same evaluate + summarise steps as
`jixiao evaluate`, and each expectation compared with what the indicator got."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from engine.authoring.ruletest.suite import Case, Expectation
from engine.core.model import Indicator, RuleSet
from engine.evaluate.evaluator import evaluate
from engine.load.cells import parse_dates
from engine.load.rules_check import dependencies
from engine.load.snapshot import Snapshot
from engine.load.values import NOT_DONE_WORDS
from engine.summarise.summary import summarise


@dataclass
class Failure:
    expectation: Expectation
    unit: str
    record: dict | None
    checks: list  # [(what, expected, got)], what one of suite.COMPARED
    indicator: Indicator  # the indicator expected of, for the words of the failure


@dataclass
class Outcome:
    case: Case
    failures: list = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def run_all(cases: list[Case], rule_sets: dict):
    """Each case's outcome, one at a time as it is run (so that results show as they come)."""
    for case in cases:
        yield run_case(case, rule_sets[case.rules_dir.resolve()])


def run_case(case: Case, rules: RuleSet) -> Outcome:
    subset = _needed(rules, {e.id for e in case.expectations})
    snap = Snapshot(date=case.date, folder=Path(case.file).parent, values=case.values, values_file=case.file,
                    ledgers=case.ledgers, units=case.units, unit_names=case.unit_names, files=[], warnings=[])
    summary = summarise(evaluate(subset, snap), case.lang)
    records = {(r["id"], r["unit"]): r for r in summary.indicators}
    by_id = rules.by_id()
    outcome = Outcome(case)
    for exp in case.expectations:
        for unit in ([exp.unit] if exp.unit else case.units):
            record = records.get((exp.id, unit))
            checks = compare(exp.wanted, record)
            if checks:
                outcome.failures.append(Failure(exp, unit, record, checks, by_id[exp.id]))
    return outcome


def _needed(rules: RuleSet, ids) -> RuleSet:
    """The indicators a case checks and those their formulas read: evaluating 215 indicators
    for a case about two would cost seconds and say nothing more."""
    by_id, all_ids = rules.by_id(), set(rules.by_id())
    need, stack = set(), list(ids)
    while stack:
        ind_id = stack.pop()
        if ind_id in need:
            continue
        need.add(ind_id)
        stack += dependencies(by_id[ind_id], all_ids)
    return RuleSet(rules.settings, rules.causes, [i for i in rules.indicators if i.id in need], rules.files,
                   tables=[], rule_errors=rules.rule_errors)


def compare(wanted: dict, record: dict) -> list:
    """[(what, expected, got)] for each expectation the record does not meet."""
    checks = []
    if "status" in wanted and record["status"] != wanted["status"]:
        checks.append(("status", wanted["status"], record["status"]))
    if "flags" in wanted:
        expected = list(wanted["flags"])
        lacking = [f for f in expected if f not in record["flags"]]
        if lacking or (not expected and record["flags"]):
            checks.append(("flags", expected, list(record["flags"])))
    if "not_flags" in wanted:
        present = [f for f in wanted["not_flags"] if f in record["flags"]]
        if present:
            checks.append(("not_flags", list(wanted["not_flags"]), list(record["flags"])))
    if "note_contains" in wanted:
        pieces = wanted["note_contains"] if isinstance(wanted["note_contains"], list) else [wanted["note_contains"]]
        note = record["cause_note"] or ""
        lacking = [p for p in pieces if p not in note]
        if lacking:
            checks.append(("note_contains", lacking, note))
    for key in ("actual", "target"):
        if key in wanted and not same(wanted[key], record[key]):
            checks.append((key, wanted[key], record[key]))
    return checks


def same(expected, got) -> bool:
    """Whether a value written in a test matches a value of the result (as JSON has it).
    A whole number must match exactly; a decimal is compared at the precision written:
    71.30 and 71.3 match 71.2973 (half-up), 71 does not."""
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, dict) or isinstance(got, dict):
        return isinstance(expected, dict) and isinstance(got, dict) and set(expected) == set(got) \
            and all(same(expected[k], got[k]) for k in expected)
    if isinstance(got, (int, float)) and not isinstance(got, bool):
        written = _decimal(expected)
        if written is None:
            return False
        if written.as_tuple().exponent >= 0:  # a whole number: exactly that
            return abs(float(got) - float(written)) < 1e-9
        places = Decimal(1).scaleb(written.as_tuple().exponent)
        return Decimal(repr(float(got))).quantize(places, rounding=ROUND_HALF_UP) == written.quantize(places)
    text = str(expected).strip()
    if got == "not_done":
        return text.lower() in NOT_DONE_WORDS or text == "not_done"
    if isinstance(got, str) and len(got) == 10 and got[4] == "-":  # a date
        parsed, bad = parse_dates(pd.Series([text], dtype=object))
        return not bad.iloc[0] and parsed.iloc[0].strftime("%Y-%m-%d") == got
    return text == str(got)


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip().replace(",", "").removesuffix("%").strip()
    try:
        return Decimal(text)
    except InvalidOperation:
        return None
