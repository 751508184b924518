"""Load a YAML file safely, keeping the line and column of every key and value.

PyYAML keeps the last of duplicated keys silently; a lost target is lost data, so we
compose the node tree ourselves and refuse duplicates. Dates become ISO strings so that
JSON Schema sees plain data.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000  # alias bombs expand far beyond this long before memory runs out

Mark = tuple[int, int]
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same nodes and marks, ~10x faster


@dataclass
class YamlDoc:
    file: str
    data: object = None
    marks: dict[tuple, Mark] = field(default_factory=dict)      # path -> value position
    key_marks: dict[tuple, Mark] = field(default_factory=dict)  # path -> key position

    def mark(self, path: tuple) -> Mark | tuple[None, None]:
        """Position of the value at path, or of the nearest enclosing node that exists."""
        path = tuple(path)
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (None, None))

    def key_mark(self, path: tuple):
        return self.key_marks.get(tuple(path)) or self.mark(path)


class _TooLarge(Exception):
    pass


def _pos(mark) -> Mark:
    return (mark.line + 1, mark.column + 1)


def path_text(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Builder:
    def __init__(self, doc: YamlDoc, problems: list[Problem]):
        self.doc, self.problems = doc, problems
        self.constructor = yaml.SafeLoader("")
        self.count = 0

    def problem(self, code, node_or_pos, path, **params):
        line, col = node_or_pos if isinstance(node_or_pos, tuple) else _pos(node_or_pos.start_mark)
        self.problems.append(Problem(code, self.doc.file, line, col, path_text(path), params))

    def build(self, node, path):
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge()
        self.doc.marks[path] = _pos(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.problem("yaml.tag", node, path, tag=node.tag)
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node, path):
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            self.problem("yaml.tag", node, path, tag=node.tag)
            return None
        except ValueError:  # a date the calendar does not have, such as 2021-02-30
            self.problem("yaml.bad_date", node, path, value=node.value)
            return node.value
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        return value

    def _mapping(self, node, path):
        if node.tag not in ("tag:yaml.org,2002:map",):
            self.problem("yaml.tag", node, path, tag=node.tag)
        out, seen = {}, {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem("yaml.merge", key_node, path)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem("yaml.complex_key", key_node, path)
                continue
            key = self._scalar(key_node, path + (key_node.value,))
            key = "" if key is None else str(key) if not isinstance(key, bool) else key_node.value
            if key in seen:
                self.problem("yaml.duplicate_key", key_node, path + (key,),
                             key=key, first_line=seen[key])
                continue
            seen[key] = key_node.start_mark.line + 1
            self.doc.key_marks[path + (key,)] = _pos(key_node.start_mark)
            out[key] = self.build(value_node, path + (key,))
        return out


def _tab_near(text: str, mark) -> bool:
    """Whether the line of the problem holds a tab: the usual cause, however the parser words it."""
    if mark is None:
        return False
    lines = text.splitlines()
    return 0 <= mark.line < len(lines) and "\t" in lines[mark.line]


def load_yaml(path: Path, display: str) -> tuple[YamlDoc, list[Problem]]:
    """Parse one YAML file. Problems are returned, never raised."""
    doc, problems = YamlDoc(display), []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return doc, [Problem("file.unreadable", display, params={"reason": exc.strerror or str(exc)})]
    if len(raw) > MAX_BYTES:
        return doc, [Problem("yaml.too_large", display, params={"size": len(raw), "limit": MAX_BYTES})]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return doc, [Problem("yaml.encoding", display, params={"offset": exc.start})]
    if "\x00" in text:
        return doc, [Problem("yaml.encoding", display, params={"offset": text.index("\x00")})]
    try:
        node = yaml.compose(text, Loader=FastLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark else (None, None)
        code = "yaml.tab" if _tab_near(text, mark) or "tab" in str(exc.problem).lower() else "yaml.syntax"
        return doc, [Problem(code, display, line, col, "", {"detail": exc.problem or str(exc)})]
    except yaml.YAMLError as exc:
        return doc, [Problem("yaml.syntax", display, params={"detail": str(exc)})]
    if node is None:
        return doc, [Problem("yaml.empty", display)]
    try:
        doc.data = _Builder(doc, problems).build(node, ())
    except _TooLarge:
        return doc, [Problem("yaml.too_many_nodes", display, params={"limit": MAX_NODES})]
    except RecursionError:
        return doc, [Problem("yaml.too_deep", display)]
    return doc, problems
