"""VTIMEZONE components in the form Outlook, Google and Apple write themselves.

Each zone gets a STANDARD and a DAYLIGHT observance with a yearly RRULE (BYMONTH plus
BYDAY, or BYMONTHDAY for fixed-date rules) for every period of its rules that the
requested years touch, and a zone without DST a single STANDARD. Everything is read
from zoneinfo (tzdata), never typed in. Not icalendar's ``add_missing_timezones`` form:
its RDATE lists are ignored by Outlook and misread by ical.js, and the COMMENT it puts
on VTIMEZONE is not allowed there (RFC 5545 §3.6.5). icalendar builds the component;
:func:`to_ical` serializes it once per zone and span, as every VEVENT, by
:mod:`.ical`.

    >>> print(to_ical("Asia/Tokyo", 2025, 2025).decode().replace("\\r\\n", "\\n"), end="")
    BEGIN:VTIMEZONE
    TZID:Asia/Tokyo
    BEGIN:STANDARD
    DTSTART:19700101T000000
    TZNAME:JST
    TZOFFSETFROM:+0900
    TZOFFSETTO:+0900
    END:STANDARD
    END:VTIMEZONE
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard
from icalendar.prop import vRecur

from ..model import UTC
from .ical import serialize

# Zones are sampled this often to find transitions, then bisected to the second. Two
# days is enough: in tzdata 2026 no zone has two transitions less than two days apart
# between 1970 and 2040 (checked over all 597 zones), and two changes inside one step
# (t, t + 2 days] would be less than two days apart, so none can hide between samples.
_STEP = timedelta(days=2)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True, slots=True)
class Transition:
    """A change of UTC offset (or of zone abbreviation) at instant ``at``."""

    at: datetime  # aware UTC
    before: timedelta
    after: timedelta
    name: str
    daylight: bool
    onset: datetime = field(init=False)  # wall-clock time of the change in the time before it: a DTSTART (RFC 5545)

    def __post_init__(self) -> None:  # worked out once: the rule finder reads it often
        object.__setattr__(self, "onset", (self.at + self.before).replace(tzinfo=None))


def _state(tz: ZoneInfo, timestamp: int) -> tuple[timedelta, timedelta, str]:
    local = datetime.fromtimestamp(timestamp, tz)
    return local.utcoffset(), local.dst(), local.tzname() or ""


_BLOCK = 8  # years scanned at once: calendars of nearby spans share one scan


def transitions(zone: str, start: datetime, end: datetime) -> list[Transition]:
    """Every transition of ``zone`` in [start, end). Scans are cached block by block
    (_BLOCK whole years each), so the many calendars of one build (each session's own,
    each filter's) scan each year of a zone once, whatever spans they ask for."""
    stop_year = end.year if end == datetime(end.year, 1, 1, tzinfo=UTC) else end.year + 1
    return [
        t
        for block in range(start.year // _BLOCK * _BLOCK, stop_year, _BLOCK)
        for t in _scan(zone, block, block + _BLOCK)
        if start <= t.at < end
    ]


@lru_cache(maxsize=1024)
def _scan(zone: str, first_year: int, stop_year: int) -> tuple[Transition, ...]:
    """Transitions from 1 January ``first_year`` to 1 January ``stop_year``, found by
    sampling zoneinfo every _STEP and bisecting each change to the second (TZif
    instants are whole seconds)."""
    start, end = datetime(first_year, 1, 1, tzinfo=UTC), datetime(stop_year, 1, 1, tzinfo=UTC)
    tz = ZoneInfo(zone)
    step = int(_STEP.total_seconds())
    raw: list[tuple[datetime, tuple, tuple]] = []
    moment, stop = int(start.timestamp()), int(end.timestamp())
    samples = [*range(moment, stop, step), stop]
    # _state of every sample, written out in one comprehension (a call per sample cost a
    # quarter more, and the loop was most of a build's zone work)
    local = datetime.fromtimestamp
    states = [(d.utcoffset(), d.dst(), d.tzname() or "") for d in [local(t, tz) for t in samples]]
    state = states[0]
    for i in range(1, len(samples)):
        low = samples[i - 1]
        while state != states[i]:  # one change or more since the last sample
            low, new_state = _next_change(tz, state, low, samples[i])
            raw.append((datetime.fromtimestamp(low, UTC), state, new_state))
            state = new_state
    # Negative DST (Europe/Dublin: winter is the "DST"): the observance with the larger
    # offset is the one calendar apps should call daylight.
    negative_bases = {offset - dst for _, a, b in raw for offset, dst, _ in (a, b) if dst < timedelta(0)}
    return tuple(
        Transition(at, before[0], after[0], after[2], after[1] > timedelta(0) or (after[1] == timedelta(0) and after[0] in negative_bases))
        for at, before, after in raw
    )


def _next_change(tz: ZoneInfo, state: tuple, low: int, high: int) -> tuple[int, tuple]:
    """The first second after ``low`` (where ``state`` holds) whose state differs,
    before ``high`` (where it does), by bisection; and that state."""
    while high - low > 1:
        middle = (low + high) // 2
        if _state(tz, middle) == state:
            low = middle
        else:
            high = middle
    return high, _state(tz, high)


@dataclass
class _Run:
    """Transitions of one signature in consecutive years that one yearly rule describes."""

    items: list[Transition]
    weekday: int | None  # same weekday every year (BYDAY form) …
    nths: set[int]  # … and the week numbers (1..5, -1 = last) that fit every year
    monthday: int | None  # same day of month every year (BYMONTHDAY form)

    @classmethod
    def start(cls, t: Transition) -> "_Run":
        return cls([t], t.onset.weekday(), _nths(t.onset), t.onset.day)

    def extend(self, t: Transition) -> bool:
        if t.onset.year != self.items[-1].onset.year + 1:
            return False
        weekday = self.weekday if self.weekday == t.onset.weekday() else None
        nths = self.nths & _nths(t.onset) if weekday is not None else set()
        monthday = self.monthday if self.monthday == t.onset.day else None
        if not nths and monthday is None:
            return False
        self.weekday, self.nths, self.monthday = (weekday if nths else None), nths, monthday
        self.items.append(t)
        return True

    def rule(self) -> dict:
        month = self.items[0].onset.month
        if self.nths:
            nth = -1 if -1 in self.nths else min(self.nths)
            return {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": f"{nth}{_WEEKDAYS[self.weekday]}"}
        return {"FREQ": "YEARLY", "BYMONTH": month, "BYMONTHDAY": self.monthday}


def _nths(day: datetime) -> set[int]:
    nths = {(day.day - 1) // 7 + 1}
    if day.day + 7 > _calendar.monthrange(day.year, day.month)[1]:
        nths.add(-1)
    return nths


def _until(last: Transition) -> datetime:
    """UNTIL (UTC, as RFC 5545 requires in VTIMEZONE) that keeps the last onset: the
    later of its instant and its wall-clock reading, because some readers (dateutil's
    tzical, which icalendar's ``to_tz`` uses) compare UNTIL with the local onset."""
    return max(last.at, last.onset.replace(tzinfo=UTC))


def _signature(t: Transition) -> tuple:
    return (t.daylight, t.before, t.after, t.name, t.onset.month, t.onset.time())


def _observance(daylight: bool, start: datetime, before: timedelta, after: timedelta, name: str):
    sub = TimezoneDaylight() if daylight else TimezoneStandard()
    sub.add("DTSTART", start)
    sub.add("TZOFFSETFROM", before)
    sub.add("TZOFFSETTO", after)
    sub.add("TZNAME", name)
    return sub


def observances(zone: str, first_year: int, last_year: int) -> list[tuple[bool, datetime, timedelta, timedelta, str, dict | None]]:
    """The observances of :func:`vtimezone`, in order: (daylight, DTSTART, TZOFFSETFROM,
    TZOFFSETTO, TZNAME, RRULE or None)."""
    span_start = datetime(first_year, 1, 1, tzinfo=UTC) - timedelta(days=1)
    span_end = datetime(last_year + 1, 1, 1, tzinfo=UTC) + timedelta(days=1)
    # One year either side: the observance in force when the span starts, and whether
    # the last rules still hold after it (then their RRULE stays open, without UNTIL).
    found = transitions(zone, datetime(first_year - 1, 1, 1, tzinfo=UTC), datetime(last_year + 2, 1, 1, tzinfo=UTC))
    before = [t for t in found if t.at < span_start]
    inside = [t for t in found if span_start <= t.at < span_end]
    after = [t for t in found if t.at >= span_end]
    kept = before[-1:] + inside

    result = []
    if not before:
        # Nothing tells when the observance at the span's start began: state it from
        # long before (as Outlook does for zones without DST).
        offset, dst, name = _state(ZoneInfo(zone), int(span_start.timestamp()))
        start = datetime(1970 if first_year > 1971 else 1601, 1, 1)
        result.append((dst > timedelta(0), start, offset, offset, name, None))

    runs: dict[tuple, list[_Run]] = {}
    for t in kept + after:
        group = runs.setdefault(_signature(t), [])
        if not (group and group[-1].extend(t)):
            group.append(_Run.start(t))
    emitted = []
    for group in runs.values():
        for run in group:
            in_span = [t for t in run.items if t.at < span_end]
            if not in_span:
                continue
            first = run.items[0]
            rule = None
            if len(run.items) > 1:
                rule = run.rule()
                if len(in_span) == len(run.items):  # the rule ended within the span
                    rule["UNTIL"] = _until(in_span[-1])
            emitted.append((first.daylight, first.onset, first.before, first.after, first.name, rule))
    return result + sorted(emitted, key=lambda e: (e[1], not e[0]))


def vtimezone(zone: str, first_year: int, last_year: int) -> Timezone:
    """VTIMEZONE for ``zone``, exact for every instant of the years first_year..last_year
    (in any zone), with yearly rules where the zone's rules are yearly."""
    tz = Timezone()
    tz.add("TZID", zone)
    for daylight, start, before, after, name, rule in observances(zone, first_year, last_year):
        sub = _observance(daylight, start, before, after, name)
        if rule is not None:
            sub.add("RRULE", vRecur(rule))
        tz.add_component(sub)
    return tz


@lru_cache(maxsize=4096)
def to_ical(zone: str, first_year: int, last_year: int) -> bytes:
    """:func:`vtimezone` serialized (icalendar's lines, folded by :func:`.ical.serialize`),
    once per zone and span: a build needs a few hundred spans, so laying the lines out by
    hand saved nothing measurable."""
    return serialize(vtimezone(zone, first_year, last_year))
