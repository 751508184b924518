"""The exit codes of every command, named once (docs/guarantees.md promises them)."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1      # the run worked and found what --fail-on (or a rule test) asks to fail on
    INPUT = 2         # the user's input or command line: said plainly, no traceback
    DEFECT = 3        # a defect of jixiao itself
    INTERRUPTED = 130  # Ctrl+C: the shell's convention (128 + SIGINT)
