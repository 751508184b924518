"""Where a version of the rules is: a folder, or REV:PATH of the git repository around the current
folder (HEAD~1:rules, v1.0:rules), written out with `git archive` into a temporary folder."""
from __future__ import annotations

import io
import subprocess
import tarfile
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory

from engine.core.problems import InputError, Problem


def is_revision(spec: str) -> bool:
    return ":" in spec and not Path(spec).exists() and not (len(spec) > 1 and spec[1] == ":" and spec[0].isalpha())


@contextmanager
def rule_folder(spec: str):
    """The folder of this version of the rules, for as long as the with-block runs."""
    if not is_revision(spec):
        yield Path(spec)
        return
    rev, _, path = spec.partition(":")
    path = path.strip("/") or "."
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if top.returncode != 0:
        raise InputError([Problem("diff.no_git", spec)])
    prefix = subprocess.run(["git", "rev-parse", "--show-prefix"], capture_output=True, text=True).stdout.strip()
    archived = subprocess.run(["git", "-C", top.stdout.strip(), "archive", "--format=tar", rev, "--", prefix + path],
                              capture_output=True)
    if archived.returncode != 0:
        reason = archived.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError([Problem("diff.bad_revision", spec, params={"reason": reason[-1] if reason else rev})])
    with TemporaryDirectory(prefix="jixiao-rules-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archived.stdout)) as tar:
            tar.extractall(tmp, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(tmp)
        yield Path(tmp) / (prefix + path)
