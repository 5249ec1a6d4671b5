"""Views: what several formats read about a catalog, worked out once per catalog.

The pipeline is parse → model → views → formats → site → publish. The model is frozen
data; a format formats. Between them, this module decides what more than one format (or
the site) needs the same way:

- the subsets with a path form (:class:`Filter`, :func:`path_views`: each year, mode and
  tag, sorted out in one pass), which the site publishes and the home page counts;
- what a feed lists: the :data:`FEED_LIMIT` sessions changed last (:func:`latest`), in
  the order and with the dates readers sort by (:func:`feed_items`, below), its date
  (:func:`feed_updated`), the withdrawn sessions the change feeds mention;
- the display name of a topic (:func:`topic_name`: the built-in table of
  :mod:`wipofeeds.tags`, overridden by ``[topics]`` of ``sessions.toml``);
- links and ids every format writes alike (:func:`page_url`, :func:`ics_url`,
  :func:`session_urn`…) and the size of a session's ``.ics`` that feeds state
  (:func:`ics_size`, asked of the registered ``.ics`` format: no feed imports the
  calendar).

A value is kept for as long as its catalog lives, beside it (never inside it), so each
filtered view works out its own latest sessions once for the RSS, Atom and JSON feeds.

Dates readers sort by
---------------------
Readers order items by date (RSS ``pubDate``; Atom ``published`` or ``updated``; JSON
Feed ``date_published``), not by their place in the document, and break ties their own
way (title, id, arrival). A first import stamps every session, and one build every
change, with one instant of the history. So among a feed's items sharing an instant, the
newest session keeps it and each item below is dated one second before the one above
(:func:`reader_dates`): no date is later than the history records (never in the future,
never after the feed's date), none more than ``FEED_LIMIT - 1`` seconds earlier; the
exact instants stay in ``sessions.json``, the pages and the calendars. A session feed
writes its items in the order of ``published`` (newest first; ties in the catalog's
order, newest session first, never by id) and spreads ``updated`` alike among items
changed together (never below ``published``); a change feed lists changes newest first,
those of one instant newest session first. Dates depend on the feed's own items only, so
the RSS, Atom and JSON forms of a feed agree.
"""

from __future__ import annotations

import heapq
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from . import history, tags
from .errors import FilterError
from .i18n import DEFAULT, gettext
from .model import Catalog, Change, Mode, Session
from .render import Fragments, load_builtin
from .tags import SLUG

# Entries per feed: the sessions (or changes) most recently announced or changed.
FEED_LIMIT = 50
ICS = "text/calendar"  # the media type a feed states for a session's .ics

# --- worked out once per catalog -------------------------------------------------------

_KEPT: dict[int, dict[str, object]] = {}  # id(catalog) → its values, while it lives


def _once(catalog: Catalog, name: str, compute: Callable[[], object]):
    """``compute()``, once for ``catalog``: kept beside it and dropped with it."""
    key = id(catalog)
    kept = _KEPT.get(key)
    if kept is None:
        kept = _KEPT[key] = {}
        weakref.finalize(catalog, _KEPT.pop, key, None)
    try:
        return kept[name]
    except KeyError:
        value = kept[name] = compute()
        return value


# --- filters --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filter:
    """A subset of sessions. Path forms exist for a single year, mode or tag."""

    year: int | None = None
    mode: Mode | None = None
    tag: str | None = None
    start: date | None = None  # "from": sessions ending on or after
    end: date | None = None  # "to": sessions starting on or before
    upcoming: bool = False
    q: str | None = None
    series: tuple[str, ...] | None = None  # slugs ('?series=sccr,scp', all/ only)

    PARAMETERS = ("year", "mode", "tag", "from", "to", "upcoming", "q", "series")

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "Filter":
        """Parse query parameters; a bad value raises FilterError naming the parameter."""

        def one(name: str) -> str | None:
            value = args.get(name)
            return None if value is None or value.strip() == "" else value.strip()

        values: dict = {}
        for name, parse in _PARSERS:
            if (raw := one(name)) is not None:
                values.update(parse(raw))
            if name == "to" and values.get("start") and values.get("end") and values["end"] < values["start"]:
                raise FilterError("to", "is before 'from'")
        return cls(**values)

    @property
    def is_empty(self) -> bool:
        return self == Filter()

    @property
    def needs_today(self) -> bool:
        return self.upcoming

    def keeps(self, s: Session, today: date | None = None, needle: str | None = None) -> bool:
        """Whether ``s`` is in this subset (``needle``: ``q`` casefolded)."""
        return (
            (self.year is None or s.first_day.year <= self.year <= s.last_day.year)
            and (self.mode is None or s.mode is self.mode)
            and (self.tag is None or self.tag in s.tags)
            and (self.start is None or s.last_day >= self.start)
            and (self.end is None or s.first_day <= self.end)
            and (not self.upcoming or (today is not None and s.last_day >= today))
            and (not needle or needle in _haystack(s))
            and (self.series is None or s.series in self.series)
        )

    def apply(self, sessions: Iterable[Session], today: date | None = None) -> tuple[Session, ...]:
        needle = self.q.casefold() if self.q else None
        return tuple(s for s in sessions if self.keeps(s, today, needle))

    @property
    def path_prefix(self) -> str | None:
        """'year/2025/', 'mode/virtual/', 'tag/copyright/' when a path form exists."""
        set_fields = [(k, v) for k, v in (("year", self.year), ("mode", self.mode), ("tag", self.tag)) if v is not None]
        if len(set_fields) != 1 or self.start or self.end or self.upcoming or self.q or self.series:
            return None
        key, value = set_fields[0]
        return f"{key}/{value}/"


def _year(raw: str) -> dict:
    if not (raw.isascii() and raw.isdigit() and 1900 <= int(raw) <= 2999):
        raise FilterError("year", f"{raw!r} is not a year (expected e.g. 2025)")
    return {"year": int(raw)}


def _mode(raw: str) -> dict:
    try:
        return {"mode": Mode(raw.lower())}
    except ValueError:
        known = ", ".join(m.value for m in Mode)
        raise FilterError("mode", f"{raw!r} is not a mode (expected one of {known})") from None


def _tag(raw: str) -> dict:
    if not SLUG.fullmatch(raw.lower()):
        raise FilterError("tag", f"{raw[:60]!r} is not a tag (expected words joined by hyphens, e.g. copyright)")
    return {"tag": raw.lower()}


def _day(name: str, key: str) -> Callable[[str], dict]:
    def parse(raw: str) -> dict:
        try:
            return {key: date.fromisoformat(raw)}
        except ValueError:
            raise FilterError(name, f"{raw!r} is not a date (expected YYYY-MM-DD)") from None

    return parse


def _upcoming(raw: str) -> dict:
    if raw.lower() not in ("1", "true", "yes", "0", "false", "no"):
        raise FilterError("upcoming", f"{raw!r} is not a yes/no value (expected 1 or 0)")
    return {"upcoming": raw.lower() in ("1", "true", "yes")}


def _series(raw: str) -> dict:
    slugs = tuple(sorted({slug.strip().lower() for slug in raw.split(",") if slug.strip()}))
    if not slugs or not all(SLUG.fullmatch(slug) for slug in slugs):
        raise FilterError("series", f"{raw[:60]!r} is not a list of series (expected e.g. sccr,scp)")
    return {"series": slugs}


# Query parameter → its parser, in the order errors are reported.
_PARSERS: tuple[tuple[str, Callable[[str], dict]], ...] = (
    ("year", _year),
    ("mode", _mode),
    ("tag", _tag),
    ("from", _day("from", "start")),
    ("to", _day("to", "end")),
    ("upcoming", _upcoming),
    ("q", lambda raw: {"q": raw[:200]}),
    ("series", _series),
)


def _haystack(s: Session) -> str:
    return " ".join((s.code, s.title, s.location or "", *s.paragraphs, *s.tags)).casefold()


def path_filters(catalog: Catalog) -> list[tuple[str, Filter]]:
    """Every filter with a path form the site publishes: each year with sessions, every
    mode (so a link to an empty mode stays valid), each tag in use."""
    years = sorted({y for s in catalog.sessions for y in range(s.first_day.year, s.last_day.year + 1)}, reverse=True)
    used = sorted({t for s in catalog.sessions for t in s.tags})
    filters = [Filter(year=y) for y in years] + [Filter(mode=m) for m in Mode] + [Filter(tag=t) for t in used]
    return [(f.path_prefix or "", f) for f in filters]


def path_views(catalog: Catalog) -> list[tuple[str, Filter, tuple[Session, ...]]]:
    """Every filter of :func:`path_filters` with the sessions it keeps (in catalog order,
    as ``Filter.apply`` keeps them; a test holds them equal), sorted out in one pass over
    the sessions rather than one per filter, once per catalog: the build and the home
    page's counts both need them."""
    return _once(catalog, "path_views", lambda: _path_views(catalog))


def _path_views(catalog: Catalog) -> list[tuple[str, Filter, tuple[Session, ...]]]:
    filters = path_filters(catalog)
    buckets: dict[tuple[str, object], list[Session]] = {_bucket(flt): [] for _, flt in filters}
    for s in catalog.sessions:
        for year in range(s.first_day.year, s.last_day.year + 1):
            buckets[("year", year)].append(s)
        if s.mode is not None:  # a session whose listing states no mode is in no mode's view
            buckets[("mode", s.mode)].append(s)
        for tag in dict.fromkeys(s.tags):
            buckets[("tag", tag)].append(s)
    return [(prefix, flt, tuple(buckets[_bucket(flt)])) for prefix, flt in filters]


def _bucket(flt: Filter) -> tuple[str, object]:
    if flt.year is not None:
        return ("year", flt.year)
    if flt.mode is not None:
        return ("mode", flt.mode)
    return ("tag", flt.tag)


# --- what feeds list ------------------------------------------------------------------


def latest(catalog: Catalog, limit: int = FEED_LIMIT) -> tuple[Session, ...]:
    """The ``limit`` sessions announced or changed most recently (ties: the catalog's
    order, later sessions first), in the catalog's order: what a session feed lists.
    Once per catalog: its RSS, Atom and JSON feeds list the same."""
    sessions = catalog.sessions
    if len(sessions) <= limit:
        return sessions
    return _once(catalog, f"latest {limit}", lambda: _latest(catalog, limit))


def _latest(catalog: Catalog, limit: int) -> tuple[Session, ...]:
    sessions, records = catalog.sessions, catalog.history.records
    # nlargest keeps ties in input order, as sorted(..., reverse=True)[:limit] would.
    kept = heapq.nlargest(limit, range(len(sessions)), key=lambda i: records[sessions[i].id].last_modified)
    return tuple(sessions[i] for i in sorted(kept))


@dataclass(frozen=True, slots=True)
class FeedItem:
    """A session as a session feed lists it: the dates readers sort it by."""

    session: Session
    published: datetime
    """First publication, spread apart from the items first published together."""
    updated: datetime
    """Last change, spread apart from the items last changed together; >= ``published``."""


def feed_items(catalog: Catalog) -> tuple[FeedItem, ...]:
    """The sessions a feed lists (:func:`latest`) in the order readers show them, with
    the dates that make them show it (see "Dates readers sort by" above). Once per
    catalog: its RSS, Atom and JSON feeds list the same items with the same dates."""
    return _once(catalog, "feed_items", lambda: _feed_items(catalog))


def _feed_items(catalog: Catalog) -> tuple[FeedItem, ...]:
    records = catalog.history.records
    # Stable sorts: among equal instants the catalog's order (newest session first) stays.
    listed = sorted(latest(catalog), key=lambda s: records[s.id].first_published, reverse=True)
    published = reader_dates([records[s.id].first_published for s in listed])
    by_change = sorted(range(len(listed)), key=lambda i: records[listed[i].id].last_modified, reverse=True)
    changed = reader_dates([records[listed[i].id].last_modified for i in by_change])
    updated = dict(zip(by_change, changed))
    return tuple(FeedItem(s, published[i], max(updated[i], published[i])) for i, s in enumerate(listed))


def reader_dates(instants: list[datetime]) -> list[datetime]:
    """``instants`` (newest first) as dates readers order the same way: each one its own,
    or one second before the date above it when that is earlier, so equal instants
    become distinct, decreasing dates and none is later than its instant.

        >>> from datetime import datetime, timezone
        >>> at = datetime(2025, 1, 1, 12, tzinfo=timezone.utc)
        >>> [d.time().isoformat() for d in reader_dates([at, at, at])]
        ['12:00:00', '11:59:59', '11:59:58']
    """
    dates: list[datetime] = []
    for instant in instants:
        dates.append(min(instant, dates[-1] - _SECOND) if dates else instant)
    return dates


_SECOND = timedelta(seconds=1)


def feed_updated(catalog: Catalog) -> datetime:
    """Latest change of the feed's sessions. An empty filtered feed takes the latest
    change of the whole history (a session left it then), never the clock."""
    if catalog.sessions:
        return catalog.updated
    return max((r.last_modified for r in catalog.history.records.values()), default=catalog.updated)


def withdrawn(catalog: Catalog) -> tuple[Session, ...]:
    """:func:`wipofeeds.history.withdrawn_sessions`, once per catalog (both change feeds
    mention them)."""
    return _once(catalog, "withdrawn", lambda: history.withdrawn_sessions(catalog))


# --- topics -----------------------------------------------------------------------------


def topic_name(catalog: Catalog, tag: str, language: str = DEFAULT) -> str:
    """The name people read for ``tag`` ("generative-ai" → "Generative AI"), the same in
    every page and feed: ``[topics]`` of sessions.toml, else :data:`wipofeeds.tags.NAMES`
    (translated in a page of another ``language``), else the slug's words
    (:func:`wipofeeds.tags.name`). Links and filters keep the slug."""
    renamed = _renamed(catalog.site.topics)
    name = tags.name(tag, renamed)
    return gettext(name, language) if tag not in renamed and tag in tags.NAMES else name


def topic_names(catalog: Catalog) -> dict[str, str]:
    """Every tag of the catalog's sessions → its :func:`topic_name`, sorted by name."""
    used = {t for s in catalog.sessions for t in s.tags}
    return dict(sorted(((t, topic_name(catalog, t)) for t in used), key=lambda pair: (pair[1].casefold(), pair[0])))


@lru_cache(maxsize=16)
def _renamed(topics: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return dict(topics)


# --- links and ids ----------------------------------------------------------------------


def session_urn(session: Session) -> str:
    """Entry id of a session in every feed format: the session id alone, so it survives a
    change of host, title or dates."""
    return f"urn:wipofeeds:session:{session.id}"


def change_urn(change: Change) -> str:
    """Entry id of one change. URN syntax allows no '/', hence ':'."""
    return "urn:wipofeeds:change:" + change.id.replace("/", ":")


def page_url(catalog: Catalog, session: Session) -> str:
    return catalog.site.url(f"sessions/{session.id}.html")


def ics_url(catalog: Catalog, session: Session) -> str:
    return catalog.site.url(f"sessions/{session.id}.ics")


def json_url(catalog: Catalog, session: Session) -> str:
    return catalog.site.url(f"sessions/{session.id}.json")


# The sizes feeds state, per session, history record and site, until the build ends
# (the RSS/Atom step and the JSON Feed's both state them): :func:`clear`.
ICS_SIZES = Fragments()


def clear() -> None:
    """Drop what the views keep per session (the end of a build)."""
    ICS_SIZES.clear()


def ics_size(catalog: Catalog, session: Session) -> int:
    """Byte length of the session's published ``.ics`` (an RSS enclosure and a JSON Feed
    attachment state it), rendered by the registered ``.ics`` format: no feed imports
    the calendar. Its VEVENT stays in the calendar's fragments for the calendar's step."""
    return ICS_SIZES.get((session.id, catalog.site.of(session)), session, catalog.record(session), lambda: _ics_size(catalog, session))


def _ics_size(catalog: Catalog, session: Session) -> int:
    calendar = load_builtin()[("session", ".ics")]
    return len(calendar.render(catalog, session, f"sessions/{session.id}.ics"))


def safe_href(url: str | None) -> str | None:
    """Only http(s) links from curated data become links (no javascript: URLs)."""
    return url if url and url.startswith(("https://", "http://")) else None
