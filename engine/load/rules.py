"""Step 1: read the rule folder (settings, cause catalogue, indicator files) and check each
file against its JSON Schema. Any problem stops the run with every problem listed."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from engine import directions
from engine.core.dates import valid_date

from engine.load import rules_check

from engine.load import schema_check
from engine.core.model import PROGRESS, Cause, Formula, Indicator, RuleCause, RuleSet, Settings, TableSpec
from engine.core.paths import display
from engine.core.problems import InputError, Problem, raise_if_errors
from engine.load.yaml_source import YamlDoc, load_yaml
from engine.text import both

SPECIAL = {"settings": "settings", "causes": "causes", "tables": "tables"}  # file stem -> schema; others are rule files


def rule_files(rules_dir: Path) -> list[Path]:
    """The YAML files of the folder (x.YAML too); a link that leads nowhere is kept, so that
    reading it reports the problem instead of dropping its indicators unseen."""
    return sorted(p for p in rules_dir.iterdir()
                  if p.suffix.lower() in (".yaml", ".yml") and (p.is_file() or (p.is_symlink() and not p.exists())))


def load_rules(rules_dir: Path, lenient: bool = False):
    """The rule set; any problem stops with InputError. lenient: (rule set or None, problems)
    instead, where the rule set holds what could be read of files with problems (validate goes on
    from there; RuleSet.complete says whether it loaded cleanly)."""
    rules_dir = Path(rules_dir)
    if not rules_dir.is_dir():
        problems = [Problem("dir.missing", display(rules_dir), params={
            "dir": display(rules_dir), "hint": both("load.rules_dir_hint")})]
        if lenient:
            return None, problems
        raise InputError(problems)
    rules, problems = _load(rules_dir)
    if lenient:
        return rules, problems
    raise_if_errors(problems)
    return rules


def _load(rules_dir: Path) -> tuple[RuleSet, list[Problem]]:
    files = rule_files(rules_dir)
    problems: list[Problem] = []
    docs: dict[str, list[YamlDoc]] = {"settings": [], "causes": [], "tables": [], "rules": []}
    every: dict[str, YamlDoc] = {}
    for path in files:
        kind = SPECIAL.get(path.stem, "rules")
        doc, found = load_yaml(path, display(path))
        every[doc.file] = doc
        if kind != "rules" and docs[kind]:  # settings.yaml and settings.yml: one would silently win
            problems.append(Problem("rules.duplicate_file", display(path), params={
                "other": docs[kind][0].file, "kind": path.stem}))
            continue
        if doc.data is not None:  # duplicate keys and bad dates still leave a tree worth checking
            found += schema_check.check(doc, kind)
        problems += found
        docs[kind].append(doc)
    if not docs["settings"]:
        problems.append(Problem("rules.settings_missing", display(rules_dir / "settings.yaml")))
    if not docs["rules"]:
        problems.append(Problem("rules.none", display(rules_dir), params={"dir": display(rules_dir)}))
    settings_ok = docs["settings"] and not _has_errors(problems, docs["settings"][0].file)
    causes_ok = not any(_has_errors(problems, d.file) for d in docs["causes"] + docs["tables"])
    if not settings_ok or not causes_ok:
        return _partial(docs, every, files, problems), problems

    settings = _settings(docs["settings"][0])
    causes = {code: Cause(code, c["zh"], c["en"], c["category"])
              for doc in docs["causes"] for code, c in doc.data["causes"].items()}
    # Build what can be built even from files with schema problems, so that the checks
    # below report their problems in the same run: every problem at once.
    indicators = [ind for doc in docs["rules"] for ind in _indicators(doc)]
    _number(indicators, settings)
    rules = RuleSet(settings, causes, indicators, files,
                    tables=[t for doc in docs["tables"] for t in table_specs(doc)], docs=every)
    problems += rules_check.check(rules, docs["settings"][0])
    # a target of 1e30 is said by the YAML reader (out of range): not again as a target of the wrong kind
    said = {(p.file, p.line) for p in problems if p.code == "yaml.number_out_of_range"}
    problems = [p for p in problems if not (p.code == "rules.target_kind" and (p.file, p.line) in said)]
    # the YAML reader and the rule checks may both see a date the calendar lacks: say it once
    seen: dict = {}
    for p in problems:  # the first is kept: the YAML reader marks the value itself, not its key
        seen.setdefault((p.file, p.line, p.code, p.path, repr(sorted(p.params.items()))), p)
    problems = list(seen.values())
    if _has_errors(problems):
        return _partial(docs, every, files, problems), problems
    rules.rule_errors = rules_check.formula_errors(rules)
    rules.complete = True
    return rules, problems


def _partial(docs: dict, every: dict, files: list, problems: list[Problem]) -> RuleSet:
    """What can be read of a rule set with errors, so that validate's other checks still run:
    every indicator, with fields of the types later steps expect."""
    broken = {p.file for p in problems if p.level == "error"}
    settings, period = None, None
    for doc in docs["settings"]:
        if doc.data is not None:
            period = _period(doc.data)
            if doc.file not in broken:
                settings = _settings(doc)
    causes = {}
    for doc in docs["causes"]:
        data = doc.data if isinstance(doc.data, dict) else {}
        if isinstance(data.get("causes"), dict):
            causes.update({code: Cause(code, str(c.get("zh", "")), str(c.get("en", "")), str(c.get("category", "")))
                           for code, c in data["causes"].items() if isinstance(c, dict)})
    tables = [t for doc in docs["tables"] if doc.data is not None and doc.file not in broken for t in table_specs(doc)]
    indicators = [_sane(ind) for doc in docs["rules"] if isinstance(doc.data, dict) for ind in _indicators(doc)]
    settings = settings or Settings(period_start=period[0] if period else "", period_end=period[1] if period else "")
    _number(indicators, settings)
    return RuleSet(settings, causes, indicators, files, tables=tables, docs=every, period_known=period is not None)


def _number(indicators: list, settings: Settings) -> None:
    """Each indicator's place in reports: settings.order.indicators first, in that order, then the
    others in the order of the rule files."""
    listed = {ind_id: n for n, ind_id in enumerate(settings.order.get("indicators", []))}
    ranked = sorted(range(len(indicators)), key=lambda k: (listed.get(indicators[k].id, len(listed)), k))
    for n, k in enumerate(ranked):
        indicators[k].order = n


def _period(data) -> tuple | None:
    """settings.period of a settings file that may have other problems, when both dates are real."""
    try:
        start, end = str(data["settings"]["period"]["start"]), str(data["settings"]["period"]["end"])
    except (KeyError, TypeError):
        return None
    return (start, end) if valid_date(start) and valid_date(end) and start <= end else None


def _sane(ind):
    """An indicator read from a file with schema problems, with fields of the types later steps expect."""
    def text(v):
        return v if isinstance(v, str) and v.strip() else None
    scale = ind.scale if isinstance(ind.scale, list) and all(isinstance(s, str) for s in ind.scale) else []
    flags = {k: v for k, v in ind.flags.items() if isinstance(v, str)} if isinstance(ind.flags, dict) else {}
    return dataclasses.replace(
        ind, direction=ind.direction if ind.direction in directions.names() else directions.names()[0], scale=scale,
        actual=text(ind.actual), pass_=text(ind.pass_),
        overshoot=ind.overshoot if ind.overshoot is False or text(ind.overshoot) else None,
        flags=flags, causes=[c for c in ind.causes if isinstance(c.when, str)],
        annual=ind.annual is True, final=ind.final is True,
        progress=ind.progress if ind.progress in PROGRESS else None, deadline=ind.deadline if isinstance(ind.deadline, str) else None,
        targets=[(str(d), v) for d, v in ind.targets])


def _settings(doc: YamlDoc) -> Settings:
    s = doc.data["settings"]
    rounding = s.get("rounding", {})
    return Settings(period_start=s["period"]["start"], period_end=s["period"]["end"], title=s.get("title", ""),
                    rounding=rounding.get("mode", "half_up"), digits=rounding.get("digits", 2),
                    far_beyond_ratio=float(s.get("far_beyond_ratio", 2.0)), levels=dict(s.get("levels", {})),
                    overshoot_margin=float(s.get("overshoot_margin", 0)), order=dict(s.get("order") or {}),
                    forecast_possible_share=float(s.get("forecast_possible_share", 0.5)),
                    scores=dict(s.get("scores") or {}),
                    progress=s.get("progress") if s.get("progress") in PROGRESS else "linear")


def _has_errors(problems, file=None) -> bool:
    return any((file is None or p.file == file) and p.level == "error" for p in problems)


def _text(value, default=""):
    return value if isinstance(value, str) else default


def _indicators(doc: YamlDoc):
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get("indicators") if isinstance(data.get("indicators"), list) else []
    for n, raw in enumerate(items):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            continue
        path = ("indicators", n)
        lines = {key: doc.key_mark(path + (key,))[0] for key in raw}
        targets = sorted((str(d), v) for d, v in (raw.get("targets") if isinstance(raw.get("targets"), dict) else {}).items())
        lines.update({f"targets.{d}": doc.key_mark(path + ("targets", d))[0] for d, _ in targets})
        cols = {key: doc.key_mark(path + (key,))[1] for key in raw}
        cols.update({f"targets.{d}": doc.key_mark(path + ("targets", d))[1] for d, _ in targets})
        causes = [RuleCause(c.get("when", ""), c.get("cause"), c.get("note"), doc.mark(path + ("causes", k))[0],
                            tuple(doc.mark(path + ("causes", k, "cause"))))
                  for k, c in enumerate(raw.get("causes") or []) if isinstance(c, dict)]
        yield Indicator(
            id=raw["id"], name=_text(raw.get("name")), level=_text(raw.get("level", data.get("level", ""))),
            task=_text(raw.get("task", data.get("task", ""))), type=_text(raw.get("type"), "quantity"),
            unit=_text(raw.get("unit")), direction=_text(raw.get("direction"), "higher"),
            targets=targets, file=doc.file, line=doc.mark(path)[0], order=0,
            subtype=raw.get("subtype"), annual=raw.get("annual", False), final=raw.get("final", False),
            progress=raw.get("progress"), deadline=raw.get("deadline"),
            scale=raw.get("scale"), actual=raw.get("actual"), pass_=raw.get("pass"),
            overshoot=raw.get("overshoot"), flags=raw.get("flags", {}), causes=causes,
            points=raw.get("points"), weight=raw.get("weight"), owner=raw.get("owner", data.get("owner")),
            source=raw.get("source"), tags=raw.get("tags", []), description=raw.get("description"),
            lines=lines, cols=cols, index=n, deadline_line=lines.get("deadline"), formulas=_formulas(doc, path, raw),
            dates=[(f"targets.{d}", d) for d, _ in targets] +
                  ([("deadline", raw["deadline"])] if isinstance(raw.get("deadline"), str) else []),
        )


def _formulas(doc: YamlDoc, path: tuple, raw: dict) -> list[Formula]:
    """Every formula of an indicator with the place of its text: rule errors point there."""
    out = []

    def add(field, keys, key, text, **extra):
        if isinstance(text, str) and text:
            line, col = doc.mark(path + keys)
            out.append(Formula(field, key, text, line, col, **extra))
    add("actual", ("actual",), "actual", raw.get("actual"))
    add("pass", ("pass",), "pass", raw.get("pass"))
    add("overshoot", ("overshoot",), "overshoot", raw.get("overshoot"))
    for name, text in (raw.get("flags") if isinstance(raw.get("flags"), dict) else {}).items():
        add("flags", ("flags", name), f"flags.{name}", text, name=name)
    for k, item in enumerate(raw.get("causes") if isinstance(raw.get("causes"), list) else []):
        if isinstance(item, dict):
            add("causes", ("causes", k, "when"), f"causes[{k}].when", item.get("when"), index=k)
    return out


def table_specs(doc: YamlDoc) -> list[TableSpec]:
    """The report tables of tables.yaml, each with the line it starts on."""
    return [TableSpec(id=t["id"], title=t["title"], ledger=t["ledger"], by=t["by"], columns=t["columns"],
                      file=doc.file, line=doc.mark(("tables", n))[0], title_en=t.get("title_en", ""),
                      total=t.get("total"), flags=t.get("flags", {}), order=list(t.get("order", [])))
            for n, t in enumerate(doc.data["tables"])]
