"""The page of every view: the sessions of one year, one way of attending or one topic
(``year/2025/index.html``, ``series/sccr/tag/copyright/index.html``…), at the path of
the view's calendar and feeds, with that calendar's subscribe block.

A view page is a collection: :mod:`wipofeeds.site` renders it for each view with
sessions (an empty view has no page), from the catalog of that view's sessions, beside
the view's calendar and feeds. It is laid out as the home page is (:mod:`.layout`).
"""

from __future__ import annotations

from .. import wording
from ..i18n import gettext, ngettext
from ..model import Catalog
from . import register
from .layout import (
    HTML, INDEX_ITEMS, VIEWS, addresses, alternates, common, items_mark, main_links, render_template, with_items,
)
from .languages import site_in
from .view_names import GROUPS, view_filter, view_name
from .subscribe import feed_links

VIEW_PAGE = "index.html"


@register(VIEW_PAGE, "collection", HTML, "html", caches=(VIEWS, INDEX_ITEMS))
def render_view(catalog: Catalog, path: str) -> bytes:
    """The page of the view at ``path`` ('year/2025/index.html', under its part's home),
    listing ``catalog``'s sessions: those of the view; in the language of ``path``
    ('fr/year/2025/index.html': French)."""
    language, inner = wording.split_language(path)
    site = site_in(catalog.site, language)
    view = inner[len(site.home) : -len(VIEW_PAGE)]  # 'year/2025/'
    name = view_name(catalog, view_filter(view), language)
    links = feed_links(site, site.home + view, f"{site.title} – {name.label}")
    root = "../" * inner.count("/")
    count = len(catalog.sessions)
    page = render_template(
        "view.html",
        language,
        **common(catalog, path, page=site.home + view),
        title=f"{name.heading} – {site.title}",
        description=ngettext(
            "%(heading)s: %(count)s session of the %(series)s, as a calendar and as feeds.",
            "%(heading)s: %(count)s sessions of the %(series)s, as a calendar and as feeds.",
            count,
            language,
        ) % {"heading": name.heading, "count": count, "series": site.title},
        name=name,
        group=gettext(GROUPS[name.key], language),
        sessions=catalog.sessions,
        items=items_mark(catalog.sessions),
        links=links,
        part=main_links(site),
        alternates=alternates(links, f"{site.title} – {name.label}"),
        addresses=addresses(links, language),
    )
    return with_items(page, catalog, catalog.sessions, root, language)
