"""Load a YAML file safely, keeping the line and column of every key and value.

PyYAML keeps the last of duplicated keys silently; a lost target is lost data, so we
compose the node tree ourselves and refuse duplicates. Dates become ISO strings so that
JSON Schema sees plain data.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from engine.text import t
from engine.text.load import YAML_CONTEXT_ZH, YAML_SYNTAX_ZH
from engine.text.messages import os_reason
from engine.core.numbers import in_range
from engine.core.problems import Problem

MAX_BYTES = 2 * 1024 * 1024  # ~6000 indicators; the largest shipped rule file is 42 KB
MAX_NODES = 200_000  # counted before composing (a flat list of 10^6 items) and while expanding aliases (bombs)
MAX_DEPTH = 50       # rule files nest 5 deep
TEXT_PER_VALUE = 1000  # a long text weighs one value per 1000 characters: a 450 KB text aliased 3000 times is 1.35 GB

Mark = tuple[int, int]
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same nodes and marks, ~10x faster


class _Loader(FastLoader):
    """Each distinct scalar's tag resolved once per file (PyYAML's resolver runs in Python for every
    scalar, libyaml or not: a rule file repeats the same keys hundreds of times)."""

    def __init__(self, stream):
        super().__init__(stream)
        self._tags: dict = {}

    def resolve(self, kind, value, implicit):
        key = (kind, value, implicit)
        tag = self._tags.get(key)
        if tag is None:
            tag = self._tags[key] = super().resolve(kind, value, implicit)
        return tag


@dataclass
class YamlDoc:
    file: str
    data: object = None
    marks: dict[tuple, Mark] = field(default_factory=dict)      # path -> value position
    key_marks: dict[tuple, Mark] = field(default_factory=dict)  # path -> key position
    lines: list[str] = field(default_factory=list)              # the text, to find a token inside a value

    def mark(self, path: tuple) -> Mark | tuple[None, None]:
        """Position of the value at path, or of the nearest enclosing node that exists."""
        path = tuple(path)
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (None, None))

    def key_mark(self, path: tuple):
        return self.key_marks.get(tuple(path)) or self.mark(path)


class _TooLarge(Exception):
    def __init__(self, mark=None):
        super().__init__()
        self.mark = mark


class _TooDeep(_TooLarge):
    pass


def _scan(text: str) -> None:
    """Count nodes and nesting from the parser's events before building anything: the events
    stream in constant memory, so a file of a million tiny nodes is refused in a fraction of a
    second instead of after building them all. Syntax errors surface here, as from compose."""
    count = depth = 0
    for event in yaml.parse(text, Loader=FastLoader):
        if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            count += 1
        elif isinstance(event, yaml.CollectionStartEvent):
            count, depth = count + 1, depth + 1
            if depth > MAX_DEPTH:
                raise _TooDeep(event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if count > MAX_NODES:
            raise _TooLarge(event.start_mark)


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
            raise _TooLarge(node.start_mark)
        if len(path) >= MAX_DEPTH and not isinstance(node, yaml.ScalarNode):  # as _scan counts; and an alias
            # inside its own anchor never ends
            raise _TooDeep(node.start_mark)
        self.doc.marks[path] = _pos(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.problem("yaml.tag", node, path, tag=node.tag)
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node, path):
        if node.tag == STR:  # most of a rule file: text is its own value
            return node.value
        if node.tag not in SCALAR_TAGS:  # !!binary, !!python/…, custom tags
            self.problem("yaml.tag", node, path, tag=node.tag)
            return None
        if node.tag == INT and not DECIMAL.fullmatch(node.value.strip()):
            return node.value  # 0x10, 0o17, 1:30 (YAML 1.1 reads 90), 1_000: kept as written, so a target is refused
        if node.tag == FLOAT and not DECIMAL_FLOAT.fullmatch(node.value.strip()) and \
                node.value.strip().lower().lstrip("+-") not in (".inf", ".nan"):
            return node.value  # 1:30.5 (YAML 1.1 reads 90.5), 1_000.5: kept as written
        if node.tag == INT and len(node.value.strip().lstrip("+-")) > 15:
            return node.value  # beyond what a float holds exactly: no target is that large
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            self.problem("yaml.tag", node, path, tag=node.tag)
            return None
        except ValueError if node.tag == TIMESTAMP and TIMESTAMP_FORM.fullmatch(node.value) else ():
            self.problem("yaml.bad_date", node, path, value=node.value)  # a date the calendar does not have: 2021-02-30
            return node.value
        except (ValueError, KeyError, AttributeError, TypeError, IndexError, OverflowError):
            # an explicit tag on text it cannot read: !!timestamp "2021-12-31 25:61", !!bool "maybe", !!int "x"
            self.problem("yaml.tagged_value", node, path, tag=node.tag.rsplit(":", 1)[-1], value=node.value)
            return None
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, float) and not math.isfinite(value):
            return node.value  # .nan, .inf, 1e400: kept as written, so a number is refused where one is needed
        if isinstance(value, float) and not in_range(value):  # 1.0e+30, 1.0e-300: no ratio of them is safe
            self.problem("yaml.number_out_of_range", node, path, value=node.value, largest="10^15", smallest="10^-9")
            return node.value
        if isinstance(value, int) and not isinstance(value, bool) and node.tag == INT:
            return int(node.value.strip(), 10)  # 010 is ten (YAML 1.2), not eight (YAML 1.1)
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


INT, STR = "tag:yaml.org,2002:int", "tag:yaml.org,2002:str"
SCALAR_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
DECIMAL = re.compile(r"[-+]?[0-9]+")
FLOAT = "tag:yaml.org,2002:float"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
TIMESTAMP_FORM = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")  # a date as written: only the calendar can be wrong
DECIMAL_FLOAT = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")  # no two parts take the same digits: linear


def _expanded_size(root) -> None:
    """Count the nodes the tree will have once every alias is expanded, without expanding: an
    alias is the same node object as its anchor, so each node is sized once (a billion laughs
    is refused in microseconds). An alias inside its own anchor would never end."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()

    def size(node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_:
            raise _TooDeep(node.start_mark)
        open_.add(key)
        children = [] if isinstance(node, yaml.ScalarNode) else \
            [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
        total = 1 + (len(node.value) // TEXT_PER_VALUE if isinstance(node, yaml.ScalarNode) else 0)
        if total > MAX_NODES:
            raise _TooLarge(node.start_mark)
        for child in children:
            total += size(child)
            if total > MAX_NODES:
                raise _TooLarge(child.start_mark)
        open_.discard(key)
        sizes[key] = total
        return total
    size(root)


def _tab_near(text: str, mark) -> bool:
    """Whether the line of the problem holds a tab: the usual cause, however the parser words it."""
    if mark is None:
        return False
    lines = text.splitlines()
    return 0 <= mark.line < len(lines) and "\t" in lines[mark.line]


def _syntax_place(exc, text: str):
    """Where to point: the parser finds an unclosed quote or bracket only at the end of the
    file, and a key without its colon on the next line; the place that starts it is what to fix."""
    problem, context = exc.problem_mark, exc.context_mark
    if context is not None and problem is not None:
        at_end = problem.index >= len(text.rstrip())
        if at_end or exc.context == "while scanning a simple key":
            return context, True
    return problem or context, False


def _syntax_detail(exc, use_context: bool) -> dict:
    problem = exc.problem or ""
    zh = YAML_CONTEXT_ZH.get(exc.context or "") if use_context else None
    zh = zh or YAML_SYNTAX_ZH.get(problem) or t("load.parser_said", "zh", problem=problem or exc)
    en = problem + (f" ({exc.context})" if exc.context and use_context else "")
    return {"zh": zh, "en": en or str(exc)}


def load_yaml(path: Path, display: str) -> tuple[YamlDoc, list[Problem]]:
    """Parse one YAML file. Problems are returned, never raised."""
    doc, problems = YamlDoc(display), []
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe would hang, /dev/zero never end (a folder: said below)
            if not path.is_dir():
                return doc, [Problem("file.not_regular", display)]
        raw = path.read_bytes()
    except OSError as exc:
        return doc, [Problem("file.unreadable", display, params={"reason": os_reason(exc)})]
    if len(raw) > MAX_BYTES:
        return doc, [Problem("yaml.too_large", display, params={"size": len(raw), "limit": MAX_BYTES})]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return doc, [Problem("yaml.encoding", display, params={"offset": exc.start})]
    if "\x00" in text:
        return doc, [Problem("yaml.encoding", display, params={"offset": text.index("\x00")})]
    doc.lines = text.splitlines()
    small = len(text) * 2 < MAX_NODES  # too few characters for too many nodes (deep nesting: see build)
    try:
        if not small:
            _scan(text)
        node = yaml.compose(text, Loader=_Loader)
    except _TooDeep as exc:
        return doc, [Problem("yaml.too_deep", display, *_pos(exc.mark), params={"limit": MAX_DEPTH})]
    except _TooLarge as exc:
        return doc, [Problem("yaml.too_many_nodes", display, *_pos(exc.mark), params={"limit": MAX_NODES})]
    except yaml.MarkedYAMLError as exc:
        mark, use_context = _syntax_place(exc, text)
        line, col = _pos(mark) if mark else (None, None)
        if "nesting depth" in str(exc.problem):  # libyaml's own limit, met before ours in flow style
            return doc, [Problem("yaml.too_deep", display, line, col, params={"limit": MAX_DEPTH})]
        code = "yaml.tab" if _tab_near(text, mark) or "tab" in str(exc.problem).lower() else "yaml.syntax"
        return doc, [Problem(code, display, line, col, "", {"detail": _syntax_detail(exc, use_context)})]
    except yaml.reader.ReaderError as exc:  # a control character, invisible in most editors
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        at = text.find(char)  # the first one: libyaml counts bytes, the pure-Python reader characters
        before = text[:at] if at >= 0 else ""
        line, col = (before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1) if at >= 0 else (None, None)
        return doc, [Problem("yaml.control_char", display, line, col, "", {"char": f"#x{ord(char[:1] or ' '):04x}"})]
    except yaml.YAMLError as exc:
        return doc, [Problem("yaml.syntax", display, params={"detail": str(exc)})]
    if node is None:
        return doc, [Problem("yaml.empty", display)]
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":  # "~", "null", a lone "&a"
        return doc, [Problem("yaml.empty", display, *_pos(node.start_mark))]
    try:
        if not small or "&" in text:  # without an anchor no alias expands; the count was bounded by the size
            _expanded_size(node)
        doc.data = _Builder(doc, problems).build(node, ())
    except _TooDeep as exc:
        return doc, [Problem("yaml.too_deep", display, *_pos(exc.mark), params={"limit": MAX_DEPTH})]
    except _TooLarge as exc:
        return doc, [Problem("yaml.too_many_nodes", display, *_pos(exc.mark), params={"limit": MAX_NODES})]
    except RecursionError:
        return doc, [Problem("yaml.too_deep", display, params={"limit": MAX_DEPTH})]
    return doc, problems
