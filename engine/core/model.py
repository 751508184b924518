"""The rule set as loaded: plain data the later steps read."""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.text.labels import category_of

PROGRESS = ("linear", "step", "none")  # how a value is expected to grow between two staged targets


@dataclass
class Settings:
    period_start: str
    period_end: str
    title: str = ""
    rounding: str = "half_up"
    digits: int = 2
    far_beyond_ratio: float = 2.0
    overshoot_margin: float = 0.0  # percentage points a % target must be beaten by to count as exceeded
    order: dict = field(default_factory=dict)  # {tasks: [name], indicators: [id]}: report order, as the 任务书
    progress: str = "linear"  # expected progress between staged targets when a rule says none: linear | step | none
    forecast_possible_share: float = 0.5  # jixiao forecast: 有可能 from this share of the remaining gap (docs/forecast.md)
    levels: dict = field(default_factory=dict)  # id -> label, in report order
    scores: dict = field(default_factory=dict)  # settings.scores as written; engine/scores.py fills defaults


@dataclass
class Cause:
    code: str
    zh: str
    en: str
    category: str


@dataclass
class RuleCause:
    when: str
    cause: str | None
    note: str | None
    line: int | None  # where the entry starts (its - when: line)
    code_at: tuple = (None, None)  # line and column of the cause code


@dataclass(frozen=True)
class Formula:
    """One formula of an indicator, where it is written: the place rule errors, validate and
    explain point at."""
    field: str         # actual | pass | overshoot | flags | causes
    key: str           # actual, flags.overspend, causes[0].when: its place inside the indicator
    text: str
    line: int | None   # of the formula's text in the rule file
    col: int | None
    name: str | None = None   # the flag's name (flags)
    index: int | None = None  # the entry's position (causes)

    @property
    def kind(self) -> str:
        """actual: computes the actual value; condition: true or false per unit."""
        return "actual" if self.field == "actual" else "condition"


@dataclass
class Indicator:
    id: str
    name: str
    level: str
    task: str
    type: str
    unit: str
    direction: str
    targets: list  # [(date, value)] sorted by date; value: number, {min, max}, or a grade
    file: str
    line: int
    order: int
    subtype: str | None = None
    annual: bool = False
    final: bool = False  # the last staged target is final: missed at its date is not achieved, period or not
    progress: str | None = None  # expected progress between staged targets: linear | step | none; None: settings.progress
    deadline: str | None = None
    scale: list | None = None
    actual: str | None = None
    pass_: str | None = None
    overshoot: object = None  # formula text, False, or None for the default
    flags: dict = field(default_factory=dict)
    causes: list = field(default_factory=list)
    points: float | None = None
    weight: float | None = None
    owner: str | None = None
    source: str | None = None
    tags: list = field(default_factory=list)
    description: str | None = None
    lines: dict = field(default_factory=dict)  # key -> line in the rule file
    cols: dict = field(default_factory=dict)   # key -> column of the key
    index: int = 0                             # position in its file's list: indicators[index]
    deadline_line: int | None = None           # the line of the indicator's own deadline, if written
    formulas: list = field(default_factory=list)  # [Formula] in the order written
    dates: list = field(default_factory=list)     # [(key, date as written)]: every date the rule states

    def formula(self, key: str):
        """The Formula at this key (actual, pass, overshoot, flags.x, causes[k].when), or None."""
        return next((f for f in self.formulas if f.key == key), None)

    def path(self, key: str | None = None) -> str:
        """The place of a key in its file, as problems name it: indicators[3].targets."""
        return f"indicators[{self.index}]" + (f".{key}" if key else "")

    @property
    def category(self) -> str:
        return category_of(self.type)

    @property
    def way(self):
        """The direction (engine/directions/) that decides how this indicator meets its target."""
        from engine import directions
        return directions.get(self.direction)

    @property
    def value_kind(self) -> str:
        """How a cell of the value table is read for this indicator: number, date or grade."""
        return self.way.value_kind

    def where(self, key: str | None = None) -> str:
        return f"{self.file}:{self.lines.get(key, self.line) if key else self.line}"


@dataclass
class TableSpec:
    """A report table of tables.yaml: rows grouped by one ledger column (engine/summarise/ledger_tables.py)."""
    id: str
    title: str
    ledger: str
    by: str
    columns: list
    file: str
    line: int
    title_en: str = ""
    total: str | None = None  # the total row's label; None: the catalogue's word (合计 / total)
    flags: dict = field(default_factory=dict)
    order: list = field(default_factory=list)  # row keys in report order; rows not listed follow, sorted


@dataclass
class RuleSet:
    settings: Settings
    causes: dict            # code -> Cause
    indicators: list        # [Indicator] in file order
    files: list             # paths read, for the never-overwrite-an-input check
    tables: list = field(default_factory=list)       # [TableSpec] of tables.yaml
    rule_errors: dict = field(default_factory=dict)  # indicator id -> [(code, params, Formula)] found before evaluation
    docs: dict = field(default_factory=dict)         # file as shown -> YamlDoc: what was read, with its places
    complete: bool = False                           # loaded without errors (else: what could be read of it)
    period_known: bool = True                        # settings.period is usable

    _by_id: tuple = field(default=((), {}), init=False, repr=False, compare=False)

    def by_id(self) -> dict:
        """id -> Indicator; built again only when the list holds other indicators (callers ask once
        per formula: 5,000 indicators must not mean 5,000 dicts)."""
        key = tuple(map(id, self.indicators))
        if self._by_id[0] != key:
            self._by_id = (key, {i.id: i for i in self.indicators})
        return self._by_id[1]

    def level_order(self) -> list:
        seen = list(self.settings.levels)
        for i in self.indicators:
            if i.level not in seen:
                seen.append(i.level)
        return seen

    def task_order(self) -> list[tuple[str, str]]:
        """(level, task): the tasks of settings.order.tasks in that order, then the others as they
        first appear among the indicators in report order; a task name shared by two levels keeps
        each level's own order."""
        first = dict.fromkeys((i.level, i.task) for i in sorted(self.indicators, key=lambda i: i.order))
        listed = {task: n for n, task in enumerate(self.settings.order.get("tasks", []))}
        return sorted(first, key=lambda pair: listed.get(pair[1], len(listed)))  # stable: the rest keep their order
