"""`jixiao import TABLE`: a 任务书 绩效指标 table (.xlsx or .csv) as rule files (engine/authoring/taskbook_*.py)."""
from __future__ import annotations

from pathlib import Path

import click

from engine.authoring.taskbook_write import import_taskbook
from engine.cli.options import lang_option, rules_option
from engine.core.paths import display
from engine.text import items, t


@click.command("import", help=t("taskbook.command_help", "zh"))
@click.argument("table", type=click.Path(path_type=Path))
@rules_option
@click.option("--sheet", default=None, help=t("taskbook.sheet_help", "zh"))
@click.option("--level", default=None, help=t("taskbook.level_help", "zh"))
@click.option("--task", default=None, help=t("taskbook.task_help", "zh"))
@click.option("--dry-run", is_flag=True, help=t("taskbook.dry_run_help", "zh"))
@lang_option
def command(table, rules_dir, sheet, level, task, dry_run, lang):
    """Import, then say what was written and list every cell that could not be read."""
    result = import_taskbook(table, rules_dir, sheet, level, dry_run, task)
    click.echo(summary_text(result, rules_dir, dry_run, lang), nl=False)


def summary_text(result, rules_dir, dry_run: bool, lang: str) -> str:
    lines = [t("taskbook.summary", lang, source=result.source, rows=result.rows, added=len(result.added),
               updated=len(result.updated), same=len(result.same) + len(result.kept))]
    if result.settings:
        path, start, end = result.settings
        lines.append(t("taskbook.settings_written", lang, file=display(path), start=start, end=end))
    for path, count in result.files:
        lines.append(t("taskbook.would_write" if dry_run else "taskbook.written", lang, file=display(path), count=count))
    if result.todos:
        lines.append(t("taskbook.todo_head", lang, n=len(result.todos)))
        lines += [t("taskbook.todo_line", lang, place=todo.place, text=todo.text, reason=t(f"taskbook.{todo.reason}", lang))
                  for todo in result.todos]
    else:
        lines.append(t("taskbook.none_todo", lang))
    if result.not_in_table:
        lines.append(t("taskbook.not_in_table", lang, ids=items(result.not_in_table, 20)))
    lines.append(t("taskbook.next", lang, rules=display(Path(rules_dir))))
    return "\n".join(lines) + "\n"


