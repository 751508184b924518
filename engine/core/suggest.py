"""The near match a message suggests ("是不是 S_NUM？"): one rule for every message."""
from __future__ import annotations

import difflib


def near(word, choices, cutoff: float = 0.5) -> str:
    """The closest choice, or "": the same word in another case first (s_num → S_NUM), then
    the most similar spelling."""
    word, choices = str(word), [str(c) for c in choices]
    same = [c for c in choices if c.casefold() == word.casefold()]
    if same:
        return same[0]
    found = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    if not found:
        folded = {c.casefold(): c for c in choices}
        found = [folded[f] for f in difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=cutoff)]
    return found[0] if found else ""
