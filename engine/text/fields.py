"""What a place in a user's file is called: the path of a problem (indicators[8].actual) or the
field of a rule error, as Chinese readers know it (第 9 个绩效指标的实际值公式).

The names are the titles of the schemas (schemas/*.schema.json), the one place where each key is
named (docs/rules.md shows the same titles); the value table's columns are named by the headers
people write (vocabulary.HEADERS). English shows the keys themselves: they are English words, and
what the reader types. A key the schema does not know (a typo such as directon) stays as written."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from engine.text import LANGS, t
from engine.text.vocabulary import HEADERS

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
SCHEMAS = ("rules", "settings", "causes", "tables", "manifest", "ruletest")
_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[]+)")
_GLOSS = re.compile(r"\s*\([ -~]*\)$")  # "指标列表 (indicators)": the English gloss of a title
_ONE = re.compile(r"^一([个张条项]?)(.+)$")  # "一个绩效指标": an item of a list, and its measure word


@lru_cache(maxsize=None)
def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def _resolved(node, root) -> dict:
    """A schema node with its $ref followed (a title written beside the $ref wins)."""
    if not isinstance(node, dict):
        return {}
    if "$ref" in node:
        target = _resolved(root["$defs"][node["$ref"].rsplit("/", 1)[-1]], root)
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _branches(node, root):
    """The node and the alternatives it may take (anyOf, oneOf, if/then/else)."""
    yield node
    subs = [*node.get("anyOf", []), *node.get("oneOf", []), *node.get("allOf", []),
            *[node[k] for k in ("then", "else") if isinstance(node.get(k), dict)]]
    for sub in subs:
        yield from _branches(_resolved(sub, root), root)


def _child(node, step, root):
    """The schema node of one step of a path, and how it is reached: property, key or item."""
    for branch in _branches(node, root):
        if isinstance(step, int) and isinstance(branch.get("items"), dict):
            return _resolved(branch["items"], root), "item"
        if isinstance(step, str) and step in branch.get("properties", {}):
            return _resolved(branch["properties"][step], root), "property"
        if isinstance(step, str) and isinstance(branch.get("additionalProperties"), dict):
            return _resolved(branch["additionalProperties"], root), "key"
    return None, None


def _title(node) -> str:
    return _GLOSS.sub("", node.get("title", "")) if node else ""


def steps(path: str) -> list:
    return [int(m.group(1)) if m.group(1) is not None else m.group(2) for m in _STEP.finditer(path)]


def _pieces(path: str, schema: str) -> tuple[list[str], list[str], int]:
    """(places, names, steps understood): places are items of lists and keys of maps (第 9 个绩效指标,
    阶段目标 2021-12-31), names the titles of plain keys; steps past the schema stay as written."""
    root = _schema(schema)
    node, places, names, known = root, [], [], 0
    for step in steps(path):
        child, how = _child(node, step, root) if node is not None else (None, None)
        if child is None:
            names.append(str(step) if not isinstance(step, int) else t("fields.item", "zh", n=step + 1, what=""))
            node = None
            continue
        known += 1
        if how == "item":  # the names above a place are the place's own (indicators → 第 9 个绩效指标)
            item = _ONE.match(_title(child))
            parent = names[-1] if names else ""
            places.append(t("fields.nth", "zh", n=step + 1, measure=item.group(1), what=item.group(2)) if item
                          else t("fields.item", "zh", n=step + 1, what=parent))
            names = []
        elif how == "key":
            places.append(t("fields.keyed", "zh", what=names[-1] if names else _title(child), key=step))
            names = []
        else:
            names.append(_title(child) or step)
        node = child
    return places, names, known


def _schema_for(path: str, file: str) -> str:
    """The schema of the file a path is in: by its name, else the one that knows the path best."""
    name = Path(file.split("[", 1)[0]).name if file else ""
    by_name = {f"{s}.yaml": s for s in ("settings", "causes", "tables", "manifest")}
    if name in by_name:
        return by_name[name]
    return max(SCHEMAS, key=lambda s: _pieces(path, s)[2])


def field_label(path: str, lang: str, file: str = "") -> str:
    """The place a problem is at, for people: the path in English, its titles in Chinese."""
    if lang != "zh" or not path:
        return path
    if Path(file.split("[", 1)[0]).suffix.lower() in (".csv", ".xlsx", ".tsv", ".txt"):
        return HEADERS.get(path, path)  # a column of a table: the header people write (or theirs)
    places, names, _ = _pieces(path, _schema_for(path, file))
    return _joined(places + names[-1:] if places else names[-2:])


def _joined(pieces: list[str]) -> str:
    """第 1 个绩效指标的实际值公式; a space between Chinese and a key as written: 的 directon."""
    latin = lambda ch: ch.isascii() and ch.isalnum()  # noqa: E731
    out = ""
    for piece in pieces:
        if out:
            out += (" " if latin(out[-1]) else "") + t("fields.of", "zh") + (" " if latin(piece[:1]) else "")
        out += piece
    return out


def rule_field(field: str, lang: str) -> str:
    """A place inside an indicator (actual, pass, flags.low …) by its name: 实际值公式, 自定义标记 low …"""
    if lang != "zh" or not field:
        return field
    places, names, _ = _pieces(f"indicators[0].{field}", "rules")
    return _joined(places[1:] + names[-1:])


def rule_field_words(field: str) -> dict:
    """rule_field in both languages, as a problem's param."""
    return {lang: rule_field(field, lang) for lang in LANGS}


def setting_name(key: str, lang: str) -> str:
    """A key of settings.yaml (far_beyond_ratio …) by its name: 目标值偏低倍数."""
    return _pieces(f"settings.{key}", "settings")[1][-1] if lang == "zh" else key


TEXTS = {  # how the pieces of a place are put together (Chinese only is used: English shows the path)
    "nth": ("第 {n} {measure}{what}", "{what} {n}"),        # 第 9 个绩效指标
    "item": ("{what}第 {n} 项", "{what} item {n}"),        # 等级第 2 项
    "keyed": ("{what} {key}", "{what} {key}"),             # 阶段目标 2021-12-31
    "of": ("的", " of "),
}
