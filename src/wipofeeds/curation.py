"""What the listing cannot say, added per document code from ``sessions.toml``.

The listing is copied as received; links, a corrected title, a cancellation or extra
tags live beside it in ``DIR/NAME.toml`` (``data/sessions.toml``), one table per code::

    [sessions."WIPO/IP/CONV/GE/2/25"]
    title = "IP and Synthetic Media"          # replaces the title found in the listing
    url = "https://www.wipo.int/…"           # a page about the session (http/https)
    conference_url = "https://…"             # a join link for online attendance
    status = "cancelled"                     # confirmed | cancelled | postponed
    tags = ["deepfakes"]                     # added to the derived tags (slugs)

Every key is optional. A code that is not in the listing, an unknown key or a bad value
is an error naming the file and line. A missing file changes nothing.

Topics (tags) have display names (:data:`wipofeeds.tags.NAMES`: "Generative AI"); one
``[topics]`` table renames them, or names a curated tag, for every page and feed::

    [topics]
    "generative-ai" = "Generative AI (GenAI)"   # tag slug = the name people read
    deepfakes = "Deepfakes"

Every listing's file may hold one (:func:`topic_names` reads it); the load step merges
them for the whole site, and two files naming one tag differently is an error.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ListingError, Problem
from .model import Session, Status
from .tags import SLUG

KEYS = ("title", "url", "conference_url", "status", "tags")
TABLES = ("sessions", "topics")
NAME_LENGTH = 80  # at most, for a topic's display name: it titles feeds and pages


def apply(sessions: list[Session], path: Path | None) -> list[Session]:
    """``sessions`` with the additions of the TOML file at ``path`` (if it exists)."""
    if path is None or not path.is_file():
        return list(sessions)
    text = path.read_bytes().decode("utf-8", errors="replace")
    return _Curation(str(path), text).apply(list(sessions))


def topic_names(path: Path | None) -> dict[str, str]:
    """The ``[topics]`` table of the TOML file at ``path``: tag slug → display name
    (empty without a file or a table); ListingError naming file and line for a bad one."""
    if path is None or not path.is_file():
        return {}
    text = path.read_bytes().decode("utf-8", errors="replace")
    return _Curation(str(path), text).topics()


class _Curation:
    def __init__(self, filename: str, text: str):
        self.filename = filename
        self.lines = text.splitlines()
        self.text = text
        self.problems: list[Problem] = []

    def bad(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.filename, line, message))

    def document(self) -> dict:
        """The file as TOML, its tables checked: ListingError if it is not TOML."""
        if comments_only(self.text):
            return {}
        import tomllib  # here: the committed file holds comments only (see comments_only)

        try:
            document = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            raise ListingError([Problem(self.filename, _error_line(exc, len(self.lines)), f"not valid TOML: {exc}")])
        for key in document:
            if key not in TABLES:
                self.bad(self._line(key), f"unknown table or key '{key}' (expected [sessions.\"DOCUMENT/CODE\"] tables "
                                          "and [topics])")
        return document

    def topics(self) -> dict[str, str]:
        """``[topics]``, checked: tag slug → display name."""
        names = self._topics(self.document())
        if self.problems:
            raise ListingError(self.problems)
        return names

    def _topics(self, document: dict) -> dict[str, str]:
        table = document.get("topics", {})
        where = self._line("topics")
        if not isinstance(table, dict):
            self.bad(where, "'topics' must be a table: [topics] then \"tag-slug\" = \"Display name\" lines")
            return {}
        names = {}
        for tag, value in table.items():
            line = self._line(tag, after=where)
            if not SLUG.fullmatch(tag):
                self.bad(line, f"{tag!r} is not a tag (expected lowercase slugs like 'generative-ai')")
                continue
            try:
                names[tag] = _topic_name(value)
            except ValueError as exc:
                self.bad(line, f"name of topic {tag}: {exc}")
        return names

    def apply(self, sessions: list[Session]) -> list[Session]:
        document = self.document()
        self._topics(document)  # checked here too: `wipofeeds check` reports every problem
        entries = document.get("sessions", {})
        if not isinstance(entries, dict):
            self.bad(self._line("sessions"), "'sessions' must hold one table per document code")
            entries = {}
        by_code = {s.code: s for s in sessions}
        changed: dict[str, Session] = {}
        for code, values in entries.items():
            line = self._line(code)
            if code not in by_code:
                self.bad(line, f"'{code}' is not a document code of the listing")
            elif not isinstance(values, dict):
                self.bad(line, f"'{code}' must be a table of settings ({', '.join(KEYS)})")
            else:
                changed[code] = self._session(by_code[code], values, line)
        if self.problems:
            raise ListingError(self.problems)
        return [changed.get(s.code, s) for s in sessions]

    def _session(self, session: Session, values: dict, table_line: int) -> Session:
        updates: dict = {}
        for key, value in values.items():
            line = self._line(key, after=table_line)
            check = getattr(self, f"_{key}", None) if key in KEYS else None
            if check is None:
                self.bad(line, f"unknown key '{key}' for {session.code} (expected one of: {', '.join(KEYS)})")
                continue
            try:
                updates.update(check(session, value))
            except ValueError as exc:
                self.bad(line, f"{key} of {session.code}: {exc}")
        return replace(session, **updates)

    # One checker per key: the value → fields of Session, or ValueError with the reason.

    def _title(self, session: Session, value) -> dict:
        if not isinstance(value, str):
            raise ValueError(f"expected a non-empty string, found {value!r}")
        title = " ".join(_text(value).split())
        if not title:
            raise ValueError(f"expected a non-empty string, found {value!r}")
        return {"title": title, "title_is_generated": False}

    def _url(self, session: Session, value) -> dict:
        return {"url": _checked_url(value)}

    def _conference_url(self, session: Session, value) -> dict:
        return {"conference_url": _checked_url(value)}

    def _status(self, session: Session, value) -> dict:
        try:
            return {"status": Status(value)}
        except ValueError:
            raise ValueError(f"{value!r} is not a status (expected {' | '.join(s.value for s in Status)})") from None

    def _tags(self, session: Session, value) -> dict:
        if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
            raise ValueError(f"expected a list of strings, found {value!r}")
        bad = [tag for tag in value if not SLUG.fullmatch(tag)]
        if bad:
            raise ValueError(f"{', '.join(map(repr, bad))} is not a tag (expected lowercase slugs like 'synthetic-media')")
        return {"tags": tuple(sorted(set(session.tags) | set(value)))}

    def _line(self, name: str, after: int = 0) -> int:
        """Line of the header or key naming ``name`` (searched from line ``after``)."""
        quoted = re.escape(name)
        pattern = re.compile(rf"""^\s*(?:\[\s*(?:sessions\s*\.\s*)?)?["']?{quoted}["']?\s*(?:[\].=]|$)""")
        for number, line in enumerate(self.lines[after:], start=after + 1):
            if after and line.lstrip().startswith("["):  # the next table
                break
            if pattern.search(line):
                return number
        return max(after, 1)


# The listing's own rules (wipofeeds.listing), so a curated text reads the same in every
# format: characters no format can carry as text and the bidirectional controls that
# could reorder what a reader sees are refused; what browsers copy as spaces (tabs,
# no-break, typographic and zero-width spaces) is a space.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200b\u202f\u205f\u2060\u3000\ufeff]")


def _text(value: str) -> str:
    """``value`` with its spaces made plain; ValueError for a forbidden character."""
    if found := _FORBIDDEN.search(value):
        raise ValueError(f"control character U+{ord(found.group()):04X} is not allowed; remove it")
    return _SPACES.sub(" ", value)


def _topic_name(value) -> str:
    """A display name: text of at most :data:`NAME_LENGTH` characters, spaces made plain."""
    if not isinstance(value, str) or not " ".join(_text(value).split()):
        raise ValueError(f"expected a non-empty string, found {value!r}")
    name = " ".join(_text(value).split())
    if len(name) > NAME_LENGTH:
        raise ValueError(f"{len(name)} characters; at most {NAME_LENGTH}")
    return name


def _checked_url(value) -> str:
    """An http(s) URL with a host, written with visible characters only: no space,
    control, format (zero-width, bidirectional) or unassigned character, which would be
    published raw in links."""
    import unicodedata  # here: `wipofeeds check` of a listing without links never needs it

    if not isinstance(value, str):
        raise ValueError(f"expected a URL string, found {value!r}")
    for char in value:
        if char.isspace() or unicodedata.category(char)[0] in "CZ":
            raise ValueError(f"U+{ord(char):04X} is not allowed in a URL; remove it or percent-encode it")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{value!r} is not a URL (expected http:// or https:// and a host)")
    return value


# TOML's whitespace is spaces and tabs; a comment may hold any character but the ASCII
# control characters other than tab (TOML 1.0, as tomllib reads it).
_COMMENT_LINE = re.compile(r"[ \t]*(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?")


def comments_only(text: str) -> bool:
    """True when ``text`` is a TOML document of blank lines and comments only: the empty
    table, without a TOML parser (the committed ``sessions.toml`` is such a template, and
    ``wipofeeds check`` should not import one to read it). Anything else, valid or not,
    is left to tomllib; a test holds the two to the same answer."""
    lines = text.split("\n")
    return all(_COMMENT_LINE.fullmatch(line.removesuffix("\r")) for line in lines[:-1]) and bool(_COMMENT_LINE.fullmatch(lines[-1]))


def _error_line(exc: ValueError, last: int) -> int:
    found = re.search(r"at line (\d+)", str(exc))
    return int(found.group(1)) if found else max(last, 1)
