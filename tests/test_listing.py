"""The listing parser, as a specification: the seed listing field by field, a table of the
ways real listings vary, and the errors (with exact lines and messages) of broken ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest

from wipofeeds import listing
from wipofeeds.errors import ListingError, Problem
from wipofeeds.model import Mode, Place, Session

SEED = Path(__file__).parent / "data" / "seed_sessions.txt"
UTC = timezone.utc
GENEVA = Place("Geneva", "Switzerland")


@pytest.fixture(scope="module")
def seed():
    return {s.code: s for s in listing.parse(SEED.read_text("utf-8"), "seed.txt")}


def utc(day: str, hhmm: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=UTC)


# --- the seed listing, field by field ------------------------------------------------------

# code, line, first day, last day, daily UTC window (None: all day), mode, place, ordinal,
# title, title generated?, paragraphs
SEED_SESSIONS = [
    ("WIPO/IP/CONV/GE/2/25", 1, "2025-10-28", "2025-10-29", ("09:00", "17:00"), Mode.HYBRID, GENEVA, 12,
     "IP and Synthetic Media", False, 1),
    ("WIPO/IP/CONV/GE/25", 5, "2025-04-23", "2025-04-24", ("08:00", "16:00"), Mode.HYBRID, GENEVA, 11,
     "WIPO Conversation – 11th session", True, 3),
    ("WIPO/IP/CONV/GE/2/24", 9, "2024-11-05", "2024-11-06", ("09:00", "17:00"), Mode.HYBRID, GENEVA, 10,
     "Generative AI: IP and Output", False, 2),
    ("WIPO/IP/CONV/GE/24", 13, "2024-03-13", "2024-03-14", ("09:00", "17:00"), Mode.HYBRID, GENEVA, 9,
     "WIPO Conversation – 9th session", True, 4),
    ("WIPO/IP/CONV/GE/2/23", 17, "2023-09-20", "2023-09-21", ("08:00", "16:00"), Mode.HYBRID, GENEVA, 8,
     "WIPO Conversation – 8th session", True, 2),
    ("WIPO/IP/CONV/GE/23", 21, "2023-03-29", "2023-03-30", None, Mode.HYBRID, GENEVA, 7,
     "WIPO Conversation – 7th session", True, 1),
    ("WIPO/IP/CONV/GE/2/22", 24, "2022-09-21", "2022-09-22", None, Mode.HYBRID, GENEVA, 6,
     "WIPO Conversation – 6th session", True, 3),
    ("WIPO/IP/CONV/GE/22", 27, "2022-04-05", "2022-04-06", None, Mode.VIRTUAL, None, 5,
     "WIPO Conversation – 5th session", True, 1),
    ("WIPO/IP/CONV/GE/21", 30, "2021-09-22", "2021-09-23", None, Mode.VIRTUAL, None, 4,
     "Data – Beyond AI in a Fully Interconnected World", False, 3),
    ("WIPO/IP/AI/3/GE/20", 33, "2020-11-04", "2020-11-04", None, Mode.HYBRID, GENEVA, 3,
     "WIPO Conversation – 3rd session", True, 1),
]


@pytest.mark.parametrize(
    "code, line, first, last, utc_window, mode, place, ordinal, title, generated, paragraphs",
    SEED_SESSIONS,
    ids=[row[0] for row in SEED_SESSIONS],
)
def test_seed_session(seed, code, line, first, last, utc_window, mode, place, ordinal, title, generated, paragraphs):
    s = seed[code]
    assert (s.line, s.first_day, s.last_day) == (line, date.fromisoformat(first), date.fromisoformat(last))
    assert (s.mode, s.place, s.ordinal) == (mode, place, ordinal)
    assert (s.title, s.title_is_generated) == (title, generated)
    assert len(s.paragraphs) == paragraphs
    assert all(p == p.strip() and p and "||" not in p for p in s.paragraphs)
    if utc_window is None:
        assert s.window is None and s.all_day
        assert [(o.start, o.end) for o in s.occurrences] == [(None, None)] * s.day_count
    else:
        assert (s.window.start, s.window.end) == (time(10), time(18))
        assert (s.window.zone, s.window.label) == ("Europe/Zurich", "Geneva time")
        assert [(o.start_utc, o.end_utc) for o in s.occurrences] == [
            (utc(str(day), utc_window[0]), utc(str(day), utc_window[1])) for day in s.days
        ]


def test_seed_is_sorted_newest_first(seed):
    assert [s.code for s in listing.parse(SEED.read_text("utf-8"))] == [row[0] for row in SEED_SESSIONS]


def test_seed_tags(seed):
    assert seed["WIPO/IP/CONV/GE/2/25"].tags == ("artificial-intelligence", "generative-ai", "synthetic-media")
    assert "training-data" in seed["WIPO/IP/CONV/GE/24"].tags
    assert "metaverse" in seed["WIPO/IP/CONV/GE/23"].tags
    assert "patents" in seed["WIPO/IP/CONV/GE/2/22"].tags
    assert "trademarks" in seed["WIPO/IP/AI/3/GE/20"].tags


def test_a_later_quotation_is_not_the_title(seed):
    tenth = seed["WIPO/IP/CONV/GE/2/24"]
    assert '"output problem"' in tenth.paragraphs[1]
    assert tenth.title == "Generative AI: IP and Output"


# --- format variations -----------------------------------------------------------------------


def one(*lines: str, description: str = "A session on IP.") -> Session:
    [session] = listing.parse("\n".join(["WIPO/IP/CONV/GE/1/99", *lines, description]))
    return session


D = date.fromisoformat
# date line → first day, last day, mode, place
DATE_LINES = [
    pytest.param("October 28 to October 29, 2025 (Geneva, Switzerland) Hybrid", "2025-10-28", "2025-10-29",
                 Mode.HYBRID, GENEVA, id="seed-shape"),
    pytest.param("November 4, 2020 (Geneva, Switzerland) Hybrid", "2020-11-04", "2020-11-04", Mode.HYBRID, GENEVA,
                 id="single-day"),
    pytest.param("March 29 to 30, 2023 (Geneva, Switzerland) Hybrid", "2023-03-29", "2023-03-30", Mode.HYBRID, GENEVA,
                 id="short-range-to"),
    pytest.param("March 29 – 30, 2023 Virtual", "2023-03-29", "2023-03-30", Mode.VIRTUAL, None, id="short-range-en-dash"),
    pytest.param("March 29-30, 2023 Virtual", "2023-03-29", "2023-03-30", Mode.VIRTUAL, None, id="short-range-hyphen"),
    pytest.param("October 30 to November 2, 2025 Virtual", "2025-10-30", "2025-11-02", Mode.VIRTUAL, None,
                 id="across-months"),
    pytest.param("December 30, 2025 to January 2, 2026 Virtual", "2025-12-30", "2026-01-02", Mode.VIRTUAL, None,
                 id="across-years"),
    pytest.param("October 28 — October 29, 2025 Virtual", "2025-10-28", "2025-10-29", Mode.VIRTUAL, None,
                 id="em-dash"),
    pytest.param("October 28 – October 29, 2025 Virtual", "2025-10-28", "2025-10-29", Mode.VIRTUAL, None,
                 id="en-dash-long"),
    pytest.param("Sep 3 to Sept. 5, 2024 Virtual", "2024-09-03", "2024-09-05", Mode.VIRTUAL, None, id="sep-sept"),
    pytest.param("Oct. 1, 2024 Virtual", "2024-10-01", "2024-10-01", Mode.VIRTUAL, None, id="oct-dot"),
    pytest.param("october 28th to 29th, 2025 Virtual", "2025-10-28", "2025-10-29", Mode.VIRTUAL, None,
                 id="lowercase-ordinal-days"),
    pytest.param("28–29 October 2025 (Geneva, Switzerland) Hybrid", "2025-10-28", "2025-10-29", Mode.HYBRID, GENEVA,
                 id="day-first-short"),
    pytest.param("30 December 2025 to 2 January 2026 Virtual", "2025-12-30", "2026-01-02", Mode.VIRTUAL, None,
                 id="day-first-across-years"),
    pytest.param("February 29, 2024 Virtual", "2024-02-29", "2024-02-29", Mode.VIRTUAL, None, id="leap-day"),
    pytest.param("May 5, 2025 (Nairobi, Kenya) hybrid", "2025-05-05", "2025-05-05", Mode.HYBRID, Place("Nairobi", "Kenya"),
                 id="mode-lowercase"),
    pytest.param("May 5, 2025 (Geneva) HYBRID", "2025-05-05", "2025-05-05", Mode.HYBRID, Place("Geneva"),
                 id="city-only-mode-capitals"),
    pytest.param("May 5, 2025 (Paris, France) In person", "2025-05-05", "2025-05-05", Mode.IN_PERSON,
                 Place("Paris", "France"), id="in-person"),
    pytest.param("May 5, 2025 (Paris, France) In-person", "2025-05-05", "2025-05-05", Mode.IN_PERSON,
                 Place("Paris", "France"), id="in-person-hyphen"),
    pytest.param("May 5, 2025 (Paris, France) Physical", "2025-05-05", "2025-05-05", Mode.IN_PERSON,
                 Place("Paris", "France"), id="physical"),
    pytest.param("May 5, 2025 (Paris, France)", "2025-05-05", "2025-05-05", None, Place("Paris", "France"),
                 id="no-mode-with-place-has-no-mode"),
    pytest.param("May 5, 2025", "2025-05-05", "2025-05-05", None, None, id="no-mode-no-place"),
    pytest.param("May 5, 2025 Online", "2025-05-05", "2025-05-05", Mode.VIRTUAL, None, id="online"),
    pytest.param("May 5, 2025 (Washington, D.C., United States) Hybrid", "2025-05-05", "2025-05-05", Mode.HYBRID,
                 Place("Washington", "United States", region="D.C."), id="city-region-country"),
    pytest.param("May 5, 2025 ( São Paulo ,  Brazil ) Hybrid", "2025-05-05", "2025-05-05", Mode.HYBRID,
                 Place("São Paulo", "Brazil"), id="spaces-in-place"),
]


@pytest.mark.parametrize("date_line, first, last, mode, place", DATE_LINES)
def test_date_line(date_line, first, last, mode, place):
    s = one(date_line)
    assert (s.first_day, s.last_day, s.mode, s.place, s.window) == (D(first), D(last), mode, place, None)


# time line → local start, end, IANA zone, label
TIME_LINES = [
    pytest.param("10:00 - 18:00 Geneva time", "10:00", "18:00", "Europe/Zurich", "Geneva time", id="seed-shape"),
    pytest.param("10:00–18:00 Geneva time", "10:00", "18:00", "Europe/Zurich", "Geneva time", id="en-dash-no-spaces"),
    pytest.param("10:00 — 18:00 Geneva Time", "10:00", "18:00", "Europe/Zurich", "Geneva Time", id="em-dash"),
    pytest.param("10:00 to 18:00 CET", "10:00", "18:00", "Europe/Zurich", "CET", id="to-cet"),
    pytest.param("10 am – 6 pm New York time", "10:00", "18:00", "America/New_York", "New York time", id="am-pm"),
    pytest.param("9:30 a.m. to 5 p.m. EST", "09:30", "17:00", "America/New_York", "EST", id="a.m.-p.m."),
    pytest.param("9:30 – 11:00 a.m. London time", "09:30", "11:00", "Europe/London", "London time", id="shared-am"),
    pytest.param("10 – 6 pm Tokyo time", "10:00", "18:00", "Asia/Tokyo", "Tokyo time", id="start-without-am"),
    pytest.param("12 pm - 1:30 PM UTC", "12:00", "13:30", "UTC", "UTC", id="noon-pm"),
    pytest.param("12 am - 1 am Sydney time", "00:00", "01:00", "Australia/Sydney", "Sydney time", id="midnight-am"),
    pytest.param("14.00 - 16.00 CEST", "14:00", "16:00", "Europe/Zurich", "CEST", id="dot-separator"),
    pytest.param("10:00 - 18:00 Europe/Paris", "10:00", "18:00", "Europe/Paris", "Europe/Paris", id="iana"),
    pytest.param("10:00 - 18:00 UTC+2", "10:00", "18:00", "Etc/GMT-2", "UTC+2", id="utc-plus"),
    pytest.param("10:00 - 18:00 UTC-05:00", "10:00", "18:00", "Etc/GMT+5", "UTC-05:00", id="utc-minus-hh:mm"),
    pytest.param("10:00 - 18:00 GMT+1", "10:00", "18:00", "Etc/GMT-1", "GMT+1", id="gmt-plus"),
    pytest.param("10:00 - 18:00 (Geneva time)", "10:00", "18:00", "Europe/Zurich", "Geneva time", id="zone-in-brackets"),
    pytest.param("10:00 - 18:00 Geneva", "10:00", "18:00", "Europe/Zurich", "Geneva", id="zone-without-time"),
    pytest.param("08:00 - 12:00 Washington time", "08:00", "12:00", "America/New_York", "Washington time",
                 id="washington"),
    pytest.param("09:00 - 17:00 IST", "09:00", "17:00", "Asia/Kolkata", "IST", id="ist"),
]


@pytest.mark.parametrize("time_line, start, end, zone, label", TIME_LINES)
def test_time_line(time_line, start, end, zone, label):
    s = one("May 5, 2025 Virtual", time_line)
    w = s.window
    assert (w.start, w.end, w.zone, w.label) == (time.fromisoformat(start), time.fromisoformat(end), zone, label)


def test_window_straddling_the_march_dst_change():
    s = one("March 28 to March 31, 2025 (Geneva, Switzerland) Hybrid", "10:00-18:00 Geneva time")
    assert [(o.start_utc, o.end_utc) for o in s.occurrences] == [
        (utc("2025-03-28", "09:00"), utc("2025-03-28", "17:00")),
        (utc("2025-03-29", "09:00"), utc("2025-03-29", "17:00")),
        (utc("2025-03-30", "08:00"), utc("2025-03-30", "16:00")),
        (utc("2025-03-31", "08:00"), utc("2025-03-31", "16:00")),
    ]


def test_window_across_a_year():
    s = one("December 31, 2025 to January 1, 2026 Virtual", "9 am – 5 pm New York time")
    assert [(o.start_utc, o.end_utc) for o in s.occurrences] == [
        (utc("2025-12-31", "14:00"), utc("2025-12-31", "22:00")),
        (utc("2026-01-01", "14:00"), utc("2026-01-01", "22:00")),
    ]


# --- the description: paragraphs, ordinal, title --------------------------------------------

DESCRIPTIONS = [
    pytest.param(" First. || ||Second.||", ("First.", "Second."), None, None, id="trim-and-drop-empty"),
    pytest.param('The twelfth session, "IP and Space", met.', None, 12, "IP and Space", id="straight-quotes"),
    pytest.param("The Seventh Session of the WIPO Conversation, “IP and Space”, met.", None, 7, "IP and Space",
                 id="curly-quotes-capitals"),
    pytest.param('The 13th session, "IP and Space," met.', None, 13, "IP and Space", id="digits-comma-inside"),
    pytest.param("The twenty-first session “What Next? AI and IP” met.", None, 21, "What Next? AI and IP",
                 id="question-mark-in-title"),
    pytest.param("The Thirty First session met.", None, 31, None, id="compound-ordinal-without-hyphen"),
    pytest.param("The ninety-ninth session met.", None, 99, None, id="compound-ordinal-is-not-its-last-word"),
    pytest.param("The Seventieth Session met.", None, 70, None, id="tens-ordinal"),
    pytest.param('We asked about "outputs". The fifth session met.', None, 5, None, id="quote-in-another-sentence"),
    pytest.param('Intro.||The session "IP and Space" met.', None, None, None, id="no-ordinal-no-title"),
    pytest.param("The 12nd session met.", None, None, None, id="wrong-suffix-is-no-ordinal"),
    pytest.param("It was the first sessions' topic.", None, None, None, id="sessions-is-not-session"),
]


@pytest.mark.parametrize("description, paragraphs, ordinal, title", DESCRIPTIONS)
def test_description(description, paragraphs, ordinal, title):
    s = one("May 5, 2025 Virtual", description=description)
    if paragraphs is not None:
        assert s.paragraphs == paragraphs
    expected_title = title or listing.generated_title("WIPO/IP/CONV/GE/1/99", ordinal)
    assert (s.ordinal, s.title, s.title_is_generated) == (ordinal, expected_title, title is None)


def test_generated_titles():
    assert listing.generated_title("A/B/C", 11) == "WIPO Conversation – 11th session"
    assert listing.generated_title("A/B/C", 22) == "WIPO Conversation – 22nd session"
    assert listing.generated_title("A/B/C", None) == "WIPO Conversation – A/B/C"


# --- the file as a whole ---------------------------------------------------------------------

SEED_TEXT = SEED.read_text("utf-8")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(SEED_TEXT.replace("\n", "\r\n"), id="crlf"),
        pytest.param(SEED_TEXT.replace("\n", "\r"), id="cr"),
        pytest.param("\ufeff" + SEED_TEXT, id="bom"),
        pytest.param(SEED_TEXT.replace("\n", "  \t\n"), id="trailing-spaces"),
        pytest.param(SEED_TEXT + "\n", id="final-newline"),
        pytest.param(SEED_TEXT.replace("\nWIPO/", "\n\n\nWIPO/"), id="blank-lines-between-records"),
        pytest.param("\n\n" + SEED_TEXT + "\n\n", id="blank-lines-around"),
    ],
)
def test_file_variations_read_the_same(text):
    expected = [replace(s, line=0) for s in listing.parse(SEED_TEXT)]
    assert [replace(s, line=0) for s in listing.parse(text)] == expected


def test_line_numbers_count_blank_lines():
    text = "\n\nWIPO/A/1\nMay 5, 2025 Virtual\nText\n\n\nWIPO/A/2\r\nMay 6, 2025 Virtual\r\nText"
    assert [(s.code, s.line) for s in listing.parse(text)] == [("WIPO/A/2", 8), ("WIPO/A/1", 3)]


@pytest.mark.parametrize("text", ["", "\n \n", "\ufeff", "\ufeff\r\n\t\r\n", "\u00a0\n\u200b"])
def test_an_empty_listing_is_an_error(text):
    with pytest.raises(ListingError) as caught:
        listing.parse(text, "sessions.txt")
    assert [(p.line, p.message.split(" (")[0]) for p in caught.value.problems] == [(1, "the listing has no records")]


def test_dump_writes_the_seed_back_as_it_was():
    sessions = listing.parse(SEED_TEXT)
    assert listing.dump(sessions) == SEED_TEXT + "\n"
    assert listing.parse(listing.dump(sessions)) == sessions


# --- errors -----------------------------------------------------------------------------------

OK = "May 5, 2025 Virtual"
ERRORS = [
    pytest.param(["A/B/C", "April 3, 2025 Virtual", "Text \x01 with a control character"],
                 [(3, "control character U+0001 is not allowed in a listing; remove it")], id="control-character"),
    pytest.param(["A/B/C", "April 3, 2025 Virtual\x85", "Text"],
                 [(2, "control character U+0085 is not allowed in a listing; remove it")], id="c1-control-character"),
    pytest.param(["A/B/C", "April 31, 2025 Virtual", "Text"], [(2, "'April 31' is not a date")], id="april-31"),
    pytest.param(["A/B/C", "February 29, 2023 Virtual", "Text"], [(2, "'February 29, 2023' is not a date")],
                 id="not-a-leap-year"),
    pytest.param(["A/B/C", "Octber 28, 2025 Virtual", "Text"],
                 [(2, "'Octber' is not a month (expected a month name such as October or Oct.)")], id="bad-month"),
    pytest.param(["A/B/C", "October 29 to October 28, 2025 Virtual", "Text"],
                 [(2, "the session ends (October 28, 2025) before it starts (October 29, 2025)")],
                 id="dates-backwards"),
    pytest.param(["A/B/C", OK, "25:00 - 26:00 Geneva time", "Text"],
                 [(3, "'25:00' is not a time (expected HH:MM, 24-hour, or h:mm am/pm)")], id="25:00"),
    pytest.param(["A/B/C", OK, "10 - 18 Geneva time", "Text"],
                 [(3, "'10' is not a time (expected HH:MM, 24-hour, or h:mm am/pm)")], id="hours-without-minutes"),
    pytest.param(["A/B/C", OK, "13 pm - 14 pm Geneva time", "Text"],
                 [(3, "'13 pm' is not a time (expected HH:MM, 24-hour, or h:mm am/pm)")], id="13-pm"),
    pytest.param(["A/B/C", OK, "18:00 - 10:00 Geneva time", "Text"],
                 [(3, "the daily window ends at 10:00, at or before it starts at 18:00 "
                      "(a window past midnight may last at most 12 hours)")], id="window-backwards"),
    pytest.param(["A/B/C", OK, "10:00 - 10:00 Geneva time", "Text"],
                 [(3, "the daily window ends at 10:00, at or before it starts at 10:00 "
                      "(a window past midnight may last at most 12 hours)")], id="window-empty"),
    pytest.param(["A/B/C", OK, "10:00 - 18:00 Mars time", "Text"],
                 [(3, "'Mars time' is not a known time zone (expected a city ('Geneva time'), an abbreviation (CET), "
                      "an IANA name (Europe/Zurich) or an offset (UTC+2))")], id="unknown-zone"),
    pytest.param(["A/B/C", OK, "10:00 - 18:00", "Text"],
                 [(3, "no time zone after '10:00 - 18:00' (expected a city ('Geneva time'), an abbreviation (CET), "
                      "an IANA name (Europe/Zurich) or an offset (UTC+2))")], id="no-zone"),
    pytest.param(["A/B/C", OK, "10:00 - 18:00 UTC+14:30", "Text"],
                 [(3, "'UTC+14:30' is not a UTC offset (expected UTC-12:00 to UTC+14:00)")], id="offset-out-of-range"),
    pytest.param(["A/B/C", "March 29 to March 31, 2025 Virtual", "02:30 - 10:00 Geneva time", "Text"],
                 [(3, "02:30 does not exist on March 30, 2025 in Europe/Zurich "
                      "(the clocks skip it for daylight saving time)")], id="dst-gap"),
    pytest.param(["A/B/C", "10:00 - 18:00 Geneva time", "Text"],
                 [(2, "time line with no date line before it (expected a date line such as 'October 28 to October 29, "
                      "2025 (Geneva, Switzerland) Hybrid' after A/B/C)")], id="time-without-date"),
    pytest.param(["A/B/C", "Text"],
                 [(2, "expected a date line such as 'October 28 to October 29, 2025 (Geneva, Switzerland) Hybrid' "
                      "after A/B/C, found 'Text'")], id="missing-date-line"),
    pytest.param(["A/B/C"],
                 [(1, "A/B/C has no date line (expected e.g. 'October 28 to October 29, 2025 (Geneva, Switzerland) "
                      "Hybrid')")], id="code-alone"),
    pytest.param(["A/B/C", OK],
                 [(1, "A/B/C has no description (expected one line after the dates; '||' separates paragraphs)")],
                 id="missing-description"),
    pytest.param(["A/B/C", OK, " || "], [(3, "the description of A/B/C is empty")], id="empty-description"),
    pytest.param(["Sessions of the WIPO Conversation", "A/B/C", OK, "Text"],
                 [(1, "expected a document code such as WIPO/IP/CONV/GE/2/25, found 'Sessions of the WIPO "
                      "Conversation'")], id="stray-line-before-first-code"),
    pytest.param(["A/B/C", OK, "Text", "More text"],
                 [(4, "unexpected line after the description of A/B/C: 'More text' (a description is one line; "
                      "'||' separates paragraphs)")], id="stray-line-after-description"),
    pytest.param(["A/B/C", OK, OK, "Text"],
                 [(3, "a record has one date line and at most one time line; found another: 'May 5, 2025 Virtual'")],
                 id="two-date-lines"),
    pytest.param(["A/B/C", OK, "Text", "A/B/C", OK, "Text"],
                 [(4, "duplicate document code 'A/B/C' (first used on line 1)")], id="duplicate-code"),
    pytest.param(["A/B/1-2", OK, "Text", "A/B/1/2", OK, "Text"],
                 [(4, "document code 'A/B/1/2' gives the same id 'a-b-1-2' as 'A/B/1-2' on line 1")],
                 id="codes-with-the-same-id"),
    pytest.param(["A/B/C", "May 5, 2025 Hybird", "Text"],
                 [(2, "'Hybird' is not an attendance mode (expected Hybrid, Virtual, Online, In person or Onsite; "
                      "a place goes in brackets: '(City, Country)')")], id="unknown-mode"),
    pytest.param(["A/B/C", "May 5, 2025 () Hybrid", "Text"],
                 [(2, "'()' is not a place (expected '(City, Country)' or '(City)')")], id="empty-place"),
    pytest.param(["A/B/C", "May 5, 1025 Virtual", "Text"],
                 [(2, "'1025' is not a plausible year (expected 1900–2999)")], id="implausible-year"),
    pytest.param(["A/B/C", "January 1, 2024 to March 1, 2025 Virtual", "Text"],
                 [(2, "the dates span 426 days; a session lasts at most 366")],
                 id="too-long"),
]


@pytest.mark.parametrize("lines, problems", ERRORS)
def test_error(lines, problems):
    with pytest.raises(ListingError) as caught:
        listing.parse("\n".join(lines), "sessions.txt")
    assert caught.value.problems == tuple(Problem("sessions.txt", line, message) for line, message in problems)


def test_every_error_of_a_file_is_reported_and_good_records_survive_resync():
    text = "\n".join([
        "stray header",                       # 1
        "WIPO/A/1",                           # 2
        "April 31, 2025 Virtual",             # 3
        "25:00 - 18:00 Geneva time",          # 4
        "Text",                               # 5
        "WIPO/A/2",                           # 6
        "09:00 - 17:00 CET",                  # 7
        "Text",                               # 8
        "WIPO/A/3",                           # 9
        "May 5, 2025 Virtual",                # 10
        "Text",                               # 11
        "wrapped description line",           # 12
        "WIPO/A/4",                           # 13
        "May 6, 2025 Virtual",                # 14
        "fine",                               # 15
        "WIPO/A/1",                           # 16
        "May 7, 2025 Virtual",                # 17
        "10:00 - 18:00 Atlantis time",        # 18
        "Text",                               # 19
    ])
    with pytest.raises(ListingError) as caught:
        listing.parse(text, "f.txt")
    assert [p.line for p in caught.value.problems] == [1, 3, 4, 7, 12, 16, 18]
    assert str(caught.value).splitlines()[1] == "f.txt:3: 'April 31' is not a date"


# --- a big listing -----------------------------------------------------------------------


def big_listing(records: int, broken: tuple[int, ...] = ()) -> str:
    """``records`` valid records (record i of ``broken`` has an impossible date)."""
    lines = []
    for i in range(records):
        day = 31 if i in broken else 1 + i % 28
        lines += [
            f"WIPO/IP/CONV/GE/{i}/25",
            f"April {day}, {2000 + i % 25} (Geneva, Switzerland) Hybrid",
            "10:00 - 12:00 Geneva time" if i % 3 else "",
            f"The {i + 1}th session looked at “Topic {i}”: copyright and AI.||Second paragraph {i}.",
            "",
        ]
    return "\n".join(lines)


def test_a_big_listing_is_read_whole_and_in_order():
    text = big_listing(1_200)
    sessions = listing.parse(text, "big.txt")
    assert len(sessions) == 1_200
    assert sessions == sorted(sessions, key=lambda s: s.sort_key)
    assert sorted(s.line for s in sessions) == [1 + 5 * i for i in range(1_200)]  # each at its record's line


def test_every_problem_of_a_big_listing_is_reported_in_line_order():
    text = big_listing(1_200, broken=(7, 600, 1_199))
    with pytest.raises(ListingError) as caught:
        listing.parse(text, "big.txt")
    assert [p.line for p in caught.value.problems] == [2 + 5 * i for i in (7, 600, 1_199)]  # each record's date line
