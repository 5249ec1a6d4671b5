"""The live app's data: each valid version of the listing as an :class:`Edition`, and
the :class:`Publisher` that watches the data files and swaps editions in.

The data files are watched (at most once per ``RELOAD_INTERVAL`` seconds); a changed one
is read once it has rested ``RELOAD_SETTLE`` seconds and two reads that far apart agree,
and a read during which a file changed is thrown away. A valid change swaps in a whole
new :class:`Edition` with one assignment, so no request mixes versions; an invalid one
keeps the last good edition and keeps every error with its line for ``/healthz``.
Nothing here knows HTTP: :mod:`wipofeeds.web` serves what an edition renders.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

from . import catalog as catalog_module
from . import clock
from . import history as history_module
from .catalog import Source
from .errors import ListingError, WipofeedsError
from .model import Catalog
from .library import keep_good, save_copy
from .safefiles import locked
from .site import Filter, Resource, build_site, render_collection
from .wording import split_language


class Edition:
    """One data version: its catalog and every body rendered from it, per base URL."""

    def __init__(self, catalog: Catalog, version: str, host_cache_size: int, filter_cache_size: int, floor: datetime):
        self.catalog = catalog
        self.version = version
        self.floor = floor  # see Publisher.floor
        self.base_url = catalog.site.base_url  # flag, environment or site.toml; else None
        self._sites: OrderedDict[str, dict[str, Resource]] = OrderedDict()
        self._filtered: OrderedDict[tuple, Resource] = OrderedDict()
        self._sizes = (max(1, host_cache_size), max(1, filter_cache_size))
        self._lock = threading.Lock()  # guards both caches
        self._build_lock = threading.Lock()  # one site build at a time

    def site(self, base_url: str) -> dict[str, Resource]:
        """The whole mapping with links under ``base_url``, built once."""
        with self._lock:
            if (site := self._sites.get(base_url)) is not None:
                self._sites.move_to_end(base_url)
                return site
        with self._build_lock:
            with self._lock:
                if (site := self._sites.get(base_url)) is not None:
                    return site
            site = build_site(self._at(base_url))
            with self._lock:
                self._sites[base_url] = site
                while len(self._sites) > self._sizes[0]:
                    self._sites.popitem(last=False)
        return site

    def filtered(self, base_url: str, flt: Filter, name: str, path: str) -> Resource:
        """Collection ``name`` of the sessions ``flt`` keeps, rendered once per day at most."""
        today = clock.now().date() if flt.needs_today else None
        key = (base_url, flt, name, path, today)
        with self._lock:
            if (resource := self._filtered.get(key)) is not None:
                self._filtered.move_to_end(key)
                return resource
        catalog = self._at(base_url).part(split_language(path)[1])  # the series (or all/) the path is in
        resource = render_collection(catalog, flt.apply(catalog.sessions, today), name, path)
        if today is not None:  # the body changes at midnight with no data change
            midnight = datetime.combine(today, datetime.min.time(), timezone.utc)
            resource = replace(resource, last_modified=max(resource.last_modified, midnight))
        with self._lock:
            self._filtered[key] = resource
            while len(self._filtered) > self._sizes[1]:
                self._filtered.popitem(last=False)
        return resource

    def _at(self, base_url: str) -> Catalog:
        return self.catalog.at(base_url)


@dataclass(frozen=True)
class State:
    """What the app serves and how healthy it is, swapped as one reference."""

    edition: Edition | None
    errors: tuple[dict, ...]
    signature: tuple
    kept: tuple[str, ...] = ()  # listings served as their last good version (several listings)


class Publisher:
    """Loads the data, watches its files, and hands out the current :class:`State`."""

    def __init__(
        self, source: Source, *, base_url, interval, record_history, host_cache_size, filter_cache_size, log, settle=0.0
    ):
        self.source = source
        self.base_url: str | None = base_url
        self.interval = interval
        self.settle = settle
        self.record_history = record_history
        self.cache_sizes = (host_cache_size, filter_cache_size)
        self.log = log
        self.state = State(None, (), ("never loaded",))
        self._partial: tuple[tuple, tuple] = ((), ())  # the last load's kept listings and their errors
        self._next_look = 0.0
        self._pending: tuple | None = None  # (file_state, monotonic time first seen)
        self._lock = threading.Lock()
        with self._lock:  # the first load takes the files as two reads in a row agree
            signature = self._signature()
            state = catalog_module.file_state(self.source)
            self._reload(signature, state if catalog_module.file_state(self.source) == state else ())

    def refresh(self) -> None:
        """Reload if a data file changed; cheap, and never blocks on another reload."""
        now = time.monotonic()
        if now < self._next_look or not self._lock.acquire(blocking=False):
            return
        try:
            self._next_look = now + self.interval
            signature = self._signature()
            if signature != self.state.signature and self._settled():
                confirmed = self._confirmed(signature)
                if confirmed is not None:
                    self._reload(signature, confirmed)
        finally:
            self._lock.release()

    def _confirmed(self, signature: tuple) -> tuple | None:
        """The data files' :func:`~wipofeeds.catalog.file_state` once two reads at least
        ``settle`` seconds apart found the same bytes (and stat) in them; None until then.
        A writer that pauses mid-file for longer than the settle time still passes, so
        the removal guard and a rename into place (README) do the rest. A change of the
        history alone (written whole, by a rename) needs no confirmation."""
        if signature[:-1] == self.state.signature[:-1]:
            return catalog_module.file_state(self.source)
        state = catalog_module.file_state(self.source)
        now = time.monotonic()
        if self.settle <= 0:  # no time to wait: a second read right away
            return state if catalog_module.file_state(self.source) == state else None
        pending = self._pending
        if self._cut_short():
            return None
        if pending is not None and pending[0] == state and now - pending[1] >= self.settle:
            self._pending = None
            return state
        if pending is None or pending[0] != state:
            self._pending = (state, now)
        return None

    def _settled(self) -> bool:
        """No data file changed in the last ``settle`` seconds. Many editors save in
        place (truncate, then write): read in between, the listing is empty or cut
        short, and would be valid. The history is left out: the app writes it itself."""
        now = time.time()
        for path in self._files()[:-1]:
            try:
                if 0 <= now - path.stat().st_mtime < self.settle:
                    return False
            except OSError:
                continue
        return True

    def _cut_short(self) -> bool:
        """A listing that does not end with a line break, changed in the last ten settle
        times: most likely a writer that paused mid-line (a slow copy), so it waits for
        more. Editors end their files with a line break; one that does not is read
        once it has rested that long."""
        listing = self.source.listing
        try:
            with open(listing, "rb") as file:
                age = time.time() - os.fstat(file.fileno()).st_mtime
                if age >= 10 * self.settle or file.seek(0, os.SEEK_END) == 0:
                    return False
                file.seek(-1, os.SEEK_END)
                return file.read(1) not in (b"\n", b"\r")
        except (OSError, TypeError):
            return False

    def floor(self) -> datetime:
        """The earliest Last-Modified any response may carry: the newest data file or
        code file. The history dates sessions, but a removed session, an edited
        site.toml or a new release of wipofeeds change bodies without a new history
        date; without this floor an If-Modified-Since client (Apple Calendar) would be
        told 304 for a body it has never seen. Equal in every worker process."""
        files = [f for f in self._files()[:-1] if f.is_file()] + _code_files()
        newest = max((f.stat().st_mtime for f in files), default=0.0)
        return datetime.fromtimestamp(int(newest), timezone.utc)

    def _files(self) -> list[Path]:
        """Every data file (a data folder's series listings too), the history last."""
        files = [*catalog_module.data_files(self.source), self.source.history]
        return [f for f in files if f is not None]

    def _signature(self) -> tuple:
        def stat(path: Path):
            try:
                st = path.stat()
            except OSError:
                return None
            return (st.st_mtime_ns, st.st_size, st.st_ino)

        return tuple(stat(f) for f in self._files())

    def _reload(self, signature: tuple, confirmed: tuple) -> None:
        old = self.state
        try:
            catalog = self._load(signature, confirmed)
            if catalog is None:  # the files changed while being read: look again next time
                return
            # The history (last of _files) may just have been written by this load: take
            # its new stat, so our own write does not look like someone else's change.
            signature = signature[:-1] + self._signature()[-1:]
            version = data_version(catalog)
            errors, kept = self._partial
            if old.edition is not None and old.edition.version == version:
                self.state = State(old.edition, errors, signature, kept)
                return
            floor = self.floor()
            if old.edition is not None and floor <= old.edition.floor:
                floor = old.edition.floor + timedelta(seconds=1)  # an edit within the same second
            edition = Edition(catalog, version, *self.cache_sizes, floor=floor)
            if edition.base_url is not None:
                edition.site(edition.base_url)  # render now: a failure keeps the old edition
        except Exception as exc:  # noqa: BLE001 - a bad listing must never stop the site
            errors = problems_of(exc, self.source.name)
            for problem in errors:
                self.log.error("%s:%s: %s", problem["file"], problem["line"] or "-", problem["message"])
            if not isinstance(exc, (WipofeedsError, OSError)):
                self.log.exception("unexpected error while loading %s", self.source.name)
            kept = old.edition.version if old.edition else "nothing"
            self.log.error("%d error(s) in %s; still serving version %s", len(errors), self.source.name, kept)
            self.state = State(old.edition, tuple(errors), signature)
            return
        self.log.info("serving version %s: %d sessions", version, len(catalog.sessions))
        for name in kept:
            self.log.error("%s has errors; serving its last good version", name)
        self.state = State(edition, errors, signature, kept)

    def _load(self, signature: tuple, confirmed: tuple) -> Catalog | None:
        """The load step, recording picked-up changes in the history like ``build``
        (under the same lock); None when the data files no longer hold the ``confirmed``
        bytes (nothing is recorded then). A listing that withdraws more than half of the
        published sessions raises RemovalError: the last good version stays until
        ``wipofeeds build --allow-removals`` records the withdrawal."""
        history = self.source.history
        with locked(history, required=False) if self.record_history and history else nullcontext():
            readings: list = []
            catalog, changed = catalog_module.load_with_changes(self.source, base_url=self.base_url, readings=readings)
            problems = [p for reading in readings for p in reading.problems]
            self._partial = (tuple(problems_of(ListingError(problems), "")) if problems else (),
                             tuple(name for reading in readings for name in reading.kept))
            if self._signature()[:-1] != signature[:-1] or catalog_module.file_state(self.source) != confirmed:
                self.log.info("%s changed while being read; reading it again", self.source.name)
                return None
            if self.record_history:
                try:
                    if changed and self.source.history is not None:
                        history_module.save(catalog.history, self.source.history)
                    for path, data in (saved for reading in readings for saved in keep_good(reading)):
                        _keep(path, data)
                except PermissionError as exc:  # a read-only deployment still serves
                    self.log.warning("cannot record the change history (%s); serving without recording", exc)
            return catalog


def _keep(path: Path, data: bytes | None) -> None:
    """A good listing kept as its series' last good version (None: no such file)."""
    if data is None or not path.is_file() or path.read_bytes() != data:  # unchanged: not rewritten
        save_copy(path, data)


@lru_cache(maxsize=1)
def _code_files() -> list[Path]:
    package = Path(__file__).parent
    return [f for f in package.rglob("*") if f.is_file() and f.suffix in (".py", ".html", ".css", ".js", ".json")]


def data_version(catalog: Catalog) -> str:
    """Short hash of what the bodies depend on; equal in every worker for equal data."""
    parts = [repr(catalog.site)]
    for s in catalog.sessions:
        record = catalog.record(s)
        parts.append(f"{s.id} {s.fingerprint} {record.last_modified.isoformat()} {record.sequence}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:12]


def problems_of(exc: BaseException, source: str) -> list[dict]:
    if isinstance(exc, ListingError):
        return [{"file": p.file, "line": p.line, "message": p.message} for p in exc.problems]
    return [{"file": source, "line": None, "message": str(exc) or type(exc).__name__}]
