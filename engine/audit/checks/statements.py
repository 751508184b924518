"""Statements of the form 共 N 个…，达成 M 个，完成率 X%: the rate against M ÷ N. M is the count just
before the rate, said with the rate's own word (达成, 完成, 执行 …), in the same sentence; N the
nearest count of the same unit before it that is said as a whole (共, 任务, 预算 …) and is not one of
a 其中 list; or, when M names what it counts (中央财政执行 1200 万元), the figure before it that names
the same (中央财政 1200 万元). A rate with no such M or N is skipped, not guessed."""
from __future__ import annotations

import re

from engine.audit import arithmetic
from engine.audit.figures import in_text
from engine.audit.finding import Checked, Finding
from engine.audit.registry import audit_check
from engine.audit.rounding import CAPPED, EXACT, convention, matters, rate
from engine.audit.sentences import clause_before, part_offsets, sentence_start
from engine.text.audit_vocabulary import AMBIGUOUS, COMPLETION_RATES, RATES, TEXT_RATE



@audit_check("statements")
def check_statements(ctx):
    out = []
    for para in ctx.doc.paragraphs:
        text = para.text
        figures = [f for f in in_text(text) if not f.is_rate]
        parts = part_offsets(text)
        for m in TEXT_RATE.finditer(text):
            word, stated_text = m.group(1), m.group(2) + "%"
            num_words, den_words = RATES[word]
            start = sentence_start(text, m.start())
            nums = [f for f in figures if start <= f.start < m.start() and re.search(num_words, clause_before(text, f.start))]
            if not nums:
                continue
            num = nums[-1]
            dens = _named_alike(text, figures, num, num_words) or [
                f for f in figures if f.end <= num.start and f.unit == num.unit
                and f.start not in parts and re.search(den_words, clause_before(text, f.start))
                and not re.search(num_words, clause_before(text, f.start))]
            if not dens or dens[-1].value == 0:
                continue
            den = dens[-1]
            if any(AMBIGUOUS.search(clause_before(text, f.start)) for f in (num, den)):
                continue   # 约 300 项, 300 项以上: not a count to divide by
            stated = in_text(stated_text)[0]
            exact = rate(num.value, den.value)
            found = convention(stated.value, exact, stated.decimals, word in COMPLETION_RATES)
            place = para.place(m.start(2))
            sum_text = arithmetic.quotient(num.value, den.value, exact)
            if found is None:
                out.append(Finding("statement", place, stated.text, arithmetic.at(exact, stated.decimals),
                                   f"{sum_text} ≠ {stated.text}", {"numerator": f"{num.text} {num.unit}",
                                                                    "denominator": f"{den.text} {den.unit}"}))
            elif found != EXACT and (matters(exact, stated.decimals) or found == CAPPED):
                out.append(Checked(place, stated.text, sum_text, found, arithmetic.at(exact, stated.decimals)))
    return out


def _named_alike(text, figures, num, num_words):
    """When the numerator names what it counts before its word (中央财政执行 1200 万元) and an earlier
    figure names the same (中央财政 1200 万元), that figure is the denominator: a row of a breakdown."""
    clause = clause_before(text, num.start)
    word = re.search(num_words, clause)
    name = clause[:word.start()].strip() if word else ""
    if len(name) < 2:
        return []
    return [f for f in figures if f.end <= num.start and f.unit == num.unit and name in clause_before(text, f.start)
            and not re.search(num_words, clause_before(text, f.start))]
