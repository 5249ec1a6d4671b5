"""Renderers: pure functions from a :class:`~wipofeeds.model.Catalog` to bytes.

Every format is registered here the same way an extra one would be, so the mechanism is
exercised on every build. A *collection* renderer formats any subset of sessions (the
whole calendar, or a filtered one such as ``year/2025/feed.rss``); a *session* renderer
formats one session; a *site* renderer formats something that exists once per site.

Renderers receive ``path``, the site path they will be published at (e.g.
``year/2025/feed.rss``), so that self links are right; the catalog's site config always
has a base URL by the time a renderer runs.

A format module imports the model, :mod:`wipofeeds.views` and the shared helpers
(:mod:`.ical`, :mod:`.text`), never another format. What it writes per session (a
VEVENT, a feed entry, a JSON document, a list item) it keeps in its own
:class:`Fragments`, registered with the format, so every file that lists a session
reuses the bytes; :mod:`wipofeeds.site` clears a format's fragments when its build step
ends (:meth:`Format.clear`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Literal

from ..model import Record, Session

Scope = Literal["collection", "session", "site"]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    """File name of a collection ("calendar.ics"), suffix of a session resource
    (".ics"), or path of a site resource ("changes.rss")."""
    scope: Scope
    media_type: str
    kind: str  # calendar | feed | json | html | asset | text: chooses caching headers
    render: Callable
    caches: tuple["Fragments", ...] = ()
    """What the format keeps between files, dropped by :meth:`clear`."""

    def clear(self) -> None:
        for cache in self.caches:
            cache.clear()


class Fragments:
    """One format's per-session fragments. An entry is keyed by the session id and
    whatever else its bytes depend on (the site, so its base URL: no host's links reach
    another host's pages), and is used only for the very session and history record it
    was made from (a new data version makes new ones)."""

    def __init__(self) -> None:
        self._kept: dict[tuple, tuple[Session, Record | None, object]] = {}

    def get(self, key: tuple, session: Session, record: Record | None, compute: Callable[[], object]):
        hit = self._kept.get(key)
        if hit is not None and hit[0] is session and hit[1] is record:
            return hit[2]
        value = compute()
        self._kept[key] = (session, record, value)
        return value

    def clear(self) -> None:
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)


FORMATS: dict[tuple[Scope, str], Format] = {}

# Modules whose import registers the built-in formats.
BUILTIN = ("calendar", "feeds", "jsonapi", "html", "pages")


def register(name: str, scope: Scope, media_type: str, kind: str, caches: tuple[Fragments, ...] = ()):
    """Decorator: make ``func`` the renderer of ``name`` in ``scope``; ``caches``: the
    fragments it fills, cleared when its build step ends."""

    def decorate(func):
        key = (scope, name)
        if key in FORMATS:
            raise ValueError(f"format {key} registered twice")
        FORMATS[key] = Format(name, scope, media_type, kind, func, caches)
        return func

    return decorate


def load_builtin() -> dict[tuple[Scope, str], Format]:
    """Import the built-in renderers (lazily: `wipofeeds check` needs none of them)."""
    for module in BUILTIN:
        importlib.import_module(f"{__name__}.{module}")
    return FORMATS


def formats(scope: Scope) -> list[Format]:
    load_builtin()
    return [f for (s, _), f in FORMATS.items() if s == scope]


def clear_all() -> None:
    """Drop every format's fragments (the end of a build)."""
    for fmt in FORMATS.values():
        fmt.clear()
