"""What a report section reads: one unit's roll-ups, indicators and ledger tables, with the
inputs of the whole report (causes, history, comparison, forecast) and helpers to word figures."""
from __future__ import annotations

from engine.core.numbers import number_text, rate_text
from engine.render.words import level_label
from engine.text import t


class Context:
    def __init__(self, summary, unit: str, causes: dict, history: list | None = None, comparison: dict | None = None,
                 forecast: dict | None = None):
        self.summary, self.unit, self.causes = summary, unit, causes
        self.history, self.comparison, self.forecast = history, comparison, forecast
        self.lang, self.settings = summary.lang, summary.settings
        self.date = date_text(summary.snapshot, self.lang)
        self.rollups = summary.of_unit(unit, "rollups")
        self.indicators = summary.of_unit(unit, "indicators")
        self.tables = summary.of_unit(unit, "tables")

    def rate(self, value, digits=None) -> str:
        return rate_text(value, self.settings.digits if digits is None else digits, self.settings.rounding)

    def value(self, v) -> str:
        """An actual or target as text; a deadline not met yet as 未完成."""
        return t("report.not_done", self.lang) if v == "not_done" else number_text(v)

    def rollup(self, grouping, **keys) -> list:
        return [r for r in self.rollups if r["grouping"] == grouping and all(r.get(k) == v for k, v in keys.items())]

    def levels(self) -> list:
        return [r["level"] for r in self.rollup("level")]

    def level_name(self, level) -> str:
        return level_label(level, self.settings, self.lang)

    def table(self, table_id):
        return next((tb for tb in self.tables if tb["id"] == table_id), None)

    def cause_text(self, code) -> str:
        cause = self.causes.get(code)
        if cause is None:
            return code
        return cause.zh if self.lang == "zh" else cause.en


def date_text(date: str, lang: str) -> str:
    """2021-12-31 → 2021 年 12 月 31 日"""
    y, m, d = (int(x) for x in date.split("-")) if lang == "zh" else (None, None, None)
    return t("report.date", lang, y=y, m=m, d=d, date=date)


def quoted(names, lang) -> str:
    return t("report.quote_sep", lang).join(t("common.quoted", lang, text=n) for n in names)


def numbered(n: int, lang: str, key: str = "report.section_number", otherwise: str | None = None) -> str:
    """一、 二、 … (n from 0) while Chinese numerals last; after them (and in English) 11. 12. … or `otherwise`."""
    numerals = t("report.numerals", lang)
    if n < len(numerals):
        return t(key, lang, numeral=numerals[n], n=n + 1)
    return f"{n + 1}. " if otherwise is None else otherwise
