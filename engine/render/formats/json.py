"""json (.json): for programs; stable key order."""
from engine.render.formats import register

register("json", order=20, suffixes=(".json",), summary="engine.render.json_out:render",
         pieces="engine.render.json_out:pieces",
         comparison="engine.render.comparison:render_json")
