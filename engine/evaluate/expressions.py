"""Formulas in rules, evaluated by simpleeval over whole pandas columns at once.

`and`, `or`, `not`, `x if c else y`, chained comparisons and `in` work element-wise on
Series; attribute access, subscripts, lambdas, comprehensions and f-strings are not
available at all, so a formula can reach nothing but the names and functions we give it.
"""
from __future__ import annotations

import ast
import math
import operator as op

import numpy as np
import pandas as pd
from simpleeval import EvalWithCompoundTypes, FunctionNotDefined, InvalidExpression, NameNotDefined

from engine.core.numbers import LARGEST
from engine.core.suggest import near
from engine.text import both, clipped

MAX_EXPONENT = 1000
MAX_NUMBER = 1e15  # a base larger than this raised to a power is refused
MAX_BITS = 1000  # a whole number beyond 2**1000 (about 1e301) is refused: no float holds it anyway
MAX_LIST = 1000
MAX_DEPTH = 100
MAX_CHARS = 20_000  # the rule schema allows 2000; where= texts and table conditions are bounded here


class ExpressionError(Exception):
    """A formula that cannot be evaluated: code and params for messages.RULE_ERRORS."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


def is_vector(x) -> bool:
    return isinstance(x, (pd.Series, np.ndarray))


def truth(x):
    """Element-wise truth; a missing value is false."""
    if isinstance(x, pd.Series):
        if x.dtype == bool:
            return x
        return x.where(x.notna(), False).astype(bool)
    if isinstance(x, np.ndarray):
        return pd.Series(x).fillna(False).astype(bool).to_numpy()
    if x is None or (isinstance(x, float) and np.isnan(x)) or x is pd.NaT:
        return False
    return bool(x)


def _numeric(x) -> bool:
    if isinstance(x, pd.Series):
        return pd.api.types.is_numeric_dtype(x) or pd.api.types.is_bool_dtype(x)
    return isinstance(x, (int, float, np.number, bool))


def _check_power(a, b):
    for v in (b,):
        bound = v.abs().max() if isinstance(v, pd.Series) else abs(v)
        if pd.notna(bound) and bound > MAX_EXPONENT:
            raise ExpressionError("eval.failed", detail=both("formulas.exponent_too_high", limit=MAX_EXPONENT))
    bound = a.abs().max() if isinstance(a, pd.Series) else abs(a)
    if pd.notna(bound) and bound > MAX_NUMBER:
        raise ExpressionError("eval.failed", detail=both("formulas.base_too_high", limit=f"{MAX_NUMBER:g}"))


def _power(a, b):
    if not (_numeric(a) and _numeric(b)):
        raise ExpressionError("eval.failed", detail=both("formulas.power_not_numbers"))
    _check_power(a, b)
    if is_vector(a) or is_vector(b):
        return a ** b
    if isinstance(a, int) and isinstance(b, int) and a not in (0, 1, -1) and b * math.log2(abs(a)) > MAX_BITS:
        raise ExpressionError("eval.failed", detail=both("formulas.result_too_high"))
    result = float(a) ** b if isinstance(b, float) or b < 0 else a ** b
    return np.nan if isinstance(result, complex) else _bounded(result)  # (-1) ** 0.5: no real value, as numpy says


def _mult(a, b):
    if not (_numeric(a) and _numeric(b)):
        raise ExpressionError("eval.failed", detail=both("formulas.multiply_text"))
    return _bounded(a * b)


def _bounded(value):
    """Python's whole numbers grow without end (a product of huge powers takes seconds and
    megabytes): no figure of a report is beyond MAX_NUMBER."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_BITS:
        raise ExpressionError("eval.failed", detail=both("formulas.result_too_high"))
    return value


MAX_TEXT = 10_000


def _add(a, b):
    if isinstance(a, str) and isinstance(b, str) and len(a) + len(b) > MAX_TEXT:
        raise ExpressionError("eval.failed", detail=both("formulas.text_too_long"))
    if isinstance(a, str) != isinstance(b, str) and not (is_vector(a) or is_vector(b)):
        raise ExpressionError("eval.failed", detail=both("formulas.text_plus_number"))
    if _longest_text(a) + _longest_text(b) > MAX_TEXT:  # unit_id + unit_id + …: one text per unit, each bounded
        raise ExpressionError("eval.failed", detail=both("formulas.text_too_long"))
    return a + b


def _longest_text(value) -> int:
    """The longest text a value holds: itself, or the longest of a column of texts (0 for numbers)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, pd.Series) and value.dtype == object and len(value):
        lengths = value.map(lambda v: len(v) if isinstance(v, str) else 0)
        return int(lengths.max())
    return 0


def _mod(a, b):
    if isinstance(a, str) or (isinstance(a, pd.Series) and not _numeric(a)):
        raise ExpressionError("eval.failed", detail=both("formulas.text_modulo"))
    return a % b


def divide(a, b):
    if is_vector(a) or is_vector(b):
        with np.errstate(divide="ignore", invalid="ignore"):
            out = a / b
        return out.replace([np.inf, -np.inf], np.nan) if isinstance(out, pd.Series) else out
    if b == 0:
        return np.nan
    return a / b


def _in(a, b):
    if isinstance(b, (list, tuple)) and isinstance(a, pd.Series):
        return a.isin(b)
    if isinstance(b, pd.Series):
        return b == a
    return a in b


def _not_in(a, b):
    result = _in(a, b)
    return ~result if isinstance(result, pd.Series) else not result


def _not(a):
    t = truth(a)
    return ~t if isinstance(t, pd.Series) else not t


OPERATORS = {
    ast.Add: _add, ast.Sub: op.sub, ast.Mult: _mult, ast.Div: divide, ast.FloorDiv: op.floordiv,
    ast.Mod: _mod, ast.Pow: _power, ast.USub: op.neg, ast.UAdd: op.pos, ast.Not: _not,
    ast.Eq: op.eq, ast.NotEq: op.ne, ast.Gt: op.gt, ast.Lt: op.lt, ast.GtE: op.ge, ast.LtE: op.le,
    ast.In: _in, ast.NotIn: _not_in,
}
ALLOWED_NODES = (ast.Expression, ast.Expr, ast.Name, ast.Load, ast.Constant, ast.UnaryOp, ast.BinOp,
                 ast.BoolOp, ast.Compare, ast.IfExp, ast.Call, ast.keyword, ast.List, ast.Tuple,
                 ast.And, ast.Or, *OPERATORS)
# what is not allowed, by the words of the catalogue (formulas.*); symbols are shown as they are
CONSTANT_WORDS = {complex: "complex", bytes: "bytes", type(Ellipsis): "ellipsis"}
NODE_WORDS = {"Attribute": "Attribute", "Subscript": "Subscript", "Lambda": "Lambda",
              "ListComp": "comprehension", "SetComp": "comprehension", "DictComp": "comprehension",
              "GeneratorExp": "comprehension", "JoinedStr": "fstring", "FormattedValue": "fstring", "Dict": "Dict",
              "Set": "Set", "Invert": "Invert", "BitAnd": "BitAnd", "BitOr": "BitOr", "BitXor": "BitXor",
              "LShift": "LShift", "RShift": "RShift", "MatMult": "MatMult", "Is": "Is", "IsNot": "IsNot", "Slice": "Slice"}
SYMBOLS = {"Starred": "*", "NamedExpr": ":=", "Await": "await", "Yield": "yield", "YieldFrom": "yield"}


def _node_words(name: str):
    return both(f"formulas.{NODE_WORDS[name]}") if name in NODE_WORDS else SYMBOLS.get(name, name)


class VectorEval(EvalWithCompoundTypes):
    def __init__(self, names: dict, functions: dict):
        super().__init__(operators=OPERATORS, functions=functions, names=names)
        for node in (ast.Attribute, ast.Subscript, ast.Dict, ast.Set, ast.ListComp, ast.SetComp,
                     ast.DictComp, ast.GeneratorExp, ast.JoinedStr, ast.FormattedValue,
                     ast.Assign, ast.AugAssign, ast.Import):
            self.nodes.pop(node, None)

    def _eval_boolop(self, node):
        values = [self._eval(v) for v in node.values]  # no short-circuit: each side may be a column
        if not any(is_vector(v) for v in values):
            return all(truth(v) for v in values) if isinstance(node.op, ast.And) else any(truth(v) for v in values)
        combine = op.and_ if isinstance(node.op, ast.And) else op.or_
        result = truth(values[0])
        for v in values[1:]:
            result = combine(result, truth(v))
        return result

    def _eval_compare(self, node):
        left = self._eval(node.left)
        result = True
        for operation, comparator in zip(node.ops, node.comparators):
            right = self._eval(comparator)
            step = self.operators[type(operation)](left, right)
            result = step if result is True else op.and_(truth(result), truth(step))
            left = right
        return result

    def _eval_ifexp(self, node):
        test = self._eval(node.test)
        if not is_vector(test):
            return self._eval(node.body) if truth(test) else self._eval(node.orelse)
        body, orelse = self._eval(node.body), self._eval(node.orelse)
        t = truth(test)
        return pd.Series(np.where(t, body, orelse), index=test.index if isinstance(test, pd.Series) else None)

    def _eval_list(self, node):
        if len(node.elts) > MAX_LIST:
            raise ExpressionError("eval.failed", detail=both("formulas.list_too_long", limit=MAX_LIST))
        return [self._eval(x) for x in node.elts]


_SYNTAX = (  # Python's words -> what a person editing a formula understands (formulas.*)
    ("was never closed", "never_closed"),
    ("unmatched", "extra_bracket"),
    ("does not match", "bracket_mismatch"),
    ("unterminated string", "open_quote"),
)


def syntax_detail(text: str, exc: SyntaxError) -> dict:
    """Where and what, in words; a formula that stops too early says so instead of naming character 0."""
    where = exc.offset or 0
    if exc.lineno and exc.lineno > 1:  # a formula over several lines: count from the start of the text
        where += sum(len(line) + 1 for line in text.split("\n")[: exc.lineno - 1])
    msg = str(exc.msg)
    if where <= 0 or where > len(text):
        return both("formulas.incomplete")
    char = text[where - 1]
    what = next((both(f"formulas.{key}", char=char) for words, key in _SYNTAX if words in msg), both("formulas.unreadable"))
    return both("formulas.syntax_at", what=what, where=where, shown=text[max(0, where - 20): where])


def parse(text: str) -> ast.AST:
    """Parse a formula; raises ExpressionError with a readable detail."""
    if not isinstance(text, str):
        raise ExpressionError("expr.syntax", detail=both("formulas.not_text", value=repr(text)[:180]))
    if len(text) > MAX_CHARS:
        raise ExpressionError("expr.feature", detail=both("formulas.too_many_chars", limit=MAX_CHARS))
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError("expr.syntax", detail=syntax_detail(text.strip(), exc))
    except (ValueError, MemoryError, RecursionError) as exc:
        raise ExpressionError("expr.syntax", detail=str(exc))
    depth = _depth(tree)
    if depth > MAX_DEPTH:
        raise ExpressionError("expr.feature", detail=both("formulas.too_deep", limit=MAX_DEPTH))
    nodes = list(ast.walk(tree))
    for node in nodes:  # names that reach into Python itself (__import__, __class__ …) are named first
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
        if name.startswith("_"):
            raise ExpressionError("expr.feature", detail=both("formulas.underscore_name", name=name))
    for node in nodes:
        if not isinstance(node, ALLOWED_NODES):
            name = type(node).__name__
            raise ExpressionError("expr.feature", detail=_node_words(name))
        if isinstance(node, ast.Call) and not isinstance(node.func, ast.Name):
            raise ExpressionError("expr.feature", detail=both("formulas.call_not_name"))
        if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)) and len(node.value) > 10_000:
            raise ExpressionError("expr.feature", detail=both("formulas.long_text"))
        if isinstance(node, ast.Constant) and type(node.value) in CONSTANT_WORDS:
            raise ExpressionError("expr.feature", detail=both(f"formulas.{CONSTANT_WORDS[type(node.value)]}"))
    return tree


def _depth(tree) -> int:
    best, stack = 0, [(tree, 1)]
    while stack:
        node, d = stack.pop()
        best = max(best, d)
        if best > MAX_DEPTH:
            break
        stack.extend((child, d + 1) for child in ast.iter_child_nodes(node))
    return best


def unknown_names(tree: ast.AST, names, functions) -> list[tuple[str, str, str]]:
    """(kind, name, nearest) for every name or function the formula uses but we do not have."""
    out, called = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called.add(id(node.func))
            if node.func.id not in functions:
                out.append(("function", node.func.id, _near(node.func.id, functions)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and id(node) not in called and node.id not in names:
            near = (both("formulas.call_it", name=node.id) if node.id in functions
                    else _near(node.id, list(names) + list(functions)))
            out.append(("name", node.id, near))
    return out


def _near(word, choices) -> str:
    return near(word, choices, 0.6)


def evaluate(tree: ast.AST, text: str, names: dict, functions: dict):
    """Evaluate a parsed formula; any failure becomes an ExpressionError."""
    evaluator = VectorEval(names=names, functions=functions)
    try:
        return _checked(evaluator.eval(text, previously_parsed=tree.body))
    except ExpressionError:
        raise
    except NameNotDefined as exc:
        raise ExpressionError("eval.failed", detail=both("formulas.undefined_name", name=exc.name))
    except FunctionNotDefined as exc:
        raise ExpressionError("eval.failed", detail=both("formulas.undefined_function", name=exc.func_name))
    except TypeError as exc:
        raise ExpressionError("eval.failed", detail=_type_error(exc))
    except (InvalidExpression, ArithmeticError, ValueError, KeyError, AttributeError,
            RecursionError, MemoryError, NotImplementedError) as exc:  # pandas: no / between truth values
        raise ExpressionError("eval.failed", detail=_short(str(exc) or type(exc).__name__))


RESULT_WORDS = {list: "result_list", tuple: "result_list", pd.Timedelta: "result_timedelta"}  # formulas.*


def _checked(value):
    """A formula gives a number, a truth value, a text, a date or nothing, one per unit or one for
    all; anything else (a list, a function, a length of time …) would be misread later."""
    if isinstance(value, np.ndarray) and value.ndim:  # max([5], [5]): a list, however short
        raise ExpressionError("eval.not_number", detail=both("formulas.result_is", what=both("formulas.result_list")))
    if isinstance(value, (pd.Series, np.ndarray)):
        kind = value.dtype.kind
        if kind == "c":
            raise ExpressionError("eval.not_number", detail=both("formulas.result_complex"))
        if kind == "m":
            raise ExpressionError("eval.not_number", detail=both("formulas.result_is", what=both("formulas.result_timedelta")))
        if kind in "fiu":
            _within(np.asarray(value, dtype=float))
        if kind == "O":
            for item in (value.dropna() if isinstance(value, pd.Series) else value):
                if not isinstance(item, (str, bool, int, float, np.number, np.bool_, pd.Timestamp)):
                    raise ExpressionError("eval.not_number", detail=both("formulas.result_holds", what=_what(item)))
        return value
    if value is None or isinstance(value, (bool, str, np.bool_, pd.Timestamp)) or value is pd.NaT:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**63:
        value = float(_bounded(value))  # beyond int64 numpy cannot hold it; a float can
    if isinstance(value, (int, float, np.integer, np.floating)):
        _within(np.asarray([value], dtype=float))
        return value
    raise ExpressionError("eval.not_number", detail=both("formulas.result_is", what=_what(value)))


def _within(values: np.ndarray) -> None:
    """Number results are finite and at most LARGEST in size (engine/core/numbers.py): beyond, a
    completion rate would not be a number either. NaN (no value) passes."""
    size = np.abs(values)
    if np.isinf(size).any():
        raise ExpressionError("eval.not_number", detail=both("formulas.result_infinite"))
    if (size > LARGEST).any():
        raise ExpressionError("eval.not_number", detail=both("formulas.result_too_large", largest="10^15"))


def _what(value):
    for kind, key in RESULT_WORDS.items():
        if isinstance(value, kind):
            return both(f"formulas.{key}")
    if callable(value):
        return both("formulas.result_function")
    return both("formulas.kind_value", kind=type(value).__name__, value=_short(repr(value)))


def _type_error(exc) -> dict:
    text = (str(exc) or type(exc).__name__).replace("Library.", "")
    if any(w in text for w in ("positional argument", "keyword argument", "takes", "required")):
        return both("formulas.bad_arguments", text=_short(text))
    return both("formulas.type_mismatch", text=_short(text))


def _short(text: str):
    """A text as a param: whole, or cut with the reader's ellipsis (a {zh, en} param)."""
    text = str(text)
    return text if len(text) < 200 else clipped(text, 197)
