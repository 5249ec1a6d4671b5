"""Writing a build's files into its temporary folder: :class:`Files` in this process
and, where a second core pays, :class:`SessionPool`, one ``concurrent.futures`` process
pool whose workers render and write their files straight into the same folder: the
session pages and JSON documents of a big listing, or else the pages of the other
languages. Nothing is published here: :mod:`wipofeeds.export` swaps the folder in once
every file is on disk.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import ExportError
from .model import Catalog
from .site import OTHER_LANGUAGES, Resource, language_files, session_file, session_format, session_languages


def check_path(path: str) -> None:
    """Refuse a site path that could land outside the output folder."""
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts) or "\\" in path or "\0" in path:
        raise ExportError(f"refusing to write unsafe path {path!r}")


class SessionPool:
    """Files rendered and written by a process pool, beside the build: each worker is
    forked after the load (it shares the loaded catalog), renders a chunk and writes it
    straight into the temporary folder. A chunk is some sessions' files in the formats
    ``suffixes`` (``site.session_file``, every language's page), or, for a listing too
    small for that to pay, the pages of one of ``languages`` (``site.language_files``).
    This process renders everything else (``iter_site(catalog, leave=suffixes,
    languages=the others)``), then renders here the chunks no worker has started yet, so
    the two finish together; it publishes nothing until every worker has finished
    without error."""

    def __init__(self, catalog: Catalog, suffixes: tuple[str, ...], workers: int, languages: tuple[str, ...] = ()):
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        self.catalog, self.suffixes, self.languages = catalog, suffixes, languages
        self.executor = ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_adopt, initargs=(catalog,))
        self.chunks: dict = {}  # future → (suffix, first, end), or (language,)

    @classmethod
    def fitting(cls, catalog: Catalog) -> "SessionPool | None":
        """A pool for ``catalog``, or None where one does not pay or fit: too few
        sessions or cores, no fork on this system, or too big a catalog to copy.
        A forked worker shares the catalog copy-on-write, but Python writes a reference
        count into every object it reads, so a worker comes to hold a copy of much of
        it: past :data:`MEMORY_LIMIT` (about 50,000 sessions) this process renders alone,
        within the memory a build is allowed."""
        workers = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1) - 1
        count = len(catalog.sessions)
        if workers < 1 or count < min(POOL_FROM, LANGUAGES_POOL_FROM) or not hasattr(os, "fork"):
            return None
        size = _resident_bytes()
        if size is None or size > MEMORY_LIMIT:
            return None
        if count < POOL_FROM:  # a small listing: a worker writes the other languages' pages
            return cls(catalog, (), workers, OTHER_LANGUAGES) if OTHER_LANGUAGES else None
        return cls(catalog, POOLED, workers)

    @property
    def others(self) -> tuple[str, ...]:
        """The other languages whose pages this process renders (those no chunk holds)."""
        return tuple(language for language in OTHER_LANGUAGES if language not in self.languages)

    def start(self, root: Path) -> None:
        """Hand out every chunk: the workers write under ``root``."""
        count = len(self.catalog.sessions)
        chunks = [(suffix, first, min(first + CHUNK, count)) for suffix in self.suffixes for first in range(0, count, CHUNK)]
        with _worker_deaths_reported():
            for chunk in chunks + [(language,) for language in self.languages]:
                self.chunks[self.executor.submit(_write_chunk, str(root), *chunk)] = chunk

    def rest(self) -> Iterator[tuple[str, Resource]]:
        """The files of the chunks no worker has started (last first), rendered here."""
        for future in reversed(list(self.chunks)):
            if future.cancel():
                yield from _chunk(self.catalog, *self.chunks.pop(future))

    def written(self, files: "Files") -> Iterator[tuple[str, Resource]]:
        """Waits for the workers; adds what they wrote to ``files``' counts and yields
        each of their files (no body) for the host rules. A worker's error is raised."""
        for future in list(self.chunks):
            with _worker_deaths_reported():
                written, size = future.result()
            files.files += len(written)
            files.bytes += size
            for path, media_type, kind, modified in written:
                yield path, Resource(b"", media_type, kind, modified)

    def close(self) -> None:
        """Stop handing out chunks and wait for those running (a fraction of a second each)."""
        self.executor.shutdown(wait=True, cancel_futures=True)


POOL_FROM = 200  # sessions: below this, starting a pool for session files costs more than it saves
LANGUAGES_POOL_FROM = 10  # sessions: from this, a worker writing the other languages' pages pays
# The session files a pool renders: pages and JSON documents. The .ics files stay here:
# they are made of the VEVENTs this process renders anyway for the feeds and calendars.
POOLED = (".html", ".json")
CHUNK = 100  # sessions a worker takes at a time
MEMORY_LIMIT = 400 << 20  # this process's resident size above which no pool is started


@contextmanager
def _worker_deaths_reported():
    """A worker that died (killed, or exited) as the build's error."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield
    except BrokenProcessPool:
        raise ExportError("a process rendering session files stopped without saying why") from None


def _resident_bytes() -> int | None:
    """This process's resident memory (Linux), or None where it cannot be read."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


_catalog: Catalog | None = None  # a worker's copy of the build's catalog


def _adopt(catalog: Catalog) -> None:
    global _catalog
    _catalog = catalog


def _chunk(catalog: Catalog, *chunk) -> Iterator[tuple[str, Resource]]:
    """The files of a chunk: (suffix, first, end) or (language,)."""
    if len(chunk) == 1:
        yield from language_files(catalog, chunk[0])
        return
    suffix, first, end = chunk
    fmt = session_format(suffix)
    for session in catalog.sessions[first:end]:
        for language in session_languages(fmt):  # a page in every language
            yield session_file(catalog, fmt, session, *language)


def _write_chunk(root: str, *chunk) -> tuple[list[tuple], int]:
    """In a worker: write one chunk's files under ``root``; what each is (its path, media
    type, kind and last change: the build's host rules need them) and their total size."""
    files = Files(Path(root))
    written = []
    for path, resource in _chunk(_catalog, *chunk):
        files.write(path, resource.body)  # no .gz: a chunk's paths are all in folders (export.precompressed)
        written.append((path, resource.media_type, resource.kind, resource.last_modified))
    return written, files.bytes


class Files:
    """Writes files under ``root``, making folders as needed; counts what it wrote.
    The ``.gz`` bodies come from :attr:`Resource.gzipped` (gzip with a fixed mtime), so
    the same site gives the same bytes in any folder, at any time."""

    def __init__(self, root: Path):
        self.root = str(root)
        self.files = self.bytes = 0
        self._made: set[str] = set()

    def write(self, path: str, body: bytes, gzipped: bytes | None = None) -> None:
        check_path(path)  # refused before anything is written
        target = os.path.join(self.root, path)
        parent = os.path.dirname(target)
        if parent not in self._made:
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)
        self._put(target, body)
        if gzipped is not None:
            self._put(target + ".gz", gzipped)

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
