"""iCalendar (RFC 5545 + RFC 7986): the whole calendar and one file per session.

What subscribers judge us by: each session at the right local time on each of its days
(DTSTART/DTEND with TZID, a VTIMEZONE per zone, RRULE COUNT for the days), never twice
(a UID from the session id alone), and edits arriving as updates of the same event
(SEQUENCE, LAST-MODIFIED and DTSTAMP from the change history, never the clock).

No METHOD: a published snapshot is not an iTIP message (RFC 5545 §3.7.2), and
METHOD:PUBLISH would require an ORGANIZER on every event.

Every VEVENT property is an icalendar value (:func:`event_properties`); one writer,
:func:`wipofeeds.render.ical.component`, lays them out as icalendar does and folds them
the way clients accept (a test holds its bytes equal to icalendar's own serialization of
:func:`build_event`). A session's VEVENT is written once per build step and reused by
every calendar that lists it (the whole calendar, the year/mode/tag calendars and its
own file), kept in this format's :data:`FRAGMENTS`: a calendar is spliced from its
header, its VTIMEZONEs (:mod:`.vtimezone`, once per zone and span) and those bytes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

from icalendar import Calendar, Event, vText
from icalendar.prop import vCategory, vDDDTypes, vDuration, vInt, vRecur, vUri
from icalendar.prop.conference import Conference

from .. import wording, zones
from ..model import UTC, Catalog, Record, Session, Status
from . import Fragments, register, vtimezone
from .ical import Lines, component, fold, serialize, text, tzid as tzid_of

__all__ = ["build_event", "event_ical", "event_properties", "serialize", "uid"]

MEDIA_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//wipofeeds//WIPO meeting feeds//EN"
UID_DOMAIN = "wipofeeds"
_END = b"END:VCALENDAR\r\n"

STATUS = {Status.CONFIRMED: "CONFIRMED", Status.CANCELLED: "CANCELLED", Status.POSTPONED: "TENTATIVE"}
TITLE_PREFIX = {Status.CONFIRMED: "", Status.CANCELLED: "Cancelled: ", Status.POSTPONED: "Postponed: "}


def uid(session: Session, window: int = 0) -> str:
    """Stable forever: from the session id (its document code) only, never host or text.
    A day's later windows are event series of their own: '<id>.2@…' ('.' is in no id)."""
    return f"{session.id}{'' if window == 0 else f'.{window + 1}'}@{UID_DOMAIN}"


# What this format keeps while its build step runs: each session's VEVENTs (per session,
# history record and base URL), and the lines of property values that recur.
FRAGMENTS = Fragments()
# The properties whose values event_properties shares between sessions (lru_cache'd).
LINES = Lines(frozenset({"DTSTAMP", "CREATED", "LAST-MODIFIED", "RRULE", "CATEGORIES", "CONFERENCE",
                         "STATUS", "CLASS", "TRANSP"}))


@register("calendar.ics", "collection", MEDIA_TYPE, "calendar", caches=(FRAGMENTS, LINES))
def render_calendar(catalog: Catalog, path: str) -> bytes:
    """The calendar of ``catalog``'s sessions; at 'fr/calendar.ics' the same events (the
    same UIDs: a subscriber switching language gets no duplicates) with the dates and
    times of their descriptions in French."""
    language, inner = wording.split_language(path)
    title = wording.collection_title(catalog.site.title, inner, catalog.site.topics)
    return _calendar(catalog, catalog.sessions, path, title, catalog.site.description, catalog.site.home, language)


@register(".ics", "session", MEDIA_TYPE, "calendar", caches=(FRAGMENTS, LINES))
def render_session(catalog: Catalog, session: Session, path: str) -> bytes:
    title = f"{TITLE_PREFIX[session.status]}{session.title}"
    site = catalog.site.of(session)  # its series', whichever part of the site asks
    return _calendar(catalog, (session,), path, title, f"{wording.when(session)}. {site.title}.", site.home)


def _calendar(
    catalog: Catalog, sessions, path: str, name: str, description: str, home: str, language: str = wording.DEFAULT
) -> bytes:
    site = catalog.site
    events: list[bytes] = []
    spans: dict[str, tuple[int, int]] = {}  # TZID → first and last year its events touch
    for session in sessions:
        record = catalog.record(session)
        body, tzid = FRAGMENTS.get(
            (session.id, site.base_url, language), session, record, lambda: event_ical(session, record, site.base_url, language)
        )
        events.append(body)
        if tzid is not None:
            first, last = spans.get(tzid, (session.first_day.year, session.last_day.year))
            spans[tzid] = (min(first, session.first_day.year), max(last, session.last_day.year))
    timezones = [vtimezone.to_ical(tzid, *spans[tzid]) for tzid in sorted(spans)]
    head = _header(name, description, site.refresh_hours, site.url(home), site.url(path))
    return b"".join([head[: -len(_END)], *timezones, *events, _END])  # one copy of a big body


# Stand-ins for the values that differ from one calendar to the next (every session has
# its own calendar): icalendar lays out the header once per site with these, and each
# calendar puts its own values, escaped by icalendar, in their place.
_NAME, _DESCRIPTION, _SOURCE = b"WIPOFEEDS-NAME", b"WIPOFEEDS-DESCRIPTION", b"https://wipofeeds.invalid/source"


def _header(name: str, description: str, refresh_hours: int, home: str, source: str) -> bytes:
    values = {
        _NAME: vText(text(name)).to_ical(),
        _DESCRIPTION: vText(text(description)).to_ical(),
        _SOURCE: vUri(source).to_ical(),
    }
    return b"".join(
        part if stand_in is None else fold(part.replace(stand_in, values[stand_in])) + b"\r\n"
        for part, stand_in in _header_parts(refresh_hours, home)
    )


@lru_cache(maxsize=16)
def _header_parts(refresh_hours: int, home: str) -> tuple[tuple[bytes, bytes | None], ...]:
    """The header's lines: folded with their line break where they are the same in every
    calendar, else unfolded with the stand-in each holds (one per line, and never
    looked for inside a value)."""
    parts = []
    for line in _header_lines(refresh_hours, home):
        stand_in = next((s for s in (_NAME, _DESCRIPTION, _SOURCE) if s in line), None)
        parts.append((fold(line) + b"\r\n", None) if stand_in is None else (line, stand_in))
    return tuple(parts)


@lru_cache(maxsize=16)
def _header_lines(refresh_hours: int, home: str) -> tuple[bytes, ...]:
    """The calendar's own properties, unfolded, with stand-ins for name, description
    and source."""
    cal = Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", PRODID)
    cal.add("CALSCALE", "GREGORIAN")
    name, description = vText(_NAME.decode()), vText(_DESCRIPTION.decode())
    cal.add("NAME", name)
    cal.add("X-WR-CALNAME", name)  # X- properties are text only if we say so
    cal.add("DESCRIPTION", description)
    cal.add("X-WR-CALDESC", description)
    refresh = timedelta(hours=refresh_hours)
    cal.add("REFRESH-INTERVAL", vDuration(refresh, params={"VALUE": "DURATION"}))
    cal.add("X-PUBLISHED-TTL", vDuration(refresh))
    cal.add("URL", vUri(home))
    cal.add("SOURCE", vUri(_SOURCE.decode(), params={"VALUE": "URI"}))
    lines = tuple(line.encode("utf-8") for line in cal.content_lines() if line)
    assert lines[-1] == _END.rstrip()
    return lines


def event_ical(session: Session, record: Record, base_url: str | None, locale: str = wording.DEFAULT) -> tuple[bytes, str | None]:
    """The session's VEVENTs (one a daily window), written from :func:`event_properties`
    by the one writer, and the TZID they use (None: all-day or UTC)."""
    bodies, tzid = [], None
    for index in range(max(1, len(session.windows))):
        properties = event_properties(
            session, record.first_published, record.last_modified, record.sequence, base_url, index, locale
        )
        bodies.append(component(b"VEVENT", properties, LINES))
        tzid = tzid_of(properties[1][1])  # DTSTART's
    return b"".join(bodies), tzid


def build_event(
    session: Session, created: datetime, modified: datetime, sequence: int, base_url: str | None, index: int = 0
) -> Event:
    """One VEVENT (of the ``index``-th daily window) as an icalendar Event (for tests
    and tools: ``serialize(build_event(...))`` is the reference the writer is held to)."""
    event = Event()
    for name, value in event_properties(session, created, modified, sequence, base_url, index):
        event.add(name, value)
    return event


def event_properties(
    session: Session, created: datetime, modified: datetime, sequence: int, base_url: str | None, index: int = 0,
    locale: str = wording.DEFAULT,
) -> list[tuple[str, object]]:
    """Every property of the session's VEVENT, as icalendar values (DTSTART and DTEND as
    plain dates or date-times, which icalendar types itself); every value passed
    explicitly (icalendar would default DTSTAMP to now and UID to a random uuid4, and
    subscribers would see duplicates). Values that recur across sessions (stamps,
    RRULEs, categories, constants) are the same objects each time, so the writer lays
    each out once. DTSTART comes second: :func:`event_ical` reads its TZID there."""
    props: list[tuple[str, object]] = [("SUMMARY", vText(text(TITLE_PREFIX[session.status] + session.title)))]
    props += _times(session, index)
    props += [
        ("UID", vText(uid(session, index))),
        ("SEQUENCE", vInt(sequence)),
        ("DTSTAMP", _stamp(modified)),
        ("CREATED", _stamp(created)),
        ("LAST-MODIFIED", _stamp(modified)),
        ("DESCRIPTION", vText(text(description(session, locale)))),
    ]
    if session.location is not None:
        props.append(("LOCATION", vText(text(session.location))))
    if categories := _category_names(session):
        props.append(("CATEGORIES", _categories(categories)))
    if base_url is not None:
        props.append(("URL", vUri(base_url + f"{wording.language_prefix(locale)}sessions/{session.id}.html")))
    if session.conference_url:
        props.append(("CONFERENCE", _conference(session.conference_url)))
    return props + _CONSTANTS[session.status]


def _times(session: Session, index: int) -> list[tuple[str, object]]:
    """DTSTART, DTEND and (several days of a daily window) the RRULE."""
    if session.window is None:
        # All-day: DATE values, DTEND exclusive; one event spans all the days.
        return [("DTSTART", session.first_day), ("DTEND", session.last_day + timedelta(days=1))]
    start, end = _first_window(session, index)
    times: list[tuple[str, object]] = [("DTSTART", start), ("DTEND", end)]
    if session.day_count > 1:
        times.append(("RRULE", _rrule(session.day_count)))
    return times


@lru_cache(maxsize=256)
def _rrule(count: int) -> vRecur:
    # COUNT, never UNTIL: UNTIL would have to be UTC and could cut the last day.
    # The pages expand the same rule (model.Session.days).
    return vRecur({"FREQ": "DAILY", "COUNT": count})


@lru_cache(maxsize=4096)
def _categories(names: tuple[str, ...]) -> vCategory:
    return vCategory([text(c) for c in names])


@lru_cache(maxsize=64)
def _conference(url: str):
    return Conference(url, feature="VIDEO", label="Join online").to_uri()


_CONSTANTS = {
    status: [("STATUS", vText(STATUS[status])), ("CLASS", vText("PUBLIC")), ("TRANSP", vText("OPAQUE"))]
    for status in Status
}


@lru_cache(maxsize=4096)
def _stamp(moment: datetime) -> vDDDTypes:
    """A history timestamp as icalendar's value: the sessions of one build share a few
    (every session announced by the first build has the same), so each is made once."""
    return vDDDTypes(moment)


def _first_window(session: Session, index: int) -> tuple[datetime, datetime]:
    """The ``index``-th window on the first day; a fixed offset that no IANA zone has
    ('UTC+05:30') is written in UTC, which no DST change can make wrong on later days."""
    window = session.windows[index]
    start, end = window.on(session.first_day)
    if zones.is_fixed(window.zone):
        start, end = start.astimezone(UTC), end.astimezone(UTC)
    return start, end


def _category_names(session: Session) -> tuple[str, ...]:
    return session.tags if session.mode is None else (session.mode.label, *session.tags)


def description(session: Session, locale: str = wording.DEFAULT) -> str:
    """When (local and UTC, in ``locale``'s words), then the paragraphs, then the document code."""
    when = wording.when(session, locale)
    if session.window is not None:
        when = wording._("%(when)s, that is %(utc)s", locale) % {"when": when, "utc": wording.utc_windows(session, locale)}
    return "\n\n".join((when, *session.paragraphs, session.code))
