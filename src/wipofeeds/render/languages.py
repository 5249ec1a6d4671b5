"""What a page in one of the six languages says about its language: ``dir`` for Arabic,
the ``lang`` of the listing's own text in a page of another language (:func:`in_source`),
the page's versions in every language (hreflang links, the language switcher), and the
words of the page that are not in its templates (the zone picker's, app.js's, the
title of the part of every series).

Shared by the pages as :mod:`.layout` is; no format is registered here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from html import escape as quote  # plain text in, plain text out (markupsafe's escape makes Markup)

from markupsafe import Markup, escape

from .. import i18n, library, wording
from ..i18n import N_, gettext
from ..model import SiteConfig
from .text import dumps_safe

RTL_LANGUAGES = frozenset({"ar"})
RTL = Markup(' dir="rtl"')


def source_lang(site: SiteConfig, language: str) -> Markup:
    """The ``lang`` attribute of the listing's own text (titles, descriptions, places)
    in a page of another language; nothing in a page of the listing's language."""
    return Markup("") if language == i18n.DEFAULT else Markup(' lang="{}"').format(site.language)


@dataclass(frozen=True, slots=True)
class Versions:
    """The page in every language: its ``head``'s hreflang links (and x-default:
    English) and the ``switcher``'s list, each link named in its own language."""

    head: Markup
    switcher: Markup


@lru_cache(maxsize=None)
def language_name(code: str) -> str:
    """'Français', 'العربية': a language's name in itself (CLDR)."""
    name = wording.cldr(code).get_language_name(wording.cldr(code))
    return name[:1].upper() + name[1:]


def versions(site: SiteConfig, page: str, href: str, language: str) -> Versions:
    """The page at ``page`` (its English path) in every language, ``href`` its relative
    link with '{}' for a language's prefix: laid out here, as a page's day rows are (a
    template's loop of a dozen links cost a sixth of a page)."""
    urls = [(code, quote(site.url(wording.language_prefix(code) + page))) for code in wording.LANGUAGES]
    head = [f'<link rel="alternate" hreflang="{code}" href="{url}">\n' for code, url in urls]
    head.append(f'<link rel="alternate" hreflang="x-default" href="{quote(site.url(page))}">')
    href = quote(href)
    links = [
        f'<li><a href="{href.format(wording.language_prefix(code))}" lang="{code}" hreflang="{code}"'
        f'{CURRENT if code == language else ""}>{language_name(code)}</a></li>'
        for code in wording.LANGUAGES
    ]
    return Versions(Markup("".join(head)), Markup("<ul>" + "".join(links) + "</ul>"))


CURRENT = ' aria-current="page"'


def zone_picker(language: str) -> Markup:
    """The time-zone selector: app.js fills it with the zones the browser knows, shows it
    and remembers the choice (one per language: a macro call per page cost more than the
    page's own values)."""
    label, device = (quote(gettext(text, language), quote=False) for text in (N_("Your times are shown in"), SCRIPT_WORDS["deviceZone"]))
    return Markup(f'<p class="zone-picker" hidden><label for="zone">{label}</label> <select id="zone"><option value="">{device}</option></select></p>')


def in_source(text: str, lang: Markup) -> Markup:
    """The listing's or the site's own words (a title, a place) in a page of another
    language: in a span that says their language (``lang``: :func:`.languages.source_lang`)."""
    return Markup("<span{}>{}</span>").format(lang, text) if lang else escape(text)


def script_words(language: str) -> Markup:
    """The words app.js writes, in ``language``, as JSON for its ``<script
    type="application/json">`` block (none in English: app.js's own words are English)."""
    if language == i18n.DEFAULT:
        return Markup("")
    words = {key: gettext(message, language) for key, message in SCRIPT_WORDS.items()}
    return Markup(dumps_safe(words, indent=None))


# app.js's words, by the name app.js reads them by ('%(name)s': what it puts in).
SCRIPT_WORDS = {
    "yourTime": N_("Your time"),
    "yourTimeIn": N_("Your time (%(zone)s)"),
    "labelled": N_("%(label)s: %(text)s"),
    "nextDay": N_("(next day)"),
    "eachDay": N_("%(days)s, %(hours)s each day"),
    "deviceZone": N_("this device's time zone"),
    "deviceZoneIs": N_("this device's time zone (%(zone)s)"),
    "now": N_("Happening now"),
    "noMatch": N_("No session matches “%(query)s”."),
    "matches": N_("%(shown)s of %(total)s sessions match."),
    "copyRefused": N_("Copying is not allowed here: the address is selected, copy it with Ctrl+C (⌘C on a Mac)."),
    "copied": N_("Copied."),
}


@lru_cache(maxsize=64)
def site_in(site: SiteConfig, language: str) -> SiteConfig:
    """``site`` as a page in ``language`` names it: the part of every series (``all/``)
    has a title and description of ours, translated; a series' own are the maintainer's."""
    if language == i18n.DEFAULT or site.home != library.ALL:
        return site
    names = wording.format_list([config.title for config in site.series], locale=wording.cldr(language))
    return replace(
        site,
        title=gettext(library.ALL_TITLE, language),
        description=gettext(library.EVERY_SESSION, language) % {"names": names},
    )
