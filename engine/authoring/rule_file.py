"""Appending a new indicator to a rule file: the file's layout and defaults read first, the text
appended whole, the rules loaded again; if they no longer load, the file is restored (or removed,
if this created it). The rest of the file stays byte for byte as it was."""
from __future__ import annotations

import os
from pathlib import Path

from engine.authoring.indicator_yaml import file_head, indicator_text
from engine.core.output import write_atomic
from engine.core.paths import display
from engine.core.problems import InputError, Problem
from engine.load import schema_check
from engine.load.rules import SPECIAL, load_rules
from engine.load.schema_check import SCHEMA_DIR
from engine.load.yaml_source import load_yaml
from engine.text import t
from engine.text.labels import DEFAULT_LEVELS

NEW_FILE = Path("rules") / "indicators.yaml"  # proposed when rules/ has no indicator file


def proposed_file() -> Path:
    """The rule file proposed when none is named: the first in rules/, if any."""
    folder = Path("rules")
    candidates = sorted(p for p in folder.glob("*.yaml") if p.stem not in SPECIAL) if folder.is_dir() else []
    return candidates[0] if candidates else NEW_FILE


def context(path: Path) -> tuple[set, dict, dict]:
    """(ids already used, levels, the file's defaults) for the questions; refuses, before any
    question, a file that is not an indicator file or cannot be appended to, and broken rules."""
    rules_dir = rules_dir_of(path)
    ids, levels, defaults = set(), dict(DEFAULT_LEVELS), {}
    if rules_dir is not None:
        rules = load_rules(rules_dir)
        ids = {i.id for i in rules.indicators}
        levels = dict(rules.settings.levels or DEFAULT_LEVELS)
    if path.stem in SPECIAL:
        raise InputError([Problem("new.not_rule_file", display(path), params={"file": display(path)})])
    if path.exists():
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        defaults, _dash = layout(path, text)
        if rules_dir is None:
            doc, _ = load_yaml(path, display(path))
            ids = {i.get("id") for i in doc.data.get("indicators", []) if isinstance(i, dict)}
    return ids, levels, defaults


def layout(path: Path, text: str) -> tuple[dict, int]:
    """The file's defaults (level, task, owner; last_type and last_subtype of its last indicator)
    and the column of its list items' dashes; refuses a file where appended text would not land
    in the indicator list."""
    doc, problems = load_yaml(path, display(path))
    if any(p.level == "error" for p in problems):
        raise InputError(problems)
    data = doc.data

    def refuse(reason):
        raise InputError([Problem("new.cannot_append", display(path), params={"reason": reason})])

    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list) or not data["indicators"]:
        refuse(t("wizard.no_list", "zh"))
    if list(data)[-1] != "indicators":
        refuse(t("wizard.key_after", "zh", key=list(data)[-1]))
    line, col = doc.mark(("indicators", 0))
    before = text.splitlines()[line - 1][:col - 1]
    if before.strip() != "-":
        refuse(t("wizard.not_block", "zh"))
    defaults = {k: data[k] for k in ("level", "task", "owner") if isinstance(data.get(k), str)}
    last = data["indicators"][-1] if isinstance(data["indicators"][-1], dict) else {}
    defaults.update({f"last_{k}": last[k] for k in ("type", "subtype") if isinstance(last.get(k), str)})
    return defaults, before.index("-")


def rules_dir_of(path: Path) -> Path | None:
    """The rule folder the file belongs to (the folder with settings.yaml), if any."""
    folder = path.parent
    return folder if (folder / "settings.yaml").exists() or (folder / "settings.yml").exists() else None


def add_indicator(path: Path, fields: dict) -> int:
    """Append the indicator to the file (created if absent); returns its first line.
    The rest of the file is left as it was; if the rules do not load afterwards, the file is
    restored (or removed, if this created it) and the problems are raised."""
    path = Path(path)
    rules_dir = rules_dir_of(path)
    existed = path.exists()
    original = path.read_bytes() if existed else b""
    if existed:
        text = original.decode("utf-8-sig")
        newline = "\r\n" if "\r\n" in text else "\n"
        defaults, dash = layout(path, text)
        lead = "" if text.endswith(("\n", "\r")) else newline
        addition = lead + newline + indicator_text(fields, dash, defaults, newline)
        first_line = text.count("\n") + (1 if lead else 0) + 2
    else:
        addition = file_head(_schema_ref(path), fields["level"], fields["task"]) \
            + indicator_text(fields, 2, {"level": fields["level"], "task": fields["task"]})
        first_line = 5
    write_atomic(path, original + addition.encode("utf-8"), [])  # whole or not at all: never half an indicator
    problems = _check_after(path, rules_dir)
    if problems:
        if existed:
            write_atomic(path, original, [])
        else:
            path.unlink(missing_ok=True)
        raise InputError(problems + [Problem("new.restored", display(path))])
    return first_line


def _schema_ref(path: Path) -> str:
    """The rule schema as a new file's first line names it: the workspace's copy if there is one."""
    local = path.parent.parent / "schemas" / "rules.schema.json"
    target = local if local.exists() else SCHEMA_DIR / "rules.schema.json"
    try:
        return Path(os.path.relpath(target.resolve(), path.parent.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return target.resolve().as_uri()


def _check_after(path: Path, rules_dir: Path | None) -> list[Problem]:
    if rules_dir is not None:
        try:
            load_rules(rules_dir)
        except InputError as exc:
            return exc.problems
        return []
    doc, problems = load_yaml(path, display(path))
    if doc.data is not None:
        problems += schema_check.check(doc, "rules")
    return [p for p in problems if p.level == "error"]
