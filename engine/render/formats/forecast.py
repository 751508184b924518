"""The kind `forecast` (jixiao forecast's projections and likelihoods) for the formats table, json and markdown."""
from engine.render.formats import add

add("forecast", "table", "engine.render.forecast:render_table")
add("forecast", "json", "engine.render.forecast:render_json")
add("forecast", "markdown", "engine.render.forecast:render_markdown")
