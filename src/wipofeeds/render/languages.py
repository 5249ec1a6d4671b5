"""What a page in one of the six languages says about its language: ``dir`` for Arabic,
the ``lang`` of the listing's own text in a page of another language, and the page's
versions in every language (hreflang links, the language switcher).

Shared by the pages as :mod:`.layout` is; no format is registered here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape as quote  # plain text in, plain text out (markupsafe's escape makes Markup)

from markupsafe import Markup

from .. import i18n, wording
from ..model import SiteConfig

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
