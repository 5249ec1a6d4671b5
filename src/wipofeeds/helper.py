"""A second rendering process for a build: it renders session pages while this one
renders everything else.

Session pages are the biggest part of a build's rendering (a page per session, with a
calendar link per day) and depend on nothing but their session, its history and the
site, so they are the part worth doing on the second core. So are the files that share
nothing with the calendars and feeds this process renders (whose entries state each
session's ``.ics`` size): the home page, the change feeds, ``sessions.json`` and each
session's ``.json``, the sitemap. :meth:`Helper.start` forks after the load; the helper
renders those files, then pages from the first session on, and sends each file through
a pipe (:class:`writer.Sender`'s frames, named by their published path). This process
renders every other file, passes the helper's files on as they arrive, and at the end
takes the pages nobody has rendered yet from the last session back, so the two finish
together whatever the share of the fixed work at a given size. A shared counter hands
out each page once. Everything is published through the same stream as in a build
without a helper, so paths, bodies and host rules are the same (a test holds the two
exports equal).

The fork shares the loaded catalog copy-on-write, but Python writes a reference count
into every object it reads, so the helper comes to hold a copy of much of what it
renders. It is started only while this process is small (:data:`MEMORY_LIMIT`):
a listing of ~50,000 sessions and more is rendered by one process, within the memory a
build is allowed.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterable, Iterator

from . import writer
from .errors import ExportError
from .model import Catalog
from .site import SITEMAP, Resource, collection_file, describe, session_file, session_format, site_file, site_format, sitemap_file

SUFFIX = ".html"  # the session pages, shared out between the two processes
# Rendered by the helper alone, before the pages, in this order:
SITE_FILES = ("index.html", "changes.rss", "changes.atom")
COLLECTIONS = ("sessions.json",)  # published whole only
SESSION_FILES = (".json",)  # every session's
LEAVE = (*SITE_FILES, *COLLECTIONS, *SESSION_FILES, SITEMAP, SUFFIX)  # what the build's own stream leaves to the helper
MIN_SESSIONS = 100  # below this a fork costs more than it saves
MEMORY_LIMIT = 400 << 20  # this process's resident size above which no helper is started


def resident_bytes() -> int | None:
    """This process's resident memory (Linux), or None where it cannot be read."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _path_and_body(file: tuple[str, Resource]) -> tuple[str, bytes]:
    return file[0], file[1].body


class Helper:
    """The helper process, from this side: :meth:`merged` is the build's stream of files."""

    @classmethod
    def start(cls, catalog: Catalog) -> "Helper | None":
        """A helper for ``catalog``, or None where the build renders alone: no fork on
        this system, too few sessions to gain anything, or too big a catalog to copy."""
        if not hasattr(os, "fork") or len(catalog.sessions) < MIN_SESSIONS:
            return None
        size = resident_bytes()
        if size is None or size > MEMORY_LIMIT:
            return None
        try:
            return cls(catalog)
        except OSError:
            return None

    def __init__(self, catalog: Catalog):
        from multiprocessing import Array  # a lock-guarded array in shared memory

        self.catalog = catalog
        self.fmt = session_format(SUFFIX)
        self._next = Array("q", [0, len(catalog.sessions)])  # the helper's next page, the end of ours
        read, write = os.pipe()
        writer.widen_pipe(write)
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            raise
        if pid == 0:  # the helper: never returns into the caller's code
            os.close(read)
            os._exit(self._serve(write))
        os.close(write)
        self.pid: int | None = pid
        self._input = open(read, "rb", buffering=writer.PIPE_SIZE)
        self._frames = writer.Frames(self._input)
        self._parts: list[bytes] = []

    # --- the helper process ----------------------------------------------------------

    def _serve(self, fd: int) -> int:
        """Render pages from the front until none is left; an error is sent as a frame
        with an empty name. Returns the exit status."""
        out = writer.Sender(fd)
        catalog = self.catalog
        try:
            for name in SITE_FILES:
                out.send(*_path_and_body(site_file(catalog, site_format(name))))
            for name in COLLECTIONS:
                out.send(*_path_and_body(collection_file(catalog, name)))
            for suffix in SESSION_FILES:
                fmt = session_format(suffix)
                for session in catalog.sessions:
                    out.send(*_path_and_body(session_file(catalog, fmt, session)))
            out.send(*_path_and_body(sitemap_file(catalog)))
            catalog.forget(("jsonapi.",))  # what the pages do not need
            sessions = catalog.sessions
            while (index := self._take(front=True)) is not None:
                out.send(*_path_and_body(session_file(catalog, self.fmt, sessions[index])))
            out.flush()
            return 0
        except BaseException as exc:  # noqa: BLE001  reported to the parent, which stops the build
            try:
                out.flush()
                out.send("", f"{type(exc).__name__}: {exc}".encode("utf-8", "replace"))
                out.flush()
            except BaseException:  # noqa: BLE001  the parent is gone: nobody to tell
                pass
            return 1

    # --- this process ----------------------------------------------------------------

    def _take(self, front: bool) -> int | None:
        """The index of a page nobody has taken yet (from the front or the back)."""
        with self._next.get_lock():
            first, end = self._next[0], self._next[1]
            if first >= end:
                return None
            if front:
                self._next[0] = first + 1
                return first
            self._next[1] = end - 1
            return end - 1

    def _files(self, frames: Iterable) -> Iterator[tuple[str, Resource]]:
        """The helper's files as the build's stream has them: path and Resource."""
        parts = self._parts  # a file of more than writer.PART bytes comes in parts,
        for path, part, _sibling, more in frames:  # maybe not all read yet
            parts.append(part)
            if more:
                continue
            body = parts[0] if len(parts) == 1 else b"".join(parts)
            parts.clear()
            if not path:
                raise ExportError(f"the helper process failed to render: {body.decode('utf-8', 'replace')}")
            yield path, describe(self.catalog, path, body)

    def merged(self, items: Iterable[tuple[str, Resource]]) -> Iterator[tuple[str, Resource]]:
        """``items`` (the rest of the site) with the helper's pages between them as they
        arrive, then the pages not taken yet, rendered here, then the helper's last ones."""
        try:
            for item in items:
                yield from self._files(self._frames.ready())
                yield item
            sessions = self.catalog.sessions
            while (index := self._take(front=False)) is not None:
                yield from self._files(self._frames.ready())
                yield session_file(self.catalog, self.fmt, sessions[index])
            yield from self._files(self._frames)
            self._wait()
        finally:
            self.close()

    def _wait(self) -> None:
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if status != 0:
            code = os.waitstatus_to_exitcode(status)
            how = f"was killed by signal {-code}" if code < 0 else f"exited with status {code}"
            raise ExportError(f"the helper process rendering pages {how} without saying why")

    def close(self) -> None:
        """Stop the helper if it still runs (the build failed or was interrupted)."""
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = None
        self._input.close()

