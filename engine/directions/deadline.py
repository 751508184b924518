"""deadline (期限): done by a date. The value table holds the completion date, or 未完成; the
target is the indicator's `deadline:`, due once that date comes (or earlier, once done in time)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from engine.core.dates import ISO, valid_date
from engine.core.numbers import number_text
from engine.directions.base import Direction
from engine.core.values import NOT_DONE
from engine.text import t
from engine.text.vocabulary import DATE_UNITS


def done(dates: np.ndarray) -> np.ndarray:
    """A completion date is known, and it is not 未完成."""
    return ~np.isnat(dates) & (dates != NOT_DONE.to_datetime64())


def parse_deadline(text: str) -> str:
    text = text.strip()
    if not ISO.fullmatch(text) or not valid_date(text):
        raise ValueError(t("directions.deadline_form", "zh"))
    return text


class Deadline(Direction):
    name = "deadline"
    order = 60
    value_kind = "date"
    beatable = False
    cumulative = False

    def applicable(self, ind, day):
        return ind.deadline, pd.Timestamp(ind.deadline)

    def applies_by(self, ind, day):
        return isinstance(ind.deadline, str) and ind.deadline <= day

    def final(self, ind):
        return ind.deadline, pd.Timestamp(ind.deadline)

    def stated_targets(self, ind):
        return [(ind.deadline, ind.deadline, ind.deadline_line or ind.line)]

    def target_label(self, ind, value, shown, lang):
        return t("directions.deadline_word", lang)

    def applicable_text(self, ind, day, period, target, shown, lang):
        return t("explain.deadline_target", lang, deadline=ind.deadline, line=ind.deadline_line or ind.line)

    def not_due_reason(self, ind, day, lang):
        return t("explain.why_not_due_deadline", lang, deadline=ind.deadline)

    def passed_rows(self, rows):
        return rows.date <= rows.tdate  # NaT compares false: not done, or no date

    def late_rows(self, rows):
        return done(rows.date) & (rows.date > rows.tdate)

    def due_rows(self, rows, day, passed):
        # before its date a deadline is due only once met
        return (day.to_datetime64() >= rows.tdate) | (done(rows.date) & passed)

    def condition_text(self, which, actual, target, ind, shown, lang):
        if actual == NOT_DONE:
            return t("directions.not_done_by", lang, deadline=shown(target))
        return t("directions.done_on", lang, actual=shown(actual), deadline=shown(target))

    def gap_parts(self, row, ind, settings, lang):
        target, actual = row["target"], row["actual"]
        parts = [f"{t('directions.deadline_word', lang)} {number_text(target)}"]
        if actual == NOT_DONE or pd.isna(actual):
            parts.append(t("directions.not_done", lang))
        else:
            days = (actual - target).days
            parts.append(t("directions.late", lang, days=days) if days > 0 else
                         f"{t('directions.actual', lang)} {number_text(actual)}")
        return parts

    def stage_text(self, period, lang):
        return t("directions.deadline_word", lang)

    def partial(self, actual, target, ind, band):
        # done, but late (otherwise the status would be met); not done earns nothing
        late = isinstance(actual, str) and actual != "not_done" and valid_date(actual)
        return (0.5 if late else 0.0), "band"

    def candidates(self, ind, target, consts, all_targets):
        day = pd.Timestamp(ind.deadline)
        return [day + pd.Timedelta(days=d) for d in (-365, -30, -1, 0, 1, 30, 365)] + [NOT_DONE]

    def proposed_for(self, type_, unit):
        return unit in DATE_UNITS[:1]

    def questions(self, fields):
        yield ("deadline", t("directions.ask_deadline", "zh"), parse_deadline, None)

    def template_comment(self, ind, lang):
        return t("directions.template_deadline", lang, deadline=ind.deadline)


DIRECTION = Deadline()
