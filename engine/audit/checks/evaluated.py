"""With --rules, --datasets and --snapshot: each count and rate the report states for a level and a
kind of indicator (学校层面 数量指标 共 52 个，达成 44 个，完成率 84.61%) against jixiao's roll-up,
and each multiple of a target (是预期目标值的 3 倍) against the indicator's actual ÷ target."""
from __future__ import annotations

from engine.audit.registry import audit_check


@audit_check("evaluated", needs_results=True)
def check_evaluated(ctx):
    from engine.audit.results import against_results
    return against_results(ctx) if ctx.results is not None else []
