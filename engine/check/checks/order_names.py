"""settings.order names tasks and indicators: a name no indicator has is a typo, or left over."""
from __future__ import annotations

from engine.check.context import problem
from engine.check.registry import RULES, check
from engine.core.suggest import near
from engine.text import both


@check(RULES, "validate.order_unknown")
def order_unknown(ctx):
    """A task or indicator id in settings.order that no indicator has (it orders nothing)."""
    doc = next((d for d in ctx.docs.values() if isinstance(d.data, dict) and "settings" in d.data), None)
    order = ctx.rules.settings.order
    if doc is None or not order:
        return []
    known = {"tasks": list(dict.fromkeys(i.task for i in ctx.rules.indicators)),
             "indicators": [i.id for i in ctx.rules.indicators]}
    problems = []
    for key in ("tasks", "indicators"):
        have = set(known[key])
        for n, name in enumerate(order.get(key) or []):
            if name not in have:
                path = ("settings", "order", key, n)
                problems.append(problem("validate.order_unknown", doc.file, *doc.mark(path),
                                        f"settings.order.{key}[{n}]", name=name, near=near(name, known[key]),
                                        what=both(f"render.{'task' if key == 'tasks' else 'id'}")))
    return problems
