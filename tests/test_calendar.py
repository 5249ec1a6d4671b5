"""calendar.ics and sessions/<id>.ics, read back by three independent parsers.

icalendar + recurring-ical-events expand occurrences with zoneinfo (by TZID); vobject
validates and expands with the VTIMEZONE we wrote. Both must agree with the table below,
written out by hand in UTC.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone

import icalendar
import pytest
import recurring_ical_events
import vobject
from zoneinfo import ZoneInfo
from _factories import BASE_URL, FIRST_SEEN, SITE, catalog, reader_shapes, seed_sessions, session

from wipofeeds import history as hist
from wipofeeds.model import DailyWindow, Mode, Place, SiteConfig, Status
from wipofeeds.render import FORMATS, ical, vtimezone
from wipofeeds.render import calendar as ics

UTC = timezone.utc
LATER = datetime(2025, 12, 1, 9, 30, tzinfo=UTC)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def windows(*days: str, hours: tuple[str, str]) -> list[tuple[datetime, datetime]]:
    return [(utc(f"{d}T{hours[0]}"), utc(f"{d}T{hours[1]}")) for d in days]


# Every seed session, as it must land in a subscriber's calendar: UTC windows, or the
# days of an all-day session.
SEED = {
    "wipo-ip-conv-ge-2-25": windows("2025-10-28", "2025-10-29", hours=("09:00", "17:00")),  # 12th, CET
    "wipo-ip-conv-ge-25": windows("2025-04-23", "2025-04-24", hours=("08:00", "16:00")),  # 11th, CEST
    "wipo-ip-conv-ge-2-24": windows("2024-11-05", "2024-11-06", hours=("09:00", "17:00")),  # 10th
    "wipo-ip-conv-ge-24": windows("2024-03-13", "2024-03-14", hours=("09:00", "17:00")),  # 9th
    "wipo-ip-conv-ge-2-23": windows("2023-09-20", "2023-09-21", hours=("08:00", "16:00")),  # 8th
    "wipo-ip-conv-ge-23": [date(2023, 3, 29), date(2023, 3, 30)],  # 7th, all day
    "wipo-ip-conv-ge-2-22": [date(2022, 9, 21), date(2022, 9, 22)],  # 6th
    "wipo-ip-conv-ge-22": [date(2022, 4, 5), date(2022, 4, 6)],  # 5th
    "wipo-ip-conv-ge-21": [date(2021, 9, 22), date(2021, 9, 23)],  # 4th
    "wipo-ip-ai-3-ge-20": [date(2020, 11, 4)],  # 3rd
}


@pytest.fixture(scope="module")
def seed_catalog():
    return catalog(seed_sessions())


@pytest.fixture(scope="module")
def seed_ics(seed_catalog) -> bytes:
    return ics.render_calendar(seed_catalog, "calendar.ics")


def expand_with_recurring_ical_events(body: bytes) -> dict[str, list]:
    found: dict[str, list] = {}
    for event in recurring_ical_events.of(icalendar.Calendar.from_ical(body)).between(date(2000, 1, 1), date(2100, 1, 1)):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        found.setdefault(str(event["UID"]), []).append((start, end))
    return {uid: _as_table(spans) for uid, spans in found.items()}


def expand_with_vobject(body: bytes) -> dict[str, list]:
    found = {}
    for event in vobject.readOne(body.decode("utf-8")).vevent_list:
        start, end = event.dtstart.value, event.dtend.value
        starts = list(event.getrruleset(addRDate=True)) if hasattr(event, "rrule") else [start]
        found[event.uid.value] = _as_table([(s, s + (end - start)) for s in starts])
    return found


def _as_table(spans) -> list:
    """UTC windows for timed events; every covered day for all-day ones."""
    table = []
    for start, end in sorted(spans, key=lambda span: str(span[0])):
        if isinstance(start, datetime):
            assert start.tzinfo is not None, "floating time"
            table.append((start.astimezone(UTC), end.astimezone(UTC)))
        else:
            table += [start + timedelta(days=i) for i in range((end - start).days)]
    return table


def uid_table() -> dict[str, list]:
    return {f"{sid}@wipofeeds": value for sid, value in SEED.items()}


@pytest.mark.parametrize("expand", [expand_with_recurring_ical_events, expand_with_vobject], ids=["recurring-ical-events", "vobject"])
def test_every_seed_session_lands_at_the_right_utc_times(seed_ics, expand):
    assert expand(seed_ics) == uid_table()


def test_vobject_validates(seed_ics, seed_catalog):
    assert vobject.readOne(seed_ics.decode("utf-8")).validate()
    for s in seed_catalog.sessions:
        assert vobject.readOne(ics.render_session(seed_catalog, s, f"sessions/{s.id}.ics").decode("utf-8")).validate()


def test_each_session_file_is_a_complete_calendar_of_that_session(seed_catalog):
    for s in seed_catalog.sessions:
        body = ics.render_session(seed_catalog, s, f"sessions/{s.id}.ics")
        cal = icalendar.Calendar.from_ical(body)
        assert [str(e["UID"]) for e in cal.walk("VEVENT")] == [f"{s.id}@wipofeeds"]
        assert [str(t["TZID"]) for t in cal.walk("VTIMEZONE")] == ([] if s.all_day else ["Europe/Zurich"])
        assert expand_with_vobject(body) == {f"{s.id}@wipofeeds": SEED[s.id]}
        assert str(cal["SOURCE"]) == f"{BASE_URL}sessions/{s.id}.ics"


def test_formats_are_registered():
    assert FORMATS[("collection", "calendar.ics")].render is ics.render_calendar
    assert FORMATS[("session", ".ics")].render is ics.render_session
    for key in (("collection", "calendar.ics"), ("session", ".ics")):
        assert (FORMATS[key].media_type, FORMATS[key].kind) == ("text/calendar; charset=utf-8", "calendar")


# --- local time across DST ------------------------------------------------------------------

STRADDLING = [
    pytest.param("Europe/Zurich", date(2026, 3, 27), date(2026, 3, 30), ["09:00", "09:00", "08:00", "08:00"], id="zurich-march-29"),
    pytest.param("America/New_York", date(2026, 3, 7), date(2026, 3, 9), ["15:00", "14:00", "14:00"], id="new-york-march-8"),
    pytest.param("Australia/Sydney", date(2026, 4, 4), date(2026, 4, 6), ["23:00", "00:00", "00:00"], id="sydney-april-5"),
]


@pytest.mark.parametrize(("zone", "first", "last", "utc_starts"), STRADDLING)
def test_a_session_across_a_dst_change_keeps_10_local_every_day(zone, first, last, utc_starts):
    window = DailyWindow(time(10), time(12), zone, "local time")
    s = session(first_day=first, last_day=last, window=window)
    body = ics.render_calendar(catalog([s]), "calendar.ics")
    events = recurring_ical_events.of(icalendar.Calendar.from_ical(body)).between(date(2026, 1, 1), date(2027, 1, 1))
    assert [e["DTSTART"].dt.strftime("%Y-%m-%d %H:%M") for e in events] == [
        f"{first + timedelta(days=i)} 10:00" for i in range(len(utc_starts))
    ]
    for parse in (expand_with_recurring_ical_events, expand_with_vobject):
        [spans] = parse(body).values()
        assert [start.strftime("%H:%M") for start, _ in spans] == utc_starts
        assert all(end - start == timedelta(hours=2) for start, end in spans)


# --- lines, zones, no floating times --------------------------------------------------------

MIXED_ZONES = [
    session(),
    session(code="WIPO/IP/CONV/NY/1/26", first_day=date(2026, 6, 2), last_day=date(2026, 6, 2),
            window=DailyWindow(time(9), time(17), "America/New_York", "New York time"), place=Place("New York", "USA")),
    session(code="WIPO/IP/CONV/GE/1/26", first_day=date(2026, 1, 2), last_day=date(2026, 1, 3),
            window=DailyWindow(time(9), time(11), "Etc/GMT-2", "UTC+2"), mode=Mode.VIRTUAL, place=None),
    session(code="WIPO/IP/CONV/GE/2/26", first_day=date(2026, 2, 2), last_day=date(2026, 2, 2),
            window=DailyWindow(time(9), time(11), "UTC", "UTC"), mode=Mode.VIRTUAL, place=None),
    session(code="WIPO/IP/CONV/GE/3/26", window=None),
]


# --- what the reader now reads: two windows a day, past midnight, minute offsets, no mode ---

NEW_SHAPES = reader_shapes()


def _utc(day: str, hhmm: str, zone) -> datetime:
    """A local time on a day as a UTC instant, from zoneinfo (or a fixed offset)."""
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(hhmm), zone).astimezone(UTC)


ZURICH = ZoneInfo("Europe/Zurich")
DELHI_OFFSET = timezone(timedelta(hours=5, minutes=30))
NEW_SHAPE_EXPANSIONS = {
    # two windows: each its own UID, across the 29 March 2026 DST change
    "sccr-47@wipofeeds": [(_utc(d, "10:00", ZURICH), _utc(d, "13:00", ZURICH)) for d in ("2026-03-28", "2026-03-29", "2026-03-30")],
    "sccr-47.2@wipofeeds": [(_utc(d, "15:00", ZURICH), _utc(d, "18:00", ZURICH)) for d in ("2026-03-28", "2026-03-29", "2026-03-30")],
    # past midnight, across the 25 October 2026 change (02:00 twice: the first is meant)
    "wipo-ip-conv-ge-4-26@wipofeeds": [
        (_utc("2026-10-24", "22:00", ZURICH), _utc("2026-10-25", "02:00", ZURICH)),
        (_utc("2026-10-25", "22:00", ZURICH), _utc("2026-10-26", "02:00", ZURICH)),
        (_utc("2026-10-26", "22:00", ZURICH), _utc("2026-10-27", "02:00", ZURICH)),
    ],
    "wipo-ip-conv-del-1-26@wipofeeds": [(_utc(d, "10:00", DELHI_OFFSET), _utc(d, "12:00", DELHI_OFFSET)) for d in ("2026-05-05", "2026-05-06")],
    "a-67@wipofeeds": [date(2026, 7, 7)],
    "a-68@wipofeeds": [date(2026, 7, 8)],
}


@pytest.mark.parametrize("expand", [expand_with_recurring_ical_events, expand_with_vobject], ids=["recurring-ical-events", "vobject"])
def test_new_shapes_land_at_the_right_utc_times(expand):
    body = ics.render_calendar(catalog(NEW_SHAPES), "calendar.ics")
    assert expand(body) == NEW_SHAPE_EXPANSIONS


def test_two_windows_are_two_event_series_and_no_mode_invents_nothing():
    body = ics.render_calendar(catalog(NEW_SHAPES), "calendar.ics")
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    morning, afternoon = events["sccr-47@wipofeeds"], events["sccr-47.2@wipofeeds"]
    assert morning["SEQUENCE"] == afternoon["SEQUENCE"] and morning["SUMMARY"] == afternoon["SUMMARY"]
    assert "10:00–13:00 and 15:00–18:00 Geneva time" in str(morning["DESCRIPTION"])
    assert "09:00–12:00 and 14:00–17:00 UTC on 28 March" in str(morning["DESCRIPTION"])
    assert str(events["a-67@wipofeeds"]["LOCATION"]) == "Palo Alto, California, United States of America"
    no_mode = events["a-68@wipofeeds"]
    assert "LOCATION" not in no_mode and "CATEGORIES" not in no_mode
    assert "DTSTART:20260505T043000Z" in body.decode()  # UTC+05:30 written in UTC, no made-up TZID


def test_every_tzid_has_its_vtimezone_and_no_time_floats():
    body = ics.render_calendar(catalog(MIXED_ZONES), "calendar.ics").decode("utf-8")
    used = set(re.findall(r";TZID=([^:;]+)[:;]", body))
    defined = set(re.findall(r"\r\nTZID:([^\r]+)", body))
    assert used == defined == {"America/New_York", "Etc/GMT-2", "Europe/Zurich"}
    for line in icalendar.Calendar.from_ical(body).walk("VEVENT"):
        for name in ("DTSTART", "DTEND"):
            value = line[name].dt
            assert not isinstance(value, datetime) or value.tzinfo is not None
    assert "DTSTART:20260202T090000Z" in body  # UTC sessions in UTC form
    assert expand_with_vobject(body.encode()) == expand_with_recurring_ical_events(body.encode())


def test_vtimezones_cover_exactly_the_years_their_events_use():
    cal = icalendar.Calendar.from_ical(ics.render_calendar(catalog(MIXED_ZONES), "calendar.ics"))
    zurich = next(t for t in cal.walk("VTIMEZONE") if str(t["TZID"]) == "Europe/Zurich")
    assert zurich.to_ical() == vtimezone.to_ical("Europe/Zurich", 2025, 2025)


def physical_lines(body: bytes) -> list[bytes]:
    assert body.endswith(b"\r\n")
    lines = body[:-2].split(b"\r\n")
    assert not any(b"\n" in line or b"\r" in line for line in lines), "bare LF or CR"
    return lines


HOSTILE = 'Semi; colon, comma \\ backslash\\n not a newline\nreal newline\r\nEND:VEVENT\nBEGIN:VEVENT\n<script>alert("x")</script> ' + "é€😀" * 30


def hostile_session():
    return session(
        title="Hostile, title; with \\ backslash",
        paragraphs=(HOSTILE, "\\" * 40 + "," * 40 + ";" * 40, "Control\x00\x01\x7f characters\ttab"),
        place=Place("Genève; the \\ city", "Suisse, CH"),
        tags=("a,b", "c;d"),
        conference_url="https://meet.example.org/j/1?a=1,2;b=\\",
    )


def test_lines_are_crlf_at_most_75_octets_and_folds_split_no_escape_or_character():
    for body in (ics.render_calendar(catalog([hostile_session(), *MIXED_ZONES]), "calendar.ics"),):
        lines = physical_lines(body)
        assert max(len(line) for line in lines) <= 75
        for line, following in zip(lines, lines[1:]):
            line.decode("utf-8")  # no UTF-8 sequence split across a fold
            if following.startswith(b" "):
                trailing = len(line) - len(line.rstrip(b"\\"))
                assert trailing % 2 == 0, f"escape split across a fold: {line!r}"


@pytest.mark.parametrize("shift", range(0, 80, 7))
def test_runs_of_escapes_are_never_split_whatever_their_position(shift):
    """icalendar 7.3's own folder splits a run of escaped backslashes mid-pair; ours must not."""
    text = "x" * shift + "\\" * 45 + "\n" * 3 + ",;" * 40 + "é" * 50
    event = icalendar.Event()
    event.add("DESCRIPTION", text)
    body = ics.serialize(event)
    lines = physical_lines(body)
    assert max(len(line) for line in lines) <= 75
    folded = [line for line, following in zip(lines, lines[1:]) if following.startswith(b" ")]
    assert len(folded) >= 4
    for line in folded:
        line.decode("utf-8")
        assert (len(line) - len(line.rstrip(b"\\"))) % 2 == 0, line
    assert str(icalendar.Event.from_ical(body)["DESCRIPTION"]) == text


def test_hostile_text_comes_back_exactly_and_stays_inside_its_event():
    body = ics.render_session(catalog([hostile_session()]), hostile_session(), "sessions/x.ics")
    assert physical_lines(body).count(b"END:VEVENT") == 1
    assert physical_lines(body).count(b"BEGIN:VEVENT") == 1
    [event] = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Hostile, title; with \\ backslash"
    assert str(event["LOCATION"]) == "Genève; the \\ city, Suisse, CH"
    assert list(event["CATEGORIES"].cats) == ["Hybrid", "a,b", "c;d"]
    description = str(event["DESCRIPTION"])
    assert HOSTILE.replace("\r\n", "\n") in description
    assert "Control characters\ttab" in description  # controls dropped: no TEXT may hold them
    assert str(event["CONFERENCE"]) == "https://meet.example.org/j/1?a=1,2;b=\\"
    v = vobject.readOne(body.decode("utf-8")).vevent
    assert v.summary.value == "Hostile, title; with \\ backslash"
    assert HOSTILE.replace("\r\n", "\n") in v.description.value


# --- properties ---------------------------------------------------------------------------------

CALENDAR_PROPERTIES = [
    ("VERSION", "2.0"),
    ("PRODID", "-//wipofeeds//WIPO meeting feeds//EN"),
    ("CALSCALE", "GREGORIAN"),
    ("NAME", "WIPO Conversation on IP and Frontier Technologies"),
    ("X-WR-CALNAME", "WIPO Conversation on IP and Frontier Technologies"),
    ("DESCRIPTION", SITE.description),
    ("X-WR-CALDESC", SITE.description),
    ("REFRESH-INTERVAL;VALUE=DURATION", "PT12H"),
    ("X-PUBLISHED-TTL", "PT12H"),
    ("URL", BASE_URL),
    ("SOURCE;VALUE=URI", f"{BASE_URL}calendar.ics"),
]


@pytest.mark.parametrize(("name", "value"), CALENDAR_PROPERTIES, ids=[n for n, _ in CALENDAR_PROPERTIES])
def test_calendar_properties(seed_ics, name, value):
    header = seed_ics.split(b"BEGIN:VTIMEZONE")[0].replace(b"\r\n ", b"").decode("utf-8")
    assert f"\r\n{name}:{ical.text(value).replace(',', chr(92) + ',')}\r\n" in header


def test_no_method_a_snapshot_is_not_an_itip_message(seed_ics):
    assert "METHOD" not in icalendar.Calendar.from_ical(seed_ics)


FILTERED_NAMES = [
    ("calendar.ics", "WIPO Conversation on IP and Frontier Technologies"),
    ("year/2025/calendar.ics", "WIPO Conversation on IP and Frontier Technologies (2025)"),
    ("mode/virtual/calendar.ics", "WIPO Conversation on IP and Frontier Technologies (Virtual)"),
    ("tag/copyright/calendar.ics", "WIPO Conversation on IP and Frontier Technologies (Copyright)"),
]


@pytest.mark.parametrize(("path", "name"), FILTERED_NAMES, ids=[p for p, _ in FILTERED_NAMES])
def test_filtered_calendars_say_what_they_hold(seed_catalog, path, name):
    cal = icalendar.Calendar.from_ical(ics.render_calendar(seed_catalog, path))
    assert (str(cal["NAME"]), str(cal["X-WR-CALNAME"]), str(cal["SOURCE"])) == (name, name, BASE_URL + path)


def event_of(s, **catalog_args):
    body = ics.render_session(catalog([s], **catalog_args), s, f"sessions/{s.id}.ics")
    [event] = icalendar.Calendar.from_ical(body).walk("VEVENT")
    return event


def test_event_properties_of_a_windowed_session():
    event = event_of(session(conference_url="https://meet.example.org/j/1"))
    assert event.to_ical().decode().replace("\r\n ", "").split("\r\n")[1:-2] == [
        "SUMMARY:IP and Synthetic Media",
        "DTSTART;TZID=Europe/Zurich:20251028T100000",
        "DTEND;TZID=Europe/Zurich:20251028T180000",
        "DTSTAMP:20251101T080000Z",
        "UID:wipo-ip-conv-ge-2-25@wipofeeds",
        "SEQUENCE:0",
        "RRULE:FREQ=DAILY;COUNT=2",
        "CATEGORIES:Hybrid,synthetic-media",
        "CLASS:PUBLIC",
        "CONFERENCE;FEATURE=VIDEO;LABEL=Join online;VALUE=URI:https://meet.example.org/j/1",
        "CREATED:20251101T080000Z",
        "DESCRIPTION:28\u2009–\u200929 October 2025\\, 10:00–18:00 Geneva time (CET\\, UTC+1)\\, that is 09:00–17:00 UTC"
        "\\n\\nSynthetic media is rapidly evolving.\\n\\nThe session explored its impact.\\n\\nWIPO/IP/CONV/GE/2/25",
        "LAST-MODIFIED:20251101T080000Z",
        "LOCATION:Geneva\\, Switzerland",
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "URL:https://feeds.example.org/sessions/wipo-ip-conv-ge-2-25.html",
    ]


SHAPES = [
    pytest.param(dict(first_day=date(2025, 10, 28), last_day=date(2025, 10, 28)), "20251028T100000", "20251028T180000", None, id="one-day-no-rrule"),
    pytest.param(dict(last_day=date(2025, 10, 31)), "20251028T100000", "20251028T180000", "FREQ=DAILY;COUNT=4", id="four-days-count"),
    pytest.param(dict(window=None), "20251028", "20251030", None, id="all-day-exclusive-end"),
    pytest.param(dict(window=None, last_day=date(2025, 10, 28)), "20251028", "20251029", None, id="one-all-day"),
    pytest.param(dict(window=DailyWindow(time(22), time(2), "Europe/Zurich", "Geneva time"), last_day=date(2025, 10, 28)),
                 "20251028T220000", "20251029T020000", None, id="window-past-midnight"),
]


@pytest.mark.parametrize(("fields", "start", "end", "rrule"), SHAPES)
def test_event_shapes(fields, start, end, rrule):
    event = event_of(session(**fields))
    assert event["DTSTART"].to_ical().decode() == start
    assert event["DTEND"].to_ical().decode() == end
    assert (event["RRULE"].to_ical().decode() if "RRULE" in event else None) == rrule


STATUSES = [
    (Status.CONFIRMED, "CONFIRMED", "IP and Synthetic Media"),
    (Status.CANCELLED, "CANCELLED", "Cancelled: IP and Synthetic Media"),
    (Status.POSTPONED, "TENTATIVE", "Postponed: IP and Synthetic Media"),
]


@pytest.mark.parametrize(("status", "ical_status", "summary"), STATUSES, ids=[s.value for s, _, _ in STATUSES])
def test_status_shows_in_status_and_title(status, ical_status, summary):
    event = event_of(session(status=status))
    assert (str(event["STATUS"]), str(event["SUMMARY"])) == (ical_status, summary)


def test_a_virtual_session_is_online_and_without_a_join_link_has_no_conference():
    event = event_of(session(mode=Mode.VIRTUAL, place=None))
    assert str(event["LOCATION"]) == "Online"
    assert event["CATEGORIES"].cats == ["Virtual", "synthetic-media"]
    assert "CONFERENCE" not in event


# --- identity and change over time -------------------------------------------------------------


def vevents(body: bytes) -> dict[str, bytes]:
    """Each VEVENT block as bytes, by UID."""
    blocks = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", body, re.S)
    return {re.search(rb"\r\nUID:(\S+)\r\n", b).group(1).decode(): b for b in blocks}


def test_uid_is_the_same_across_base_urls_and_edits():
    s = session()
    a = event_of(s)
    b = event_of(replace(s, title="Other", paragraphs=("x",), first_day=date(2025, 10, 27)),
                 site=SiteConfig(base_url="http://localhost:5000/"))
    assert str(a["UID"]) == str(b["UID"]) == "wipo-ip-conv-ge-2-25@wipofeeds"


def test_uids_are_unique_in_the_calendar(seed_ics):
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(seed_ics).walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 10


def test_rebuilding_with_no_change_is_byte_identical(seed_ics, tmp_path):
    vtimezone.to_ical.cache_clear()
    vtimezone._scan.cache_clear()
    again = catalog(seed_sessions())  # a new catalog: nothing memoised
    assert ics.render_calendar(again, "calendar.ics") == seed_ics
    # …also from the history as saved and read back, a day later.
    path = tmp_path / "sessions.history.json"
    hist.save(again.history, path)
    reloaded = catalog(seed_sessions(), history=hist.load(path), now=LATER)
    assert reloaded.history == again.history
    assert ics.render_calendar(reloaded, "calendar.ics") == seed_ics


def test_editing_a_time_raises_sequence_by_one_and_keeps_the_uid(seed_catalog, seed_ics):
    edited = [replace(s, window=replace(s.window, start=time(9))) if s.id == "wipo-ip-conv-ge-2-25" else s
              for s in seed_sessions()]
    after = catalog(edited, history=seed_catalog.history, now=LATER)
    body = ics.render_calendar(after, "calendar.ics")
    event = icalendar.Event.from_ical(vevents(body)["wipo-ip-conv-ge-2-25@wipofeeds"])
    assert event["SEQUENCE"] == 1
    assert (event["DTSTAMP"].dt, event["LAST-MODIFIED"].dt, event["CREATED"].dt) == (LATER, LATER, FIRST_SEEN)
    assert event["DTSTART"].to_ical() == b"20251028T090000"
    before, now = vevents(seed_ics), vevents(body)
    assert before.keys() == now.keys()
    assert [uid for uid in now if now[uid] != before[uid]] == ["wipo-ip-conv-ge-2-25@wipofeeds"]


def test_cancelling_bumps_sequence_and_keeps_the_event(seed_catalog):
    edited = [replace(s, status=Status.CANCELLED) if s.id == "wipo-ip-conv-ge-25" else s for s in seed_sessions()]
    after = catalog(edited, history=seed_catalog.history, now=LATER)
    event = icalendar.Event.from_ical(vevents(ics.render_calendar(after, "calendar.ics"))["wipo-ip-conv-ge-25@wipofeeds"])
    assert (event["SEQUENCE"], str(event["STATUS"]), str(event["SUMMARY"])) == (1, "CANCELLED", "Cancelled: WIPO Conversation – 11th session")


def test_a_new_session_leaves_the_others_untouched(seed_catalog, seed_ics):
    new = session(code="WIPO/IP/CONV/GE/26", title="IP and Quantum", first_day=date(2026, 4, 21), last_day=date(2026, 4, 22))
    after = catalog([new, *seed_sessions()], history=seed_catalog.history, now=LATER)
    before, now = vevents(seed_ics), vevents(ics.render_calendar(after, "calendar.ics"))
    assert set(now) - set(before) == {"wipo-ip-conv-ge-26@wipofeeds"}
    assert all(now[uid] == block for uid, block in before.items())
    new_event = icalendar.Event.from_ical(now["wipo-ip-conv-ge-26@wipofeeds"])
    assert (new_event["SEQUENCE"], new_event["CREATED"].dt) == (0, LATER)


def test_an_empty_calendar_is_valid():
    body = ics.render_calendar(catalog([]), "year/1999/calendar.ics")
    cal = vobject.readOne(body.decode("utf-8"))
    assert cal.validate()
    assert icalendar.Calendar.from_ical(body).walk("VEVENT") == []


def test_calendar_name_that_looks_like_a_stand_in_stays_itself():
    """The header is laid out once with stand-ins; a value must never be taken for one."""
    hostile = session(title="WIPOFEEDS-DESCRIPTION and https://wipofeeds.invalid/source")
    body = ics.render_session(catalog([hostile]), hostile, "sessions/x.ics")
    cal = icalendar.Calendar.from_ical(body)
    assert str(cal["NAME"]) == "WIPOFEEDS-DESCRIPTION and https://wipofeeds.invalid/source"
    assert str(cal["SOURCE"]) == SITE.url("sessions/x.ics")


@pytest.mark.parametrize(
    "subject",
    [
        *seed_sessions(),
        *MIXED_ZONES,
        hostile_session(),
        session(status=Status.CANCELLED, conference_url="https://meet.example.org/j/1"),
        session(status=Status.POSTPONED, window=None, last_day=date(2025, 11, 2)),
        *NEW_SHAPES,
    ],
    ids=lambda s: s.id,
)
def test_fast_vevent_is_byte_for_byte_what_icalendar_writes_for_the_event(subject):
    """Builds write each VEVENT from icalendar's values without an Event around them;
    the bytes must be those of icalendar's own Event, folded by us."""
    created, modified, sequence = FIRST_SEEN, LATER, 3
    events = [ics.build_event(subject, created, modified, sequence, BASE_URL, i) for i in range(len(subject.windows) or 1)]
    fake = type("R", (), {"first_published": created, "last_modified": modified, "sequence": sequence})
    body, tzid = ics.event_ical(subject, fake, BASE_URL)
    assert body == b"".join(ics.serialize(event) for event in events)
    assert tzid == events[0]["DTSTART"].params.get("TZID")


@pytest.mark.parametrize(
    "subject",
    [*seed_sessions(), *NEW_SHAPES, session(first_day=date(2024, 2, 27), last_day=date(2024, 3, 2)), session(window=None, last_day=date(2025, 11, 2))],
    ids=lambda s: s.id,
)
def test_the_days_are_the_expansion_of_the_rrule_the_calendar_publishes(subject):
    """The pages' day list (Session.days, hence occurrences) is dateutil's expansion of
    FREQ=DAILY;COUNT=n from the first day: the RRULE the VEVENT carries, which every
    client expands."""
    from dateutil.rrule import rrulestr

    event = ics.build_event(subject, FIRST_SEEN, FIRST_SEEN, 0, BASE_URL)
    rule = event["RRULE"].to_ical().decode() if "RRULE" in event else f"FREQ=DAILY;COUNT={subject.day_count}"
    expanded = [moment.date() for moment in rrulestr(rule, dtstart=datetime.combine(subject.first_day, time(0)))]
    assert list(subject.days) == expanded
    assert expanded[0] == subject.first_day and expanded[-1] == subject.last_day
    assert [o.day for o in subject.occurrences][:: max(1, len(subject.windows))] == expanded


@pytest.mark.parametrize(
    "value",
    [
        date(2025, 10, 28),
        datetime(2025, 10, 28, 10, 0, tzinfo=ZoneInfo("Europe/Zurich")),
        datetime(2025, 3, 30, 3, 30, tzinfo=ZoneInfo("Europe/Zurich")),
        datetime(2026, 1, 2, 23, 59, 59, tzinfo=ZoneInfo("America/New_York")),
        datetime(2024, 7, 1, 9, 15, tzinfo=ZoneInfo("Asia/Kolkata")),
        datetime(2025, 10, 28, 9, 0, tzinfo=UTC),
        datetime(2025, 10, 28, 9, 0, tzinfo=ZoneInfo("UTC")),
        datetime(1999, 12, 31, 0, 0, tzinfo=ZoneInfo("Pacific/Chatham")),
    ],
    ids=str,
)
def test_plain_dates_and_times_are_laid_out_as_icalendar_writes_them(value):
    """The writer's one value of its own (ical.moment, per zone from icalendar's form)
    against icalendar's vDDDTypes of the same value, and the TZID it states."""
    from icalendar.prop import vDDDTypes

    reference = vDDDTypes(value)
    assert ical.line("DTSTART", value) == ical.line("DTSTART", reference)
    assert ical.tzid(value) == reference.params.get("TZID")
