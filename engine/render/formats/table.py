"""table: plain text for the terminal, the default of evaluate and compare."""
from engine.render import comparison, table
from engine.render.formats import register

register("table", order=10, summary=table.render, comparison=comparison.render_table)
