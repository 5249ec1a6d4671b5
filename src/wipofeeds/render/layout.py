"""What every HTML page shares: the templates (compiled once for the six languages), the
assets, a session's words and list item, and the page's head (canonical link, sharing
metadata). The views' names are :mod:`.view_names`', a page's language's :mod:`.languages`'.

No format is registered here: the home and session pages (:mod:`.html`) and the pages
of the views (:mod:`.pages`) both build on it, and formats never import each other.

Pages never depend on the day they are rendered: which sessions are upcoming, and what
time they start for the reader, is worked out in the browser by ``assets/app.js`` from
the ISO instants in the markup. A session's view and its list item are worked out once
per build step and kept in :data:`VIEWS` and :data:`INDEX_ITEMS` (per session: they
hold no URL, so every host shares them).
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache, lru_cache
from importlib import resources

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from .. import i18n, library, views, wording
from ..i18n import N_, gettext
from ..model import Catalog, Session, SiteConfig, Status
from ..wording import iso_utc
from . import Fragments
from .languages import RTL, RTL_LANGUAGES, in_source, script_words, site_in, source_lang, versions, zone_picker
from .subscribe import FeedLinks, feed_links

HTML = "text/html; charset=utf-8"
ASSETS = {"assets/style.css": "style.css", "assets/app.js": "app.js", "assets/series.js": "series.js"}


class CompiledOnce(BytecodeCache):
    """The templates' code, shared by the six languages' environments: the code does not
    depend on the catalog (gettext is looked up when a page renders), and compiling the
    templates once per language was a third of a build of the seed in six languages."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], object] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        bucket.code = self.kept.get((bucket.key, bucket.checksum))  # type: ignore[assignment]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.kept[(bucket.key, bucket.checksum)] = bucket.code


COMPILED = CompiledOnce()


@cache
def environment(language: str = i18n.DEFAULT) -> Environment:
    """The templates in ``language``: one environment per language, its catalog installed."""
    env = Environment(
        bytecode_cache=COMPILED,
        loader=PackageLoader("wipofeeds", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # package data: no need to stat the template files on every page
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(i18n.translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.globals["gettext"] = env.globals["_"] = kept_gettext(i18n.translations(language))
    env.globals["session_lists"] = kept_session_lists(env)
    env.globals.update(sharing=sharing, zone_picker=zone_picker(language), words=script_words(language))
    env.filters["in_source"] = in_source
    return env


def kept_gettext(translations) -> Callable[..., Markup]:
    """Jinja's new-style ``gettext`` for autoescaped templates (the message translated,
    as Markup, then formatted with ``variables``: '%%' in a message is '%'), with each
    message's translation kept: pages of six languages make thousands of these calls, most
    of the same few dozen messages without variables."""
    kept: dict[str, Markup] = {}

    def gettext(__string: str, **variables) -> Markup:
        if variables:
            return Markup(translations.gettext(__string)) % variables
        try:
            return kept[__string]
        except KeyError:
            text = kept[__string] = Markup(translations.gettext(__string)) % {}
            return text

    return gettext


def kept_session_lists(env: Environment) -> Callable[..., Markup]:
    """macros.html's ``session_lists``, made once per language and kind of list: its
    sections are the same on every page (only whether there are sessions, and the words
    for none, differ; the items are spliced in where :data:`ITEMS` marks them)."""
    kept: dict[tuple, Markup] = {}

    def session_lists(sessions, items, empty) -> Markup:
        key = (bool(sessions), tuple(items), str(empty))
        try:
            return kept[key]
        except KeyError:
            made = kept[key] = Markup(env.get_template("macros.html").module.session_lists(sessions, items, empty))
            return made

    return session_lists


def sharing(site: SiteConfig, title: str, description: str, canonical: str) -> Markup:
    """A page's title, description and address, for browsers, search engines and the
    previews of a shared link (Open Graph, Twitter cards); each value escaped once."""
    title, description, canonical = escape(title), escape(description), escape(canonical)
    return Markup(
        f'<title>{title}</title>\n'
        f'<meta name="description" content="{description}">\n'
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta property="og:type" content="website">\n'
        f'<meta property="og:site_name" content="{escape(site.title)}">\n'
        f'<meta property="og:title" content="{title}">\n'
        f'<meta property="og:description" content="{description}">\n'
        f'<meta property="og:url" content="{canonical}">\n'
        f'<meta name="twitter:card" content="summary">\n'
        f'<meta name="twitter:title" content="{title}">\n'
        f'<meta name="twitter:description" content="{description}">'
    )


def render_template(template: str, language: str = i18n.DEFAULT, **context) -> bytes:
    return environment(language).get_template(template).render(**context).encode("utf-8")


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


# --- a session in the pages' words ----------------------------------------------------


def instants(session: Session) -> str:
    """'start/end start/end…' in UTC, for app.js to show in the reader's time."""
    return " ".join(f"{iso_utc(o.start)}/{iso_utc(o.end)}" for o in session.occurrences if o.start)


def offsets(session: Session) -> str:
    """The session's own offset from UTC at each of :func:`instants`, in minutes ('60 60'):
    app.js shows the reader's time first only where it differs from the session's."""
    return " ".join(str(int((o.start.utcoffset() or timedelta(0)).total_seconds() // 60)) for o in session.occurrences if o.start)


def starts_at(session: Session) -> str:
    """Machine-readable start: an instant, or the first day of an all-day session."""
    first = session.occurrences[0]
    return iso_utc(first.start) if first.start else session.first_day.isoformat()


def ends_at(session: Session) -> str:
    """When a session is over: its last instant, or the day after an all-day session."""
    last = session.occurrences[-1]
    return iso_utc(last.end) if last.end else (session.last_day + timedelta(days=1)).isoformat()


topic_name = views.topic_name  # 'ip-administration' → 'IP administration', as every format names it


@dataclass(frozen=True, slots=True)
class SessionView:
    """What the pages say about one session, in the words every page uses."""

    session: Session
    when: str
    dates: str  # '28–29 October 2025'
    place_and_mode: str  # the place in the listing's words, the mode in the page's language
    place: str
    mode: str  # 'Hybrid', 'Hybride'…
    utc_windows: str
    instants: str
    offsets: str
    starts_at: str
    ends_at: str
    badge: Markup  # the status, when the session is not going ahead as planned
    topics: tuple[tuple[str, str], ...]  # (tag, display name)


# What the pages keep while their build step runs, per session (no URL in either).
VIEWS = Fragments()
INDEX_ITEMS = Fragments()


def session_view(catalog: Catalog, session: Session, language: str = i18n.DEFAULT) -> SessionView:
    """The view of ``session`` in ``language``, worked out once per build step (it never
    holds a URL)."""

    def compute() -> SessionView:
        return SessionView(
            session=session,
            when=wording.when(session, language),
            dates=wording.date_range(session.first_day, session.last_day, language),
            place_and_mode=wording.place_and_mode(session, language),
            place=session.location,
            mode=wording.mode_label(session, language),
            utc_windows=wording.utc_windows(session, language),
            instants=instants(session),
            offsets=offsets(session),
            starts_at=starts_at(session),
            ends_at=ends_at(session),
            badge=status_badge(session, language),
            topics=tuple((tag, topic_name(catalog, tag, language)) for tag in dict.fromkeys(session.tags)),
        )

    return VIEWS.get((session.id, language), session, None, compute)


def status_badge(session: Session, language: str = i18n.DEFAULT) -> Markup:
    """'<strong class="status status-cancelled">Cancelled</strong>', or nothing."""
    if session.status is Status.CONFIRMED:
        return Markup("")
    value = session.status.value
    return Markup('<strong class="status status-{}">{}</strong>').format(value, gettext(STATUS_WORDS[session.status], language))


STATUS_WORDS = {Status.CANCELLED: N_("Cancelled"), Status.POSTPONED: N_("Postponed")}


_PAGE_LINK = b' href="sessions/'  # an item's one link; text cannot hold it (autoescape writes " as &#34;)


def index_item(catalog: Catalog, session: Session, root: str, language: str = i18n.DEFAULT) -> bytes:
    """The session's ``<li>`` in ``language``, in a list ``root`` below that language's root, UTF-8
    (relative links only: the same for every host). Made once per session, for every
    depth of list (a home page, a view's page): only its link differs."""
    item = INDEX_ITEMS.get(
        (session.id, language),
        session,
        None,
        lambda: str(
            environment(language).get_template("macros.html").module.session_item(
                session_view(catalog, session, language), source_lang=source_lang(catalog.site, language)
            )
        ).encode("utf-8"),
    )
    return item.replace(_PAGE_LINK, b' href="' + root.encode() + b'sessions/', 1) if root else item


# Where a page's list items go: the page is rendered around this mark and the items'
# bytes spliced in, so a listing of many sessions never becomes one huge template string
# (held as UCS-2 as soon as a single character is not Latin-1) on its way to bytes.
ITEMS = "<!--wipofeeds:items-->"


def with_items(page: bytes, catalog: Catalog, sessions: Iterable[Session], root: str, language: str = i18n.DEFAULT) -> bytes:
    """``page`` with the list items of ``sessions`` where :data:`ITEMS` marks them."""
    before, mark, after = page.partition(ITEMS.encode())
    if not mark:
        return page
    return b"".join([before, *(index_item(catalog, s, root, language) for s in sessions), after])


def items_mark(sessions) -> list[Markup]:
    """What a template puts in its list: the mark, when there are sessions to list."""
    return [Markup(ITEMS)] if sessions else []


@lru_cache(maxsize=64)
def main_links(site: SiteConfig) -> FeedLinks:
    """The links of the whole calendar of the site's part (its ``home``), which every
    page of that part offers (once per site)."""
    return feed_links(site, site.home, site.title)


# --- what every page has ----------------------------------------------------------------


def common(catalog: Catalog, path: str, site: SiteConfig | None = None, *, page: str) -> dict:
    """What every page needs: its part's ``site``, its language (from ``path``: 'fr/…'),
    the relative way to its language's ``root`` (its pages) and to its part's ``home``
    there, to the site's own root (``top``: assets, data and feeds, in English only), the
    last change, and its address (``canonical``: ``page``, the English path the sharing
    metadata names, under the language's prefix) with its versions in every language."""
    language, inner = wording.split_language(path)
    site = site_in(site or catalog.site, language)
    root, top = "../" * inner.count("/"), "../" * path.count("/")
    lang = source_lang(site, language)
    return {
        "site": site,
        "lang": site.language if language == i18n.DEFAULT else language,
        "dir": RTL if language in RTL_LANGUAGES else Markup(""),
        "source_lang": lang,
        "site_lang": lang if site.home != library.ALL else Markup(""),  # the lang of the site's title
        "root": root,
        "home": root + site.home,
        "top": top,
        "top_home": top + site.home,
        "css": asset_href(top, "assets/style.css"),
        "js": asset_href(top, "assets/app.js"),
        "updated_iso": iso_utc(catalog.updated),
        "updated_text": wording.date_range(catalog.updated.date(), catalog.updated.date(), language),
        "canonical": site.url(wording.language_prefix(language) + page),
        "versions": versions(site, page, top + "{}" + inner, language),
    }


def alternates(links: FeedLinks, title: str) -> list[tuple[str, str, str]]:
    """The ``<link rel="alternate">`` of a calendar and its feeds: (type, title, href)."""
    return [
        ("text/calendar", f"{title} (iCalendar)", links.ics),
        ("application/rss+xml", f"{title} (RSS)", links.rss),
        ("application/atom+xml", f"{title} (Atom)", links.atom),
        ("application/feed+json", f"{title} (JSON Feed)", links.json),
    ]


def addresses(links: FeedLinks, language: str = i18n.DEFAULT) -> list[tuple[str, str, str]]:
    """The addresses a subscribe block shows, each with a copy button: (name, what, url)."""
    return [
        (gettext(name, language), gettext(what, language), url)
        for (name, what), url in zip(ADDRESSES, (links.ics, links.rss, links.atom, links.json))
    ]


ADDRESSES = (
    (N_("Calendar"), N_("the calendar address")),
    ("RSS", N_("the RSS feed address")),
    ("Atom", N_("the Atom feed address")),
    ("JSON Feed", N_("the JSON Feed address")),
)


# --- kept beside a catalog --------------------------------------------------------------

_KEPT: dict[tuple[int, str], object] = {}


def once(catalog: Catalog, name: str, compute: Callable[[], object]):
    """``compute()``, once for ``catalog`` (the pages' own values, such as the place of
    each session in its series): kept beside it and dropped with it."""
    key = (id(catalog), name)
    try:
        return _KEPT[key]
    except KeyError:
        value = _KEPT[key] = compute()
        weakref.finalize(catalog, _KEPT.pop, key, None)
        return value
