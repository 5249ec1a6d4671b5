"""Catalogs for the feed and JSON tests: sessions and histories built by hand (to pin
what the renderers do with a model, whatever text produced it) and the seed listing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from wipofeeds.model import (
    Catalog,
    Change,
    ChangeKind,
    DailyWindow,
    History,
    Mode,
    Record,
    Session,
    SiteConfig,
    Status,
)

from _factories import reader_shapes, session  # noqa: F401  (reader_shapes: for the feed and JSON tests)

UTC = timezone.utc
BASE_URL = "https://feeds.example.org/"
SITE = SiteConfig(base_url=BASE_URL)
HOSTILE = "Evil <script>alert(\"x\")</script> ]]> & \x00\x01\x08\x0b\x0c end \u2028 'quoted'"


def sample_sessions() -> list[Session]:
    """Newest first: the shapes the listing has (windowed, all-day, virtual, one day),
    plus a session across the spring DST change and a cancelled one."""
    return [
        session(
            code="WIPO/IP/CONV/GE/26",
            title="IP and Quantum Technologies",
            first_day=date(2026, 3, 28),
            last_day=date(2026, 3, 30),
            ordinal=13,
            tags=(),
            status=Status.CANCELLED,
        ),
        session(),
        session(
            code="WIPO/IP/CONV/GE/25",
            title="IP and Copyright Infrastructure",
            first_day=date(2025, 4, 23),
            last_day=date(2025, 4, 24),
            ordinal=11,
            tags=("copyright",),
            url="https://www.wipo.int/meetings/en/details.jsp?meeting_id=1",
        ),
        session(
            code="WIPO/IP/CONV/GE/23",
            title="IP and the Metaverse",
            first_day=date(2023, 3, 29),
            last_day=date(2023, 3, 30),
            window=None,
            ordinal=7,
            tags=(),
        ),
        session(
            code="WIPO/IP/CONV/GE/22",
            title="IP Administration and Frontier Technologies",
            first_day=date(2022, 4, 5),
            last_day=date(2022, 4, 6),
            mode=Mode.VIRTUAL,
            place=None,
            window=None,
            ordinal=5,
            tags=(),
        ),
        session(
            code="WIPO/IP/AI/3/GE/20",
            title="AI and Trademarks",
            first_day=date(2020, 11, 4),
            last_day=date(2020, 11, 4),
            window=None,
            ordinal=3,
            tags=("trademarks",),
        ),
    ]


def announced(s: Session, at: datetime) -> Change:
    return Change(s.id, ChangeKind.ANNOUNCED, at, 0, None, s.content())


def record(s: Session, first_published: datetime, *changes: Change) -> Record:
    """A record whose log starts with the announcement, then ``changes``."""
    log = (announced(s, first_published), *changes)
    return Record(s.fingerprint, first_published, log[-1].at, log[-1].sequence, log)


def changed(before: Session, after: Session, kind: ChangeKind, at: datetime, sequence: int, *keys: str) -> Change:
    """The change from ``before`` to ``after`` of the content fields ``keys``."""
    old, new = before.content(), after.content()
    return Change(after.id, kind, at, sequence, {k: old[k] for k in keys}, {k: new[k] for k in keys})


def catalog(sessions=None, records: dict[str, Record] | None = None, site: SiteConfig = SITE) -> Catalog:
    """Sessions with a plain announcement each (a day apart), unless ``records`` says more."""
    sessions = sample_sessions() if sessions is None else list(sessions)
    start = datetime(2025, 1, 1, 12, tzinfo=UTC)
    history = {s.id: record(s, start + timedelta(days=i)) for i, s in enumerate(reversed(sessions))}
    history.update(records or {})
    return Catalog(tuple(sessions), History(history), site)


def rescheduled_catalog() -> tuple[Catalog, list[Session]]:
    """The 2025 session announced, rescheduled, retimed, moved online, retitled and cancelled.
    Returns the catalog and the states the session went through, oldest first."""
    t0 = datetime(2025, 6, 2, 8, tzinfo=UTC)
    s0 = session()
    s1 = replace(s0, first_day=date(2025, 11, 4), last_day=date(2025, 11, 5))
    s2 = replace(s1, window=DailyWindow(time(9, 30), time(17), "Europe/Zurich", "Geneva time"))
    s3 = replace(s2, place=None, mode=Mode.VIRTUAL)
    s4 = replace(s3, title="Synthetic Media and IP")
    s5 = replace(s4, status=Status.CANCELLED)
    log = (
        changed(s0, s1, ChangeKind.RESCHEDULED, t0 + timedelta(days=10), 1, "first_day", "last_day"),
        changed(s1, s2, ChangeKind.RETIMED, t0 + timedelta(days=20), 2, "window"),
        changed(s2, s3, ChangeKind.MOVED, t0 + timedelta(days=30), 3, "place", "mode"),
        changed(s3, s4, ChangeKind.RETITLED, t0 + timedelta(days=40), 4, "title"),
        changed(s4, s5, ChangeKind.CANCELLED, t0 + timedelta(days=50), 5, "status"),
    )
    rec = record(s0, t0, *log)
    rec = replace(rec, fingerprint=s5.fingerprint)
    return catalog([s5], {s5.id: rec}), [s0, s1, s2, s3, s4, s5]


SEED = Path(__file__).resolve().parent.parent / "data" / "sessions.txt"
SEED_PUBLISHED = datetime(2025, 11, 1, 9, tzinfo=UTC)


def seed_catalog(site: SiteConfig = SITE) -> Catalog:
    """The real listing (data/sessions.txt), parsed, each session announced at one time."""
    from wipofeeds import history, listing

    sessions = sorted(listing.parse(SEED.read_text("utf-8"), str(SEED)), key=lambda s: s.sort_key)
    return Catalog(tuple(sessions), history.update(History(), sessions, SEED_PUBLISHED), site)
