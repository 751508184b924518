"""Write outputs whole or not at all, and never over one of the inputs."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .paths import display
from .problems import InputError, Problem


def write_atomic(path: Path, text: str, inputs: list[Path]) -> None:
    path = Path(path)
    target = path.resolve()
    if any(target == Path(p).resolve() for p in inputs):
        raise InputError([Problem("output.is_input", display(path), params={"value": display(path)})])
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError([Problem("output.unwritable", display(path), params={
            "value": display(path), "reason": exc.strerror or str(exc)})])
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:  # interrupted or failed: leave no partial file behind
        Path(tmp).unlink(missing_ok=True)
        raise
