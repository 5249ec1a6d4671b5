"""Links that add a calendar or a session to someone's calendar app, for the pages.

A calendar is followed by URL (``webcal:``, Google's ``cid``, Outlook's ``addfromweb``)
or as a feed (:class:`FeedLinks`); a session is added as one event (Google's event
template with the daily RRULE the calendar publishes, Outlook's compose links, one per
day). Every value is percent-encoded by :func:`percent`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .. import wording, zones
from ..model import UTC, Session, SiteConfig
from ..wording import iso_utc


def ical_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True, slots=True)
class FeedLinks:
    """Every way to follow one calendar: subscribe buttons plus its feeds."""

    ics: str
    webcal: str
    google: str
    outlook: str
    office: str
    rss: str
    atom: str
    json: str


def feed_links(site: SiteConfig, prefix: str, name: str) -> FeedLinks:
    """Absolute links for the collections under ``prefix`` ('' or 'year/2025/')."""
    ics = site.url(prefix + "calendar.ics")
    webcal = "webcal://" + ics.split("://", 1)[1]
    by_url = _query([("url", percent(ics)), ("name", percent(name))])
    return FeedLinks(
        ics=ics,
        webcal=webcal,
        google="https://calendar.google.com/calendar/r?cid=" + percent(webcal),
        outlook="https://outlook.live.com/calendar/0/addfromweb?" + by_url,
        office="https://outlook.office.com/calendar/0/addfromweb?" + by_url,
        rss=site.url(prefix + "feed.rss"),
        atom=site.url(prefix + "feed.atom"),
        json=site.url(prefix + "feed.json"),
    )


def event_details(session: Session, page_url: str, when: str | None = None, limit: int = 280) -> str:
    """Event description for calendar links: when, the start of the first paragraph and
    the page (which has the rest). Kept short: URLs have a length limit, and every page
    carries one link per day of the session.
    ``when`` is ``wording.when(session)`` when the caller has it already."""
    text = session.paragraphs[0] if session.paragraphs else ""
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    if when is None:
        when = wording.when(session)
    return "\n\n".join(part for part in (when, text, page_url) if part)


def google_event_url(session: Session, page_url: str, details: str | None = None) -> str:
    """Google Calendar's event template; a multi-day window becomes a daily recurrence.
    ``details``: :func:`event_details`, when the caller has it already."""
    return google_url(session, LinkTexts.of(session, page_url, details))


def outlook_event_urls(session: Session, page_url: str, details: str | None = None) -> list[tuple[date | None, str]]:
    """Outlook's compose deeplink cannot repeat: one link per day of a windowed session
    (day None: the link covers the whole session). ``details`` as for Google."""
    return outlook_urls(session, LinkTexts.of(session, page_url, details))


@dataclass(frozen=True, slots=True)
class LinkTexts:
    """A session's title, details and location percent-encoded (RFC 3986, nothing kept
    but unreserved characters), once for all the calendar links of its page: the long
    details were most of a page's cost when every link encoded them again."""

    title: str
    details: str
    location: str

    @classmethod
    def of(cls, session: Session, page_url: str, details: str | None = None) -> "LinkTexts":
        if details is None:
            details = event_details(session, page_url)
        return cls(percent(session.title), percent(details), percent(session.location or ""))


class _PercentTable(dict):
    """``str.translate`` table: each character to itself if unreserved, else to the
    %XX escapes of its UTF-8 bytes (filled in on first sight)."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        value = self[codepoint] = char if char in _UNRESERVED else "".join(f"%{b:02X}" for b in char.encode("utf-8"))
        return value


_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")
_PERCENT = _PercentTable()


def percent(text: str) -> str:
    """``urllib.parse.quote(text, safe="")`` in one C-level pass (a test holds them
    equal): quote walks the bytes in Python, and a page encodes a few hundred. Every
    link this module writes is encoded by it."""
    return text.translate(_PERCENT)


def _query(pairs: list[tuple[str, str]]) -> str:
    """``urlencode`` of values encoded already (keys are plain words)."""
    return "&".join(f"{key}={value}" for key, value in pairs)


def _keep_slash(encoded: str) -> str:
    """An encoded value as ``quote(value, safe="/")`` has it: "/" left as it is."""
    return encoded.replace("%2F", "/")


def google_url(session: Session, texts: LinkTexts) -> str:
    first = session.occurrences[0]
    if first.start is None:
        dates = f"{session.first_day:%Y%m%d}/{session.last_day + timedelta(days=1):%Y%m%d}"
    else:
        dates = f"{ical_utc(first.start)}/{ical_utc(first.end)}"
    # Google's links keep "/" as it is (urlencode with safe="/"): the same encoding otherwise.
    pairs = [("action", "TEMPLATE"), ("text", _keep_slash(texts.title)), ("dates", _keep_slash(percent(dates)))]
    pairs += [("details", _keep_slash(texts.details)), ("location", _keep_slash(texts.location))]
    if session.window is not None and not zones.is_fixed(session.window.zone):
        pairs.append(("ctz", _keep_slash(percent(session.window.zone))))
        if session.day_count > 1:
            pairs.append(("recur", percent(f"RRULE:FREQ=DAILY;COUNT={session.day_count}")))
    return "https://calendar.google.com/calendar/render?" + _query(pairs)


def outlook_urls(session: Session, texts: LinkTexts) -> list[tuple[date | None, str]]:
    base = [("path", "%2Fcalendar%2Faction%2Fcompose"), ("rru", "addevent"), ("subject", texts.title)]
    base += [("body", texts.details), ("location", texts.location)]
    # The same leading parameters on every day's link.
    head = "https://outlook.live.com/calendar/0/deeplink/compose?" + _query(base) + "&"
    if session.window is None:
        end = session.last_day + timedelta(days=1)
        day = [("startdt", session.first_day.isoformat()), ("enddt", end.isoformat()), ("allday", "true")]
        return [(None, head + _query(day))]
    links = []
    for occ in session.occurrences:
        day = [("startdt", percent(iso_utc(occ.start))), ("enddt", percent(iso_utc(occ.end))), ("allday", "false")]
        links.append((occ.day if session.day_count > 1 else None, head + _query(day)))
    return links
