"""`jixiao report`: evaluate a snapshot (and, for the status chart, every snapshot), build the
report document and write it as Markdown or HTML."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import click

from ..options import datasets_option, lang_option, output_option, rules_option, snapshot_option, unit_option
from ..pipeline import emit, run
from ..problem_format import one_line
from ..problems import InputError
from ..rules_check import valid_date
from . import html, markdown
from .document import T, build

FORMATS = {"markdown": markdown.render, "html": html.render}


@click.command("report")
@snapshot_option
@rules_option
@datasets_option
@unit_option
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="输出格式；不写时按 --output 的扩展名（.html、.htm 为 html），否则为 markdown")
@output_option
@lang_option
@click.option("--against", metavar="DATE", default=None, help="与另一快照日期对比（需要 engine/compare.py）")
def report(snapshot_date, rules_dir, datasets_dir, unit, fmt, output, lang, against):
    """生成报告格式的 Markdown 或 HTML：建设任务、标志性成果、绩效指标完成情况、未完成原因、预算执行。"""
    fmt = fmt or ("html" if output and Path(output).suffix.lower() in (".html", ".htm") else "markdown")
    done = run(rules_dir, datasets_dir, snapshot_date, lang, unit)
    inputs, evaluated = list(done.inputs), {done.summary.snapshot: done.summary}
    comparison, note = None, None  # first: a wrong --against date fails before the slow part
    if against is not None:
        compare = _compare_function()
        if compare is None:
            note = T["compare_missing"][0 if lang == "zh" else 1]
        else:
            before = run(rules_dir, datasets_dir, against, lang, unit, rules=done.rules, quiet=True)
            inputs += before.snapshot.files
            comparison = compare(before.summary, done.summary)
            evaluated[before.summary.snapshot] = before.summary
    history = []
    for date in snapshot_dates(datasets_dir):
        if date in evaluated:
            history.append((date, evaluated[date]))
            continue
        try:
            other = run(rules_dir, datasets_dir, date, lang, unit, rules=done.rules, quiet=True)
        except InputError as exc:
            history.append((date, one_line(exc.problems[0], lang)))
            continue
        history.append((date, other.summary))
        inputs += other.snapshot.files
    doc = build(done.summary, causes=done.rules.causes, history=history, against=against,
                comparison=comparison, comparison_note=note)
    emit(FORMATS[fmt](doc), output, inputs)


def snapshot_dates(datasets_dir) -> list[str]:
    """The snapshot folders in datasets/, oldest first."""
    folder = Path(datasets_dir)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if p.is_dir() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.name) and valid_date(p.name))


def _compare_function():
    """engine.compare.compare(before_summary, after_summary) -> dict, when that module exists."""
    try:
        module = importlib.import_module("..compare", __package__)
    except ModuleNotFoundError as exc:
        if exc.name not in ("engine.compare", f"{__package__.rpartition('.')[0]}.compare"):
            raise
        return None
    compare = getattr(module, "compare", None)
    return compare if callable(compare) else None
