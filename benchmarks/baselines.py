"""The library floor: the same sessions serialized by the libraries alone, as simply as
each library allows, so our own renderers can be reported as a ratio to them.

- icalendar: one Calendar, one Event per session (UID, DTSTAMP, SUMMARY, DESCRIPTION,
  LOCATION, tz-aware DTSTART/DTEND or all-day dates), ``to_ical()``.
- feedgen: one feed with one entry per session (``add_entry(order='append')``, the linear
  order), ``rss_str()`` and ``atom_str()`` each from a freshly built feed.
- json: ``json.dumps`` of every session's content plus its id and link.
- plain writes: ``open(...).write`` of given bytes under a folder, no atomic swap.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from wipofeeds.model import UTC, Session

STAMP = datetime(2026, 1, 1, tzinfo=UTC)
BASE = "https://bench.example.org/"


def _span(session: Session):
    if session.window is None:
        return session.first_day, session.last_day + timedelta(days=1)
    return session.window.on(session.first_day)[0], session.window.on(session.last_day)[1]


def icalendar_calendar(sessions: Sequence[Session]) -> bytes:
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


def feedgen_rss(sessions: Sequence[Session]) -> bytes:
    return _feed(sessions).rss_str(pretty=False)


def feedgen_atom(sessions: Sequence[Session]) -> bytes:
    return _feed(sessions).atom_str(pretty=False)


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
