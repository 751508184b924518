"""text: explain's account of one decision, in sentences for people."""
from engine.render.formats import add, register

register("text", order=1, trace="engine.render.explain:as_text")
add("trace", "json", "engine.render.explain:as_json")
