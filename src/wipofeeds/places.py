"""What follows the dates on a date line: an optional place and an optional mode.

'(Geneva, Switzerland) Hybrid', '(WIPO Headquarters, Geneva)' (venue and city),
'(Palo Alto, California, United States of America)' (city, region, country),
'(Geneva, Switzerland and online)' (hybrid), 'Online', 'Onsite'… A place is taken only
in brackets, or without them where it starts with a city this project knows. A line
that states no mode has none: nothing is invented.

    >>> read("(WIPO Headquarters, Geneva) Onsite")
    (Place(city='Geneva', country=None, region=None, venue='WIPO Headquarters'), <Mode.IN_PERSON: 'in-person'>)
"""

from __future__ import annotations

import re

from . import zones
from .errors import quote
from .model import Mode, Place


class PlaceError(ValueError):
    """What follows the dates cannot be read; the message says what was expected."""


# Attendance modes as listings write them, keyed by their lower-case words.
MODES: dict[str, Mode] = {
    "hybrid": Mode.HYBRID,
    "virtual": Mode.VIRTUAL,
    "online": Mode.VIRTUAL,
    "online only": Mode.VIRTUAL,
    "virtual only": Mode.VIRTUAL,
    "remote": Mode.VIRTUAL,
    "in person": Mode.IN_PERSON,
    "in-person": Mode.IN_PERSON,
    "in person only": Mode.IN_PERSON,
    "in-person only": Mode.IN_PERSON,
    "physical": Mode.IN_PERSON,
    "on site": Mode.IN_PERSON,
    "on-site": Mode.IN_PERSON,
    "onsite": Mode.IN_PERSON,
}
# Words that may follow a mode without changing it ("Hybrid meeting", "Online event").
_MODE_NOUNS = ("meeting", "event", "session", "format")
# A place that is also reached online: "(Geneva, Switzerland and online)".
_AND_ONLINE = re.compile(r"\s*(?:,\s*)?(?:and|&|\+|or)\s+(?:online|virtual(?:ly)?|remotely)\s*$", re.IGNORECASE)
# Words that name a building or room rather than a city: "(WIPO Headquarters, Geneva)".
_VENUE_WORDS = re.compile(
    r"\b(?:headquarters|hq|building|centre|center|hall|room|palais|palace|hotel|house|campus|university|"
    r"institute|office|secretariat|auditorium|conference|theatre|theater|museum|library|pavilion)\b",
    re.IGNORECASE,
)

def read(rest: str) -> tuple[Place | None, Mode | None]:
    """'(Geneva, Switzerland) Hybrid' → place and mode; either may be absent. A place
    may hold one bracket of its own ('(International Conference Center Geneva (CICG),
    Geneva)'), and a known city may stand without brackets ('…, 2025, Geneva')."""
    place: Place | None = None
    modes: list[Mode] = []
    outside: list[str] = []
    for inside, text in _brackets(rest):
        if inside:
            mode = _mode_of(text)
            if mode is not None:
                modes.append(mode)
            elif place is not None:
                raise PlaceError(f"two places after the dates: '({place})' and '({text})'")
            else:
                place, also_online = _place(text)
                if also_online:
                    modes.append(Mode.HYBRID)
        else:
            outside.append(text)
    words = " ".join("".join(outside).split()).strip(" ,-\u2013\u2014|;:/")
    if words:
        mode = _mode_of(words)
        if mode is None and place is None:
            place, mode = _bare_place(words)
            known = place is not None
        else:
            known = mode is not None
        if not known:
            raise PlaceError(f"{quote(words)} is not an attendance mode (expected Hybrid, Virtual, Online, "
                            "In person or Onsite; a place goes in brackets: '(City, Country)')")
        if mode is not None:
            modes.append(mode)
    if len(set(modes)) > 1:
        raise PlaceError("the line states two attendance modes (" + " and ".join(m.label for m in dict.fromkeys(modes))
                        + "); keep the one that applies")
    return place, modes[0] if modes else None


def _brackets(text: str):
    """(inside?, text) runs of ``text``: bracketed parts (one bracket may nest inside
    another) and what stands between them; unbalanced brackets are an error."""
    depth, start = 0, 0
    for at, char in enumerate(text):
        if char == "(":
            if depth == 0:
                yield False, text[start:at]
                start = at + 1
            elif depth == 2:
                break
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                break
            if depth == 0:
                yield True, " ".join(text[start:at].split())
                start = at + 1
    else:
        if depth == 0:
            yield False, text[start:]
            return
    raise PlaceError(f"unbalanced brackets in {quote(text.strip())} (expected '(City, Country)')")


def _bare_place(words: str) -> tuple[Place | None, Mode | None]:
    """'Geneva, Switzerland Hybrid' without brackets: a place only where it starts with
    a city this project knows (nothing else is taken for a place)."""
    mode = None
    for phrase in sorted(MODES, key=len, reverse=True):
        if words.lower().endswith(" " + phrase):
            mode, words = MODES[phrase], words[: -len(phrase) - 1].rstrip(" ,-\u2013")
            break
    if not zones.is_city(words.split(",")[0]):
        return None, None
    place, also_online = _place(words)
    return place, mode or (Mode.HYBRID if also_online else None)


def _mode_of(text: str) -> Mode | None:
    words = " ".join(text.lower().replace("\u2011", "-").split())
    for noun in _MODE_NOUNS:
        words = words.removesuffix(" " + noun)
    if words in MODES:
        return MODES[words]
    parts = re.split(r"\s+(?:and|&|\+|or)\s+|\s*/\s*", words)
    if len(parts) == 2 and {MODES.get(p) for p in parts} == {Mode.IN_PERSON, Mode.VIRTUAL}:
        return Mode.HYBRID  # "In person and online"
    return None


def _place(text: str) -> tuple[Place, bool]:
    """'(WIPO Headquarters, Geneva)', '(Palo Alto, California, United States of America)'
    → Place; and whether the brackets add 'and online'."""
    also_online = _AND_ONLINE.search(text)
    if also_online:
        text = text[: also_online.start()]
    parts = [part.strip() for part in text.split(",")]
    if not text.strip() or not all(parts):
        raise PlaceError(f"'({text})' is not a place (expected '(City, Country)' or '(City)')")
    city_at = next((i for i, part in enumerate(parts) if zones.is_city(part)), None)
    if city_at is None:
        city_at = 1 if len(parts) > 1 and _VENUE_WORDS.search(parts[0]) else 0
    venue = ", ".join(parts[:city_at]) or None
    city, after = parts[city_at], parts[city_at + 1 :]
    country = after[-1] if after else None
    region = ", ".join(after[:-1]) or None
    return Place(city, country, region, venue), also_online is not None

