"""csv (.csv): every indicator and unit, for Excel and WPS."""
from engine.render import csv_out
from engine.render.formats import register

register("csv", order=30, suffixes=(".csv",), summary=csv_out.render)
