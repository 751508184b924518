"""table: plain text for the terminal, the default of evaluate and compare."""
from engine.render.formats import register

register("table", order=10, summary="engine.render.table:render", comparison="engine.render.comparison:render_table")
