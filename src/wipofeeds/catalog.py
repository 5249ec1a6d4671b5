"""Load step of the pipeline: listing + sessions.toml + history + site.toml → Catalog.

Files beside a listing ``DIR/NAME.txt``:
    DIR/NAME.toml          curated additions per document code, [topics] names (optional)
    DIR/NAME.history.json  change history (first published, sequence, log)
    DIR/site.toml          site settings: title, description, base_url… (optional)
Reading standard input ("-") uses none of them and keeps the history in memory.
"""

from __future__ import annotations

import os
import sys
from dataclasses import fields, replace
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from . import clock
from .errors import ConfigError, RemovalError
from .model import Catalog, History, SiteConfig

DEFAULT_SOURCE = Path("data/sessions.txt")
SERIES_FOLDER = "series"  # beside the default listing: one listing per series


class Source(NamedTuple):  # not a frozen dataclass: ~1 ms less at every start (issue #7)
    """Where a listing and its companion files live. A data folder is its default
    listing (``sessions.txt``) with ``folder`` set: its series' listings
    (``series/<slug>.txt``) are read too."""

    listing: Path | None  # None: standard input
    folder: bool = False
    shared: Path | None = None
    """A series' listing: the default listing, whose history and site.toml it shares."""

    @classmethod
    def of(cls, source: str | Path | None) -> "Source":
        if source is None:
            return cls(DEFAULT_SOURCE, folder=True)
        if str(source) == "-":
            return cls(None)
        if os.path.isdir(source):
            return cls(Path(source) / DEFAULT_SOURCE.name, folder=True)
        return cls(Path(source))

    @property
    def name(self) -> str:
        return "<stdin>" if self.listing is None else str(self.listing)

    def companion(self, suffix: str) -> Path | None:
        if self.listing is None:
            return None
        return self.listing.with_name(self.listing.stem + suffix)

    @property
    def curation(self) -> Path | None:
        return self.companion(".toml")

    @property
    def history(self) -> Path | None:
        return self.companion(".history.json") if self.shared is None else Source(self.shared).history

    @property
    def site_config(self) -> Path | None:
        home = self.shared or self.listing
        return None if home is None else home.with_name("site.toml")

    @property
    def series_listings(self) -> tuple[Path, ...]:
        """The folder's series listings (``series/*.txt``), by name; none for a listing."""
        if not self.folder or self.listing is None:
            return ()
        folder = self.listing.parent / SERIES_FOLDER
        return tuple(sorted(folder.glob("*.txt"))) if folder.is_dir() else ()

    def series_source(self, listing: Path) -> "Source":
        return Source(listing, shared=self.listing)

    def read_bytes(self) -> bytes:
        """The listing as stored: :func:`wipofeeds.listing.decode` reads its encoding and
        names any byte it cannot (never a U+FFFD in what is published)."""
        if self.listing is None:
            return sys.stdin.buffer.read()
        return self.listing.read_bytes()


def data_files(source: Source) -> tuple[Path, ...]:
    """The files a load reads besides the history: listing, sessions.toml, site.toml,
    and each series' listing and curation."""
    files = [source.listing, source.curation, source.site_config]
    for listing in source.series_listings:
        files += [listing, source.series_source(listing).curation]
    return tuple(f for f in files if f is not None)


def file_state(source: Source) -> tuple:
    """What the data files hold now: per file its stat (mtime, size, inode) and a hash
    of its bytes, or None when it is missing. Equal before and after a read (and, in
    the live app, ``RELOAD_SETTLE`` seconds apart) means the read saw a whole file."""
    import hashlib

    state = []
    for path in data_files(source):
        try:
            with open(path, "rb") as file:
                before = os.fstat(file.fileno())
                digest = hashlib.file_digest(file, "sha256").hexdigest()
        except FileNotFoundError:
            state.append(None)
            continue
        state.append((before.st_mtime_ns, before.st_size, before.st_ino, digest))
    return tuple(state)


def load_site_config(source: Source, base_url: str | None = None, settings: dict | None = None) -> SiteConfig:
    """site.toml beside the listing (``settings``: as :func:`read_settings` read it
    already), then ``base_url`` (flag or environment) on top."""
    settings = read_settings(source) if settings is None else settings
    values = {k: v for k, v in settings.items() if k != "series"}
    site = SiteConfig(**values)
    if base_url is not None:
        site = replace(site, base_url=base_url)
    return replace(site, base_url=normalise_base_url(site.base_url))


# Settings of site.toml that are not SiteConfig's own fields, or not settable there
# (``topics`` come from [topics] of sessions.toml).
_TABLES, _DERIVED = {"series"}, {"home", "topics"}


def read_settings(source: Source) -> dict:
    """site.toml's settings (``series``: its ``[series.<slug>]`` tables), checked."""
    path = source.site_config
    if path is None or not path.is_file():
        return {}
    import tomllib  # here: a listing without site.toml (or stdin) is checked without it

    try:
        values = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    known = ({f.name for f in fields(SiteConfig)} | _TABLES) - _DERIVED
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    if not all(isinstance(table, dict) for table in values.get("series", {}).values()):
        raise ConfigError(f"{path}: [series] holds one table per series: [series.<slug>] name = …")
    return values


def topics(source: Source, reading=None) -> tuple[tuple[str, str], ...]:
    """The ``[topics]`` names of the listings' sessions.toml files (of the listings read
    as they are: one published as its last good version keeps no say), merged, by tag.
    ListingError when two files name one tag differently."""
    from . import curation

    if reading is None:
        files = [source.curation]
    else:
        files = [listing.source.curation for listing in reading.listings if listing.source.name not in reading.kept]
    names: dict[str, tuple[str, Path]] = {}
    for path in files:
        for tag, name in curation.topic_names(path).items():
            if tag in names and names[tag][0] != name:
                from .errors import ListingError, Problem

                other, where = names[tag]
                raise ListingError([Problem(str(path), 0, f"[topics] names {tag!r} {name!r}, but {where} names it "
                                                          f"{other!r}; name it once")])
            names.setdefault(tag, (name, path))
    return tuple(sorted((tag, name) for tag, (name, _) in names.items()))


def normalise_base_url(url: str | None) -> str | None:
    if url is None or url == "":
        return None
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"base URL {url!r} must start with http:// or https://")
    return url if url.endswith("/") else url + "/"


def load_sessions(source: Source, site: SiteConfig | None = None, zone: str | None = None):
    """Parse and curate the listing; raises ListingError with every problem. The site's
    short ``name`` titles the sessions whose listing and description give none;
    ``zone`` is the zone of time lines that name none."""
    from . import curation, listing

    name = (site or load_site_config(source)).name
    sessions = listing.parse(source.read_bytes(), source.name, series=name, zone=zone)
    return curation.apply(sessions, source.curation)


def load(
    source: str | Path | Source | None = None,
    *,
    base_url: str | None = None,
    now: datetime | None = None,
    record_history: bool = False,
) -> Catalog:
    """The whole load step. With ``record_history`` the history file is updated with
    what changed (the server does this; everything else reads)."""
    from . import history as hist

    src = source if isinstance(source, Source) else Source.of(source)
    catalog, changed = load_with_changes(src, base_url=base_url, now=now)
    if record_history and changed and src.history is not None:
        hist.save(catalog.history, src.history)
    return catalog


def load_with_changes(
    source: Source,
    *,
    base_url: str | None = None,
    now: datetime | None = None,
    allow_removals: bool = False,
    withdrawn: list[str] | None = None,
    readings: list | None = None,
) -> tuple[Catalog, bool]:
    """The load step without writing anything: the catalog, and whether its history
    differs from the history file (``wipofeeds build`` saves it just before the swap).
    Published sessions the listing no longer holds are withdrawn (their ids are added
    to ``withdrawn``); more than half of them at once raises RemovalError unless
    ``allow_removals``: a listing cut short must not empty every calendar.
    A data folder with series listings is read by :mod:`wipofeeds.library` (its
    :class:`~wipofeeds.library.Reading` is added to ``readings``)."""
    from . import history as hist

    settings = read_settings(source)  # once: the site's and the series' settings
    site = load_site_config(source, base_url, settings)
    reading = None
    if source.series_listings:
        from . import library

        reading = library.read(source, site, settings.get("series", {}), load_sessions)
        sessions = [s for group in reading.sessions for s in group]
        if readings is not None:
            readings.append(reading)
    else:
        sessions = load_sessions(source, site)
    path = source.history
    old = hist.load(path) if path is not None else History()
    removed = hist.removals(old, sessions)
    if removed:
        published = len(hist.published(old))
        if 2 * len(removed) > published and not allow_removals:
            raise RemovalError(source.name, removed, published)
        if withdrawn is not None:
            withdrawn.extend(removed)
    new = hist.update(old, sessions, now or clock.now())
    changed = new != old
    del old
    hist.share_text(new, sessions)
    site = replace(site, topics=topics(source, reading))
    if reading is not None:
        return library.catalogs(reading, new, site), changed
    return Catalog(tuple(sessions), new, site), changed
