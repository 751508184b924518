"""A progress bar on stderr for long runs, drawn only when stderr is a terminal.

Pipes, files, CI logs and tests see nothing at all: not even the label (click's own bar prints
its label once when the stream is not a terminal, so the bar is not created in that case).
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator

import click


def _noop(n: int = 1) -> None:
    return None


def is_terminal(stream=None) -> bool:
    stream = sys.stderr if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


@contextmanager
def bar(length: int, label: str, show: bool = True, stream=None) -> Iterator[Callable[[int], None]]:
    """Yield `step(n=1)`, which advances a bar of `length` steps on stderr (or `stream`).
    Without a terminal, with `show` false or nothing to count, `step` does nothing."""
    stream = sys.stderr if stream is None else stream
    if not show or length <= 0 or not is_terminal(stream):
        yield _noop
        return
    with click.progressbar(length=length, label=label, file=stream, show_eta=False, show_percent=True,
                           show_pos=True) as progress:
        yield progress.update
