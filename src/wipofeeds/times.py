"""A listing's time line: the daily windows of a session and the zone they are in.

Read word by word, the way WIPO's pages write it: ``10:00 - 18:00 Geneva time``,
``from 14:00 to 17:00 (Geneva time)``, ``13:00 - 15:00 Geneva (CET) time``,
``13:45 CET to 14:45 CET`` (the same zone after each time), ``3:00 to 3:45 pm CET``
(am/pm once, at the end), ``10 a.m. to 1 p.m. and from 3 p.m. to 6 p.m. Geneva time``
(two windows a day), ``22:00 - 02:00 Geneva time`` (ending the next day). Every window
of a line is in one zone; anything else is an error, never a guess.

    >>> [w.start.isoformat() + "-" + w.end.isoformat() for w in read("10 a.m. to 1 p.m. and 3-6 pm CET").windows]
    ['10:00:00-13:00:00', '15:00:00-18:00:00']
"""

from __future__ import annotations

import re
from functools import lru_cache
from datetime import time, timedelta
from typing import NamedTuple

from . import zones
from .errors import quote
from .model import DailyWindow

EXAMPLE = "'10:00 - 18:00 Geneva time'"
EXPECTED = "expected HH:MM, 24-hour, or h:mm am/pm"
MAX_OVERNIGHT = timedelta(hours=12)

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_TOKEN = re.compile(
    rf"(?P<zone>(?:UTC|GMT)\s?[+{_DASHES}]\s?[0-9]{{1,2}}(?::?[0-9]{{2}})?(?![0-9])"  # an offset
    r"|[A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)+)"  # an IANA name ("America/Port-au-Prince")
    r"|(?P<time>(?:noon|midday|midnight)(?![A-Za-z])"
    r"|(?P<clock>[0-9]{1,2}(?:[:.h][0-9]{2}|h)?|[0-9]{3,4})(?:\s?(?P<marker>[ap])\.?\s?m(?![A-Za-z])\.?)?(?![0-9]))"
    rf"|(?P<sep>[{_DASHES}]|(?:to|until|till|through|thru)(?![A-Za-z]))"
    r"|(?P<join>(?:and)(?![A-Za-z])|[&,;])"
    r"|(?P<lead>(?:from|between)(?![A-Za-z]))"
    rf"|(?P<word>[^\s,;&{_DASHES}]+)"
    r"|(?P<space>\s+)",
    re.IGNORECASE,
)
_DIGIT = re.compile("[0-9]")
_CLOCK = re.compile(r"(?P<hour>[0-9]{1,2})(?:[:.h](?P<minute>[0-9]{2})|(?P<h>h))?")
# Words after the zone that say nothing about it ("Geneva time, daily").
_FILLER = re.compile(r"(?:[\s,;]*(?:\(?(?:daily|each day|every day|per day)\)?))+$", re.IGNORECASE)


# "13:00 to 15:00 hours Geneva time": the word after a time that says it is one.
_HOURS = re.compile(r"^(?:hours|hrs|h)\b\.?\s*", re.IGNORECASE)


class TimeError(ValueError):
    """The time line cannot be read; the message says what was expected."""


# The reader's small value types are NamedTuples: each frozen dataclass took every
# `wipofeeds check` about 1 ms to create at import, a NamedTuple a fifth of that (issue #7).
class TimeLine(NamedTuple):
    """What a time line says: the day's windows, in order, in one zone."""

    windows: tuple[DailyWindow, ...]
    stated: timedelta | None
    """An offset written beside a named zone ('Geneva time (UTC+1)'): the zone must
    have it on every day of the session."""


class _Token(NamedTuple):
    """One word of a time line: its kind, text, place and any am/pm marker."""

    kind: str
    text: str
    start: int
    end: int
    marker: str | None = None


@lru_cache(maxsize=64)  # a record's time line is looked at, then read
def _tokens(text: str) -> tuple[_Token, ...]:
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup if match.lastgroup not in ("clock", "marker") else "time"
        if match.group("time") is not None:
            kind = "time"
        if kind != "space":
            found.append(_Token(kind, match.group(0), match.start(), match.end(), match.group("marker")))
    return tuple(found)


def looks_like_time(text: str) -> bool:
    """Whether a line is shaped like a time line: 'time, dash or "to", time' among its
    first words (the description of '10 - 12 experts discussed…' is shaped so too; the
    record's shape decides, see :mod:`wipofeeds.listing`)."""
    if not _DIGIT.search(text, 0, 60):  # the usual description: no need to read it word by word
        return False
    tokens = _tokens(text[:120])
    kinds = [t.kind for i, t in enumerate(tokens) if not (i and _past_noon(tokens, i, tokens[i - 1]) > i)]
    for at in range(min(4, len(kinds))):
        if kinds[at] == "time":
            rest = [k for k in kinds[at + 1 : at + 6] if k not in ("zone", "word")]
            return rest[:2] == ["sep", "time"]
        if kinds[at] == "sep":
            return False
    return False


def wordy(text: str) -> bool:
    """Whether a line has more words besides its times than a zone takes."""
    return sum(t.kind == "word" for t in _tokens(text)) > 4


def read(text: str, zone: str | None = None) -> TimeLine:
    """The windows and zone of a time line; raises :class:`TimeError`. ``zone``: the
    zone of a line that names none, written as a line would ('Geneva time')."""
    tokens = _tokens(text)
    pairs: list[tuple[_Token, _Token]] = []
    labels: list[tuple[int, int]] = []  # spans of zone text, in the line
    at = 0
    while at < len(tokens):
        token = tokens[at]
        between = token.kind == "lead" and token.text.lower() == "between"
        if token.kind == "lead" or (token.kind == "join" and pairs):
            at += 1
            continue
        if token.kind in ("zone", "word"):
            at = _zone_run(tokens, at, labels)
            continue
        if token.kind != "time":
            raise TimeError(f"expected a daily time window such as {EXAMPLE}, found {quote(text)}")
        start = token
        at = _zone_run(tokens, _past_noon(tokens, at + 1, start), labels)
        joined = at < len(tokens) and (tokens[at].kind == "sep" or (between and tokens[at].text.lower() == "and"))
        if not joined or at + 1 >= len(tokens) or tokens[at + 1].kind != "time":
            raise TimeError(f"expected a daily time window such as {EXAMPLE}, found {quote(text)}")
        pairs.append((start, tokens[at + 1]))
        at = _past_noon(tokens, at + 2, tokens[at + 1])
    if not pairs:
        raise TimeError(f"expected a daily time window such as {EXAMPLE}, found {quote(text)}")
    zone, label, stated = _zone(text, labels, zone)
    windows = tuple(_window(start, end, zone, label) for start, end in pairs)
    for before, after in zip(windows, windows[1:]):
        if before.overnight or after.start < before.end:
            raise TimeError(f"the windows {_span(before)} and {_span(after)} overlap or are out of order "
                            "(write a day's windows in order: '10:00 - 13:00 and 15:00 - 18:00 Geneva time')")
    return TimeLine(windows, stated)


def _past_noon(tokens: tuple[_Token, ...], at: int, clock: _Token) -> int:
    """Past a 'noon' that only names the 12:00 before it ('12:00 noon', '12 noon')."""
    if at < len(tokens) and tokens[at].text.lower() in ("noon", "midday"):
        found = _CLOCK.fullmatch(clock.text.strip())
        if clock.marker is None and found and int(found["hour"]) == 12 and int(found["minute"] or 0) == 0:
            return at + 1
    return at


def _zone_run(tokens: list[_Token], at: int, labels: list[tuple[int, int]]) -> int:
    """Skip the zone words from ``at`` (with punctuation between them); note their span."""
    first = at
    while at < len(tokens) and (tokens[at].kind in ("zone", "word")
                                or (tokens[at].kind == "join" and tokens[at].text in ",;" and at > first)):
        at += 1
    while at > first and tokens[at - 1].kind == "join":
        at -= 1  # a trailing comma belongs to what follows
    if at > first:
        labels.append((tokens[first].start, tokens[at - 1].end))
    return at


def _zone(text: str, spans: list[tuple[int, int]], default: str | None = None) -> tuple[str, str, timedelta | None]:
    """The one zone the line names (it may name it after each time), or ``default``,
    its label, and an offset stated beside it."""
    labels = [_label(text[a:b]) for a, b in spans]
    labels = [label for label in labels if label] or ([_label(default)] if default else [])
    if not labels:
        raise TimeError(f"no time zone after {quote(text)} (expected {zones.EXPECTED})")
    resolved = []
    for label in labels:
        try:
            resolved.append((zones.resolve_stated(label), label))
        except zones.ZoneError as exc:
            raise TimeError(str(exc)) from None
    (zone, stated), label = resolved[-1]
    for (other, _), other_label in resolved[:-1]:
        if other != zone:
            raise TimeError(f"'{other_label}' and '{label}' are different time zones; "
                            "write the times of one line in one zone")
    return zone, label, stated


def _label(raw: str) -> str:
    label = _FILLER.sub("", raw.strip(" ,;:")).strip(" ,;:")
    label = _HOURS.sub("", label)
    if label.startswith("(") and label.endswith(")") and label.count("(") == 1:
        label = label[1:-1].strip()
    return label


def _window(start: _Token, end: _Token, zone: str, label: str) -> DailyWindow:
    # '9:30 – 11:00 a.m.' shares the end's am/pm; '10 – 6 pm' is 10 am to 6 pm
    end_marker = "p" if end.text.lower() in ("noon", "midday") else end.marker  # '10 - noon': 10 am
    borrow = start.marker is None and end_marker is not None and _twelve_hour(start.text)
    first = _time(start.text, end_marker if borrow else start.marker)
    last = _time(end.text, end.marker, end_of_day=True)
    if borrow and first >= last:
        first = _time(start.text, "a")
    window = DailyWindow(first, last, zone, label)
    length = _length(first, last)
    if length == timedelta(0) or (window.overnight and length > MAX_OVERNIGHT):
        raise TimeError(f"the daily window ends at {last:%H:%M}, at or before it starts at {first:%H:%M} "
                        f"(a window past midnight may last at most {MAX_OVERNIGHT.seconds // 3600} hours)")
    return window


def _length(start: time, end: time) -> timedelta:
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return timedelta(minutes=minutes % (24 * 60))


def _twelve_hour(text: str) -> bool:
    found = _CLOCK.fullmatch(text.strip())
    return found is not None and 1 <= int(found["hour"]) <= 12


def _time(text: str, marker: str | None, *, end_of_day: bool = False) -> time:
    written = " ".join(text.split())
    word = written.lower()
    if word in ("noon", "midday"):
        return time(12)
    if word == "midnight":
        return time(0)
    found = _CLOCK.match(written)
    if found is None or not _CLOCK.fullmatch(written[: found.end()].strip()) or (marker is None and found.end() != len(written)):
        raise TimeError(f"'{written}' is not a time ({EXPECTED})")
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    if marker is None:
        if end_of_day and (hour, minute) == (24, 0) and found["minute"] is not None:
            return time(0)  # '18:00 - 24:00': until midnight
        if (found["minute"] is None and found["h"] is None) or hour > 23 or minute > 59:
            raise TimeError(f"'{written}' is not a time ({EXPECTED})")
        return time(hour, minute)
    if not 1 <= hour <= 12 or minute > 59:
        raise TimeError(f"'{written}' is not a time ({EXPECTED})")
    return time(hour % 12 + (12 if marker.lower() == "p" else 0), minute)


def _span(window: DailyWindow) -> str:
    return f"{window.start:%H:%M}–{window.end:%H:%M}"

