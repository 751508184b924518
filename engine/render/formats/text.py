"""text: explain's account of one decision, in sentences for people."""
from engine.render import explain
from engine.render.formats import add, register

register("text", order=1, trace=explain.as_text)
add("trace", "json", explain.as_json)
