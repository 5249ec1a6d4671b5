"""Views and fragments: what formats share is worked out once per catalog, and what a
format keeps per session follows the host and the data, and is dropped after a build."""

from __future__ import annotations

from dataclasses import replace

from _factories import catalog, seed_sessions

from wipofeeds import views
from wipofeeds.render import FORMATS, load_builtin
from wipofeeds.site import build_site, render_collection


def test_a_catalog_is_plain_data():
    cat = catalog(seed_sessions())
    for name in ("memo", "remember", "forget", "own"):
        assert not hasattr(cat, name)


def test_views_are_worked_out_once_per_catalog_and_dropped_with_it():
    cat = catalog(seed_sessions())
    assert views.path_views(cat) is views.path_views(cat)
    assert views.withdrawn(cat) is views.withdrawn(cat)
    other = cat.with_sessions(cat.sessions[:1])
    assert [kept for _, _, kept in views.path_views(other)] != [kept for _, _, kept in views.path_views(cat)]
    key = id(other)
    assert key in views._KEPT
    del other
    assert key not in views._KEPT


def test_a_build_drops_every_fragment():
    load_builtin()
    build_site(catalog(seed_sessions()))
    assert [fmt.name for fmt in FORMATS.values() if any(len(c) for c in fmt.caches)] == []
    assert len(views.ICS_SIZES) == 0


def test_no_host_gets_another_hosts_links():
    """Fragments are kept per site: rendering for one host, then another, never hands the
    second host's files a link of the first."""
    cat = catalog(seed_sessions())
    first = cat.with_site(replace(cat.site, base_url="https://one.example/"))
    second = cat.with_site(replace(cat.site, base_url="https://two.example/"))
    for name in ("calendar.ics", "feed.rss", "feed.atom", "feed.json", "sessions.json"):
        assert b"one.example" in render_collection(first, first.sessions, name, name).body  # kept for the first host
        body = render_collection(second, second.sessions, name, name).body
        assert b"one.example" not in body, name
        assert b"two.example" in body, name
    for (scope, name), fmt in FORMATS.items():
        if scope == "session":
            for s in cat.sessions:
                fmt.render(first, s, f"sessions/{s.id}{name}")
                assert b"one.example" not in fmt.render(second, s, f"sessions/{s.id}{name}"), name
