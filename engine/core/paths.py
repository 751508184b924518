"""How file paths are shown to users: relative to where they ran the command."""
from __future__ import annotations

import os
from pathlib import Path


def display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith("..") else str(path)
