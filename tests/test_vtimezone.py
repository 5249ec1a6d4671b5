"""The VTIMEZONE builder: Outlook/Google/Apple form, and proven against zoneinfo.

The proof turns the emitted bytes back into a tzinfo with icalendar
(``Timezone.to_tz``, which reads the VTIMEZONE itself, not the TZID) and compares its
UTC offset with zoneinfo on the wall clock a minute and an hour either side of every
transition, and three times on every day of the span (skipping wall times a change skips).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Timezone
from icalendar.prop import vRecur

from wipofeeds.render import vtimezone as vtimezone_module
from wipofeeds.render.vtimezone import to_ical, transitions, vtimezone

UTC = ZoneInfo("UTC")

# (zone, first year, last year): why it is here.
SPANS = [
    pytest.param("Europe/Zurich", 2020, 2026, id="zurich-geneva-time"),
    pytest.param("America/New_York", 2005, 2009, id="new-york-2007-us-rule-change"),
    pytest.param("America/New_York", 2025, 2026, id="new-york-now"),
    pytest.param("Australia/Sydney", 2024, 2026, id="sydney-southern-hemisphere"),
    pytest.param("Asia/Tokyo", 2024, 2025, id="tokyo-no-dst"),
    pytest.param("America/Sao_Paulo", 2017, 2021, id="sao-paulo-dst-abolished-2019"),
    pytest.param("Europe/Moscow", 2009, 2015, id="moscow-permanent-summer-2011-2014"),
    pytest.param("Europe/Dublin", 2024, 2025, id="dublin-negative-dst"),
    pytest.param("Asia/Tehran", 2019, 2023, id="tehran-fixed-dates"),
    pytest.param("Pacific/Apia", 2011, 2012, id="apia-skipped-a-day"),
    pytest.param("Australia/Lord_Howe", 2025, 2025, id="lord-howe-half-hour-dst"),
    pytest.param("Etc/GMT-2", 2025, 2025, id="fixed-utc-plus-2"),
    pytest.param("UTC", 2025, 2025, id="utc"),
]


def emitted(zone: str, first: int, last: int) -> Timezone:
    """The VTIMEZONE as a client sees it: parsed back from the bytes we write."""
    return Timezone.from_ical(to_ical(zone, first, last))


def exists(wall: datetime, zone: ZoneInfo) -> bool:
    """False for a wall time a forward change skips (Apia skipped 30 December 2011)."""
    return wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall


def offsets_agree(tz, zone: ZoneInfo, wall: datetime, fold: int) -> bool:
    wall = wall.replace(fold=fold)
    return wall.replace(tzinfo=tz).utcoffset() == wall.replace(tzinfo=zone).utcoffset()


@pytest.mark.parametrize(("zone", "first", "last"), SPANS)
def test_offsets_match_zoneinfo_around_every_transition(zone, first, last):
    tz = emitted(zone, first, last).to_tz(lookup_tzid=False)
    reference = ZoneInfo(zone)
    changes = transitions(zone, datetime(first, 1, 1, tzinfo=UTC), datetime(last + 1, 1, 1, tzinfo=UTC))
    wrong = []
    for change in changes:
        for gap in (timedelta(minutes=1), timedelta(hours=1)):
            # fold=0 picks the earlier reading of a repeated wall time, fold=1 the later.
            before = (change.at - gap + change.before).replace(tzinfo=None)
            after = (change.at + gap + change.after).replace(tzinfo=None)
            wrong += [(before, "before")] if not offsets_agree(tz, reference, before, 0) else []
            wrong += [(after, "after")] if not offsets_agree(tz, reference, after, 1) else []
    assert wrong == []


@pytest.mark.parametrize(("zone", "first", "last"), SPANS)
def test_offsets_match_zoneinfo_every_day_of_the_span(zone, first, last):
    tz = emitted(zone, first, last).to_tz(lookup_tzid=False)
    reference = ZoneInfo(zone)
    day, wrong = date(first, 1, 1), []
    while day.year <= last:
        for hour in (0, 12, 23):
            wall = datetime(day.year, day.month, day.day, hour)
            if exists(wall, reference) and not offsets_agree(tz, reference, wall, 0):
                wrong.append(wall)
        day += timedelta(days=1)
    assert wrong == []


@pytest.mark.parametrize(("zone", "first", "last"), SPANS)
def test_transitions_are_real_changes_of_zoneinfo(zone, first, last):
    reference = ZoneInfo(zone)
    for change in transitions(zone, datetime(first, 1, 1, tzinfo=UTC), datetime(last + 1, 1, 1, tzinfo=UTC)):
        assert (change.at - timedelta(seconds=1)).astimezone(reference).utcoffset() == change.before
        assert change.at.astimezone(reference).utcoffset() == change.after


@pytest.mark.parametrize(
    ("zone", "first", "last"),
    [
        pytest.param("Europe/Zurich", 1995, 2034, id="zurich-five-blocks"),
        pytest.param("Africa/Casablanca", 2010, 2030, id="casablanca-ramadan-breaks"),
        pytest.param("Australia/Lord_Howe", 1999, 2017, id="lord-howe-half-hour"),
        pytest.param("Pacific/Apia", 2007, 2013, id="apia-across-a-block-edge"),
    ],
)
def test_a_long_span_finds_each_change_once_across_cached_blocks(zone, first, last):
    """Scans are cached by blocks of years: stitched together they give every change of
    the span once, as one scan of the whole span does."""
    start, end = datetime(first, 1, 1, tzinfo=UTC), datetime(last + 1, 1, 1, tzinfo=UTC)
    whole = vtimezone_module._scan.__wrapped__(zone, first, last + 1)
    facts = lambda changes: [(c.at, c.before, c.after, c.name) for c in changes]  # noqa: E731
    assert facts(transitions(zone, start, end)) == facts(whole)
    year_by_year = [
        c for y in range(first, last + 1) for c in transitions(zone, datetime(y, 1, 1, tzinfo=UTC), datetime(y + 1, 1, 1, tzinfo=UTC))
    ]
    assert facts(year_by_year) == facts(whole)


# (zone, first, last, expected observances: (kind, TZNAME, from, to, rule or None))
FORMS = [
    pytest.param(
        "Europe/Zurich", 2025, 2025,
        [("STANDARD", "CET", "+0200", "+0100", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"),
         ("DAYLIGHT", "CEST", "+0100", "+0200", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3")],
        id="zurich-last-sundays",
    ),
    pytest.param(
        "America/New_York", 2025, 2026,
        [("STANDARD", "EST", "-0400", "-0500", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"),
         ("DAYLIGHT", "EDT", "-0500", "-0400", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3")],
        id="new-york-second-and-first-sundays",
    ),
    pytest.param(
        "Australia/Sydney", 2025, 2025,
        [("DAYLIGHT", "AEDT", "+1000", "+1100", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=10"),
         ("STANDARD", "AEST", "+1100", "+1000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4")],
        id="sydney-april-october",
    ),
    pytest.param("Asia/Tokyo", 2025, 2025, [("STANDARD", "JST", "+0900", "+0900", None)], id="tokyo-single-standard"),
    pytest.param("Etc/GMT-2", 2025, 2025, [("STANDARD", "+02", "+0200", "+0200", None)], id="etc-gmt-minus-2-is-plus-2"),
    pytest.param(
        "Europe/Dublin", 2025, 2025,
        [("STANDARD", "GMT", "+0100", "+0000", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"),
         ("DAYLIGHT", "IST", "+0000", "+0100", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3")],
        id="dublin-summer-is-daylight",
    ),
]


def observances(tz: Timezone) -> list[tuple]:
    return [
        (
            sub.name,
            str(sub["TZNAME"]),
            sub["TZOFFSETFROM"].to_ical(),
            sub["TZOFFSETTO"].to_ical(),
            sub["RRULE"].to_ical().decode() if "RRULE" in sub else None,
        )
        for sub in tz.subcomponents
    ]


@pytest.mark.parametrize(("zone", "first", "last", "expected"), FORMS)
def test_outlook_form_one_yearly_rule_per_observance(zone, first, last, expected):
    assert observances(emitted(zone, first, last)) == expected


def test_a_rule_change_closes_the_old_rules_with_utc_until():
    """The US moved DST in 2007: the old April/October rules end, the new ones stay open."""
    tz = emitted("America/New_York", 2005, 2009)
    rules = [(sub.name, sub["DTSTART"].dt, sub["RRULE"].to_ical().decode() if "RRULE" in sub else None) for sub in tz.subcomponents]
    assert rules == [
        ("STANDARD", datetime(2004, 10, 31, 2), "FREQ=YEARLY;UNTIL=20061029T060000Z;BYDAY=-1SU;BYMONTH=10"),
        ("DAYLIGHT", datetime(2005, 4, 3, 2), "FREQ=YEARLY;UNTIL=20060402T070000Z;BYDAY=1SU;BYMONTH=4"),
        ("DAYLIGHT", datetime(2007, 3, 11, 2), "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"),
        ("STANDARD", datetime(2007, 11, 4, 2), "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"),
    ]


@pytest.mark.parametrize(("zone", "first", "last"), SPANS)
def test_no_rdate_no_comment_and_rules_start_on_an_occurrence(zone, first, last):
    text = to_ical(zone, first, last).decode()
    assert "RDATE" not in text and "COMMENT" not in text
    tz = emitted(zone, first, last)
    assert [sub.name for sub in tz.subcomponents if sub.name not in ("STANDARD", "DAYLIGHT")] == []
    for sub in tz.subcomponents:
        start = sub["DTSTART"].dt
        assert isinstance(start, datetime) and start.tzinfo is None  # local time, as RFC 5545 wants
        if "RRULE" in sub:
            rule = vRecur(sub["RRULE"])
            assert "COUNT" not in rule
            for until in rule.pop("UNTIL", []):
                assert until.tzinfo is not None and until.utcoffset() == timedelta(0)  # UTC, RFC 5545 §3.6.5
            assert rrulestr(rule.to_ical().decode(), dtstart=start)[0] == start


def test_only_the_years_asked_for_are_described():
    """Zurich's rules did not change 1996–2030: the same two observances whatever the span."""
    assert observances(emitted("Europe/Zurich", 2020, 2026)) == observances(emitted("Europe/Zurich", 2025, 2025))
    assert len(emitted("Europe/Moscow", 2009, 2015).subcomponents) == 4
    assert len(emitted("Europe/Moscow", 2016, 2025).subcomponents) == 1


def test_output_is_deterministic():
    assert vtimezone("Europe/Zurich", 2020, 2026).to_ical() == to_ical("Europe/Zurich", 2020, 2026)


@pytest.mark.parametrize(("zone", "first", "last"), SPANS + [pytest.param("Africa/Casablanca", 2010, 2030, id="casablanca")])
def test_the_fast_bytes_are_icalendars_own(zone, first, last):
    """to_ical lays out the lines itself from icalendar's value serializers; icalendar's
    component tree stays the judge of the bytes."""
    assert to_ical(zone, first, last) == vtimezone(zone, first, last).to_ical()


def test_the_fast_bytes_are_icalendars_own_for_every_zone():
    import zoneinfo

    differ = [z for z in sorted(zoneinfo.available_timezones()) if to_ical(z, 2025, 2026) != vtimezone(z, 2025, 2026).to_ical()]
    assert differ == []
