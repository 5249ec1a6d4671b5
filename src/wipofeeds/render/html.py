"""The subscribe page (the home page of each part of the site), one page per session,
the page of every series, and their stylesheet and scripts.

Pages are rendered from Jinja2 templates (autoescaped) by what :mod:`.layout` shares
with the pages of the views (:mod:`.pages`), and never depend on the day they are
rendered: which sessions are upcoming or past, and what time they start for the reader,
is worked out in the browser by ``assets/app.js`` from the ISO instants in the markup.
Without JavaScript every session is still listed with its dates in its own zone and UTC.
Pages carry no inline script or style so a strict Content-Security-Policy holds; the
schema.org JSON-LD block is data, not script. The links to calendar apps are
:mod:`.subscribe`'s, the JSON-LD :mod:`.schema_org`'s.
"""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from .. import wording
from ..i18n import N_, gettext
from ..model import Catalog, Change, ChangeKind, Session
from ..views import ics_url, json_url
from ..wording import iso_utc
from . import register
from .layout import (
    HTML, INDEX_ITEMS, VIEWS, SessionView, addresses, alternates, asset_href, common, ends_at, instants, items_mark,
    main_links, once, render_template, session_view, starts_at, static_file, with_items,
)
from .view_names import browse_groups
from .languages import site_in, versions
from .schema_org import json_ld
from .subscribe import LinkTexts, event_details, google_url, outlook_urls
from .text import dumps_safe  # JSON that cannot end a <script> element

__all__ = [  # what the site and tests use; the pages' instants as they were before layout.py
    "NOT_FOUND", "SERIES_INDEX", "SERIES_SCRIPT", "describe_change", "day_rows", "ends_at", "instants", "render_index",
    "render_session", "series_script", "starts_at",
]

SERIES_SCRIPT = "assets/series.js"  # published with several listings only (site.iter_site)
SERIES_INDEX = "series/index.html"
NOT_FOUND = "404.html"  # the page of an address with nothing at it, at the root of each language
NEXT_CANDIDATES = 3  # a series' newest sessions, of which the page shows the next

day_label = wording.day_label


def _times(pairs, locale: str = wording.DEFAULT) -> str:
    """The spans of a day, each CLDR's interval of two times with each time in a
    ``<time>`` element, as a list in the language ('10:00–13:00 and 15:00–18:00')."""
    return wording.format_list([_span(*pair, locale) for pair in pairs], locale=wording.cldr(locale))


def _span(start: datetime, start_iso: str, end: datetime, end_iso: str, locale: str) -> str:
    text = wording.time_span(start.time(), end.time(), locale)
    first, last = wording.time_text(start.time(), locale), wording.time_text(end.time(), locale)
    head, _, tail = text.rpartition(last)
    head = head.replace(first, f'<time datetime="{start_iso}">{first}</time>', 1)
    return f'{head}<time datetime="{end_iso}">{last}</time>{tail}'


def day_rows(session: Session, view: SessionView | None = None, locale: str = wording.DEFAULT) -> list[Markup]:
    """The rows of a session page's day-by-day table (the reader's time, filled by
    app.js from the day's instants, then the session's own and UTC times), laid out
    here rather than in the template: a page per session of a big listing spent most
    of its time in the template's per-day calls. Every value is a date or a time
    written by strftime/isoformat; the label and offset are escaped all the same."""
    rows = []
    occurrences = session.occurrences
    per_day = len(session.windows)
    pairs = (view.instants if view is not None else instants(session)).split(" ")  # what app.js reads, day by day
    for at in range(0, len(occurrences), per_day):
        day = occurrences[at : at + per_day]
        local = _times(((o.start, o.start.isoformat(), o.end, o.end.isoformat()) for o in day), locale)
        utc = _times(((o.start_utc, iso_utc(o.start_utc), o.end_utc, iso_utc(o.end_utc)) for o in day), locale)
        mine = " ".join(pairs[at : at + per_day])
        rows.append(
            Markup(
                f'<tr><th scope="row">{escape(day_label(day[0].day, locale))}</th>'
                f'<td class="local-cell" data-instants="{mine}" hidden></td>'
                f'<td>{local} {escape(wording.utc_offset(day[0].start))}</td><td>{utc}</td></tr>'
            )
        )
    return rows


def describe_change(change: Change, session: Session | None = None, language: str = wording.DEFAULT) -> str:
    """One line of a session's history, for people, in ``language``. A session first
    published after it took place was not announced then: its first line says it was
    published."""
    previous = change.previous or {}
    if change.kind is ChangeKind.RESCHEDULED and {"first_day", "last_day"} <= previous.keys():
        first, last = date.fromisoformat(previous["first_day"]), date.fromisoformat(previous["last_day"])
        return gettext("New dates (were %(dates)s)", language) % {"dates": wording.date_range(first, last, language)}
    if change.kind is ChangeKind.RETITLED and previous.get("title"):
        return gettext("Renamed (was “%(title)s”)", language) % {"title": previous["title"]}
    if change.kind is ChangeKind.ANNOUNCED and _after_the_session(change, session):
        return gettext("First published here, after the session", language)
    return gettext(CHANGE_WORDS[change.kind], language)


def _after_the_session(change: Change, session: Session | None) -> bool:
    """Whether ``change`` was made after the last day of the session it describes (by
    the dates it recorded, else the session's)."""
    last = change.current.get("last_day") if change.current else None
    if last is None:
        return session is not None and change.at.date() > session.last_day
    return change.at.date() > date.fromisoformat(last)


CHANGE_WORDS = {
    ChangeKind.ANNOUNCED: N_("Announced"),
    ChangeKind.RESCHEDULED: N_("New dates"),
    ChangeKind.RETIMED: N_("New hours"),
    ChangeKind.MOVED: N_("New place or way of attending"),
    ChangeKind.RETITLED: N_("Renamed"),
    ChangeKind.CANCELLED: N_("Cancelled"),
    ChangeKind.POSTPONED: N_("Postponed"),
    ChangeKind.REINSTATED: N_("Confirmed again"),
    ChangeKind.EDITED: N_("Description, topics or links updated"),
    ChangeKind.WITHDRAWN: N_("Withdrawn from the listing"),
}


def more_text(url: str, language: str = wording.DEFAULT) -> str:
    """The words of a session's curated link: WIPO's page, or another site's."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    if host == "wipo.int" or host.endswith(".wipo.int"):
        return gettext("This session on WIPO's website", language)
    return gettext("More about this session (%(host)s)", language) % {"host": host}


def neighbours(series: Catalog, session: Session) -> tuple[Session | None, Session | None]:
    """The sessions of ``session``'s series just before and after it (the series lists
    its newest first), or None at either end."""
    positions = once(series, "positions", lambda: {s.id: at for at, s in enumerate(series.sessions)})
    at = positions.get(session.id)
    if at is None:
        return None, None
    sessions = series.sessions
    return (sessions[at + 1] if at + 1 < len(sessions) else None), (sessions[at - 1] if at > 0 else None)


def series_rows(catalog: Catalog, path: str, language: str = wording.DEFAULT) -> list[dict]:
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
            "links": main_links(part.site),
            "next": [session_view(part, s, language) for s in part.sessions[:NEXT_CANDIDATES]],
        })
    return rows


def series_script() -> bytes:
    return static_file("series.js")


# --- registered renderers -------------------------------------------------------------


@register("index.html", "site", HTML, "html", caches=(VIEWS, INDEX_ITEMS))
def render_index(catalog: Catalog, path: str) -> bytes:
    """The home page of the part of the site ``path`` is in (its subscribe block, links
    to its views, its sessions); the root's and ``series/index.html`` list every series.
    In the language of ``path`` ('fr/index.html': French)."""
    language, inner = wording.split_language(path)
    top = "../" * path.count("/")
    if inner == SERIES_INDEX:
        return render_template(
            "series.html",
            language,
            **common(catalog, path, page=inner),
            title=f"{gettext('Every meeting series', language)} – {catalog.site.title}",
            description=catalog.site.description,
            series=series_rows(catalog, inner, language),
            series_js=asset_href(top, SERIES_SCRIPT),
        )
    whole, catalog = catalog, catalog.part(inner)
    root = "../" * inner.count("/")
    site = site_in(catalog.site, language)
    main = main_links(site)
    page = render_template(
        "index.html",
        language,
        **common(catalog, path, page=catalog.site.home),
        title=site.title,
        description=site.description,
        sessions=catalog.sessions,
        items=items_mark(catalog.sessions),
        main=main,
        alternates=alternates(main, site.title),
        addresses=addresses(main, language),
        groups=browse_groups(catalog, root, language),
        series=series_rows(whole, inner, language) if inner == "index.html" else [],
        series_index=SERIES_INDEX,
        series_js=asset_href(top, SERIES_SCRIPT),
        about=next((c.url for c in catalog.site.series if c.home == catalog.site.home and c.home), None),
    )
    return with_items(page, catalog, catalog.sessions, root, language)


@register(NOT_FOUND, "site", HTML, "html")
def render_not_found(catalog: Catalog, path: str) -> bytes:
    """The page for an address with nothing at it (404), in the language of its folder
    ('fr/404.html'): a host answers it for any such address (Cloudflare Pages the
    nearest one, Apache by .htaccess, Netlify and GitHub Pages the root's), and so does
    the app, so every link in it is absolute."""
    language, inner = wording.split_language(path)
    site = site_in(catalog.site, language)
    base = site.url("")
    words = base + wording.language_prefix(language)
    return render_template(
        NOT_FOUND,
        language,
        **{
            **common(catalog, path, page=inner),
            "root": words,
            "home": words + site.home,
            "top": base,
            "top_home": base + site.home,
            "css": asset_href(base, "assets/style.css"),
            "js": asset_href(base, "assets/app.js"),
            "versions": versions(site, inner, base + "{}" + inner, language),
        },
        title=f"{gettext('Page not found', language)} – {site.title}",
        description=gettext("There is no page at this address: it may have moved, or the address may be mistyped.", language),
        series_index=SERIES_INDEX if catalog.sections else None,
    )


@register(".html", "session", HTML, "html", caches=(VIEWS, INDEX_ITEMS))
def render_session(catalog: Catalog, session: Session, path: str) -> bytes:
    """A session's page, in the language of ``path`` ('fr/sessions/<id>.html': French)."""
    language, inner = wording.split_language(path)
    site = catalog.site.of(session)  # its series', whichever part of the site asks
    series = catalog.part(site.home + "index.html")
    page = site.url(path)
    record = catalog.history.get(session.id)
    view = session_view(catalog, session, language)
    texts = LinkTexts.of(session, page, event_details(session, page, view.when))
    before, after = neighbours(series, session)
    return render_template(
        "session.html",
        language,
        **common(series, path, site, page=inner),  # its series' last change
        title=f"{session.title} – {site.title}",
        description=f"{view.when}. {view.place_and_mode}." if view.place_and_mode else f"{view.when}.",
        session=session,
        view=view,
        ics=ics_url(catalog, session),
        json_url=json_url(catalog, session),
        google=google_url(session, texts),
        # Labels, history rows and day rows are laid out here: a call from the template
        # costs several times the call itself, and a page of a big listing makes dozens.
        outlook=[(day_label(day, language) if day else None, url) for day, url in outlook_urls(session, texts)],
        history=[
            (iso_utc(change.at), wording.date_range(change.at.date(), change.at.date(), language), describe_change(change, session, language))
            for change in (record.changes if record is not None else ())
        ],
        main=main_links(site),
        day_rows=day_rows(session, view, language) if session.window is not None and session.day_count > 1 else (),
        zone_label=wording.zone_label(session.window, language) if session.window is not None else "",
        more=more_text(session.url, language) if session.url else None,
        previous=session_view(series, before, language) if before is not None else None,
        next=session_view(series, after, language) if after is not None else None,
        json_ld=Markup(dumps_safe(json_ld(catalog, session), indent=None)),
    )


@register("assets/style.css", "site", "text/css; charset=utf-8", "asset")
def render_style(catalog: Catalog, path: str) -> bytes:
    return static_file("style.css")


@register("assets/app.js", "site", "text/javascript; charset=utf-8", "asset")
def render_script(catalog: Catalog, path: str) -> bytes:
    return static_file("app.js")
