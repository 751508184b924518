"""The report as a document model: sections of sentences, tables and charts, built from a Summary.

Every figure in the text is read from the Summary (roll-ups, ledger tables, exceptions) or counted
from its indicators; nothing is typed. The Markdown and HTML renderers only lay the model out.
build() walks the section registry (engine/report/sections): one module per section.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.report import sections
from engine.report.context import Context, date_text
from engine.summarise.summary import COUNTS
from engine.summarise.unit_totals import unit_totals
from engine.text import t


# ---- the model --------------------------------------------------------------------------------

@dataclass
class Para:
    text: str
    kind: str = "text"   # figures: a sentence of figures only; detail: names and causes; note: an aside
    omitted: bool = False  # says the section is left out (no such table): the Word report leaves the section out


@dataclass
class Cell:
    text: str
    cls: str = ""        # status-in_progress, flag-overspend … (the HTML colours them)


@dataclass
class Table:
    key: str
    head: list
    rows: list           # [[Cell]]
    title: str = ""
    numeric: list = field(default_factory=list)  # right-aligned columns
    total: list | None = None


@dataclass
class Series:
    name: str
    values: list          # numbers or None (no bar)
    texts: list           # the label printed at each bar
    colour: str
    colours: list | None = None  # per bar, overriding colour (e.g. overspend)
    style: str = ""       # line charts: actual (line and points), target (markers), projected (dashed)


@dataclass
class Chart:
    key: str
    title: str
    categories: list
    series: list
    ref: float | None = None      # a reference line, e.g. 100 (%)
    ref_label: str = ""
    percent: bool = False
    kind: str = "bar"             # bar (charts.py) | line (line_chart.py: categories are ISO dates)


@dataclass
class Section:
    key: str
    title: str
    blocks: list = field(default_factory=list)  # Para | Table | Chart | Section


@dataclass
class Part:
    unit: str
    name: str
    sections: list


@dataclass
class Document:
    title: str
    subtitle: str
    lang: str
    snapshot: str
    parts: list
    notes: list = field(default_factory=list)
    overview: list = field(default_factory=list)  # blocks before the parts: a row per unit, when several


# ---- building ---------------------------------------------------------------------------------

def build(summary, *, causes: dict | None = None, history: list | None = None, comparison=None,
          forecast: dict | None = None) -> Document:
    """The document for every unit of the summary.

    causes: the rule set's cause catalogue (code → Cause) for the reasons in sentences;
    history: [(date, Summary or error text)] in date order, for the status chart;
    comparison: engine.summarise.compare.compare(earlier, this summary), for the section on what changed;
    forecast: engine.forecast.forecast(summaries up to this one, rules), for the section 预测与完成可能性.
    """
    lang, settings = summary.lang, summary.settings
    title = settings.title or t("report.default_title", lang)
    doc = Document(title=t("report.title", lang, title=title),
                   subtitle=t("report.subtitle", lang, date=date_text(summary.snapshot, lang)),
                   lang=lang, snapshot=summary.snapshot, parts=[])
    for unit, name in summary.units.items():
        ctx = Context(summary, unit, causes or {}, history, comparison, forecast)
        doc.parts.append(Part(unit, name, sections.build_all(ctx)))
    if len(doc.parts) > 1:
        doc.overview = [_units_overview(summary, lang)]
    return doc


def _units_overview(summary, lang) -> Section:
    """A province's report opens on its colleges: a row per unit, its indicators by status and rate."""
    keys = COUNTS
    rows = [[Cell(u["name"]), *[Cell(str(u[k])) for k in keys], Cell(u["rate_text"])] for u in unit_totals(summary)]
    head = [t("render.unit", lang), *[t(f"render.{k}", lang) for k in keys], t("render.rate", lang)]
    return Section("units_overview", t("report.units_overview", lang),
                   [Table("units_overview", head, rows, numeric=[False] + [True] * (len(keys) + 1))])
