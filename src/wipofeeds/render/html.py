"""The subscribe page, one page per session, and their stylesheet and script.

Pages are rendered from Jinja2 templates (autoescaped) and never depend on the day they
are rendered: which sessions are upcoming, and what time they start for the reader, is
worked out in the browser by ``assets/app.js`` from the ISO instants in the markup.
Without JavaScript every session is still listed with its dates in its own zone and UTC.
Pages carry no inline script or style so a strict Content-Security-Policy holds; the
schema.org JSON-LD block is data, not script.

What the pages say about a session (:class:`SessionView`) and its item in the index are
worked out once per catalog (:meth:`~wipofeeds.model.Catalog.remember`): the index lists
every session and the site is rebuilt per host, so nothing is computed twice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .. import wording, zones
from ..model import UTC, Catalog, Change, ChangeKind, Mode, Session, SiteConfig, Status
from . import register
from .jsonapi import dumps_safe  # JSON that cannot end a <script> element

HTML = "text/html; charset=utf-8"
ASSETS = {"assets/style.css": "style.css", "assets/app.js": "app.js"}

_env = Environment(
    loader=PackageLoader("wipofeeds", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    auto_reload=False,  # package data: no need to stat the template files on every page
)


# --- static files ---------------------------------------------------------------------


@cache
def static_file(name: str) -> bytes:
    """A file of wipofeeds/static, read once."""
    return (resources.files("wipofeeds") / "static" / name).read_bytes()


@cache
def _asset_digest(path: str) -> str:
    return hashlib.sha256(static_file(ASSETS[path])).hexdigest()[:10]


def asset_href(root: str, path: str) -> str:
    """Relative link to an asset with a content hash, so a day of caching is harmless."""
    return f"{root}{path}?v={_asset_digest(path)}"


# --- links to calendars ---------------------------------------------------------------


def ical_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


iso_utc = wording.iso_utc


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
    return _google_url(session, _LinkTexts.of(session, page_url, details))


def outlook_event_urls(session: Session, page_url: str, details: str | None = None) -> list[tuple[date | None, str]]:
    """Outlook's compose deeplink cannot repeat: one link per day of a windowed session
    (day None: the link covers the whole session). ``details`` as for Google."""
    return _outlook_urls(session, _LinkTexts.of(session, page_url, details))


@dataclass(frozen=True, slots=True)
class _LinkTexts:
    """A session's title, details and location percent-encoded (RFC 3986, nothing kept
    but unreserved characters), once for all the calendar links of its page: the long
    details were most of a page's cost when every link encoded them again."""

    title: str
    details: str
    location: str

    @classmethod
    def of(cls, session: Session, page_url: str, details: str | None = None) -> "_LinkTexts":
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


def _google_url(session: Session, texts: _LinkTexts) -> str:
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


def _outlook_urls(session: Session, texts: _LinkTexts) -> list[tuple[date | None, str]]:
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


# --- schema.org -----------------------------------------------------------------------

ATTENDANCE = {
    Mode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
    Mode.VIRTUAL: "https://schema.org/OnlineEventAttendanceMode",
    Mode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
}


def json_ld(catalog: Catalog, session: Session) -> dict:
    """schema.org Event for search engines and assistants."""
    site = catalog.site
    page = site.url(f"sessions/{session.id}.html")
    occurrences = session.occurrences
    if session.window is None:
        start, end = session.first_day.isoformat(), session.last_day.isoformat()
    else:
        start, end = occurrences[0].start.isoformat(), occurrences[-1].end.isoformat()
    event: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "identifier": session.code,
        "url": page,
        "description": "\n\n".join(session.paragraphs),
        "startDate": start,
        "endDate": end,
        **({} if session.mode is None else {"eventAttendanceMode": ATTENDANCE[session.mode]}),
        **_status(catalog, session),
        **({"location": locations} if (locations := _locations(session, page)) else {}),
        "organizer": {"@type": "Organization", "name": site.author, "url": site.author_url},
    }
    if session.window is not None and session.day_count > 1:
        w = session.window
        event["eventSchedule"] = {
            "@type": "Schedule",
            "startDate": session.first_day.isoformat(),
            "endDate": session.last_day.isoformat(),
            "repeatFrequency": "P1D",
            "startTime": w.start.strftime("%H:%M:%S"),
            "endTime": w.end.strftime("%H:%M:%S"),
            "scheduleTimezone": w.zone,
        }
    if session.tags:
        event["keywords"] = ", ".join(session.tags)
    return event


def _status(catalog: Catalog, session: Session) -> dict:
    if session.status is Status.CANCELLED:
        return {"eventStatus": "https://schema.org/EventCancelled"}
    if session.status is Status.POSTPONED:
        return {"eventStatus": "https://schema.org/EventPostponed"}
    record = catalog.history.get(session.id)
    changes = record.changes if record is not None else ()
    previous = [
        c.previous["first_day"]
        for c in changes
        if c.kind is ChangeKind.RESCHEDULED and c.previous and c.previous.get("first_day")
    ]
    moved = [p for p in previous if p != session.first_day.isoformat()]
    if moved:
        return {
            "eventStatus": "https://schema.org/EventRescheduled",
            "previousStartDate": moved if len(moved) > 1 else moved[0],
        }
    return {"eventStatus": "https://schema.org/EventScheduled"}


def _locations(session: Session, page: str) -> list[dict]:
    """The place and, for a session attended online, where to join; a session whose
    listing states neither mode nor place has no location (none is invented)."""
    places = []
    if session.place is not None and session.mode is not Mode.VIRTUAL:
        address = {"@type": "PostalAddress", "addressLocality": session.place.city}
        if session.place.region:
            address["addressRegion"] = session.place.region
        if session.place.country:
            address["addressCountry"] = session.place.country
        places.append({"@type": "Place", "name": str(session.place), "address": address})
    if session.mode in (Mode.VIRTUAL, Mode.HYBRID) or (session.mode is None and session.conference_url):
        places.append({"@type": "VirtualLocation", "url": session.conference_url or page})
    elif session.mode is Mode.IN_PERSON and session.place is None:
        places.append({"@type": "VirtualLocation", "url": session.conference_url or page})
    return places


# --- what the templates show ----------------------------------------------------------


def instants(session: Session) -> str:
    """'start/end start/end…' in UTC, for app.js to show in the reader's time."""
    return " ".join(f"{iso_utc(o.start)}/{iso_utc(o.end)}" for o in session.occurrences if o.start)


def starts_at(session: Session) -> str:
    """Machine-readable start: an instant, or the first day of an all-day session."""
    first = session.occurrences[0]
    return iso_utc(first.start) if first.start else session.first_day.isoformat()


def ends_at(session: Session) -> str:
    """When a session is over: its last instant, or the day after an all-day session."""
    last = session.occurrences[-1]
    return iso_utc(last.end) if last.end else (session.last_day + timedelta(days=1)).isoformat()


@dataclass(frozen=True, slots=True)
class SessionView:
    """What the pages say about one session, in the words every page uses."""

    session: Session
    when: str
    place_and_mode: str
    utc_windows: str
    instants: str
    starts_at: str
    ends_at: str
    badge: Markup  # the status, when the session is not going ahead as planned
    topics: str


def session_view(catalog: Catalog, session: Session) -> SessionView:
    """The view of ``session``, worked out once per catalog data (it never holds a URL)."""

    def compute() -> SessionView:
        return SessionView(
            session=session,
            when=wording.when(session),
            place_and_mode=wording.place_and_mode(session),
            utc_windows=wording.utc_windows(session),
            instants=instants(session),
            starts_at=starts_at(session),
            ends_at=ends_at(session),
            badge=status_badge(session),
            topics=", ".join(tag.replace("-", " ") for tag in session.tags),
        )

    return catalog.remember(("html.view", session.id), compute)


def _index_item(catalog: Catalog, session: Session) -> bytes:
    """The session's ``<li>`` in the index, UTF-8 (relative links only: the same for
    every host)."""
    return catalog.remember(
        ("html.index_item", session.id),
        lambda: str(_env.get_template("macros.html").module.session_item(session_view(catalog, session))).encode("utf-8"),
    )


# Where the index's list items go: the page is rendered around this mark and the items'
# bytes spliced in, so a listing of many sessions never becomes one huge template string
# (held as UCS-2 as soon as a single character is not Latin-1) on its way to bytes.
_ITEMS = "<!--wipofeeds:items-->"


def _main_links(catalog: Catalog) -> FeedLinks:
    """The links of the whole calendar, which every page offers."""
    site = catalog.site
    return catalog.remember(("html.main_links", site.base_url, site.title), lambda: feed_links(site, "", site.title))


def status_badge(session: Session) -> Markup:
    """'<strong class="status status-cancelled">Cancelled</strong>', or nothing."""
    if session.status is Status.CONFIRMED:
        return Markup("")
    value = session.status.value
    return Markup('<strong class="status status-{}">{}</strong>').format(value, value.capitalize())


day_label = wording.day_label


def _hm(moment: datetime) -> str:
    """'09:30' (strftime's %H:%M, without strftime)."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def day_rows(session: Session) -> list[Markup]:
    """The rows of a session page's day-by-day table (local and UTC times of each day),
    laid out here rather than in the template: a page per session of a big listing
    spent most of its time in the template's per-day calls. Every value is a date or a
    time written by strftime/isoformat; the label and offset are escaped all the same."""
    rows = []
    occurrences = session.occurrences
    per_day = len(session.windows)
    for at in range(0, len(occurrences), per_day):
        day = occurrences[at : at + per_day]
        local = " and ".join(
            f'<time datetime="{o.start.isoformat()}">{_hm(o.start)}</time>–'
            f'<time datetime="{o.end.isoformat()}">{_hm(o.end)}</time>' for o in day
        )
        utc = " and ".join(
            f'<time datetime="{iso_utc(o.start_utc)}">{_hm(o.start_utc)}</time>–'
            f'<time datetime="{iso_utc(o.end_utc)}">{_hm(o.end_utc)}</time>' for o in day
        )
        rows.append(
            Markup(
                f'<tr><th scope="row">{escape(day_label(day[0].day))}</th>'
                f'<td>{local} {escape(wording.utc_offset(day[0].start))}</td><td>{utc}</td></tr>'
            )
        )
    return rows


def describe_change(change: Change) -> str:
    """One line of a session's history, for people."""
    previous = change.previous or {}
    if change.kind is ChangeKind.RESCHEDULED and {"first_day", "last_day"} <= previous.keys():
        first, last = date.fromisoformat(previous["first_day"]), date.fromisoformat(previous["last_day"])
        return f"New dates (were {wording.date_range(first, last)})"
    if change.kind is ChangeKind.RETITLED and previous.get("title"):
        return f"Renamed (was “{previous['title']}”)"
    return CHANGE_WORDS[change.kind]


CHANGE_WORDS = {
    ChangeKind.ANNOUNCED: "Announced",
    ChangeKind.RESCHEDULED: "New dates",
    ChangeKind.RETIMED: "New hours",
    ChangeKind.MOVED: "New place or way of attending",
    ChangeKind.RETITLED: "Renamed",
    ChangeKind.CANCELLED: "Cancelled",
    ChangeKind.POSTPONED: "Postponed",
    ChangeKind.REINSTATED: "Confirmed again",
    ChangeKind.EDITED: "Description, topics or links updated",
    ChangeKind.WITHDRAWN: "Withdrawn from the listing",
}


def _filter_groups(catalog: Catalog) -> list[tuple[str, list[dict]]]:
    from ..site import path_views  # site imports the render package: import late

    titles = {"year": "By year", "mode": "By attendance", "tag": "By topic"}
    groups: dict[str, list[dict]] = {}
    for prefix, flt, kept in path_views(catalog):
        key = prefix.split("/", 1)[0]
        if flt.year is not None:
            label, noun = str(flt.year), f"the {flt.year} sessions"
        elif flt.mode is not None:
            label, noun = flt.mode.label, f"the {flt.mode.label.lower()} sessions"
        else:
            label = flt.tag.replace("-", " ").capitalize()
            noun = f"the sessions on {flt.tag.replace('-', ' ')}"
        count = len(kept)
        name = f"{catalog.site.title} – {label}"
        groups.setdefault(key, []).append(
            {"label": label, "noun": noun, "count": count, "links": feed_links(catalog.site, prefix, name)}
        )
    return [(titles[key], rows) for key, rows in groups.items()]


def _common(catalog: Catalog, path: str) -> dict:
    root = "../" * path.count("/")
    return {
        "site": catalog.site,
        "root": root,
        "css": asset_href(root, "assets/style.css"),
        "js": asset_href(root, "assets/app.js"),
        "updated_iso": iso_utc(catalog.updated),
        "updated_text": wording.date_range(catalog.updated.date(), catalog.updated.date()),
    }


def render_template(name: str, **context) -> bytes:
    return _env.get_template(name).render(**context).encode("utf-8")


# --- registered renderers -------------------------------------------------------------


@register("index.html", "site", HTML, "html")
def render_index(catalog: Catalog, path: str) -> bytes:
    page = render_template(
        "index.html",
        **_common(catalog, path),
        sessions=catalog.sessions,
        items=[Markup(_ITEMS)] if catalog.sessions else [],
        main=_main_links(catalog),
        groups=_filter_groups(catalog),
        canonical=catalog.site.url(""),
    )
    before, mark, after = page.partition(_ITEMS.encode())
    if not mark:
        return page
    return b"".join([before, *(_index_item(catalog, s) for s in catalog.sessions), after])


@register(".html", "session", HTML, "html")
def render_session(catalog: Catalog, session: Session, path: str) -> bytes:
    page = catalog.site.url(path)
    record = catalog.history.get(session.id)
    view = session_view(catalog, session)
    texts = _LinkTexts.of(session, page, event_details(session, page, view.when))
    return render_template(
        "session.html",
        **_common(catalog, path),
        session=session,
        view=view,
        canonical=page,
        ics=catalog.site.url(f"sessions/{session.id}.ics"),
        json_url=catalog.site.url(f"sessions/{session.id}.json"),
        google=_google_url(session, texts),
        # Labels, history rows and day rows are laid out here: a call from the template
        # costs several times the call itself, and a page of a big listing makes dozens.
        outlook=[(day_label(day) if day else None, url) for day, url in _outlook_urls(session, texts)],
        history=[
            (iso_utc(change.at), wording.date_range(change.at.date(), change.at.date()), describe_change(change))
            for change in (record.changes if record is not None else ())
        ],
        main=_main_links(catalog),
        day_rows=day_rows(session) if session.window is not None and session.day_count > 1 else (),
        json_ld=Markup(dumps_safe(json_ld(catalog, session), indent=None)),
    )


@register("assets/style.css", "site", "text/css; charset=utf-8", "asset")
def render_style(catalog: Catalog, path: str) -> bytes:
    return static_file("style.css")


@register("assets/app.js", "site", "text/javascript; charset=utf-8", "asset")
def render_script(catalog: Catalog, path: str) -> bytes:
    return static_file("app.js")
