"""Load step for a data folder of several listings: one per meeting series.

    data/sessions.txt          the default listing, published at the site's root
    data/series/<slug>.txt     one listing per series, published under series/<slug>/
    data/series/<slug>.toml    its curated additions (optional)
    data/site.toml             [series.<slug>]: name, title, description, url, zone
    data/sessions.history.json the one history of every session of every listing
    data/last-good/            the last listing of each series that read without errors

Every session is published once (``sessions/<id>.*``) and listed by its series and by
``all/``; its id and UID come from its document code alone, so it is the same event in
every calendar, and the shared history keeps its sequence when it moves to another
listing. A code in two listings is an error naming both places.

A listing with errors does not stop the others: its series is published as its last
good listing (``last-good/``, saved after every publication), the errors are reported
(the build exits non-zero; the live app's ``/healthz`` names the listing). With no last
good listing to fall back on, nothing is published: never a series emptied by a typo.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import ListingError, Problem
from .safefiles import write_atomically
from .model import N_, Catalog, History, SeriesConfig, Session, SiteConfig
from .tags import SLUG
from .titles import BODIES

LAST_GOOD = "last-good"
ALL = "all/"
ALL_TITLE = N_("Every WIPO meeting series")
EVERY_SESSION = N_("Every session of %(names)s.")  # the description of all/


# The catalog's loader of one listing (catalog.load_sessions), which calls this module:
# given, not imported, so the load step has no import cycle.
Load = Callable[..., list[Session]]


@dataclass(frozen=True)
class Listing:
    """One listing of the folder and the series it publishes."""

    config: SeriesConfig
    source: Any  # catalog.Source


@dataclass(frozen=True)
class Reading:
    """What the listings hold: every session by listing, in the folder's order, and the
    problems of the listings that fell back on their last good version."""

    listings: tuple[Listing, ...]
    sessions: tuple[tuple[Session, ...], ...]
    problems: tuple[Problem, ...]
    kept: tuple[str, ...]  # the files of the listings published as their last good version


def listings(source, site: SiteConfig, settings: dict) -> tuple[Listing, ...]:
    """The default listing's series (from the top-level settings), then each
    ``series/<slug>.txt`` with its ``[series.<slug>]`` settings."""
    default = SeriesConfig(site.slug or slug_of(site.name), site.name, site.title, site.description, "", None, None)
    found = [Listing(default, source)]
    for path in source.series_listings:
        slug = path.stem
        if not SLUG.fullmatch(slug) or slug == default.slug:
            raise ListingError([Problem(str(path), 0, f"a series file name must be a slug of lower-case letters, "
                                                        f"digits and '-', other than {default.slug!r}")])
        found.append(Listing(series_config(slug, settings.get(slug, {}), str(path)), source.series_source(path)))
    unknown = sorted(set(settings) - {listing.config.slug for listing in found})
    if unknown:
        raise ListingError([Problem(str(source.site_config), 0, f"[series.{slug}] has no listing "
                                                                  f"{source.listing.parent}/series/{slug}.txt")
                            for slug in unknown])
    return tuple(found)


def series_config(slug: str, values: dict, where: str) -> SeriesConfig:
    """``[series.<slug>]``; a series without settings is named after its codes' body
    ('sccr' → 'Standing Committee on Copyright and Related Rights')."""
    known = {"name", "title", "description", "url", "zone"}
    if unknown := sorted(set(values) - known):
        raise ListingError([Problem(where, 0, f"unknown setting(s) {', '.join(unknown)} in [series.{slug}]; "
                                              f"known: {', '.join(sorted(known))}")])
    body = BODIES.get(slug.upper().replace("-", "/"), slug.upper())
    name = values.get("name", body)
    title = values.get("title", name if name == body else body)
    description = values.get("description", f"Sessions of the {title}: dates, local times and topics, "
                                            "as a calendar and as feeds.")
    return SeriesConfig(slug, name, title, description, f"series/{slug}/", values.get("url"), values.get("zone"))


def slug_of(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split()) or "main"


def read(source, site: SiteConfig, settings: dict, load: Load, *, fallback: bool = True) -> Reading:
    """Every listing, read: a listing with errors (or holding a code another listing
    already holds) is replaced by its last good version. Raises ListingError with every
    problem of every listing when one has none to fall back on (or without ``fallback``:
    ``wipofeeds check`` reports, it publishes nothing)."""
    found = listings(source, site, settings)
    sessions: list[tuple[Session, ...]] = []
    problems: list[Problem] = []
    kept: list[str] = []
    places: dict[str, tuple[str, int]] = {}  # session id → where it is listed
    stuck = not fallback
    for listing in found:
        config = listing.config
        try:
            read_sessions = _tagged(load(listing.source, replace(site, name=config.name), zone=config.zone), config)
            if clashes := [_clash(s, places, listing.source.name) for s in read_sessions if s.id in places]:
                raise ListingError(clashes)
        except ListingError as exc:
            problems += exc.problems
            kept.append(listing.source.name)
            read_sessions = ()
            if fallback:
                try:
                    read_sessions = tuple(s for s in _last_good(listing, site, load) if s.id not in places)
                except ListingError as none:
                    problems += none.problems
                    stuck = True
        for s in read_sessions:
            places[s.id] = (listing.source.name, s.line)
        sessions.append(read_sessions)
    if stuck and problems:
        raise ListingError(problems)
    return Reading(found, tuple(sessions), tuple(problems), tuple(kept))


def _tagged(sessions, config: SeriesConfig) -> tuple[Session, ...]:
    return tuple(replace(s, series=config.slug) for s in sessions)


def _clash(session: Session, places: dict[str, tuple[str, int]], name: str) -> Problem:
    other, line = places[session.id]
    return Problem(name, session.line, f"document code '{session.code}' is also listed in {other}:{line}; "
                                       "a session belongs to one listing (move it: its history moves with it)")


def last_good_path(listing: Listing, suffix: str = ".txt") -> Path:
    """Where the listing's last good version is kept: ``data/last-good/<file>``."""
    shared = listing.source.shared or listing.source.listing
    name = listing.source.listing.stem if listing.source.shared else "sessions"
    return shared.parent / LAST_GOOD / (name + suffix)


def _last_good(listing: Listing, site: SiteConfig, load: Load) -> tuple[Session, ...]:
    """The listing as it last read without errors, or ListingError when there is none."""
    path = last_good_path(listing)
    if not path.is_file():
        raise ListingError([Problem(listing.source.name, 0, f"no last good version ({path}) to publish instead; "
                                                            "nothing was published")])
    kept = listing.source._replace(listing=path, shared=listing.source.shared or listing.source.listing)
    config = listing.config
    return _tagged(load(kept, replace(site, name=config.name), zone=config.zone), config)


def save_copy(path: Path, data: bytes | None) -> None:
    """Write a last good copy at ``path`` (None: there is no such file, so none)."""
    if data is None:
        path.unlink(missing_ok=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)


def keep_good(reading: Reading) -> list[tuple[Path, bytes | None]]:
    """What to save as each good listing's last good version (listing and curation
    bytes, None: no curation file), to be written once the publication is out."""
    saves = []
    for listing in reading.listings:
        if listing.source.name in reading.kept:
            continue
        saves.append((last_good_path(listing), listing.source.read_bytes()))
        curation = listing.source.curation
        saves.append((last_good_path(listing, ".toml"), curation.read_bytes() if curation and curation.is_file() else None))
    return saves


def catalogs(reading: Reading, history: History, site: SiteConfig) -> Catalog:
    """The catalog of the whole site: every session, and its sections (the default
    listing's at the root, each series', all of them under ``all/``)."""
    configs = tuple(listing.config for listing in reading.listings)
    root = replace(site, series=configs, slug=configs[0].slug)
    everything = tuple(sorted((s for group in reading.sessions for s in group), key=lambda s: s.sort_key))
    sections = [
        (config.home, Catalog(group, history, root.of_series(config.slug)))
        for config, group in zip(configs, reading.sessions)
    ]
    names = ", ".join(config.title for config in configs)
    every = replace(root, title=ALL_TITLE, description=EVERY_SESSION % {"names": names}, home=ALL)
    sections.append((ALL, Catalog(everything, history, every)))
    return Catalog(everything, history, root, tuple(sections))
