"""A listing's date line: 'October 28 to October 29, 2025 (Geneva, Switzerland) Hybrid'.

The dates are read word by word (weekday, month, day, year, and the words that join two
days), so every order WIPO's pages write works the same way: ``Tuesday, October 28 to
Wednesday, October 29, 2025``, ``September 21 and 22, 2022``, ``28–29 October 2025``,
``December 30 to January 2, 2026`` (a range whose year is written once, at the end, starts
in the year before when its first month comes after its last). What follows the dates is
an optional place and an optional attendance mode (:mod:`wipofeeds.places`). Nothing is
guessed: a weekday that contradicts its date, days joined by "and" that do not follow
each other, or a date without a year is an error.

    >>> read("Thursday, July 21, 2022 (Geneva)")
    DateLine(first=datetime.date(2022, 7, 21), last=datetime.date(2022, 7, 21), place=Place(city='Geneva', country=None, region=None, venue=None), mode=None)
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from datetime import date, timedelta
from typing import NamedTuple

from . import places
from .model import Mode, Place

MAX_DAYS = 366
YEARS = range(1900, 3000)
EXAMPLE = "'October 28 to October 29, 2025 (Geneva, Switzerland) Hybrid'"

_MONTH_NAMES = "january february march april may june july august september october november december".split()
MONTHS: dict[str, int] = {
    **{name: n for n, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: n for n, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
_WEEKDAY_NAMES = "monday tuesday wednesday thursday friday saturday sunday".split()
WEEKDAYS: dict[str, int] = {
    **{name: n for n, name in enumerate(_WEEKDAY_NAMES)},
    **{name[:3]: n for n, name in enumerate(_WEEKDAY_NAMES)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}

# One word of a date line: what it is and its text. Whitespace has been folded before.
_TOKEN = re.compile(
    r"(?P<iso>[0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])"  # 2025-10-28: one whole end
    r"|(?P<year>[0-9]{4})(?![0-9])"
    r"|(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9A-Za-z])"
    r"|(?P<word>[A-Za-z]+|&)\.?"
    r"|(?P<dash>[\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212])"
    r"|(?P<comma>,)"
    r"|(?P<space> )"
)
_DIGIT = re.compile("[0-9]")
_NUMBER_NEXT = re.compile(r"\.? ?[0-9]")
_RANGE_WORDS = {"to", "until", "till", "through", "thru"}
_AND_WORDS = {"and", "&"}
_LEAD_WORDS = {"from", "on", "between"}


class DateError(ValueError):
    """The date line cannot be read; the message says what was expected."""


class DateLine(NamedTuple):  # not a frozen dataclass: ~1 ms less at import (issue #7)
    """What a date line says: first and last day, place and mode (either may be None)."""

    first: date
    last: date
    place: Place | None
    mode: Mode | None


class _End:
    """One end of a range as written: any of weekday, month, day, year."""

    def __init__(self, weekday: str | None = None, month: str | None = None, day: str | None = None,
                 year: str | None = None) -> None:
        self.weekday, self.month, self.day, self.year = weekday, month, day, year

    def empty(self) -> bool:
        return self.month is None and self.day is None and self.year is None


def looks_like_date(text: str) -> bool:
    """Whether a line starts with a date (a month and a day, in either order)."""
    if not _DIGIT.search(text, 0, 40):  # a day comes within the first words
        return False
    scanned = _scanned(text)
    if isinstance(scanned, DateError):
        return "is not a month" in str(scanned)  # shaped like a date: the error is worth telling
    return any(end.day is not None and end.month is not None for end in scanned[0])


def read(text: str) -> DateLine:
    """The dates, place and mode of a date line; raises :class:`DateError`."""
    scanned = _scanned(text)
    if isinstance(scanned, DateError):
        raise scanned
    ends, joiners, at = scanned
    first, last = _days(ends, joiners)
    try:
        place, mode = places.read(text[at:])
    except places.PlaceError as exc:
        raise DateError(str(exc)) from None
    return DateLine(first, last, place, mode)


# --- the dates --------------------------------------------------------------------------


@lru_cache(maxsize=64)  # a record's date line is looked at, then read
def _scanned(text: str):
    """:func:`_scan`'s result, or the error it raised (its ends are only read)."""
    try:
        return _scan(text)
    except DateError as exc:
        return exc


def _scan(text: str) -> tuple[list[_End], list[str], int]:
    """The ends written at the start of ``text``, the words that join them ("to", "and"
    or "," for a list of days) and where the dates stop."""
    scan = _Scanner(text)
    at = 0
    for token in _TOKEN.finditer(text):
        if token.start() != at:
            break  # a character no date word starts with: "(" or the like
        at = token.end()
        if not scan.take(token.lastgroup, token.group(token.lastgroup), at):
            break
    return scan.result()


class _Scanner:
    """The ends of a date line, filled word by word."""

    def __init__(self, text: str):
        self.text = text
        self.ends: list[_End] = [_End()]
        self.joiners: list[str] = []
        self.done = 0  # just after the last word that belongs to the dates
        self.pending_join = False

    def take(self, kind: str, value: str, after: int) -> bool:
        """Take one word; False where the dates stop."""
        end, word = self.ends[-1], value.lower()
        if kind in ("space", "comma"):
            return True
        if kind == "word" and word in _LEAD_WORDS and len(self.ends) == 1 and end.empty() and end.weekday is None:
            return True
        if kind == "dash" or (kind == "word" and word in _RANGE_WORDS | _AND_WORDS):
            return self._join("and" if word in _AND_WORDS else "to")
        if not self._fill(end, kind, value, word):
            self._check_month(end, kind, value, after)
            return False
        self.pending_join = False
        self.done = after
        return True

    def _join(self, joiner: str) -> bool:
        if self.ends[-1].empty() or self.pending_join:
            return False
        self.joiners.append(joiner)
        self.ends.append(_End())
        self.pending_join = True
        return True

    def _fill(self, end: _End, kind: str, value: str, word: str) -> bool:
        """Put a weekday, month, day or year where it belongs; False if it has no place."""
        if kind == "word":
            return self._fill_word(end, value, word)
        if kind == "day":
            return self._fill_day(end, value)
        if kind == "iso" and end.empty():
            end.year, end.month, end.day = value.split("-")
            return True
        if kind == "year" and end.year is None and (end.day is not None or end.month is not None):
            end.year = value
            return True
        return False

    @staticmethod
    def _fill_word(end: _End, value: str, word: str) -> bool:
        if word in WEEKDAYS and end.weekday is None and end.empty():
            end.weekday = value
        elif word in MONTHS and end.month is None:
            end.month = value
        else:
            return False
        return True

    def _fill_day(self, end: _End, value: str) -> bool:
        if end.day is None and end.year is None:
            end.day = value
        elif end.day is not None and end.year is None and end.month is not None and not self.pending_join:
            self.ends.append(_End(day=value))  # "May 7, 8 and 9, 2020"
            self.joiners.append(",")
        else:
            return False
        return True

    def _check_month(self, end: _End, kind: str, value: str, after: int) -> None:
        """A word standing where a month goes, before a number: say it is no month."""
        if kind == "word" and end.month is None and _NUMBER_NEXT.match(self.text, after):
            if end.day is not None or not self.ends[0].empty() or _year_later().match(self.text, after):
                raise DateError(f"'{value}' is not a month (expected a month name such as October or Oct.)")

    def result(self) -> tuple[list[_End], list[str], int]:
        if len(self.ends) > 1 and self.ends[-1].empty():  # "May 5, 2025 and online": the "and" is not ours
            self.ends.pop()
            self.joiners.pop()
        if self.ends[0].empty():
            raise DateError(f"expected a date line such as {EXAMPLE}")
        return self.ends, self.joiners, self.done


@cache  # compiled on first use (~0.3 ms): only a word that is no month, before a number, needs it
def _year_later() -> re.Pattern[str]:
    """A day and then a year within a few words: the word before them stands for a month."""
    return re.compile(r"\.? ?[0-9]{1,2}(?:st|nd|rd|th)?(?: ?[,\-\u2013] ?| to )?[^()]{0,30}?[0-9]{4}")


def _days(ends: list[_End], joiners: list[str]) -> tuple[date, date]:
    """First and last day; every end takes what it does not say from the ends after it."""
    year, month = _written_once(ends, joiners)
    filled = _filled(ends, month, year)
    for end, day in zip(ends, filled):
        if end.weekday is not None and WEEKDAYS[end.weekday.lower()] != day.weekday():
            raise DateError(f"'{end.weekday}' does not match {day_text(day)}, {day.year}, "
                            f"a {_WEEKDAY_NAMES[day.weekday()].capitalize()}")
    first, last = filled[0], filled[-1]
    if "and" in joiners or "," in joiners:
        for a, b in zip(filled, filled[1:]):
            if b - a != timedelta(days=1):
                raise DateError(f"{day_text(a)} and {day_text(b)}, {b.year} are not consecutive days; "
                                "list a session on separate days as separate records")
    if last < first:
        raise DateError(f"the session ends ({day_text(last)}, {last.year}) "
                        f"before it starts ({day_text(first)}, {first.year})")
    if (last - first).days + 1 > MAX_DAYS:
        raise DateError(f"the dates span {(last - first).days + 1} days; a session lasts at most {MAX_DAYS}")
    return first, last


def _written_once(ends: list[_End], joiners: list[str]) -> tuple[str, str]:
    """The year and month the last end that writes them writes; every end has a day."""
    if len(ends) > 2 and "to" in joiners:
        raise DateError("expected one day, two days joined by 'and', or a range such as 'October 28 to 29, 2025'")
    year = next((end.year for end in reversed(ends) if end.year), None)
    month = next((end.month for end in reversed(ends) if end.month), None)
    if year is None:
        raise DateError("the dates have no year (expected e.g. 'October 28, 2025')")
    if month is None:
        raise DateError("the dates have no month (expected e.g. 'October 28, 2025')")
    for end in ends:
        if end.day is None:
            raise DateError(f"'{end.month or end.year}' has no day (expected e.g. 'October 28, 2025')")
    return year, month


def _filled(ends: list[_End], month: str, year: str) -> list[date]:
    """Each end's date, what it does not say taken from the next one: "28 to 29 October
    2025", "October 28 to 29, 2025"; a year written once at the end, after a first month
    later than the last one, means the year before ("December 30 to January 2, 2026")."""
    filled: list[date] = []
    later_month, later_year = None, None
    for end in reversed(ends):
        end_month = end.month or later_month or month
        if end.year:
            end_year = int(end.year)
        elif later_year is None:
            end_year = int(year)
        else:
            end_year = later_year - 1 if _month(end_month) > filled[0].month else later_year
        filled.insert(0, _date(end_month, end.day, str(end_year)))
        later_month, later_year = end_month, end_year
    return filled


def _month(name: str) -> int:
    """A month's number from its name, or from an ISO date's digits ('10')."""
    number = int(name) if name.isdigit() and 1 <= int(name) <= 12 else MONTHS.get(name.lower())
    if number is None:
        raise DateError(f"'{name}' is not a month (expected a month name such as October or Oct.)")
    return number


def _date(month: str, day: str, year: str) -> date:
    number = _month(month)
    if int(year) not in YEARS:
        raise DateError(f"'{year}' is not a plausible year (expected {YEARS.start}–{YEARS.stop - 1})")
    try:
        return date(int(year), number, int(day))
    except ValueError:
        written = f"{month} {int(day)}"
        try:
            date(2000, number, int(day))  # a leap year: is the day possible in any year?
        except ValueError:
            raise DateError(f"'{written}' is not a date") from None
        raise DateError(f"'{written}, {year}' is not a date") from None


def day_text(day: date) -> str:
    """'October 28': how the listing writes a day, in English whatever the locale."""
    return f"{_MONTH_NAMES[day.month - 1].capitalize()} {day.day}"

