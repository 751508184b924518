"""markdown (.md): to paste into a document; the report's default."""
from engine.render import comparison, markdown
from engine.render.formats import register
from engine.report import markdown as report_markdown

register("markdown", order=40, suffixes=(".md",), summary=markdown.render, comparison=comparison.render_markdown,
         report=report_markdown.render)
