"""The report document as one self-contained HTML file: inline CSS, charts as inline SVG,
no scripts and nothing fetched; prints on A4."""
from __future__ import annotations

import re
from html import escape

from engine.render.colours import FLAG_FILL, HEADER_FILL, STATUS_FILL
from engine.report.charts import bar_chart
from engine.report.line_chart import line_chart
from engine.report.document import Cell, Chart, Para, Section, Table

SHORT = 8  # a column whose cells are all this short does not wrap (状态, 类型, 编号 …)

CSS = """
@page { size: A4; margin: 16mm 14mm 18mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimSun", sans-serif;
       font-size: 10.5pt; line-height: 1.7; color: #222; background: #fff; max-width: 190mm; margin: 0 auto; padding: 12px; }
header.cover { text-align: center; margin-bottom: 1.2em; }
h1 { font-size: 18pt; margin: .4em 0; }
.subtitle { color: #555; font-size: 9.5pt; text-indent: 0; }
h2 { font-size: 14pt; border-bottom: 2px solid #4472C4; padding-bottom: 2px; margin-top: 1.4em; }
h3 { font-size: 12pt; margin-top: 1.1em; }
h4 { font-size: 11pt; margin-top: .9em; }
h5, h6 { font-size: 10.5pt; margin-top: .7em; }
h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
p { text-indent: 2em; margin: .35em 0; }
p.note { text-indent: 0; color: #666; font-size: 9.5pt; border-left: 3px solid #ccc; padding-left: .6em; }
nav.toc { font-size: 9.5pt; border: 1px solid #ddd; padding: .4em 1em; margin-bottom: 1em; }
nav.toc ol { margin: 0; padding-left: 0; list-style: none; columns: 2; }
nav.toc a { color: #1F4E79; text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 9pt; line-height: 1.45; }
caption { font-weight: bold; padding: .3em; font-size: 10pt; }
th, td { border: 1px solid #999; padding: 2px 6px; vertical-align: top; text-align: left; }
th { background: #HEADER; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nw { white-space: nowrap; }
tfoot td { font-weight: bold; background: #f2f2f2; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
figure.chart { margin: .8em 0 1.2em; break-inside: avoid; page-break-inside: avoid; text-align: center; }
figure.chart svg { max-width: 100%; height: auto; font-family: inherit; }
figcaption { font-weight: bold; font-size: 10pt; margin-bottom: .3em; }
article.unit + article.unit { break-before: page; page-break-before: always; }
@media print { body { max-width: none; padding: 0; } nav.toc { display: none; } }
"""


def _css() -> str:
    rules = [CSS.replace("#HEADER", "#" + HEADER_FILL)]
    rules += [f".status-{s} {{ background: #{c}; }}" for s, c in STATUS_FILL.items()]
    rules += [f".flag-{f} {{ background: #{c}; }}" for f, c in FLAG_FILL.items()]
    return "\n".join(line.strip() for line in "\n".join(rules).splitlines() if line.strip())


def _id(*parts) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", "-".join(str(p) for p in parts))


def _cell(tag, c, numeric, short=False) -> str:
    classes = " ".join(x for x in (c.cls, "num" if numeric else "", "nw" if short else "") if x)
    attr = f' class="{classes}"' if classes else ""
    return f"<{tag}{attr}>{escape(c.text)}</{tag}>"


def table_html(tb: Table) -> str:
    numeric = list(tb.numeric) + [False] * (len(tb.head) - len(tb.numeric))
    body = tb.rows + ([tb.total] if tb.total else [])
    short = [all(len(row[n].text) <= SHORT for row in body if n < len(row)) for n in range(len(tb.head))]
    out = [f'<table class="data" data-key="{escape(tb.key)}">']
    if tb.title:
        out.append(f"<caption>{escape(tb.title)}</caption>")
    out.append("<thead><tr>" + "".join(_cell("th", Cell(x), n) for x, n in zip(tb.head, numeric)) + "</tr></thead>")
    out.append("<tbody>")
    for row in tb.rows:
        out.append("<tr>" + "".join(_cell("td", c, n, k) for c, n, k in zip(row, numeric, short)) + "</tr>")
    out.append("</tbody>")
    if tb.total:
        out.append("<tfoot><tr>" + "".join(_cell("td", c, n, k) for c, n, k in zip(tb.total, numeric, short)) + "</tr></tfoot>")
    out.append("</table>")
    return "\n".join(out)


def block_html(block, depth: int, prefix: str, lang: str = "zh") -> str:
    if isinstance(block, Para):
        return f'<p class="{block.kind}">{escape(block.text)}</p>'
    if isinstance(block, Table):
        return table_html(block)
    if isinstance(block, Chart):
        return (f'<figure class="chart" data-key="{escape(block.key)}"><figcaption>{escape(block.title)}</figcaption>\n'
                f"{(line_chart if block.kind == 'line' else bar_chart)(block, lang)}\n</figure>")
    if isinstance(block, Section):
        tag = f"h{min(depth, 6)}"
        inner = "\n".join(block_html(b, depth + 1, prefix, lang) for b in block.blocks)
        return (f'<section id="{_id(prefix, block.key)}" data-key="{escape(block.key)}" class="depth-{depth - 1}">\n'
                f"<{tag}>{escape(block.title)}</{tag}>\n{inner}\n</section>")
    raise TypeError(f"unknown block {type(block).__name__}")


def render(doc) -> str:
    lang = "zh-CN" if doc.lang == "zh" else "en"
    out = ["<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(doc.title)} · {escape(doc.snapshot)}</title>", f"<style>\n{_css()}\n</style>", "</head>",
           "<body>", '<header class="cover">', f"<h1>{escape(doc.title)}</h1>",
           f'<p class="subtitle">{escape(doc.subtitle)}</p>', "</header>"]
    several = len(doc.parts) > 1
    out += [block_html(s, 1, "overview", doc.lang) for s in doc.overview]
    for part in doc.parts:
        out.append(f'<article class="unit" id="{_id("unit", part.unit)}" data-unit="{escape(part.unit)}">')
        if several:
            out.append(f"<h1>{escape(part.name)}</h1>")
        out.append('<nav class="toc"><ol>' + "".join(
            f'<li><a href="#{_id(part.unit, s.key)}">{escape(s.title)}</a></li>' for s in part.sections) + "</ol></nav>")
        out += [block_html(s, 2, part.unit, doc.lang) for s in part.sections]
        out.append("</article>")
    out += [f'<p class="note">{escape(n)}</p>' for n in doc.notes]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
