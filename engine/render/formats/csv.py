"""csv (.csv): every indicator and unit, for Excel and WPS."""
from engine.render.formats import register

register("csv", order=30, suffixes=(".csv",), summary="engine.render.csv_out:render")
