"""The benchmark's synthetic listing is valid for our parser and as varied as promised."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

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
