"""JSON for programs: snapshot, indicators, summary and exceptions; stable key order."""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from engine.summarise.records import FIELDS, OPTIONAL, SOURCES, Coded, Records, Rows, Sources

# built NaN-free, value by value: missing numbers as None (summarise/summary.py, ledger_tables.py)
RECORDS = ("indicators", "exceptions", "behind_schedule", "summary", "tables")
SCORED = ("weight", "earned")  # the only numbers of a score's indicator row (summarise/scores.py)


def document(summary, exceptions_only: bool = False) -> dict:
    doc = {"snapshot": summary.snapshot, "units": summary.units}
    if not exceptions_only:
        doc["indicators"] = summary.indicators
        doc["summary"] = summary.rollups
        doc["tables"] = summary.tables
        doc["scores"] = getattr(summary, "scores", None) or {}  # engine/scores.py
    doc["exceptions"] = summary.exceptions
    if getattr(summary, "behind", None):  # 进度预警: only when something is behind schedule
        doc["behind_schedule"] = summary.behind
    return doc


def render(summary, exceptions_only: bool = False, every: bool = False) -> bytes:
    """UTF-8 bytes: a province's text is not decoded only to be encoded again when written."""
    return b"".join(pieces(summary, exceptions_only, every))


def pieces(summary, exceptions_only: bool = False, every: bool = False):
    """The bytes of render(), piece by piece, for a file written as they come: a province's text is
    never held whole. A piece is bytes, or a memoryview of bytes (a part cut from a larger text)."""
    return _parts(document(summary, exceptions_only), RECORDS)


def dumps(doc, trusted: tuple = (), encoded: bool = False) -> str | bytes:
    """Indented JSON, as json.dumps(indent=2, ensure_ascii=False) writes it, NaN refused.

    Python's indenting encoder is pure Python (seconds for a province); orjson writes the same bytes
    in C, but for two things: it writes NaN as null (so json's C encoder checks every part first,
    but the record lists `trusted` names, which are built with None for every missing number, and of
    the scores' row per result given as a list, only its numbers), and
    a float below 1e-4 otherwise (so where one appears, json writes the whole)."""
    if isinstance(doc, dict) and any(map(_columns_in, doc.values())):
        out = b"".join(_parts(doc, trusted))
        return out if encoded else out.decode("utf-8")
    checked = {k: v for k, v in doc.items() if k not in trusted} if isinstance(doc, dict) else doc
    scores = checked.get("scores") if trusted and isinstance(checked, dict) else None
    if isinstance(scores, dict) and isinstance(scores.get("indicators"), list):  # a row per result: only its numbers
        _finite([row[k] for row in scores["indicators"] for k in SCORED])
        checked = {**checked, "scores": {k: v for k, v in scores.items() if k != "indicators"}}
    json.dumps(checked, ensure_ascii=False, allow_nan=False, separators=(",", ":"))  # raises on NaN
    try:
        import orjson
        out = orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except (ImportError, TypeError):  # no orjson here, or a value it writes otherwise: json says it
        out = None
    if out is None or _tiny_float(out):
        text = json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        return text.encode("utf-8") if encoded else text
    return out if encoded else out.decode("utf-8")


def _finite(numbers: list) -> None:
    """json's refusal of NaN and infinities, for a list of numbers (None for a missing one)."""
    if not all(map(math.isfinite, (v for v in numbers if v is not None))):
        raise ValueError("Out of range float values are not JSON compliant")


def _tiny_float(text: bytes) -> bool:
    """A float below 1e-4, which orjson writes as 0.00001 or 1.2e-5 and json as 1e-05 or 1.2e-05 (a
    string holding such text only costs speed)."""
    if b"0.0000" in text:
        return True
    at = text.find(b"e-")
    while at >= 0:
        if at and text[at - 1:at].isdigit() and text[at + 2:at + 3] in b"123456789" and \
                not text[at + 3:at + 4].isdigit():
            return True
        at = text.find(b"e-", at + 2)
    return False


# Records (summarise/records.py) are written from their columns, as json.dumps(indent=2,
# ensure_ascii=False) writes the dicts they make: each value's text made once per distinct value
# and key, the records' texts joined, no dict made. Only plain values (str, None, bool, int, float,
# lists and str-keyed dicts of them); anything else raises _Unusual and the dicts are written.

class _Unusual(Exception):
    pass


_quoted = json.encoder.encode_basestring  # json's own quoting of a str, ensure_ascii=False


def _columns_in(value) -> bool:
    """Whether a part is, or holds as a value, records kept as columns (Records, or Rows: scores')."""
    return isinstance(value, (Records, Rows)) or \
        (isinstance(value, dict) and any(isinstance(v, Rows) for v in value.values()))


def _parts(doc: dict, trusted: tuple):
    """The document's top-level parts written one by one, as one dict at depth 0, piece by piece."""
    yield b"{\n"
    for n, (key, value) in enumerate(doc.items()):
        if n:
            yield b",\n"
        yield from _part(key, value, trusted, 1)
    yield b"\n}\n"


def _part(key: str, value, trusted: tuple, depth: int):
    """`key: value` as a member of a dict at depth - 1: records as columns from their columns, a dict
    holding Rows (the scores) member by member, anything else by dumps."""
    if isinstance(value, (Records, Rows)):
        yield b"  " * depth + _quoted(key).encode("utf-8") + b": "
        yield from _records(value, depth)
    elif _columns_in(value):
        yield b"  " * depth + _quoted(key).encode("utf-8") + b": {\n"
        for n, (k, v) in enumerate(value.items()):
            if n:
                yield b",\n"
            yield from _part(k, v, trusted, depth + 1)
        yield b"\n" + b"  " * depth + b"}"
    else:  # the part as its own document {key: value}, its braces taken off
        yield _members({key: value}, depth, trusted)


def _members(part: dict, depth: int, trusted: tuple = ()) -> memoryview:
    """The members of a dict as dumps writes them inside depth - 1 enclosing dicts, braces off (the
    enclosing dicts are one-key ones: at depth 1 the part's keys are the document's, `trusted`
    applies)."""
    for _ in range(depth - 1):
        part = {"x": part}
    text = dumps(part, trusted, encoded=True)
    opening = b"{\n" + b"".join(b"  " * k + b'"x": {\n' for k in range(1, depth))
    closing = b"".join(b"\n" + b"  " * k + b"}" for k in range(depth - 1, 0, -1)) + b"\n}\n"
    return memoryview(text)[len(opening):-len(closing)]  # not copied: a province's summary is MBs


CHUNK = 4096  # records written at a time: their pieces are freed before the next are made


def _records(records, depth: int = 1):
    """A list of records (Records or Rows), the value of a member at `depth`, piece by piece: CHUNK
    records at a time, each chunk made from the columns (_chunks) or, where a value is one the
    column writer does not know, from the records' dicts (Records trusted to hold no NaN, Rows
    checked as dumps checks any part)."""
    n = len(records)
    if not n:
        yield b"[]"
        return
    try:
        chunk = _chunks(records, depth)
    except _Unusual:
        chunk = None
    trusted = ("x",) if isinstance(records, Records) and depth == 1 else ()
    opening, closing = b"  " * depth + b'"x": [\n', b"\n" + b"  " * depth + b"]"
    yield b"[\n"
    for start in range(0, n, CHUNK):
        stop = min(start + CHUNK, n)
        try:
            text = chunk(start, stop) if chunk is not None else None
        except _Unusual:
            text = None
        if text is None:  # as dumps writes the dicts at this depth
            text = _members({"x": records[start:stop]}, depth, trusted)[len(opening):-len(closing)]
            if start:
                yield b",\n"
        yield text
    yield closing


def _chunks(records, depth: int):
    """(start, stop) -> the text of those records, at depth + 1, a comma before them unless start is
    0. A record's text is its slots' in turn, and a chunk's the records' interleaved in one list,
    joined once: a slot is a text every record has (a key, a comma) or a function (start, stop) ->
    the records' texts, made from a column a chunk at a time; a run of keys that are the same for
    all records of an indicator is one slot, its texts made once per indicator."""
    pad = b"  " * (depth + 2)  # records at depth + 1, their keys at depth + 2
    if isinstance(records, Rows):  # plain keys, each a column
        per_indicator, names = {}, records.keys()
    else:
        per_indicator = records.per_indicator
        names = list(FIELDS) + ([OPTIONAL] if records.column(OPTIONAL) is not None else [])
    slots, run = [], []
    for k, name in enumerate(names):
        comma = b"" if k == 0 else b",\n"
        if name in per_indicator:
            run.append((comma, pad + _quoted(name).encode("utf-8") + b": ", name))
            if k + 1 < len(names) and names[k + 1] in per_indicator:
                continue
            texts = [b"".join(c + key + _value(per_indicator[m][i], depth + 2) for c, key, m in run)
                     for i in range(len(per_indicator[run[0][2]]))]
            spread = _objects(texts)  # picked a chunk at a time: no column as long as the records kept
            slots.append(lambda a, b, spread=spread: spread[records.at[a:b]].tolist())
            run = []
        else:
            slots.extend(_writer(records, comma, name, pad, depth + 2))
    slots = _merged(slots)
    outer = b"  " * (depth + 1)
    first, closing = outer + b"{\n", b"\n" + outer + b"}"
    between = closing + b",\n" + first

    def chunk(start: int, stop: int) -> bytes:
        n, m = stop - start, len(slots) + 1
        out = [between] * (n * m + 1)  # slot 0 of each record: the one before's end and its start
        out[0], out[-1] = first if not start else b",\n" + first, closing
        for j, slot in enumerate(slots, start=1):
            out[j::m] = [slot] * n if type(slot) is bytes else slot(start, stop)
        return b"".join(out)
    return chunk


def _merged(slots: list) -> list:
    """Texts every record has, one after another, as one."""
    out = []
    for slot in slots:
        if type(slot) is bytes and out and type(out[-1]) is bytes:
            out[-1] += slot
        elif slot != b"":
            out.append(slot)
    return out


class _Index(dict):
    """value -> its place among the distinct values, a new one given the next."""

    def __missing__(self, value) -> int:
        self[value] = len(self)
        return self[value]


def _codes(values, count: int | None = None) -> tuple[np.ndarray, list]:
    """Each value's place among the distinct values (equal ones one), and those values: one pass."""
    index = _Index()
    codes = np.fromiter(map(index.__getitem__, values), dtype=np.intp, count=len(values) if count is None else count)
    return codes, list(index)


def _objects(texts: list) -> np.ndarray:
    held = np.empty(len(texts), dtype=object)
    held[:] = texts
    return held


def _picked(texts: np.ndarray, codes: np.ndarray):
    """A slot whose records' texts are few, each record's picked by its code: all at once (the column
    of references takes what its codes take), a chunk's then a slice."""
    every = texts[codes]
    return lambda a, b: every[a:b].tolist()


def _identities(objects: list) -> tuple[np.ndarray, list]:
    """Each object's place among the distinct objects (by identity: the list holds them all, so no
    id is reused), and those objects."""
    ids = np.fromiter(map(id, objects), dtype=np.int64, count=len(objects))
    _, first, codes = np.unique(ids, return_index=True, return_inverse=True)
    return codes.reshape(-1), [objects[k] for k in first.tolist()]


# a list of scalars as json writes them, between them a character json never leaves unescaped
_SCALARS = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=("\x00", ":"))


def _scalars(values: list) -> list:
    """The texts of str, int, float, bool or None values as json writes them (NaN: _Unusual)."""
    try:
        return _SCALARS.encode(values)[1:-1].encode("utf-8").split(b"\x00")
    except (ValueError, TypeError):  # NaN, or a value json does not know (equal to a number): as before
        raise _Unusual


def _writer(records, comma: bytes, name: str, pad: bytes, depth: int) -> list:
    """The slots of one key of the records, comma and key included."""
    plain = isinstance(records, Rows)  # no key with a meaning of its own (sources, progress)
    if name == "sources" and not plain:
        inner = pad + b"  "
        slots = [comma + pad + b'"sources": {']
        for s in SOURCES:
            slots += _writer(records, b",\n" if s != SOURCES[0] else b"\n", f"sources.{s}", inner, depth + 1)
        return slots + [b"\n" + pad + b"}"]
    values = records.held(name) if plain else records.column(name)
    prefix = comma + pad + _quoted(name if plain else name.split(".")[-1]).encode("utf-8") + b": "
    if isinstance(values, Sources):
        return _sources(values, prefix, depth)
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":  # numbers (Rows): as Coded, by their bits
        values = np.ascontiguousarray(values, dtype=np.float64)
        bits, at = np.unique(values.view(np.int64), return_inverse=True)
        values = Coded(at.reshape(-1), bits.view(np.float64).tolist())
    if isinstance(values, Coded):  # each value written once, the records' texts picked by their codes
        # NaN: _Unusual, refused as dumps refuses it
        return [_picked(_objects([prefix + _value(v, depth) for v in values.values]), values.codes)]
    if plain and not isinstance(values, list):
        values = records.column(name)
    if name == OPTIONAL and not plain:  # only the records that have one
        return [lambda a, b: [b"" if v is None else prefix + _value(v, depth) for v in values[a:b]]]
    codes = None
    if values[0] is None or type(values[0]) is str:  # text, likely: distinct values found as the codes are
        try:
            codes, distinct = _codes(values)
        except TypeError:  # a list, a dict
            pass
    # the kinds of the distinct values, where no value of another kind can be equal to one of them
    # and written otherwise (1 == 1.0 == True, 0.0 == -0.0): text, None, and any scalar json writes
    kinds = set(map(type, distinct)) if codes is not None else set(map(type, values))
    if kinds <= {str, type(None)}:  # text or nothing: each distinct value written once, picked
        if codes is None:
            codes, distinct = _codes(values)
        return [_picked(_objects([prefix + _value(v, depth) for v in distinct]), codes)]
    if kinds <= {float, type(None)}:  # measures: each distinct value (bit for bit) written once
        numbers = np.array(values, dtype=float)
        if plain and np.count_nonzero(numbers != numbers) != values.count(None):  # a NaN of its own: refused
            raise _Unusual
        bits, at = np.unique(numbers.view(np.int64), return_inverse=True)
        shown = [prefix + (b"null" if v != v else _float(v)) for v in bits.view(np.float64).tolist()]
        return [_picked(_objects(shown), at.reshape(-1))]
    if kinds <= {str, int, float, bool, type(None)}:  # actual values: numbers most of them, by json's encoder
        return [prefix, lambda a, b: _scalars(values[a:b])]
    if kinds <= {list, tuple}:  # flags, causes: each distinct list written once
        try:
            codes, distinct = _codes(map(tuple, values), len(values))
        except TypeError:  # an unhashable member: one by one below
            pass
        else:
            return [_picked(_objects([prefix + _value(k, depth) for k in distinct]), codes)]
    if kinds <= {dict, type(None)}:  # sources: each distinct dict written once, alike dicts key by key
        codes, objects = _identities(values)
        texts = _dicts(dict(enumerate(objects)), depth)
        return [_picked(_objects([prefix + texts[k] for k in range(len(objects))]), codes)]
    seen: dict = {}

    def write(start: int, stop: int) -> list:
        out = []
        for v in values[start:stop]:
            kind = type(v)
            if kind is float:  # -0.0 is not 0.0: not looked up
                out.append(_float(v))
            elif kind is str or v is None or kind is bool or kind is int:
                text = seen.get((kind, v))
                if text is None:
                    text = seen[(kind, v)] = _value(v, depth)
                out.append(text)
            elif kind is dict or kind is list or kind is tuple:
                out.append(_container(v, depth, seen))
            else:
                out.append(_value(v, depth))
        return out
    return [prefix, write]


def _sources(values: Sources, prefix: bytes, depth: int) -> list:
    """The slots of records' sources.actual from its columns: a formula's source written once; a
    value row's {"file", "row"} as its file's text (once per file) around its row number; else null.
    Three slots: the source, the file's text before the row number and the number, the text after."""
    codes, formulas = _identities(values.formula)
    files, names = pd.factorize(values.files, use_na_sentinel=True)
    names = names.tolist() + [None]  # a row without a file: as its dict says, no file
    files = np.where(files < 0, len(names) - 1, files)
    none = np.array([v is None for v in formulas], dtype=bool)[codes]
    own = none & (values.rows >= 0)  # a value row's: picked by its file
    codes = np.where(own, len(formulas) + files, codes)
    before, after = [prefix + (b"null" if v is None else _value(v, depth)) for v in formulas], [b""] * len(formulas)
    for name in names:
        head, _, tail = _value({"file": name, "row": MARK}, depth).rpartition(b"%d" % MARK)
        before.append(prefix + head)
        after.append(tail)
    before, after = _objects(before), _objects(after)

    def numbers(start: int, stop: int) -> list:
        mine = own[start:stop]
        if mine.all():  # every record's a value row's, as most are
            return list(map(b"%d".__mod__, values.rows[start:stop].tolist()))
        out = np.full(stop - start, b"", dtype=object)
        out[mine] = list(map(b"%d".__mod__, values.rows[start:stop][mine].tolist()))
        return out.tolist()
    return [_picked(before, codes), numbers, _picked(after, codes)]


MARK = 987654321  # a row number standing in for each row's own while a file's text is made


def _dicts(objects: dict, depth: int) -> dict:
    """id -> text of each dict (or None) at depth: the dicts with the same keys written key by key,
    each distinct str or int value of a key written once."""
    texts, alike = {}, {}
    for k, v in objects.items():
        if v is None:
            texts[k] = b"null"
        else:
            alike.setdefault(tuple(v), []).append(k)
    for keys, members in alike.items():
        dicts = [objects[k] for k in members]
        if not keys or not all(type(key) is str for key in keys):
            made = [_value(d, depth) for d in dicts]
        else:
            grid = np.empty((len(dicts), len(keys) + 2), dtype=object)
            grid[:, 0], grid[:, -1] = b"{", b"\n" + b"  " * depth + b"}"
            for j, key in enumerate(keys, start=1):
                head = (b"\n" if j == 1 else b",\n") + b"  " * (depth + 1) + _quoted(key).encode("utf-8") + b": "
                column = [d[key] for d in dicts]
                kinds = set(map(type, column))
                if kinds == {int}:  # a row number: as json writes an int
                    grid[:, j] = [head + b"%d" % v for v in column]
                elif kinds <= {str, int, type(None)}:
                    known = {v: head + _value(v, depth + 1) for v in dict.fromkeys(column)}
                    grid[:, j] = list(map(known.__getitem__, column))
                else:
                    grid[:, j] = [head + _value(v, depth + 1) for v in column]
            made = list(map(b"".join, grid.tolist()))
        texts.update(zip(members, made))
    return texts


def _container(v, depth: int, seen: dict) -> bytes:
    """A list or dict of a record: one shared by many (a rule's place) or equal to another (the
    same flags) written once; a dict of plain values (a value's file and row) key by key."""
    known = seen.get(id(v))  # the records hold v: its id is not reused while they are written
    if known is not None and known[0] is v:
        return known[1]
    if type(v) is dict:
        text = _flat(v, depth, seen)
    else:
        try:
            text = seen.get((list, tuple(v)))
        except TypeError:  # an unhashable member
            text = None
        if text is None:
            text = _value(v, depth)
            if all(type(x) is str for x in v):
                seen[(list, tuple(v))] = text
    seen[id(v)] = (v, text)
    return text


def _flat(v: dict, depth: int, seen: dict) -> bytes:
    """A dict whose values are str, int or None, each key and value written once; others by _value."""
    if not v:
        return b"{}"
    pairs = []
    for k, x in v.items():
        kind = type(k), type(x)
        if kind[0] is not str or not (kind[1] is str or kind[1] is int or x is None):
            return _value(v, depth)
        text = seen.get((depth, k, kind[1], x))
        if text is None:
            text = seen[(depth, k, kind[1], x)] = b"\n" + b"  " * (depth + 1) + _quoted(k).encode("utf-8") + \
                b": " + _value(x, depth + 1)
        pairs.append(text)
    return b"{" + b",".join(pairs) + b"\n" + b"  " * depth + b"}"


def _float(v: float) -> bytes:
    if not math.isfinite(v):  # never in a record: let the dicts be written as before
        raise _Unusual
    return float.__repr__(v).encode("ascii")


def _value(v, depth: int) -> bytes:
    """v as json.dumps(v, indent=2, ensure_ascii=False) writes it at `depth`."""
    if isinstance(v, str):
        return _quoted(v).encode("utf-8")
    if v is None:
        return b"null"
    if v is True:
        return b"true"
    if v is False:
        return b"false"
    if isinstance(v, int):
        return int.__repr__(v).encode("ascii")
    if isinstance(v, float):
        return _float(float(v))
    if isinstance(v, (list, tuple)):
        if not v:
            return b"[]"
        inner = b"\n" + b"  " * (depth + 1)
        return b"[" + inner + (b"," + inner).join(_value(x, depth + 1) for x in v) + b"\n" + b"  " * depth + b"]"
    if isinstance(v, dict):
        if not v:
            return b"{}"
        if not all(type(k) is str for k in v):
            raise _Unusual
        inner = b"\n" + b"  " * (depth + 1)
        return b"{" + inner + (b"," + inner).join(_quoted(k).encode("utf-8") + b": " + _value(x, depth + 1)
                                                for k, x in v.items()) + b"\n" + b"  " * depth + b"}"
    raise _Unusual
