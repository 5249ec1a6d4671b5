"""Dates and times written for people, shared by every renderer so they all agree.

Every date, time, range, weekday and zone name is written by Babel from the Unicode
CLDR data, in the language asked for (``locale``: one of :data:`LANGUAGES`, English by
default); the project keeps no month or weekday names of its own for writing (the
reader keeps its English ones for *reading* listings, :mod:`wipofeeds.dates`).
English is written as CLDR's British English (``en_GB``): day, month, year, as WIPO
writes it.

    >>> from datetime import date
    >>> date_range(date(2025, 10, 28), date(2025, 10, 29))
    '28\u2009–\u200929 October 2025'
    >>> date_range(date(2025, 12, 30), date(2026, 1, 2), "fr")
    '30 décembre 2025\u2009–\u20092 janvier 2026'
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, get_timezone_location, get_timezone_name, parse_pattern
from babel.lists import format_list

from . import tags
from .i18n import DEFAULT, LANGUAGES, gettext
from .model import UTC, Mode, Session

EN_DASH = "\u2013"
# The CLDR locale each of the six languages (:data:`LANGUAGES`) is written in.
CLDR = {"ar": "ar", "zh": "zh_Hans", "en": "en_GB", "fr": "fr", "ru": "ru", "es": "es"}
DAY_SKELETON = "yMMMMd"  # '28 October 2025', month in full
TIME_SKELETON = "Hm"  # 24-hour '09:30', the way the listings and WIPO write times


_ = gettext  # a message in a language; by this name pybabel extract finds it for the catalogs


def split_language(path: str) -> tuple[str, str]:
    """A published path's language and its path in that language's tree: English at the
    root ('sessions/x.html' → 'en', 'sessions/x.html'), the others under their prefix
    ('fr/sessions/x.html' → 'fr', 'sessions/x.html')."""
    head, slash, rest = path.partition("/")
    if slash and head != DEFAULT and head in LANGUAGES:
        return head, rest
    return DEFAULT, path


def language_prefix(language: str) -> str:
    """Where a language's pages are published: '' for English, 'fr/' for French."""
    return "" if language == DEFAULT else language + "/"


@lru_cache(maxsize=None)
def cldr(locale: str = DEFAULT) -> Locale:
    """The Babel locale a language is written in ('en' → en_GB); another CLDR code is taken as is."""
    return Locale.parse(CLDR.get(locale, locale))


def iso_utc(moment: datetime) -> str:
    """'2025-10-28T09:00:00Z': an instant in UTC, to the second (every format's form)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")[:19] + "Z"


@lru_cache(maxsize=1 << 14)
def day_label(day: date, locale: str = DEFAULT) -> str:
    """'Tuesday, 28 October 2025', 'mardi 28 octobre 2025': CLDR's full date."""
    return format_date(day, "full", locale=cldr(locale))


_ABBREVIATED_MONTH = re.compile(r"(?<![ML])([ML])\1\1(?![ML])")


@lru_cache(maxsize=1 << 14)
def date_range(first: date, last: date, locale: str = DEFAULT) -> str:
    """'4 November 2020', '28–29 October 2025', '30 October – 2 November 2025',
    '30 December 2025 – 2 January 2026' (CLDR's interval, with its spacing).

    CLDR has no interval form with the month in full in most languages (only 'yMMMd'),
    so the nearest one is taken and its month widened, as ICU's skeleton matching does,
    where the language writes a single day with the month in full (not in Chinese,
    which writes '10月' either way)."""
    loc = cldr(locale)
    if first == last:
        return format_skeleton(DAY_SKELETON, first, locale=loc)
    formats = loc.interval_formats
    skeleton = DAY_SKELETON if DAY_SKELETON in formats else "yMMMd"
    field = "y" if first.year != last.year else "M" if first.month != last.month else "d"
    patterns = formats.get(skeleton, {}).get(field)
    if not patterns:
        return format_interval(first, last, skeleton, locale=loc)
    if "MMMM" in str(loc.datetime_skeletons.get(DAY_SKELETON, "")):
        patterns = [_ABBREVIATED_MONTH.sub(r"\1\1\1\1", pattern) for pattern in patterns]
    return "".join(parse_pattern(pattern).apply(day, loc) for pattern, day in zip(patterns, (first, last)))


@lru_cache(maxsize=1 << 12)
def time_text(moment: time, locale: str = DEFAULT) -> str:
    """'09:30', as the language writes a 24-hour time."""
    return format_skeleton(TIME_SKELETON, moment, locale=cldr(locale))


@lru_cache(maxsize=1 << 14)
def time_span(start: time, end: time, locale: str = DEFAULT) -> str:
    """'10:00–18:00' ('10:00 – 18:00' in French): CLDR's interval of two times."""
    if (start.hour, start.minute) == (end.hour, end.minute):
        return time_text(start, locale)
    return format_interval(start, end, TIME_SKELETON, locale=cldr(locale))


def spans(pairs, locale: str = DEFAULT) -> str:
    """Time spans of a day, as a list in the language: '10:00–13:00 and 15:00–18:00'."""
    return format_list([time_span(start, end, locale) for start, end in pairs], locale=cldr(locale))


def utc_offset(moment: datetime) -> str:
    """'UTC+1', 'UTC-5', 'UTC+5:30', 'UTC'."""
    return offset_text(moment.utcoffset() or timedelta(0))


def offset_text(offset: timedelta) -> str:
    """An offset from UTC: 'UTC+1', 'UTC-5', 'UTC+5:30', 'UTC' (the same in every
    language: an international notation, not a word)."""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


def zone_names(session: Session, locale: str = DEFAULT) -> str:
    """'CET, UTC+1', or both forms when the session straddles a DST change."""
    names: list[str] = []
    for occ in session.occurrences:
        if occ.start is None:
            continue
        name = zone_name(occ.start, locale)
        name = _("%(zone)s, %(offset)s", locale) % {"zone": name, "offset": utc_offset(occ.start)} if name else utc_offset(occ.start)
        if name not in names:
            names.append(name)
    return " / ".join(names)


def zone_name(moment: datetime, locale: str = DEFAULT) -> str:
    """The name of the zone's time at ``moment``, or '' when it has none but its offset.

    English keeps the tz database's abbreviation ('CET', 'EDT'), which its readers know;
    other languages take CLDR's name, short where the language has one ('CET' in
    Spanish), else in full ('heure normale d’Europe centrale')."""
    if locale == DEFAULT:
        return "" if tzname_is_offset(moment) else moment.tzname() or ""
    return _cldr_zone_name(moment, locale)


@lru_cache(maxsize=1 << 12)
def _cldr_zone_name(moment: datetime, locale: str) -> str:
    for width in ("short", "long"):
        name = get_timezone_name(moment, width, locale=cldr(locale))
        if not _is_offset(name):
            return name
    return ""


def _is_offset(name: str) -> bool:
    return not name or name[:1] in "+-" or name.startswith(("UTC", "GMT"))


def zone_location(zone: str, locale: str = DEFAULT) -> str:
    """'heure : Suisse', 'hora de Suiza': CLDR's name of a zone by its place; a zone
    that is only an offset ('UTC+05:30', as a listing may give it) is named as it is."""
    loc = cldr(locale)
    try:
        text = get_timezone_location(zone, locale=loc)
    except LookupError:
        return zone
    generic = REGION_FORMAT.get(loc.language)
    if generic is not None and loc.zone_formats["region"] != generic:
        head, tail = loc.zone_formats["region"].split("%s")
        text = generic % text[len(head) : len(text) - len(tail)]
    return text


# CLDR's generic regionFormat where Babel keeps one of its variants instead: Babel 2.19
# has Russian's daylight one ('{0}, летнее время'), which would call every winter
# session's zone summer time. Tested against Babel, so the fix goes when Babel's does.
REGION_FORMAT = {"ru": "%s"}


def tzname_is_offset(moment: datetime) -> bool:
    """zoneinfo names some zones by offset ('+04'); those read better as 'UTC+4' alone."""
    return _is_offset(moment.tzname() or "")


def local_window(session: Session, locale: str = DEFAULT) -> str:
    """'10:00–18:00 Geneva time (CET, UTC+1)', '10:00–13:00 and 15:00–18:00 Geneva time
    (CET, UTC+1)', or 'All day'. English names the zone as the listing does ('Geneva
    time'); other languages by CLDR's name of its place ('heure : Suisse')."""
    w = session.window
    if w is None:
        return _("All day", locale)
    return f"{spans(((w.start, w.end) for w in session.windows), locale)} {zone_label(w, locale)} ({zone_names(session, locale)})"


def zone_label(window, locale: str = DEFAULT) -> str:
    """The zone of a window: in English as the listing names it ('Geneva time'), in other
    languages by CLDR's name of its place ('heure : Suisse')."""
    return window.label if locale == DEFAULT else zone_location(window.zone, locale)


def when(session: Session, locale: str = DEFAULT) -> str:
    """'28–29 October 2025, 10:00–18:00 Geneva time (CET, UTC+1)' or '… (all day)'.
    Every format states it, so it is kept by what it depends on (the days and the
    window), a bounded number of them."""
    return _kept(_WHEN, session, _when, locale)


def _when(session: Session, locale: str) -> str:
    dates = date_range(session.first_day, session.last_day, locale)
    if session.window is None:
        return _("%(dates)s (all day)", locale) % {"dates": dates}
    return _("%(dates)s, %(times)s", locale) % {"dates": dates, "times": local_window(session, locale)}


def _kept(table: dict, session: Session, compute, locale: str) -> str:
    """``compute(session, locale)``, kept by what it depends on (the days, the windows
    and the language), a bounded number of them: every format states these texts, for
    every file that lists the session."""
    key = (session.first_day, session.last_day, session.windows, locale)
    text = table.get(key)
    if text is None:
        if len(table) >= _KEPT:
            table.clear()
        text = table[key] = compute(session, locale)
    return text


_WHEN: dict[tuple, str] = {}
_UTC: dict[tuple, str] = {}
_KEPT = 1 << 17


def utc_windows(session: Session, locale: str = DEFAULT) -> str:
    """The daily windows in UTC, grouped by runs of days with the same UTC hours:
    '09:00–17:00 UTC' or '08:00–16:00 UTC on 27 March; 07:00–15:00 UTC on 28–29 March'
    ('09:00–12:00 and 14:00–17:00 UTC' for two windows a day)."""
    if session.window is None:
        return ""
    return _kept(_UTC, session, _utc_windows, locale)


def _utc_windows(session: Session, locale: str) -> str:
    groups: list[tuple[str, date, date]] = []
    for day in session.days:
        pairs = ((start.astimezone(UTC).time(), end.astimezone(UTC).time()) for start, end in (w.on(day) for w in session.windows))
        span = f"{spans(pairs, locale)} UTC"
        if groups and groups[-1][0] == span:
            groups[-1] = (span, groups[-1][1], day)
        else:
            groups.append((span, day, day))
    if len(groups) == 1:
        return groups[0][0]
    on = _("%(times)s on %(dates)s", locale)
    return "; ".join(on % {"times": span, "dates": date_range(a, b, locale)} for span, a, b in groups)


def place_and_mode(session: Session, locale: str = DEFAULT) -> str:
    """'Geneva, Switzerland · Hybrid', 'Online · Virtual', or what of the two the
    listing states ('Geneva, Switzerland'); '' when it states neither. The place is
    the listing's words; the mode is in ``locale``."""
    return " · ".join(part for part in (session.location, mode_label(session, locale)) if part)


def mode_label(session: Session, locale: str = DEFAULT) -> str:
    """'Hybrid', 'Hybride': the session's way of attending in ``locale``; '' if not stated."""
    return _(session.mode.label, locale) if session.mode else ""


def collection_title(title: str, path: str, topics: tuple[tuple[str, str], ...] = ()) -> str:
    """The title of a collection published at ``path``, saying which subset it holds, so a
    reader subscribed to several can tell them apart: 'Series (2025)', 'Series (Virtual)',
    'Series (Generative AI)' (a topic by its display name: :func:`wipofeeds.tags.name`,
    renamed by ``topics``, the site's ``[topics]`` of sessions.toml), 'Series
    (selection)' for other filters."""
    if "?" in path:
        return f"{title} (selection)"
    parts = path.split("/")[-3:]  # after the part of the site it is in ('series/sccr/')
    if len(parts) != 3 or parts[0] not in ("year", "mode", "tag"):
        return title
    kind, value = parts[0], parts[1]
    if kind == "mode" and value in Mode._value2member_map_:
        value = Mode(value).label
    elif kind == "tag":
        value = tags.name(value, dict(topics))
    return f"{title} ({value})"
