"""Sessions and catalogs for the calendar and history tests.

``session()`` builds a Session by hand (what a renderer does with a model, whatever text
produced it); ``seed_sessions()`` parses the copy of the real listing kept beside the
tests, so they never depend on files outside the repository.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from pathlib import Path

from wipofeeds import history as hist
from wipofeeds import listing
from wipofeeds.model import Catalog, DailyWindow, History, Mode, Place, Session, SiteConfig

UTC = timezone.utc
BASE_URL = "https://feeds.example.org/"
SITE = SiteConfig(base_url=BASE_URL)
SEED = Path(__file__).with_name("data") / "seed_sessions.txt"
FIRST_SEEN = datetime(2025, 11, 1, 8, 0, tzinfo=UTC)
# Records appended to a running app's listing: a valid future session, an impossible date.
FUTURE_RECORD = (
    "\nWIPO/IP/CONV/GE/99\n"
    "March 10 to March 11, 2099 (Geneva, Switzerland) Hybrid\n"
    "10:00 - 18:00 Geneva time\n"
    "A session far ahead, announced while the site is running."
)
BROKEN_RECORD = "\nWIPO/IP/CONV/GE/98\nFebruary 30 to March 1, 2099 (Geneva, Switzerland) Hybrid\nNo such day."
GENEVA = Place("Geneva", "Switzerland")
GENEVA_TIME = DailyWindow(time(10), time(18), "Europe/Zurich", "Geneva time")


def session(**fields) -> Session:
    """A two-day hybrid Geneva session, 10:00–18:00 Geneva time; override any field."""
    values = dict(
        code="WIPO/IP/CONV/GE/2/25",
        title="IP and Synthetic Media",
        first_day=date(2025, 10, 28),
        last_day=date(2025, 10, 29),
        mode=Mode.HYBRID,
        paragraphs=("Synthetic media is rapidly evolving.", "The session explored its impact."),
        window=GENEVA_TIME,
        place=GENEVA,
        ordinal=12,
        tags=("synthetic-media",),
    )
    values.update(fields)
    return Session(**values)


def seed_sessions() -> list[Session]:
    """The ten sessions of the real listing, parsed by the project's parser."""
    return listing.parse(SEED.read_text("utf-8"), str(SEED))


def catalog(sessions, history: History | None = None, now: datetime = FIRST_SEEN, site: SiteConfig = SITE) -> Catalog:
    """A catalog of ``sessions`` (newest first) with their history updated at ``now``."""
    sessions = sorted(sessions, key=lambda s: s.sort_key)
    return Catalog(tuple(sessions), hist.update(history or History(), sessions, now), site)


def reader_shapes() -> list[Session]:
    """Sessions of the shapes WIPO's pages give beyond the seed: two windows a day
    across a DST change, a window past midnight, a fixed UTC+05:30 offset, a venue
    with a region, and a record that states neither mode nor place nor time."""
    morning = DailyWindow(time(10), time(13), "Europe/Zurich", "Geneva time")
    afternoon = DailyWindow(time(15), time(18), "Europe/Zurich", "Geneva time")
    return [
        session(code="SCCR/47", title="Standing Committee on Copyright and Related Rights – 47th session",
                first_day=date(2026, 3, 28), last_day=date(2026, 3, 30), window=morning,
                extra_windows=(afternoon,), place=Place("Geneva", "Switzerland", venue="WIPO Headquarters")),
        session(code="WIPO/IP/CONV/GE/4/26", first_day=date(2026, 10, 24), last_day=date(2026, 10, 26),
                window=DailyWindow(time(22), time(2), "Europe/Zurich", "Geneva time")),
        session(code="WIPO/IP/CONV/DEL/1/26", first_day=date(2026, 5, 5), last_day=date(2026, 5, 6),
                window=DailyWindow(time(10), time(12), "UTC+05:30", "UTC+05:30"), place=Place("New Delhi", "India")),
        session(code="A/67", first_day=date(2026, 7, 7), last_day=date(2026, 7, 7), window=None, mode=None,
                place=Place("Palo Alto", "United States of America", region="California")),
        session(code="A/68", first_day=date(2026, 7, 8), last_day=date(2026, 7, 8), window=None, mode=None,
                place=None, tags=()),
    ]
