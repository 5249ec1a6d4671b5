"""Dates and times written for people, shared by every renderer so they all agree.

    >>> from datetime import date, time
    >>> from wipofeeds.model import DailyWindow
    >>> date_range(date(2025, 10, 28), date(2025, 10, 29))
    '28–29 October 2025'
    >>> date_range(date(2025, 12, 30), date(2026, 1, 2))
    '30 December 2025 – 2 January 2026'
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from . import tags
from .model import UTC, Mode, Session

EN_DASH = "\u2013"
# English names, whatever the process's locale (strftime's %A and %B follow LC_TIME).
MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def iso_utc(moment: datetime) -> str:
    """'2025-10-28T09:00:00Z': an instant in UTC, to the second (every format's form)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")[:19] + "Z"


def day_label(day: date) -> str:
    """'Tuesday 28 October 2025'."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month]} {day.year}"


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month]}"


def date_range(first: date, last: date) -> str:
    """'4 November 2020', '28–29 October 2025', '30 October – 2 November 2025',
    '30 December 2025 – 2 January 2026'."""
    if first == last:
        return f"{_day(first)} {first.year}"
    if first.year != last.year:
        return f"{_day(first)} {first.year} {EN_DASH} {_day(last)} {last.year}"
    if first.month != last.month:
        return f"{_day(first)} {EN_DASH} {_day(last)} {last.year}"
    return f"{first.day}{EN_DASH}{last.day} {MONTHS[last.month]} {last.year}"


def utc_offset(moment: datetime) -> str:
    """'UTC+1', 'UTC-5', 'UTC+5:30', 'UTC'."""
    return offset_text(moment.utcoffset() or timedelta(0))


def offset_text(offset: timedelta) -> str:
    """An offset from UTC: 'UTC+1', 'UTC-5', 'UTC+5:30', 'UTC'."""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


def zone_names(session: Session) -> str:
    """'CET, UTC+1', or both forms when the session straddles a DST change."""
    names: list[str] = []
    for occ in session.occurrences:
        if occ.start is None:
            continue
        name = f"{occ.start.tzname()}, {utc_offset(occ.start)}"
        if tzname_is_offset(occ.start):
            name = utc_offset(occ.start)
        if name not in names:
            names.append(name)
    return " / ".join(names)


def tzname_is_offset(moment: datetime) -> bool:
    """zoneinfo names some zones by offset ('+04'); those read better as 'UTC+4' alone."""
    name = moment.tzname() or ""
    return name[:1] in "+-" or name.startswith(("UTC", "GMT"))


def local_window(session: Session) -> str:
    """'10:00–18:00 Geneva time (CET, UTC+1)', '10:00–13:00 and 15:00–18:00 Geneva time
    (CET, UTC+1)', or 'All day'."""
    w = session.window
    if w is None:
        return "All day"
    spans = " and ".join(f"{w.start:%H:%M}{EN_DASH}{w.end:%H:%M}" for w in session.windows)
    return f"{spans} {w.label} ({zone_names(session)})"


def when(session: Session) -> str:
    """'28–29 October 2025, 10:00–18:00 Geneva time (CET, UTC+1)' or '… (all day)'.
    Every format states it, so it is kept by what it depends on (the days and the
    window), a bounded number of them."""
    return _kept(_WHEN, session, _when)


def _when(session: Session) -> str:
    dates = date_range(session.first_day, session.last_day)
    return f"{dates} (all day)" if session.window is None else f"{dates}, {local_window(session)}"


def _kept(table: dict, session: Session, compute) -> str:
    """``compute(session)``, kept by what it depends on (the days and the windows), a
    bounded number of them: every format states these texts, for every file that lists
    the session."""
    key = (session.first_day, session.last_day, session.windows)
    text = table.get(key)
    if text is None:
        if len(table) >= _KEPT:
            table.clear()
        text = table[key] = compute(session)
    return text


_WHEN: dict[tuple, str] = {}
_UTC: dict[tuple, str] = {}
_KEPT = 1 << 17


def utc_windows(session: Session) -> str:
    """The daily windows in UTC, grouped by runs of days with the same UTC hours:
    '09:00–17:00 UTC' or '08:00–16:00 UTC on 27 March; 07:00–15:00 UTC on 28–29 March'
    ('09:00–12:00 and 14:00–17:00 UTC' for two windows a day)."""
    if session.window is None:
        return ""
    return _kept(_UTC, session, _utc_windows)


def _utc_windows(session: Session) -> str:
    groups: list[tuple[str, date, date]] = []
    for day in session.days:
        span = " and ".join(f"{start.astimezone(UTC):%H:%M}{EN_DASH}{end.astimezone(UTC):%H:%M}"
                            for start, end in (w.on(day) for w in session.windows)) + " UTC"
        if groups and groups[-1][0] == span:
            groups[-1] = (span, groups[-1][1], day)
        else:
            groups.append((span, day, day))
    if len(groups) == 1:
        return groups[0][0]
    return "; ".join(f"{span} on {date_range(a, b)}" for span, a, b in groups)


def place_and_mode(session: Session) -> str:
    """'Geneva, Switzerland · Hybrid', 'Online · Virtual', or what of the two the
    listing states ('Geneva, Switzerland'); '' when it states neither."""
    return " · ".join(part for part in (session.location, session.mode and session.mode.label) if part)


def collection_title(title: str, path: str, topics: tuple[tuple[str, str], ...] = ()) -> str:
    """The title of a collection published at ``path``, saying which subset it holds, so a
    reader subscribed to several can tell them apart: 'Series (2025)', 'Series (Virtual)',
    'Series (Generative AI)' (a topic by its display name: :func:`wipofeeds.tags.name`,
    renamed by ``topics``, the site's ``[topics]`` of sessions.toml), 'Series
    (selection)' for other filters."""
    if "?" in path:
        return f"{title} (selection)"
    parts = path.split("/")[-3:]  # after the part of the site it is in ('series/sccr/')
    if len(parts) != 3 or parts[0] not in ("year", "mode", "tag"):
        return title
    kind, value = parts[0], parts[1]
    if kind == "mode" and value in Mode._value2member_map_:
        value = Mode(value).label
    elif kind == "tag":
        value = tags.name(value, dict(topics))
    return f"{title} ({value})"
