"""validate's problems: human (grouped by file, for people), parsable (one per line, for editors
and CI), and json."""
from engine.render.formats import add, register

register("human", order=1, problems="engine.render.problems:human")
register("parsable", order=2, problems="engine.render.problems:parsable")
add("problems", "json", "engine.render.problems:as_json")
