"""The data model every renderer reads: frozen, aware, free of I/O.

A :class:`Session` is what the listing (plus ``sessions.toml``) says about one meeting.
A :class:`Record` is what the change history knows about it (first published, last
changed, sequence, log). A :class:`Catalog` bundles sessions, history and site settings:
it is computed once and handed unchanged to every renderer. Nothing here caches
rendered text: what formats share is worked out by :mod:`wipofeeds.views`, and what a
format keeps per session lives in that format's fragments. The few cached properties
are values of the data itself (a session's id, days and fingerprint; a catalog's
index by id and latest change).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from enum import StrEnum
from functools import cached_property, lru_cache

from . import zones
from .settings import SeriesConfig, SiteConfig  # noqa: F401 - part of the model, defined there

UTC = timezone.utc


def N_(message: str) -> str:
    """A message of the pages, left in English here: ``pybabel extract`` finds it by this
    name for the catalogs, and a page translates it where it writes it (:mod:`.i18n`)."""
    return message


class Mode(StrEnum):
    HYBRID = "hybrid"
    VIRTUAL = "virtual"
    IN_PERSON = "in-person"

    @property
    def label(self) -> str:
        return {"hybrid": N_("Hybrid"), "virtual": N_("Virtual"), "in-person": N_("In person")}[self.value]


class Status(StrEnum):
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


@dataclass(frozen=True, slots=True)
class Place:
    """Where a session is held: a city and, when the listing names them, the venue,
    region and country, each as written."""

    city: str
    country: str | None = None
    region: str | None = None
    """A state or province between city and country: 'Palo Alto, California, …'."""
    venue: str | None = None
    """A building before the city: 'WIPO Headquarters, Geneva'."""

    def __str__(self) -> str:
        return ", ".join(part for part in (self.venue, self.city, self.region, self.country) if part)

    def parts(self) -> dict:
        """Each part by name, as the JSON forms write a place."""
        return {"city": self.city, "country": self.country, "region": self.region, "venue": self.venue}


@dataclass(frozen=True, slots=True)
class DailyWindow:
    """The same local hours on every day of a session, in an IANA zone.

    ``label`` is how the listing named the zone ("Geneva time", "CET", "UTC+2"), kept
    for display; ``zone`` is the IANA key the times are computed in.
    """

    start: time
    end: time
    zone: str
    label: str

    def content(self) -> dict:
        """The window as :meth:`Session.content` and the JSON forms write it."""
        return {"start": self.start.strftime("%H:%M"), "end": self.end.strftime("%H:%M"), "zone": self.zone,
                "label": self.label}

    @classmethod
    def from_content(cls, raw: dict) -> "DailyWindow":
        """The window :meth:`content` (and the JSON forms) describe."""
        return cls(time.fromisoformat(raw["start"]), time.fromisoformat(raw["end"]), raw["zone"], raw["label"])

    @property
    def tz(self) -> tzinfo:
        return zones.tzinfo(self.zone)

    @property
    def overnight(self) -> bool:
        """Whether the window ends after midnight, on the next day ('22:00 - 02:00')."""
        return self.end <= self.start

    def on(self, day: date) -> tuple[datetime, datetime]:
        """Aware start and end of the window on ``day`` (DST-correct for that day)."""
        tz = self.tz
        end_day = day + timedelta(days=1) if self.overnight else day
        return datetime.combine(day, self.start, tz), datetime.combine(end_day, self.end, tz)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One day of a session: aware local start/end, or all-day (start/end None)."""

    day: date
    start: datetime | None
    end: datetime | None

    @property
    def start_utc(self) -> datetime | None:
        return self.start.astimezone(UTC) if self.start else None

    @property
    def end_utc(self) -> datetime | None:
        return self.end.astimezone(UTC) if self.end else None


def daily(first_day: date, count: int) -> tuple[date, ...]:
    """``count`` days from ``first_day`` by ``RRULE:FREQ=DAILY;COUNT=count`` (dateutil)."""
    return tuple(first_day + step for step in _daily_steps(count))


@lru_cache(maxsize=64)
def _daily_steps(count: int) -> tuple[timedelta, ...]:
    """How far from DTSTART each instance of ``FREQ=DAILY;COUNT=count`` falls, as
    dateutil expands the rule. A daily rule's steps do not depend on its start, so each
    count is expanded once (an expansion per session cost more than the session's page)."""
    from dateutil.rrule import DAILY, rrule  # here: `wipofeeds check` never expands days

    start = datetime(2000, 1, 1)
    return tuple(moment - start for moment in rrule(DAILY, count=count, dtstart=start))


_ID_JUNK = re.compile(r"[^a-z0-9]+")


def session_id(code: str) -> str:
    """URL-safe id derived from the document code alone: ``WIPO/IP/CONV/GE/2/25`` →
    ``wipo-ip-conv-ge-2-25``. Never depends on text, dates or host, so UIDs stay put."""
    return _ID_JUNK.sub("-", code.lower()).strip("-")


@dataclass(frozen=True)
class Session:
    """One record of the listing, read: its dates, daily window, place, mode and text."""

    code: str
    title: str
    first_day: date
    last_day: date
    mode: Mode | None
    """None where the listing states no attendance mode: nothing is invented."""
    paragraphs: tuple[str, ...]
    window: DailyWindow | None = None
    """The daily window (the first, when the listing gives a day several)."""
    place: Place | None = None
    ordinal: int | None = None
    tags: tuple[str, ...] = ()
    status: Status = Status.CONFIRMED
    url: str | None = None
    """A page about the session elsewhere (from sessions.toml)."""
    conference_url: str | None = None
    """A join link for online attendance (from sessions.toml)."""
    line: int = 0
    """Line of the document code in the listing, for messages."""
    title_is_generated: bool = field(default=False, compare=False)
    extra_windows: tuple[DailyWindow, ...] = ()
    """Later windows of the same days ('10 a.m. to 1 p.m. and from 3 p.m. to 6 p.m.'),
    in the zone of ``window``; each is its own event series in the calendar."""
    series: str = ""
    """The slug of the series whose listing holds it ('' with a single listing). Not
    part of :meth:`content`: a session moved to another listing is not changed."""

    @cached_property  # read on every path, link and lookup: worked out once
    def id(self) -> str:
        return session_id(self.code)

    @property
    def all_day(self) -> bool:
        return self.window is None

    @property
    def day_count(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @cached_property
    def days(self) -> tuple[date, ...]:
        """Every day of the session, expanded by dateutil from the rule the calendar
        publishes (``RRULE:FREQ=DAILY;COUNT=<day_count>`` from the first day), so the
        pages' day list and every client's expansion are the same days."""
        return daily(self.first_day, self.day_count)

    @property
    def windows(self) -> tuple[DailyWindow, ...]:
        """Every daily window, in order; empty for an all-day session."""
        return () if self.window is None else (self.window, *self.extra_windows)

    @cached_property
    def occurrences(self) -> tuple[Occurrence, ...]:
        """Each day's windows, day by day (one all-day occurrence a day without)."""
        if self.window is None:
            return tuple(Occurrence(d, None, None) for d in self.days)
        return tuple(Occurrence(d, *w.on(d)) for d in self.days for w in self.windows)

    @property
    def location(self) -> str | None:
        """What a calendar shows as the location: the place, "Online" for a virtual
        session without one, else None (nothing is invented)."""
        if self.place is not None:
            return str(self.place)
        return "Online" if self.mode is Mode.VIRTUAL else None

    @property
    def sort_key(self) -> tuple:
        """Newest first when sorted ascending: later first day, then later start, then code."""
        start = self.window.start if self.window else time(0)
        return (-self.first_day.toordinal(), -(start.hour * 60 + start.minute), self.code)

    def content(self) -> dict:
        """The fields whose change is a change subscribers should hear about, as plain
        JSON-able values. The history fingerprints this and diffs it field by field."""
        return {
            "title": self.title,
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "window": None if self.window is None else self.window.content(),
            "place": None if self.place is None else str(self.place),
            "mode": None if self.mode is None else self.mode.value,
            "status": self.status.value,
            "paragraphs": list(self.paragraphs),
            "tags": list(self.tags),
            "url": self.url,
            "conference_url": self.conference_url,
        } | ({"extra_windows": [w.content() for w in self.extra_windows]} if self.extra_windows else {})

    @cached_property
    def fingerprint(self) -> str:
        import hashlib  # here, not at the top: `wipofeeds check` never needs them
        import json

        raw = json.dumps(self.content(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()


# --- change history -----------------------------------------------------------------


class ChangeKind(StrEnum):
    ANNOUNCED = "announced"
    RESCHEDULED = "rescheduled"  # first/last day changed
    RETIMED = "retimed"  # daily window changed
    MOVED = "moved"  # place or attendance mode changed
    RETITLED = "retitled"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"
    REINSTATED = "reinstated"  # back to confirmed
    EDITED = "edited"  # text, tags or links changed
    WITHDRAWN = "withdrawn"  # left the listing (gone from every calendar)


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of a session's change log. ``previous``/``current`` hold the changed
    fields of :meth:`Session.content` (``previous`` is None for an announcement)."""

    session_id: str
    kind: ChangeKind
    at: datetime  # aware, UTC
    sequence: int
    previous: dict | None
    current: dict

    @property
    def id(self) -> str:
        """Stable id of this change, unique in the whole history."""
        return f"{self.session_id}/{self.sequence}/{self.kind.value}"


@dataclass(frozen=True, slots=True)
class Record:
    """What the history knows about one session id."""

    fingerprint: str
    first_published: datetime  # aware, UTC
    last_modified: datetime  # aware, UTC
    sequence: int
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class History:
    """The change record of every session ever published, by session id."""

    records: dict[str, Record] = field(default_factory=dict)

    def get(self, sid: str) -> Record | None:
        return self.records.get(sid)

    def __getitem__(self, sid: str) -> Record:
        return self.records[sid]


@dataclass(frozen=True)
class Catalog:
    """Everything a renderer may read: sorted sessions, their history, the site.

    With several listings the catalog of the whole site holds every session, and
    ``sections`` the catalog each part of the site publishes: ("", the default
    listing's), ("series/<slug>/", each series'), ("all/", every session's)."""

    sessions: tuple[Session, ...]  # newest first
    history: History
    site: SiteConfig
    sections: tuple[tuple[str, "Catalog"], ...] = ()

    def record(self, session: Session) -> Record:
        return self.history.records[session.id]

    @cached_property
    def by_id(self) -> dict[str, Session]:
        return {s.id: s for s in self.sessions}

    @cached_property
    def updated(self) -> datetime:
        """The latest change of any session (feed-level updated); epoch when empty."""
        records = self.history.records
        times = [records[s.id].last_modified for s in self.sessions]
        return max(times, default=datetime(1970, 1, 1, tzinfo=UTC))

    def with_sessions(self, sessions) -> "Catalog":
        """The same catalog limited to ``sessions`` (for filtered feeds)."""
        return Catalog(tuple(sessions), self.history, self.site)

    def with_site(self, site: SiteConfig) -> "Catalog":
        return Catalog(self.sessions, self.history, site, self.sections)

    def at(self, base_url: str | None) -> "Catalog":
        """The same catalog, every section's links under ``base_url``."""
        sections = tuple((prefix, section.at(base_url)) for prefix, section in self.sections)
        return Catalog(self.sessions, self.history, replace(self.site, base_url=base_url), sections)

    def part(self, path: str) -> "Catalog":
        """The section that publishes ``path`` ('series/sccr/index.html' → the series'
        catalog, 'index.html' → the default listing's), or this catalog."""
        for prefix, section in self.sections:
            if prefix and path.startswith(prefix):
                return section
        return self.sections[0][1] if self.sections else self

    @property
    def parts(self) -> tuple[tuple[str, "Catalog"], ...]:
        """What each part of the site publishes: ``sections``, or the one catalog."""
        return self.sections or (("", self),)
