"""What a command gives back: its result on the screen or in a file written whole, and the
warnings and rule errors of its runs on stderr."""
from __future__ import annotations

from pathlib import Path

import click

from engine.core.output import write_atomic
from engine.core.safe_text import visible
from engine.text import t


def warn(lines: list[str]) -> None:
    """The warnings and rule errors a pipeline run collected (Run.messages), on stderr."""
    for line in lines:
        click.echo(visible(line), err=True)  # an ESC from a staff note must not reach the terminal raw


def require_output(fmt, output) -> None:
    """A binary format (a workbook) cannot be printed: say so before the slow part."""
    if fmt.binary and not output:
        raise click.UsageError(t("cli.binary_needs_output", "zh", name=fmt.name, suffix=fmt.suffixes[0]))


def emit(text: str | bytes, output: Path | None, inputs: list[Path]) -> None:
    """Print, or write the file whole (never over an input)."""
    if output:
        write_atomic(output, text, inputs)
    elif isinstance(text, bytes):  # require_output() says this to the user before any work
        raise TypeError("a binary result needs --output")
    else:
        click.echo(visible(text), nl=False)
