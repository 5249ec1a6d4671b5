"""Publish step for static hosting: write the site to a folder, atomically.

:func:`build` loads the catalog, then writes every file of :func:`site.iter_site`
(with a ``.gz`` sibling where :func:`precompressed` says) straight into a temporary
folder beside the target, in this process, as each is rendered. Where it pays and fits
(a few hundred to ~50,000 sessions, a second core), a :class:`SessionPool` (a
``concurrent.futures`` process pool, forked after the load) renders and writes the
session pages and JSON documents into the same folder meanwhile, and this process
renders the collections.
Once every file is on disk the history is saved and the new folder swapped in with one
rename (Linux ``renameat2(RENAME_EXCHANGE)`` where available), so a failure or a kill
at any point leaves the previous output exactly as it was, and a reader never sees a
mix. Files of sessions that left the listing are gone after the swap, because the new
folder only ever holds the new mapping.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import itertools
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError, ExportError
from .history import locked
from .hosting import HEADERS_FILE, HEADERS_FIRST_LINE, HTACCESS_FILE, add_rule, headers_text, htaccess_text
from .model import Catalog
from .site import Resource, describe, iter_site, session_file, session_format

STALE_PREFIX = ".wipofeeds-"


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    bytes: int
    sessions: int = 0
    withdrawn: tuple[str, ...] = ()  # ids of published sessions this build withdrew


def check_path(path: str) -> None:
    """Refuse a site path that could land outside the output folder."""
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts) or "\\" in path or "\0" in path:
        raise ExportError(f"refusing to write unsafe path {path!r}")


def precompressed(path: str, resource: Resource) -> bool:
    """Which files get a ``.gz`` sibling: the text files at the site root (the whole
    calendar and feeds, sessions.json, the home page), which are the biggest and most
    polled. Filtered collections and session files are left to the host's own gzip: a
    sibling for each would double the file count of a big listing for little gain."""
    return resource.compressible and "/" not in path


def files_for(
    site: Mapping[str, Resource] | Iterable[tuple[str, Resource]], elsewhere: Iterable[tuple[str, Resource]] = ()
) -> Iterator[tuple[str, bytes, bytes | None]]:
    """Every file of the export, as the site is rendered: ``(path, body, gzipped)``, where
    ``gzipped`` is the body of its ``.gz`` sibling (:func:`precompressed`) or None, then
    the host configuration. A stream, so a build of many sessions never holds the whole
    site. ``elsewhere``: files written by other processes (bodies not needed), held to
    the same rules: never a path twice, and a host rule for each."""
    pairs = site.items() if isinstance(site, Mapping) else site
    seen: set[str] = set()
    rules: dict[str, dict[str, str]] = {}

    def once(path: str) -> str:
        if path in seen:
            raise ExportError(f"{path} would be written twice")
        seen.add(path)
        return path

    for path, resource in pairs:
        sibling = precompressed(path, resource)
        once(path)
        if sibling:
            once(path + ".gz")
        yield path, resource.body, resource.gzipped if sibling else None
        add_rule(rules, path, resource)
    for path, resource in elsewhere:
        add_rule(rules, once(path), resource)
    yield once(HEADERS_FILE), headers_text(rules), None
    yield once(HTACCESS_FILE), htaccess_text(rules), None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def check_target(out: Path, keep: tuple[Path, ...] = ()) -> None:
    """Refuse to replace a folder that is not an earlier export: the swap deletes
    everything in it. An empty folder or one whose ``_headers`` we wrote is fine; the
    working directory, or a folder holding one of ``keep`` (the listing), never is."""
    if not out.exists():
        return
    if not out.is_dir():
        raise ExportError(f"{out} exists and is not a folder")
    resolved = out.resolve()
    for path in (Path.cwd(), *keep):
        path = path.resolve()
        if path == resolved or resolved in path.parents:
            raise ExportError(f"refusing to replace {out}: it holds {path}; choose another --out folder")
    if not any(out.iterdir()):
        return
    headers = out / HEADERS_FILE
    if not (headers.is_file() and headers.read_bytes().startswith(HEADERS_FIRST_LINE)):
        raise ExportError(
            f"refusing to replace {out}: it is not empty and was not written by wipofeeds build "
            "(no _headers file of ours); choose an empty or new --out folder"
        )


def _swap_in(new: Path, out: Path) -> Path | None:
    """Put ``new`` at ``out``; returns the folder now holding the previous output (to
    remove once the swap is done), if any. A failure leaves ``out`` as it was."""
    if not out.exists():
        os.rename(new, out)
        return None
    if _exchange(new, out):
        return new  # now holds the previous output
    old = out.with_name(f"{STALE_PREFIX}{out.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    os.rename(out, old)
    try:
        os.rename(new, out)
    except BaseException:
        os.rename(old, out)
        raise
    return old


def clean_stale(out: Path) -> None:
    """Remove temporary folders a killed earlier build left beside ``out``; only called
    with the lock of ``out`` held, so never another running build's folder."""
    for stale in out.parent.glob(f"{STALE_PREFIX}{out.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)


def write_site(
    site: Mapping[str, Resource] | Iterable[tuple[str, Resource]],
    out: Path,
    *,
    progress: Callable[[int], None] | None = None,
    keep: tuple[Path, ...] = (),
    before_swap: Callable[[], Callable[[], None] | None] | None = None,
    waiting: Callable[[], None] | None = None,
    pool: "SessionPool | None" = None,
) -> Summary:
    """Write the export of ``site`` to ``out`` atomically; returns what was written.
    ``keep``: paths the export must never replace (the listing it came from).
    ``before_swap``: called once every file is on disk, just before the swap (a build
    saves the history there); what it returns is called if the swap then fails.
    ``waiting``: called when another build holds ``out`` (this one waits for it).
    ``pool``: writes the session files ``site`` leaves out, beside this process.
    Each file is written as soon as it is rendered, so the site is never held whole."""
    out = Path(out).absolute()
    check_target(out, keep)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with locked(out, waiting=waiting):
            clean_stale(out)
            return _write_locked(site, out, progress, before_swap, pool)
    except OSError as exc:
        raise ExportError(f"could not write {out}: {_reason(exc)}") from exc


def _reason(exc: OSError) -> str:
    """An OS error in one line, without the errno prefix."""
    text = exc.strerror or str(exc)
    return f"{text}: {exc.filename}" if exc.filename else text


def _write_locked(site, out: Path, progress, before_swap, pool) -> Summary:
    tmp = Path(tempfile.mkdtemp(prefix=f"{STALE_PREFIX}{out.name}-", dir=out.parent))
    try:
        files = _Files(tmp)
        elsewhere: Iterable[tuple[str, Resource]] = ()
        try:
            if pool is not None:
                pool.start(tmp)
                site, elsewhere = itertools.chain(site, pool.rest()), pool.written(files)
            for count, (path, body, gzipped) in enumerate(files_for(site, elsewhere), 1):
                files.write(path, body, gzipped)
                if progress is not None:
                    progress(count)
        finally:
            if pool is not None:
                pool.close()  # no worker writes into the folder after this
        os.chmod(tmp, 0o755)  # mkdtemp makes it 0700; a web server must read it
        with _signals_held():  # SIGTERM/SIGINT: before the history is saved or after the swap
            undo = before_swap() if before_swap is not None else None
            try:
                previous = _swap_in(tmp, out)
            except BaseException:
                if undo is not None:
                    undo()
                raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if previous is not None:  # published: what is left is only tidying
        shutil.rmtree(previous, ignore_errors=True)
    return Summary(files.files, files.bytes)


@contextmanager
def _signals_held():
    """Hold SIGTERM and SIGINT back while the history is saved and the site swapped in,
    so an interruption cannot fall between the two (SIGKILL can: the history is then
    ahead of the site, and the next build publishes it without recording anything)."""
    import signal

    held = {signal.SIGTERM, signal.SIGINT}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, OSError, ValueError):  # pragma: no cover - no POSIX threads
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class SessionPool:
    """Session files rendered and written by a process pool, beside the build: each
    worker is forked after the load (it shares the loaded catalog), renders a chunk of
    sessions' files in the formats ``suffixes`` (``site.session_file``) and writes them
    straight into the temporary folder. This process renders everything else
    (``iter_site(catalog, leave=suffixes)``), then renders here the chunks no worker has
    started yet, so the two finish together; it publishes nothing until every worker
    has finished without error."""

    def __init__(self, catalog: Catalog, suffixes: tuple[str, ...], workers: int):
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        self.catalog, self.suffixes = catalog, suffixes
        self.executor = ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_adopt, initargs=(catalog,))
        self.chunks: dict = {}  # future → (suffix, first, end)

    @classmethod
    def fitting(cls, catalog: Catalog) -> "SessionPool | None":
        """A pool for ``catalog``, or None where one does not pay or fit: too few
        sessions or cores, no fork on this system, or too big a catalog to copy.
        A forked worker shares the catalog copy-on-write, but Python writes a reference
        count into every object it reads, so a worker comes to hold a copy of much of
        it: past :data:`MEMORY_LIMIT` (about 50,000 sessions) this process renders alone,
        within the memory a build is allowed."""
        workers = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1) - 1
        if workers < 1 or len(catalog.sessions) < POOL_FROM or not hasattr(os, "fork"):
            return None
        size = _resident_bytes()
        if size is None or size > MEMORY_LIMIT:
            return None
        return cls(catalog, POOLED, workers)

    def start(self, root: Path) -> None:
        """Hand out every chunk: the workers write under ``root``."""
        count = len(self.catalog.sessions)
        with _worker_deaths_reported():
            for suffix in self.suffixes:
                for first in range(0, count, CHUNK):
                    future = self.executor.submit(_write_chunk, str(root), suffix, first, min(first + CHUNK, count))
                    self.chunks[future] = (suffix, first, min(first + CHUNK, count))

    def rest(self) -> Iterator[tuple[str, Resource]]:
        """The files of the chunks no worker has started (last first), rendered here."""
        for future in reversed(list(self.chunks)):
            if future.cancel():
                suffix, first, end = self.chunks.pop(future)
                yield from _chunk(self.catalog, suffix, first, end)

    def written(self, files: "_Files") -> Iterator[tuple[str, Resource]]:
        """Waits for the workers; adds what they wrote to ``files``' counts and yields
        each of their files (no body) for the host rules. A worker's error is raised."""
        for future in list(self.chunks):
            with _worker_deaths_reported():
                paths, size = future.result()
            files.files += len(paths)
            files.bytes += size
            for path in paths:
                yield path, describe(self.catalog, path, b"")

    def close(self) -> None:
        """Stop handing out chunks and wait for those running (a fraction of a second each)."""
        self.executor.shutdown(wait=True, cancel_futures=True)


POOL_FROM = 200  # sessions: below this, starting a pool costs more than it saves
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


def _chunk(catalog: Catalog, suffix: str, first: int, end: int) -> Iterator[tuple[str, Resource]]:
    fmt = session_format(suffix)
    for session in catalog.sessions[first:end]:
        yield session_file(catalog, fmt, session)


def _write_chunk(root: str, suffix: str, first: int, end: int) -> tuple[list[str], int]:
    """In a worker: write one chunk's files under ``root``; their paths and total size."""
    files = _Files(Path(root))
    paths = []
    for path, resource in _chunk(_catalog, suffix, first, end):
        files.write(path, resource.body)
        paths.append(path)
    return paths, files.bytes


class _Files:
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


@contextmanager
def _collector_off():
    """Loading a listing makes long-lived objects only (sessions, records), which the
    cyclic collector would scan again and again as they pile up: 3.5 s of a 17.6 s load
    of 100,000 sessions. It is off while a build loads (what little cyclic garbage a
    load makes is collected by :func:`_quiet_gc` right after)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _quiet_gc():
    """A batch build holds a big catalog while it makes millions of short-lived objects.
    The cyclic collector would rescan that catalog on every full collection (cost that
    grows with the listing); frozen, it is skipped, and collection still runs for what
    the build makes, so memory stays flat."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def build(
    source=None,
    out: Path | str = Path("output"),
    *,
    base_url: str | None = None,
    now=None,
    progress: Callable[[int], None] | None = None,
    allow_removals: bool = False,
    waiting: Callable[[], None] | None = None,
    workers: bool = True,
) -> Summary:
    """``wipofeeds build``: load, render every path once, write, then record what
    changed in the history and swap the site in (a failed swap puts the history back,
    so a failed build changes nothing). The history lock is held from the load to the
    swap and the output folder's lock while writing, so two builds (or a build and the
    live app) never interleave. The listing must read the same before and after the
    load (a file being written is not published).
    ``allow_removals``: publish a listing that withdraws more than half
    of the published sessions. ``waiting``: called when another build holds a lock.
    ``workers``: let a :class:`SessionPool` render session files where it pays; the
    files are the same either way."""
    from . import catalog as catalog_mod
    from . import history

    src = catalog_mod.Source.of(source) if not isinstance(source, catalog_mod.Source) else source
    keep = tuple(p for p in (src.listing, src.history) if p is not None)
    check_target(Path(out).absolute(), keep)  # before anything is locked, read or started
    with locked(src.history, waiting=waiting, required=False) if src.history is not None else nullcontext():
        before = catalog_mod.file_state(src)
        withdrawn: list[str] = []
        with _collector_off():
            catalog, history_changed = catalog_mod.load_with_changes(
                src, base_url=base_url, now=now, allow_removals=allow_removals, withdrawn=withdrawn
            )
        if catalog.site.base_url is None:
            raise ConfigError("no base URL: pass --base-url or set base_url in data/site.toml")
        if catalog_mod.file_state(src) != before:
            raise ExportError(
                f"{src.name} changed while it was read; build again once it is saved "
                "(write a temporary file, then rename it over the listing)"
            )

        def record() -> Callable[[], None] | None:
            if not history_changed or src.history is None:
                return None
            return _save_history(history, catalog.history, src.history)

        with _quiet_gc():  # before the pool forks: workers share the catalog's memory as is
            pool = SessionPool.fitting(catalog) if workers else None
            site = iter_site(catalog, leave=pool.suffixes if pool is not None else ())
            try:
                summary = write_site(site, Path(out), progress=progress, keep=keep, before_swap=record, waiting=waiting, pool=pool)
            finally:
                if pool is not None:
                    pool.close()
    return Summary(summary.files, summary.bytes, len(catalog.sessions), tuple(withdrawn))


def _save_history(history, new, path: Path) -> Callable[[], None]:
    """Save ``new`` at ``path``; returns what puts the previous file back."""
    try:
        previous = path.read_bytes()
    except FileNotFoundError:
        previous = None
    except OSError as exc:
        raise ExportError(f"could not read the change history {path}: {_reason(exc)}; nothing was published") from exc
    try:
        history.save(new, path)
    except OSError as exc:
        raise ExportError(f"could not record the change history {path}: {_reason(exc)}; nothing was published") from exc

    def undo() -> None:
        if previous is None:
            path.unlink(missing_ok=True)
        else:
            history.write_atomically(path, previous)

    return undo
