"""The session listing (``data/sessions.txt``) → :class:`~wipofeeds.model.Session` objects.

A listing is a sequence of records; blank lines between them are allowed::

    WIPO/IP/CONV/GE/2/25                                        document code
    October 28 to October 29, 2025 (Geneva, Switzerland) Hybrid  dates, place, mode
    10:00 - 18:00 Geneva time                                   daily window (optional)
    Synthetic media … ||The twelfth session …                   description; || = paragraph

A line that is a document code (:data:`CODE`: A/64, SCCR/47, WIPO/IP/CONV/GE/2/25…)
always starts a record, so after a broken record the reader picks up again at the next
code and :func:`parse` reports every problem of the file at once, one message each. The
record's shape says what each line is: code, an optional title line, the date line
(:mod:`wipofeeds.dates`), optional time lines (:mod:`wipofeeds.times`), the description
(titles and ordinals from it: :mod:`wipofeeds.titles`). Anything impossible (April 31,
25:00, a weekday that is not the date's, a local time skipped by a DST change, a line
where a time line stands that is not one) is an error, never a guess.

    >>> [s] = parse("WIPO/IP/AI/3/GE/20\\nNovember 4, 2020 (Geneva, Switzerland) Hybrid\\n"
    ...             "The third session of the WIPO Conversation.")
    >>> s.first_day, s.all_day, s.ordinal, s.title, str(s.place), s.mode.value
    (datetime.date(2020, 11, 4), True, 3, 'WIPO Conversation – 3rd session', 'Geneva, Switzerland', 'hybrid')
"""

from __future__ import annotations

import codecs
import re
from datetime import date
from typing import Iterable

from . import dates, tags, times, titles
from .errors import ListingError, Problem, quote
from .dates import day_text
from .model import UTC, Session
from .wording import offset_text

DATE_EXAMPLE = dates.EXAMPLE
DEFAULT_SERIES = titles.DEFAULT_SERIES
# Kept here for callers of the listing's own names.
generated_title, ordinal_text, ORDINALS = titles.generated_title, titles.ordinal_text, titles.ORDINALS

# --- line shapes ------------------------------------------------------------------------

# A document code: "/"-separated parts of letters, digits, "." and "-", the first
# starting with a letter, with a digit or a Roman session number (A/64, SCCR/47,
# WO/GA/57, WIPO/IP/CONV/GE/2/25, PCT/MBCG/II; never "and/or" or "AI/ML"); any case,
# written upper-case. A line that is one starts a record, so after a broken record the reader
# picks up again at the next code.
CODE = re.compile(
    r"(?=[^\s]*[0-9]|[^\s]*/[IVXLCivxlc]+$)[A-Z][A-Z0-9.\-]*(?:/[A-Z0-9][A-Z0-9.\-]*)+",
    re.IGNORECASE | re.ASCII,
)
# Labels a browser copies with a detail page's table: "Meeting code | SCCR/47 |",
# "Date and venue | September 22 to October 1, 2003 (Geneva, Switzerland) Onsite |".
_LABEL = re.compile(
    r"^(?:meeting code|document code|code|dates? and venue|dates?|venue|time|times|hours)\s*[:|]\s*",
    re.IGNORECASE,
)

# --- public API --------------------------------------------------------------------------


def parse(
    text: str | bytes, filename: str = "<string>", *, series: str = DEFAULT_SERIES, zone: str | None = None
) -> list[Session]:
    """Every session of a listing, newest first; raises ListingError with every problem.
    Bytes are decoded by :func:`decode`. ``series``: the short name of the listing's
    series, for titles the descriptions do not give; ``zone``: the zone of time lines
    that name none, as a listing would write it ('Geneva time'; else such a line is an
    error)."""
    if isinstance(text, bytes):
        text = decode(text, filename)
    problems: list[Problem] = []
    sessions: list[Session] = []
    first_line: dict[str, int] = {}
    blocks = _blocks(_lines(text, filename, problems), filename, problems)
    if not blocks and not problems:
        problems.append(Problem(filename, 1, "the listing has no records (expected a document code such as "
                                             "WIPO/IP/CONV/GE/2/25, its date line and its description); "
                                             "an empty listing is never published"))
    for block in blocks:
        code, line = block[0]
        if code in first_line:
            message = f"duplicate document code '{code}' (first used on line {first_line[code]})"
            problems.append(Problem(filename, line, message))
        first_line.setdefault(code, line)
    _read(blocks, filename, sessions, problems, series, zone)
    _check_ids(sessions, filename, problems)
    if problems:
        raise ListingError(problems)
    return sorted(sessions, key=lambda s: s.sort_key)


def decode(data: bytes, filename: str = "<string>") -> str:
    """A listing's bytes as text: UTF-8 with or without a BOM, or UTF-16 with one. Any
    other byte is an error naming its line, never a U+FFFD in what is published."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].decode("utf-16", "replace").count("\n") + 1
            raise ListingError([Problem(filename, line, "the file starts as UTF-16 but is not; "
                                                        "save the file as UTF-8")]) from None
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    problems = []
    for number, line in enumerate(re.split(rb"\r\n|\r|\n", data), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            message = f"byte 0x{line[exc.start]:02X} is not UTF-8; save the file as UTF-8"
            problems.append(Problem(filename, number, message))
    raise ListingError(problems)


def _read(blocks, filename: str, sessions: list[Session], problems: list[Problem], series: str, zone: str | None) -> None:
    for block in blocks:
        session = _Record(filename, block, problems, series, zone).read()
        if session is not None:
            sessions.append(session)


def dump(sessions: Iterable[Session]) -> str:
    """The listing text of ``sessions``, in the order given; ``parse(dump(x)) == x`` for
    parsed sessions (line numbers aside). Curated fields (url, status…) are not written."""
    out: list[str] = []
    for s in sessions:
        out.append(s.code)
        place = f"({s.place})" if s.place else ""
        mode = s.mode.label if s.mode else ""
        out.append(" ".join(filter(None, (_dates_text(s.first_day, s.last_day), place, mode))))
        if s.window is not None:
            spans = " and ".join(f"{w.start:%H:%M} - {w.end:%H:%M}" for w in s.windows)
            out.append(f"{spans} {s.window.label}")
        out.append("||".join(s.paragraphs))
    return "".join(line + "\n" for line in out)


# --- reading -----------------------------------------------------------------------------


# Characters no published format can carry as text (XML 1.0 and HTML forbid them), and
# the bidirectional controls that could reorder what a reader sees, so the listing may
# not hold them: every format then shows the same text.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                        "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")
# What browsers put into copied text as spaces: tabs, no-break and narrow no-break spaces
# (before AM/PM), the typographic spaces, and the zero-width ones.
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200b\u202f\u205f\u2060\u3000\ufeff]")
_RUNS = re.compile(" {2,}")


def _lines(text: str, filename: str, problems: list[Problem]) -> list[tuple[str, int]]:
    """Non-blank lines, trimmed, their spaces made plain, with their 1-based numbers
    (CRLF, CR, LF and a BOM). A control character is reported, then dropped so the
    rest is still checked."""
    text = text.removeprefix("\ufeff")
    lines = []
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if found := _FORBIDDEN.search(line):
            message = f"control character U+{ord(found.group()):04X} is not allowed in a listing; remove it"
            problems.append(Problem(filename, number, message))
            line = _FORBIDDEN.sub("", line)
        line = _SPACES.sub(" ", line).strip()
        if line:
            lines.append((_RUNS.sub(" ", line) if "  " in line else line, number))
    return lines


def _field(text: str) -> str:
    """A code, date or time line without the table labels and bars a copied detail
    page brings ('Date and venue | … |')."""
    text = text.strip("| ")
    return _LABEL.sub("", text, count=1).strip("| ") if ":" in text or "|" in text else text


def _blocks(lines, filename, problems) -> list[list[tuple[str, int]]]:
    """Split at code lines; text before the first code is an error."""
    blocks: list[list[tuple[str, int]]] = []
    for text, number in lines:
        code = _field(text)
        if CODE.fullmatch(code):
            blocks.append([(code.upper(), number)])
        elif blocks:
            blocks[-1].append((text, number))
        else:
            message = f"expected a document code such as WIPO/IP/CONV/GE/2/25, found {quote(text)}"
            problems.append(Problem(filename, number, message))
    return blocks


class _Record:
    """One record's lines being read, and the problems found in them: one message a
    problem (a line that cannot be read is not reported again as what follows it)."""

    def __init__(self, filename: str, block: list[tuple[str, int]], problems: list[Problem],
                 series: str = DEFAULT_SERIES, zone: str | None = None) -> None:
        self.filename, self.block, self.problems, self.series = filename, block, problems, series
        self.zone = zone

    def bad(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.filename, line, message))

    def read(self) -> Session | None:
        """The record's session, or None after adding its problems."""
        (code, code_line), rest = self.block[0], list(self.block[1:])
        before = len(self.problems)
        if not rest:
            self.bad(code_line, f"{code} has no date line (expected e.g. {DATE_EXAMPLE})")
            return None
        title_line = self._title_line(rest)
        when = self._dates(code, rest)
        found = self._windows(code, code_line, rest)
        if found is None:
            return None
        paragraphs = self._description(code, rest)
        if when is None or len(self.problems) > before:
            return None
        windows, window_line, stated = found
        if windows:
            self._check_days(windows, when.first, when.last, window_line, stated)
        if len(self.problems) > before:
            return None
        ordinal, quoted, named = titles.describe(paragraphs)
        title = title_line or quoted
        return Session(
            code=code,
            title=title or titles.generated_title(code, ordinal, named, self.series),
            first_day=when.first,
            last_day=when.last,
            mode=when.mode,
            paragraphs=paragraphs,
            window=windows[0] if windows else None,
            extra_windows=windows[1:],
            place=when.place,
            ordinal=ordinal,
            tags=tags.derive(title or "", *paragraphs),
            line=code_line,
            title_is_generated=title is None,
        )

    @staticmethod
    def _title_line(rest: list[tuple[str, int]]) -> str | None:
        """A meeting's name between its code and its date line, as WIPO's assemblies
        pages have it ('PCT Union - Assembly: Thirty-Sixth (16th Ordinary) Session')."""
        if len(rest) > 2 and not dates.looks_like_date(_field(rest[0][0])) and dates.looks_like_date(_field(rest[1][0])):
            if not times.looks_like_time(rest[0][0]):
                return rest.pop(0)[0]
        return None

    def _dates(self, code: str, rest: list[tuple[str, int]]) -> dates.DateLine | None:
        """Read the date line at the head of ``rest``; a missing one is reported once."""
        text, line = rest[0]
        field = _field(text)
        if dates.looks_like_date(field):
            rest.pop(0)
            try:
                return dates.read(field)
            except dates.DateError as exc:
                self.bad(line, str(exc))
        elif times.looks_like_time(text):
            rest.pop(0)
            self.bad(line, f"time line with no date line before it "
                           f"(expected a date line such as {DATE_EXAMPLE} after {code})")
        else:
            self.bad(line, f"expected a date line such as {DATE_EXAMPLE} after {code}, found {quote(text)}")
            if len(rest) > 1:  # more lines follow: this one stood where the dates go
                rest.pop(0)
        return None

    def _windows(self, code: str, code_line: int, rest: list[tuple[str, int]]):
        """The daily windows, from the line after the dates when the record's shape has
        one there: a line shaped like a time with the description still to come must be
        one. None after reporting a record without a description."""
        if not rest or (len(rest) == 1 and _is_time_line(rest[0][0], self.zone)):
            self.bad(code_line, f"{code} has no description "
                                "(expected one line after the dates; '||' separates paragraphs)")
            return None
        if len(rest) == 1 or not times.looks_like_time(rest[0][0]):
            return (), 0, None
        lines = [rest.pop(0)]  # a day's windows may also stand one a line
        while len(rest) > 1 and _is_time_line(rest[0][0], self.zone):
            lines.append(rest.pop(0))
        for text, line in lines:
            try:
                found = times.read(_field(text), self.zone)
            except times.TimeError as exc:
                hint = ""
                if times.wordy(text):  # as long as a sentence: it may be one
                    hint = ("; if this line begins the description, write the time line before it "
                            "or join the description into one line with '||'")
                self.bad(line, f"{exc}{hint}")
                return (), line, None
        if len(lines) > 1:
            try:
                found = times.read(" and ".join(_field(text) for text, _ in lines), self.zone)
            except times.TimeError as exc:
                self.bad(lines[1][1], str(exc))
                return (), lines[1][1], None
        return found.windows, lines[0][1], found.stated

    def _description(self, code: str, rest: list[tuple[str, int]]) -> tuple[str, ...]:
        text, line = rest.pop(0)
        if _is_time_line(text, self.zone) or (dates.looks_like_date(_field(text)) and _is_date_line(text)):
            self.bad(line, f"a record has one date line and at most one time line; found another: {quote(text)}")
            if not rest:
                return ()
            text, line = rest.pop(0)
        paragraphs = tuple(p.strip() for p in text.split("||") if p.strip())
        if not paragraphs:
            self.bad(line, f"the description of {code} is empty")
        if rest:
            extra, extra_line = rest[0]
            more = f"; {len(rest) - 1} more line{'s' if len(rest) > 2 else ''} follow" if len(rest) > 1 else ""
            if dates.looks_like_date(_field(extra)):
                self.bad(extra_line, f"a date line after the description of {code}: {quote(extra)} "
                                     "(is the document code of the next record missing before it?)")
            else:
                self.bad(extra_line, f"unexpected line after the description of {code}: {quote(extra)} "
                                     f"(a description is one line; '||' separates paragraphs){more}")
        return paragraphs

    def _check_days(self, windows, first_day: date, last_day: date, line: int, stated) -> None:
        """Reject local times that a DST change skips on one of the days, and a zone
        whose offset on a day is not the one the line states."""
        for ordinal in range(first_day.toordinal(), last_day.toordinal() + 1):
            day = date.fromordinal(ordinal)
            for window in windows:
                for moment in window.on(day):
                    if moment.astimezone(UTC).astimezone(moment.tzinfo).replace(tzinfo=None) != moment.replace(tzinfo=None):
                        self.bad(line, f"{moment:%H:%M} does not exist on {day_text(moment.date())}, {moment.year} "
                                       f"in {window.zone} (the clocks skip it for daylight saving time)")
                        return
                    if stated is not None and moment.utcoffset() != stated:
                        self.bad(line, f"the line states {offset_text(stated)}, but {window.zone} is "
                                       f"{offset_text(moment.utcoffset())} on {day_text(day)}, {day.year}")
                        return


def _is_time_line(text: str, zone: str | None = None) -> bool:
    if not times.looks_like_time(text):
        return False
    try:
        times.read(_field(text), zone)
    except times.TimeError:
        return False
    return True


def _is_date_line(text: str) -> bool:
    try:
        dates.read(_field(text))
    except dates.DateError:
        return False
    return True


# --- writing -------------------------------------------------------------------------------


def _dates_text(first: date, last: date) -> str:
    if first == last:
        return f"{day_text(first)}, {first.year}"
    if first.year == last.year:
        return f"{day_text(first)} to {day_text(last)}, {last.year}"
    return f"{day_text(first)}, {first.year} to {day_text(last)}, {last.year}"



def _check_ids(sessions: list[Session], filename: str, problems: list[Problem]) -> None:
    """Different codes that give the same URL id would publish one page for two sessions."""
    seen: dict[str, Session] = {}
    for s in sessions:
        other = seen.setdefault(s.id, s)
        if other is not s and other.code != s.code:
            message = f"document code '{s.code}' gives the same id '{s.id}' as '{other.code}' on line {other.line}"
            problems.append(Problem(filename, s.line, message))
