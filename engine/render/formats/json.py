"""json (.json): for programs; stable key order."""
from engine.render import comparison, json_out
from engine.render.formats import register

register("json", order=20, suffixes=(".json",), summary=json_out.render, comparison=comparison.render_json)
