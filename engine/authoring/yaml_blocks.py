"""Merging an indicator's generated YAML lines into the block a person may have edited, key by
key: the keys a generator owns are replaced in place (with the # TODO comments written above
them); every other line (conditions, causes, owners, comments) stays as it was. Text-level, so
that comments and layout survive (pyyaml would drop them)."""
from __future__ import annotations

import re

KEY_LINE = re.compile(r"^(?P<indent> *)(?:- )?(?P<key>[A-Za-z_][\w-]*)\s*:")
TODO_LINE = re.compile(r"^\s*#\s*TODO\b")


def merged(old: list, generated: list, indent: int, owned: tuple) -> list:
    """The old block with each owned key replaced by the generated one (keys it lacked added after
    the last owned key); every line of a key not owned kept."""
    ours = {key: body for key, body in _segments(generated, indent) if key}
    comments = _todo_comments(generated, indent)
    segments = _segments(old, indent)
    out = []
    for n, (key, body) in enumerate(segments):
        if key is None and TODO_LINE.match(body[0]) and _next_key(segments, n) in owned:
            continue  # a TODO of a previous import above a key the table owns: written anew, or done
        if key in owned:
            if key in ours:
                out += comments.get(key, []) + ours.pop(key)
            continue
        out.append(body[0]) if key is None else out.extend(body)
    last_owned = max((n for n, line in enumerate(out) if _key_at(line, indent, n == 0) in owned + ("id",)), default=0)
    extra = []
    for key in [k for k in ours if k in owned]:  # keys the indicator did not have yet
        extra += comments.get(key, []) + ours[key]
    cut = last_owned + 1 + _span(out, last_owned, indent)
    return out[:cut] + extra + out[cut:]


def _segments(lines: list[str], indent: int) -> list[list]:
    """A block's lines as [key or None, lines]: each key with its more-indented lines; comments and
    blank lines at the key's indent as segments of their own."""
    segments = []
    for n, line in enumerate(lines):
        found = KEY_LINE.match(line)
        at_key = found and (n == 0 or len(found.group("indent")) == indent)
        if at_key:
            segments.append([found.group("key"), [line]])
        elif line.strip() and not line.lstrip().startswith("#") and segments and segments[-1][0]:
            segments[-1][1].append(line)
        elif line.lstrip().startswith("#") and len(line) - len(line.lstrip()) > indent and segments and segments[-1][0]:
            segments[-1][1].append(line)
        else:
            segments.append([None, [line]])
    return segments


def _key_at(line: str, indent: int, first: bool) -> str | None:
    found = KEY_LINE.match(line)
    return found.group("key") if found and (first or len(found.group("indent")) == indent) else None


def _span(lines: list, at: int, indent: int) -> int:
    """How many lines after lines[at] belong to its key."""
    n = at + 1
    while n < len(lines) and lines[n].strip() and (len(lines[n]) - len(lines[n].lstrip()) > indent):
        n += 1
    return n - at - 1


def _next_key(segments: list, n: int):
    for key, _ in segments[n + 1:]:
        if key is not None:
            return key
    return None


def _todo_comments(generated: list, indent: int) -> dict:
    out, pending = {}, []
    for line in generated:
        if TODO_LINE.match(line):
            pending.append(line)
            continue
        found = KEY_LINE.match(line)
        if found and pending:
            out[found.group("key")] = pending
            pending = []
    return out
