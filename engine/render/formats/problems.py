"""validate's problems: human (grouped by file, for people), parsable (one per line, for editors
and CI), and json."""
from engine.render import problems
from engine.render.formats import add, register

register("human", order=1, problems=problems.human)
register("parsable", order=2, problems=problems.parsable)
add("problems", "json", problems.as_json)
