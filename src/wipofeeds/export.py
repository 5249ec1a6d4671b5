"""Publish step for static hosting: write the site to a folder, atomically.

:func:`build` loads the catalog, then writes every file of :func:`site.iter_site`
(with a ``.gz`` sibling where :func:`precompressed` says) straight into a temporary
folder beside the target, in this process, as each is rendered
(:class:`wipofeeds.writing.Files`). Where it pays and fits (a few hundred to ~50,000
sessions, a second core), a :class:`wipofeeds.writing.SessionPool` (a
``concurrent.futures`` process pool, forked after the load) renders and writes the
session pages and JSON documents into the same folder meanwhile, and this process
renders the collections. Once every file is on disk the history is saved and the new folder swapped in with one
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
from urllib.parse import urlsplit

from .errors import ConfigError, ExportError
from .safefiles import locked, write_atomically
from .hosting import HEADERS_FILE, HEADERS_FIRST_LINE, HTACCESS_FILE, add_rule, headers_text, htaccess_text
from .site import NOT_FOUND, Resource, iter_site
from .writing import Files, SessionPool

STALE_PREFIX = ".wipofeeds-"


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    bytes: int
    sessions: int = 0
    withdrawn: tuple[str, ...] = ()  # ids of published sessions this build withdrew
    problems: tuple = ()  # of the listings published as their last good version (Problem)
    kept: tuple[str, ...] = ()  # those listings' files


def precompressed(path: str, resource: Resource) -> bool:
    """Which files get a ``.gz`` sibling: the text files at the site root (the whole
    calendar and feeds, sessions.json, the home page), which are the biggest and most
    polled. Filtered collections and session files are left to the host's own gzip: a
    sibling for each would double the file count of a big listing for little gain."""
    return resource.compressible and "/" not in path


def files_for(
    site: Mapping[str, Resource] | Iterable[tuple[str, Resource]],
    elsewhere: Iterable[tuple[str, Resource]] = (),
    base_path: str = "/",
) -> Iterator[tuple[str, bytes, bytes | None]]:
    """Every file of the export, as the site is rendered: ``(path, body, gzipped)``, where
    ``gzipped`` is the body of its ``.gz`` sibling (:func:`precompressed`) or None, then
    the host configuration. A stream, so a build of many sessions never holds the whole
    site. ``elsewhere``: files written by other processes (bodies not needed), held to
    the same rules: never a path twice, and a host rule for each. ``base_path``: the
    site's path on its host ('/' or '/meetings/'), which Apache's error pages need."""
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
    error_pages = sorted(p for p in seen if p.rsplit("/", 1)[-1] == NOT_FOUND and p.count("/") <= 1)
    yield once(HEADERS_FILE), headers_text(rules), None
    yield once(HTACCESS_FILE), htaccess_text(rules, error_pages, base_path), None


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
    base_path: str = "/",
) -> Summary:
    """Write the export of ``site`` to ``out`` atomically; returns what was written.
    ``keep``: paths the export must never replace (the listing it came from).
    ``before_swap``: called once every file is on disk, just before the swap (a build
    saves the history there); what it returns is called if the swap then fails.
    ``waiting``: called when another build holds ``out`` (this one waits for it).
    ``pool``: writes the session files ``site`` leaves out, beside this process.
    ``base_path``: the site's path on its host (for the host's error pages).
    Each file is written as soon as it is rendered, so the site is never held whole."""
    out = Path(out).absolute()
    check_target(out, keep)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with locked(out, waiting=waiting):
            clean_stale(out)
            return _write_locked(site, out, progress, before_swap, pool, base_path)
    except OSError as exc:
        raise ExportError(f"could not write {out}: {_reason(exc)}") from exc


def _reason(exc: OSError) -> str:
    """An OS error in one line, without the errno prefix."""
    text = exc.strerror or str(exc)
    return f"{text}: {exc.filename}" if exc.filename else text


def _write_locked(site, out: Path, progress, before_swap, pool, base_path: str = "/") -> Summary:
    tmp = Path(tempfile.mkdtemp(prefix=f"{STALE_PREFIX}{out.name}-", dir=out.parent))
    try:
        files = Files(tmp)
        elsewhere: Iterable[tuple[str, Resource]] = ()
        try:
            if pool is not None:
                pool.start(tmp)
                site, elsewhere = itertools.chain(site, pool.rest()), pool.written(files)
            for count, (path, body, gzipped) in enumerate(files_for(site, elsewhere, base_path), 1):
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


def no_base_url(source) -> str:
    """What to do when a build has no base URL, naming what was really read: the flag,
    the variable (the CLI's default for the flag) and the site.toml beside the listing."""
    flag, variable = "pass --base-url URL", "set the WIPOFEEDS_BASE_URL environment variable"
    where = source.site_config
    if where is None:
        return f"no base URL: {flag} or {variable} (a listing read from standard input has no site.toml)"
    state = "it sets none" if where.is_file() else "there is none"
    return f'no base URL: {flag}, {variable}, or set base_url = "https://…/" in {where} ({state})'


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
    from .library import keep_good

    src = catalog_mod.Source.of(source) if not isinstance(source, catalog_mod.Source) else source
    keep = tuple(p for p in (*catalog_mod.data_files(src), src.history) if p is not None)
    check_target(Path(out).absolute(), keep)  # before anything is locked, read or started
    with locked(src.history, waiting=waiting, required=False) if src.history is not None else nullcontext():
        before = catalog_mod.file_state(src)
        withdrawn: list[str] = []
        readings: list = []  # with several listings: what each held (library.Reading)
        with _collector_off():
            catalog, history_changed = catalog_mod.load_with_changes(
                src, base_url=base_url, now=now, allow_removals=allow_removals, withdrawn=withdrawn, readings=readings
            )
        if catalog.site.base_url is None:
            raise ConfigError(no_base_url(src))
        if catalog_mod.file_state(src) != before:
            raise ExportError(
                f"{src.name} changed while it was read; build again once it is saved "
                "(write a temporary file, then rename it over the listing)"
            )

        def record() -> Callable[[], None] | None:
            undo = []
            if history_changed and src.history is not None:
                undo.append(_save_history(history, catalog.history, src.history))
            for reading in readings:  # each good listing becomes its series' last good version
                undo += [_save_copy(path, data) for path, data in keep_good(reading)]
            return (lambda: [step() for step in reversed(undo)]) if undo else None

        with _quiet_gc():  # before the pool forks: workers share the catalog's memory as is
            pool = SessionPool.fitting(catalog) if workers else None
            site = iter_site(catalog, leave=pool.suffixes, languages=pool.others) if pool is not None else iter_site(catalog)
            try:
                summary = write_site(
                    site, Path(out), progress=progress, keep=keep, before_swap=record, waiting=waiting, pool=pool,
                    base_path=urlsplit(catalog.site.base_url).path or "/",
                )
            finally:
                if pool is not None:
                    pool.close()
    problems = tuple(p for reading in readings for p in reading.problems)
    kept = tuple(name for reading in readings for name in reading.kept)
    return Summary(summary.files, summary.bytes, len(catalog.sessions), tuple(withdrawn), problems, kept)


def _save_copy(path: Path, data: bytes | None) -> Callable[[], None]:
    """Keep ``data`` as a last good listing at ``path`` (None: no such file)."""
    from .library import save_copy

    return _saved(path, lambda: save_copy(path, data), "the last good listing")


def _save_history(history, new, path: Path) -> Callable[[], None]:
    """Save ``new`` at ``path``; returns what puts the previous file back."""
    return _saved(path, lambda: history.save(new, path), "the change history")


def _saved(path: Path, write: Callable[[], None], what: str) -> Callable[[], None]:
    """Replace ``path`` by calling ``write``; returns what puts the previous file back.
    Before the swap: a failure here publishes nothing (``what`` names the file)."""
    try:
        previous = path.read_bytes()
    except FileNotFoundError:
        previous = None
    except OSError as exc:
        raise ExportError(f"could not read {what} {path}: {_reason(exc)}; nothing was published") from exc
    try:
        write()
    except OSError as exc:
        raise ExportError(f"could not record {what} {path}: {_reason(exc)}; nothing was published") from exc

    def undo() -> None:
        if previous is None:
            path.unlink(missing_ok=True)
        else:
            write_atomically(path, previous)

    return undo
