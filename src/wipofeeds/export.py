"""Publish step for static hosting: write the site mapping to a folder, atomically.

The new site is written into a temporary folder beside the target and swapped in with
one rename (Linux ``renameat2(RENAME_EXCHANGE)`` where available), so a failure or a
kill at any point leaves the previous output exactly as it was, and a reader never sees
a mix. Files of sessions that left the listing are gone after the swap, because the new
folder only ever holds the new mapping.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from . import writer
from .history import locked
from .errors import ConfigError, ExportError
from .site import Resource, headers_for, iter_site

# What the exporter adds beside the mapping for static hosts.
HEADERS_FILE = "_headers"
HTACCESS_FILE = ".htaccess"
HEADERS_FIRST_LINE = b"# Written by wipofeeds build"  # marks a folder as an earlier export
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


def files_for(site: Mapping[str, Resource] | Iterable[tuple[str, Resource]]) -> Iterator[tuple[str, bytes, bool]]:
    """Every file of the export, as the site is rendered: ``(path, body, gzip)``, where
    ``gzip`` asks the writer for a ``.gz`` sibling (:func:`precompressed`), then the host
    configuration. A stream, so a build of many sessions never holds the whole site."""
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
        yield path, resource.body, sibling
        _add_rule(rules, path, resource)
    yield once(HEADERS_FILE), _headers_text(rules), False
    yield once(HTACCESS_FILE), _htaccess_text(rules), False


def _pattern(path: str) -> str:
    """Session files share one rule per suffix (as pathlib's ``suffix``); every other
    file gets its own. String operations only: this runs for every file of a build."""
    if path.startswith("sessions/") and path.count("/") == 1:
        name = path[len("sessions/") :]
        dot = name.rfind(".")
        return "/sessions/*" + (name[dot:] if 0 < dot < len(name) - 1 else "")
    return "/" + path


def _add_rule(rules: dict[str, dict[str, str]], path: str, resource: Resource) -> None:
    key = _pattern(path)
    if key not in rules:  # headers_for makes a dict: only once per rule
        rules[key] = headers_for(resource)
    if path == "index.html":  # the site root is index.html too
        rules["/"] = rules["/index.html"]


def _rules(site: Mapping[str, Resource]) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    for path, resource in site.items():
        _add_rule(rules, path, resource)
    return rules


def render_headers(site: Mapping[str, Resource]) -> bytes:
    """``_headers`` for Netlify / Cloudflare Pages style hosts: type, caching, CORS."""
    return _headers_text(_rules(site))


def _headers_text(rules: dict[str, dict[str, str]]) -> bytes:
    lines = [HEADERS_FIRST_LINE.decode() + ": media types and caching for static hosts.", ""]
    for pattern, headers in sorted(rules.items()):
        lines.append(pattern)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def render_htaccess(site: Mapping[str, Resource]) -> bytes:
    """``.htaccess`` for Apache 2.4: types, caching, CORS, and the precompressed ``.gz``
    sibling for clients that accept gzip. Rules match whole paths below the site root."""
    return _htaccess_text(_rules(site))


def _htaccess_text(rules: dict[str, dict[str, str]]) -> bytes:
    lines = [
        HEADERS_FIRST_LINE.decode() + ": media types, caching and precompressed files for Apache.",
        "Options -Indexes",
        "DirectoryIndex index.html",
        "<IfModule mod_rewrite.c>",
        "  RewriteEngine On",
        "  RewriteCond %{HTTP:Accept-Encoding} gzip",
        "  RewriteCond %{REQUEST_FILENAME}.gz -f",
        "  RewriteRule ^(.*)$ $1.gz [L]",
        "</IfModule>",
    ]
    for pattern, headers in sorted(rules.items()):
        regex = "/$" if pattern == "/" else re.escape(pattern).replace(r"\*", "[^/]+") + r"(\.gz)?$"
        lines.append(f'<If "%{{REQUEST_URI}} =~ m#{regex}#">')
        lines.append(f'  ForceType "{headers["Content-Type"]}"')
        lines.append("  <IfModule mod_headers.c>")
        lines += [f'    Header set {name} "{value}"' for name, value in headers.items() if name != "Content-Type"]
        lines.append("    Header append Vary Accept-Encoding")
        lines.append("  </IfModule>")
        lines.append("</If>")
    lines += [
        '<FilesMatch "\\.gz$">',
        "  <IfModule mod_headers.c>",
        "    Header set Content-Encoding gzip",
        "  </IfModule>",
        "  SetEnv no-gzip 1",
        "</FilesMatch>",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


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
) -> Summary:
    """Write the export of ``site`` to ``out`` atomically; returns what was written.
    ``keep``: paths the export must never replace (the listing it came from).
    ``before_swap``: called once every file is on disk, just before the swap (a build
    saves the history there); what it returns is called if the swap then fails.
    ``waiting``: called when another build holds ``out`` (this one waits for it).

    The files are written (and gzipped) by a writing process (:mod:`wipofeeds.writer`)
    while this one renders the next ones; where no process can be started, here."""
    out = Path(out).absolute()
    check_target(out, keep)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with locked(out, waiting=waiting):
            clean_stale(out)
            return _write_locked(site, out, progress, before_swap)
    except OSError as exc:
        raise ExportError(f"could not write {out}: {_reason(exc)}") from exc


def _reason(exc: OSError) -> str:
    """An OS error in one line, without the errno prefix."""
    text = exc.strerror or str(exc)
    return f"{text}: {exc.filename}" if exc.filename else text


def _write_locked(site, out: Path, progress, before_swap) -> Summary:
    tmp = Path(tempfile.mkdtemp(prefix=f"{STALE_PREFIX}{out.name}-", dir=out.parent))
    try:
        with _writing(tmp) as write:
            for count, (path, body, sibling) in enumerate(files_for(site), 1):
                check_path(path)  # refused here, before anything reaches the writer
                write(path, body, sibling)
                if progress is not None:
                    progress(count)
        files, total = write.summary
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
    return Summary(files, total)


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


class _InProcess:
    """Writes in this process (where no writing process can be started)."""

    def __init__(self, root: Path):
        self.files = writer.Files(str(root))

    def __call__(self, path: str, body: bytes, sibling: bool) -> None:
        self.files.write(path, body, sibling)

    @property
    def summary(self) -> tuple[int, int]:
        return self.files.files, self.files.bytes

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass


class _Process:
    """Hands files to a :mod:`wipofeeds.writer` process through a pipe."""

    def __init__(self, root: Path):
        self.process = subprocess.Popen(
            [sys.executable, writer.__file__, str(root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.fd = self.process.stdin.fileno()
        self.sender = writer.Sender(self.fd)
        writer.widen_pipe(self.fd)  # fewer waits on a busy disk
        self.summary = (0, 0)
        self.busy = 0.0  # seconds the writer spent writing (benchmarks read it)

    def __call__(self, path: str, body: bytes, sibling: bool) -> None:
        try:
            self.sender.send(path, body, sibling)
        except BrokenPipeError:
            self.close()  # raises the writer's own error

    def close(self) -> None:
        """Wait for every file; the writer's error, if any, as an OSError."""
        try:
            self.sender.flush()
        except BrokenPipeError:
            pass  # the writer failed: its error follows
        out, err = self.process.communicate()
        if self.process.returncode != 0:
            raise OSError(err.decode("utf-8", "replace").strip() or f"the writer exited with {self.process.returncode}")
        files, total, busy = out.split()
        self.summary, self.busy = (int(files), int(total)), float(busy)

    def abort(self) -> None:
        self.process.kill()
        self.process.communicate()


@contextmanager
def _writing(root: Path):
    """A ``write(path, body, sibling)`` function; every file is on disk on leaving."""
    try:
        write = _Process(root)
    except OSError:
        write = _InProcess(root)
    try:
        yield write
    except BaseException:
        write.abort()
        raise
    write.close()


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
    helper: bool = True,
    allow_removals: bool = False,
    waiting: Callable[[], None] | None = None,
) -> Summary:
    """``wipofeeds build``: load, render every path once, write, then record what
    changed in the history and swap the site in (a failed swap puts the history back,
    so a failed build changes nothing). The history lock is held from the load to the
    swap and the output folder's lock while writing, so two builds (or a build and the
    live app) never interleave. The listing must read the same before and after the
    load (a file being written is not published).
    ``helper``: let a second process read half of a big listing and render the
    session pages where it pays (:mod:`wipofeeds.helper`); the files are the same
    either way. ``allow_removals``: publish a listing that withdraws more than half
    of the published sessions. ``waiting``: called when another build holds a lock."""
    from . import catalog as catalog_mod
    from . import history
    from .helper import LEAVE, Helper

    src = catalog_mod.Source.of(source) if not isinstance(source, catalog_mod.Source) else source
    keep = tuple(p for p in (src.listing, src.history) if p is not None)
    check_target(Path(out).absolute(), keep)  # before anything is locked, read or started
    with locked(src.history, waiting=waiting, required=False) if src.history is not None else nullcontext():
        before = catalog_mod.file_state(src)
        withdrawn: list[str] = []
        with _collector_off():
            catalog, history_changed = catalog_mod.load_with_changes(
                src, base_url=base_url, now=now, processes=2 if helper else 1, allow_removals=allow_removals, withdrawn=withdrawn
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

        with _quiet_gc():
            second = Helper.start(catalog) if helper else None
            if second is None:
                site = iter_site(catalog)
            else:
                site = second.merged(iter_site(catalog, leave=LEAVE))
            try:
                summary = write_site(site, Path(out), progress=progress, keep=keep, before_swap=record, waiting=waiting)
            finally:
                if second is not None:
                    second.close()
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
