"""Publish step: the one mapping of site paths to bodies.

The pipeline: parse → model → views → formats → **site** → publish (export | web).
``build_site(catalog)`` decides every published path and renders its body once. The
static exporter writes this mapping to disk and the Flask app serves it from memory, so
the two cannot drift apart. Filtered collections (per year, mode and tag) are part of the
mapping at their path forms (``year/2025/calendar.ics``), beside the page of each view
with sessions (``year/2025/index.html``); the web app renders other filters (``?q=…``)
on demand with :func:`render_collection`, the same function.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache, cached_property
from html import escape

from .model import Catalog, Session
from .render import Format, clear_all, formats
from .render.html import NOT_FOUND, SERIES_INDEX, SERIES_SCRIPT, series_script
from .render.pages import VIEW_PAGE
from . import views
from .views import Filter, path_filters, path_views

__all__ = [  # what the exporter, the web app and tests use
    "CHANGE_FEEDS", "COLLECTIONS", "HOST_FILES", "OTHER_LANGUAGES", "PATH_COLLECTIONS", "Filter", "Resource",
    "build_site", "headers_for", "iter_site", "language_files", "path_filters", "path_views", "render_collection",
    "session_file", "session_format", "session_languages", "site_format",
]
from .wording import DEFAULT, LANGUAGES, iso_utc, language_prefix, split_language

# Collections of the whole site, and what any query filter offers (web app).
COLLECTIONS = ("calendar.ics", "feed.rss", "feed.atom", "feed.json", "sessions.json")
# What a path form (year/2025/, mode/virtual/, tag/copyright/) publishes: what people
# subscribe to. sessions.json is the whole data set for programs, published once (the
# app still filters it by query); a copy per year, mode and topic would multiply the
# biggest file of the site by the number of filters a session is in.
PATH_COLLECTIONS = ("calendar.ics", "feed.rss", "feed.atom", "feed.json")
# Besides, every view with sessions has its page at its path form (year/2025/index.html),
# rendered as a collection of the view's sessions (render/pages.py); an empty view has none.
# Site-wide feeds that also take query filters (the changes of the sessions kept).
CHANGE_FEEDS = ("changes.rss", "changes.atom")
# Site files every part of a site with several listings has at its path (the default
# listing's at the root, each series' under series/<slug>/, every session's under all/);
# the others (assets, the JSON schema) are the site's, once.
PART_FILES = ("index.html", *CHANGE_FEEDS)
# The other languages WIPO works in: each has the site's pages under its prefix ('fr/',
# 'fr/sessions/<id>.html', 'fr/year/2025/index.html'), and each part's whole calendar
# with its events' descriptions in its words ('fr/calendar.ics'; the same UIDs).
# Feeds and data stay English, once.
OTHER_LANGUAGES = tuple(language for language in LANGUAGES if language != DEFAULT)
TRANSLATED_SESSION_FILES = (".html",)
TRANSLATED_COLLECTIONS = (VIEW_PAGE, "calendar.ics")  # a view's page; each part's whole calendar

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


GZIP_LEVEL = 6  # zlib's default: level 9 took twice as long for 1-2% smaller text files


def compress(body: bytes) -> bytes:
    """gzip, reproducibly (mtime 0): the web app's compressed bodies, the same bytes as
    the exporter's ``.gz`` files."""
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


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


# --- rendering ------------------------------------------------------------------------


def _last_modified(catalog: Catalog, subset: Catalog) -> datetime:
    """A collection's last change: its sessions' latest, or the whole catalog's when empty."""
    return subset.updated if subset.sessions else catalog.updated


@cache  # a registered format is never replaced (register refuses that)
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
# and per-session files, then tells its formats to drop their fragments, so a build of
# many sessions holds one kind of fragment at a time. Formats registered later (and not
# named here) are rendered after these steps. The feeds come before the calendar: they
# state each listed session's .ics size, which fills a few of the calendar's VEVENTs
# that its own step then reuses.
BUILD_STEPS = (
    # (collections, session file suffixes)
    ((VIEW_PAGE,), (".html",)),
    (("feed.rss", "feed.atom"), ()),
    (("calendar.ics",), (".ics",)),
    (("feed.json",), ()),
    (("sessions.json",), (".json",)),
)


def session_file(catalog: Catalog, fmt: Format, session: Session, language: str = DEFAULT) -> tuple[str, Resource]:
    """A session's own file in format ``fmt`` ('.html', '.ics'…), in ``language`` (its
    pages only): its path and Resource."""
    path = f"{language_prefix(language)}sessions/{session.id}{fmt.name}"
    modified = catalog.record(session).last_modified
    return path, Resource(fmt.render(catalog, session, path), fmt.media_type, fmt.kind, modified)


def session_languages(fmt: Format) -> tuple[tuple[str, ...], ...]:
    """The languages a session's file in ``fmt`` is published in, as the arguments
    :func:`session_file` takes after the session: English (none), and every other
    language for its page."""
    return ((),) + (tuple((language,) for language in OTHER_LANGUAGES) if fmt.name in TRANSLATED_SESSION_FILES else ())


def site_file(catalog: Catalog, fmt: Format, prefix: str = "") -> tuple[str, Resource]:
    """A file of the whole site ('index.html', 'changes.rss'…), or of its part at
    ``prefix``: its path and Resource. The format is given the whole catalog and
    finds its part by the path (``Catalog.part``): the home page lists every series."""
    path = prefix + fmt.name
    return path, Resource(fmt.render(catalog, path), fmt.media_type, fmt.kind, catalog.part(split_language(path)[1]).updated)


def collection_file(catalog: Catalog, name: str) -> tuple[str, Resource]:
    """A collection of the whole catalog ('sessions.json'…): its path and Resource."""
    return name, _render_view(catalog, catalog, name, name)


SITEMAP = "sitemap.xml"
SITEMAP_MEDIA_TYPE = "application/xml; charset=utf-8"


def sitemap_file(catalog: Catalog) -> tuple[str, Resource]:
    return SITEMAP, Resource(render_sitemap(catalog), SITEMAP_MEDIA_TYPE, "text", catalog.updated)


def series_index_file(catalog: Catalog, prefix: str = "") -> tuple[str, Resource]:
    """The page of every series (with several listings), in the language of ``prefix``
    ('fr/'): its path and Resource; it changes when any series does."""
    fmt, path = site_format("index.html"), prefix + SERIES_INDEX
    return path, Resource(fmt.render(catalog, path), fmt.media_type, fmt.kind, catalog.updated)


# Looked up once each: a registered format is never replaced (register refuses that).
@cache
def session_format(suffix: str) -> Format:
    return {fmt.name: fmt for fmt in formats("session")}[suffix]


@cache
def site_format(name: str) -> Format:
    return {fmt.name: fmt for fmt in formats("site")}[name]


def iter_site(
    catalog: Catalog, *, leave: tuple[str, ...] = (), languages: tuple[str, ...] = OTHER_LANGUAGES
) -> Iterator[tuple[str, Resource]]:
    """Every published path and its Resource, rendered one at a time in a fixed order,
    so the exporter can write a site of any size without holding it all: the English
    site, then the pages of each other language (:func:`language_files`), then the sitemap.
    ``leave``: site files, whole collections, the sitemap and session file suffixes not
    rendered here; ``languages``: the other languages rendered here (another process
    renders the rest). Every format's fragments are dropped when the stream ends,
    however it ends."""
    if catalog.site.base_url is None:
        raise ValueError("the site needs a catalog whose site has a base URL")
    yield from _site_files(catalog, leave)
    subsets = _subsets(catalog)
    session_formats = {fmt.name: fmt for fmt in formats("session")}
    named = {name for step in BUILD_STEPS for name in step[0] + step[1]}
    rest = (tuple(n for n in COLLECTIONS if n not in named), tuple(n for n in session_formats if n not in named))
    try:
        for collections, suffixes in (*BUILD_STEPS, rest):
            yield from _step(catalog, subsets, collections, [session_formats[s] for s in suffixes if s not in leave], leave)
        for language in languages:
            yield from language_files(catalog, language, leave, subsets)
        if SITEMAP not in leave:
            yield sitemap_file(catalog)
    finally:
        clear_all()
        views.clear()


def _subsets(catalog: Catalog) -> list[tuple[str, Catalog, Catalog]]:
    """Each part of the site and each of its views, as (path prefix, part, subset), made
    once: a subset's formats share what the views work out for it (its latest)."""
    return [
        subset
        for prefix, part in catalog.parts
        for subset in [(prefix, part, part)] + [(prefix + view, part, part.with_sessions(kept)) for view, _, kept in path_views(part)]
    ]


def language_files(
    catalog: Catalog, language: str, leave: tuple[str, ...] = (), subsets: list | None = None
) -> Iterator[tuple[str, Resource]]:
    """The pages of one other ``language``, under its prefix ('fr/'): each part's home
    page, its page for addresses with nothing (404), the page of every series, each view's page and each part's whole calendar
    (its dates in that language), and every session's page (unless ``leave`` holds
    '.html': then a pool renders them with the English ones). Its fragments are
    dropped once they are all rendered."""
    words = language_prefix(language)
    home = site_format("index.html")
    try:
        for prefix, _ in catalog.parts:
            if words + prefix + home.name not in leave:
                yield site_file(catalog, home, words + prefix)
        if words + NOT_FOUND not in leave:
            yield site_file(catalog, site_format(NOT_FOUND), words)
        if catalog.sections and words + SERIES_INDEX not in leave:
            yield series_index_file(catalog, words)
        for name in TRANSLATED_COLLECTIONS:
            for prefix, part, subset in subsets if subsets is not None else _subsets(catalog):
                path = words + prefix + name
                if _publishes(name, part, subset) and (name == VIEW_PAGE or subset is part) and path not in leave:
                    yield path, _render_view(part, subset, name, path)
        for suffix in (s for s in TRANSLATED_SESSION_FILES if s not in leave):
            fmt = session_format(suffix)
            for session in catalog.sessions:
                yield session_file(catalog, fmt, session, language)
    finally:
        clear_all()


def _site_files(catalog: Catalog, leave) -> Iterator[tuple[str, Resource]]:
    """The site files (each part's home page and change feeds; the assets and schema
    once) and, with several listings, the page of every series and its script."""
    for fmt in formats("site"):
        for prefix in [prefix for prefix, _ in catalog.parts] if fmt.name in PART_FILES else [""]:
            if prefix + fmt.name not in leave:
                yield site_file(catalog, fmt, prefix)
    if catalog.sections and SERIES_INDEX not in leave:
        yield series_index_file(catalog)
        yield SERIES_SCRIPT, Resource(series_script(), site_format("assets/app.js").media_type, "asset", catalog.updated)


def _step(catalog: Catalog, subsets, collections, session_formats: list[Format], leave) -> Iterator[tuple[str, Resource]]:
    """One build step: ``collections`` of every subset they are published for (each
    part's whole one, and for the path collections its years, modes and topics), then
    each session's file in ``session_formats``; then those formats drop their fragments."""
    for name in collections:
        for prefix, part, subset in subsets:
            if _publishes(name, part, subset) and prefix + name not in leave:
                yield prefix + name, _render_view(part, subset, name, prefix + name)
    for fmt in session_formats:
        for session in catalog.sessions:
            yield session_file(catalog, fmt, session)
    for fmt in [_collection_format(name) for name in collections] + session_formats:
        fmt.clear()


def _publishes(name: str, part: Catalog, subset: Catalog) -> bool:
    """Whether collection ``name`` is published for ``subset`` of ``part``: every one
    for the part itself, the path collections for each of its views, and a view's page
    for each view with sessions (the part's own page is a site file)."""
    if name == VIEW_PAGE:
        return subset is not part and bool(subset.sessions)
    return subset is part or name in PATH_COLLECTIONS


def view_pages(catalog: Catalog) -> Iterator[tuple[str, Catalog]]:
    """The folder of every view page ('year/2025/', 'series/sccr/tag/copyright/') and
    the catalog of its sessions."""
    for prefix, part in catalog.parts:
        for view, _, kept in path_views(part):
            if kept:
                yield prefix + view, part.with_sessions(kept)


def render_sitemap(catalog: Catalog) -> bytes:
    """sitemap.xml: the home page (and each part's), the page of every view, and every
    session page, with their last change; then the same in every other language."""
    rows = [(prefix, part.updated) for prefix, part in catalog.parts]
    if catalog.sections:
        rows.insert(1, (SERIES_INDEX, catalog.updated))
    rows += [(folder, subset.updated) for folder, subset in view_pages(catalog)]
    rows += [(f"sessions/{s.id}.html", catalog.record(s).last_modified) for s in catalog.sessions]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for language in (DEFAULT, *OTHER_LANGUAGES):
        for page, modified in rows:
            loc = catalog.site.url(language_prefix(language) + page)
            lines.append(f"  <url><loc>{escape(loc)}</loc><lastmod>{iso_utc(modified)}</lastmod></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
