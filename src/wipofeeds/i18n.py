"""The interface's words in the six languages WIPO works in: gettext catalogs compiled
from ``locale/<language>/LC_MESSAGES/messages.po`` and shipped in the package.

English is the source language: its words are the messages themselves, so English
pages need no catalog. The catalogs are extracted with Babel, written from the tables of
``scripts/make_po.py`` and compiled with Babel (the commands are in the README).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from typing import TYPE_CHECKING

from .model import N_

if TYPE_CHECKING:
    from babel.support import NullTranslations

# The six languages WIPO works in (the UN's order); English is the listings' and the source's.
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
DEFAULT = "en"

__all__ = ["DEFAULT", "LANGUAGES", "LOCALE_DIR", "N_", "gettext", "ngettext", "translations"]

LOCALE_DIR = resources.files("wipofeeds") / "locale"


@lru_cache(maxsize=None)
def translations(language: str = DEFAULT) -> "NullTranslations":
    """The catalog of ``language`` (English: none, the messages are English)."""
    from babel.support import NullTranslations, Translations  # only where pages are written

    if language == DEFAULT:
        return NullTranslations()
    if language not in LANGUAGES:
        raise ValueError(f"no catalog for {language!r}: the languages are {', '.join(LANGUAGES)}")
    found = Translations.load(str(LOCALE_DIR), [language], domain="messages")
    if not isinstance(found, Translations):  # Babel's NullTranslations when the .mo is missing
        raise FileNotFoundError(f"{LOCALE_DIR}/{language}/LC_MESSAGES/messages.mo is missing: run pybabel compile")
    return found


def gettext(message: str, language: str = DEFAULT) -> str:
    """``message`` in ``language`` (as is in English)."""
    return message if language == DEFAULT else translations(language).gettext(message)


def ngettext(singular: str, plural: str, count: int, language: str = DEFAULT) -> str:
    """The form of ``singular``/``plural`` for ``count`` in ``language`` (its own plural rules)."""
    return translations(language).ngettext(singular, plural, count)
