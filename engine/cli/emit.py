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


def emit(text, output: Path | None, inputs: list[Path]) -> None:
    """Print, or write the file whole (never over an input). Bytes are UTF-8 text (JSON) or a
    workbook, which require_output() keeps off the screen; bytes piece by piece (an iterator: a
    format's pieces renderer) are written as they come."""
    if output:
        write_atomic(output, text, inputs)
    else:  # printed as text, so the console's encoding and a captured stdout are honoured
        text = text if isinstance(text, (str, bytes)) else b"".join(text)
        click.echo(visible(text.decode("utf-8") if isinstance(text, bytes) else text), nl=False)
