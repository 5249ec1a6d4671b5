"""The wording of the change log, for the change feeds (and any page that lists changes).

Each entry of a session's log is told with the words the session had when it changed
(:func:`timeline` folds the log in order), as a title (:func:`change_title`), rows of
new and previous values (:func:`change_rows`) and an HTML body (:func:`change_html`).
:func:`changes` picks the latest changes of a catalog's sessions, withdrawn ones too,
newest first (the change feeds date those of one instant a second apart in that order:
:func:`wipofeeds.views.reader_dates`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..model import Catalog, Change, ChangeKind, DailyWindow, Mode, Place, Session, Status
from ..views import FEED_LIMIT, page_url, withdrawn
from ..wording import date_range, local_window, place_and_mode, when
from .text import h, session_html


def _window(raw: dict | None) -> DailyWindow | None:
    return None if raw is None else DailyWindow.from_content(raw)


def _as_of(session: Session, content: dict) -> Session:
    """``session`` as it was when its :meth:`~Session.content` was ``content`` (fields
    the log never mentioned keep their present value)."""

    def get(key: str, parse, present):
        return parse(content[key]) if key in content else present

    return replace(
        session,
        title=get("title", str, session.title),
        first_day=get("first_day", date.fromisoformat, session.first_day),
        last_day=get("last_day", date.fromisoformat, session.last_day),
        window=get("window", _window, session.window),
        extra_windows=get("extra_windows", lambda ws: tuple(map(DailyWindow.from_content, ws or ())), session.extra_windows),
        place=get("place", lambda p: None if p is None else Place(p), session.place),
        mode=get("mode", lambda m: None if m is None else Mode(m), session.mode),
        status=get("status", Status, session.status),
        paragraphs=get("paragraphs", tuple, session.paragraphs),
        tags=get("tags", tuple, session.tags),
        url=get("url", lambda u: u, session.url),
        conference_url=get("conference_url", lambda u: u, session.conference_url),
    )


def timeline(session: Session, changes: tuple[Change, ...]) -> dict[str, tuple[Session | None, Session]]:
    """change id → (session before, session after) that change, from the log folded in
    order (the announcement holds the whole content, later changes the changed fields;
    the changes of one update share a sequence number). Old entries thus keep the words
    they had when written, however the session changed later."""
    states: dict[str, tuple[Session | None, Session]] = {}
    content: dict = {}
    for sequence in sorted({c.sequence for c in changes}):
        group = [c for c in changes if c.sequence == sequence]
        before = _as_of(session, content) if content else None
        for change in group:
            content.update(change.current)
        after = _as_of(session, content)
        for change in group:
            states[change.id] = (None if change.kind is ChangeKind.ANNOUNCED else before, after)
    return states


_FIELDS = {  # content() keys → label and how to show the value
    "title": ("Title", lambda s: s.title),
    "first_day": ("Dates", lambda s: date_range(s.first_day, s.last_day)),
    "last_day": ("Dates", lambda s: date_range(s.first_day, s.last_day)),
    "window": ("Time", local_window),
    "extra_windows": ("Time", local_window),
    "place": ("Place", lambda s: s.location or "none"),
    "mode": ("Attendance", lambda s: s.mode.label if s.mode else "not stated"),
    "status": ("Status", lambda s: s.status.value.capitalize()),
    "paragraphs": ("Description", lambda s: " ".join(s.paragraphs)),
    "tags": ("Tags", lambda s: ", ".join(s.tags) or "none"),
    "url": ("Official page", lambda s: s.url or "none"),
    "conference_url": ("Join link", lambda s: s.conference_url or "none"),
}


def change_rows(change: Change, before: Session | None, after: Session) -> list[tuple[str, str | None, str]]:
    """(label, previous value or None, new value) per changed field, for people."""
    if before is None:
        return [("When", None, when(after)), ("Where", None, place_and_mode(after))]
    rows: list[tuple[str, str | None, str]] = []
    for key in _FIELDS:
        if key in change.current or key in (change.previous or {}):
            label, show = _FIELDS[key]
            if all(row[0] != label for row in rows):
                rows.append((label, show(before), show(after)))
    return rows


def change_title(change: Change, before: Session | None, after: Session) -> str:
    """What happened, in one line: 'Rescheduled: IP and Synthetic Media now 4–5 November 2025'."""
    title, dates = after.title, date_range(after.first_day, after.last_day)
    kind = change.kind
    if kind is ChangeKind.ANNOUNCED:
        return f"Announced: {title} on {dates}"
    if kind is ChangeKind.RESCHEDULED:
        return f"Rescheduled: {title} now {dates}"
    if kind is ChangeKind.RETIMED:
        window = "all day" if after.window is None else local_window(after)
        return f"Retimed: {title} now {window}"
    if kind is ChangeKind.MOVED:
        where = f"in {after.place}" if after.place else ("online" if after.mode is Mode.VIRTUAL else "with no place")
        changed = set(change.current)
        mode = after.mode.label.lower() if after.mode else "attendance not stated"
        if "place" in changed and "mode" in changed:
            return f"Moved: {title} now {where} ({mode})"
        if "place" in changed:
            return f"Moved: {title} now {where}"
        return f"Moved: {title} now {mode}"
    if kind is ChangeKind.RETITLED:
        old = before.title if before else "session"
        return f"Retitled: {old} is now {title}"
    if kind is ChangeKind.CANCELLED:
        return f"Cancelled: {title} on {dates}"
    if kind is ChangeKind.POSTPONED:
        return f"Postponed: {title}, planned for {dates}"
    if kind is ChangeKind.REINSTATED:
        return f"Reinstated: {title} on {dates}"
    if kind is ChangeKind.WITHDRAWN:
        return f"Withdrawn from the listing: {title}, planned for {dates}"
    labels = [label.lower() for label, _, _ in change_rows(change, before, after)]
    return f"Edited: {title}" + (f" ({', '.join(labels)})" if labels else "")


def change_html(catalog: Catalog, change: Change, before: Session | None, after: Session) -> str:
    """The entry body of a change: new and previous values (the whole session for an
    announcement), then a link to the session."""
    if before is None:
        return session_html(catalog, after)
    if change.kind is ChangeKind.WITHDRAWN:
        return f"<p>{h(after.title)} ({h(date_range(after.first_day, after.last_day))}) is no longer in the listing; calendars drop it.</p>"
    parts = []
    for label, old, new in change_rows(change, before, after):
        if label == "Description":
            parts.append(f"<p><strong>New description:</strong> {h(new)}</p>")
            parts.append(f"<p><strong>Previous description:</strong> {h(old or '')}</p>")
        else:
            parts.append(f"<p><strong>{label}:</strong> {h(new)} (was: {h(old or '')})</p>")
    parts.append(f'<p><a href="{h(page_url(catalog, after))}">Session page</a></p>')
    return "\n".join(parts)


def changes(catalog: Catalog, limit: int | None = FEED_LIMIT) -> list[tuple[Session, Change, Session | None, Session]]:
    """The ``limit`` latest changes of the catalog's sessions (all when None), newest
    first, with the session before and after each. The changes of one instant (every
    announcement of a first import) go by session, newest session first as the catalog
    sorts them (never by id), then the later sequence first, then by kind. Only the
    sessions of the changes kept are replayed."""
    found = []
    for session in (*catalog.sessions, *withdrawn(catalog)):
        record = catalog.history.get(session.id)
        if record is not None:
            found += [(change, session, record) for change in record.changes]
    found.sort(key=lambda r: (-r[0].at.timestamp(), r[1].sort_key, -r[0].sequence, r[0].kind.value))
    states: dict[str, dict] = {}
    rows = []
    for change, session, record in found[:limit]:
        if session.id not in states:
            states[session.id] = timeline(session, record.changes)
        rows.append((session, change, *states[session.id][change.id]))
    return rows
