"""Settings of the published site (data/site.toml, overridable by flags and the
environment): frozen data, part of the model (``model`` imports them from here)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

@dataclass(frozen=True, slots=True)
class SeriesConfig:
    """One meeting series of a site with several listings (``[series.<slug>]`` in
    data/site.toml; the default listing's from the top-level settings)."""

    slug: str
    name: str
    title: str
    description: str
    home: str  # its pages' path: "" for the default listing, "series/<slug>/" else
    url: str | None = None  # WIPO's page of the series
    zone: str | None = None  # the zone of time lines that name none ('Geneva time')


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Settings of the published series (data/site.toml, overridable by flags/env).
    With several listings, each section of the site (the default listing at the root,
    each series under ``series/<slug>/``, all of them under ``all/``) has its own copy
    with its own title, description and ``home``; every copy holds every series."""

    title: str = "WIPO Conversation on IP and Frontier Technologies"
    name: str = "WIPO Conversation"
    """The series' short name, which titles a session whose description quotes none
    ('WIPO Conversation – 11th session')."""
    description: str = (
        "Sessions of the WIPO Conversation on Intellectual Property and Frontier "
        "Technologies: dates, times and topics."
    )
    base_url: str | None = None  # ends with "/" when set; None: the request's own host
    language: str = "en"
    author: str = "World Intellectual Property Organization (WIPO)"
    author_url: str = "https://www.wipo.int/"
    refresh_hours: int = 12
    slug: str | None = None
    """The default listing's series slug, when there are several (else from ``name``)."""
    home: str = ""
    """Where this section's pages are: "" (the root), "series/<slug>/" or "all/"."""
    series: tuple[SeriesConfig, ...] = field(default=(), hash=False)  # hashed per fragment: kept cheap
    """Every series, the default listing's first; empty with a single listing."""
    topics: tuple[tuple[str, str], ...] = field(default=(), hash=False)
    """(tag, display name) from ``[topics]`` of the listings' sessions.toml, which rename
    tags of :data:`wipofeeds.tags.NAMES` or name others; ask
    :func:`wipofeeds.views.topic_name`, never this."""

    def url(self, path: str) -> str:
        """Absolute URL of a site path ("feed.rss", "sessions/x.html")."""
        if self.base_url is None:
            raise ValueError("no base URL configured")
        return self.base_url + path.lstrip("/")

    def of(self, session) -> "SiteConfig":
        """The settings of the section that publishes ``session``'s own files: its
        series' (any section knows every series), or these with a single listing."""
        return self if not self.series else _series_site(self, session.series)

    def of_series(self, slug: str) -> "SiteConfig":
        """The settings of series ``slug``'s part of the site."""
        return _series_site(self, slug)


@lru_cache(maxsize=256)
def _series_site(site: SiteConfig, slug: str) -> SiteConfig:
    series = next((s for s in site.series if s.slug == slug), site.series[0])
    return replace(site, title=series.title, name=series.name, description=series.description, home=series.home)

