"""Files written so that nothing can half-overwrite them: a temporary file beside the
target, fsync, then rename (:func:`write_atomically`); and one writer at a time, by an
exclusive lock file beside what is written (:func:`locked`). The history, the live app's
history updates and every build's output folder use both.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """``data`` at ``path`` by a temporary file beside it, fsync and rename."""
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- one writer at a time ----------------------------------------------------------------

LOCK_PREFIX = ".wipofeeds-"


def lock_path(path: Path) -> Path:
    """The lock file of ``path`` (an output folder or a history file), beside it."""
    path = Path(path)
    return path.with_name(f"{LOCK_PREFIX}{path.name}.lock")


@contextmanager
def locked(path: Path, *, waiting: Callable[[], None] | None = None, required: bool = True) -> Iterator[None]:
    """Hold the exclusive lock (flock) of ``path`` while the block runs: a build and
    the live app take it around every history read-update-write, a build also around
    its output folder. Another holder is waited for (``waiting`` is called first, to say
    so). The lock file is removed on release; a waiter that finds its file removed
    takes the new one. Where no lock file can be made (a read-only data folder, no
    flock), ``required=False`` goes on unlocked: nothing can be written there anyway."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    target = lock_path(path)
    while True:
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:
            if required:
                raise
            yield
            return
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None:
                    waiting()
                    waiting = None
                fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.stat(target).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            break
        os.close(fd)  # removed by the holder we waited for: lock the current file
    try:
        yield
    finally:
        try:
            os.unlink(target)
        except OSError:
            pass
        os.close(fd)
