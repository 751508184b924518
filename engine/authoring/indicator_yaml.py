"""The YAML text of one new indicator, written as a policy officer would write it by hand:
a block-style list item, keys in the usual order, scalars quoted only where YAML needs it."""
from __future__ import annotations

import yaml

from engine.core.dates import iso_date

KEYS = ("name", "level", "task", "type", "subtype", "unit", "direction")  # after id, in this order
LAST = ("owner",)


def dump(value) -> str:
    """A scalar as YAML writes it, quoted only where needed (% , : # and the like)."""
    text = yaml.safe_dump([value], allow_unicode=True, default_flow_style=True, width=10**6).strip()
    return text[1:-1]


def indicator_text(fields: dict, dash: int = 2, defaults: dict | None = None, newline: str = "\n") -> str:
    """One indicator as a block-style list item, indented as the file's other items; level, task
    and owner are left out where they are the file's defaults."""
    defaults = defaults or {}
    pad, inner = " " * dash, " " * (dash + 2)
    lines = [f"{pad}- id: {fields['id']}"]
    for key in KEYS:
        value = fields.get(key)
        if value is None or (key in ("level", "task") and defaults.get(key) == value):
            continue
        lines.append(f"{inner}{key}: {dump(value)}")
    for key, value in fields.items():  # what the direction asked (engine/directions), in the order asked
        if key not in KEYS + LAST + ("id",) and value:
            lines += _lines(key, value, inner)
    if fields.get("owner") and defaults.get("owner") != fields["owner"]:
        lines.append(f"{inner}owner: {dump(fields['owner'])}")
    return newline.join(lines) + newline


def _lines(key: str, value, inner: str) -> list[str]:
    """One answer as YAML: staged targets as a mapping of date to target, grades as a flow list,
    a date as written."""
    if isinstance(value, list) and value and isinstance(value[0], tuple):
        return [f"{inner}{key}:"] + [f"{inner}  {date}: {_value(v)}" for date, v in value]
    if isinstance(value, list):
        return [f"{inner}{key}: [{', '.join(dump(v) for v in value)}]"]
    return [f"{inner}{key}: {value if isinstance(value, str) and iso_date(value) else _value(value)}"]


def _value(value) -> str:
    if isinstance(value, dict):
        return f"{{min: {dump(value['min'])}, max: {dump(value['max'])}}}"
    return dump(value)


def file_head(schema_ref: str, level: str, task: str) -> str:
    """The top of a new rule file: the schema for editors, and the file's level and task."""
    return (f"# yaml-language-server: $schema={schema_ref}\n"
            f"level: {level}\n"
            f"task: {dump(task)}\n"
            "indicators:\n")
