"""The interface's gettext catalogs: every language WIPO works in has every message of
the template (src/wipofeeds/locale/messages.pot), with the same placeholders, compiled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from wipofeeds import i18n
from wipofeeds.render.layout import render_template

LOCALE = Path(i18n.__file__).parent / "locale"
TRANSLATED = ("ar", "zh", "fr", "ru", "es")  # every language but English, the source
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TAG = re.compile(r"<[^>]+>")


def template_ids() -> set:
    with open(LOCALE / "messages.pot", "rb") as f:
        return {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(f) if m.id}


def _key(value):
    return value if isinstance(value, str) else tuple(value)


def placeholders(text) -> set[str]:
    texts = [text] if isinstance(text, str) else list(text)
    return {name for t in texts for name in PLACEHOLDER.findall(t or "")}


def tags(text: str) -> list[str]:
    return TAG.findall(text)


LANGUAGES = [
    pytest.param(lang, marks=() if lang in TRANSLATED else pytest.mark.xfail(strict=True, reason="catalog to be written"))
    for lang in i18n.LANGUAGES if lang != i18n.DEFAULT
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(language):
    po = LOCALE / language / "LC_MESSAGES" / "messages.po"
    assert po.is_file(), f"no catalog for {language}"
    with open(po, "rb") as f:
        catalog = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in read_po(f) if m.id}
    missing = template_ids() - catalog.keys()
    assert not missing, f"{language} misses {sorted(map(str, missing))}"
    for msgid, message in catalog.items():
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(strings), f"{language}: {msgid!r} is not translated"
        assert not message.fuzzy, f"{language}: {msgid!r} is fuzzy"
        for string in strings:
            assert placeholders(string) <= placeholders(msgid), f"{language}: {msgid!r} has other placeholders"
            source = msgid if isinstance(msgid, str) else msgid[0]
            assert tags(string) == tags(source), f"{language}: {msgid!r} changes the markup"
        if isinstance(msgid, str):  # a plural form may leave the number out (Arabic: دورتان), a message may not
            assert placeholders(message.string) == placeholders(msgid), f"{language}: {msgid!r} drops a placeholder"


@pytest.mark.parametrize("language", LANGUAGES)
def test_plurals_have_the_forms_of_the_language(language):
    """As many forms as CLDR's plural rules for the language (Babel writes them in the header)."""
    with open(LOCALE / language / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalog = read_po(f)
    plurals = [m for m in catalog if m.id and not isinstance(m.id, str)]
    assert plurals
    for message in plurals:
        assert len(message.string) == catalog.num_plurals, f"{language}: {message.id!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_the_catalog(language):
    """The .mo shipped in the package holds what the .po says (run pybabel compile)."""
    folder = LOCALE / language / "LC_MESSAGES"
    with open(folder / "messages.po", "rb") as f:
        po = {_key(m.id): _key(m.string) for m in read_po(f) if m.id}
    with open(folder / "messages.mo", "rb") as f:
        mo = {_key(m.id): _key(m.string) for m in read_mo(f) if m.id}
    assert mo == po


def test_a_page_reads_in_french_and_english_is_untouched():
    assert i18n.translations("fr").gettext("Upcoming sessions") == "Sessions à venir"
    assert i18n.translations("en").gettext("Upcoming sessions") == "Upcoming sessions"
    fr = render_template("macros.html", "fr")  # the macros only: no page context needed
    assert fr == render_template("macros.html")  # defining macros writes nothing
    from wipofeeds.render.layout import environment

    module = environment("fr").get_template("macros.html").module
    assert "Sessions à venir" in str(module.session_lists([], [], ""))
    assert "Upcoming sessions" in str(environment().get_template("macros.html").module.session_lists([], [], ""))
