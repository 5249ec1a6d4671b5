"""The change history: when each session was first published and last changed.

It lives in one small JSON file beside the listing (``DIR/NAME.history.json``) and is
what makes rendering a pure function: a session missing from it is stamped with "now"
once, and from then on the file, not the clock, decides DTSTAMP, LAST-MODIFIED, feed
dates and SEQUENCE. Only :func:`update` (called by ``wipofeeds build`` and the server)
changes it; everything else reads it.

The log keeps, per session, an "announced" change holding its whole content, then one
change per changed aspect holding just the changed fields, so the last content (what
the next listing is compared with) is the log folded in order.

    >>> from datetime import date, datetime, time, timezone
    >>> history = update(History(), [], datetime(2025, 1, 1, tzinfo=timezone.utc))
    >>> dumps(history)
    '{\\n  "format": 1,\\n  "sessions": {}\\n}\\n'
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timezone
from pathlib import Path

from .errors import HistoryError
from .safefiles import write_atomically
from .model import Catalog, Change, ChangeKind, DailyWindow, History, Mode, Place, Record, Session, Status

FORMAT = 1
UTC = timezone.utc

# Which aspect of Session.content() a changed field belongs to, in the log's order.
ASPECTS: tuple[tuple[ChangeKind | None, tuple[str, ...]], ...] = (
    (ChangeKind.RESCHEDULED, ("first_day", "last_day")),
    (ChangeKind.RETIMED, ("window", "extra_windows")),
    (ChangeKind.MOVED, ("place", "mode")),
    (ChangeKind.RETITLED, ("title",)),
    (None, ("status",)),  # CANCELLED / POSTPONED / REINSTATED, by the new status
    (ChangeKind.EDITED, ("paragraphs", "tags", "url", "conference_url")),
)
STATUS_KINDS = {
    Status.CANCELLED.value: ChangeKind.CANCELLED,
    Status.POSTPONED.value: ChangeKind.POSTPONED,
    Status.CONFIRMED.value: ChangeKind.REINSTATED,
}


# --- update -------------------------------------------------------------------------


def update(history: History, sessions: Iterable[Session], now: datetime) -> History:
    """``history`` with what ``sessions`` add, change or drop, stamped ``now``.

    Pure: unchanged sessions keep their very Record, and when nothing changed the
    result is ``history`` itself (so callers write the file only when ``new != old``).
    A published session missing from ``sessions`` is withdrawn (one "withdrawn" change,
    sequence + 1: it leaves every calendar, and the change feeds say so); one that
    returns is announced again and continues its sequence, so its UID never repeats
    with a lower SEQUENCE."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    now = now.astimezone(UTC).replace(microsecond=0)
    changed: dict[str, Record] = {}
    present: set[str] = set()
    for session in sessions:
        sid = session.id
        present.add(sid)
        record = changed.get(sid) or history.get(sid)
        if record is None:
            changed[sid] = announce(session, now)
        elif is_withdrawn(record):
            changed[sid] = reannounce(record, session, now)
        elif record.fingerprint != session.fingerprint:
            changed[sid] = revise(record, session, now)
    for sid in published(history):
        if sid not in present:
            changed[sid] = withdraw(history.records[sid], sid, now)
    if not changed:
        return history
    return History({**history.records, **changed})


def is_withdrawn(record: Record) -> bool:
    """Whether the session left the listing after it was last published."""
    return bool(record.changes) and record.changes[-1].kind is ChangeKind.WITHDRAWN


def published(history: History) -> list[str]:
    """Ids of the sessions the published site lists (withdrawn ones are not)."""
    return [sid for sid, record in history.records.items() if not is_withdrawn(record)]


def removals(history: History, sessions: Iterable[Session]) -> list[str]:
    """Ids of published sessions that ``sessions`` no longer holds, sorted."""
    present = {s.id for s in sessions}
    return sorted(sid for sid in published(history) if sid not in present)


def withdraw(record: Record, sid: str, now: datetime) -> Record:
    """``record`` after its session left the listing: sequence + 1 and a "withdrawn"
    change (no fields: the last content is what was withdrawn)."""
    sequence = record.sequence + 1
    change = Change(sid, ChangeKind.WITHDRAWN, now, sequence, None, {})
    return Record(record.fingerprint, record.first_published, now, sequence, record.changes + (change,))


def reannounce(record: Record, session: Session, now: datetime) -> Record:
    """``record`` after a withdrawn session came back: announced again with its whole
    content, its sequence continued (subscribers re-add it as a newer version)."""
    sequence = record.sequence + 1
    change = Change(session.id, ChangeKind.ANNOUNCED, now, sequence, None, session.content())
    return Record(session.fingerprint, record.first_published, now, sequence, record.changes + (change,))


def withdrawn_sessions(catalog: Catalog) -> tuple[Session, ...]:
    """The withdrawn sessions as they were last published (code: their id), for the
    change feeds, which announce each withdrawal. Only for the whole catalog (every
    published session present): a filtered view cannot tell which withdrawn session
    would have belonged to it, so it mentions none."""
    records = catalog.history.records
    gone = [sid for sid, record in records.items() if is_withdrawn(record)]
    whole = len(catalog.sessions) + len(gone) == len(records)
    sessions = (_as_session(sid, last_content(records[sid])) for sid in sorted(gone)) if whole else ()
    return tuple(s for s in sessions if s is not None)


def _as_session(sid: str, content: dict) -> Session | None:
    """The session ``content`` describes; None for a log this version cannot read."""
    try:
        return _session_of(sid, content)
    except (KeyError, TypeError, ValueError):
        return None


def _session_of(sid: str, content: dict) -> Session:
    window = content.get("window")
    mode = content.get("mode")
    place = content.get("place")
    return Session(
        code=sid,
        title=content.get("title") or sid,
        first_day=date.fromisoformat(content["first_day"]),
        last_day=date.fromisoformat(content["last_day"]),
        mode=Mode(mode) if mode is not None else None,
        paragraphs=tuple(content.get("paragraphs") or ()),
        window=None if window is None else DailyWindow.from_content(window),
        extra_windows=tuple(map(DailyWindow.from_content, content.get("extra_windows") or ())),
        place=None if place is None else Place(place),
        tags=tuple(content.get("tags") or ()),
        status=Status(content.get("status") or Status.CONFIRMED.value),
        url=content.get("url"),
        conference_url=content.get("conference_url"),
    )


def share_text(history: History, sessions: Iterable[Session]) -> None:
    """Point the logged title and paragraphs of each record at the session's own objects
    where they are equal, so a text is held once, not once by the listing and again by
    its history (which keeps every session's whole content: at 100,000 sessions that
    copy was a few hundred megabytes). Values stay equal; nothing reads identity."""
    for session in sessions:
        record = history.get(session.id)
        if record is None:
            continue
        paragraphs = list(session.paragraphs)
        for change in record.changes:
            for values in (change.current, change.previous):
                if not values:
                    continue
                if values.get("title") == session.title:
                    values["title"] = session.title
                if values.get("paragraphs") == paragraphs:
                    values["paragraphs"] = paragraphs


def announce(session: Session, now: datetime) -> Record:
    """The record of a session seen for the first time."""
    change = Change(session.id, ChangeKind.ANNOUNCED, now, 0, None, session.content())
    return Record(session.fingerprint, now, now, 0, (change,))


def revise(record: Record, session: Session, now: datetime) -> Record:
    """``record`` after ``session`` changed: sequence + 1 and one Change per aspect."""
    sequence = record.sequence + 1
    changes = tuple(
        Change(session.id, kind, now, sequence, previous, current)
        for kind, previous, current in diff(last_content(record), session.content())
    )
    if not changes:  # same content, new fingerprint scheme: nothing subscribers see
        return Record(session.fingerprint, record.first_published, record.last_modified, record.sequence, record.changes)
    return Record(session.fingerprint, record.first_published, now, sequence, record.changes + changes)


def last_content(record: Record) -> dict:
    """The content the record last saw: its log folded in order (an announcement holds
    the whole content, so folding starts again at each)."""
    content: dict = {}
    for change in record.changes:
        if change.kind is ChangeKind.ANNOUNCED:
            content = {}
        content.update(change.current)
    return content


def diff(previous: dict, current: dict) -> list[tuple[ChangeKind, dict, dict]]:
    """(kind, previous fields, current fields) for each aspect that differs."""
    changed = [key for key in current if previous.get(key) != current[key]]
    changed += [key for key in previous if key not in current]
    result = []
    known: set[str] = set()
    for kind, keys in ASPECTS:
        known.update(keys)
        fields = [key for key in keys if key in changed]
        if fields:
            if kind is None:
                kind = STATUS_KINDS.get(current.get("status"), ChangeKind.EDITED)
            result.append((kind, {k: previous.get(k) for k in fields}, {k: current.get(k) for k in fields}))
    others = [key for key in changed if key not in known]  # fields a later version added
    if others:
        result.append((ChangeKind.EDITED, {k: previous.get(k) for k in others}, {k: current.get(k) for k in others}))
    return result


# --- file format ----------------------------------------------------------------------


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _canonical(value):
    """JSON value with dict keys sorted at every depth: equal histories, equal text."""
    if isinstance(value, dict):
        return {key: _canonical(value[key]) for key in sorted(value)}
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    return value


def dumps(history: History) -> str:
    """Deterministic JSON: ids sorted, fixed key order, UTC times with "Z", indent 2,
    UTF-8 text as is, trailing newline."""
    sessions = {}
    for sid in sorted(history.records):
        record = history.records[sid]
        sessions[sid] = {
            "fingerprint": record.fingerprint,
            "first_published": _time(record.first_published),
            "last_modified": _time(record.last_modified),
            "sequence": record.sequence,
            "changes": [
                {
                    "kind": change.kind.value,
                    "at": _time(change.at),
                    "sequence": change.sequence,
                    "previous": _canonical(change.previous),
                    "current": _canonical(change.current),
                }
                for change in record.changes
            ],
        }
    return json.dumps({"format": FORMAT, "sessions": sessions}, indent=2, ensure_ascii=False) + "\n"


def loads(text: str, name: str = "<history>") -> History:
    """Parse :func:`dumps` output; anything else raises HistoryError naming ``name``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HistoryError(f"{name}: not valid JSON ({exc}); fix it or delete it to start a new history") from None
    del text  # the file's text is not needed to build the records (it is big for big listings)
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"expected an object with \"format\": {FORMAT}")
        sessions = data.pop("sessions")
        if not isinstance(sessions, dict):
            raise ValueError('"sessions" is not an object')
        # Each session's raw record is dropped as soon as it is converted.
        return History({sid: _record(sid, sessions.pop(sid)) for sid in list(sessions)})
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        what = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        raise HistoryError(f"{name}: not a wipofeeds history ({what}); fix it or delete it to start a new history") from None


def _parse_time(text: str) -> datetime:
    if not isinstance(text, str) or not text.endswith("Z"):
        raise ValueError(f"time {text!r} is not UTC ISO 8601 ending in Z")
    return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)


def _int(value, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{what} {value!r} is not a count")
    return value


def _record(sid: str, raw: dict) -> Record:
    changes = []
    for item in raw["changes"]:
        previous, current = item["previous"], item["current"]
        if not isinstance(current, dict) or not (previous is None or isinstance(previous, dict)):
            raise ValueError(f"{sid}: a change's previous/current are not objects")
        kind = ChangeKind(item["kind"])
        changes.append(Change(sid, kind, _parse_time(item["at"]), _int(item["sequence"], "sequence"), previous, current))
    fingerprint = raw["fingerprint"]
    if not isinstance(fingerprint, str):
        raise ValueError(f"{sid}: fingerprint is not a string")
    return Record(
        fingerprint,
        _parse_time(raw["first_published"]),
        _parse_time(raw["last_modified"]),
        _int(raw["sequence"], "sequence"),
        tuple(changes),
    )


def load(path: Path) -> History:
    """The history in ``path``; an empty one when the file does not exist yet."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return History()
    try:
        holder = [raw.decode("utf-8")]  # handed over, not kept: loads drops it once parsed
    except UnicodeDecodeError:
        raise HistoryError(f"{path}: not UTF-8 text; fix it or delete it to start a new history") from None
    del raw
    return loads(holder.pop(), str(path))


def save(history: History, path: Path) -> None:
    """Write atomically: a temporary file beside ``path``, fsync, then rename over it,
    so a crash leaves the old history or the new one, never half of one."""
    write_atomically(Path(path), dumps(history).encode("utf-8"))
