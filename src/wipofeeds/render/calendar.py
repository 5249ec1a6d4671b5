"""iCalendar (RFC 5545 + RFC 7986): the whole calendar and one file per session.

What subscribers judge us by: each session at the right local time on each of its days
(DTSTART/DTEND with TZID, a VTIMEZONE per zone, RRULE COUNT for the days), never twice
(a UID from the session id alone), and edits arriving as updates of the same event
(SEQUENCE, LAST-MODIFIED and DTSTAMP from the change history, never the clock).

No METHOD: a published snapshot is not an iTIP message (RFC 5545 §3.7.2), and
METHOD:PUBLISH would require an ORGANIZER on every event.

A session's VEVENT is serialized once and reused by every calendar that lists it (the
whole calendar, the year/mode/tag calendars and its own file): a calendar is spliced
from its header, its VTIMEZONEs and those cached bytes. icalendar builds and escapes
every component; :func:`serialize` folds its lines.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText
from icalendar.prop import vCategory, vDDDTypes, vDuration, vInt, vRecur, vUri
from icalendar.prop.conference import Conference

from .. import wording, zones
from ..model import UTC, Catalog, Record, Session, Status
from . import register, vtimezone

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


@register("calendar.ics", "collection", MEDIA_TYPE, "calendar")
def render_calendar(catalog: Catalog, path: str) -> bytes:
    title = wording.collection_title(catalog.site.title, path)
    return _calendar(catalog, catalog.sessions, path, title, catalog.site.description)


@register(".ics", "session", MEDIA_TYPE, "calendar")
def render_session(catalog: Catalog, session: Session, path: str) -> bytes:
    kept = catalog.memo.pop(_kept_key(catalog, session, path), None)
    return kept if kept is not None else _session_calendar(catalog, session, path)


def session_calendar_kept(catalog: Catalog, session: Session, path: str) -> bytes:
    """:func:`render_session`'s bytes, kept until it publishes them: a feed states the
    size of a session's file before the build writes the file (only the few sessions
    in feeds are kept, and each only until then)."""
    return catalog.remember(_kept_key(catalog, session, path), lambda: _session_calendar(catalog, session, path))


def _kept_key(catalog: Catalog, session: Session, path: str) -> tuple:
    return ("calendar.session", session.id, catalog.site.base_url, path)


def _session_calendar(catalog: Catalog, session: Session, path: str) -> bytes:
    title = f"{TITLE_PREFIX[session.status]}{session.title}"
    return _calendar(catalog, (session,), path, title, f"{wording.when(session)}. {catalog.site.title}.")


def _calendar(catalog: Catalog, sessions, path: str, name: str, description: str) -> bytes:
    site = catalog.site
    events: list[bytes] = []
    spans: dict[str, tuple[int, int]] = {}  # TZID → first and last year its events touch
    for session in sessions:
        body, tzid = catalog.remember(
            ("calendar.vevent", session.id, site.base_url),
            lambda: event_ical(session, catalog.record(session), site.base_url),
        )
        events.append(body)
        if tzid is not None:
            first, last = spans.get(tzid, (session.first_day.year, session.last_day.year))
            spans[tzid] = (min(first, session.first_day.year), max(last, session.last_day.year))
    timezones = [vtimezone.to_ical(tzid, *spans[tzid]) for tzid in sorted(spans)]
    head = _header(name, description, site.refresh_hours, site.url(""), site.url(path))
    return b"".join([head[: -len(_END)], *timezones, *events, _END])  # one copy of a big body


# Stand-ins for the values that differ from one calendar to the next (every session has
# its own calendar): icalendar lays out the header once per site with these, and each
# calendar puts its own values, escaped by icalendar, in their place.
_NAME, _DESCRIPTION, _SOURCE = b"WIPOFEEDS-NAME", b"WIPOFEEDS-DESCRIPTION", b"https://wipofeeds.invalid/source"


def _header(name: str, description: str, refresh_hours: int, home: str, source: str) -> bytes:
    values = {
        _NAME: vText(_text(name)).to_ical(),
        _DESCRIPTION: vText(_text(description)).to_ical(),
        _SOURCE: vUri(source).to_ical(),
    }
    return b"".join(
        part if stand_in is None else _fold(part.replace(stand_in, values[stand_in])) + b"\r\n"
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
        parts.append((_fold(line) + b"\r\n", None) if stand_in is None else (line, stand_in))
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


def event_ical(session: Session, record: Record, base_url: str | None) -> tuple[bytes, str | None]:
    """The session's VEVENTs (one a daily window) and the TZID they use (None: all-day
    or UTC)."""
    bodies, tzid = [], None
    for index in range(max(1, len(session.windows))):
        body, tzid = _event_ical(session, record, base_url, index)
        bodies.append(body)
    return b"".join(bodies), tzid


def _event_ical(session: Session, record: Record, base_url: str | None, index: int) -> tuple[bytes, str | None]:
    """One VEVENT's bytes and the TZID they use (None: all-day or UTC).

    The same bytes as ``serialize(build_event(...))`` (a test holds them equal, for
    every kind of session): text is escaped by icalendar (``vText``), and every value
    that repeats across sessions (stamps, zones, RRULE, categories, constants) is
    serialized by icalendar once and reused; what is left (dates, integers, the URL) is
    written here in icalendar's layout, in icalendar's property order. Building and
    serializing an icalendar ``Event`` per session was most of the cost of a calendar
    of thousands of sessions."""
    status = session.status
    lines: list[tuple[str, bytes]] = [
        ("SUMMARY", b"SUMMARY:" + _escaped(TITLE_PREFIX[status] + session.title)),
    ]
    if session.window is None:
        tzid = None
        lines.append(("DTSTART", b"DTSTART;VALUE=DATE:" + _ical_date(session.first_day)))
        lines.append(("DTEND", b"DTEND;VALUE=DATE:" + _ical_date(session.last_day + timedelta(days=1))))
    else:
        start, end = _first_window(session, index)
        tzid, params, suffix = _zone_form(_zone_of(start))
        lines.append(("DTSTART", b"DTSTART" + params + _ical_time(start) + suffix))
        lines.append(("DTEND", b"DTEND" + params + _ical_time(end) + suffix))
        if session.day_count > 1:
            lines.append(("RRULE", _rrule(session.day_count)))
    lines += [
        ("UID", b"UID:" + _escaped(uid(session, index))),
        ("SEQUENCE", b"SEQUENCE:%d" % record.sequence),
        ("DTSTAMP", _stamp_line("DTSTAMP", record.last_modified)),
        ("CREATED", _stamp_line("CREATED", record.first_published)),
        ("LAST-MODIFIED", _stamp_line("LAST-MODIFIED", record.last_modified)),
        ("DESCRIPTION", b"DESCRIPTION:" + _escaped(description(session))),
        ("STATUS", _CONSTANT_LINES["STATUS", STATUS[status]]),
        ("CLASS", _CONSTANT_LINES["CLASS", "PUBLIC"]),
        ("TRANSP", _CONSTANT_LINES["TRANSP", "OPAQUE"]),
    ]
    if session.location is not None:
        lines.append(("LOCATION", b"LOCATION:" + _escaped(session.location)))
    if categories := _category_names(session):
        lines.append(("CATEGORIES", _categories(categories)))
    if base_url is not None:
        lines.append(("URL", b"URL:" + vUri(base_url + f"sessions/{session.id}.html").to_ical()))
    if session.conference_url:
        lines.append(("CONFERENCE", _property_line("CONFERENCE", _conference(session.conference_url))))
    lines.sort(key=_canonical)
    return b"".join([b"BEGIN:VEVENT\r\n", *[_fold(line) + b"\r\n" for _, line in lines], b"END:VEVENT\r\n"]), tzid


def _escaped(text: str) -> bytes:
    return vText(_text(text)).to_ical()


def _property_line(name: str, value) -> bytes:
    """One unfolded content line, as icalendar writes a property: name, parameters, value."""
    params = value.params.to_ical() if value.params else b""
    return name.encode("ascii") + (b";" + params if params else b"") + b":" + value.to_ical()


def _ical_date(day: date) -> bytes:
    return b"%04d%02d%02d" % (day.year, day.month, day.day)


def _ical_time(moment: datetime) -> bytes:
    """Local date-time without zone, as icalendar writes it (the zone goes in TZID)."""
    return b"%04d%02d%02dT%02d%02d%02d" % (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _zone_of(moment: datetime) -> str:
    return "UTC" if moment.tzinfo is UTC else moment.tzinfo.key


@lru_cache(maxsize=1024)
def _zone_form(zone: str) -> tuple[str | None, bytes, bytes]:
    """How icalendar writes a date-time in ``zone``: its TZID (None for UTC, which
    is written with a Z), the parameters and colon before the value, what follows it."""
    value = vDDDTypes(datetime(2000, 1, 3, 12, tzinfo=ZoneInfo(zone)))
    line = _property_line("DTSTART", value)
    head, _, time_text = line.rpartition(b":")
    assert time_text.startswith(b"20000103T120000"), line
    return value.params.get("TZID"), head[len(b"DTSTART") :] + b":", time_text[len(b"20000103T120000") :]


@lru_cache(maxsize=4096)
def _stamp_line(name: str, moment: datetime) -> bytes:
    """A history timestamp's line: the sessions of one build share a few (every session
    announced by the first build has the same), so each is written once."""
    return _property_line(name, vDDDTypes(moment))


@lru_cache(maxsize=256)
def _rrule(count: int) -> bytes:
    # COUNT, never UNTIL: UNTIL would have to be UTC and could cut the last day.
    return _property_line("RRULE", vRecur({"FREQ": "DAILY", "COUNT": count}))


@lru_cache(maxsize=4096)
def _categories(names: tuple[str, ...]) -> bytes:
    return _property_line("CATEGORIES", vCategory([_text(c) for c in names]))


@lru_cache(maxsize=64)
def _conference(url: str):
    return Conference(url, feature="VIDEO", label="Join online").to_uri()


_CONSTANT_LINES = {
    (name, value): _property_line(name, vText(value))
    for name, values in (("STATUS", STATUS.values()), ("CLASS", ("PUBLIC",)), ("TRANSP", ("OPAQUE",)))
    for value in values
}


def _canonical(item: tuple[str, object]) -> tuple[int, str]:
    """icalendar's order: its canonical properties first, in its order, then by name."""
    name = item[0]
    return (_ORDER.get(name, len(_ORDER)), name)


_ORDER = {name: i for i, name in enumerate(Event.canonical_order)}


def build_event(
    session: Session, created: datetime, modified: datetime, sequence: int, base_url: str | None, index: int = 0
) -> Event:
    """One VEVENT (of the ``index``-th daily window) as an icalendar Event (for tests
    and tools; builds serialize with :func:`event_ical`, which writes the same bytes)."""
    event = Event()
    for name, value in event_properties(session, created, modified, sequence, base_url, index):
        event.add(name, value)
    return event


def event_properties(
    session: Session, created: datetime, modified: datetime, sequence: int, base_url: str | None, index: int = 0
) -> list[tuple[str, object]]:
    """Every property of the session's VEVENT, as icalendar values; every value passed
    explicitly (icalendar would default DTSTAMP to now and UID to a random uuid4, and
    subscribers would see duplicates)."""
    props: list[tuple[str, object]] = [
        ("SUMMARY", vText(_text(TITLE_PREFIX[session.status] + session.title))),
    ]
    if session.window is None:
        # All-day: DATE values, DTEND exclusive; one event spans all the days.
        props.append(("DTSTART", vDDDTypes(session.first_day)))
        props.append(("DTEND", vDDDTypes(session.last_day + timedelta(days=1))))
    else:
        start, end = _first_window(session, index)
        props.append(("DTSTART", vDDDTypes(start)))
        props.append(("DTEND", vDDDTypes(end)))
        if session.day_count > 1:
            # COUNT, never UNTIL: UNTIL would have to be UTC and could cut the last day.
            props.append(("RRULE", vRecur({"FREQ": "DAILY", "COUNT": session.day_count})))
    props += [
        ("UID", vText(uid(session, index))),
        ("SEQUENCE", vInt(sequence)),
        ("DTSTAMP", _stamp(modified)),
        ("CREATED", _stamp(created)),
        ("LAST-MODIFIED", _stamp(modified)),
        ("DESCRIPTION", vText(_text(description(session)))),
    ]
    if session.location is not None:
        props.append(("LOCATION", vText(_text(session.location))))
    if categories := _category_names(session):
        props.append(("CATEGORIES", vCategory([_text(c) for c in categories])))
    if base_url is not None:
        props.append(("URL", vUri(base_url + f"sessions/{session.id}.html")))
    if session.conference_url:
        props.append(("CONFERENCE", Conference(session.conference_url, feature="VIDEO", label="Join online").to_uri()))
    props += [("STATUS", vText(STATUS[session.status])), ("CLASS", vText("PUBLIC")), ("TRANSP", vText("OPAQUE"))]
    return props


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


_ESCAPES = (0x5C, 0x5E)  # "\\" starts a TEXT escape, "^" an RFC 6868 one: two characters each


def serialize(component) -> bytes:
    """icalendar's content lines (escaped by icalendar), folded at 75 octets without
    splitting a UTF-8 character or an escape. icalendar 7.3's own folding keeps a lone
    "\\x" together but splits a run of escaped backslashes in the middle of a pair, and
    Google rejects a split escape."""
    return b"".join(_fold(line.encode("utf-8")) + b"\r\n" for line in component.content_lines() if line)


def _fold(raw: bytes) -> bytes:
    """Cut ``raw`` into lines of at most 75 octets (a continuation: a space and 74)."""
    if len(raw) <= 75:
        return raw
    parts: list[bytes] = []
    start, limit = 0, 75
    while len(raw) - start > limit:
        cut = start + limit
        while raw[cut] & 0xC0 == 0x80:  # never inside a UTF-8 character
            cut -= 1
        run = cut  # escapes pair up from the start of a run of "\\" and "^"
        while run > start and raw[run - 1] in _ESCAPES:
            run -= 1
        if (cut - run) % 2:  # the last one starts an escape whose second half is past the cut
            cut -= 1
        parts.append(raw[start:cut])
        start, limit = cut, 74
    parts.append(raw[start:])
    return b"\r\n ".join(parts)


_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _text(value: str) -> str:
    """Text as RFC 5545 allows it: line breaks become LF (icalendar escapes them),
    other control characters, which no TEXT value may hold, are dropped."""
    return _CONTROLS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def description(session: Session) -> str:
    """When (local and UTC), then the paragraphs, then the document code."""
    when = wording.when(session)
    if session.window is not None:
        when += f", that is {wording.utc_windows(session)}"
    return "\n\n".join((when, *session.paragraphs, session.code))
