"""Check a loaded YAML document against its JSON Schema; problems in plain words.

The hints are the schemas' own descriptions: `description` in Chinese, `description_en` beside it
in English (the schema is the one place that says what each key is)."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from engine.core.suggest import near
from engine.core.problems import Problem
from engine.load.yaml_source import YamlDoc, path_text
from engine.text import both, clipped

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"



@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """A schema as checked (its patterns anchored at the end)."""
    return _to_the_end(json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")))


@lru_cache(maxsize=None)
def validator(name: str):
    from jsonschema import Draft202012Validator  # imported only when a document is checked
    return Draft202012Validator(schema(name))


def _to_the_end(node):
    r"""The schemas' patterns end in $ (JSON Schema's regular expressions are ECMA's, where $ is the
    end); in Python's re, $ also matches before a final newline: id "S_NUM\n" and the target date
    "2021-12-31\n" would pass and then never match anything. \Z is the end, as meant."""
    if isinstance(node, dict):
        return {k: (_end_anchor(v) if k == "pattern" and isinstance(v, str) else _to_the_end(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_to_the_end(v) for v in node]
    return node


def _end_anchor(pattern: str) -> str:
    escaped = len(pattern) - len(pattern[:-1].rstrip("\\")) - 1  # backslashes before the last $
    return pattern[:-1] + "\\Z" if pattern.endswith("$") and escaped % 2 == 0 else pattern


def _kind(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def _words(kind: str):
    return both(f"load.type_{kind}") if kind in JSON_TYPES else kind


JSON_TYPES = ("number", "integer", "string", "object", "array", "boolean", "null")


def _described(node) -> dict:
    """A schema node's description, in both languages."""
    if not isinstance(node, dict):
        return {"zh": "", "en": ""}
    return {"zh": node.get("description", ""), "en": node.get("description_en", node.get("description", ""))}


def check(doc: YamlDoc, schema_name: str) -> list[Problem]:
    key = _key(doc, schema_name)
    if key is not None and _passed_before(key):
        return []
    problems = []
    for error in validator(schema_name).iter_errors(doc.data):
        problems.append(_problem(doc, error))
    # anyOf/oneOf and if/then can report one mistake twice; keep one per place and code
    unique = {(p.line, p.col, p.code, p.path, str(p.params.get("key", ""))): p for p in problems}
    if key is not None and not unique:
        _remember(key)
    return list(unique.values())


# A document that passed its schema passes again: the same data, the same schemas, the same checking
# code and the same jsonschema. Only passes are remembered (a problem is always found afresh, with
# its place), by a hash of all of these, as an empty file in the user's cache folder
# ($JIXIAO_CACHE, else $XDG_CACHE_HOME/jixiao or ~/.cache/jixiao; JIXIAO_CACHE=off: none), never
# beside the user's files. The outcome is the same with or without it: only time differs.

def _cache_dir() -> Path | None:
    chosen = os.environ.get("JIXIAO_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen) / "schema"
    base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(os.path.expanduser("~"), ".cache"))
    return Path(base) / "jixiao" / "schema" if os.path.isabs(base) else None


@lru_cache(maxsize=None)
def _checker() -> bytes:
    """What decides a pass besides the data: the schemas, this module and the jsonschema installed."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    spec = importlib.util.find_spec("jsonschema")
    folder = Path(spec.origin).parent if spec and spec.origin else None
    for path in sorted(folder.glob("*.py")) if folder else ():
        info = path.stat()
        digest.update(f"{path}:{info.st_size}:{info.st_mtime_ns}".encode())
    return digest.digest()


def _key(doc: YamlDoc, schema_name: str) -> str | None:
    try:
        if _cache_dir() is None:
            return None
        data = repr(doc.data).encode("utf-8", "surrogatepass")
        return hashlib.sha256(_checker() + schema_name.encode() + b"\0" + data).hexdigest()
    except (OSError, ValueError, RecursionError):
        return None


def _passed_before(key: str) -> bool:
    try:
        return (_cache_dir() / key).is_file()
    except OSError:
        return False


def _remember(key: str) -> None:
    folder = _cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        os.close(handle)
        os.replace(temporary, folder / key)
    except OSError:  # no cache folder can be made: the check runs again next time
        pass


def _problem(doc: YamlDoc, error) -> Problem:
    path = tuple(error.absolute_path)
    v, schema = error.validator, error.schema
    params = {"hint": _described(schema), "value": _show(error.instance)}
    where = doc.mark(path)
    if v == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(known))
        key = extra[0] if extra else ""
        return Problem("schema.unknown_key", doc.file, *doc.key_mark(path + (key,)), path_text(path + (key,)),
                       {"key": key, "near": near(key, known), "known": _commas(known)})
    if v == "required":
        missing = [k for k in error.validator_value if k not in (error.instance or {})]
        return Problem("schema.required", doc.file, *where, path_text(path),
                       {"key": missing, "hint": _prop_hint(error, missing)})
    if v == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        return Problem("schema.type", doc.file, *where, path_text(path),
                       {**params, "expected": _words(expected), "actual": _words(_kind(error.instance))})
    if v == "enum":
        allowed = [str(x) for x in error.validator_value]
        return Problem("schema.enum", doc.file, *where, path_text(path),
                       {**params, "allowed": _commas(allowed), "near": near(error.instance, allowed, 0.4)})
    if "propertyNames" in error.relative_schema_path:
        key = error.instance if isinstance(error.instance, str) else ""
        return Problem("schema.key_format", doc.file, *doc.key_mark(path + (key,)), path_text(path + (key,)),
                       {"key": key, "hint": _name_hint(error)})
    if v in ("minItems", "minProperties", "minLength"):
        return Problem("schema.empty", doc.file, *where, path_text(path), params)
    if v == "not":
        keys = error.validator_value.get("required", []) if isinstance(error.validator_value, dict) else []
        key = keys[0] if keys else ""
        return Problem("schema.not_allowed", *([doc.file, *doc.key_mark(path + (key,))] if key else [doc.file, *where]),
                       path_text(path + ((key,) if key else ())), {**params, "key": key, "hint": _any_description(key)})
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return Problem("schema.bound", doc.file, *where, path_text(path),
                       {**params, "op": {"minimum": "≥", "maximum": "≤", "exclusiveMinimum": ">",
                                         "exclusiveMaximum": "<"}[v], "bound": error.validator_value})
    if v == "pattern":
        return Problem("schema.pattern", doc.file, *where, path_text(path), params)
    if v == "uniqueItems":
        return Problem("schema.unique", doc.file, *where, path_text(path), params)
    if v == "maxLength":
        return Problem("schema.too_long", doc.file, *where, path_text(path),
                       {**params, "limit": error.validator_value})
    if v in ("anyOf", "oneOf"):
        return Problem("schema.shape", doc.file, *where, path_text(path), params)
    return Problem("schema.other", doc.file, *where, path_text(path), {**params, "detail": error.message})


def _commas(words: list) -> str:
    """Keys and values as typed, listed with commas in both languages (they are code, not words)."""
    return ", ".join(words)


def _prop_hint(error, missing) -> dict:
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    if len(missing) != 1:
        return _described(None)
    if missing[0] in props:
        return _described(props[missing[0]])
    return _any_description(missing[0])


def _any_description(key: str) -> dict:
    """if/then branches carry no properties: find the key's description anywhere in the schemas."""
    for name in ("rules", "settings", "causes", "manifest", "tables"):
        found = _descriptions(name).get(key)
        if found:
            return _described(found)
    return _described(None)


@lru_cache(maxsize=None)
def _descriptions(name) -> dict:
    if not isinstance(name, str):
        return {}
    out = {}
    def walk(node):
        if isinstance(node, dict):
            for key, sub in node.get("properties", {}).items():
                if isinstance(sub, dict) and "description" in sub:
                    out.setdefault(key, sub)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(schema(name))
    return out


def _name_hint(error) -> dict:
    return _described(error.schema)


def _show(value):
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else clipped(text, 57)
