"""The exporter's writing process: files read from standard input, written under a folder.

``wipofeeds build`` renders in one process and hands each file to this one through a
pipe, so creating files, writing them, gzip and the file system's own stalls run beside
the rendering, on the other core (a thread would fight the renderer for the GIL on every
system call). A thread reads the pipe ahead of the writing (:class:`Frames`). Standard
library only, so it starts in a few milliseconds.

    python writer.py FOLDER < frames

A frame is a header (:data:`HEADER`: path length, body length, whether to add a ``.gz``
sibling, whether more of the body follows), the UTF-8 path relative to FOLDER (checked
by the parent), and the body or, for a big one, a part of it: a big file is streamed to
disk and through gzip, never held whole here. At the end of the input it prints
``files bytes busy-seconds`` and exits 0; on any error it prints the error and exits 1,
and the parent removes the folder.
"""

from __future__ import annotations

import gzip
import os
import struct
import sys
import threading
import time
import zlib
from collections import deque

HEADER = struct.Struct("!IQ??")
PART = 4 << 20  # bodies above this travel in parts of this size
PIPE_SIZE = 1 << 20  # Linux lets a pipe hold 1 MiB unprivileged: fewer waits between the processes
LEVEL = 6  # zlib's default: level 9 took twice as long for 1-2% smaller text files


def compress(body: bytes) -> bytes:
    """gzip, reproducibly (mtime 0): every ``.gz`` body, the web app's and the export's
    (written in parts by :class:`Files`, the same bytes)."""
    return gzip.compress(body, compresslevel=LEVEL, mtime=0)


def _compressor():
    """What :func:`compress` does in one call (zlib's gzip wrapper, mtime 0), in parts."""
    return zlib.compressobj(LEVEL, zlib.DEFLATED, 31)


class Files:
    """Writes files under ``root``, making folders as needed, a body at once or in parts
    (``more``: another part of this file follows); counts what it wrote."""

    def __init__(self, root: str):
        self.root = root
        self.files = self.bytes = 0
        self._made: set[str] = set()
        self._open: dict[str, tuple] = {}  # path → file, .gz file and compressor, parts so far

    def write(self, path: str, body: bytes, sibling: bool, more: bool = False) -> None:
        target = os.path.join(self.root, path)
        if path not in self._open:
            if not more:  # the common case: a whole body
                self._folder(target)
                self._put(target, body)
                if sibling:
                    self._put(target + ".gz", compress(body))
                return
            self._folder(target)
            gz = (open(target + ".gz", "wb"), _compressor()) if sibling else None
            self._open[path] = (open(target, "wb"), gz)
        file, gz = self._open[path]
        file.write(body)
        self.bytes += len(body)
        if gz is not None:
            gz[0].write(gz[1].compress(body))
        if not more:
            del self._open[path]
            file.close()
            self.files += 1
            if gz is not None:
                gz[0].write(gz[1].flush())
                self.bytes += gz[0].tell()
                gz[0].close()
                self.files += 1

    def _folder(self, target: str) -> None:
        parent = os.path.dirname(target)
        if parent not in self._made:
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)

    def _put(self, target: str, body: bytes) -> None:
        # os-level calls, no file object: a few µs less on each of tens of thousands of files
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
        try:
            view = memoryview(body)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        self.files += 1
        self.bytes += len(body)


def widen_pipe(fd: int) -> None:
    """Let the pipe ``fd`` hold :data:`PIPE_SIZE` bytes where the system allows it."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_SIZE)
    except (ImportError, OSError):  # not Linux: the default pipe size
        pass


class Sender:
    """Writes files as frames to the pipe ``fd`` (a big body in parts of :data:`PART`).
    Small files are gathered and sent together, one system call for up to
    :data:`BATCH` bytes: a build sends tens of thousands of files of a few KB, and a
    call per file cost more than the copying. :meth:`flush` sends what is gathered."""

    BATCH = 256 << 10
    IOV = 512  # parts per writev, well under IOV_MAX (1024 on Linux)

    def __init__(self, fd: int):
        self.fd = fd
        self._parts: list = []
        self._size = 0

    def send(self, path: str, body: bytes, sibling: bool = False) -> None:
        name = path.encode("utf-8")
        if len(body) <= PART:
            self._parts += [HEADER.pack(len(name), len(body), sibling, False), name, body]
            self._size += len(body)
            if self._size >= self.BATCH or len(self._parts) >= self.IOV:
                self.flush()
            return
        self.flush()
        view = memoryview(body)
        for start in range(0, len(body), PART):
            part = view[start : start + PART]
            _send_all(self.fd, [HEADER.pack(len(name), len(part), sibling, start + PART < len(body)), name, part])

    def flush(self) -> None:
        if self._parts:
            parts, self._parts, self._size = self._parts, [], 0
            _send_all(self.fd, parts)


def _send_all(fd: int, parts: list) -> None:
    while parts:
        sent = os.writev(fd, parts)
        while parts and sent >= len(parts[0]):
            sent -= len(parts[0])
            parts.pop(0)
        if parts and sent:
            parts[0] = memoryview(parts[0])[sent:]


def _exactly(source, size: int) -> bytes:
    data = source.read(size)
    if len(data) != size:
        raise EOFError(f"the input ended inside a frame ({len(data)} of {size} bytes)")
    return data


class Frames:
    """Frames read from ``source`` by a thread of their own, ahead of the writing: the
    pipe is drained while a file is being created (which can stall on a busy disk), so
    the renderer rarely waits. At most ``limit`` bytes are read ahead."""

    def __init__(self, source, limit: int = 64 << 20):
        self.source, self.limit = source, limit
        self._frames: deque = deque()
        self._pending = 0
        self._done = False
        self._error: BaseException | None = None
        self._ready = threading.Condition()
        threading.Thread(target=self._read, name="wipofeeds-reader", daemon=True).start()

    def _read(self) -> None:
        try:
            while head := self.source.read(HEADER.size):
                if len(head) < HEADER.size:
                    head += _exactly(self.source, HEADER.size - len(head))
                path_size, body_size, sibling, more = HEADER.unpack(head)
                frame = (_exactly(self.source, path_size).decode("utf-8"), _exactly(self.source, body_size), sibling, more)
                with self._ready:
                    while self._pending > self.limit:
                        self._ready.wait()
                    self._frames.append(frame)
                    self._pending += body_size
                    self._ready.notify_all()
        except BaseException as exc:  # noqa: BLE001  raised by the consumer
            self._error = exc
        with self._ready:
            self._done = True
            self._ready.notify_all()

    def ready(self) -> list:
        """The frames read so far, without waiting; [] when none."""
        with self._ready:
            if not self._frames:
                return []
            frames = list(self._frames)
            self._frames.clear()
            self._pending = 0
            self._ready.notify_all()
        return frames

    def __iter__(self):
        while True:
            with self._ready:
                while not self._frames and not self._done:
                    self._ready.wait()
                if not self._frames:
                    if self._error is not None:
                        raise self._error
                    return
                frame = self._frames.popleft()
                self._pending -= len(frame[1])
                self._ready.notify_all()
            yield frame


def main(argv: list[str]) -> int:
    files = Files(argv[0])
    busy = 0.0
    # A reading buffer as big as the pipe: one system call (and one hand-over of the
    # GIL between the reading thread and this one) for many small files, not one each.
    source = open(sys.stdin.fileno(), "rb", buffering=PIPE_SIZE, closefd=False)
    try:
        for path, body, sibling, more in Frames(source):
            started = time.perf_counter()
            files.write(path, body, sibling, more)
            busy += time.perf_counter() - started
    except Exception as exc:  # noqa: BLE001  reported to the parent, which cleans up
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(files.files, files.bytes, f"{busy:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
