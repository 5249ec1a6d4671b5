"""The session listing (``data/sessions.txt``) → :class:`~wipofeeds.model.Session` objects.

A listing is a sequence of records; blank lines between them are allowed::

    WIPO/IP/CONV/GE/2/25                                        document code
    October 28 to October 29, 2025 (Geneva, Switzerland) Hybrid  dates, place, mode
    10:00 - 18:00 Geneva time                                   daily window (optional)
    Synthetic media … ||The twelfth session …                   description; || = paragraph

A line shaped like a document code (capitals and digits in at least three
``/``-separated parts) always starts a record, so after a broken record the parser picks
up again at the next code and :func:`parse` reports every problem of the file at once.
Date and time lines are read by ordered tables of formats (``DATE_FORMATS``,
``TIME_LINE``); anything impossible (April 31, 25:00, a range that ends before it
starts, a local time skipped by a DST change) is an error, never a guess.

    >>> [s] = parse("WIPO/IP/AI/3/GE/20\\nNovember 4, 2020 (Geneva, Switzerland) Hybrid\\n"
    ...             "The third session of the WIPO Conversation.")
    >>> s.first_day, s.all_day, s.ordinal, s.title, str(s.place), s.mode.value
    (datetime.date(2020, 11, 4), True, 3, 'WIPO Conversation – 3rd session', 'Geneva, Switzerland', 'hybrid')
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Iterable
from zoneinfo import ZoneInfo

from . import tags, zones
from .errors import ListingError, Problem
from .model import UTC, DailyWindow, Mode, Place, Session

EN_DASH = "\u2013"
MAX_DAYS = 366
YEARS = range(1900, 3000)
DATE_EXAMPLE = "'October 28 to October 29, 2025 (Geneva, Switzerland) Hybrid'"
TIME_EXPECTED = "expected HH:MM, 24-hour, or h:mm am/pm"

_MONTH_NAMES = "january february march april may june july august september october november december".split()
MONTHS: dict[str, int] = {
    **{name: n for n, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: n for n, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}

MODES: dict[str, Mode] = {
    "hybrid": Mode.HYBRID,
    "virtual": Mode.VIRTUAL,
    "online": Mode.VIRTUAL,
    "in person": Mode.IN_PERSON,
    "in-person": Mode.IN_PERSON,
    "physical": Mode.IN_PERSON,
    "on site": Mode.IN_PERSON,
    "on-site": Mode.IN_PERSON,
    "onsite": Mode.IN_PERSON,
}

_UNITS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
          "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS: dict[str, int] = {
    **{word: n for n, word in enumerate(_UNITS, start=1)},
    **{ten[:-1] + "ieth": tens for ten, tens in _TENS.items()},
    **{f"{ten}-{unit}": tens + n for ten, tens in _TENS.items() for n, unit in enumerate(_UNITS[:9], start=1)},
}

# --- line shapes ------------------------------------------------------------------------

_F = re.IGNORECASE | re.ASCII
CODE = re.compile(r"[A-Z0-9][A-Z0-9.\-]*(?:/[A-Z0-9][A-Z0-9.\-]*){2,}")
_DASH = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
SEP = rf"(?:\s*[{_DASH}]\s*|\s+(?:to|until|till|through|thru)\s+)"
_M = r"(?P<{0}>[A-Za-z]+)\.?"
_D = r"(?P<{0}>[0-9]{{1,2}})(?:st|nd|rd|th)?"
_Y = r"(?P<{0}>[0-9]{{4}})"


def _date_format(template: str) -> re.Pattern:
    fields = {f"{kind}{n}": (_M if kind == "m" else _D if kind == "d" else _Y).format(f"{kind}{n}")
              for kind in "mdy" for n in (1, 2)}
    return re.compile(template.format(SEP=SEP, **fields) + r"(?![0-9A-Za-z])", _F)


# Tried in order; each names start/end month, day, year (missing parts come from the end).
DATE_FORMATS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, _date_format(template))
    for name, template in (
        ("October 28 to November 2, 2025", r"{m1}\s*{d1}(?:,?\s*{y1})?{SEP}{m2}\s*{d2},?\s*{y2}"),
        ("October 28 to 29, 2025", r"{m1}\s*{d1}{SEP}{d2},?\s*{y2}"),
        ("October 28, 2025", r"{m2}\s*{d2},?\s*{y2}"),
        ("28 October to 2 November 2025", r"{d1}\s*{m1}(?:,?\s*{y1})?{SEP}{d2}\s*{m2},?\s*{y2}"),
        ("28 to 29 October 2025", r"{d1}{SEP}{d2}\s*{m2},?\s*{y2}"),
        ("28 October 2025", r"{d2}\s*{m2},?\s*{y2}"),
    )
)
_AFTER_DATE = re.compile(r"\s*(?:\((?P<place>[^()]*)\))?\s*(?P<mode>[^()]*?)\s*", _F)

_T = r"(?P<{0}>noon|midday|[0-9]{{1,2}}(?:[:.h][0-9]{{2}})?(?:\s*(?P<{0}m>[ap])\.?\s?m\.?(?![A-Za-z]))?)"
TIME_LINE = re.compile(rf"{_T.format('t1')}{SEP}{_T.format('t2')}(?![0-9])\s*,?\s*(?P<zone>.*)", _F)
_TIME = re.compile(r"(?P<hour>[0-9]{1,2})(?:[:.h](?P<minute>[0-9]{2}))?", _F)

_QUOTED = re.compile(r"\u201c([^\u201c\u201d]+)\u201d|\"([^\"]+)\"")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
# The compounds as tens × units rather than 72 alternatives: the same words, compiled in a
# third of the time (every `wipofeeds check` compiles this).
_ORDINAL_WORDS = "|".join(
    [rf"(?:{'|'.join(_TENS)})[\s\-](?:{'|'.join(_UNITS[:9])})"]
    + sorted((word for word in ORDINALS if "-" not in word), key=len, reverse=True)
)
_ORDINAL = re.compile(
    rf"(?<![A-Za-z0-9\-])(?:(?P<word>{_ORDINAL_WORDS})|(?P<number>[0-9]{{1,3}})(?P<suffix>st|nd|rd|th))"
    r"\s+session\b",
    _F,
)


class _Bad(Exception):
    """A problem with the line being read; becomes a :class:`Problem`."""


# --- public API --------------------------------------------------------------------------


def parse(text: str, filename: str = "<string>", *, processes: int = 1) -> list[Session]:
    """Every session of a listing, newest first; raises ListingError with every problem.
    ``processes=2``: a big listing is read by two processes (:func:`_read_in_two`)."""
    problems: list[Problem] = []
    sessions: list[Session] = []
    first_line: dict[str, int] = {}
    blocks = _blocks(_lines(text, filename, problems), filename, problems)
    for block in blocks:
        code, line = block[0]
        if code in first_line:
            message = f"duplicate document code '{code}' (first used on line {first_line[code]})"
            problems.append(Problem(filename, line, message))
        first_line.setdefault(code, line)
    if processes > 1 and len(blocks) >= TWO_READERS_FROM and hasattr(os, "fork"):
        _read_in_two(blocks, filename, sessions, problems)
    else:
        _read(blocks, filename, sessions, problems)
    _check_ids(sessions, filename, problems)
    if problems:
        raise ListingError(problems)
    return sorted(sessions, key=lambda s: s.sort_key)


# Listings read by two processes: from a size where a fork pays (a few ms). The second
# reader lives only while the listing is read, when a build holds far less than it will
# while rendering (100,000 sessions: the build's peak is the same either way).
TWO_READERS_FROM = 1_000


def _read(blocks, filename: str, sessions: list[Session], problems: list[Problem]) -> None:
    for block in blocks:
        session = _Record(filename, block, problems).read()
        if session is not None:
            sessions.append(session)


def _read_fingerprinted(blocks, filename: str, sessions: list[Session], problems: list[Problem]) -> None:
    """:func:`_read`, each session's fingerprint worked out as it is read (it is cached
    on the session and pickled with it), so the history's update, which compares them,
    finds them made by both readers in parallel."""
    _read(blocks, filename, sessions, problems)
    for session in sessions:
        session.fingerprint  # noqa: B018  fills the cached property


def _read_in_two(blocks, filename: str, sessions: list[Session], problems: list[Problem]) -> None:
    """:func:`_read`, the second half of the records in a forked process (reading is
    pure Python, so a second core halves it). Its sessions and problems come back
    pickled; if that process fails in any way, this one reads its half too. The result
    is the same either way: problems are sorted by line, sessions by date."""
    import pickle  # here: `wipofeeds check` reads with one process and imports neither
    import signal

    half = len(blocks) // 2
    try:
        into, out = os.pipe()
    except OSError:
        _read(blocks, filename, sessions, problems)
        return
    try:
        pid = os.fork()
    except OSError:
        os.close(into)
        os.close(out)
        _read(blocks, filename, sessions, problems)
        return
    if pid == 0:  # the second reader: never returns into the caller's code
        status = 1
        try:
            os.close(into)
            theirs: tuple[list, list] = ([], [])
            _read_fingerprinted(blocks[half:], filename, *theirs)
            with open(out, "wb") as pipe:
                pipe.write(pickle.dumps(theirs, pickle.HIGHEST_PROTOCOL))
            status = 0
        finally:
            os._exit(status)
    os.close(out)
    try:
        _read_fingerprinted(blocks[:half], filename, sessions, problems)
        with open(into, "rb") as pipe:
            data = pipe.read()
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    _, status = os.waitpid(pid, 0)
    if status == 0 and data:
        theirs_sessions, theirs_problems = pickle.loads(data)
        sessions += theirs_sessions
        problems += theirs_problems
    else:
        _read(blocks[half:], filename, sessions, problems)


def dump(sessions: Iterable[Session]) -> str:
    """The listing text of ``sessions``, in the order given; ``parse(dump(x)) == x`` for
    parsed sessions (line numbers aside). Curated fields (url, status…) are not written."""
    out: list[str] = []
    for s in sessions:
        out.append(s.code)
        place = f"({s.place})" if s.place else ""
        out.append(" ".join(filter(None, (_dates_text(s.first_day, s.last_day), place, s.mode.label))))
        if s.window is not None:
            out.append(f"{s.window.start:%H:%M} - {s.window.end:%H:%M} {s.window.label}")
        out.append("||".join(s.paragraphs))
    return "".join(line + "\n" for line in out)


def generated_title(code: str, ordinal: int | None) -> str:
    """The title of a session whose description quotes none."""
    return f"WIPO Conversation {EN_DASH} {ordinal_text(ordinal) + ' session' if ordinal else code}"


def ordinal_text(n: int) -> str:
    """1 → '1st', 12 → '12th', 22 → '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- reading -----------------------------------------------------------------------------


# Characters no published format can carry as text (XML 1.0 and HTML forbid them), so
# the listing may not hold them either: every format then shows the same text.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


def _lines(text: str, filename: str, problems: list[Problem]) -> list[tuple[str, int]]:
    """Non-blank lines, trimmed, with their 1-based numbers (CRLF, CR, LF and a BOM).
    A control character is reported, then dropped so the rest is still checked."""
    text = text.removeprefix("\ufeff")
    lines = []
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if found := _FORBIDDEN.search(line):
            message = f"control character U+{ord(found.group()):04X} is not allowed in a listing; remove it"
            problems.append(Problem(filename, number, message))
            line = _FORBIDDEN.sub("", line)
        if line.strip():
            lines.append((line.replace("\t", " ").strip(), number))
    return lines


def _blocks(lines, filename, problems) -> list[list[tuple[str, int]]]:
    """Split at code lines; text before the first code is an error."""
    blocks: list[list[tuple[str, int]]] = []
    for text, number in lines:
        if CODE.fullmatch(text):
            blocks.append([(text, number)])
        elif blocks:
            blocks[-1].append((text, number))
        else:
            message = f"expected a document code such as WIPO/IP/CONV/GE/2/25, found {_quote(text)}"
            problems.append(Problem(filename, number, message))
    return blocks


@dataclass
class _Record:
    """One record's lines being read, and the problems found in them."""

    filename: str
    block: list[tuple[str, int]]
    problems: list[Problem]

    def bad(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.filename, line, message))

    def read(self) -> Session | None:
        """The record's session, or None after adding its problems."""
        (code, code_line), rest = self.block[0], list(self.block[1:])
        before = len(self.problems)
        if not rest:
            self.bad(code_line, f"{code} has no date line (expected e.g. {DATE_EXAMPLE})")
            return None
        dates = self._dates(code, rest)
        window, window_line = self._window(rest)
        if not rest:
            self.bad(code_line, f"{code} has no description "
                                "(expected one line after the dates; '||' separates paragraphs)")
            return None
        paragraphs = self._description(code, rest)
        if dates is None or len(self.problems) > before:
            return None
        (first_day, last_day), place, mode = dates
        if window is not None:
            self._check_days(window, first_day, last_day, window_line)
        if len(self.problems) > before:
            return None
        ordinal, title = _describe(paragraphs)
        return Session(
            code=code,
            title=title or generated_title(code, ordinal),
            first_day=first_day,
            last_day=last_day,
            mode=mode,
            paragraphs=paragraphs,
            window=window,
            place=place,
            ordinal=ordinal,
            tags=tags.derive(title or "", *paragraphs),
            line=code_line,
            title_is_generated=title is None,
        )

    def _dates(self, code: str, rest: list[tuple[str, int]]):
        """Read the date line at the head of ``rest``; a missing one is reported once."""
        text, line = rest[0]
        if _looks_like_date(text):
            rest.pop(0)
            try:
                return _date_line(text)
            except _Bad as exc:
                self.bad(line, str(exc))
        elif _looks_like_time(text):
            rest.pop(0)
            self.bad(line, f"time line with no date line before it "
                           f"(expected a date line such as {DATE_EXAMPLE} after {code})")
        else:  # leave the line to be read as the description
            self.bad(line, f"expected a date line such as {DATE_EXAMPLE} after {code}, found {_quote(text)}")
        return None

    def _window(self, rest: list[tuple[str, int]]) -> tuple[DailyWindow | None, int]:
        if not rest or not _looks_like_time(rest[0][0]) or _looks_like_date(rest[0][0]):
            return None, 0
        text, line = rest.pop(0)
        try:
            return _time_line(text), line
        except _Bad as exc:
            self.bad(line, str(exc))
            return None, line

    def _description(self, code: str, rest: list[tuple[str, int]]) -> tuple[str, ...]:
        text, line = rest.pop(0)
        while _looks_like_time(text) or _is_date_line(text):
            self.bad(line, f"a record has one date line and at most one time line; found another: {_quote(text)}")
            if not rest:
                return ()
            text, line = rest.pop(0)
        paragraphs = tuple(p.strip() for p in text.split("||") if p.strip())
        if not paragraphs:
            self.bad(line, f"the description of {code} is empty")
        for extra, extra_line in rest:
            self.bad(extra_line, f"unexpected line after the description of {code}: {_quote(extra)} "
                                 "(a description is one line; '||' separates paragraphs)")
        return paragraphs

    def _check_days(self, window: DailyWindow, first_day: date, last_day: date, line: int) -> None:
        """Reject local times that a DST change skips on one of the days."""
        tz = ZoneInfo(window.zone)
        for ordinal in range(first_day.toordinal(), last_day.toordinal() + 1):
            day = date.fromordinal(ordinal)
            for moment in (window.start, window.end):
                local = datetime.combine(day, moment, tz)
                if local.utcoffset() == local.replace(fold=1).utcoffset():
                    continue  # no clock change at this moment (the usual case)
                if local.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != local.replace(tzinfo=None):
                    self.bad(line, f"{moment:%H:%M} does not exist on {_day_text(day)}, {day.year} in {window.zone} "
                                   "(the clocks skip it for daylight saving time)")


def _looks_like_time(text: str) -> bool:
    return TIME_LINE.match(text) is not None


def _looks_like_date(text: str) -> bool:
    return any(pattern.match(text) for _, pattern in DATE_FORMATS)


def _is_date_line(text: str) -> bool:
    try:
        _date_line(text)
    except _Bad:
        return False
    return True


def _date_line(text: str):
    """'October 28 to October 29, 2025 (Geneva, Switzerland) Hybrid' → ((first, last), place, mode)."""
    for _, pattern in DATE_FORMATS:
        found = pattern.match(text)
        if found:
            break
    else:
        raise _Bad(f"expected a date line such as {DATE_EXAMPLE}, found {_quote(text)}")
    parts = {name: value for name, value in found.groupdict().items() if value}
    end_month = parts.get("m2") or parts["m1"]
    last = _date(end_month, parts["d2"], parts["y2"])
    first = _date(parts.get("m1", end_month), parts.get("d1", parts["d2"]), parts.get("y1", parts["y2"]))
    if last < first:
        hint = ""
        if "y1" not in parts and first.month > last.month:
            hint = "; write the year of both dates for a range across years ('December 30, 2025 to January 2, 2026')"
        raise _Bad(f"the session ends ({_day_text(last)}, {last.year}) "
                   f"before it starts ({_day_text(first)}, {first.year}){hint}")
    if (last - first).days + 1 > MAX_DAYS:
        raise _Bad(f"{found.group(0)!r} spans {(last - first).days + 1} days; a session lasts at most {MAX_DAYS}")
    after = _AFTER_DATE.fullmatch(text, found.end())
    if after is None:
        raise _Bad(f"unexpected {_quote(text[found.end():].strip())} after the dates "
                   "(expected an optional '(City, Country)' and Hybrid, Virtual or In person)")
    place = _place(after["place"]) if after["place"] is not None else None
    return (first, last), place, _mode(after["mode"], place)


def _date(month: str, day: str, year: str) -> date:
    number = MONTHS.get(month.lower())
    if number is None:
        raise _Bad(f"'{month}' is not a month (expected a month name such as October or Oct.)")
    if int(year) not in YEARS:
        raise _Bad(f"'{year}' is not a plausible year (expected {YEARS.start}–{YEARS.stop - 1})")
    try:
        return date(int(year), number, int(day))
    except ValueError:
        written = f"{month} {int(day)}"
        try:
            date(2000, number, int(day))  # a leap year: is the day possible in any year?
        except ValueError:
            raise _Bad(f"'{written}' is not a date") from None
        raise _Bad(f"'{written}, {year}' is not a date") from None


def _place(text: str) -> Place:
    city, _, country = text.rpartition(",")
    if not city:
        city, country = country, ""
    city, country = city.strip(), country.strip()
    if not city:
        raise _Bad(f"'({text})' is not a place (expected '(City, Country)' or '(City)')")
    return Place(city, country or None)


def _mode(text: str, place: Place | None) -> Mode:
    if not text:
        if place is None:
            raise _Bad("no attendance mode and no place (expected Hybrid, Virtual or In person after the dates)")
        return Mode.IN_PERSON
    mode = MODES.get(" ".join(text.lower().split()))
    if mode is None:
        raise _Bad(f"'{text}' is not an attendance mode (expected Hybrid, Virtual, In person, Online or Physical"
                   "; a place goes in brackets: '(City, Country)')")
    return mode


def _time_line(text: str) -> DailyWindow:
    """'10:00 - 18:00 Geneva time' or '9:30 a.m. to 5 p.m. EST' → DailyWindow."""
    found = TIME_LINE.fullmatch(text)
    assert found is not None  # callers check _looks_like_time; .* takes the rest
    end_marker = found["t2m"]
    # '9:30 – 11:00 a.m.' shares the end's am/pm; '10 – 6 pm' is 10 am to 6 pm
    borrow = not found["t1m"] and end_marker is not None and _twelve_hour(found["t1"])
    start = _time(found["t1"], end_marker if borrow else found["t1m"])
    end = _time(found["t2"], end_marker)
    if borrow and start >= end:
        start = _time(found["t1"], "a")
    label = found["zone"].strip().removeprefix("(").removesuffix(")").strip()
    if not label:
        raise _Bad(f"no time zone after {_quote(text)} (expected {zones.EXPECTED})")
    try:
        zone = zones.resolve(label)
    except zones.ZoneError as exc:
        raise _Bad(str(exc)) from None
    if end <= start:
        raise _Bad(f"the daily window ends at {end:%H:%M}, at or before it starts at {start:%H:%M} "
                   "(a window past midnight is not supported)")
    return DailyWindow(start, end, zone, label)


def _twelve_hour(text: str) -> bool:
    """Whether a time without am/pm may borrow the end's ('9:30 – 11:00 a.m.')."""
    found = _TIME.match(text)
    return found is not None and 1 <= int(found["hour"]) <= 12 and not text[found.end():].strip()


def _time(text: str, marker: str | None) -> time:
    written = " ".join(text.split())
    if written.lower() in ("noon", "midday"):
        return time(12)
    found = _TIME.match(text)
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    if marker is None:
        if found["minute"] is None or hour > 23 or minute > 59:
            raise _Bad(f"'{written}' is not a time ({TIME_EXPECTED})")
        return time(hour, minute)
    if not 1 <= hour <= 12 or minute > 59:
        raise _Bad(f"'{written}' is not a time ({TIME_EXPECTED})")
    return time(hour % 12 + (12 if marker.lower() == "p" else 0), minute)


# --- what the description says -------------------------------------------------------------


def _describe(paragraphs: tuple[str, ...]) -> tuple[int | None, str | None]:
    """(ordinal, quoted title) from the first sentence that says '<ordinal> session'."""
    for paragraph in paragraphs:
        for found in _ordinal_sessions(paragraph):
            if found["word"]:
                ordinal = ORDINALS[re.sub(r"[\s\-]+", "-", found["word"].lower())]
            else:
                ordinal = int(found["number"])
                if ordinal == 0 or ordinal_text(ordinal)[-2:] != found["suffix"].lower():
                    continue  # '12nd session' is not an ordinal
            return ordinal, _quoted_title(paragraph, found.start())
    return None, None


def _ordinal_sessions(paragraph: str):
    """Matches of _ORDINAL, looked for just before each 'session' (quicker than a scan)."""
    lowered = paragraph.lower()
    at = lowered.find("session")
    while at != -1:
        found = _ORDINAL.search(paragraph, max(0, at - 40), at + 8)
        if found:
            yield found
        at = lowered.find("session", at + 1)


def _quoted_title(paragraph: str, at: int) -> str | None:
    """The first quoted phrase of the sentence around ``at`` (quotes may hold '.' or '?')."""
    masked = _QUOTED.sub(lambda q: "x" * len(q.group(0)), paragraph)
    start = max((end.end() for end in _SENTENCE_END.finditer(masked, 0, at)), default=0)
    stop = _SENTENCE_END.search(masked, at)
    for q in _QUOTED.finditer(paragraph, start, stop.end() if stop else len(paragraph)):
        title = (q.group(1) or q.group(2)).strip().rstrip(",;.").strip()
        if title:
            return title
    return None


# --- writing -------------------------------------------------------------------------------


def _day_text(day: date) -> str:
    return f"{day:%B} {day.day}"


def _dates_text(first: date, last: date) -> str:
    if first == last:
        return f"{_day_text(first)}, {first.year}"
    if first.year == last.year:
        return f"{_day_text(first)} to {_day_text(last)}, {last.year}"
    return f"{_day_text(first)}, {first.year} to {_day_text(last)}, {last.year}"


def _quote(text: str, limit: int = 60) -> str:
    return "'" + (text if len(text) <= limit else text[: limit - 1] + "…") + "'"


def _check_ids(sessions: list[Session], filename: str, problems: list[Problem]) -> None:
    """Different codes that give the same URL id would publish one page for two sessions."""
    seen: dict[str, Session] = {}
    for s in sessions:
        other = seen.setdefault(s.id, s)
        if other is not s and other.code != s.code:
            message = f"document code '{s.code}' gives the same id '{s.id}' as '{other.code}' on line {other.line}"
            problems.append(Problem(filename, s.line, message))
