"""count/sum/mean/min/max("ledger", …) in the formulas, with the columns each call reads: what the
ledger checks compare with every snapshot's ledgers."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from engine.core.model import Formula, Indicator
from engine.evaluate import expressions as ex
from engine.evaluate import names as cond

WHERE_NAMES = ("snapshot", "period_start", "period_end")
WHERE_FUNCTIONS = ("date", "year", "isblank", "abs")


@dataclass
class LedgerRef:
    ind: Indicator
    formula: Formula
    function: str
    ledger: str
    column: str | None = None
    where: str | None = None
    filters: dict = field(default_factory=dict)  # column -> constant value(s), or None when not constant

    @property
    def path(self) -> str:
        return self.ind.path(self.formula.key)

    def columns_read(self) -> list[str]:
        """The column argument, keyword filters and the names in where=, each once."""
        wanted = ([self.column] if self.column else []) + list(self.filters) + \
            (where_columns(self.where) if self.where else [])
        return list(dict.fromkeys(wanted))


def ledger_refs(ctx) -> list[LedgerRef]:
    """Every ledger call with a constant ledger name, formula after formula."""
    return [ref for ind, f in ctx.formulas() for ref in refs_in(ind, f)]


def refs_in(ind: Indicator, formula: Formula) -> list[LedgerRef]:
    try:
        tree = ex.parse(formula.text)
    except ex.ExpressionError:
        return []
    refs = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in cond.AGGREGATES):
            continue
        how = node.func.id
        kw = {k.arg: k.value for k in node.keywords if k.arg}
        args = list(node.args)
        ledger_node = args[0] if args else kw.get("ledger")
        ledger = constant(ledger_node) if ledger_node is not None else None
        if not isinstance(ledger, str):
            continue  # min(a, b) and max(a, b) compare values; a computed ledger name is not checked
        slots = ("ledger", "where") if how == "count" else ("ledger", "column", "where")
        given = {name: args[k] for k, name in enumerate(slots) if k < len(args)}
        given.update({k: v for k, v in kw.items() if k in slots})
        column = constant(given["column"]) if "column" in given else None
        where = constant(given["where"]) if "where" in given else None
        filters = {k: constant(v) for k, v in kw.items() if k not in slots}
        refs.append(LedgerRef(ind, formula, how, ledger, column if isinstance(column, str) else None,
                              where if isinstance(where, str) else None, filters))
    return refs


def constant(node):
    """The value of a constant argument (a list of them too), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [constant(e) for e in node.elts]
        return items if all(i is not None for i in items) else None
    return None


def where_columns(text) -> list[str]:
    """The ledger columns a where= condition reads."""
    try:
        tree = ex.parse(text)
    except ex.ExpressionError:
        return []
    return [name for what, name, _ in ex.unknown_names(tree, WHERE_NAMES, WHERE_FUNCTIONS) if what == "name"]


def columns(ledger) -> list[str]:
    """A ledger's own columns (not those the loader adds, such as __unit)."""
    return [c for c in ledger.frame.columns if not str(c).startswith("__")]
