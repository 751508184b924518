"""Write outputs whole or not at all, and never over one of the inputs."""
from __future__ import annotations

import glob
import os
import queue
import shutil
import threading
import tempfile
from contextlib import contextmanager
import time
from pathlib import Path

from engine.text import both
from engine.text.messages import os_reason
from engine.core.paths import display
from engine.core.problems import InputError, Problem


def _same_file(a: Path, b: Path) -> bool:
    """The same file, whatever the path: symbolic links, '..', and hard links."""
    try:
        if a.resolve() == b.resolve():
            return True
    except (OSError, RuntimeError):  # a symbolic link that loops: write_atomic says so
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def _unwritable(path: Path, reason) -> InputError:
    return InputError([Problem("output.unwritable", display(path), params={"value": display(path), "reason": reason})])


def _mode(target: Path) -> int:
    """The replaced file's permissions, or what the user's umask gives a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


STALE_SECONDS = 600  # a run killed (SIGKILL, power cut) before it could remove its temporary file


def _clean_stale(folder: Path, name: str) -> None:
    """Remove temporary files left beside this output by an earlier run that was killed; a file
    younger than STALE_SECONDS may belong to a run still writing, and stays."""
    now = time.time()
    try:
        found = list(folder.glob(f".{glob.escape(name)}.*.tmp"))
    except OSError:
        return
    for old in found:
        try:
            if old.is_file() and not old.is_symlink() and now - old.stat().st_mtime > STALE_SECONDS:
                old.unlink()
        except OSError:  # gone already, or not ours to remove
            pass


def write_atomic(path: Path, text, inputs: list[Path]) -> None:
    """Write text (as UTF-8), bytes (a workbook) or bytes piece by piece (an iterator of bytes)
    through a temporary file, then rename it."""
    path = Path(path)
    files = [Path(p) for p in inputs if not Path(p).is_dir()]
    if any(_same_file(path, p) for p in files):
        raise InputError([Problem("output.is_input", display(path), params={"value": display(path)})])
    for folder in (Path(p) for p in inputs if Path(p).is_dir()):  # the rule and data folders: other inputs live there
        if _inside(path, folder) and not path.is_dir():  # a folder as output is said below
            raise InputError([Problem("output.in_inputs", display(path), params={
                "value": display(path), "folder": display(folder), "name": path.name})])
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # Python < 3.13 raises RuntimeError for a loop
        raise _unwritable(path, both("cli.link_loop"))
    if target.exists() and not target.is_file() and not target.is_dir():  # /dev/null, a pipe: renaming would replace it
        raise InputError([Problem("output.not_a_file", display(path), params={"value": display(path)})])
    if target.is_dir():
        raise _unwritable(path, both("cli.output_is_folder"))
    folder = target.parent
    _clean_stale(folder, target.name)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _unwritable(path, os_reason(exc))
    try:
        os.chmod(tmp, _mode(target))  # mkstemp makes it 0600; the output should look like any file the user makes
        binary = not isinstance(text, str)
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")) as handle:
            if isinstance(text, (str, bytes)):
                handle.write(text)
            else:
                _write_pieces(handle, text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:  # interrupted or failed: leave no partial file behind
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # disk full, a folder in the way …: a problem to report, not a defect
            raise _unwritable(path, os_reason(exc)) from exc
        raise


FLUSH_BYTES = 32 << 20  # written this far beyond the last start, the disk is asked to start on it


def _write_pieces(handle, pieces) -> None:
    """Pieces written by a second thread while the next are made, the disk started on what is
    written as it goes (Linux): a province's time to write and flush hundreds of MB overlaps the
    time to make them, and the fsync after is short. One piece waits at most (memory stays flat)."""
    waiting: queue.Queue = queue.Queue(maxsize=1)
    failed: list = []

    def drain() -> None:
        written = started = 0
        try:
            while (piece := waiting.get()) is not None:
                handle.write(piece)
                written += len(piece)
                if written >= FLUSH_BYTES and hasattr(os, "posix_fadvise"):
                    handle.flush()  # on Linux DONTNEED starts the writeback of what is dirty, not waiting for it
                    end = os.lseek(handle.fileno(), 0, os.SEEK_CUR)
                    os.posix_fadvise(handle.fileno(), started, end - started, os.POSIX_FADV_DONTNEED)
                    written, started = 0, end
        except BaseException as exc:  # the disk is full …: said in the making thread
            failed.append(exc)
            while waiting.get() is not None:  # the maker is never left waiting
                pass

    writer = threading.Thread(target=drain, name="write_atomic", daemon=True)
    writer.start()
    try:
        for piece in pieces:
            if failed:
                break
            waiting.put(piece)
    finally:
        waiting.put(None)
        writer.join()
    if failed:
        raise failed[0]


@contextmanager
def staged_folder(target: Path):
    """A folder written whole or not at all: the block fills the temporary folder this yields (beside
    `target`), which then becomes `target` (or, `target` being an existing empty folder, its contents
    are moved in). On any failure it is removed; an OS error is said as output.unwritable."""
    target = Path(target)
    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        raise _unwritable(target, os_reason(exc))
    try:
        yield tmp
        if target.exists():
            for child in sorted(tmp.iterdir()):
                os.replace(child, target / child.name)
            tmp.rmdir()
        else:
            os.replace(tmp, target)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _unwritable(target, os_reason(exc)) from exc
        raise
