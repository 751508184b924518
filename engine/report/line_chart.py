"""One line chart over dates, drawn as inline SVG text, in the style of charts.py: the x axis is
time (categories are ISO dates, placed by their day), the y axis starts at 0. A series' style says
how it is drawn: actual (a line through its points, each labelled), target (a marker at each stage
date, labelled at its right), projected (a dashed line). No scripts, no fonts or files fetched; the
same input gives the same text. Every point and marker carries data-date and data-value."""
from __future__ import annotations

import math
from datetime import date
from html import escape

from engine.core.numbers import number_text
from engine.report.charts import FONT, LEGEND, nice_top, text_width

WIDTH, PLOT_H = 680, 170
HALO = 'stroke="#ffffff" stroke-width="3" paint-order="stroke"'  # value labels stay legible over lines
LEFT, RIGHT = 56, 70      # room for the y labels, and for the last marker's label
INSET = 18                # the first and last dates stand off the axes
TOP, BOTTOM = 16, 24      # room for the labels above the points, and for the dates


def _n(x: float) -> str:
    """A coordinate as charts.py writes it: one decimal, no trailing zeros."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def line_chart(chart, lang: str = "zh") -> str:
    """SVG for a document.Chart of kind line."""
    days = [_day(c) for c in chart.categories]
    values = [v for s in chart.series for v in s.values if v is not None]
    top, step = nice_top(max(values + [0]))
    if all(float(v).is_integer() for v in values) and step < 1:  # counts: no 0.2 of a 项
        step, top = 1.0, float(max(1, math.ceil(top)))
    first, last = min(days), max(days)
    x0, x1 = LEFT, WIDTH - RIGHT
    plot_top = LEGEND + TOP
    plot_bottom = plot_top + PLOT_H
    height = plot_bottom + BOTTOM

    def x(k: int) -> float:
        return x0 + INSET + (x1 - x0 - 2 * INSET) * ((days[k] - first) / (last - first) if last > first else 0.5)

    def y(v: float) -> float:
        return plot_bottom - PLOT_H * (v / top)

    title = escape(chart.title)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart line" width="{WIDTH}" height="{_n(height)}" '
           f'viewBox="0 0 {WIDTH} {_n(height)}" role="img" aria-label="{title}" font-size="{FONT}">',
           f"<title>{title}</title>"]
    out += _legend(chart.series, x0)
    tick = 0.0
    while tick <= top + 1e-9:  # horizontal grid lines and their labels
        out.append(f'<line x1="{_n(x0)}" y1="{_n(y(tick))}" x2="{_n(x1)}" y2="{_n(y(tick))}" stroke="#dddddd"/>')
        out.append(f'<text x="{_n(x0 - 6)}" y="{_n(y(tick) + 4)}" text-anchor="end" fill="#555555">{_n(tick)}</text>')
        tick += step
    out += _dates(chart.categories, x, plot_top, plot_bottom)
    out.append(f'<line x1="{_n(x0)}" y1="{_n(plot_top)}" x2="{_n(x0)}" y2="{_n(plot_bottom)}" stroke="#333333"/>')
    out.append(f'<line x1="{_n(x0)}" y1="{_n(plot_bottom)}" x2="{_n(x1)}" y2="{_n(plot_bottom)}" stroke="#333333"/>')
    targets = {k: v for s in chart.series if s.style == "target" for k, v in enumerate(s.values) if v is not None}
    actuals = {k: v for s in chart.series if s.style in ("", "actual") for k, v in enumerate(s.values) if v is not None}

    def label_y(k: int, v: float) -> float:
        """Above the point; below it when the target at that date is higher (its marker is there) and
        the point is not at the foot of the plot."""
        below = targets.get(k, v) > v and plot_bottom - y(v) > 22
        return y(v) + 16 if below else y(v) - 8

    for s in sorted(chart.series, key=lambda s: ("projected", "target", "actual").index(s.style or "actual")):
        out += _series(s, chart.categories, x, y, label_y, actuals)
    out.append("</svg>")
    return "\n".join(out)


def _legend(series, x0) -> list[str]:
    out, lx = [], x0
    for s in series:
        mid = 4 + 6
        if s.style == "target":
            out.append(f'<path class="legend" d="{_diamond(lx + 6, mid)}" fill="#{s.colour}"/>')
        else:
            dash = ' stroke-dasharray="5 3"' if s.style == "projected" else ""
            out.append(f'<line class="legend" x1="{_n(lx)}" y1="{mid}" x2="{_n(lx + 14)}" y2="{mid}" '
                       f'stroke="#{s.colour}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{_n(lx + 18)}" y="14">{escape(s.name)}</text>')
        lx += 18 + text_width(s.name) + 16
    return out


def _dates(categories, x, plot_top, plot_bottom) -> list[str]:
    """A tick at every date; a label where it does not run into the one before."""
    out, shown_end = [], None
    for k, c in enumerate(categories):
        cx = x(k)
        out.append(f'<line x1="{_n(cx)}" y1="{_n(plot_top)}" x2="{_n(cx)}" y2="{_n(plot_bottom)}" stroke="#f0f0f0"/>')
        half = text_width(c, FONT - 1) / 2
        if shown_end is None or cx - half > shown_end + 6:
            out.append(f'<text class="date" x="{_n(cx)}" y="{_n(plot_bottom + 16)}" text-anchor="middle" '
                       f'fill="#555555" font-size="{FONT - 1}">{escape(c)}</text>')
            shown_end = cx + half
    return out


def _spaced(xs: list, ks: list, room: float = 30) -> set:
    """The points whose value label has room: the last one, and going back, each at least `room`
    pixels from the one labelled after it."""
    out, next_x = set(), None
    for px, k in zip(reversed(xs), reversed(ks)):
        if next_x is None or next_x - px >= room:
            out.add(k)
            next_x = px
    return out


def _diamond(cx: float, cy: float, r: float = 5) -> str:
    return f"M{_n(cx - r)} {_n(cy)} L{_n(cx)} {_n(cy - r)} L{_n(cx + r)} {_n(cy)} L{_n(cx)} {_n(cy + r)} Z"


def _series(s, categories, x, y, label_y, actuals) -> list[str]:
    at = [k for k, v in enumerate(s.values) if v is not None]
    if not at:
        return []
    out = []
    labelled = _spaced([x(k) for k in at], [k for k in at])
    if s.style in ("", "actual", "projected") and len(at) > 1:
        dash = ' stroke-dasharray="6 4"' if s.style == "projected" else ""
        points = " ".join(f"{_n(x(k))},{_n(y(s.values[k]))}" for k in at)
        out.append(f'<polyline class="{s.style or "actual"}" points="{points}" fill="none" stroke="#{s.colour}" '
                   f'stroke-width="2"{dash}/>')
    for k in at:
        cx, cy, v = x(k), y(s.values[k]), s.values[k]
        tip = f"<title>{escape(s.name)} {escape(categories[k])}: {escape(s.texts[k])}</title>"
        data = f'data-date="{escape(categories[k])}" data-value="{number_text(v)}"'
        if s.style == "target":
            out.append(f'<path class="target" {data} d="{_diamond(cx, cy)}" fill="#{s.colour}">{tip}</path>')
            if actuals.get(k) == v:  # the actual point's label says it
                continue
            out.append(f'<text class="value" x="{_n(cx + 8)}" y="{_n(cy + 4)}" fill="#{s.colour}" font-size="{FONT - 1}" {HALO}>'
                       f"{escape(s.texts[k])}</text>")
        elif s.style == "projected":
            if not s.texts[k]:  # where the projection starts: the actual point is drawn there
                continue
            out.append(f'<circle class="projected" {data} cx="{_n(cx)}" cy="{_n(cy)}" r="3" fill="#ffffff" '
                       f'stroke="#{s.colour}" stroke-width="1.5">{tip}</circle>')
            out.append(f'<text class="value" x="{_n(cx)}" y="{_n(label_y(k, v))}" text-anchor="middle" fill="#{s.colour}" '
                       f'font-size="{FONT - 1}" {HALO}>{escape(s.texts[k])}</text>')
        else:
            out.append(f'<circle class="actual" {data} cx="{_n(cx)}" cy="{_n(cy)}" r="3.5" fill="#{s.colour}">{tip}</circle>')
            if k not in labelled:  # monthly snapshots: every point drawn, a label where there is room
                continue
            out.append(f'<text class="value" x="{_n(cx)}" y="{_n(label_y(k, v))}" text-anchor="middle" font-size="{FONT - 1}" {HALO}>'
                       f"{escape(s.texts[k])}</text>")
    return out
