"""`jixiao import`: the drafts of a 任务书 table written into a rule folder, merged with what is there.

Each row is one indicator with a stable id: the table's 编号 column if it has one; otherwise the
indicator of the rule folder with the same 建设任务 and name (or the same name), otherwise a new id
(S001, G001 … by level, after the highest in use). Re-importing rewrites only the keys the table
owns (name, type, subtype, unit, direction, targets, deadline, scale; task and level when the table
has those columns), each in place in the indicator's block: every other line of the file stays as
it was (conditions, causes, owners, flags, comments). A stage whose cell cannot be read keeps the
target already written for it; a row that cannot be read at all leaves a hand-completed indicator as
it is. What cannot be read is written as a # TODO comment at its key (or, for a whole row, above the
row written commented out) and `jixiao validate` lists each.

Every file is checked together (the rule folder must load) before any is written, each atomically."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from engine.authoring.indicator_yaml import indicator_text
from engine.authoring.rule_file import layout
from engine.authoring.settings_order import merged_order, with_order
from engine.authoring.taskbook_parse import ID, Draft, Todo, draft
from engine.authoring.taskbook_read import read_taskbook
from engine.authoring.workspace import fill, template_text
from engine.authoring.yaml_blocks import KEY_LINE, TODO_LINE, merged
from engine.core.output import write_atomic
from engine.core.paths import display
from engine.core.problems import InputError, Problem
from engine.load.rules import SPECIAL, load_rules, rule_files
from engine.load.schema_check import SCHEMA_DIR
from engine.load.yaml_source import load_yaml
from engine.text import t
from engine.text.labels import DEFAULT_LEVELS

COMMENTED_ITEM = re.compile(r"^\s*#\s*- id:\s*(?P<id>\S+)")
COMMENTED_KEY = re.compile(r"^\s*#\s+(?P<key>name|task|level):\s*(?P<value>.*)$")
OWNED = ("name", "type", "subtype", "unit", "direction", "targets", "deadline", "scale")
DEFAULT_PERIOD = (2019, 2023)  # a table with only 中期/终期 columns and no settings.yaml: the 双高 plan's period
PREFIX = {"school": "S", "group": "G"}


@dataclass
class Result:
    source: str
    rows: int = 0
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    same: list = field(default_factory=list)
    kept: list = field(default_factory=list)          # rows not readable whose indicator was completed by hand
    todos: list = field(default_factory=list)         # [Todo] still to do
    files: list = field(default_factory=list)         # [(path, indicators in it)] written (or to be)
    settings: tuple | None = None                     # (path, start, end) when settings.yaml was made
    not_in_table: list = field(default_factory=list)


@dataclass
class Existing:
    """An indicator already in the rule folder: its file and the item's place and data."""
    path: Path
    index: int
    data: dict
    task: str | None
    level: str | None


def import_taskbook(table_path: Path, rules_dir: Path, sheet: str | None = None, level: str | None = None,
                    dry_run: bool = False, task: str | None = None) -> Result:
    table = read_taskbook(Path(table_path), sheet)
    if task is None and not any("task" in row.fields for row in table.rows[:1]):
        raise InputError([Problem("import.no_task", table.source)])
    rules_dir = Path(rules_dir)
    result = Result(table.source, rows=len(table.rows))
    new_files: dict[Path, str] = {}
    settings_path = rules_dir / "settings.yaml"
    if settings_path.exists() or (rules_dir / "settings.yml").exists():
        try:
            rules = load_rules(rules_dir)
        except InputError as exc:
            raise InputError([Problem("import.bad_rules", display(rules_dir))] + exc.problems)
        start, end = int(rules.settings.period_start[:4]), int(rules.settings.period_end[:4])
        levels = dict(rules.settings.levels or DEFAULT_LEVELS)
        old_order = rules.settings.order
    else:
        old_order = {}
        years = [s for s in table.stages if isinstance(s, int)]
        start, end = (min(years), max(years)) if years else DEFAULT_PERIOD
        levels = dict(DEFAULT_LEVELS)
        new_files[settings_path] = _settings_text(start, end)
        if not (rules_dir / "causes.yaml").exists():
            new_files[rules_dir / "causes.yaml"] = template_text("rules/causes.yaml")
        result.settings = (settings_path, f"{start}-01-01", f"{end}-12-31")
    stage_dates = {s: _stage_date(s, start, end) for s in table.stages}
    drafts = [draft(row, _level(row, level, levels, table.source), stage_dates, task) for row in table.rows]
    has = {c for row in table.rows for c in row.fields}
    owned = OWNED + tuple(k for k in ("task", "level") if k in has)

    texts = {p: p.read_bytes().decode("utf-8-sig") for p in _indicator_files(rules_dir)}
    existing, commented = _existing(texts)
    texts = {p: _without_commented(text) for p, text in texts.items()}
    used = set(existing) | set(commented.values())
    edits: dict[Path, dict[int, Draft]] = {}
    appended: dict[str, list[Draft]] = {}
    matched = set()
    for d in drafts:
        found = _match(d, existing, matched, result)
        if found is not None:
            matched.add(found)
            old = existing[found]
            d.fields["id"] = found
            if not d.complete:
                result.kept.append(found)
                continue
            _keep_hand_written(d, old.data)
            edits.setdefault(old.path, {})[old.index] = d
            continue
        key = (d.fields.get("task"), d.fields["name"])
        d.fields["id"] = d.fields["id"] or commented.get(key) or _new_id(d.fields["level"], used)
        used.add(d.fields["id"])
        for todo in d.todos:
            if todo.fix == "fix_id":
                todo.params["id"] = d.fields["id"]
        appended.setdefault(d.fields["level"], []).append(d)
    for path, by_index in edits.items():
        texts[path], changed = _update_file(texts[path], path, by_index, owned)
        for index, d in by_index.items():
            (result.updated if index in changed else result.same).append(d.fields["id"])
            result.todos += d.todos
    for lvl, items in appended.items():
        path = rules_dir / f"{lvl}.yaml"
        text = _append(texts.get(path), path, lvl, items)
        if text is None:
            result.todos += [todo for d in items for todo in d.todos]
            continue
        texts[path] = text
        result.added += [d.fields["id"] for d in items if d.complete]
        result.todos += [todo for d in items for todo in d.todos]
    if not settings_path.exists() and (rules_dir / "settings.yml").exists():
        settings_path = rules_dir / "settings.yml"
    settings_text = new_files.get(settings_path) or settings_path.read_bytes().decode("utf-8-sig")
    order = merged_order(old_order, [d.fields.get("task") for d in drafts],
                         [d.fields["id"] for d in drafts if d.complete])  # a TODO row is not an indicator yet
    ordered = with_order(settings_text, order)
    if ordered != settings_text:
        new_files[settings_path] = ordered
    touched = set(edits) | {rules_dir / f"{lvl}.yaml" for lvl in appended if rules_dir / f"{lvl}.yaml" in texts}
    for ind_id, old in existing.items():
        if ind_id not in matched and old.path in touched:
            result.not_in_table.append(ind_id)
    for path in sorted(touched):
        new_files[path] = texts[path]
        doc, _ = load_yaml_text(path, texts[path])
        count = len(doc.data.get("indicators") or []) if isinstance(doc.data, dict) else 0
        result.files.append((path, count))
    _check_together(rules_dir, new_files)
    if not dry_run:
        rules_dir.mkdir(parents=True, exist_ok=True)
        for path, text in new_files.items():
            write_atomic(path, text.encode("utf-8"), [Path(table_path)])
    return result


# ---- the rule folder as it is ------------------------------------------------------------------

def _indicator_files(rules_dir: Path) -> list[Path]:
    if not rules_dir.is_dir():
        return []
    return [p for p in rule_files(rules_dir) if p.stem not in SPECIAL]


def load_yaml_text(path: Path, text: str):
    """A YAML text not yet written, read as the loader reads files."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        copy.write_text(text, encoding="utf-8")
        return load_yaml(copy, display(path))


def _existing(texts: dict) -> tuple[dict, dict]:
    """id -> Existing for every indicator written; (task, name) -> id of the rows a previous import
    wrote commented out (their ids stay theirs)."""
    found, commented = {}, {}
    for path, text in texts.items():
        doc, _ = load_yaml_text(path, text)
        data = doc.data if isinstance(doc.data, dict) else {}
        for k, item in enumerate(data.get("indicators") or []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found[item["id"]] = Existing(path, k, item, item.get("task", data.get("task")),
                                             item.get("level", data.get("level")))
        current, fields = None, {}
        for line in text.splitlines() + [""]:
            item = COMMENTED_ITEM.match(line)
            key = COMMENTED_KEY.match(line)
            if item:
                current, fields = item.group("id"), {}
            elif key and current:
                fields[key.group("key")] = key.group("value").strip().strip('"')
            elif current and not line.lstrip().startswith("#"):
                commented[(fields.get("task", data.get("task")), fields.get("name"))] = current
                current = None
    return found, commented


def _without_commented(text: str) -> str:
    """The text without the rows a previous import wrote commented out (they are written anew)."""
    lines = text.splitlines(keepends=True)
    out, n = [], 0
    while n < len(lines):
        if TODO_LINE.match(lines[n]) and n + 1 < len(lines) and COMMENTED_ITEM.match(lines[n + 1]):
            n += 1
            while n < len(lines) and lines[n].lstrip().startswith("#"):
                n += 1
            while n < len(lines) and not lines[n].strip() and out and not out[-1].strip():
                n += 1
            continue
        out.append(lines[n])
        n += 1
    return "".join(out)


def _match(d: Draft, existing: dict, matched: set, result: Result) -> str | None:
    """The id of the indicator this row is: by the table's 编号, else by task and name, else by name."""
    given = d.row.text("id")
    if given:
        if ID.match(given):
            d.fields["id"] = given
            return given if given in existing and given not in matched else None
        cell = d.row.fields["id"]
        d.todos.append(Todo(cell.place, given, "why_id", "fix_id", "id"))
    name, task = d.fields["name"], d.fields.get("task")
    same = [i for i, e in existing.items() if i not in matched and e.data.get("name") == name]
    exact = [i for i in same if existing[i].task == task]
    if exact:
        return exact[0]
    return same[0] if len(same) == 1 and not task else None


def _keep_hand_written(d: Draft, data: dict) -> None:
    """What the table cannot say but the file does: targets of dates the table has no column for,
    targets written by hand where the cell cannot be read, a measure written by hand."""
    old = data.get("targets") if isinstance(data.get("targets"), dict) else {}
    if "targets" in d.fields:
        stages = {date for date, _ in d.fields["targets"]} | d.unreadable_stages
        kept = [(str(date), v) for date, v in old.items() if str(date) not in stages or
                str(date) in d.unreadable_stages]
        d.fields["targets"] = sorted(d.fields["targets"] + kept, key=lambda p: p[0])
        d.todos = [todo for todo in d.todos if not (todo.at == "targets" and todo.params.get("date") in old)]
    if d.fields.get("unit") is None and data.get("unit"):
        d.fields["unit"] = data["unit"]
        d.todos = [todo for todo in d.todos if todo.at != "unit"]


def _new_id(level: str, used: set) -> str:
    prefix = PREFIX.get(level, (level[:1] or "I").upper())
    pattern = re.compile(rf"^{prefix}(\d+)$")
    top = max([int(m.group(1)) for m in map(pattern.match, used) if m] + [0])
    return f"{prefix}{top + 1:03d}"


def _level(row, given: str | None, levels: dict, source: str) -> str:
    text = row.text("level")
    if text:
        for key, name in levels.items():
            if text in (key, name):
                return key
        cell = row.fields["level"]
        raise InputError([Problem("import.unknown_level", cell.place, params={
            "level": text, "allowed": list(levels.values())})])
    if given:
        if given in levels:
            return given
        for key, name in levels.items():
            if given == name:
                return key
        raise InputError([Problem("import.unknown_level", source, params={"level": given,
                                                                           "allowed": list(levels)})])
    return next(iter(levels))


def _stage_date(stage, start: int, end: int) -> str:
    if stage == "mid":
        return f"{start + (end - start) // 2}-12-31"
    if stage == "final":
        return f"{end}-12-31"
    return f"{stage}-12-31"


def _settings_text(start: int, end: int) -> str:
    text = fill(template_text("rules/settings.yaml"), start, "")
    return text.replace(f"end: {start + 4}-12-31", f"end: {end}-12-31")


# ---- writing ----------------------------------------------------------------------------------

def _fields(d: Draft) -> dict:
    """The draft's keys in the order a person writes them (indicator_yaml.KEYS, then the target's)."""
    f = d.fields
    out = {k: f.get(k) for k in ("id", "name", "level", "task", "type", "subtype", "unit", "direction")}
    if out["unit"] is None and d.complete:
        out["unit"] = t("taskbook.unit_todo", "zh")
    for key in ("scale", "deadline", "targets"):
        if f.get(key):
            out[key] = f[key]
    if f.get("owner"):
        out["owner"] = f["owner"]
    return out


def _comment(todo: Todo, indent: str) -> str:
    text = t("taskbook.todo_comment", "zh", place=todo.place, text=todo.text.replace("\n", " "),
             reason=t(f"taskbook.{todo.reason}", "zh"), fix=t(f"taskbook.{todo.fix}", "zh", **todo.params))
    return f"{indent}# {text}"


def _block(d: Draft, dash: int, defaults: dict, newline: str = "\n") -> list[str]:
    """The indicator's lines, each # TODO above the key it is about."""
    lines = indicator_text(_fields(d), dash, defaults, newline).splitlines()
    inner = " " * (dash + 2)
    if not d.complete:
        head = [_comment(todo, " " * dash) for todo in d.todos if todo.at in ("row", "id")]
        head += [_comment(todo, " " * dash) for todo in d.todos if todo.at not in ("row", "id")]
        return head + [" " * dash + "# " + line[dash:] for line in lines]
    fields = _fields(d)
    anchor = {"unit": "unit", "targets": next(k for k in ("targets", "deadline", "direction") if fields.get(k))}
    out = []
    for line in lines:
        found = KEY_LINE.match(line)
        key = found.group("key") if found else None
        if key == "id":
            out += [_comment(todo, " " * dash) for todo in d.todos if todo.at == "id"]
        out += [_comment(todo, inner) for todo in d.todos if anchor.get(todo.at) == key and key]
        out.append(line)
    return out


def _update_file(text: str, path: Path, by_index: dict, owned: tuple) -> tuple[str, set]:
    """The file with the owned keys of these indicators rewritten in place; the indexes changed."""
    doc, _ = load_yaml_text(path, text)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    defaults = {k: doc.data[k] for k in ("level", "task", "owner") if isinstance(doc.data.get(k), str)}
    starts = sorted((doc.mark(("indicators", k))[0], k) for k in range(len(doc.data["indicators"])))
    changed = set()
    for pos in range(len(starts) - 1, -1, -1):  # from the end, so earlier line numbers stay right
        first, k = starts[pos]
        if k not in by_index:
            continue
        start = first - 1
        col = doc.mark(("indicators", k))[1] or 5
        dash = lines[start].find("- ") if lines[start].lstrip().startswith("- ") else col - 3
        indent = col - 1  # the column of the item's keys
        end = starts[pos + 1][0] - 1 if pos + 1 < len(starts) else len(lines)
        stop = start + 1
        while stop < end and (not lines[stop].strip() or len(lines[stop]) - len(lines[stop].lstrip()) >= indent):
            stop += 1
        while stop > start + 1 and not lines[stop - 1].strip():
            stop -= 1
        old = lines[start:stop]
        d = by_index[k]
        new = merged(old, _block(d, dash, defaults), indent, owned)
        if new != old:
            changed.add(k)
            lines[start:stop] = new
    return newline.join(lines) + newline, changed


def _append(text: str | None, path: Path, level: str, items: list) -> str:
    """New indicators (and rows written commented out) at the end of the level's file."""
    if text is None or not text.strip():
        body = _head(path, level)
        dash, defaults, newline = 2, {"level": level}, "\n"
        items = sorted(items, key=lambda d: not d.complete)  # rows written commented out after the others
        blocks = [_block(d, dash, defaults) for d in items]
        live = [b for b, d in zip(blocks, items) if d.complete]
        if not live:  # commented-out rows alone make no rule file: listed in the summary only
            return None
        return body + "\n".join("\n".join(b) + "\n" for b in blocks)
    newline = "\r\n" if "\r\n" in text else "\n"
    defaults, dash = layout(path, text)
    out = text.rstrip() + newline
    for d in sorted(items, key=lambda d: not d.complete):
        out += newline + newline.join(_block(d, dash, defaults)) + newline
    return out


def _head(path: Path, level: str) -> str:
    local = path.parent.parent / "schemas" / "rules.schema.json"
    target = local if local.exists() else SCHEMA_DIR / "rules.schema.json"
    try:
        ref = Path(os.path.relpath(target.resolve(), path.parent.resolve())).as_posix()
    except ValueError:
        ref = target.resolve().as_uri()
    return f"# yaml-language-server: $schema={ref}\nlevel: {level}\nindicators:\n"


def _check_together(rules_dir: Path, new_files: dict) -> None:
    """The rule folder as it would be, loaded: nothing is written unless it loads."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "rules"
        if rules_dir.is_dir():
            shutil.copytree(rules_dir, copy, ignore=shutil.ignore_patterns("tests"))
        else:
            copy.mkdir()
        for path, text in new_files.items():
            (copy / path.name).write_text(text, encoding="utf-8")
        try:
            load_rules(copy)
        except InputError as exc:
            raise InputError([Problem(p.code, p.file.replace(display(copy), display(rules_dir)), p.line, p.col,
                                      p.path, p.params, p.level) for p in exc.problems])
