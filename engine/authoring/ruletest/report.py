"""The words of the results: a line per case as it runs, each failing expectation with what was
expected and what came, and the trace of what the engine did (target, actual value and its
source, status, flags, note). Printing goes through echo, so this module needs no click."""
from __future__ import annotations

from engine.authoring.ruletest.run import Failure
from engine.core.numbers import number_text, with_unit
from engine.text import t
from engine.text.labels import FLAGS, STATUSES, label


def report(outcomes, lang: str, quiet: bool, echo) -> tuple[int, int]:
    """Say each outcome as it comes (only the failures when quiet), then the total;
    (passed, failed)."""
    passed = failed = 0
    current = None
    for outcome in outcomes:
        case = outcome.case
        if outcome.passed:
            passed += 1
        else:
            failed += 1
        if quiet and outcome.passed:
            continue
        if case.file != current:
            echo(case.file)
            current = case.file
        word = t("ruletest.pass" if outcome.passed else "ruletest.fail", lang)
        echo(f"  {word}  {case.name}  [{t('ruletest.line', lang, n=case.line)}]")
        for failure in outcome.failures:
            for line in failure_lines(failure, len(case.units) > 1, lang):
                echo("        " + line)
    echo(t("ruletest.total", lang, passed=passed, failed=failed))
    return passed, failed


def failure_lines(failure: Failure, many_units: bool, lang: str) -> list[str]:
    exp, rec, ind = failure.expectation, failure.record, failure.indicator
    head = f"{ind.id} {ind.name}"
    if many_units:
        head += t("ruletest.of_unit", lang, unit=failure.unit)
    if exp.line:
        head += f"  [{t('ruletest.line', lang, n=exp.line)}]"
    out = [head]
    for what, expected, got in failure.checks:
        out.append(f"  {t('ruletest.' + what, lang)}  {_check_text(what, expected, got, lang)}")
    out.append(f"  {t('ruletest.trace', lang)}")
    out += ["    " + line for line in trace_lines(rec, ind, lang)]
    return out


def _check_text(what: str, expected, got, lang: str) -> str:
    if what == "status":
        return t("ruletest.expected_got", lang, expected=_status(expected, lang), got=_status(got, lang))
    if what == "flags" and expected:
        return t("ruletest.includes_got", lang, expected=_flags(expected, lang), got=_flags(got, lang))
    if what == "flags":
        return t("ruletest.no_flags_got", lang, got=_flags(got, lang))
    if what == "not_flags":
        return t("ruletest.excludes_got", lang, expected=_flags(expected, lang), got=_flags(got, lang))
    if what == "note_contains":
        lacking = "".join(t("ruletest.quoted", lang, text=piece) for piece in expected)
        return t("ruletest.lacking_got", lang, lacking=lacking, got=t("ruletest.quoted", lang, text=got))
    return t("ruletest.expected_got", lang, expected=_shown(expected), got=_shown(got))


def trace_lines(rec: dict, ind, lang: str) -> list[str]:
    """What the engine did: the target applied, the actual value and its source, the status,
    the flags and the note."""
    if rec is None:
        return [t("ruletest.no_record", lang)]
    src = rec["sources"]
    if rec["target"] is None:
        target = t("ruletest.no_target", lang)
    else:
        where = f"{src['target']['file']}:{src['target']['line']}" if src.get("target") else ""
        target = t("ruletest.target_at", lang, target=_target_text(rec["target"], ind),
                   stage=ind.way.stage_text(rec["target_period"], lang), where=where)
    actual = "-" if rec["actual"] is None else rec["actual"] if isinstance(rec["actual"], str) \
        else with_unit(rec["actual"], ind.unit)
    a_src = src.get("actual")
    if a_src and "formula" in a_src:
        actual = t("ruletest.by_formula", lang, actual=actual, formula=a_src["formula"], rule=a_src["rule"])
    elif a_src:
        actual = t("ruletest.from_row", lang, actual=actual, file=a_src["file"], row=a_src["row"])
    if rec["completion"] is not None:
        actual = t("ruletest.completion", lang, actual=actual, completion=number_text(rec["completion"], 2))
    return [f"{t('ruletest.target', lang)}  {target}",
            f"{t('ruletest.actual', lang)}  {actual}",
            f"{t('ruletest.status', lang)}  {_status(rec['status'], lang)}",
            f"{t('ruletest.flag_list', lang)}  {_flags(rec['flags'], lang)}",
            f"{t('ruletest.note', lang)}  {rec['cause_note'] or t('ruletest.none', lang)}"]


def _status(code, lang) -> str:
    """achieved 已达成: the code users write, and its words (in English the code says it)."""
    return t("ruletest.coded", lang, code=code, words=label(STATUSES, code, lang)) if code in STATUSES else str(code)


def _flags(flags, lang) -> str:
    if not flags:
        return t("ruletest.none", lang)
    return t("ruletest.code_sep", lang).join(
        t("ruletest.coded", lang, code=f, words=label(FLAGS, f, lang)) if f in FLAGS else f for f in flags)


def _shown(value) -> str:
    if value is None:
        return "null"
    return value if isinstance(value, str) else number_text(value)


def _target_text(target, ind) -> str:
    if isinstance(target, str):
        return target
    return ind.way.target_text(target, ind, lambda value: with_unit(value, ind.unit))
