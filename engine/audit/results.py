"""The report's figures against jixiao's evaluation (filled in below)."""
from __future__ import annotations


def against_results(ctx) -> list:
    return []
