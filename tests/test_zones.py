"""Zone labels → IANA zones: the tables are real zones, offsets keep their sign, and an
unknown label is an error rather than a guess."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest

from wipofeeds import zones


@pytest.mark.parametrize("table", [zones.CITIES, zones.ABBREVIATIONS], ids=["cities", "abbreviations"])
def test_every_table_entry_is_an_iana_zone(table):
    assert sorted(set(table.values()) - available_timezones()) == []


@pytest.mark.parametrize(
    "label, zone",
    [
        ("Geneva time", "Europe/Zurich"),
        ("geneva TIME", "Europe/Zurich"),
        ("Geneva", "Europe/Zurich"),
        ("New York time", "America/New_York"),
        ("Washington, D.C. time", "America/New_York"),
        ("London time", "Europe/London"),
        ("Beijing time", "Asia/Shanghai"),
        ("São Paulo time", "America/Sao_Paulo"),
        ("Central European Time", "Europe/Zurich"),
        ("CET", "Europe/Zurich"),
        ("CEST", "Europe/Zurich"),
        ("EST", "America/New_York"),
        ("est", "America/New_York"),
        ("PDT", "America/Los_Angeles"),
        ("BST", "Europe/London"),
        ("IST", "Asia/Kolkata"),
        ("GMT", "UTC"),
        ("UTC", "UTC"),
        ("Europe/Zurich", "Europe/Zurich"),
        ("asia/tokyo", "Asia/Tokyo"),
        ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("UTC+2", "Etc/GMT-2"),
        ("UTC +02:00", "Etc/GMT-2"),
        ("UTC-05:00", "Etc/GMT+5"),
        ("UTC−3", "Etc/GMT+3"),
        ("GMT+1 time", "Etc/GMT-1"),
        ("UTC+14", "Etc/GMT-14"),
        ("UTC-12", "Etc/GMT+12"),
        ("UTC+0", "UTC"),
    ],
)
def test_resolve(label, zone):
    assert zones.resolve(label) == zone


@pytest.mark.parametrize("label, hours", [("UTC+2", 2), ("UTC-05:00", -5), ("GMT+1", 1), ("UTC+14", 14)])
def test_offsets_keep_their_sign_in_the_inverted_etc_names(label, hours):
    moment = datetime(2025, 7, 1, 12, tzinfo=ZoneInfo(zones.resolve(label)))
    assert moment.utcoffset() == timedelta(hours=hours)


@pytest.mark.parametrize(
    "label, message",
    [
        ("Mars time", "'Mars time' is not a known time zone"),
        ("Europe/Geneva", "'Europe/Geneva' is not a known time zone"),
        ("UTC+5:60", "'UTC+5:60' is not a UTC offset (expected UTC-12:00 to UTC+14:00)"),
        ("UTC+15", "'UTC+15' is not a UTC offset (expected UTC-12:00 to UTC+14:00)"),
        ("UTC-13", "'UTC-13' is not a UTC offset (expected UTC-12:00 to UTC+14:00)"),
        ("UTC+14:30", "'UTC+14:30' is not a UTC offset (expected UTC-12:00 to UTC+14:00)"),
        ("time", "'time' is not a known time zone"),
        ("", "no time zone"),
        ("../../etc/passwd", "'../../etc/passwd' is not a known time zone"),
        ("localtime", "'localtime' is not a known time zone"),  # a different zone on every machine
        ("Factory", "'Factory' is not a known time zone"),
    ],
)
def test_unknown_zones_are_errors(label, message):
    with pytest.raises(zones.ZoneError) as caught:
        zones.resolve(label)
    assert str(caught.value).startswith(message)
