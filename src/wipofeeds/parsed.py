"""The sessions the reader understood, as the JSON `wipofeeds parse` prints, and back.

Everything the reader decided is in it (dates, windows, zone keys, place parts, mode,
title and whether it was made up), so :func:`from_json` gives the very sessions again:
a listing that ``check`` accepts round-trips through ``parse`` → JSON → sessions (a
property test holds it).
"""

from __future__ import annotations

from datetime import date, datetime

from .model import UTC, DailyWindow, Mode, Place, Session, Status


def to_json(s: Session) -> dict:
    """Everything parsed about one session, with each day's local and UTC times."""
    return {
        "code": s.code,
        "id": s.id,
        "line": s.line,
        "title": s.title,
        "title_is_generated": s.title_is_generated,
        "ordinal": s.ordinal,
        "first_day": s.first_day.isoformat(),
        "last_day": s.last_day.isoformat(),
        "all_day": s.all_day,
        "window": None if s.window is None else s.window.content(),
        "windows": [w.content() for w in s.windows],
        "days": [
            {
                "day": occ.day.isoformat(),
                "start": _iso(occ.start),
                "end": _iso(occ.end),
                "start_utc": _iso(occ.start_utc),
                "end_utc": _iso(occ.end_utc),
            }
            for occ in s.occurrences
        ],
        "mode": None if s.mode is None else s.mode.value,
        "place": None if s.place is None else s.place.parts(),
        "status": s.status.value,
        "url": s.url,
        "conference_url": s.conference_url,
        "tags": list(s.tags),
        "paragraphs": list(s.paragraphs),
    }


def from_json(raw: dict) -> Session:
    """The session :func:`to_json` describes."""
    windows = tuple(map(DailyWindow.from_content, raw["windows"]))
    place = raw["place"]
    return Session(
        code=raw["code"],
        title=raw["title"],
        first_day=date.fromisoformat(raw["first_day"]),
        last_day=date.fromisoformat(raw["last_day"]),
        mode=None if raw["mode"] is None else Mode(raw["mode"]),
        paragraphs=tuple(raw["paragraphs"]),
        window=windows[0] if windows else None,
        extra_windows=windows[1:],
        place=None if place is None else Place(**place),
        ordinal=raw["ordinal"],
        tags=tuple(raw["tags"]),
        status=Status(raw["status"]),
        url=raw["url"],
        conference_url=raw["conference_url"],
        line=raw["line"],
        title_is_generated=raw["title_is_generated"],
    )


def _iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset; UTC values end in Z."""
    if moment is None:
        return None
    text = moment.isoformat()
    return text.removesuffix("+00:00") + "Z" if moment.tzinfo is UTC else text
