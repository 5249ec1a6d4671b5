"""The library floor: the same sessions serialized by the libraries alone, so our own
renderers can be reported as a ratio to them.

The floor is given the *same* events and items the site publishes, with every value
worked out before the clock starts (our wording, links, sizes and history are ours to
pay for, not the library's):

- icalendar: one Calendar with one Event per session holding the properties of our
  VEVENT (``calendar.event_properties``: SUMMARY, DTSTART/DTEND in the session's zone,
  RRULE, UID, DTSTAMP, SEQUENCE, CATEGORIES, DESCRIPTION, LOCATION, URL…), the
  VTIMEZONEs icalendar itself adds (``add_missing_timezones``), ``to_ical()``.
- feedgen: one feed with one entry per session holding our entry's fields (id, title,
  page and ``.ics`` enclosure links, HTML content and summary, categories, author and
  dc:creator, dates; ``add_entry(order='append')``, the linear order), ``rss_str()`` and
  ``atom_str()`` each from a freshly built feed.
- json: ``json.dumps`` of every session's content plus its id and link.
- plain writes: ``open(...).write`` of given bytes under a folder, no atomic swap.

The thin floor measured before (``thin_*``: seven VEVENT properties and no VTIMEZONE,
which no client could read, and entries with a title, link and description only) is
still measured, so the two can be compared; the targets use the same-content floor.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from wipofeeds.model import UTC, Catalog, Session

STAMP = datetime(2026, 1, 1, tzinfo=UTC)
BASE = "https://bench.example.org/"


def _span(session: Session):
    if session.window is None:
        return session.first_day, session.last_day + timedelta(days=1)
    return session.window.on(session.first_day)[0], session.window.on(session.last_day)[1]


def thin_icalendar_calendar(sessions: Sequence[Session]) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//wipofeeds benchmark//EN")
    cal.add("version", "2.0")
    for s in sessions:
        event = Event()
        event.add("uid", f"{s.id}@bench.example.org")
        event.add("dtstamp", STAMP)
        event.add("summary", s.title)
        event.add("description", "\n\n".join(s.paragraphs))
        event.add("location", s.location)
        start, end = _span(s)
        event.add("dtstart", start)
        event.add("dtend", end)
        cal.add_component(event)
    return cal.to_ical()


def _feed(sessions: Sequence[Session]):
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(BASE)
    fg.title("WIPO Conversation on IP and Frontier Technologies")
    fg.link(href=BASE, rel="alternate")
    fg.link(href=BASE + "feed", rel="self")
    fg.description("Sessions of the WIPO Conversation")
    fg.language("en")
    fg.updated(STAMP)
    fg.lastBuildDate(STAMP)
    for s in sessions:
        url = f"{BASE}sessions/{s.id}.html"
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(s.title)
        entry.link(href=url)
        entry.description(" ".join(s.paragraphs))
        entry.published(STAMP)
        entry.updated(STAMP)
    return fg


def thin_feedgen_rss(sessions: Sequence[Session]) -> bytes:
    return _feed(sessions).rss_str(pretty=False)


def thin_feedgen_atom(sessions: Sequence[Session]) -> bytes:
    return _feed(sessions).atom_str(pretty=False)


# --- the same events and items the site publishes -------------------------------------


def same_events(catalog: Catalog) -> list[list[tuple[str, object]]]:
    """Each session's VEVENT properties, as the values icalendar is given (made here,
    before the clock starts: the plain DTSTART and DTEND too, which ``Event.add`` would
    otherwise make into icalendar values on the clock)."""
    from icalendar.prop import vDDDTypes

    from wipofeeds.render.calendar import event_properties

    events = []
    for s in catalog.sessions:
        record = catalog.record(s)
        properties = event_properties(s, record.first_published, record.last_modified, record.sequence, catalog.site.base_url)
        events.append([(name, vDDDTypes(v) if isinstance(v, date) else v) for name, v in properties])
    return events


def icalendar_calendar(events: Sequence[list[tuple[str, object]]]) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//wipofeeds benchmark//EN")
    cal.add("version", "2.0")
    for properties in events:
        event = Event()
        for name, value in properties:
            event.add(name, value)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def same_items(catalog: Catalog) -> list[dict]:
    """Each session's feed entry fields, as the strings and dates feedgen is given."""
    from wipofeeds import views
    from wipofeeds.render import load_builtin, text

    load_builtin()  # views.ics_size asks the registered .ics format
    site, items = catalog.site, []
    listed = {item.session.id: item for item in views.feed_items(catalog)}  # the dates our feed states
    for s in catalog.sessions:
        record = catalog.record(s)
        mode = [{"term": s.mode.value, "label": s.mode.label}] if s.mode else []
        items.append(
            {
                "id": views.session_urn(s),
                "title": text.entry_title(s),
                "page": views.page_url(catalog, s),
                "ics": views.ics_url(catalog, s),
                "length": str(views.ics_size(catalog, s)),
                "content": text.session_html(catalog, s),
                "summary": text.h(text.summary(s)),
                # Atom labels a topic with its name; RSS, without labels, keeps the slug
                "categories": mode + [{"term": t, "label": views.topic_name(catalog, t)} for t in s.tags],
                "rss_categories": mode + [{"term": t} for t in s.tags],
                "author": site.author,
                "author_url": site.author_url,
                "published": listed[s.id].published if s.id in listed else record.first_published,
                "updated": listed[s.id].updated if s.id in listed else record.last_modified,
            }
        )
    return items


def _same_feed(items: Sequence[dict], atom: bool):
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id("urn:wipofeeds:feed:bench")
    fg.title("WIPO Conversation on IP and Frontier Technologies")
    fg.subtitle("Sessions of the WIPO Conversation")
    fg.link(href=BASE + ("feed.atom" if atom else "feed.rss"), rel="self")
    fg.link(href=BASE, rel="alternate", type="text/html")
    fg.language("en")
    fg.author(name="WIPO", uri=BASE)
    fg.updated(STAMP)
    for item in items:
        entry = fg.add_entry(order="append")
        entry.id(item["id"])
        entry.title(item["title"])
        entry.link(href=item["page"], rel="alternate", type="text/html")
        entry.link(href=item["ics"], rel="enclosure", type="text/calendar", length=item["length"])
        entry.content(item["content"], type="html")
        entry.summary(item["summary"], type="html")
        entry.category(item["categories"] if atom else item["rss_categories"])
        entry.author(name=item["author"], uri=item["author_url"])
        entry.dc.dc_creator(item["author"])
        entry.published(item["published"])
        entry.updated(item["updated"])
    return fg


def feedgen_rss(items: Sequence[dict]) -> bytes:
    return _same_feed(items, atom=False).rss_str(pretty=True)


def feedgen_atom(items: Sequence[dict]) -> bytes:
    return _same_feed(items, atom=True).atom_str(pretty=True)


def json_document(sessions: Sequence[Session]) -> bytes:
    items = [{"id": s.id, "url": f"{BASE}sessions/{s.id}.html", **s.content()} for s in sessions]
    return json.dumps({"sessions": items}, ensure_ascii=False).encode("utf-8")


def plain_writes(files: Mapping[str, bytes], root: Path) -> int:
    """Write ``files`` (path → bytes) under ``root`` with plain writes; returns bytes."""
    made: set[str] = set()
    total = 0
    for path, body in files.items():
        target = os.path.join(root, path)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(target, "wb") as f:
            f.write(body)
        total += len(body)
    return total
