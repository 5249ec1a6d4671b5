"""Publish step: the one mapping of site paths to bodies.

``build_site(catalog)`` decides every published path and renders its body once. The
static exporter writes this mapping to disk and the Flask app serves it from memory, so
the two cannot drift apart. Filtered collections (per year, mode and tag) are part of the
mapping at their path forms (``year/2025/calendar.ics``); the web app renders other
filters (``?q=…``) on demand with :func:`render_collection`, the same function.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, cached_property
from html import escape

from .errors import FilterError
from .model import Catalog, Mode, Session
from .render import Format, formats
from .tags import SLUG
from .wording import iso_utc
from .writer import compress

# Collections of the whole site, and what any query filter offers (web app).
COLLECTIONS = ("calendar.ics", "feed.rss", "feed.atom", "feed.json", "sessions.json")
# What a path form (year/2025/, mode/virtual/, tag/copyright/) publishes: what people
# subscribe to. sessions.json is the whole data set for programs, published once (the
# app still filters it by query); a copy per year, mode and topic would multiply the
# biggest file of the site by the number of filters a session is in.
PATH_COLLECTIONS = ("calendar.ics", "feed.rss", "feed.atom", "feed.json")
# Site-wide feeds that also take query filters (the changes of the sessions kept).
CHANGE_FEEDS = ("changes.rss", "changes.atom")

CACHE_CONTROL = {
    "calendar": "public, max-age=3600",
    "feed": "public, max-age=900",
    "json": "public, max-age=900",
    "html": "public, max-age=300",
    "asset": "public, max-age=86400",
    "text": "public, max-age=3600",
}
# Kinds any origin may fetch (feed readers and programs in browsers).
CORS_KINDS = frozenset({"calendar", "feed", "json"})
# Host configuration written by the exporter only; the web app does not serve them.
HOST_FILES = ("_headers", ".htaccess")
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def headers_for(resource: "Resource") -> dict[str, str]:
    """The response headers a resource is published with, besides validators and
    encoding. One table for the Flask app and the static host files, so they agree."""
    headers = {
        "Content-Type": resource.media_type,
        "Cache-Control": CACHE_CONTROL[resource.kind],
        "X-Content-Type-Options": "nosniff",
    }
    if resource.kind in CORS_KINDS:
        headers["Access-Control-Allow-Origin"] = "*"
    if resource.kind == "html":
        headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    return headers


@dataclass(frozen=True)
class Resource:
    """A published body with what HTTP needs to serve it."""

    body: bytes
    media_type: str
    kind: str
    last_modified: datetime

    @cached_property
    def etag(self) -> str:
        """Strong validator: changes whenever a single byte of the body does."""
        return '"' + hashlib.sha256(self.body).hexdigest()[:32] + '"'

    @cached_property
    def gzipped(self) -> bytes:
        """Precompressed once per body, as the exporter's ``.gz`` files are."""
        return compress(self.body)

    @property
    def compressible(self) -> bool:
        return self.media_type.startswith(("text/", "application/"))


# --- filters --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filter:
    """A subset of sessions. Path forms exist for a single year, mode or tag."""

    year: int | None = None
    mode: Mode | None = None
    tag: str | None = None
    start: date | None = None  # "from": sessions ending on or after
    end: date | None = None  # "to": sessions starting on or before
    upcoming: bool = False
    q: str | None = None

    PARAMETERS = ("year", "mode", "tag", "from", "to", "upcoming", "q")

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "Filter":
        """Parse query parameters; a bad value raises FilterError naming the parameter."""

        def one(name: str) -> str | None:
            value = args.get(name)
            return None if value is None or value.strip() == "" else value.strip()

        values: dict = {}
        if (raw := one("year")) is not None:
            if not (raw.isascii() and raw.isdigit() and 1900 <= int(raw) <= 2999):
                raise FilterError("year", f"{raw!r} is not a year (expected e.g. 2025)")
            values["year"] = int(raw)
        if (raw := one("mode")) is not None:
            try:
                values["mode"] = Mode(raw.lower())
            except ValueError:
                known = ", ".join(m.value for m in Mode)
                raise FilterError("mode", f"{raw!r} is not a mode (expected one of {known})") from None
        if (raw := one("tag")) is not None:
            if not SLUG.fullmatch(raw.lower()):
                raise FilterError("tag", f"{raw[:60]!r} is not a tag (expected words joined by hyphens, e.g. copyright)")
            values["tag"] = raw.lower()
        for name, key in (("from", "start"), ("to", "end")):
            if (raw := one(name)) is not None:
                try:
                    values[key] = date.fromisoformat(raw)
                except ValueError:
                    raise FilterError(name, f"{raw!r} is not a date (expected YYYY-MM-DD)") from None
        if values.get("start") and values.get("end") and values["end"] < values["start"]:
            raise FilterError("to", "is before 'from'")
        if (raw := one("upcoming")) is not None:
            if raw.lower() not in ("1", "true", "yes", "0", "false", "no"):
                raise FilterError("upcoming", f"{raw!r} is not a yes/no value (expected 1 or 0)")
            values["upcoming"] = raw.lower() in ("1", "true", "yes")
        if (raw := one("q")) is not None:
            values["q"] = raw[:200]
        return cls(**values)

    @property
    def is_empty(self) -> bool:
        return self == Filter()

    @property
    def needs_today(self) -> bool:
        return self.upcoming

    def apply(self, sessions: Iterable[Session], today: date | None = None) -> tuple[Session, ...]:
        needle = self.q.casefold() if self.q else None
        kept = []
        for s in sessions:
            if self.year is not None and not (s.first_day.year <= self.year <= s.last_day.year):
                continue
            if self.mode is not None and s.mode is not self.mode:
                continue
            if self.tag is not None and self.tag not in s.tags:
                continue
            if self.start is not None and s.last_day < self.start:
                continue
            if self.end is not None and s.first_day > self.end:
                continue
            if self.upcoming and (today is None or s.last_day < today):
                continue
            if needle and needle not in _haystack(s):
                continue
            kept.append(s)
        return tuple(kept)

    @property
    def path_prefix(self) -> str | None:
        """'year/2025/', 'mode/virtual/', 'tag/copyright/' when a path form exists."""
        set_fields = [(k, v) for k, v in (("year", self.year), ("mode", self.mode), ("tag", self.tag)) if v is not None]
        if len(set_fields) != 1 or self.start or self.end or self.upcoming or self.q:
            return None
        key, value = set_fields[0]
        return f"{key}/{value}/"


def _haystack(s: Session) -> str:
    return " ".join((s.code, s.title, s.location or "", *s.paragraphs, *s.tags)).casefold()


def path_filters(catalog: Catalog) -> list[tuple[str, Filter]]:
    """Every filter with a path form the site publishes: each year with sessions, every
    mode (so a link to an empty mode stays valid), each tag in use."""
    years = sorted({y for s in catalog.sessions for y in range(s.first_day.year, s.last_day.year + 1)}, reverse=True)
    tags = sorted({t for s in catalog.sessions for t in s.tags})
    filters = [Filter(year=y) for y in years] + [Filter(mode=m) for m in Mode] + [Filter(tag=t) for t in tags]
    return [(f.path_prefix or "", f) for f in filters]


def path_views(catalog: Catalog) -> list[tuple[str, Filter, tuple[Session, ...]]]:
    """Every filter of :func:`path_filters` with the sessions it keeps (in catalog order,
    as ``Filter.apply`` keeps them; a test holds them equal), sorted out in one pass over
    the sessions rather than one per filter, and once per catalog data: the build and
    the home page's counts both need them."""

    def compute():
        filters = path_filters(catalog)
        buckets: dict[tuple[str, object], list[Session]] = {}
        for _, flt in filters:
            buckets[_bucket(flt)] = []
        for s in catalog.sessions:
            for year in range(s.first_day.year, s.last_day.year + 1):
                buckets[("year", year)].append(s)
            if s.mode is not None:  # a session whose listing states no mode is in no mode's view
                buckets[("mode", s.mode)].append(s)
            for tag in dict.fromkeys(s.tags):
                buckets[("tag", tag)].append(s)
        return [(prefix, flt, tuple(buckets[_bucket(flt)])) for prefix, flt in filters]

    return catalog.remember(("site.views",), compute)


def _bucket(flt: Filter) -> tuple[str, object]:
    if flt.year is not None:
        return ("year", flt.year)
    if flt.mode is not None:
        return ("mode", flt.mode)
    return ("tag", flt.tag)


# --- rendering ------------------------------------------------------------------------


def _last_modified(catalog: Catalog, subset: Catalog) -> datetime:
    """A collection's last change: its sessions' latest, or the whole catalog's when empty."""
    return subset.updated if subset.sessions else catalog.updated


def _collection_format(name: str) -> Format:
    for fmt in formats("collection") + formats("site"):
        if fmt.name == name and (fmt.scope == "collection" or name in CHANGE_FEEDS):
            return fmt
    raise KeyError(name)


def render_collection(catalog: Catalog, sessions: Iterable[Session], name: str, path: str) -> Resource:
    """Render collection ``name`` ('feed.rss'…, or a change feed) of ``sessions``,
    published at ``path``."""
    return _render_view(catalog, catalog.with_sessions(sessions), name, path)


def _render_view(catalog: Catalog, subset: Catalog, name: str, path: str) -> Resource:
    fmt = _collection_format(name)
    return Resource(fmt.render(subset, path), fmt.media_type, fmt.kind, _last_modified(catalog, subset))


def build_site(catalog: Catalog) -> dict[str, Resource]:
    """Every published path → its Resource, in a stable order (what the web app serves)."""
    site: dict[str, Resource] = {}
    for path, resource in iter_site(catalog):
        if path in site:
            raise ValueError(f"{path} published twice")
        site[path] = resource
    return dict(sorted(site.items()))


# The order a build renders in. Each step renders its collections (whole and filtered)
# and per-session files, then drops the fragments no later step needs, so a build of
# many sessions holds one kind of fragment at a time. Formats registered later (and not
# named here) are rendered after these steps.
BUILD_STEPS = (
    # (collections, session file suffixes, memo prefixes to drop afterwards)
    ((), (".html",), ("html.",)),
    (("feed.rss", "feed.atom"), (), ("feeds.entry",)),  # fills calendar.vevent for ics_size
    (("calendar.ics",), (".ics",), ("calendar.",)),
    (("feed.json",), (), ("jsonapi.item", "feeds.")),
    (("sessions.json",), (".json",), ("jsonapi.",)),
)


def session_file(catalog: Catalog, fmt: Format, session: Session) -> tuple[str, Resource]:
    """A session's own file in format ``fmt`` ('.html', '.ics'…): its path and Resource."""
    path = f"sessions/{session.id}{fmt.name}"
    modified = catalog.record(session).last_modified
    return path, Resource(fmt.render(catalog, session, path), fmt.media_type, fmt.kind, modified)


def site_file(catalog: Catalog, fmt: Format) -> tuple[str, Resource]:
    """A file of the whole site ('index.html', 'changes.rss'…): its path and Resource."""
    return fmt.name, Resource(fmt.render(catalog, fmt.name), fmt.media_type, fmt.kind, catalog.updated)


def collection_file(catalog: Catalog, name: str) -> tuple[str, Resource]:
    """A collection of the whole catalog ('sessions.json'…): its path and Resource."""
    return name, _render_view(catalog, catalog, name, name)


SITEMAP = "sitemap.xml"
SITEMAP_MEDIA_TYPE = "application/xml; charset=utf-8"


def sitemap_file(catalog: Catalog) -> tuple[str, Resource]:
    return SITEMAP, Resource(render_sitemap(catalog), SITEMAP_MEDIA_TYPE, "text", catalog.updated)


def describe(catalog: Catalog, path: str, body: bytes) -> Resource:
    """The Resource :func:`iter_site` publishes at ``path`` with ``body``, for a site file,
    the sitemap, a whole collection or a session's file: what a file rendered in another
    process needs to join the build's stream (its media type, kind and last change)."""
    if path == SITEMAP:
        return Resource(body, SITEMAP_MEDIA_TYPE, "text", catalog.updated)
    if path.startswith("sessions/"):  # once per page: a session id holds no "." (model.session_id)
        sid, dot, suffix = path[len("sessions/") :].partition(".")
        fmt = session_format(dot + suffix)
        return Resource(body, fmt.media_type, fmt.kind, catalog.record(catalog.by_id[sid]).last_modified)
    # A collection of the whole catalog changes when the catalog does, as a site file.
    fmt = _collection_format(path) if path in COLLECTIONS else site_format(path)
    return Resource(body, fmt.media_type, fmt.kind, catalog.updated)


# Looked up once each: a registered format is never replaced (register refuses that).
@cache
def session_format(suffix: str) -> Format:
    return {fmt.name: fmt for fmt in formats("session")}[suffix]


@cache
def site_format(name: str) -> Format:
    return {fmt.name: fmt for fmt in formats("site")}[name]


def iter_site(catalog: Catalog, *, leave: tuple[str, ...] = ()) -> Iterator[tuple[str, Resource]]:
    """Every published path and its Resource, rendered one at a time in a fixed order,
    so the exporter can write a site of any size without holding it all.
    ``leave``: site files, whole collections, the sitemap and session file suffixes not
    rendered here (another process renders them, :mod:`wipofeeds.helper`)."""
    if catalog.site.base_url is None:
        raise ValueError("the site needs a catalog whose site has a base URL")
    for fmt in formats("site"):
        if fmt.name not in leave:
            yield site_file(catalog, fmt)
    # Each view made once: the formats of one view share what it works out (its latest).
    views = [("", catalog)] + [(prefix, catalog.with_sessions(kept)) for prefix, _, kept in path_views(catalog)]
    session_formats = {fmt.name: fmt for fmt in formats("session")}
    named = {name for step in BUILD_STEPS for name in step[0] + step[1]}
    rest = (tuple(n for n in COLLECTIONS if n not in named), tuple(n for n in session_formats if n not in named), ())
    for collections, suffixes, drop in (*BUILD_STEPS, rest):
        for name in collections:
            for prefix, view in views if name in PATH_COLLECTIONS else views[:1]:
                if prefix + name not in leave:
                    yield prefix + name, _render_view(catalog, view, name, prefix + name)
        for suffix in suffixes:
            if suffix not in leave:
                fmt = session_formats[suffix]
                for session in catalog.sessions:
                    yield session_file(catalog, fmt, session)
        catalog.forget(drop)
    if SITEMAP not in leave:
        yield sitemap_file(catalog)


def render_sitemap(catalog: Catalog) -> bytes:
    """sitemap.xml: the home page and every session page, with their last change."""
    rows = [(catalog.site.url(""), catalog.updated)]
    rows += [(catalog.site.url(f"sessions/{s.id}.html"), catalog.record(s).last_modified) for s in catalog.sessions]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, modified in rows:
        lastmod = iso_utc(modified)
        lines.append(f"  <url><loc>{escape(loc)}</loc><lastmod>{lastmod}</lastmod></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
