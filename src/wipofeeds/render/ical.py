"""Content lines: the one place iCalendar bytes are laid out, for VEVENTs and VTIMEZONEs.

icalendar builds and escapes every value; what it does not do the way clients need is
folding. icalendar 7.3 keeps a lone ``\\x`` escape together but splits a run of escaped
backslashes in the middle of a pair, and Google rejects a split escape, so every line is
folded here by :func:`fold`. That is the one gap wrapped; the rest is icalendar's.

:func:`component` writes a component from its ``(name, value)`` properties exactly as
``icalendar.Component.content_lines()`` lays them out (canonical order, parameters,
``value.to_ical()``), without building the component: a test holds the bytes equal to
:func:`serialize` of the icalendar component for every kind of session. The one value
it lays out itself is a plain ``date`` or ``datetime`` (a session's DTSTART and DTEND):
icalendar resolves the zone's TZID and writes its parameters anew for every value, half
the cost of a VEVENT, so :func:`moment` asks icalendar once per zone how it writes a
date-time there and puts each value's digits in that form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, tzinfo
from functools import lru_cache

from icalendar import Event
from icalendar.prop import vDDDTypes

_ESCAPES = (0x5C, 0x5E)  # "\\" starts a TEXT escape, "^" an RFC 6868 one: two characters each
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def text(value: str) -> str:
    """Text as RFC 5545 allows it: line breaks become LF (icalendar escapes them),
    other control characters, which no TEXT value may hold, are dropped."""
    return _CONTROLS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def serialize(component) -> bytes:
    """icalendar's own content lines of ``component`` (escaped by icalendar), folded
    by :func:`fold`."""
    return b"".join(fold(line.encode("utf-8")) + b"\r\n" for line in component.content_lines() if line)


def line(name: str, value) -> bytes:
    """One unfolded content line, as icalendar writes a property: name, parameters
    (sorted), value (an icalendar value, or a plain date or date-time: :func:`moment`)."""
    if isinstance(value, date):
        return name.encode("ascii") + moment(value)
    params = value.params.to_ical() if value.params else b""
    body = value.to_ical()
    if isinstance(body, str):  # vUTCOffset gives text, the others bytes
        body = body.encode("utf-8")
    return name.encode("ascii") + (b";" + params if params else b"") + b":" + body


def moment(value: date | datetime) -> bytes:
    """What follows a property's name for a plain date or date-time, as icalendar writes
    it (``;VALUE=DATE:20251028``, ``;TZID=Europe/Zurich:20251028T100000``,
    ``:20251028T090000Z``)."""
    if not isinstance(value, datetime):
        head, tail = _form(None)
        return head + b"%04d%02d%02d" % (value.year, value.month, value.day) + tail
    head, tail = _form(value.tzinfo)
    digits = b"%04d%02d%02dT%02d%02d%02d" % (value.year, value.month, value.day, value.hour, value.minute, value.second)
    return head + digits + tail


def tzid(value: date | datetime) -> str | None:
    """The TZID icalendar gives ``value`` (None: a date, or UTC)."""
    return _sample(value.tzinfo).params.get("TZID") if isinstance(value, datetime) else None


@lru_cache(maxsize=1024)
def _sample(zone: tzinfo | None) -> vDDDTypes:
    """icalendar's value of a sample date (zone None) or date-time in ``zone``."""
    return vDDDTypes(date(2000, 1, 3) if zone is None else datetime(2000, 1, 3, 12, tzinfo=zone))


@lru_cache(maxsize=1024)
def _form(zone: tzinfo | None) -> tuple[bytes, bytes]:
    """How icalendar writes a date (zone None) or a date-time in ``zone``: what stands
    before the digits (parameters and colon) and after them (``Z`` in UTC)."""
    sample = _sample(zone)
    digits = b"20000103" if zone is None else b"20000103T120000"
    head, _, value = line("X", sample)[1:].rpartition(b":")
    assert value.startswith(digits), value
    return head + b":", value[len(digits) :]


class Lines:
    """Folded content lines of the property values that recur (``names``: history
    stamps, constants, RRULEs, categories, which their makers share as one object each):
    each such value object is laid out once while this holds it. Values of other
    properties (a session's own summary, description, times) are laid out each time and
    never kept, so a calendar of many sessions holds no second copy of its text.
    Cleared with the format's fragments."""

    def __init__(self, names: frozenset[str]):
        self.names = names
        self._kept: dict[tuple[str, int], tuple[object, bytes]] = {}

    def __call__(self, name: str, value) -> bytes:
        if name not in self.names:
            return fold(line(name, value)) + b"\r\n"
        key = (name, id(value))
        hit = self._kept.get(key)
        if hit is not None and hit[0] is value:
            return hit[1]
        folded = fold(line(name, value)) + b"\r\n"
        self._kept[key] = (value, folded)  # holds ``value``: its id stays its own
        return folded

    def clear(self) -> None:
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)


def _canonical(item: tuple[str, object]) -> tuple[int, str]:
    """icalendar's order: its canonical properties first, in its order, then by name."""
    name = item[0]
    return (_ORDER.get(name, len(_ORDER)), name)


_ORDER = {name: i for i, name in enumerate(Event.canonical_order)}


def component(kind: bytes, properties: Iterable[tuple[str, object]], lines: Lines) -> bytes:
    """``BEGIN:kind``, the properties in icalendar's order, ``END:kind``: the bytes of
    :func:`serialize` of a component holding those properties (one value each)."""
    body = [lines(name, value) for name, value in sorted(properties, key=_canonical)]
    return b"".join([b"BEGIN:" + kind + b"\r\n", *body, b"END:" + kind + b"\r\n"])


def fold(raw: bytes) -> bytes:
    """Cut ``raw`` into lines of at most 75 octets (a continuation: a space and 74),
    never inside a UTF-8 character or an escape."""
    if len(raw) <= 75:
        return raw
    parts: list[bytes] = []
    start, limit = 0, 75
    while len(raw) - start > limit:
        cut = start + limit
        while raw[cut] & 0xC0 == 0x80:  # never inside a UTF-8 character
            cut -= 1
        run = cut  # escapes pair up from the start of a run of "\\" and "^"
        while run > start and raw[run - 1] in _ESCAPES:
            run -= 1
        if (cut - run) % 2:  # the last one starts an escape whose second half is past the cut
            cut -= 1
        parts.append(raw[start:cut])
        start, limit = cut, 74
    parts.append(raw[start:])
    return b"\r\n ".join(parts)
