"""markdown (.md): to paste into a document; the report's default."""
from engine.render.formats import register

register("markdown", order=40, suffixes=(".md",), summary="engine.render.markdown:render",
         comparison="engine.render.comparison:render_markdown", report="engine.report.markdown:render")
