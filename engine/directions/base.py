"""What every direction provides; each direction module overrides what differs.

Columns in, columns out: conditions take the actual values of all units as one Series and the
applicable target as one value, and return one Series."""
from __future__ import annotations

import numpy as np
import pandas as pd

from engine.core.dates import valid_date
from engine.core.values import is_number  # noqa: F401  (the directions read it from here)
from engine.directions.rows import Rows, rows_for
from engine.text import t
from engine.text.vocabulary import TARGET_PAIR, TARGET_SPLIT


def clamp(value: float) -> float:
    return max(0.0, min(float(value), 1.0))


class Direction:
    name = ""
    order = 100             # place in lists users see (the wizard's choices, docs)
    value_kind = "number"   # how a value-table cell is read: number | date | grade
    beatable = True         # can be exceeded; if not, the default overshoot never holds
    cumulative = True       # targets are amounts to date (or per year with annual: true)
    far_beyond = False      # the flag 目标值可能偏低 applies when exceeded far beyond the target
    unsuited_types: dict = {}  # indicator type -> the direction that type usually has (validate warns)

    # --- rules -----------------------------------------------------------------------------------
    def target_problem(self, ind, value):
        """(problem code, params) when a staged target cannot be a target of this direction."""
        return None

    def target_fits(self, ind, value) -> bool:
        return self.target_problem(ind, value) is None

    def decreasing_checked(self, ind) -> bool:
        """Whether a cumulative target lower than the one before is suspicious (validate)."""
        return False

    def applicable(self, ind, day: str):
        """(date, target) that applies at the snapshot day: the latest staged target dated on or
        before it; (None, None) before the first."""
        dated = [(d, v) for d, v in ind.targets if d <= day]
        return dated[-1] if dated else (None, None)

    def applies_by(self, ind, day: str) -> bool:
        """Whether a target applies at the snapshot day (validate: a missing value row is missing
        only once one does)."""
        return any(str(d) <= day for d, _ in ind.targets)

    def final(self, ind):
        """(date, value) of the final target."""
        return ind.targets[-1]

    def target_line(self, ind, period):
        """The rule-file line the applicable target is written on."""
        return ind.lines.get(f"targets.{period}", ind.deadline_line or ind.line)

    def stated_targets(self, ind):
        """[(date, value, line)] as the rule states them, for explain."""
        return [(d, v, ind.lines.get(f"targets.{d}")) for d, v in ind.targets]

    # --- the decision, over rows of any number of indicators × units (rows.Rows) --------------------
    def passed_rows(self, rows: Rows) -> np.ndarray:
        """The default pass condition."""
        raise NotImplementedError

    def over_rows(self, rows: Rows) -> np.ndarray:
        """The default overshoot condition (before it is required to pass)."""
        return np.zeros(len(rows), dtype=bool)

    def due_rows(self, rows: Rows, day: pd.Timestamp, passed: np.ndarray) -> np.ndarray:
        """Whether the applicable target is due (rows without one are never asked)."""
        return np.ones(len(rows), dtype=bool)

    def beyond_margin_rows(self, rows: Rows, margin: float) -> np.ndarray:
        """Whether the actual beats the target by at least `margin` (settings.overshoot_margin, for %
        targets); a direction that cannot be beaten by an amount is not held back by it."""
        return np.ones(len(rows), bool)

    def late_rows(self, rows: Rows) -> np.ndarray:
        """Rows done, but after their date (逾期完成); only a deadline can be late."""
        return np.zeros(len(rows), bool)

    def nothing_due_rows(self, rows: Rows) -> np.ndarray:
        """A target applies but asks for nothing yet (not_due)."""
        return np.zeros(len(rows), dtype=bool)

    def measures_rows(self, rows: Rows):
        """(ratio, completion, gap) arrays; NaN where they mean nothing."""
        nan = np.full(len(rows), np.nan)
        return nan, nan, nan

    # --- the same for one indicator over its units (formulas' names, validate) -----------------------
    def passed(self, ind, actual: pd.Series, target) -> pd.Series:
        return pd.Series(self.passed_rows(rows_for(ind, actual, target)), index=actual.index)

    def over(self, ind, actual: pd.Series, target) -> pd.Series:
        return pd.Series(self.over_rows(rows_for(ind, actual, target)), index=actual.index)

    def measures(self, actual: pd.Series, target, ind=None):
        """(ratio, completion, gap) as Series over the units."""
        rows = rows_for(ind, actual, target) if ind is not None else _numeric_rows(actual, target)
        return tuple(pd.Series(a, index=actual.index) for a in self.measures_rows(rows))

    def shortfall(self, actual: np.ndarray, expected: np.ndarray) -> np.ndarray:
        """How far the actual values are behind the expected progress (evaluate/schedule.py):
        positive when behind. By default more is better."""
        return expected - actual

    # --- words -------------------------------------------------------------------------------------
    def target_text(self, target, ind, shown) -> str:
        """A target as notes and rule tests write it: shown(value) formats a value with its measure."""
        return shown(target)

    def condition_text(self, which: str, actual, target, ind, shown, lang: str) -> str:
        """The default pass (which="pass") or overshoot condition with the values put in (explain)."""
        raise NotImplementedError

    def target_label(self, ind, value, shown, lang) -> str:
        """A staged target in explain's list of targets."""
        return shown(value)

    def applicable_text(self, ind, day: str, period, target, shown, lang) -> str:
        """Which target applies at the snapshot day, and why (explain)."""
        if period:
            return t("explain.applies_why", lang, date=day, target_date=period, target=shown(target))
        return self.not_due_reason(ind, day, lang)

    def not_due_reason(self, ind, day: str, lang) -> str:
        """Why nothing is due at the snapshot day (explain)."""
        return t("explain.no_target", lang, date=day, first=ind.targets[0][0] if ind.targets else "-")

    def gap_parts(self, row, ind, settings, lang) -> list[str] | None:
        """The start of a cause note (目标 …，实际 …，差 …); None: the general wording (notes.py)."""
        return None

    def over_word(self, actual, target) -> bool:
        """Whether a positive gap is an overrun (超出) rather than a shortfall (差)."""
        return False

    def stage_text(self, period, lang) -> str:
        """How rule-test traces name the stage a target belongs to."""
        return f"{period} {t('directions.stage', lang)}"

    # --- scores ------------------------------------------------------------------------------------
    def partial(self, actual, target, ind, band: float) -> tuple[float, str]:
        """The share (0–1) of its points a lagging indicator earns, and on what basis."""
        return 0.0, "band"

    # --- validate: values a condition is tried with -----------------------------------------------
    def candidates(self, ind, target, consts: list, all_targets: list) -> list:
        return []

    # --- authoring ---------------------------------------------------------------------------------
    def proposed_for(self, type_: str, unit: str) -> bool:
        """Whether `new indicator` proposes this direction for an indicator of this type and measure."""
        return False

    def questions(self, fields: dict):
        """What `new indicator` asks after the measure, one (key, prompt, parse, default) at a time:
        a generator, so that a question may depend on the answers before it (fields)."""
        example = self.target_example(fields.get("scale"))
        yield ("targets", t("directions.ask_targets", "zh", example=example),
               lambda text: self.parse_targets(text, fields.get("scale")), None)

    def parse_targets(self, text: str, scale=None) -> list[tuple[str, object]]:
        """ "2021-12-31=6, 2023-12-31=10" -> [("2021-12-31", 6), ("2023-12-31", 10)]; ValueError with
        the words to show when it cannot be read."""
        pairs, seen = [], set()
        for part in (p for p in TARGET_SPLIT.split(text) if p.strip()):
            m = TARGET_PAIR.fullmatch(part)
            if not m:
                raise ValueError(t("directions.pair_form", "zh", part=part.strip()))
            date, raw = m.groups()
            if not valid_date(date):
                raise ValueError(t("directions.no_such_date", "zh", date=date))
            if date in seen:
                raise ValueError(t("directions.date_twice", "zh", date=date))
            seen.add(date)
            pairs.append((date, self.parse_target(raw, scale)))
        if not pairs:
            raise ValueError(t("directions.no_targets", "zh"))
        return sorted(pairs)

    def parse_target(self, raw: str, scale) -> object:
        """A staged target typed at a prompt; ValueError with the words to show when it is not one."""
        raise NotImplementedError

    def target_example(self, scale) -> str:
        return "2021-12-31=6, 2023-12-31=10"

    def template_comment(self, ind, lang) -> str | None:
        """The note on the value cell of the XLSX template."""
        return None


def _numeric_rows(actual: pd.Series, target) -> Rows:
    n = len(actual)
    nan = np.full(n, np.nan)
    nat = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    tnum = np.full(n, float(target) if is_number(target) else np.nan)
    return Rows(actual.to_numpy(dtype=object), actual.astype(float).to_numpy(), nat, nan, tnum, nan, nan, nan, nat)
