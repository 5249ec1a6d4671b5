"""The benchmark's synthetic listing is valid for our parser and as varied as promised."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import baselines  # noqa: E402
from make_listing import make_listing  # noqa: E402

from wipofeeds import listing  # noqa: E402
from wipofeeds.model import Mode  # noqa: E402


@pytest.fixture(scope="module")
def sessions():
    return listing.parse(make_listing(50, seed=1), "synthetic.txt")


def test_every_record_parses_with_a_unique_id(sessions):
    assert len(sessions) == 50
    assert len({s.id for s in sessions}) == 50


def test_same_seed_same_text_other_seed_other_text():
    assert make_listing(20, seed=3) == make_listing(20, seed=3)
    assert make_listing(20, seed=3) != make_listing(20, seed=4)


@pytest.mark.parametrize(
    "feature, holds",
    [
        ("all-day sessions", lambda s: s.window is None),
        ("timed sessions", lambda s: s.window is not None),
        ("zones other than Geneva", lambda s: s.window is not None and s.window.zone != "Europe/Zurich"),
        ("virtual sessions", lambda s: s.mode is Mode.VIRTUAL),
        ("sessions with a place", lambda s: s.place is not None),
        ("multi-day sessions", lambda s: s.day_count > 1),
        ("several paragraphs", lambda s: len(s.paragraphs) > 1),
        ("an ordinal", lambda s: s.ordinal is not None),
        ("a quoted title", lambda s: not s.title_is_generated),
    ],
)
def test_listing_mixes(sessions, feature, holds):
    assert any(holds(s) for s in sessions), feature


def test_years_and_lengths_span_the_promised_range(sessions):
    assert min(s.first_day.year for s in sessions) < 2010
    assert max(s.first_day.year for s in sessions) > 2020
    assert {s.day_count for s in sessions} <= {1, 2, 3, 4, 5}


# --- the library floor is given the same events and items we publish -------------------


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    from datetime import datetime

    from wipofeeds import catalog as catalog_mod
    from wipofeeds.model import UTC

    path = tmp_path_factory.mktemp("bench") / "listing.txt"
    path.write_text(make_listing(60, seed=5), "utf-8")
    return catalog_mod.load(path, base_url=baselines.BASE, now=datetime(2026, 1, 1, tzinfo=UTC), record_history=False)


def test_the_icalendar_floor_holds_our_events_and_a_vtimezone_for_each_zone(catalog):
    from icalendar import Calendar

    from wipofeeds.render.calendar import render_calendar

    floor = Calendar.from_ical(baselines.icalendar_calendar(baselines.same_events(catalog)))
    ours = Calendar.from_ical(render_calendar(catalog, "calendar.ics"))

    def events(cal):
        return {str(e["UID"]): {k: e[k].to_ical() for k in e} for e in cal.walk("VEVENT")}

    assert events(floor) == events(ours)
    zones = {str(e["DTSTART"].params["TZID"]) for e in floor.walk("VEVENT") if "TZID" in e["DTSTART"].params}
    assert len(zones) > 3
    assert zones <= {str(tz["TZID"]) for tz in floor.walk("VTIMEZONE")}


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_the_feedgen_floor_holds_our_entries(catalog, fmt):
    import feedparser

    from wipofeeds.render.feeds import render_atom, render_rss

    make, render = (baselines.feedgen_rss, render_rss) if fmt == "rss" else (baselines.feedgen_atom, render_atom)
    floor = {e.id: e for e in feedparser.parse(make(baselines.same_items(catalog))).entries}
    ours = feedparser.parse(render(catalog, f"feed.{fmt}")).entries
    assert len(floor) == len(catalog.sessions) and ours
    fields = ("title", "summary", "content", "tags", "published", "author")
    fields += ("link", "links") if fmt == "rss" else ("updated",)
    for entry in ours:
        assert {k: entry.get(k) for k in fields} == {k: floor[entry.id].get(k) for k in fields}
        # feedgen alone drops rel/type/length from Atom links (python-feedgen#135), which
        # our renderer puts back: the same links, written its way
        assert [link.href for link in entry.links] == [link.href for link in floor[entry.id].links]
