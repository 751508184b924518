"""The kind `diff` (jixiao diff's 绩效目标调整 table) for the formats table, json, markdown and xlsx."""
from engine.render.formats import add

add("diff", "table", "engine.render.diff:render_table")
add("diff", "json", "engine.render.diff:render_json")
add("diff", "markdown", "engine.render.diff:render_markdown")
add("diff", "xlsx", "engine.render.diff:render_xlsx")
