"""One horizontal bar chart, drawn as inline SVG text: grouped bars (one per series) for each
category, value labels, grid lines and an optional reference line such as 100%. No scripts,
no fonts or files fetched; the same input gives the same text."""
from __future__ import annotations

import math
from html import escape

from engine.text import t

WIDTH = 680          # fits an A4 page's text width; the SVG scales down with the page
BAR, GAP, FONT = 14, 10, 12
LEGEND, AXIS = 22, 22


def text_width(text: str, size: int = FONT) -> float:
    """Rough width in pixels: CJK and full-width characters are square, the rest about half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.58 for ch in text)


def clip(text: str, width: float, lang: str = "zh") -> str:
    if text_width(text) <= width:
        return text
    more = t("common.more", lang)
    while text and text_width(text + more) > width:
        text = text[:-1]
    return text + more


def nice_top(value: float) -> tuple[float, float]:
    """An axis end at or above value and a round tick step (1, 2 or 5 × 10^n), about five ticks."""
    if value <= 0:
        return 1.0, 0.2
    raw = value / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return math.ceil(value / step - 1e-9) * step, step


def _n(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def bar_chart(chart, lang: str = "zh") -> str:
    """SVG for a document.Chart."""
    series = chart.series
    values = [v for s in series for v in s.values if v is not None]
    top, step = nice_top(max(values + [chart.ref or 0, 0]))
    label_w = min(max([text_width(c) for c in chart.categories] + [40]) + 8, 230)
    x0, x1 = label_w + 6, WIDTH - 56
    legend_h = LEGEND if len(series) > 1 else 0
    group_h = BAR * len(series) + GAP
    plot_top = legend_h + (18 if chart.ref is not None else 8)  # room for the reference line's label
    plot_h = group_h * len(chart.categories)
    height = plot_top + plot_h + AXIS

    def x(v: float) -> float:
        return x0 + (x1 - x0) * (v / top)

    title = escape(chart.title)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{WIDTH}" height="{_n(height)}" '
           f'viewBox="0 0 {WIDTH} {_n(height)}" role="img" aria-label="{title}" font-size="{FONT}">',
           f"<title>{title}</title>"]
    if legend_h:
        lx = x0
        for s in series:
            out.append(f'<rect class="legend" x="{_n(lx)}" y="4" width="12" height="12" fill="#{s.colour}"/>')
            out.append(f'<text x="{_n(lx + 16)}" y="14">{escape(s.name)}</text>')
            lx += 16 + text_width(s.name) + 14
    tick = 0.0
    while tick <= top + 1e-9:  # grid lines and their labels
        tx = x(tick)
        out.append(f'<line x1="{_n(tx)}" y1="{_n(plot_top)}" x2="{_n(tx)}" y2="{_n(plot_top + plot_h)}" stroke="#dddddd"/>')
        out.append(f'<text x="{_n(tx)}" y="{_n(plot_top + plot_h + 15)}" text-anchor="middle" fill="#555555">'
                   f'{_n(tick)}{"%" if chart.percent else ""}</text>')
        tick += step
    for k, category in enumerate(chart.categories):
        gy = plot_top + k * group_h + GAP / 2
        shown = clip(category, label_w - 4, lang)
        out.append(f'<text x="{_n(x0 - 6)}" y="{_n(gy + BAR * len(series) / 2 + 4)}" text-anchor="end">'
                   f'{"<title>" + escape(category) + "</title>" if shown != category else ""}{escape(shown)}</text>')
        for j, s in enumerate(series):
            y = gy + j * BAR
            value = s.values[k]
            colour = (s.colours[k] if s.colours and s.colours[k] else None) or s.colour
            if value is not None and value > 0:
                out.append(f'<rect class="bar" x="{_n(x0)}" y="{_n(y + 1)}" width="{_n(x(value) - x0)}" '
                           f'height="{BAR - 2}" fill="#{colour}"><title>{escape(s.name)} {escape(category)}: '
                           f'{escape(s.texts[k])}</title></rect>')
            end = x(value) if value is not None and value > 0 else x0
            out.append(f'<text x="{_n(end + 4)}" y="{_n(y + BAR - 3)}" font-size="{FONT - 1}">{escape(s.texts[k])}</text>')
    out.append(f'<line x1="{_n(x0)}" y1="{_n(plot_top)}" x2="{_n(x0)}" y2="{_n(plot_top + plot_h)}" stroke="#333333"/>')
    if chart.ref is not None:
        rx = x(chart.ref)
        out.append(f'<line class="ref" x1="{_n(rx)}" y1="{_n(plot_top - 4)}" x2="{_n(rx)}" y2="{_n(plot_top + plot_h)}" '
                   f'stroke="#C00000" stroke-width="1.5" stroke-dasharray="5 3"/>')
        out.append(f'<text x="{_n(rx)}" y="{_n(plot_top - 7)}" text-anchor="middle" fill="#C00000" '
                   f'font-size="{FONT - 2}">{escape(chart.ref_label)}</text>')
    out.append("</svg>")
    return "\n".join(out)
