"""Report-shaped output: `jixiao report` writes the sections of the mid-term self-evaluation that
numbers drive (建设任务进度, 标志性成果, 绩效指标完成情况, 未完成指标及原因, 预算执行) as Markdown
or as one self-contained HTML file with SVG charts.

document.py holds the document model and builds it from a Summary by walking sections/ (one
module per section, in order; context.py is what a section reads); markdown.py and html.py lay it
out; charts.py draws its bar charts. The command is engine/cli/report.py."""
