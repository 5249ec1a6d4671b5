"""Renderers: pure functions from a :class:`~wipofeeds.model.Catalog` to bytes.

Every format is registered here the same way an extra one would be, so the mechanism is
exercised on every build. A *collection* renderer formats any subset of sessions (the
whole calendar, or a filtered one such as ``year/2025/feed.rss``); a *session* renderer
formats one session; a *site* renderer formats something that exists once per site.

Renderers receive ``path``, the site path they will be published at (e.g.
``year/2025/feed.rss``), so that self links are right; the catalog's site config always
has a base URL by the time a renderer runs.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Literal

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


FORMATS: dict[tuple[Scope, str], Format] = {}

# Modules whose import registers the built-in formats.
BUILTIN = ("calendar", "feeds", "jsonapi", "html")


def register(name: str, scope: Scope, media_type: str, kind: str):
    """Decorator: make ``func`` the renderer of ``name`` in ``scope``."""

    def decorate(func):
        key = (scope, name)
        if key in FORMATS:
            raise ValueError(f"format {key} registered twice")
        FORMATS[key] = Format(name, scope, media_type, kind, func)
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
