"""Every rate cell of a table against its numerator and denominator columns: by the rate's words
(执行率: 执行 ÷ 预算), or else the pair of columns that explains most rows."""
from __future__ import annotations

import re

from engine.audit import arithmetic
from engine.audit.figures import in_cell
from engine.audit.finding import Checked, Finding
from engine.audit.registry import audit_check
from engine.audit.rounding import CAPPED, EXACT, convention, matters, rate
from engine.audit.tables import header_words, number_columns, rate_columns
from engine.text.audit_vocabulary import COMPLETION_RATES, RATES



@audit_check("table_rates")
def check_table_rates(ctx):
    out = []
    for table in ctx.doc.tables:
        numbers = number_columns(table)
        for r in rate_columns(table):
            pair = _by_words(table, r, numbers) or _by_rows(table, r, numbers)
            if pair:
                out += _rows(table, r, *pair)
    return out


def _by_words(table, r, numbers):
    word = header_words(table.header[r])
    for rate_word, (num, den) in RATES.items():
        if rate_word in word:
            left = [c for c in numbers if c < r]
            nums = [c for c in left if re.search(num, header_words(table.header[c]))]
            dens = [c for c in left if re.search(den, header_words(table.header[c])) and c not in nums[-1:]]
            if nums and dens:
                return nums[-1], dens[0]
    return None


def _by_rows(table, r, numbers):
    """The pair of columns left of the rate that the most rows follow (at least two, and most rows)."""
    best, best_count = None, 0
    rows = [row for row in table.rows if in_cell(row.cells[r]) is not None]
    for n in (c for c in numbers if c < r):
        for d in (c for c in numbers if c < r and c != n):
            count = sum(1 for row in rows if _follows(row, r, n, d))
            if count > best_count:
                best, best_count = (n, d), count
    return best if best_count >= 2 and best_count * 2 > len(rows) else None


def _follows(row, r, n, d):
    stated, num, den = in_cell(row.cells[r]), in_cell(row.cells[n]), in_cell(row.cells[d])
    if None in (stated, num, den) or den.value == 0:
        return False
    return convention(stated.value, rate(num.value, den.value), stated.decimals) is not None


def _rows(table, r, n, d):
    out = []
    capped = any(w in header_words(table.header[r]) for w in COMPLETION_RATES)
    for row in table.rows:
        stated, num, den = in_cell(row.cells[r]), in_cell(row.cells[n]), in_cell(row.cells[d])
        if stated is None or num is None or den is None or den.value == 0:
            continue
        exact = rate(num.value, den.value)
        sum_text = arithmetic.quotient(num.value, den.value, exact)
        found = convention(stated.value, exact, stated.decimals, capped)
        place = table.place(row, r)
        if found is None:
            out.append(Finding("rate", place, stated.text, arithmetic.at(exact, stated.decimals),
                               f"{sum_text} ≠ {stated.text}",
                               {"numerator": table.header[n], "denominator": table.header[d]}))
        elif found != EXACT and (matters(exact, stated.decimals) or found == CAPPED):
            out.append(Checked(place, stated.text, sum_text, found, arithmetic.at(exact, stated.decimals)))
    return out
