"""What every check looks at: the rule set as the lenient loader read it (with the YAML it read,
kept with its places) and the snapshots loaded so far, and how to point inside a formula.

Nothing here reads a file: the loader's documents (rules.docs) hold every line already, and the
formulas are the indicators' own (Indicator.formulas, each at the place of its text)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from engine.core.model import Formula, RuleSet
from engine.core.problems import Problem
from engine.load.rules import load_rules


@dataclass
class Context:
    rules_dir: Path
    rules: RuleSet | None
    complete: bool                                   # the rule set loaded without errors
    period: tuple | None                             # (start, end) when settings are usable
    docs: dict = field(default_factory=dict)         # shown file -> YamlDoc, as the loader read it
    snapshots: list = field(default_factory=list)    # Snapshot, loaded or read leniently

    def formulas(self):
        """(indicator, Formula) for every formula of the rule set, in file order."""
        for ind in self.rules.indicators:
            for formula in ind.formulas:
                yield ind, formula

    def raw(self, ind) -> dict:
        """The indicator as written (for what is not a formula, such as cause notes)."""
        doc = self.docs.get(ind.file)
        try:
            item = doc.data["indicators"][ind.index]
        except (AttributeError, KeyError, IndexError, TypeError):
            return {}
        return item if isinstance(item, dict) else {}

    def mark(self, ind, *keys):
        """(line, column) of a value of the indicator, or of the nearest enclosing one."""
        doc = self.docs.get(ind.file)
        return doc.mark(("indicators", ind.index, *keys)) if doc else (ind.line, None)

    def locate(self, ind, formula: Formula, token) -> tuple:
        """(line, column) of token inside the formula's text, else where the text starts. Searched
        over the text's lines and two more: a block (| or >) starts on the line after its mark, and
        a folded one may take more lines than its text has line breaks."""
        return self.find(ind.file, formula.line, token, formula.col, formula.text.count("\n") + 3)

    def find(self, file, line, token, col=None, span=1):
        """(line, column) of token as a whole word at or after (line, col), within span lines;
        else (line, col)."""
        lines = self.docs[file].lines if file in self.docs else None
        if not lines or not line or not token:
            return line, col
        pattern = re.compile(rf"(?<!\w){re.escape(str(token))}(?!\w)")
        for n in range(line, min(line + span, len(lines) + 1)):
            start = (col or 1) - 1 if n == line else 0
            found = pattern.search(lines[n - 1], start)
            if found:
                return n, found.start() + 1
        return line, col


def load_context(rules_dir: Path) -> tuple[Context, list[Problem]]:
    """The context of what the lenient loader could read, and the problems it found."""
    rules, problems = load_rules(Path(rules_dir), lenient=True)
    if rules is None:
        return Context(Path(rules_dir), None, False, None), problems
    s = rules.settings
    period = (s.period_start, s.period_end) if rules.period_known and s.period_start else None
    return Context(Path(rules_dir), rules, rules.complete, period, dict(rules.docs)), problems


def at_key(ind, key: str, path_key: str | None = None) -> tuple:
    """file, line, column and path of a key of an indicator (direction, targets.2021-12-31), at
    the key; the path names path_key instead when given."""
    return ind.file, ind.lines.get(key, ind.line), ind.cols.get(key), ind.path(path_key or key)


def problem(code, file, line, col, path, level="warning", /, **params) -> Problem:
    """A Problem with its params as keywords (a check's problems are warnings unless it says)."""
    return Problem(code, file, line, col, path, params, level)
