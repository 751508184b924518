"""Number and rate texts of whole columns at once, exactly as engine/core/numbers.py prints one
value: numbers are rounded with numpy, and the few values numpy cannot round safely (a half
within float noise, beyond 2**40 once scaled, anything that is not a plain number) go to the
one-value functions."""
from __future__ import annotations

import numpy as np

from engine.core.numbers import number_text, rate_text, with_unit
from engine.text.vocabulary import DATE_UNITS

_SAFE = 2.0 ** 40  # scaled values below this carry < 4e-4 of float error: well inside _NOISE
_NOISE = 1e-3      # a fraction this close to where the rounding turns is left to Decimal
_MOST_DIGITS = 6   # beyond, the 9-decimal noise rounding of rate_text could turn a result


_PLAIN = frozenset({float, int, np.float64, np.float32, np.float16, np.int64, np.int32, np.int16, np.int8,
                    np.uint64, np.uint32, np.uint16, np.uint8})  # other types take the one-value way


def _numbers(values: list) -> tuple[np.ndarray, np.ndarray]:
    """(mask of plain numbers, their values as floats; NaN elsewhere)."""
    plain = np.fromiter(map(_PLAIN.__contains__, map(type, values)), dtype=bool, count=len(values))
    x = np.full(len(values), np.nan)
    if plain.all():
        x[:] = values
    elif plain.any():
        x[plain] = [v for v, p in zip(values, plain.tolist()) if p]
    return plain, x


def _scaled(x: np.ndarray, digits: int, down: bool) -> tuple[np.ndarray, np.ndarray]:
    """(where it is safe, |x| rounded at `digits` places and scaled to an integer there)."""
    with np.errstate(invalid="ignore", over="ignore"):
        size = np.abs(x) * 10.0 ** digits
        safe = np.isfinite(size) & (size < _SAFE)
    size = np.where(safe, size, 0.5)
    frac = size - np.floor(size)
    if down:
        safe &= (frac > _NOISE) & (frac < 1 - _NOISE)
        whole = np.floor(size)
    else:
        safe &= np.abs(frac - 0.5) > _NOISE
        whole = np.floor(size + 0.5)
    return safe, whole.astype(np.int64)


def _decimals(n: np.ndarray, digits: int, strip: bool) -> list[str]:
    """n / 10**digits as text, for n >= 0: all digits, or (strip) without trailing zeros."""
    whole, part = np.divmod(n, 10 ** digits)
    texts = list(map(str, whole.tolist()))
    if digits:
        at = np.flatnonzero(part) if strip else np.arange(len(texts))
        for k, p in zip(at.tolist(), part[at].tolist()):
            texts[k] += "." + (f"{p:0{digits}d}".rstrip("0") if strip else f"{p:0{digits}d}")
    return texts


def _signed(texts: list, negative: np.ndarray) -> list:
    for k in np.flatnonzero(negative).tolist():
        texts[k] = "-" + texts[k]
    return texts


def _number_texts(values: list, plain: np.ndarray, x: np.ndarray, digits: int) -> list:
    out = [None] * len(values)
    if digits <= _MOST_DIGITS:
        safe, n = _scaled(x, digits, down=False)
        at = np.flatnonzero(safe)
        texts = _signed(_decimals(n[at], digits, strip=True), (x[at] < 0) & (n[at] != 0))  # -0 prints as 0
        for k, text in zip(at.tolist(), texts):
            out[k] = text
        for k in np.flatnonzero(plain & np.isnan(x)).tolist():
            out[k] = "-"
    for k, text in enumerate(out):
        if text is None:
            out[k] = number_text(values[k], digits)
    return out


def number_texts(values: list, digits: int = 4) -> list[str]:
    """number_text of each value."""
    values = list(values)
    return _number_texts(values, *_numbers(values), digits)


def units_texts(values: list, units: list, digits: int) -> list[str]:
    """with_unit of each value with the measure of its row."""
    values = list(values)
    plain, x = _numbers(values)
    out = _number_texts(values, plain, x, digits)
    for k, (text, unit, simple) in enumerate(zip(out, units, plain.tolist())):
        if not simple:
            out[k] = with_unit(values[k], unit, digits)
        elif text == "-" or unit in DATE_UNITS:
            pass
        elif unit == "%":
            out[k] = text + "%"
        else:
            out[k] = f"{text} {unit}"
    return out


def rate_texts(values, digits: int, mode: str) -> list[str]:
    """rate_text of each value (a float column)."""
    x = np.asarray(values, dtype=float)
    out = [None] * len(x)
    if digits <= _MOST_DIGITS:
        safe, n = _scaled(x, digits, down=mode != "half_up")
        at = np.flatnonzero(safe)
        texts = _signed(_decimals(n[at], digits, strip=False), np.signbit(x[at]))  # -0.001 prints as -0.00%
        for k, text in zip(at.tolist(), texts):
            out[k] = text + "%"
        for k in np.flatnonzero(np.isnan(x)).tolist():
            out[k] = "-"
    return [text if text is not None else rate_text(float(x[k]), digits, mode) for k, text in enumerate(out)]
