"""docx (.docx): the report as a Word document (python-docx); binary, so it needs --output."""
from engine.render.formats import register

register("docx", order=70, suffixes=(".docx",), binary=True, report="engine.report.word:render")
