"""settings.order written by `jixiao import`: the 任务书's order of tasks and indicators, put into
settings.yaml as text (its comments and other keys stay as they are)."""
from __future__ import annotations

import re

import yaml

from engine.text import t

COMMENT = "# " + t("taskbook.order_comment", "zh") + "\n"


def merged_order(old: dict, tasks: list, ids: list) -> dict:
    """The table's order first; what was listed before and is not in the table keeps its place after."""
    out = {}
    for key, new in (("tasks", tasks), ("indicators", ids)):
        listed = list(dict.fromkeys([x for x in new if x] + list(old.get(key) or [])))
        if listed:
            out[key] = listed
    return out


def with_order(text: str, order: dict) -> str:
    """settings.yaml's text with its `order:` block replaced (or added at the end of `settings:`)."""
    lines = text.splitlines(keepends=True)
    top = next((n for n, line in enumerate(lines) if re.match(r"settings\s*:", line)), None)
    if top is None or not order:
        return text
    indent = next((len(line) - len(line.lstrip(" ")) for line in lines[top + 1:]
                   if line.strip() and not line.lstrip().startswith("#")), 2)
    pad = " " * indent
    dumped = yaml.safe_dump({"order": order}, allow_unicode=True, default_flow_style=None, sort_keys=False,
                            width=100)
    block = [pad + COMMENT] + [pad + line + "\n" for line in dumped.splitlines()]
    start = next((n for n in range(top + 1, len(lines)) if re.match(rf"{pad}order\s*:", lines[n])), None)
    if start is None:
        body = "".join(lines)
        return body + ("" if body.endswith("\n") else "\n") + "".join(block)
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(" ")) > indent):
        end += 1
    if start > 0 and lines[start - 1].strip() == COMMENT.strip():
        start -= 1
    return "".join(lines[:start] + block + lines[end:])
