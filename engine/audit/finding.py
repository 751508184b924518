"""The one finding record: where, what the report states, what the arithmetic gives, and the
arithmetic itself (numbers and operators, the same in every language). A Checked record says a
figure is right, and under which convention (rounded, truncated, capped)."""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.audit.document import Place
from engine.text import t


@dataclass(frozen=True)
class Finding:
    code: str                 # the check's word for it: table_total, rate, statement … (engine/text/audit.py)
    place: Place
    stated: str               # the figure as printed
    computed: str             # what the arithmetic gives, as printed
    arithmetic: str           # 10 + 68 + … = 327 ≠ 328
    params: dict = field(default_factory=dict, compare=False, hash=False)
    other: Place | None = None   # the place the same quantity is stated again (restated figures)

    def message(self, lang: str) -> str:
        return t(f"audit.finding_{self.code}", lang, stated=self.stated, computed=self.computed, **self.params)

    def to_dict(self, lang: str) -> dict:
        out = {"code": self.code, "place": self.place.to_dict(), "stated": self.stated, "computed": self.computed,
               "arithmetic": self.arithmetic, "message": self.message(lang)}
        if self.other is not None:
            out["also_at"] = self.other.to_dict()
        return out


@dataclass(frozen=True)
class Checked:
    """A figure the audit checked and found right, with the convention it follows."""
    place: Place
    stated: str
    arithmetic: str
    convention: str           # exact | rounded | truncated | capped
    rounded: str = ""         # the value rounded at the printed precision (what truncation differs from)

    def convention_text(self, lang: str) -> str:
        return t(f"audit.convention_{self.convention}", lang, rounded=self.rounded)

    def to_dict(self, lang: str) -> dict:
        return {"place": self.place.to_dict(), "stated": self.stated, "arithmetic": self.arithmetic,
                "convention": self.convention, "convention_text": self.convention_text(lang)}
