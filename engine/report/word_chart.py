"""A report chart as a native Word chart (DrawingML): Word, WPS and LibreOffice draw it from the
figures it holds, in the reader's fonts, and staff can restyle it. python-pptx writes the chart
XML (the same DrawingML chart PowerPoint uses) and styles it; python-docx stores it as a part of
the document. Bars stay bars, with the HTML report's colours and value labels; a line chart over
snapshot dates draws the actual values as a line, the stage targets as markers only and the
projection dashed. No workbook is embedded: the chart shows its cached figures (editing the data
in Word starts from the table printed under it)."""
from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Emu
from lxml import etree
from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.chart.xmlwriter import ChartXmlWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml import parse_xml as parse_chart
from pptx.util import Pt

WIDTH = Emu(5_760_000)  # 16 cm: an A4 page's text width
ROW, BASE = Emu(180_000), Emu(1_080_000)  # a bar chart grows with its rows

INLINE = (
    '<w:drawing %s><wp:inline distT="0" distB="0" distL="0" distR="0">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:docPr id="{n}" name="Chart {n}"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
    '<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing>'
) % ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
     'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
     'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def add_chart(word, chart) -> None:
    """The chart in a paragraph of its own, where the document is being written."""
    space = _chart_space(chart)
    n = len([r for r in word.part.rels.values() if r.reltype == RT.CHART]) + 1
    part = Part(PackURI(f"/word/charts/chart{n}.xml"), CT.DML_CHART,
                etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True), word.part.package)
    rid = word.part.relate_to(part, RT.CHART)
    rows = len(chart.categories) * (len(chart.series) if chart.kind == "bar" else 0)
    height = Emu(2_880_000) if chart.kind == "line" else Emu(BASE + ROW * max(rows, 2))
    run = word.add_paragraph().add_run()
    run._r.append(parse_xml(INLINE.format(cx=int(WIDTH), cy=int(height), n=1000 + n, rid=rid)))


def _chart_space(chart):
    data = CategoryChartData(number_format='0.00"%"' if chart.percent else "General")
    data.categories = list(chart.categories)
    for s in chart.series:
        data.add_series(s.name, [None if v is None else round(float(v), 2) for v in s.values])  # labels: 71.3
    kind = XL_CHART_TYPE.BAR_CLUSTERED if chart.kind == "bar" else XL_CHART_TYPE.LINE_MARKERS
    space = parse_chart(ChartXmlWriter(kind, data).xml.encode("utf-8"))
    view = PptxChart(space, None)
    view.has_title = True
    view.chart_title.text_frame.text = chart.title
    view.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(11)
    view.has_legend = len(chart.series) > 1
    if view.has_legend:
        view.legend.position, view.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    if view.has_legend:
        view.legend.font.size = Pt(8)
    for axis in (view.category_axis, view.value_axis):
        axis.tick_labels.font.size = Pt(8)
    view.value_axis.has_major_gridlines = True
    view.value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string("DDDDDD")
    plot = view.plots[0]
    plot.has_data_labels = True
    plot.data_labels.font.size = Pt(7)
    if chart.kind == "bar":
        _bars(view, chart)
    else:
        _lines(view, chart)
    return space


def _bars(view, chart) -> None:
    plot = view.plots[0]
    plot.gap_width, plot.overlap = 60, 0
    view.category_axis.reverse_order = True  # the first category on top, as in the HTML
    for series, s in zip(plot.series, chart.series):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(s.colour)
        for k, colour in enumerate(s.colours or []):
            if colour and colour != s.colour:
                point = series.points[k].format.fill
                point.solid()
                point.fore_color.rgb = RGBColor.from_string(colour)


def _lines(view, chart) -> None:
    for series, s in zip(view.plots[0].series, chart.series):
        series.smooth = False
        series.format.line.color.rgb = RGBColor.from_string(s.colour)
        series.marker.style = XL_MARKER_STYLE.DIAMOND if s.style == "target" else XL_MARKER_STYLE.CIRCLE
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = RGBColor.from_string(s.colour)
        if s.style == "target":
            series.format.line.fill.background()  # markers only: a stage target is a point, not a path
        elif s.style == "projected":
            series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
