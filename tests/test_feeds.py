"""RSS 2.0 and Atom 1.0: what feed readers see (parsed by feedparser and lxml)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from itertools import pairwise

import feedparser
import icalendar
import lxml.html
import pytest
from _feed_factories import (
    BASE_URL,
    HOSTILE,
    UTC,
    catalog,
    changed,
    reader_shapes,
    rescheduled_catalog,
    sample_sessions,
    seed_catalog,
    session,
)
from lxml import etree

from wipofeeds import history
from wipofeeds.model import Catalog, ChangeKind, DailyWindow, History, Mode, Place, Status
from wipofeeds import views
from wipofeeds.render import FORMATS, calendar, changes, feeds, jsonapi, text

ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
RENDER = {
    "feed.rss": feeds.render_rss,
    "feed.atom": feeds.render_atom,
    "changes.rss": feeds.render_changes_rss,
    "changes.atom": feeds.render_changes_atom,
}
SESSION_FEEDS = ["feed.rss", "feed.atom"]
CHANGE_FEEDS = ["changes.rss", "changes.atom"]
CATALOGS = {
    "seed": seed_catalog,
    "sample": catalog,
    "changed": lambda: rescheduled_catalog()[0],
    "reader-shapes": lambda: catalog(reader_shapes()),
}
# RFC 8141 as the W3C validator checks it: no "/" in the namespace-specific string.
URN = re.compile(r"^urn:[a-z0-9][a-z0-9-]{1,31}:[A-Za-z0-9()+,.:=@;$_!*'-]+$")


def parse(body: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(body)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def body(entry) -> str:
    """The entry's HTML: content (Atom, RSS content:encoded) or else the RSS description."""
    return entry.content[0].value if "content" in entry else entry.summary


def utc(struct) -> datetime:
    return datetime(*struct[:6], tzinfo=UTC)


# --- both formats, every catalog -------------------------------------------------------


@pytest.mark.parametrize("name", SESSION_FEEDS + CHANGE_FEEDS)
@pytest.mark.parametrize("which", CATALOGS)
def test_feedparser_reads_every_entry_with_id_title_link_and_dates(name, which):
    cat = CATALOGS[which]()
    parsed = parse(RENDER[name](cat, name))
    assert parsed.version == ("rss20" if name.endswith(".rss") else "atom10")
    assert parsed.entries
    for entry in parsed.entries:
        assert URN.match(entry.id), entry.id
        assert entry.title.strip()
        assert entry.link.startswith(BASE_URL + "sessions/") and entry.link.endswith(".html")
        assert entry.published_parsed is not None
        if name.endswith(".atom"):
            assert entry.updated_parsed is not None
    assert len({e.id for e in parsed.entries}) == len(parsed.entries)


@pytest.mark.parametrize("name", SESSION_FEEDS + CHANGE_FEEDS)
def test_feed_metadata_self_link_language_generator(name):
    cat = catalog()
    parsed = parse(RENDER[name](cat, name))
    feed = parsed.feed
    assert {(link.rel, link.href) for link in feed.links} >= {("self", BASE_URL + name), ("alternate", BASE_URL)}
    assert feed.title.startswith(cat.site.title)
    assert feed.subtitle
    assert feed.language == "en"
    assert feed.generator == "wipofeeds"
    assert utc(feed.updated_parsed) == cat.updated


@pytest.mark.parametrize("name", SESSION_FEEDS)
def test_one_entry_per_session_newest_first_with_stable_ids(name):
    cat = seed_catalog()
    parsed = parse(RENDER[name](cat, name))
    assert [e.id for e in parsed.entries] == [f"urn:wipofeeds:session:{s.id}" for s in cat.sessions]
    assert [e.link for e in parsed.entries] == [f"{BASE_URL}sessions/{s.id}.html" for s in cat.sessions]
    firsts = [s.first_day for s in cat.sessions]
    assert firsts == sorted(firsts, reverse=True) and len(firsts) >= 10


@pytest.mark.parametrize("name", SESSION_FEEDS)
def test_ids_match_the_calendar_uids_one_to_one(name):
    cat = seed_catalog()
    ids = [e.id for e in parse(RENDER[name](cat, name)).entries]
    uids = [
        str(e["UID"])
        for e in icalendar.Calendar.from_ical(calendar.render_calendar(cat, "calendar.ics")).walk("VEVENT")
    ]
    by_id = cat.by_id
    assert sorted(calendar.uid(by_id[i.rsplit(":", 1)[1]]) for i in ids) == sorted(uids)
    assert len(set(uids)) == len(ids) == len(cat.sessions)


@pytest.mark.parametrize("name", SESSION_FEEDS)
def test_entry_dates_come_from_the_history(name):
    cat, states = rescheduled_catalog()
    record = cat.record(cat.sessions[0])
    assert record.first_published != record.last_modified
    entry = parse(RENDER[name](cat, name)).entries[0]
    assert utc(entry.published_parsed) == record.first_published
    if name.endswith(".atom"):
        assert utc(entry.updated_parsed) == record.last_modified


@pytest.mark.parametrize("name", SESSION_FEEDS)
def test_a_change_updates_its_entry_and_adds_none(name):
    """Readers key on the id and compare dates: a rescheduled session is the same entry, newer."""
    site, t1, t2 = catalog().site, datetime(2025, 5, 1, tzinfo=UTC), datetime(2025, 6, 1, tzinfo=UTC)
    sessions = sample_sessions()
    moved = list(sessions)
    moved[1] = replace(sessions[1], first_day=date(2025, 11, 4), last_day=date(2025, 11, 5))
    h1 = history.update(History(), sessions, t1)
    before = RENDER[name](Catalog(tuple(sessions), h1, site), name)
    assert RENDER[name](Catalog(tuple(sessions), history.update(h1, sessions, t2), site), name) == before
    after = parse(RENDER[name](Catalog(tuple(moved), history.update(h1, moved, t2), site), name))
    assert [e.id for e in after.entries] == [e.id for e in parse(before).entries]
    # One build announced them all: dated a second apart, newest session first (views.reader_dates);
    # the rescheduled one is the only one changed at t2, so its own date is exact.
    second = timedelta(seconds=1)
    assert [utc(e.published_parsed) for e in after.entries] == [t1 - n * second for n in range(len(sessions))]
    if name.endswith(".atom"):
        assert [utc(e.updated_parsed) for e in after.entries] == [t1, t2, *(t1 - n * second for n in range(1, 5))]
    assert utc(after.feed.updated_parsed) == t2
    assert "4\u2009–\u20095 November 2025" in body(after.entries[1])


@pytest.mark.parametrize("name", SESSION_FEEDS)
def test_entry_body_says_when_where_and_links_the_calendar(name):
    cat = catalog()
    entry = parse(RENDER[name](cat, name)).entries[1]
    html = body(entry)
    assert "28\u2009–\u200929 October 2025, 10:00–18:00 Geneva time (CET, UTC+1)" in html
    assert "Geneva, Switzerland · Hybrid" in html
    assert "<p>Synthetic media is rapidly evolving.</p>" in html
    assert f'href="{BASE_URL}sessions/wipo-ip-conv-ge-2-25.ics"' in html
    assert [t.term for t in entry.tags] == (
        ["hybrid", "synthetic-media"] if name.endswith(".atom") else ["Hybrid", "synthetic-media"]
    )
    assert entry.author_detail.name == cat.site.author


def test_rss_items_have_guid_not_permalink_enclosure_and_creator():
    cat = catalog()
    channel = etree.fromstring(feeds.render_rss(cat, "feed.rss")).find("channel")
    for item, s in zip(channel.findall("item"), cat.sessions, strict=True):
        guid = item.find("guid")
        assert (guid.text, guid.get("isPermaLink")) == (f"urn:wipofeeds:session:{s.id}", "false")
        enclosure = item.find("enclosure")
        ics = calendar.render_session(cat, s, f"sessions/{s.id}.ics")
        assert enclosure.attrib == {
            "url": f"{BASE_URL}sessions/{s.id}.ics",
            "length": str(len(ics)),
            "type": "text/calendar",
        }
        assert item.find("author") is None  # RSS wants an e-mail address there; dc:creator instead
        assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == cat.site.author
    assert channel.findtext("lastBuildDate") == "Mon, 06 Jan 2025 12:00:00 +0000"


def test_atom_enclosure_is_not_a_second_alternate_link():
    """feedgen 1.0.0 drops rel/type from entry links (python-feedgen#135)."""
    cat = catalog()
    root = etree.fromstring(feeds.render_atom(cat, "feed.atom"))
    for entry, s in zip(root.findall("a:entry", ATOM_NS), cat.sessions, strict=True):
        links = [dict(link.attrib) for link in entry.findall("a:link", ATOM_NS)]
        ics = calendar.render_session(cat, s, f"sessions/{s.id}.ics")
        assert links == [
            {"href": f"{BASE_URL}sessions/{s.id}.html", "rel": "alternate", "type": "text/html"},
            {
                "href": f"{BASE_URL}sessions/{s.id}.ics",
                "rel": "enclosure",
                "type": "text/calendar",
                "length": str(len(ics)),
            },
        ]


@pytest.mark.parametrize("name", SESSION_FEEDS)
def test_cancelled_sessions_say_so_in_the_title(name):
    entry = parse(RENDER[name](catalog(), name)).entries[0]
    assert entry.title == "Cancelled: IP and Quantum Technologies"
    assert "<strong>Status:</strong> Cancelled" in body(entry)


@pytest.mark.parametrize("name", SESSION_FEEDS + CHANGE_FEEDS)
def test_deterministic_bytes(name):
    assert RENDER[name](CATALOGS["changed"](), name) == RENDER[name](CATALOGS["changed"](), name)


@pytest.mark.parametrize("name", SESSION_FEEDS + CHANGE_FEEDS)
def test_empty_catalog(name):
    parsed = parse(RENDER[name](catalog([]), name))
    assert parsed.entries == []
    assert utc(parsed.feed.updated_parsed) == datetime(1970, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("name", SESSION_FEEDS)
def test_filtered_feed_links_itself_and_keeps_a_real_date_when_empty(name):
    cat = catalog()
    path = f"year/2025/{name}"
    subset = cat.with_sessions([s for s in cat.sessions if s.first_day.year == 2025])
    parsed = parse(RENDER[name](subset, path))
    assert ("self", BASE_URL + path) in {(link.rel, link.href) for link in parsed.feed.links}
    assert [e.id for e in parsed.entries] == [views.session_urn(s) for s in subset.sessions]
    empty = parse(RENDER[name](cat.with_sessions([]), f"mode/in-person/{name}"))
    assert utc(empty.feed.updated_parsed) == cat.updated  # the latest change, never 1970 or now


def test_registered_formats():
    expected = {
        ("collection", "feed.rss"): ("application/rss+xml; charset=utf-8", "feed"),
        ("collection", "feed.atom"): ("application/atom+xml; charset=utf-8", "feed"),
        ("site", "changes.rss"): ("application/rss+xml; charset=utf-8", "feed"),
        ("site", "changes.atom"): ("application/atom+xml; charset=utf-8", "feed"),
    }
    assert {key: (FORMATS[key].media_type, FORMATS[key].kind) for key in expected} == expected


# --- hostile text ----------------------------------------------------------------------


def hostile_catalog() -> Catalog:
    return catalog(
        [
            session(
                title="Title " + HOSTILE,
                paragraphs=(HOSTILE, "second"),
                place=Place("Gen<b>eva</b>", "Switzerland & co"),
                tags=("a<b>",),
                url='https://example.org/"onmouseover="alert(1)',
            )
        ]
    )


def _html_fragments(text: str):
    return lxml.html.fragments_fromstring(text, no_leading_text=False)


@pytest.mark.parametrize("name", SESSION_FEEDS + CHANGE_FEEDS)
def test_hostile_text_is_escaped_text_in_xml_and_in_the_html_inside(name):
    body = RENDER[name](hostile_catalog(), name)
    for char in "\x00\x01\x08\x0b\x0c":
        assert char.encode() not in body
    root = etree.fromstring(body)
    assert not [el for el in root.iter() if etree.QName(el).localname in ("script", "b")]
    if name.endswith(".rss"):
        item = root.find("channel/item")
        title = item.findtext("title")
        html = item.findtext(CONTENT_ENCODED) or item.findtext("description")
    else:
        item = root.find("a:entry", ATOM_NS)
        title, html = item.findtext("a:title", namespaces=ATOM_NS), item.findtext("a:content", namespaces=ATOM_NS)
    nodes = [n for n in _html_fragments(html) if not isinstance(n, str)]
    elements = [el for node in nodes for el in node.iter()]
    assert {el.tag for el in elements} <= {"p", "strong", "a"}
    assert all(set(a.attrib) == {"href"} for a in elements if a.tag == "a")
    visible = " ".join(node.text_content() for node in nodes)
    assert 'alert("x")</script> ]]> & ' in visible and " end " in visible
    if name.startswith("feed"):
        assert title.startswith('Title Evil <script>alert("x")</script> ]]> & ')


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain", "plain"),
        ("tab\tnewline\ncr\r", "tab\tnewline\ncr\r"),
        ("nul\x00bell\x07vt\x0bff\x0cesc\x1b", "nulbellvtffesc"),
        ("nonchar\ufffe\uffff", "nonchar"),
        ("é – “quotes” ]]>", "é – “quotes” ]]>"),
    ],
    ids=["plain", "allowed-whitespace", "c0-controls", "non-characters", "unicode-and-cdata-end"],
)
def test_xml_text_strips_only_what_xml_cannot_carry(raw, clean):
    assert text.xml_text(raw) == clean


# --- changes feed ----------------------------------------------------------------------

BASE = session()
T = datetime(2025, 7, 1, tzinfo=UTC)
OTHER_WINDOW = DailyWindow(time(9, 30), time(17), "Europe/Zurich", "Geneva time")
CHANGE_CASES = {
    "announced": (None, BASE, ChangeKind.ANNOUNCED, (), "Announced: IP and Synthetic Media on 28\u2009–\u200929 October 2025"),
    "rescheduled": (
        BASE,
        replace(BASE, first_day=date(2025, 11, 4), last_day=date(2025, 11, 5)),
        ChangeKind.RESCHEDULED,
        ("first_day", "last_day"),
        "Rescheduled: IP and Synthetic Media now 4\u2009–\u20095 November 2025",
    ),
    "rescheduled-across-months": (
        BASE,
        replace(BASE, first_day=date(2025, 10, 30), last_day=date(2025, 11, 2)),
        ChangeKind.RESCHEDULED,
        ("first_day", "last_day"),
        "Rescheduled: IP and Synthetic Media now 30 October\u2009–\u20092 November 2025",
    ),
    "retimed": (
        BASE,
        replace(BASE, window=OTHER_WINDOW),
        ChangeKind.RETIMED,
        ("window",),
        "Retimed: IP and Synthetic Media now 09:30–17:00 Geneva time (CET, UTC+1)",
    ),
    "retimed-all-day": (
        BASE,
        replace(BASE, window=None),
        ChangeKind.RETIMED,
        ("window",),
        "Retimed: IP and Synthetic Media now all day",
    ),
    "moved-online": (
        BASE,
        replace(BASE, place=None, mode=Mode.VIRTUAL),
        ChangeKind.MOVED,
        ("place", "mode"),
        "Moved: IP and Synthetic Media now online (virtual)",
    ),
    "moved-city": (
        BASE,
        replace(BASE, place=Place("Nairobi", "Kenya")),
        ChangeKind.MOVED,
        ("place",),
        "Moved: IP and Synthetic Media now in Nairobi, Kenya",
    ),
    "moved-mode": (
        BASE,
        replace(BASE, mode=Mode.IN_PERSON),
        ChangeKind.MOVED,
        ("mode",),
        "Moved: IP and Synthetic Media now in person",
    ),
    "retitled": (
        BASE,
        replace(BASE, title="Synthetic Media and IP"),
        ChangeKind.RETITLED,
        ("title",),
        "Retitled: IP and Synthetic Media is now Synthetic Media and IP",
    ),
    "cancelled": (
        BASE,
        replace(BASE, status=Status.CANCELLED),
        ChangeKind.CANCELLED,
        ("status",),
        "Cancelled: IP and Synthetic Media on 28\u2009–\u200929 October 2025",
    ),
    "postponed": (
        BASE,
        replace(BASE, status=Status.POSTPONED),
        ChangeKind.POSTPONED,
        ("status",),
        "Postponed: IP and Synthetic Media, planned for 28\u2009–\u200929 October 2025",
    ),
    "reinstated": (
        replace(BASE, status=Status.CANCELLED),
        BASE,
        ChangeKind.REINSTATED,
        ("status",),
        "Reinstated: IP and Synthetic Media on 28\u2009–\u200929 October 2025",
    ),
    "edited": (
        BASE,
        replace(BASE, paragraphs=("New text.",), tags=("ai",)),
        ChangeKind.EDITED,
        ("paragraphs", "tags"),
        "Edited: IP and Synthetic Media (description, tags)",
    ),
}


@pytest.mark.parametrize("case", CHANGE_CASES)
def test_change_title(case):
    before, after, kind, keys, expected = CHANGE_CASES[case]
    change = changed(before, after, kind, T, 1, *keys) if before else changed(after, after, kind, T, 0)
    assert changes.change_title(change, before, after) == expected


@pytest.mark.parametrize(
    ("case", "rows"),
    [
        (
            "announced",
            [
                ("When", None, "28\u2009–\u200929 October 2025, 10:00–18:00 Geneva time (CET, UTC+1)"),
                ("Where", None, "Geneva, Switzerland · Hybrid"),
            ],
        ),
        ("rescheduled", [("Dates", "28\u2009–\u200929 October 2025", "4\u2009–\u20095 November 2025")]),
        ("retimed-all-day", [("Time", "10:00–18:00 Geneva time (CET, UTC+1)", "All day")]),
        ("moved-online", [("Place", "Geneva, Switzerland", "Online"), ("Attendance", "Hybrid", "Virtual")]),
        ("cancelled", [("Status", "Confirmed", "Cancelled")]),
        (
            "edited",
            [
                ("Description", "Synthetic media is rapidly evolving. The session explored its impact.", "New text."),
                ("Tags", "synthetic-media", "ai"),
            ],
        ),
    ],
)
def test_change_rows_give_previous_and_new_values(case, rows):
    before, after, kind, keys, _ = CHANGE_CASES[case]
    change = changed(before, after, kind, T, 1, *keys) if before else changed(after, after, kind, T, 0)
    assert changes.change_rows(change, before, after) == rows


@pytest.mark.parametrize("name", CHANGE_FEEDS)
def test_changes_feed_tells_the_story_newest_first_in_the_words_of_the_time(name):
    cat, _ = rescheduled_catalog()
    parsed = parse(RENDER[name](cat, name))
    assert [e.title for e in parsed.entries] == [
        "Cancelled: Synthetic Media and IP on 4\u2009–\u20095 November 2025",
        "Retitled: IP and Synthetic Media is now Synthetic Media and IP",
        "Moved: IP and Synthetic Media now online (virtual)",
        "Retimed: IP and Synthetic Media now 09:30–17:00 Geneva time (CET, UTC+1)",
        "Rescheduled: IP and Synthetic Media now 4\u2009–\u20095 November 2025",
        "Announced: IP and Synthetic Media on 28\u2009–\u200929 October 2025",
    ]
    sid = cat.sessions[0].id
    assert [e.id for e in parsed.entries] == [
        f"urn:wipofeeds:change:{sid}:{n}:{k}"
        for n, k in [
            (5, "cancelled"),
            (4, "retitled"),
            (3, "moved"),
            (2, "retimed"),
            (1, "rescheduled"),
            (0, "announced"),
        ]
    ]
    record = cat.record(cat.sessions[0])
    assert [utc(e.published_parsed) for e in parsed.entries] == [c.at for c in reversed(record.changes)]
    assert "4\u2009–\u20095 November 2025 (was: 28\u2009–\u200929 October 2025)" in body(parsed.entries[4])


def test_old_change_entries_stay_byte_identical_when_later_changes_arrive():
    _, states = rescheduled_catalog()
    t0 = datetime(2025, 6, 2, 8, tzinfo=UTC)
    hist, entries = History(), []
    for step, state in enumerate(states):
        hist = history.update(hist, [state], t0 + timedelta(days=10 * step))
        root = etree.fromstring(feeds.render_changes_atom(Catalog((state,), hist, catalog().site), "changes.atom"))
        entries.append(
            {e.findtext("a:id", namespaces=ATOM_NS): etree.tostring(e) for e in root.findall("a:entry", ATOM_NS)}
        )
    for earlier, later in pairwise(entries):
        assert len(later) > len(earlier)
        assert {k: later[k] for k in earlier} == earlier


def test_changes_of_one_update_share_a_time_and_sort_by_session_then_kind():
    t1, t2 = datetime(2025, 5, 1, tzinfo=UTC), datetime(2025, 6, 1, tzinfo=UTC)
    a, b = session(), session(code="WIPO/IP/CONV/GE/25", first_day=date(2025, 4, 23), last_day=date(2025, 4, 24))
    h = history.update(History(), [a, b], t1)
    a2 = replace(a, first_day=date(2025, 11, 4), last_day=date(2025, 11, 5), window=OTHER_WINDOW)
    b2 = replace(b, status=Status.CANCELLED)
    cat = Catalog((a2, b2), history.update(h, [a2, b2], t2), catalog().site)
    ids = [e.id for e in parse(feeds.render_changes_rss(cat, "changes.rss")).entries]
    assert ids == [
        "urn:wipofeeds:change:wipo-ip-conv-ge-2-25:1:rescheduled",
        "urn:wipofeeds:change:wipo-ip-conv-ge-2-25:1:retimed",
        "urn:wipofeeds:change:wipo-ip-conv-ge-25:1:cancelled",
        "urn:wipofeeds:change:wipo-ip-conv-ge-2-25:0:announced",
        "urn:wipofeeds:change:wipo-ip-conv-ge-25:0:announced",
    ]


def test_every_seed_session_is_announced_once():
    cat = seed_catalog()
    entries = parse(feeds.render_changes_atom(cat, "changes.atom")).entries
    assert sorted(e.id for e in entries) == sorted(f"urn:wipofeeds:change:{s.id}:0:announced" for s in cat.sessions)
    assert all(e.title.startswith("Announced: ") for e in entries)


# --- size: a feed is for news, the calendar and sessions.json for everything ------------


def many_sessions(n: int) -> list:
    """``n`` one-day sessions, newest first, a week apart."""
    return [
        session(code=f"WIPO/IP/CONV/GE/{n - i}/30", first_day=date(2030, 1, 1) - timedelta(weeks=i), last_day=date(2030, 1, 1) - timedelta(weeks=i))
        for i in range(n)
    ]


def test_session_feeds_carry_the_latest_announced_or_changed_sessions_in_catalog_order():
    sessions = many_sessions(views.FEED_LIMIT + 12)
    cat = catalog(sessions)  # announced a day apart, oldest session first
    late = sessions[-1]  # the oldest session, changed after everything else was announced
    edited = replace(late, title="Retitled long after")
    at = datetime(2027, 1, 1, tzinfo=UTC)
    records = dict(cat.history.records)
    records[late.id] = history.Record(
        edited.fingerprint,
        records[late.id].first_published,
        at,
        1,
        (*records[late.id].changes, changed(late, edited, ChangeKind.RETITLED, at, 1, "title")),
    )
    sessions[-1] = edited
    cat = Catalog(tuple(sessions), History(records), cat.site)
    expected = [s.id for s in sessions[: views.FEED_LIMIT - 1]] + [edited.id]
    for name in SESSION_FEEDS:
        entries = parse(RENDER[name](cat, name)).entries
        assert [e.id.rsplit(":", 1)[-1] for e in entries] == [views.session_urn(s).rsplit(":", 1)[-1] for s in cat.sessions if s.id in expected]
        assert len(entries) == views.FEED_LIMIT
    assert views.latest(cat) == tuple(s for s in cat.sessions if s.id in expected)
    items = json.loads(jsonapi.render_json_feed(cat, "feed.json"))["items"]
    assert [item["id"] for item in items] == [views.session_urn(s) for s in views.latest(cat)]
    # the calendar keeps every session
    ics = icalendar.Calendar.from_ical(calendar.render_calendar(cat, "calendar.ics"))
    assert len(ics.walk("VEVENT")) == len(sessions)


def test_change_feeds_carry_the_latest_changes_newest_first():
    cat = catalog(many_sessions(views.FEED_LIMIT + 5))
    every = changes.changes(cat, limit=None)
    assert len(every) == views.FEED_LIMIT + 5
    for name in CHANGE_FEEDS:
        entries = parse(RENDER[name](cat, name)).entries
        assert [e.id for e in entries] == [views.change_urn(c) for _, c, _, _ in every[: views.FEED_LIMIT]]


def test_sessions_changed_at_the_same_time_keep_the_catalog_order():
    sessions = many_sessions(views.FEED_LIMIT + 7)
    at = datetime(2025, 1, 1, 12, tzinfo=UTC)
    records = {s.id: history.Record(s.fingerprint, at, at, 0, ()) for s in sessions}
    cat = Catalog(tuple(sessions), History(records), catalog().site)
    assert views.latest(cat) == tuple(sessions[: views.FEED_LIMIT])
