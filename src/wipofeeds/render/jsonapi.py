"""JSON with the standard library: the documented API (``sessions.json``, one document
per session, and its JSON Schema) and a JSON Feed 1.1 for feed readers.

Every dict is written in a fixed key order, the document's own fields with two-space
indents, each session (or feed item) on a line of its own, and a final newline: a
change of one session is a one-line diff, ``grep`` finds a session, and the standard
library's C encoder writes each session (its pure-Python indenting encoder took most of
the time of a big ``sessions.json``). ``<``, ``>`` and ``&`` are written as
``\\u003c``… everywhere (:func:`dumps_safe`): the same JSON can then sit inside an HTML
``<script>`` element without ending it.

A session appears in many documents (the whole collection, its filtered ones, its own),
so its JSON text is serialized once per build step and kept in this format's fragments
(:data:`DOCUMENTS` for the API, :data:`ITEMS` for the JSON Feed; per session, history
record and site), and documents are spliced from those texts. The JSON Feed says what
the RSS and Atom feeds say (:mod:`.text`), of the same items in the same order with the
same dates (:func:`wipofeeds.views.feed_items`: ``date_published`` and
``date_modified`` apart by a second where a build stamped items alike, so readers list
the newest session first); ``sessions.json`` states the history's exact instants.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources

from ..model import Catalog, Occurrence, Session
from ..views import ICS, FeedItem, feed_items, feed_updated, ics_size, ics_url, json_url, page_url, session_urn
from ..wording import collection_title, iso_utc, when
from . import Fragments, register
from .text import dumps_safe, entry_title, session_html, session_text, summary

__all__ = ["dumps_safe", "fragment", "session_document"]

API_VERSION = 1
JSON = "application/json; charset=utf-8"
JSON_FEED = "application/feed+json; charset=utf-8"
SCHEMA_PATH = "sessions.schema.json"

# What this format keeps while a build step runs: each session's API document and its
# JSON Feed item, as JSON text.
DOCUMENTS = Fragments()
ITEMS = Fragments()


# --- documents spliced from serialized sessions ----------------------------------------

_INDENT = "  "
_NULL_LAST = "null\n}"


_IN_ARRAY = ("\n" + _INDENT * 2).encode("utf-8")  # where an element of a top-level array starts


def fragment(value) -> bytes:
    """``value`` as one line of UTF-8 JSON (safe as :func:`dumps_safe`): a session or a
    feed item, serialized once and spliced into every document that lists it."""
    return dumps_safe(value, indent=None).encode("utf-8")


def _spliced(head: dict, key: str, value: bytes | list[bytes]) -> bytes:
    """``head`` with ``key`` last: a :func:`fragment`, or a list of them written as an
    array with one element per line. Only ``head`` is encoded here; the fragments are
    joined as they are (one copy of a big body)."""
    text = dumps_safe({**head, key: None})
    assert text.endswith(_NULL_LAST), "the spliced key comes last"
    pieces = [text[: -len(_NULL_LAST)].encode("utf-8")]
    if isinstance(value, bytes):
        pieces.append(value)
    elif value:
        pieces.append(b"[" + _IN_ARRAY)
        separator = b"," + _IN_ARRAY
        for index, item in enumerate(value):
            if index:
                pieces.append(separator)
            pieces.append(item)
        pieces.append(("\n" + _INDENT + "]").encode("utf-8"))
    else:
        pieces.append(b"[]")
    pieces.append(b"\n}\n")
    return b"".join(pieces)


def _local(moment: datetime | None) -> str | None:
    """'2025-10-28T10:00:00+01:00': the local time with its offset."""
    return None if moment is None else moment.isoformat(timespec="seconds")


def _utc(moment: datetime | None) -> str | None:
    """'2025-10-28T09:00:00Z'."""
    return None if moment is None else iso_utc(moment)


# --- the API --------------------------------------------------------------------------


def _day(occ: Occurrence) -> dict:
    return {
        "date": occ.day.isoformat(),
        "start": _local(occ.start),
        "end": _local(occ.end),
        "start_utc": _utc(occ.start),
        "end_utc": _utc(occ.end),
    }


def dates(session: Session) -> dict:
    """When a session happens, structured: shared by the API and the JSON Feed's ``_event``."""
    w = session.window
    return {
        "first_day": session.first_day.isoformat(),
        "last_day": session.last_day.isoformat(),
        "all_day": session.all_day,
        "zone": None if w is None else w.zone,
        "window": None if w is None else w.content(),
        "windows": [w.content() for w in session.windows],
        "when": when(session),
        "days": [_day(occ) for occ in session.occurrences],
    }


def _mode(session: Session) -> str | None:
    return None if session.mode is None else session.mode.value


def session_document(catalog: Catalog, session: Session) -> dict:
    """Every model field of one session, its history dates and its links."""
    record = catalog.record(session)
    return {
        "id": session.id,
        "code": session.code,
        "ordinal": session.ordinal,
        "title": session.title,
        "title_is_generated": session.title_is_generated,
        "status": session.status.value,
        "mode": _mode(session),
        "place": None if session.place is None else session.place.parts(),
        "location": session.location,
        "tags": list(session.tags),
        "paragraphs": list(session.paragraphs),
        **dates(session),
        "url": session.url,
        "conference_url": session.conference_url,
        "sequence": record.sequence,
        "first_published": _utc(record.first_published),
        "last_modified": _utc(record.last_modified),
        "links": {
            "page": page_url(catalog, session),
            "ics": ics_url(catalog, session),
            "json": json_url(catalog, session),
        },
    }


def _calendar(catalog: Catalog, path: str) -> dict:
    site = catalog.site
    return {
        "title": collection_title(site.title, path, site.topics),
        "description": site.description,
        "language": site.language,
        "url": site.url(site.home),
        "self": site.url(path),
        "updated": _utc(feed_updated(catalog)),
    }


def _session_text(catalog: Catalog, session: Session) -> bytes:
    """:func:`session_document` as a :func:`fragment`, serialized once per build step."""
    return DOCUMENTS.get(
        (session.id, catalog.site.of(session)), session, catalog.record(session),  # the same in every part
        lambda: fragment(session_document(catalog, session)),
    )


@register("sessions.json", "collection", JSON, "json", caches=(DOCUMENTS,))
def render_sessions(catalog: Catalog, path: str) -> bytes:
    head = {"version": API_VERSION, "schema": catalog.site.url(SCHEMA_PATH), "calendar": _calendar(catalog, path)}
    return _spliced(head, "sessions", [_session_text(catalog, s) for s in catalog.sessions])


@register(".json", "session", JSON, "json", caches=(DOCUMENTS,))
def render_session(catalog: Catalog, session: Session, path: str) -> bytes:
    head = {"version": API_VERSION, "schema": catalog.site.url(SCHEMA_PATH)}
    return _spliced(head, "session", _session_text(catalog, session))


def schema_bytes() -> bytes:
    """The JSON Schema shipped in the package, byte for byte."""
    return resources.files("wipofeeds").joinpath("schemas", SCHEMA_PATH).read_bytes()


@register(SCHEMA_PATH, "site", "application/schema+json; charset=utf-8", "json")
def render_schema(catalog: Catalog, path: str) -> bytes:
    return schema_bytes()


# --- JSON Feed 1.1 --------------------------------------------------------------------


def _event(catalog: Catalog, session: Session) -> dict:
    """The ``_event`` extension: dates for programs, so nobody parses prose."""
    return {
        "about": catalog.site.url(SCHEMA_PATH),
        "status": session.status.value,
        "mode": _mode(session),
        "location": session.location,
        **dates(session),
    }


def _item(catalog: Catalog, feed_item: FeedItem) -> dict:
    session = feed_item.session
    item = {"id": session_urn(session), "url": page_url(catalog, session)}
    if session.url:
        item["external_url"] = session.url
    item |= {
        "title": entry_title(session),
        "content_html": session_html(catalog, session),
        "content_text": session_text(catalog, session),
        "summary": summary(session),
        "date_published": _utc(feed_item.published),
        "date_modified": _utc(feed_item.updated),
        "tags": [session.mode.value, *session.tags] if session.mode else list(session.tags),
        "attachments": [
            {
                "url": ics_url(catalog, session),
                "mime_type": ICS,
                "title": "Calendar (iCalendar)",
                "size_in_bytes": ics_size(catalog, session),
            }
        ],
        "_event": _event(catalog, session),
    }
    return item


def _item_text(catalog: Catalog, item: FeedItem) -> bytes:
    """:func:`_item` as a :func:`fragment`, serialized once per build step with stand-in
    dates, and dated as each feed dates it (the same in every part of the site)."""
    session = item.session
    stand_in = replace(item, published=_PUBLISHED, updated=_UPDATED)
    text = ITEMS.get(
        (session.id, catalog.site.of(session)), session, catalog.record(session), lambda: fragment(_item(catalog, stand_in))
    )
    return text.replace(_item_date("date_published", _PUBLISHED), _item_date("date_published", item.published), 1).replace(
        _item_date("date_modified", _UPDATED), _item_date("date_modified", item.updated), 1
    )


# The stand-in dates of a kept item (a year no session or change has).
_PUBLISHED = datetime(1901, 1, 1, 0, 0, 1, tzinfo=timezone.utc)
_UPDATED = datetime(1901, 1, 1, 0, 0, 2, tzinfo=timezone.utc)


@lru_cache(maxsize=8192)  # a feed's dates are a few instants, a second apart
def _item_date(name: str, moment: datetime) -> bytes:
    return fragment({name: _utc(moment)})[1:-1]  # '"date_published": "…"' as the fragment writes it


@register("feed.json", "collection", JSON_FEED, "json", caches=(ITEMS,))
def render_json_feed(catalog: Catalog, path: str) -> bytes:
    site = catalog.site
    head = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": collection_title(site.title, path, site.topics),
        "home_page_url": site.url(site.home),
        "feed_url": site.url(path),
        "description": site.description,
        "language": site.language,
        "authors": [{"name": site.author, "url": site.author_url}],
    }
    return _spliced(head, "items", [_item_text(catalog, item) for item in feed_items(catalog)])
