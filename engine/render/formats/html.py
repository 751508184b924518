"""html (.html, .htm): the report as one self-contained page with its charts."""
from engine.render.formats import register

register("html", order=60, suffixes=(".html", ".htm"), report="engine.report.html:render")
