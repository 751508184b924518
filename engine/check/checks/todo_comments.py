"""# TODO comments in the rule files: what `jixiao import` could not read in the 任务书 (and any a
person left), each named at its line until it is done and deleted."""
from __future__ import annotations

from engine.check.context import problem
from engine.check.registry import RULES, check
from engine.text.taskbook import TODO_COMMENT as TODO


@check(RULES, "validate.todo")
def check_todo_comments(ctx):
    """Every # TODO comment line of the rule files."""
    problems = []
    for file, doc in sorted(ctx.docs.items()):
        for n, line in enumerate(doc.lines or [], start=1):
            found = TODO.match(line)
            if found:
                problems.append(problem("validate.todo", file, n, line.index("#") + 1, "",
                                        text=found.group("text").strip()))
    return problems
