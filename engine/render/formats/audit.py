"""The kind `audit` (jixiao audit's findings) for the formats table, json and markdown."""
from engine.render.formats import add

add("audit", "table", "engine.render.audit:render_table")
add("audit", "json", "engine.render.audit:render_json")
add("audit", "markdown", "engine.render.audit:render_markdown")
