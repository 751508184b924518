"""Located problems in user input, and the error that carries them to the CLI."""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.text.messages import problem_text


@dataclass(frozen=True)
class Problem:
    code: str                      # key into messages.PROBLEMS, also the rule id users see
    file: str
    line: int | None = None        # 1-based; for tables: the spreadsheet row
    col: int | None = None         # 1-based; for tables: the column number
    path: str = ""                 # indicators[3].targets, or a column name
    params: dict = field(default_factory=dict, compare=False, hash=False)
    level: str = "error"           # error | warning

    @property
    def field(self) -> str:
        """The key of the indicator the problem is at: actual, pass, flags, causes … ("" if none)."""
        rest = self.path.split("].", 1)[1] if self.path.startswith("indicators[") and "]." in self.path else ""
        return rest.split(".")[0].split("[")[0]

    def sort_key(self):
        return (self.file, self.line or 0, self.col or 0, self.code, self.path)

    def message(self, lang: str = "zh") -> str:
        return problem_text(self.code, lang, self.params)[0]

    def fix(self, lang: str = "zh") -> str:
        return problem_text(self.code, lang, self.params)[1]

    def location(self) -> str:
        loc = self.file
        if self.line:
            loc += f":{self.line}"
            if self.col:
                loc += f":{self.col}"
        return loc

    def to_dict(self, lang: str = "zh") -> dict:
        return {
            "file": self.file, "line": self.line, "column": self.col, "path": self.path,
            "level": self.level, "code": self.code,
            "message": self.message(lang), "fix": self.fix(lang),
        }


class InputError(Exception):
    """Bad input: the run stops with exit code 2 after reporting every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems, key=Problem.sort_key)


def raise_if_errors(problems: list[Problem]) -> None:
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise InputError(problems)
