"""Dates and times in the six languages WIPO works in, written by Babel (CLDR).

Each expected value is Babel called directly here, so a test fails when wording.py
writes a date its own way instead of CLDR's."""

from __future__ import annotations

import ast
import re
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date, format_interval, format_skeleton, get_timezone_location
from babel.lists import format_list

from wipofeeds import wording
from wipofeeds.wording import LANGUAGES, cldr, date_range, day_label, time_span

SRC = Path(wording.__file__).parent

RANGES = {
    "one-day": (date(2020, 11, 4), date(2020, 11, 4)),
    "same-month": (date(2025, 10, 28), date(2025, 10, 29)),
    "across-months": (date(2025, 10, 30), date(2025, 11, 2)),
    "across-years": (date(2025, 12, 30), date(2026, 1, 2)),
}


def babel_range(first: date, last: date, language: str) -> str:
    """What Babel writes for the range: its interval form ('yMMMd'), with the month as
    the language writes it in a single full date (in full, except in Chinese)."""
    locale = cldr(language)
    if first == last:
        return format_skeleton("yMMMMd", first, locale=locale)
    if "yMMMMd" in locale.interval_formats:  # Spanish has the form itself
        return format_interval(first, last, "yMMMMd", locale=locale)
    short = format_interval(first, last, "yMMMd", locale=locale)
    if "MMMM" not in str(locale.datetime_skeletons["yMMMMd"]):
        return short
    months = {day.month: day for day in (first, last)}.values()
    return re.sub("|".join(re.escape(format_date(day, "MMM", locale=locale)) for day in months),
                  lambda m: next(format_date(d, "MMMM", locale=locale) for d in months
                                 if format_date(d, "MMM", locale=locale) == m.group()), short)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", RANGES)
def test_date_ranges_are_babels_in_every_language(name, language):
    first, last = RANGES[name]
    assert date_range(first, last, language) == babel_range(first, last, language)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["4 November 2020", "28\u2009–\u200929 October 2025", "30 October\u2009–\u20092 November 2025",
                "30 December 2025\u2009–\u20092 January 2026"]),
        ("fr", ["4 novembre 2020", "28–29 octobre 2025", "30 octobre\u2009–\u20092 novembre 2025",
                "30 décembre 2025\u2009–\u20092 janvier 2026"]),
        ("es", ["4 de noviembre de 2020", "28–29 de octubre de 2025",
                "30 de octubre\u2009–\u20092 de noviembre de 2025", "30 de diciembre de 2025\u2009–\u20092 de enero de 2026"]),
        ("zh", ["2020年11月4日", "2025年10月28日\u2009–\u200929日", "2025年10月30日\u2009–\u200911月2日",
                "2025年12月30日\u2009–\u20092026年1月2日"]),
    ],
)
def test_date_ranges_read_as_the_language_writes_them(language, expected):
    """Spelled out, so a change of CLDR data or of the widening shows in review."""
    assert [date_range(a, b, language) for a, b in RANGES.values()] == expected


def test_english_is_written_day_month_year():
    """'en' is CLDR's British English, as WIPO writes: never 'October 28, 2025'."""
    assert day_label(date(2025, 10, 28)) == "Tuesday, 28 October 2025"
    assert day_label(date(2025, 10, 28), "en") == format_date(date(2025, 10, 28), "full", locale="en_GB")


@pytest.mark.parametrize("language", LANGUAGES)
def test_weekdays_and_times_are_babels(language):
    locale = cldr(language)
    assert day_label(date(2025, 10, 28), language) == format_date(date(2025, 10, 28), "full", locale=locale)
    assert time_span(time(10), time(18), language) == format_interval(time(10), time(18), "Hm", locale=locale)
    assert wording.time_text(time(9, 30), language) == format_skeleton("Hm", time(9, 30), locale=locale)
    two = [(time(10), time(13)), (time(15), time(18))]
    assert wording.spans(two, language) == format_list([time_span(*pair, language) for pair in two], locale=locale)


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_other_languages_name_the_zone_by_cldr(language):
    """English keeps the listing's label and the tz database's abbreviation ('Geneva time
    (CET, UTC+1)'); the other languages say CLDR's name of the place and of the time."""
    babels = get_timezone_location("Europe/Zurich", locale=cldr(language))
    if language in wording.REGION_FORMAT:  # Babel's slip, undone: CLDR's generic form
        assert wording.zone_location("Europe/Zurich", language) == wording.REGION_FORMAT[language] % babels.split(",")[0]
    else:
        assert wording.zone_location("Europe/Zurich", language) == babels
    winter = datetime(2025, 1, 15, 10, tzinfo=ZoneInfo("Europe/Zurich"))
    name = wording.zone_name(winter, language)
    assert name and not re.match(r"[+-]\d", name)
    assert wording.zone_name(winter) == "CET"


def test_no_month_or_weekday_names_are_written_from_the_projects_own_tables():
    """Only the reader (dates.py and its helpers) may keep English names, for reading
    listings; nothing that writes dates holds a month or weekday name."""
    names = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December|"
                       r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
    writers = [SRC / "wording.py", *sorted((SRC / "render").glob("*.py")), *sorted((SRC / "templates").glob("*.html"))]
    for path in writers:
        text = path.read_text("utf-8")
        if path.suffix == ".py":  # docstrings and comments may give examples
            tree = ast.parse(text)
            docs = {id(node.body[0].value) for node in ast.walk(tree)
                    if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                    and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
            strings = [n.value for n in ast.walk(tree)
                       if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]
            text = "\n".join(strings)
        assert not names.search(text), f"{path.name} writes a month or weekday name itself"


@pytest.mark.parametrize(
    "language, zone, expected",
    [
        ("ru", "Europe/Zurich", "Швейцария"),  # not 'Швейцария, летнее время' in January
        ("ru", "America/New_York", "Соединенные Штаты (Нью-Йорк)"),
        ("fr", "Europe/Zurich", "heure : Suisse"),
        ("es", "Europe/Zurich", "hora de Suiza"),
    ],
)
def test_a_zone_is_named_by_its_place_without_a_season(language, zone, expected):
    assert wording.zone_location(zone, language) == expected


def test_the_region_format_fix_is_still_needed():
    """Babel keeps a variant of CLDR's regionFormat for these languages; when it no longer
    does, drop the language from wording.REGION_FORMAT."""
    for language, generic in wording.REGION_FORMAT.items():
        assert cldr(language).zone_formats["region"] != generic, f"Babel now has {language}'s generic region format"
