"""How the pages name the views of a part of the site (a year, a way of attending, a
topic) in each language: their labels, headings and subscribe headings, and the home
page's links to them, grouped by kind.

Shared by the home page (:mod:`.html`) and the views' own pages (:mod:`.pages`), as
:mod:`.layout` is; no format is registered here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import i18n
from ..i18n import N_, gettext
from ..model import Catalog, Mode
from ..views import Filter, path_views, topic_name

GROUPS = {"year": N_("By year"), "mode": N_("By way of attending"), "tag": N_("By topic")}


@dataclass(frozen=True, slots=True)
class ViewName:
    """How the pages name one view of a part of the site."""

    key: str  # year | mode | tag
    label: str  # '2025', 'Hybrid', 'Copyright'
    heading: str  # 'Sessions in 2025'
    subscribe: str  # 'Subscribe to the 2025 sessions'


def view_name(catalog: Catalog, flt: Filter, language: str = i18n.DEFAULT) -> ViewName:
    """The view's label, heading and subscribe heading in ``language``."""
    if flt.year is not None:
        words = {"year": flt.year}
        return ViewName("year", str(flt.year), gettext("Sessions in %(year)s", language) % words,
                        gettext("Subscribe to the %(year)s sessions", language) % words)
    if flt.mode is not None:
        heading, subscribe = MODE_VIEWS[flt.mode]
        return ViewName("mode", gettext(flt.mode.label, language), gettext(heading, language), gettext(subscribe, language))
    label = topic_name(catalog, flt.tag or "", language)
    words = {"topic": label}
    return ViewName("tag", label, gettext("Sessions on %(topic)s", language) % words,
                    gettext("Subscribe to the sessions on %(topic)s", language) % words)


# Each way of attending's view: its heading and subscribe heading (whole messages: the
# adjective agrees with 'sessions' in most languages).
MODE_VIEWS = {
    Mode.HYBRID: (N_("Hybrid sessions"), N_("Subscribe to the hybrid sessions")),
    Mode.VIRTUAL: (N_("Virtual sessions"), N_("Subscribe to the virtual sessions")),
    Mode.IN_PERSON: (N_("In person sessions"), N_("Subscribe to the in person sessions")),
}


def view_filter(view: str) -> Filter:
    """The filter of a view's path form ('year/2025/' → year 2025)."""
    key, value = view.strip("/").split("/", 1)
    return Filter.from_args({key: value})


def browse_groups(catalog: Catalog, root: str, language: str = i18n.DEFAULT) -> list[tuple[str, list[dict]]]:
    """The views of ``catalog`` (a part of the site) with sessions, grouped by kind, each
    with its page's relative link and its count: empty views are not offered."""
    groups: dict[str, list[dict]] = {}
    for view, flt, kept in path_views(catalog):
        if not kept:
            continue
        name = view_name(catalog, flt, language)
        href = f"{root}{catalog.site.home}{view}index.html"
        groups.setdefault(name.key, []).append({"label": name.label, "count": len(kept), "href": href})
    if "tag" in groups:  # topics by the name people read
        groups["tag"].sort(key=lambda row: row["label"].casefold())
    return [(gettext(GROUPS[key], language), rows) for key, rows in groups.items()]
