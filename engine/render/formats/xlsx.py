"""xlsx (.xlsx): the Excel workbook; binary, so it needs --output."""
from engine.render.formats import register

register("xlsx", order=50, suffixes=(".xlsx",), binary=True, summary="engine.render.xlsx:render")
