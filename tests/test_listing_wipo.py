"""The listing as WIPO's pages write it and browsers copy it: one row per form, with the
UTC instants of every day worked out here from zoneinfo (never from the program), and
one row per error with its line and message."""

from __future__ import annotations

import codecs
import time as clock
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from wipofeeds import listing
from wipofeeds.errors import ListingError, Problem
from wipofeeds.model import Mode, Place

D = date.fromisoformat
DESCRIPTION = "The session discussed IP."


def read(*lines: str, code: str = "WIPO/IP/CONV/GE/1/99"):
    [session] = listing.parse("\n".join([code, *lines]), "sessions.txt")
    return session


def errors(*lines: str) -> list[tuple[int, str]]:
    with pytest.raises(ListingError) as caught:
        listing.parse("\n".join(lines), "sessions.txt")
    assert all(p.file == "sessions.txt" for p in caught.value.problems)
    return [(p.line, p.message) for p in caught.value.problems]


def expected_utc(first: str, last: str, windows, zone) -> list[tuple[datetime, datetime]]:
    """Every day's windows as UTC instants, from zoneinfo: (start, end) per day and window."""
    tz = ZoneInfo(zone) if isinstance(zone, str) else zone
    out = []
    day = D(first)
    while day <= D(last):
        for start, end in windows:
            a, b = time.fromisoformat(start), time.fromisoformat(end)
            end_day = day + timedelta(days=1) if b <= a else day
            out.append((datetime.combine(day, a, tz).astimezone(timezone.utc),
                        datetime.combine(end_day, b, tz).astimezone(timezone.utc)))
        day += timedelta(days=1)
    return out


# --- dates ---------------------------------------------------------------------------------

# date line → first day, last day
DATES = [
    pytest.param("September 21 and 22, 2022", "2022-09-21", "2022-09-22", id="two-days-joined-by-and"),
    pytest.param("May 7 and 8, 2020 (Geneva, Switzerland) Hybrid", "2020-05-07", "2020-05-08", id="and-with-place"),
    pytest.param("May 7, 8 and 9, 2020 Virtual", "2020-05-07", "2020-05-09", id="three-days-listed"),
    pytest.param("October 31 and November 1, 2025 Virtual", "2025-10-31", "2025-11-01", id="and-across-months"),
    pytest.param("Thursday, July 21, 2022 (Geneva)", "2022-07-21", "2022-07-21", id="weekday"),
    pytest.param("Tuesday, October 28 to Wednesday, October 29, 2025", "2025-10-28", "2025-10-29",
                 id="weekday-at-each-end"),
    pytest.param("Tue. 28 October to Wed. 29 October 2025", "2025-10-28", "2025-10-29", id="weekday-abbreviated"),
    pytest.param("December 30 to January 2, 2026", "2025-12-30", "2026-01-02", id="across-years-one-year"),
    pytest.param("30 December to 2 January 2026 Virtual", "2025-12-30", "2026-01-02", id="day-first-across-years"),
    pytest.param("December 30, 2025 to January 2, 2026 Virtual", "2025-12-30", "2026-01-02", id="both-years"),
    pytest.param("July 6 to 14, 2023", "2023-07-06", "2023-07-14", id="month-once"),
    pytest.param("November 16-18, 2022 Hybrid", "2022-11-16", "2022-11-18", id="hyphen"),
    pytest.param("from October 28 to 29, 2025 Virtual", "2025-10-28", "2025-10-29", id="leading-from"),
    pytest.param("Sept. 21 & 22, 2022 (Geneva, Switzerland) Hybrid", "2022-09-21", "2022-09-22", id="ampersand"),
    pytest.param("2025-12-30 – 2026-01-02 Virtual", "2025-12-30", "2026-01-02", id="iso-dates"),
    pytest.param("Date and venue | September 22 to October 1, 2003 (Geneva, Switzerland) Onsite |",
                 "2003-09-22", "2003-10-01", id="copied-detail-table"),
]


@pytest.mark.parametrize("line, first, last", DATES)
def test_dates(line, first, last):
    s = read(line, DESCRIPTION)
    assert (s.first_day, s.last_day) == (D(first), D(last))


# --- places and modes ----------------------------------------------------------------------

GENEVA = Place("Geneva", "Switzerland")
# date line → place, mode
PLACES = [
    pytest.param("May 5, 2025 (Geneva, Switzerland and online)", GENEVA, Mode.HYBRID, id="and-online-is-hybrid"),
    pytest.param("May 5, 2025 (Geneva, Switzerland and online) Hybrid", GENEVA, Mode.HYBRID, id="and-online-hybrid"),
    pytest.param("May 5, 2025 (WIPO Headquarters, Geneva)", Place("Geneva", venue="WIPO Headquarters"), None,
                 id="venue-in-city"),
    pytest.param("May 5, 2025 (WIPO Headquarters, Geneva, Switzerland) Onsite",
                 Place("Geneva", "Switzerland", venue="WIPO Headquarters"), Mode.IN_PERSON, id="venue-city-country"),
    pytest.param("May 5, 2025 (Palo Alto, California, United States of America)",
                 Place("Palo Alto", "United States of America", region="California"), None, id="city-region-country"),
    pytest.param("May 5, 2025 (Genève, Suisse) Hybrid", Place("Genève", "Suisse"), Mode.HYBRID, id="accents-kept"),
    pytest.param("May 5, 2025 (Geneva)", Place("Geneva"), None, id="no-mode-is-no-mode"),
    pytest.param("May 5, 2025", None, None, id="neither"),
    pytest.param("May 5, 2025 ONLINE", None, Mode.VIRTUAL, id="online-capitals"),
    pytest.param("May 5, 2025 onsite", None, Mode.IN_PERSON, id="onsite-lower"),
    pytest.param("May 5, 2025 (Paris, France) In-Person", Place("Paris", "France"), Mode.IN_PERSON, id="in-person"),
    pytest.param("May 5, 2025 vIrTuAl", None, Mode.VIRTUAL, id="virtual-any-case"),
    pytest.param("May 5, 2025 (Geneva, Switzerland) Hybrid meeting", GENEVA, Mode.HYBRID, id="mode-noun"),
    pytest.param("May 5, 2025 (Geneva, Switzerland) In person and online", GENEVA, Mode.HYBRID,
                 id="in-person-and-online"),
    pytest.param("May 5, 2025 (International Conference Center Geneva (CICG), Geneva, Switzerland) Hybrid",
                 Place("Geneva", "Switzerland", venue="International Conference Center Geneva (CICG)"), Mode.HYBRID,
                 id="venue-with-its-own-bracket"),
    pytest.param("May 5, 2025, Geneva, Switzerland Hybrid", GENEVA, Mode.HYBRID, id="known-city-without-brackets"),
    pytest.param("May 5, 2025 – Virtual", None, Mode.VIRTUAL, id="dash-before-mode"),
]


@pytest.mark.parametrize("line, place, mode", PLACES)
def test_places_and_modes(line, place, mode):
    s = read(line, DESCRIPTION)
    assert (s.place, s.mode) == (place, mode)


def test_no_mode_invents_nothing():
    s = read("May 5, 2025 (Geneva)", DESCRIPTION)
    assert s.location == "Geneva" and s.mode is None
    assert read("May 5, 2025", DESCRIPTION).location is None


# --- times and zones -----------------------------------------------------------------------

# date line, time line → local windows, zone key, label
TIMES = [
    pytest.param("October 28, 2025", "13:00 - 15:00 Geneva (CET) time", [("13:00", "15:00")], "Europe/Zurich",
                 "Geneva (CET) time", id="zone-named-twice"),
    pytest.param("July 1, 2025", "from 14:00 to 17:00 (Geneva time)", [("14:00", "17:00")], "Europe/Zurich",
                 "Geneva time", id="from-to-bracketed-zone"),
    pytest.param("March 5, 2025", "13:45 CET to 14:45 CET", [("13:45", "14:45")], "Europe/Zurich", "CET",
                 id="zone-after-each-time"),
    pytest.param("March 5, 2025", "3:00 to 3:45 pm CET", [("15:00", "15:45")], "Europe/Zurich", "CET",
                 id="pm-once-at-the-end"),
    pytest.param("September 30 to October 2, 2025", "10 a.m. to 1 p.m. and from 3 p.m. to 6 p.m. Geneva time",
                 [("10:00", "13:00"), ("15:00", "18:00")], "Europe/Zurich", "Geneva time", id="two-windows"),
    pytest.param("March 28 to March 31, 2025", "10:00-13:00 and 15:00-18:00 CET",
                 [("10:00", "13:00"), ("15:00", "18:00")], "Europe/Zurich", "CET", id="two-windows-across-dst"),
    pytest.param("October 25 to October 27, 2025", "22:00 - 02:00 Geneva time", [("22:00", "02:00")],
                 "Europe/Zurich", "Geneva time", id="past-midnight-across-dst"),
    pytest.param("May 5, 2025", "18:00 - 24:00 Geneva time", [("18:00", "00:00")], "Europe/Zurich", "Geneva time",
                 id="until-midnight"),
    pytest.param("May 5, 2025", "13:00 to 15:00 hours Geneva time", [("13:00", "15:00")], "Europe/Zurich",
                 "Geneva time", id="hours-word"),
    pytest.param("May 5, 2025", "10:00 to 12:00 noon CET", [("10:00", "12:00")], "Europe/Zurich", "CET",
                 id="noon-after-12"),
    pytest.param("May 5, 2025", "12 noon to 2 pm CET", [("12:00", "14:00")], "Europe/Zurich", "CET",
                 id="12-noon-start"),
    pytest.param("May 5, 2025", "10 - noon CET", [("10:00", "12:00")], "Europe/Zurich", "CET", id="until-noon"),
    pytest.param("May 5, 2025", "10:00 - 18:00 Geneva, Switzerland time", [("10:00", "18:00")], "Europe/Zurich",
                 "Geneva, Switzerland time", id="city-and-country-time"),
    pytest.param("May 5, 2025", "10h - 12h30 Geneva time", [("10:00", "12:30")], "Europe/Zurich", "Geneva time",
                 id="french-h"),
    pytest.param("May 5 to 6, 2025", "10:00 - 12:00 UTC+05:30", [("10:00", "12:00")], "UTC+05:30", "UTC+05:30",
                 id="offset-with-minutes"),
    pytest.param("May 5, 2025", "10:00 - 12:00 UTC\u221203:00", [("10:00", "12:00")], "Etc/GMT+3", "UTC\u221203:00",
                 id="true-minus-sign"),
    pytest.param("May 5, 2025", "09:00 - 11:00 UTC-09:30", [("09:00", "11:00")], "UTC-09:30", "UTC-09:30",
                 id="negative-offset-with-minutes"),
    pytest.param("January 14, 2026", "10:00 - 12:00 Geneva time (UTC+1)", [("10:00", "12:00")], "Europe/Zurich",
                 "Geneva time (UTC+1)", id="offset-stated-beside-zone"),
    pytest.param("March 5, 2025", "3:00\u202fPM\u00a0–\u00a04:30\u202fPM\u2009New York time", [("15:00", "16:30")],
                 "America/New_York", "New York time", id="browser-spaces"),
    pytest.param("March 5, 2025", "Time: 10:00 - 12:00 Tokyo time |", [("10:00", "12:00")], "Asia/Tokyo",
                 "Tokyo time", id="copied-label"),
]


def _tz(zone: str):
    if zone.startswith("UTC") and len(zone) == 9:
        sign = 1 if zone[3] == "+" else -1
        return timezone(sign * timedelta(hours=int(zone[4:6]), minutes=int(zone[7:9])))
    return ZoneInfo(zone)


@pytest.mark.parametrize("date_line, time_line, windows, zone, label", TIMES)
def test_times(date_line, time_line, windows, zone, label):
    s = read(date_line, time_line, DESCRIPTION)
    assert [(f"{w.start:%H:%M}", f"{w.end:%H:%M}") for w in s.windows] == windows
    assert {w.zone for w in s.windows} == {zone} and s.window.label == label
    assert [(o.start_utc, o.end_utc) for o in s.occurrences] == expected_utc(
        s.first_day.isoformat(), s.last_day.isoformat(), windows, _tz(zone)
    )


def test_windows_may_stand_one_a_line():
    s = read("May 5, 2025 Hybrid", "10:00 - 13:00 Geneva time", "15:00 - 18:00 Geneva time", DESCRIPTION)
    assert [(f"{w.start:%H:%M}", f"{w.end:%H:%M}") for w in s.windows] == [("10:00", "13:00"), ("15:00", "18:00")]
    assert s.paragraphs == (DESCRIPTION,)
    assert errors("A/1", "May 5, 2025 Hybrid", "10:00 - 13:00 Geneva time", "15:00 - 18:00 Tokyo time", "Text") == [
        (4, "'Geneva time' and 'Tokyo time' are different time zones; write the times of one line in one zone")]


def test_a_window_past_midnight_ends_the_next_day_in_utc():
    s = read("October 25 to October 26, 2025", "22:00 - 02:00 Geneva time", DESCRIPTION)
    utc = timezone.utc
    # 25 October is summer time (UTC+2); the clocks go back at 03:00 on 26 October, so
    # 02:00 happens twice that night: RFC 5545 §3.3.5 means the first, still UTC+2.
    assert [(o.start_utc, o.end_utc) for o in s.occurrences] == [
        (datetime(2025, 10, 25, 20, tzinfo=utc), datetime(2025, 10, 26, 0, tzinfo=utc)),
        (datetime(2025, 10, 26, 21, tzinfo=utc), datetime(2025, 10, 27, 1, tzinfo=utc)),
    ]


# --- codes ---------------------------------------------------------------------------------

CODES = [
    ("A/64", "A/64", "a-64"),
    ("SCP/26", "SCP/26", "scp-26"),
    ("SCCR/47", "SCCR/47", "sccr-47"),
    ("WO/GA/57", "WO/GA/57", "wo-ga-57"),
    ("BP/A/40", "BP/A/40", "bp-a-40"),
    ("PCT/A/36", "PCT/A/36", "pct-a-36"),
    ("WIPO/IP/CONV/GE/2/25", "WIPO/IP/CONV/GE/2/25", "wipo-ip-conv-ge-2-25"),
    ("sccr/47", "SCCR/47", "sccr-47"),
    ("wipo/ip/conv/ge/2/25", "WIPO/IP/CONV/GE/2/25", "wipo-ip-conv-ge-2-25"),
    ("PCT/MBCG/II", "PCT/MBCG/II", "pct-mbcg-ii"),
    ("Meeting code | LO/A/22 |", "LO/A/22", "lo-a-22"),
]


@pytest.mark.parametrize("written, code, sid", CODES, ids=[c[0] for c in CODES])
def test_codes(written, code, sid):
    s = read("May 5, 2025 Virtual", DESCRIPTION, code=written)
    assert (s.code, s.id) == (code, sid)


@pytest.mark.parametrize("line", ["and/or", "AI/ML", "24/7"])
def test_a_description_line_with_a_slash_is_not_a_code(line):
    found = errors("A/64", "May 5, 2025 Virtual", "Text", line)
    assert len(found) == 1 and found[0][0] == 4 and found[0][1].startswith("unexpected line after the description")


# --- titles --------------------------------------------------------------------------------

TITLES = [
    pytest.param("WIPO/IP/CONV/GE/25", "The Eleventh session of the WIPO Conversation addressed IP.",
                 "WIPO Conversation – 11th session", id="conversation"),
    pytest.param("SCCR/47", "The forty-seventh session of the Standing Committee on Copyright and Related Rights "
                 "(SCCR) met.", "Standing Committee on Copyright and Related Rights (SCCR) – 47th session",
                 id="named-in-description"),
    pytest.param("SCCR/47", "Delegates discussed broadcasting.",
                 "Standing Committee on Copyright and Related Rights – SCCR/47", id="from-its-code"),
    pytest.param("WO/GA/57", "The 57th session discussed the budget.", "WIPO General Assembly – 57th session",
                 id="ordinal-and-code"),
]


@pytest.mark.parametrize("code, description, title", TITLES)
def test_generated_titles_name_the_meeting(code, description, title):
    s = read("May 5, 2025 Virtual", description, code=code)
    assert (s.title, s.title_is_generated) == (title, True)


def test_the_series_name_comes_from_the_caller():
    [s] = listing.parse("X/1\nMay 5, 2025 Virtual\nThe 3rd session met.", series="Frontier Talks")
    assert s.title == "Frontier Talks – 3rd session"


def test_a_title_line_between_code_and_dates():
    s = read("PCT Union - Assembly: Thirty-Sixth (16th Ordinary) Session", "September 24 to October 3, 2007 "
             "(Geneva, Switzerland) Onsite", DESCRIPTION, code="PCT/A/36")
    assert (s.title, s.title_is_generated, s.first_day) == (
        "PCT Union - Assembly: Thirty-Sixth (16th Ordinary) Session", False, D("2007-09-24"))


# --- text as browsers copy it --------------------------------------------------------------

SEED_RECORD = ("WIPO/IP/CONV/GE/2/25\nOctober 28 to October 29, 2025 (Geneva, Switzerland) Hybrid\n"
               "10:00 - 18:00 Geneva time\nThe twelfth session of the WIPO Conversation, \"IP and Synthetic Media\".")


@pytest.mark.parametrize(
    "space", ["\u00a0", "\u202f", "\u2009", "\u200b", "\t", "\u2007", "\u3000"],
    ids=["nbsp", "narrow-nbsp", "thin", "zero-width", "tab", "figure", "ideographic"],
)
def test_browser_spaces_are_whitespace(space):
    text = SEED_RECORD.replace(" ", space + " ").replace("\n", space + "\n" + space)
    assert listing.parse(text) == listing.parse(SEED_RECORD)


@pytest.mark.parametrize(
    "data",
    [SEED_RECORD.encode("utf-8"), codecs.BOM_UTF8 + SEED_RECORD.encode("utf-8"),
     SEED_RECORD.encode("utf-16"), codecs.BOM_UTF16_BE + SEED_RECORD.encode("utf-16-be")],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_encodings(data):
    assert listing.parse(data) == listing.parse(SEED_RECORD)


def test_an_undecodable_byte_is_an_error_naming_its_line():
    data = SEED_RECORD.replace("Geneva, Switzerland", "Gen\u00e8ve").encode("latin-1") + b"\n\xff"
    with pytest.raises(ListingError) as caught:
        listing.parse(data, "sessions.txt")
    assert [str(p) for p in caught.value.problems] == [
        "sessions.txt:2: byte 0xE8 is not UTF-8; save the file as UTF-8",
        "sessions.txt:5: byte 0xFF is not UTF-8; save the file as UTF-8",
    ]


# --- errors: one problem, one message --------------------------------------------------------

OK = "May 5, 2025 Virtual"
ERRORS = [
    pytest.param(["A/1", "Thursday, July 22, 2022 (Geneva)", "Text"],
                 [(2, "'Thursday' does not match July 22, 2022, a Friday")], id="weekday-contradicts-date"),
    pytest.param(["A/1", "September 21 and 23, 2022", "Text"],
                 [(2, "September 21 and September 23, 2022 are not consecutive days; list a session on separate "
                      "days as separate records")], id="and-not-consecutive"),
    pytest.param(["A/1", "2025-13-01", "Text"],
                 [(2, "'13' is not a month (expected a month name such as October or Oct.)")], id="iso-bad-month"),
    pytest.param(["A/1", "October 28 to 29", "Text"],
                 [(2, "the dates have no year (expected e.g. 'October 28, 2025')")], id="no-year"),
    pytest.param(["A/1", OK, "1000 - 1800 Geneva time", "Text"],
                 [(3, "'1000' is not a time (expected HH:MM, 24-hour, or h:mm am/pm)")], id="time-not-understood"),
    pytest.param(["A/1", OK, "10 - 12 experts discussed the future of IP in Geneva", "Second line"],
                 [(3, "'experts discussed the future of IP in Geneva' is not a known time zone (expected a city "
                      "('Geneva time'), an abbreviation (CET), an IANA name (Europe/Zurich) or an offset (UTC+2)); "
                      "if this line begins the description, write the time line before it or join the description "
                      "into one line with '||'")], id="time-or-description"),
    pytest.param(["A/1", OK, "10:00 - 18:00 Geneva time"],
                 [(1, "A/1 has no description (expected one line after the dates; '||' separates paragraphs)")],
                 id="time-line-without-description"),
    pytest.param(["A/1", OK, "13:45 CET to 14:45 New York time", "Text"],
                 [(3, "'CET' and 'New York time' are different time zones; write the times of one line in one "
                      "zone")], id="two-zones"),
    pytest.param(["A/1", OK, "10:00 - 13:00 and 12:00 - 18:00 CET", "Text"],
                 [(3, "the windows 10:00–13:00 and 12:00–18:00 overlap or are out of order (write a day's windows "
                      "in order: '10:00 - 13:00 and 15:00 - 18:00 Geneva time')")], id="windows-overlap"),
    pytest.param(["A/1", "July 1, 2025", "10:00 - 12:00 Geneva time (UTC+1)", "Text"],
                 [(3, "the line states UTC+1, but Europe/Zurich is UTC+2 on July 1, 2025")],
                 id="stated-offset-contradicts-zone"),
    pytest.param(["A/1", "Octobre 28, 2025 (Genève) Hybride", "10:00 - 18:00 Geneva time", "Text"],
                 [(2, "'Octobre' is not a month (expected a month name such as October or Oct.)")],
                 id="bad-date-line-then-the-rest-is-read"),
    pytest.param(["A/1", "Le 28 octobre 2025", "Texte", "A/2", OK, "Text"],
                 [(2, "'Le' is not a month (expected a month name such as October or Oct.)")],
                 id="unreadable-date-one-message"),
    pytest.param(["A/1", "Dates to be announced", "Texte", "A/2", OK, "Text"],
                 [(2, "expected a date line such as 'October 28 to October 29, 2025 (Geneva, Switzerland) Hybrid' "
                      "after A/1, found 'Dates to be announced'")], id="no-date-one-message"),
    pytest.param(["A/1", OK, "Text", "wrapped", "more wrapped", "A/2", OK, "Text"],
                 [(4, "unexpected line after the description of A/1: 'wrapped' (a description is one line; '||' "
                      "separates paragraphs); 1 more line follow")], id="extra-lines-one-message"),
    pytest.param(["A/1", OK, "Text", "May 6, 2025 Virtual", "Text"],
                 [(4, "a date line after the description of A/1: 'May 6, 2025 Virtual' (is the document code of "
                      "the next record missing before it?)")], id="missing-code"),
    pytest.param(["A/1", "May 5, 2025 (Geneva) Virtual (online)", "Text"], [], id="mode-twice-agreeing"),
    pytest.param(["A/1", "May 5, 2025 Somewhere Hybrid", "Text"],
                 [(2, "'Somewhere Hybrid' is not an attendance mode (expected Hybrid, Virtual, Online, In person or "
                      "Onsite; a place goes in brackets: '(City, Country)')")], id="unknown-place-needs-brackets"),
    pytest.param(["A/1", "May 5, 2025 (Geneva", "Text"],
                 [(2, "unbalanced brackets in '(Geneva' (expected '(City, Country)')")], id="unbalanced-bracket"),
    pytest.param(["A/1", "May 5, 2025 (Geneva and online) Onsite", "Text"],
                 [(2, "the line states two attendance modes (Hybrid and In person); keep the one that applies")],
                 id="modes-disagree"),
]


@pytest.mark.parametrize("lines, problems", ERRORS)
def test_errors(lines, problems):
    if not problems:
        listing.parse("\n".join(lines))
        return
    assert errors(*lines) == problems


def _fastest(run, times: int = 3) -> float:
    """The best of a few runs: what the code costs, without the machine's other load."""
    best = float("inf")
    for _ in range(times):
        started = clock.perf_counter()
        run()
        best = min(best, clock.perf_counter() - started)
    return best


LONG_LINES = [
    pytest.param(["May 5, 2025" + " " * 100_000 + "x", "Text"], id="spaces-after-the-date"),
    pytest.param(["May 5, 2025 (" + " " * 100_000 + "x", "Text"], id="spaces-in-a-bracket"),
    pytest.param([OK, "10:00 -" + " " * 100_000 + "x", "Text"], id="spaces-in-a-time-line"),
    pytest.param(["(" * 50_000 + " May", "Text"], id="brackets"),
    pytest.param([OK, "1 " * 50_000, "Text"], id="numbers"),
]


@pytest.mark.parametrize("lines", LONG_LINES)
def test_long_lines_are_read_in_linear_time_and_quoted_briefly(lines):
    text = "\n".join(["A/1", *lines])

    def parse():
        with pytest.raises(ListingError) as caught:
            listing.parse(text)
        assert len(caught.value.problems) == 1 and len(caught.value.problems[0].message) < 300

    assert _fastest(parse) < 0.05
