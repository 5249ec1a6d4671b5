"""RSS 2.0 and Atom 1.0 with feedgen: one entry per session, and one per change.

A feed is what a reader polls for news, so it carries the sessions announced or changed
most recently (:func:`wipofeeds.views.latest`, also the JSON Feed's), and the change
feeds the latest changes (:mod:`.changes` words them); the calendars and
``sessions.json`` carry every session. A listing of thousands of meetings thus never
becomes a feed of many megabytes that readers time out on.

Readers de-duplicate by id and show an entry as updated when its date moves, so every id
here is a URN of the session (or change) alone, never of the host, and every date comes
from the change history, never from the clock. Readers sort by those dates, so entries
that share an instant (a first import) are dated one second apart, newest session
first, and written in that order (:func:`wipofeeds.views.feed_items`,
:func:`~wipofeeds.views.reader_dates`; the module docstring of :mod:`wipofeeds.views`
says why and how). feedgen's own traps are disarmed explicitly: it defaults
``updated``/``lastBuildDate`` to now and prepends entries.

A topic is a category whose term is its slug (what ``tag/<slug>/`` filters by), with
its display name as the Atom label (:func:`wipofeeds.views.topic_name`); RSS, which
has no label, keeps the slug.

A session's RSS item and Atom entry are built by feedgen once per build step and kept in
this format's :data:`ENTRIES` (per session, history record and site), then spliced into
every feed that lists the session.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache

from feedgen.entry import FeedEntry
from feedgen.ext.dc import DcEntryExtension
from feedgen.feed import FeedGenerator
from feedgen.util import formatRFC2822
from lxml import etree

from ..model import Catalog, ChangeKind, Session
from ..views import (
    ICS,
    FeedItem,
    change_urn,
    feed_items,
    feed_updated,
    ics_size,
    ics_url,
    page_url,
    reader_dates,
    session_urn,
    topic_name,
)
from ..wording import collection_title
from . import Fragments, register
from .changes import change_html, change_title, changes
from .text import entry_title, h, session_html, summary, xml_text

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"

# --- feeds ----------------------------------------------------------------------------


class _Entry(FeedEntry):
    """feedgen 1.0.0 writes Atom entry links with ``href`` only (lkiesow/python-feedgen#135),
    which turns the ``.ics`` enclosure into a second ``alternate`` link. Put ``rel``,
    ``type``… back on, from the links feedgen was given, in the same order.
    feedgen also writes an RSS category as its Atom label when it has one; where
    ``rss_categories`` is set, the RSS categories say those texts instead."""

    rss_categories: list[str] | None = None

    def rss_entry(self, extensions=True):
        item = super().rss_entry(extensions)
        if self.rss_categories is not None:
            for category, text in zip(item.findall("category"), self.rss_categories, strict=True):
                category.text = text
        return item

    def atom_entry(self, extensions=True):
        element = super().atom_entry(extensions)
        for link, data in zip(element.findall("link"), self.link() or [], strict=True):
            for attr in ("rel", "type", "hreflang", "title", "length"):
                if data.get(attr):
                    link.set(attr, data[attr])
        return element


def _add_entry(fg: FeedGenerator) -> FeedEntry:
    """Append (feedgen prepends by default, which would reverse our order)."""
    return fg.add_entry(_Entry(), order="append")


def _feed(catalog: Catalog, path: str, title: str, subtitle: str, updated: datetime) -> FeedGenerator:
    site = catalog.site
    atom = path.split("?", 1)[0].endswith(".atom")  # a filtered feed: "feed.atom?q=…"
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)  # RSS <author> must be an e-mail address
    fg.id("urn:wipofeeds:feed:" + path.replace("/", ":"))
    fg.title(xml_text(title))
    fg.subtitle(xml_text(subtitle))
    fg.link(href=site.url(path), rel="self", type=(ATOM if atom else RSS).split(";")[0])
    fg.link(href=site.url(site.home), rel="alternate", type="text/html")
    fg.language(site.language)
    fg.author(name=xml_text(site.author), uri=site.author_url)
    fg.generator("wipofeeds")
    fg.updated(updated)  # also lastBuildDate; feedgen's default is the clock
    return fg


def _author(entry, catalog: Catalog) -> None:
    entry.author(name=xml_text(catalog.site.author), uri=catalog.site.author_url)  # Atom
    entry.dc.dc_creator(xml_text(catalog.site.author))  # RSS


def session_entry(
    catalog: Catalog, session: Session, published: datetime | None = None, updated: datetime | None = None
) -> FeedEntry:
    """The feed entry of one session, dated ``published`` and ``updated`` (a feed's
    :class:`~wipofeeds.views.FeedItem`; by default the history's instants)."""
    record = catalog.record(session)
    entry = _Entry()
    # register_extension, not load_extension("dc"): the latter first tries to import a
    # module feedgen does not have, which cost more than the rest of the entry.
    entry.register_extension("dc", DcEntryExtension, atom=False, rss=True)
    entry.id(session_urn(session))  # RSS guid isPermaLink="false"
    entry.title(entry_title(session))
    entry.link(href=page_url(catalog, session), rel="alternate", type="text/html")
    # rel=enclosure, never a second alternate; RSS gets <enclosure> from it.
    entry.link(href=ics_url(catalog, session), rel="enclosure", type=ICS, length=str(ics_size(catalog, session)))
    entry.content(session_html(catalog, session), type="html")
    entry.summary(h(summary(session)), type="html")
    mode = [] if session.mode is None else [{"term": session.mode.value, "label": session.mode.label}]
    topics = [{"term": xml_text(t), "label": xml_text(topic_name(catalog, t))} for t in session.tags]
    if mode or topics:
        entry.category(mode + topics)
        entry.rss_categories = [c["label"] for c in mode] + [c["term"] for c in topics]
    _author(entry, catalog)
    entry.published(record.first_published if published is None else published)
    entry.updated(record.last_modified if updated is None else updated)
    return entry


# Each session's RSS <item> and Atom <entry>, while the feeds' build step runs.
ENTRIES = Fragments()


def _entry_xml(catalog: Catalog, item: FeedItem) -> tuple[bytes, bytes]:
    """The session's RSS <item> and Atom <entry> in a feed, dated as that feed dates it.
    Each is serialized by feedgen once per build step, with stand-in dates, and spliced
    into every feed that lists the session (the whole feed, the filtered ones, every
    part of a site of several series) with that feed's dates put in, as feedgen writes
    them, in place of the stand-ins."""
    session = item.session

    def build() -> tuple[bytes, bytes]:
        entry = session_entry(catalog, session, _PUBLISHED, _UPDATED)
        rss = entry.rss_entry()
        etree.Element("channel", nsmap=_RSS_NAMESPACES).append(rss)  # the feed's prefixes
        return _xml(rss), _xml(entry.atom_entry())

    rss, atom = ENTRIES.get((session.id, catalog.site.of(session)), session, catalog.record(session), build)
    return (
        rss.replace(_rss_date(_PUBLISHED), _rss_date(item.published), 1),
        atom.replace(_atom_date("published", _PUBLISHED), _atom_date("published", item.published), 1)
        .replace(_atom_date("updated", _UPDATED), _atom_date("updated", item.updated), 1),
    )


# The stand-in dates of a kept entry (a year no session or change has), and their
# elements as feedgen writes them: RSS pubDate in RFC 2822, Atom dates in ISO 8601.
_PUBLISHED = datetime(1901, 1, 1, 0, 0, 1, tzinfo=timezone.utc)
_UPDATED = datetime(1901, 1, 1, 0, 0, 2, tzinfo=timezone.utc)


@lru_cache(maxsize=4096)  # a feed's dates are a few instants, a second apart
def _rss_date(moment: datetime) -> bytes:
    return b"<pubDate>" + formatRFC2822(moment).encode() + b"</pubDate>"


@lru_cache(maxsize=8192)
def _atom_date(name: str, moment: datetime) -> bytes:
    return f"<{name}>{moment.isoformat()}</{name}>".encode()


_RSS_NAMESPACES = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _xml(element) -> bytes:
    return etree.tostring(element, encoding="UTF-8", xml_declaration=False, pretty_print=True)


def _splice(head: bytes, closing: bytes, entries: list[bytes]) -> bytes:
    """feedgen's document without entries, with ``entries`` put before ``closing``."""
    before, found, after = head.rpartition(closing)
    assert found, closing
    return b"".join([before, *entries, found, after])  # one copy of a big body


def changes_feed(catalog: Catalog, path: str) -> FeedGenerator:
    """One entry per entry of the change log, newest first (of the part of the site
    ``path`` is in); the changes of one instant dated a second apart, in that order."""
    catalog = catalog.part(path)
    site = catalog.site
    subtitle = "Sessions announced, rescheduled, retimed, moved, retitled or cancelled."
    title = collection_title(f"{site.title}: changes", path, site.topics)
    fg = _feed(catalog, path, title, subtitle, feed_updated(catalog))
    rows = changes(catalog)
    for (session, change, before, after), at in zip(rows, reader_dates([row[1].at for row in rows]), strict=True):
        entry = _add_entry(fg)
        entry.id(change_urn(change))
        entry.title(xml_text(change_title(change, before, after)))
        gone = change.kind is ChangeKind.WITHDRAWN and session.id not in catalog.by_id  # no page any more
        entry.link(href=site.url(site.home) if gone else page_url(catalog, session), rel="alternate", type="text/html")
        entry.content(change_html(catalog, change, before, after), type="html")
        entry.category([{"term": change.kind.value}])
        _author(entry, catalog)
        entry.published(at)
        entry.updated(at)
    return fg


def _rss(fg: FeedGenerator) -> bytes:
    return fg.rss_str(pretty=True, encoding="UTF-8")


def _atom(fg: FeedGenerator) -> bytes:
    return fg.atom_str(pretty=True, encoding="UTF-8")


@register("feed.rss", "collection", RSS, "feed", caches=(ENTRIES,))
def render_rss(catalog: Catalog, path: str) -> bytes:
    items = [_entry_xml(catalog, item)[0] for item in feed_items(catalog)]
    return _splice(_rss(_session_feed_head(catalog, path)), b"  </channel>", items)


@register("feed.atom", "collection", ATOM, "feed", caches=(ENTRIES,))
def render_atom(catalog: Catalog, path: str) -> bytes:
    entries = [_entry_xml(catalog, item)[1] for item in feed_items(catalog)]
    return _splice(_atom(_session_feed_head(catalog, path)), b"</feed>", entries)


def _session_feed_head(catalog: Catalog, path: str) -> FeedGenerator:
    site = catalog.site
    return _feed(catalog, path, collection_title(site.title, path, site.topics), site.description, feed_updated(catalog))


@register("changes.rss", "site", RSS, "feed")
def render_changes_rss(catalog: Catalog, path: str) -> bytes:
    return _rss(changes_feed(catalog, path))


@register("changes.atom", "site", ATOM, "feed")
def render_changes_atom(catalog: Catalog, path: str) -> bytes:
    return _atom(changes_feed(catalog, path))
