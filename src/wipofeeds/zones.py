"""Zone labels as listings write them → IANA zone names, as data.

A listing names a zone the way people do: "Geneva time", "CET", "Europe/Zurich" or
"UTC+2", with or without a trailing "time". :func:`resolve` turns any of these into the
IANA key the times are computed in; it never guesses, an unknown label is an error.

Abbreviations map to one representative region, and that region's rules decide the
offset of each day: listings write "CET" all year round, so "CET" in July is read as
Geneva's summer time, not as a fixed UTC+1.

    >>> resolve("Geneva time"), resolve("EDT"), resolve("UTC+2"), resolve("Asia/Tokyo")
    ('Europe/Zurich', 'America/New_York', 'Etc/GMT-2', 'Asia/Tokyo')
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone
from datetime import tzinfo as tzinfo_type
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import tzdata

from .errors import quote

# Cities (and a few country or region names people use for a zone), keyed in the
# normalised form of :func:`_key`: casefolded, without dots and commas.
CITIES: dict[str, str] = {
    # Europe
    "geneva": "Europe/Zurich",
    "genève": "Europe/Zurich",
    "geneve": "Europe/Zurich",
    "zurich": "Europe/Zurich",
    "zürich": "Europe/Zurich",
    "bern": "Europe/Zurich",
    "swiss": "Europe/Zurich",
    "paris": "Europe/Paris",
    "brussels": "Europe/Brussels",
    "amsterdam": "Europe/Amsterdam",
    "berlin": "Europe/Berlin",
    "munich": "Europe/Berlin",
    "vienna": "Europe/Vienna",
    "rome": "Europe/Rome",
    "madrid": "Europe/Madrid",
    "lisbon": "Europe/Lisbon",
    "london": "Europe/London",
    "uk": "Europe/London",
    "dublin": "Europe/Dublin",
    "stockholm": "Europe/Stockholm",
    "warsaw": "Europe/Warsaw",
    "athens": "Europe/Athens",
    "helsinki": "Europe/Helsinki",
    "istanbul": "Europe/Istanbul",
    "moscow": "Europe/Moscow",
    # Africa and the Middle East
    "cairo": "Africa/Cairo",
    "nairobi": "Africa/Nairobi",
    "addis ababa": "Africa/Addis_Ababa",
    "lagos": "Africa/Lagos",
    "abuja": "Africa/Lagos",
    "accra": "Africa/Accra",
    "dakar": "Africa/Dakar",
    "johannesburg": "Africa/Johannesburg",
    "pretoria": "Africa/Johannesburg",
    "casablanca": "Africa/Casablanca",
    "dubai": "Asia/Dubai",
    "abu dhabi": "Asia/Dubai",
    "riyadh": "Asia/Riyadh",
    "doha": "Asia/Qatar",
    "tehran": "Asia/Tehran",
    # Asia and Oceania
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata",
    "india": "Asia/Kolkata",
    "karachi": "Asia/Karachi",
    "dhaka": "Asia/Dhaka",
    "bangkok": "Asia/Bangkok",
    "jakarta": "Asia/Jakarta",
    "kuala lumpur": "Asia/Kuala_Lumpur",
    "singapore": "Asia/Singapore",
    "manila": "Asia/Manila",
    "hong kong": "Asia/Hong_Kong",
    "beijing": "Asia/Shanghai",
    "shanghai": "Asia/Shanghai",
    "china": "Asia/Shanghai",
    "seoul": "Asia/Seoul",
    "tokyo": "Asia/Tokyo",
    "japan": "Asia/Tokyo",
    "sydney": "Australia/Sydney",
    "canberra": "Australia/Sydney",
    "melbourne": "Australia/Melbourne",
    "perth": "Australia/Perth",
    "auckland": "Pacific/Auckland",
    "wellington": "Pacific/Auckland",
    # The Americas
    "new york": "America/New_York",
    "washington": "America/New_York",
    "washington dc": "America/New_York",
    "boston": "America/New_York",
    "toronto": "America/Toronto",
    "ottawa": "America/Toronto",
    "chicago": "America/Chicago",
    "mexico city": "America/Mexico_City",
    "denver": "America/Denver",
    "los angeles": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "vancouver": "America/Vancouver",
    "honolulu": "Pacific/Honolulu",
    "bogota": "America/Bogota",
    "bogotá": "America/Bogota",
    "lima": "America/Lima",
    "santiago": "America/Santiago",
    "buenos aires": "America/Argentina/Buenos_Aires",
    "sao paulo": "America/Sao_Paulo",
    "são paulo": "America/Sao_Paulo",
    "brasilia": "America/Sao_Paulo",
    "brasília": "America/Sao_Paulo",
    "rio de janeiro": "America/Sao_Paulo",
    # Names of zones written out
    "central european": "Europe/Zurich",
    "central european summer": "Europe/Zurich",
    "western european": "Europe/Lisbon",
    "eastern european": "Europe/Athens",
    "british summer": "Europe/London",
    "greenwich mean": "UTC",
    "coordinated universal": "UTC",
    "universal": "UTC",
    "eastern": "America/New_York",
    "central": "America/Chicago",
    "mountain": "America/Denver",
    "pacific": "America/Los_Angeles",
    "us eastern": "America/New_York",
    "us pacific": "America/Los_Angeles",
}

# Abbreviations (any capitalisation). Standard and summer forms share a region, and win
# over the IANA legacy zones of the same name ("EST" is New York, not a fixed UTC-5).
ABBREVIATIONS: dict[str, str] = {
    "UTC": "UTC",
    "UT": "UTC",
    "GMT": "UTC",
    "Z": "UTC",
    "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon",
    "BST": "Europe/London",
    "CET": "Europe/Zurich",
    "CEST": "Europe/Zurich",
    "MEZ": "Europe/Zurich",
    "MESZ": "Europe/Zurich",
    "EET": "Europe/Athens",
    "EEST": "Europe/Athens",
    "MSK": "Europe/Moscow",
    "WAT": "Africa/Lagos",
    "CAT": "Africa/Maputo",
    "SAST": "Africa/Johannesburg",
    "EAT": "Africa/Nairobi",
    "GST": "Asia/Dubai",
    "PKT": "Asia/Karachi",
    "IST": "Asia/Kolkata",
    "ICT": "Asia/Bangkok",
    "WIB": "Asia/Jakarta",
    "SGT": "Asia/Singapore",
    "PHT": "Asia/Manila",
    "HKT": "Asia/Hong_Kong",
    "KST": "Asia/Seoul",
    "JST": "Asia/Tokyo",
    "AWST": "Australia/Perth",
    "ACST": "Australia/Adelaide",
    "ACDT": "Australia/Adelaide",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "AKST": "America/Anchorage",
    "AKDT": "America/Anchorage",
    "HST": "Pacific/Honolulu",
    "BRT": "America/Sao_Paulo",
    "ART": "America/Argentina/Buenos_Aires",
}

EXPECTED = "a city ('Geneva time'), an abbreviation (CET), an IANA name (Europe/Zurich) or an offset (UTC+2)"

_TIME_WORD = re.compile(r"\s+time$", re.IGNORECASE | re.ASCII)
_OFFSET = re.compile(
    r"(?:UTC|GMT)\s*(?P<sign>[+\-\u2212\u2013])\s*(?P<hours>[0-9]{1,2})(?::?(?P<minutes>[0-9]{2}))?",
    re.IGNORECASE | re.ASCII,
)


# Keys of CITIES that name a country, region or zone, not a city (a place's city is
# recognised by :func:`is_city`: "(WIPO Headquarters, Geneva)").
_NOT_CITIES = frozenset({
    "uk", "swiss", "india", "china", "japan", "eastern", "central", "mountain", "pacific", "universal",
    "us eastern", "us pacific", "central european", "central european summer", "western european",
    "eastern european", "british summer", "greenwich mean", "coordinated universal",
})


def is_city(name: str) -> bool:
    """Whether ``name`` is a city this module knows ('Geneva', 'Genève', 'New York')."""
    key = _key(name)
    return key in CITIES and key not in _NOT_CITIES


class ZoneError(ValueError):
    """A zone label names no zone wipofeeds knows; the message says what was expected."""


def _key(name: str) -> str:
    return " ".join(name.replace(".", "").replace(",", " ").casefold().split())


@lru_cache(maxsize=1)
def _iana_names() -> dict[str, str]:
    """Every IANA key of the tzdata package (not the machine's own list, which holds
    'localtime', a different zone on every machine), by its casefolded form."""
    # Read as a plain file beside the module: importing importlib.resources would cost
    # every `wipofeeds check` 5 ms (issue #7).
    keys = Path(tzdata.__file__).with_name("zones").read_text("utf-8").split()
    return {name.casefold(): name for name in keys if name != "Factory"}


def resolve(label: str) -> str:
    """The zone key for ``label``; raises :class:`ZoneError` when there is none. A key is
    an IANA name, or 'UTC+05:30' for an offset that no IANA zone has (see :func:`tzinfo`)."""
    text = " ".join(label.split())
    bare = _TIME_WORD.sub("", text.removesuffix("."))
    if not bare:
        raise ZoneError(f"no time zone (expected {EXPECTED})")
    offset = _OFFSET.fullmatch(bare)
    if offset:
        return _fixed_zone(bare, offset)
    if bare.upper() in ABBREVIATIONS:
        return ABBREVIATIONS[bare.upper()]
    if _key(bare) in CITIES:
        return CITIES[_key(bare)]
    iana = _iana_names().get(bare.casefold().replace(" ", "_"))
    if iana is not None:
        return iana
    city, comma, _ = bare.partition(",")
    if comma and _key(city) in CITIES:  # 'Geneva, Switzerland time'
        return CITIES[_key(city)]
    raise ZoneError(f"{quote(text)} is not a known time zone (expected {EXPECTED})")


_BRACKETED = re.compile(r"\(([^()]*)\)")


def resolve_stated(label: str) -> tuple[str, timedelta | None]:
    """:func:`resolve`, also for a zone named twice: 'Geneva (CET) time' (both names must
    be the same zone) or 'Geneva time (UTC+1)' (the named zone, and the offset stated
    beside it, which the caller checks against each day)."""
    inner = [part.strip() for part in _BRACKETED.findall(label)]
    outer = " ".join(_BRACKETED.sub(" ", label).split())
    if not inner or not outer:
        return resolve(label.strip("() ")), None
    zone, stated = resolve(outer), None
    for part in inner:
        other = resolve(part)
        offset = _OFFSET.fullmatch(_TIME_WORD.sub("", part))
        if offset:
            stated = timedelta(hours=int(offset["hours"]), minutes=int(offset["minutes"] or 0))
            stated = stated if offset["sign"] == "+" else -stated
        elif other != zone:
            raise ZoneError(f"'{outer}' ({zone}) and '{part}' ({other}) are different time zones; name one")
    return zone, stated


def _fixed_zone(text: str, offset: re.Match) -> str:
    """'UTC+2' → 'Etc/GMT-2' (the Etc zones invert the sign and exist for whole hours
    only); 'UTC+05:30' → 'UTC+05:30', a fixed offset of its own."""
    hours, minutes = int(offset["hours"]), int(offset["minutes"] or 0)
    east = offset["sign"] == "+"
    if minutes > 59 or (east and (hours, minutes) > (14, 0)) or (not east and (hours, minutes) > (12, 0)):
        raise ZoneError(f"'{text}' is not a UTC offset (expected UTC-12:00 to UTC+14:00)")
    if hours == 0 and minutes == 0:
        return "UTC"
    if minutes:
        return f"UTC{'+' if east else '-'}{hours:02d}:{minutes:02d}"
    return f"Etc/GMT{'-' if east else '+'}{hours}"


_FIXED = re.compile(r"UTC(?P<sign>[+-])(?P<hours>[0-9]{2}):(?P<minutes>[0-9]{2})")


def is_fixed(key: str) -> bool:
    """Whether ``key`` is a fixed offset of our own ('UTC+05:30'), not an IANA name."""
    return _FIXED.fullmatch(key) is not None


@lru_cache(maxsize=1024)
def tzinfo(key: str) -> tzinfo_type:
    """The tzinfo of a zone key: zoneinfo for IANA names, a fixed offset for 'UTC+05:30'."""
    fixed = _FIXED.fullmatch(key)
    if fixed is None:
        return ZoneInfo(key)
    offset = timedelta(hours=int(fixed["hours"]), minutes=int(fixed["minutes"]))
    return timezone(offset if fixed["sign"] == "+" else -offset, key)
