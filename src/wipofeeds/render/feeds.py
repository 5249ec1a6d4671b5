"""RSS 2.0 and Atom 1.0 with feedgen: one entry per session, and one per change.

A feed is what a reader polls for news, so it carries the :data:`FEED_LIMIT` sessions
announced or changed most recently (and the change feeds the latest changes); the
calendars and ``sessions.json`` carry every session. A listing of thousands of
meetings thus never becomes a feed of many megabytes that readers time out on.

Readers de-duplicate by id and show an entry as updated when its date moves, so every id
here is a URN of the session (or change) alone, never of the host, and every date comes
from the change history, never from the clock. feedgen's own traps are disarmed
explicitly: it defaults ``updated``/``lastBuildDate`` to now and prepends entries.

The HTML of an entry (:func:`session_html`) and the wording of a change
(:func:`change_title`, :func:`change_rows`) are public: the JSON Feed reuses the former,
and any page that lists changes can reuse the latter.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import replace
from datetime import date, datetime
from html import escape

from feedgen.entry import FeedEntry
from feedgen.ext.dc import DcEntryExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from ..history import withdrawn_sessions
from ..model import Catalog, Change, ChangeKind, DailyWindow, Mode, Place, Session, Status
from ..wording import collection_title, date_range, local_window, place_and_mode, when
from . import calendar, register

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
ICS = "text/calendar"

# Entries per feed: the sessions (or changes) most recently announced or changed.
FEED_LIMIT = 50

# Characters XML 1.0 cannot carry at all, not even as references (lxml refuses them).
# xml_text() strips them from every text put into a feed; JSON escapes them instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (NUL, most C0 controls…)."""
    return _NOT_XML.sub("", text)


def _h(text: str) -> str:
    """Text → HTML-escaped, XML-safe text."""
    return escape(xml_text(text), quote=True)


# --- ids and links --------------------------------------------------------------------


def session_urn(session: Session) -> str:
    """Entry id of a session in every feed format: the session id alone, so it survives a
    change of host, title or dates."""
    return f"urn:wipofeeds:session:{session.id}"


def change_urn(change: Change) -> str:
    """Entry id of one change. URN syntax allows no '/', hence ':'."""
    return "urn:wipofeeds:change:" + change.id.replace("/", ":")


def page_url(catalog: Catalog, session: Session) -> str:
    return catalog.site.url(f"sessions/{session.id}.html")


def ics_url(catalog: Catalog, session: Session) -> str:
    return catalog.site.url(f"sessions/{session.id}.ics")


def ics_size(catalog: Catalog, session: Session) -> int:
    """Byte length of the session's published ``.ics`` (an RSS enclosure needs one),
    worked out once per catalog: every feed and the JSON Feed state it."""
    path = f"sessions/{session.id}.ics"
    return catalog.remember(
        ("feeds.ics_size", session.id, catalog.site.base_url),
        lambda: len(calendar.session_calendar_kept(catalog, session, path)),
    )


def _safe_href(url: str | None) -> str | None:
    """Only http(s) links from curated data become links (no javascript: URLs)."""
    return url if url and url.startswith(("https://", "http://")) else None


# --- entry text -----------------------------------------------------------------------


def entry_title(session: Session) -> str:
    """The title, led by the status when the session is not going ahead as planned."""
    if session.status is Status.CONFIRMED:
        return xml_text(session.title)
    return xml_text(f"{session.status.value.capitalize()}: {session.title}")


def summary(session: Session) -> str:
    """One line for people: '28–29 October 2025, 10:00–18:00 Geneva time (CET, UTC+1) ·
    Geneva, Switzerland · Hybrid'."""
    return f"{when(session)} · {place_and_mode(session)}"


def _facts(session: Session) -> list[tuple[str, str]]:
    facts = [("When", when(session)), ("Where", place_and_mode(session))]
    if session.status is not Status.CONFIRMED:
        facts.insert(0, ("Status", session.status.value.capitalize()))
    return facts


def _links(catalog: Catalog, session: Session) -> list[tuple[str, str]]:
    links = [("Session page", page_url(catalog, session)), ("Add to calendar (.ics)", ics_url(catalog, session))]
    if href := _safe_href(session.url):
        links.append(("Official page", href))
    if href := _safe_href(session.conference_url):
        links.append(("Join online", href))
    return links


def session_html(catalog: Catalog, session: Session) -> str:
    """The entry body: facts, one <p> per paragraph (escaped text), links."""
    parts = [f"<p><strong>{label}:</strong> {_h(value)}</p>" for label, value in _facts(session)]
    parts += [f"<p>{_h(p)}</p>" for p in session.paragraphs]
    links = " · ".join(f'<a href="{_h(href)}">{label}</a>' for label, href in _links(catalog, session))
    parts.append(f"<p>{links}</p>")
    return "\n".join(parts)


def session_text(catalog: Catalog, session: Session) -> str:
    """The same body as plain text (JSON Feed ``content_text``)."""
    parts = [f"{label}: {value}" for label, value in _facts(session)]
    parts += list(session.paragraphs)
    parts += [f"{label}: {href}" for label, href in _links(catalog, session)]
    return "\n\n".join(parts)


# --- changes --------------------------------------------------------------------------


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
        return f"<p>{_h(after.title)} ({_h(date_range(after.first_day, after.last_day))}) is no longer in the listing; calendars drop it.</p>"
    parts = []
    for label, old, new in change_rows(change, before, after):
        if label == "Description":
            parts.append(f"<p><strong>New description:</strong> {_h(new)}</p>")
            parts.append(f"<p><strong>Previous description:</strong> {_h(old or '')}</p>")
        else:
            parts.append(f"<p><strong>{label}:</strong> {_h(new)} (was: {_h(old or '')})</p>")
    parts.append(f'<p><a href="{_h(page_url(catalog, after))}">Session page</a></p>')
    return "\n".join(parts)


def changes(catalog: Catalog, limit: int | None = FEED_LIMIT) -> list[tuple[Session, Change, Session | None, Session]]:
    """The ``limit`` latest changes of the catalog's sessions (all when None), newest
    first, with the session before and after each. Ties are broken by session id, then
    the later sequence first. Only the sessions of the changes kept are replayed."""
    found = []
    for session in (*catalog.sessions, *withdrawn_sessions(catalog)):
        record = catalog.history.get(session.id)
        if record is not None:
            found += [(change, session, record) for change in record.changes]
    found.sort(key=lambda r: (-r[0].at.timestamp(), r[0].session_id, -r[0].sequence, r[0].kind.value))
    states: dict[str, dict] = {}
    rows = []
    for change, session, record in found[:limit]:
        if session.id not in states:
            states[session.id] = timeline(session, record.changes)
        rows.append((session, change, *states[session.id][change.id]))
    return rows


def latest(catalog: Catalog, limit: int = FEED_LIMIT) -> tuple[Session, ...]:
    """The ``limit`` sessions announced or changed most recently (ties: the catalog's
    order, later sessions first), in the catalog's order: what a session feed lists."""
    sessions = catalog.sessions
    if len(sessions) <= limit:
        return sessions
    key = ("feeds.latest", limit)  # RSS, Atom and JSON Feed of one view list the same
    if key not in catalog.own:
        records = catalog.history.records
        # nlargest keeps ties in input order, as sorted(..., reverse=True)[:limit] would.
        kept = heapq.nlargest(limit, range(len(sessions)), key=lambda i: records[sessions[i].id].last_modified)
        catalog.own[key] = tuple(sessions[i] for i in sorted(kept))
    return catalog.own[key]


# --- feeds ----------------------------------------------------------------------------


def feed_updated(catalog: Catalog) -> datetime:
    """Latest change of the feed's sessions. An empty filtered feed takes the latest
    change of the whole history (a session left it then), never the clock."""
    if catalog.sessions:
        return catalog.updated
    return max((r.last_modified for r in catalog.history.records.values()), default=catalog.updated)


class _Entry(FeedEntry):
    """feedgen 1.0.0 writes Atom entry links with ``href`` only (lkiesow/python-feedgen#135),
    which turns the ``.ics`` enclosure into a second ``alternate`` link. Put ``rel``,
    ``type``… back on, from the links feedgen was given, in the same order."""

    def atom_entry(self, extensions=True):
        element = super().atom_entry(extensions)
        for link, data in zip(element.findall("link"), self.link() or [], strict=True):
            for attr in ("rel", "type", "hreflang", "title", "length"):
                if data.get(attr):
                    link.set(attr, data[attr])
        return element


def _add_entry(fg: FeedGenerator) -> FeedEntry:
    """Append (feedgen prepends by default, which would reverse our order)."""
    return fg.add_entry(_Entry(), order="append")


def _feed(catalog: Catalog, path: str, title: str, subtitle: str, updated: datetime) -> FeedGenerator:
    site = catalog.site
    atom = path.split("?", 1)[0].endswith(".atom")  # a filtered feed: "feed.atom?q=…"
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)  # RSS <author> must be an e-mail address
    fg.id("urn:wipofeeds:feed:" + path.replace("/", ":"))
    fg.title(xml_text(title))
    fg.subtitle(xml_text(subtitle))
    fg.link(href=site.url(path), rel="self", type=(ATOM if atom else RSS).split(";")[0])
    fg.link(href=site.url(""), rel="alternate", type="text/html")
    fg.language(site.language)
    fg.author(name=xml_text(site.author), uri=site.author_url)
    fg.generator("wipofeeds")
    fg.updated(updated)  # also lastBuildDate; feedgen's default is the clock
    return fg


def _author(entry, catalog: Catalog) -> None:
    entry.author(name=xml_text(catalog.site.author), uri=catalog.site.author_url)  # Atom
    entry.dc.dc_creator(xml_text(catalog.site.author))  # RSS


def session_entry(catalog: Catalog, session: Session) -> FeedEntry:
    """The feed entry of one session, the same in every feed that lists it."""
    record = catalog.record(session)
    entry = _Entry()
    # register_extension, not load_extension("dc"): the latter first tries to import a
    # module feedgen does not have, which cost more than the rest of the entry.
    entry.register_extension("dc", DcEntryExtension, atom=False, rss=True)
    entry.id(session_urn(session))  # RSS guid isPermaLink="false"
    entry.title(entry_title(session))
    entry.link(href=page_url(catalog, session), rel="alternate", type="text/html")
    # rel=enclosure, never a second alternate; RSS gets <enclosure> from it.
    entry.link(href=ics_url(catalog, session), rel="enclosure", type=ICS, length=str(ics_size(catalog, session)))
    entry.content(session_html(catalog, session), type="html")
    entry.summary(_h(summary(session)), type="html")
    mode = [] if session.mode is None else [{"term": session.mode.value, "label": session.mode.label}]
    categories = mode + [{"term": xml_text(t)} for t in session.tags]
    if categories:
        entry.category(categories)
    _author(entry, catalog)
    entry.published(record.first_published)
    entry.updated(record.last_modified)
    return entry


def _entry_xml(catalog: Catalog, session: Session) -> tuple[bytes, bytes]:
    """The session's RSS <item> and Atom <entry>, serialized once per catalog and spliced
    into every feed that lists the session (the whole feed and each filtered one), so a
    session in many feeds is built by feedgen once, not once per feed."""

    def build() -> tuple[bytes, bytes]:
        entry = session_entry(catalog, session)
        item = entry.rss_entry()
        etree.Element("channel", nsmap=_RSS_NAMESPACES).append(item)  # the feed's prefixes
        return _xml(item), _xml(entry.atom_entry())

    return catalog.remember(("feeds.entry", session.id, catalog.site.base_url), build)


_RSS_NAMESPACES = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _xml(element) -> bytes:
    return etree.tostring(element, encoding="UTF-8", xml_declaration=False, pretty_print=True)


def _splice(head: bytes, closing: bytes, entries: list[bytes]) -> bytes:
    """feedgen's document without entries, with ``entries`` put before ``closing``."""
    before, found, after = head.rpartition(closing)
    assert found, closing
    return b"".join([before, *entries, found, after])  # one copy of a big body


def changes_feed(catalog: Catalog, path: str) -> FeedGenerator:
    """One entry per entry of the change log, newest first."""
    site = catalog.site
    subtitle = "Sessions announced, rescheduled, retimed, moved, retitled or cancelled."
    fg = _feed(catalog, path, collection_title(f"{site.title}: changes", path), subtitle, feed_updated(catalog))
    for session, change, before, after in changes(catalog):
        entry = _add_entry(fg)
        entry.id(change_urn(change))
        entry.title(xml_text(change_title(change, before, after)))
        gone = change.kind is ChangeKind.WITHDRAWN and session.id not in catalog.by_id  # no page any more
        entry.link(href=site.url("") if gone else page_url(catalog, session), rel="alternate", type="text/html")
        entry.content(change_html(catalog, change, before, after), type="html")
        entry.category([{"term": change.kind.value}])
        _author(entry, catalog)
        entry.published(change.at)
        entry.updated(change.at)
    return fg


def _rss(fg: FeedGenerator) -> bytes:
    return fg.rss_str(pretty=True, encoding="UTF-8")


def _atom(fg: FeedGenerator) -> bytes:
    return fg.atom_str(pretty=True, encoding="UTF-8")


@register("feed.rss", "collection", RSS, "feed")
def render_rss(catalog: Catalog, path: str) -> bytes:
    items = [_entry_xml(catalog, s)[0] for s in latest(catalog)]
    return _splice(_rss(_session_feed_head(catalog, path)), b"  </channel>", items)


@register("feed.atom", "collection", ATOM, "feed")
def render_atom(catalog: Catalog, path: str) -> bytes:
    entries = [_entry_xml(catalog, s)[1] for s in latest(catalog)]
    return _splice(_atom(_session_feed_head(catalog, path)), b"</feed>", entries)


def _session_feed_head(catalog: Catalog, path: str) -> FeedGenerator:
    site = catalog.site
    return _feed(catalog, path, collection_title(site.title, path), site.description, feed_updated(catalog))


@register("changes.rss", "site", RSS, "feed")
def render_changes_rss(catalog: Catalog, path: str) -> bytes:
    return _rss(changes_feed(catalog, path))


@register("changes.atom", "site", ATOM, "feed")
def render_changes_atom(catalog: Catalog, path: str) -> bytes:
    return _atom(changes_feed(catalog, path))
