"""The subscribe page, one page per session, and their stylesheet and script.

Pages are rendered from Jinja2 templates (autoescaped) and never depend on the day they
are rendered: which sessions are upcoming, and what time they start for the reader, is
worked out in the browser by ``assets/app.js`` from the ISO instants in the markup.
Without JavaScript every session is still listed with its dates in its own zone and UTC.
Pages carry no inline script or style so a strict Content-Security-Policy holds; the
schema.org JSON-LD block is data, not script.

What the pages say about a session (:class:`SessionView`) and its item in the index are
worked out once per build step and kept in this format's fragments (:data:`VIEWS`,
:data:`INDEX_ITEMS`, per session: they hold no URL, so every host shares them). The
links to calendar apps are :mod:`.subscribe`'s, the JSON-LD :mod:`.schema_org`'s.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .. import wording
from ..model import Catalog, Change, ChangeKind, Session, SiteConfig, Status
from ..views import ics_url, json_url, path_views
from ..wording import iso_utc
from . import Fragments, register
from .schema_org import json_ld
from .subscribe import FeedLinks, LinkTexts, event_details, feed_links, google_url, outlook_urls
from .text import dumps_safe  # JSON that cannot end a <script> element

HTML = "text/html; charset=utf-8"
ASSETS = {"assets/style.css": "style.css", "assets/app.js": "app.js", "assets/series.js": "series.js"}
SERIES_SCRIPT = "assets/series.js"  # published with several listings only (site.iter_site)

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


# What this format keeps while its build step runs, per session (no URL in either).
VIEWS = Fragments()
INDEX_ITEMS = Fragments()


def session_view(catalog: Catalog, session: Session) -> SessionView:
    """The view of ``session``, worked out once per build step (it never holds a URL)."""

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

    return VIEWS.get((session.id,), session, None, compute)


def _index_item(catalog: Catalog, session: Session, root: str) -> bytes:
    """The session's ``<li>`` in an index ``root`` below the site's root, UTF-8
    (relative links only: the same for every host)."""
    return INDEX_ITEMS.get(
        (session.id, root),
        session,
        None,
        lambda: str(_env.get_template("macros.html").module.session_item(session_view(catalog, session), root)).encode("utf-8"),
    )


# Where the index's list items go: the page is rendered around this mark and the items'
# bytes spliced in, so a listing of many sessions never becomes one huge template string
# (held as UCS-2 as soon as a single character is not Latin-1) on its way to bytes.
_ITEMS = "<!--wipofeeds:items-->"


@lru_cache(maxsize=64)
def _main_links(site: SiteConfig) -> FeedLinks:
    """The links of the whole calendar of the site's part (its ``home``), which every
    page of that part offers (once per site)."""
    return feed_links(site, site.home, site.title)


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
            {"label": label, "noun": noun, "count": count, "links": feed_links(catalog.site, catalog.site.home + prefix, name)}
        )
    return [(titles[key], rows) for key, rows in groups.items()]


def _common(catalog: Catalog, path: str, site: SiteConfig | None = None) -> dict:
    """What every page needs: its part's ``site``, the relative way to the site's
    ``root`` and to its part's ``home``, assets, the last change."""
    site = site or catalog.site
    root = "../" * path.count("/")
    return {
        "site": site,
        "root": root,
        "home": root + site.home,
        "css": asset_href(root, "assets/style.css"),
        "js": asset_href(root, "assets/app.js"),
        "updated_iso": iso_utc(catalog.updated),
        "updated_text": wording.date_range(catalog.updated.date(), catalog.updated.date()),
    }


SERIES_INDEX = "series/index.html"
NEXT_CANDIDATES = 3  # a series' newest sessions, of which the page shows the next


def series_rows(catalog: Catalog, path: str) -> list[dict]:
    """Each series of a site with several listings (the default listing's first): its
    title, page, subscribe links, and its newest sessions, of which ``app.js`` shows
    the next one (pages never depend on the day they are rendered)."""
    root = "../" * path.count("/")
    configs = {config.home: config for config in catalog.site.series}
    rows = []
    for prefix, part in catalog.sections:
        config = configs.get(prefix)
        if config is None:  # all/: not a series
            continue
        rows.append({
            "config": config,
            "title": part.site.title,
            "href": f"{root}{prefix}index.html",
            "count": len(part.sessions),
            "links": _main_links(part.site),
            "next": [session_view(part, s) for s in part.sessions[:NEXT_CANDIDATES]],
        })
    return rows


def series_script() -> bytes:
    return static_file("series.js")


def render_template(name: str, **context) -> bytes:
    return _env.get_template(name).render(**context).encode("utf-8")


# --- registered renderers -------------------------------------------------------------


@register("index.html", "site", HTML, "html", caches=(VIEWS, INDEX_ITEMS))
def render_index(catalog: Catalog, path: str) -> bytes:
    """The home page of the part of the site ``path`` is in (its subscribe block, its
    filters, its sessions); the root's and ``series/index.html`` list every series."""
    if path == SERIES_INDEX:
        return render_template(
            "series.html",
            **_common(catalog, path),
            series=series_rows(catalog, path),
            canonical=catalog.site.url(path),
            series_js=asset_href("../", SERIES_SCRIPT),
        )
    whole, catalog = catalog, catalog.part(path)
    page = render_template(
        "index.html",
        **_common(catalog, path),
        sessions=catalog.sessions,
        items=[Markup(_ITEMS)] if catalog.sessions else [],
        main=_main_links(catalog.site),
        groups=_filter_groups(catalog),
        canonical=catalog.site.url(catalog.site.home),
        series=series_rows(whole, path) if path == "index.html" else [],
        series_index=SERIES_INDEX,
        series_js=asset_href("../" * path.count("/"), SERIES_SCRIPT),
        about=next((c.url for c in catalog.site.series if c.home == catalog.site.home and c.home), None),
    )
    before, mark, after = page.partition(_ITEMS.encode())
    if not mark:
        return page
    root = "../" * path.count("/")
    return b"".join([before, *(_index_item(catalog, s, root) for s in catalog.sessions), after])


@register(".html", "session", HTML, "html", caches=(VIEWS, INDEX_ITEMS))
def render_session(catalog: Catalog, session: Session, path: str) -> bytes:
    site = catalog.site.of(session)  # its series', whichever part of the site asks
    page = site.url(path)
    record = catalog.history.get(session.id)
    view = session_view(catalog, session)
    texts = LinkTexts.of(session, page, event_details(session, page, view.when))
    return render_template(
        "session.html",
        **_common(catalog.part(site.home + "index.html"), path, site),  # its series' last change
        session=session,
        view=view,
        canonical=page,
        ics=ics_url(catalog, session),
        json_url=json_url(catalog, session),
        google=google_url(session, texts),
        # Labels, history rows and day rows are laid out here: a call from the template
        # costs several times the call itself, and a page of a big listing makes dozens.
        outlook=[(day_label(day) if day else None, url) for day, url in outlook_urls(session, texts)],
        history=[
            (iso_utc(change.at), wording.date_range(change.at.date(), change.at.date()), describe_change(change))
            for change in (record.changes if record is not None else ())
        ],
        main=_main_links(site),
        day_rows=day_rows(session) if session.window is not None and session.day_count > 1 else (),
        json_ld=Markup(dumps_safe(json_ld(catalog, session), indent=None)),
    )


@register("assets/style.css", "site", "text/css; charset=utf-8", "asset")
def render_style(catalog: Catalog, path: str) -> bytes:
    return static_file("style.css")


@register("assets/app.js", "site", "text/javascript; charset=utf-8", "asset")
def render_script(catalog: Catalog, path: str) -> bytes:
    return static_file("app.js")
