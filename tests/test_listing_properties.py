"""Properties of the listing parser: what dump writes, parse reads back unchanged; what
parse accepts comes back unchanged through its JSON; and no text (or bytes) whatsoever
makes parse fail with anything but a ListingError."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import date, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

import json

from wipofeeds import listing, parsed, tags, zones
from wipofeeds import places as place_reader
from wipofeeds.errors import ListingError
from wipofeeds.model import DailyWindow, Mode, Place, Session, session_id

SETTINGS = settings(max_examples=150, deadline=None)

# Labels whose zones skip no hour between 04:00 and 24:00 (DST changes happen at night).
LABELS = ["Geneva time", "CET", "CEST", "London time", "EST", "PDT", "New York time", "Tokyo time", "Sydney time",
          "UTC", "GMT+3", "UTC-5", "Europe/Paris", "Asia/Kolkata", "Nairobi time", "Central European Time"]
VOCAB = ["IP", "AI", "GenAI", "data", "copyright", "patents", "trademarks", "metaverse", "creators", "innovation",
         "the", "of", "and", "Geneva", "2025", "–", "—", "“frontier”", "'tech'", "deepfakes", "(WIPO)", "training",
         "AI-generated", "blockchain", "Zürich", "naïve", "e.g.", "100%", "R&D", "Q&A?"]
LETTERS = string.ascii_letters + "éüß’"

words = st.one_of(st.sampled_from(VOCAB), st.text(alphabet=LETTERS + ",.;:!?“”\"()–", min_size=1, max_size=8))
first_words = st.one_of(st.sampled_from(VOCAB[:14]), st.text(alphabet=LETTERS, min_size=1, max_size=8))
plain_words = st.text(alphabet=LETTERS, min_size=1, max_size=8)


def sentence(first, rest, max_size=12):
    return st.tuples(first, st.lists(rest, max_size=max_size)).map(lambda t: " ".join([t[0], *t[1]]))


codes = st.tuples(
    st.text(alphabet=string.ascii_uppercase, min_size=1, max_size=5),
    st.lists(st.text(alphabet=string.ascii_uppercase + string.digits, min_size=1, max_size=5), max_size=4),
    st.integers(0, 99),
).map(lambda parts: "/".join([parts[0], *parts[1], str(parts[2])]))
def _plain_place(place: Place) -> bool:
    """Words the reader would take for a venue, a known city or a mode are not plain."""
    parts = [place.city, place.country or ""]
    return not any(place_reader._VENUE_WORDS.search(p) or zones.is_city(p) or place_reader._mode_of(p) for p in parts)


places = st.one_of(
    st.none(),
    st.builds(Place, sentence(plain_words, plain_words, 2), st.one_of(st.none(), sentence(plain_words, plain_words, 2)))
    .filter(_plain_place),
)


def _quarter(n: int) -> time:
    return time(*divmod(n % 96 * 15, 60))


@st.composite
def windows(draw):
    """One to three windows of a day, in order; the last may end after midnight (by
    00:45, before any zone's DST change)."""
    label = draw(st.sampled_from(LABELS))
    zone = zones.resolve(label)
    count = draw(st.integers(1, 3))
    cuts = sorted(draw(st.lists(st.integers(4 * 4, 22 * 4), min_size=2 * count, max_size=2 * count, unique=True)))
    if draw(st.booleans()):  # the last window runs past midnight
        cuts[-1] = draw(st.integers(max(cuts[-2] + 1, 24 * 4 - 12 * 4 + cuts[-2] % 4), 24 * 4 + 3))
        cuts[-1] = min(cuts[-1], cuts[-2] + 12 * 4)
    return tuple(DailyWindow(_quarter(a), _quarter(b), zone, label) for a, b in zip(cuts[::2], cuts[1::2]))

@st.composite
def sessions(draw, code):
    first_day = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
    paragraphs = draw(st.lists(sentence(first_words, words), min_size=1, max_size=4))
    ordinal = draw(st.one_of(st.none(), st.integers(1, 50)))
    title = None
    if ordinal is not None:
        title = draw(st.one_of(st.none(), sentence(plain_words, plain_words, 5)))
        word = draw(st.sampled_from([listing.ordinal_text(ordinal), *(w for w, n in listing.ORDINALS.items() if n == ordinal)]))
        quoted = f", “{title}”," if title else ""
        paragraphs.insert(draw(st.integers(0, len(paragraphs))), f"The {word} session of the WIPO Conversation{quoted} met.")
    paragraphs = tuple(paragraphs)
    day_windows = draw(st.one_of(st.just(()), windows()))
    place = draw(places)
    mode = draw(st.sampled_from([*Mode, None]))
    return Session(
        code=code,
        title=title or listing.generated_title(code, ordinal, "WIPO Conversation" if ordinal else None),
        first_day=first_day,
        last_day=first_day + timedelta(days=draw(st.integers(0, 6))),
        mode=mode,
        paragraphs=paragraphs,
        window=day_windows[0] if day_windows else None,
        extra_windows=day_windows[1:],
        place=place,
        ordinal=ordinal,
        tags=tags.derive(title or "", *paragraphs),
        title_is_generated=title is None,
    )


listings = (
    st.lists(codes, min_size=1, max_size=5, unique_by=session_id)
    .flatmap(lambda cs: st.tuples(*(sessions(c) for c in cs)))
    .map(lambda ss: sorted(ss, key=lambda s: s.sort_key))
)


@SETTINGS
@given(listings)
def test_dump_then_parse_gives_the_sessions_back(original):
    text = listing.dump(original)
    parsed = listing.parse(text)
    assert [replace(s, line=0) for s in parsed] == original
    assert [s.title_is_generated for s in parsed] == [s.title_is_generated for s in original]
    lines = text.splitlines()
    assert all(lines[s.line - 1] == s.code for s in parsed)


@SETTINGS
@given(listings)
def test_what_parse_accepts_comes_back_through_its_json(original):
    sessions = listing.parse(listing.dump(original))
    document = json.loads(json.dumps([parsed.to_json(s) for s in sessions], ensure_ascii=False))
    assert [parsed.from_json(raw) for raw in document] == sessions


FRAGMENTS = [
    "WIPO/IP/CONV/GE/2/25", "A/B/C", "WIPO/IP", "\n", "\r\n", "\r", " ", "\ufeff", "||", "|",
    "October 28", "Oct.", "Sept", "29", "31", "April 31", "February 29", ", 2025", "2026", "0000", "9999",
    " to ", " – ", "-", "—", "(Geneva, Switzerland)", "(", ")", " Hybrid", " Virtual", " In person", "Online",
    "10:00", "18:00", "25:00", "9:30 a.m.", "5 p.m.", "12 am", " Geneva time", " CET", " UTC+2", "UTC+5:30",
    "UTC-12", "GMT+14", "Europe/Zurich", "Mars time", "02:30", "The twelfth session", "the 21st session",
    "\"IP and Space\"", "“Data”", "noon", "Tuesday, ", " and ", "from ", "22:00", "3 p.m.", "(CET)", "UTC−03:00",
    "\u00a0", "\u202f", "\u200b", "\t", "sccr/47", "A/64", "Meeting code | ", "Date and venue | ", " |",
    "(WIPO Headquarters, Geneva)", " and online", "Onsite", "midnight", "24:00",
]


def _check(text: str) -> None:
    try:
        result = listing.parse(text, "x.txt")
    except ListingError as exc:
        assert exc.problems
        line_count = len(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        assert all(p.file == "x.txt" and 1 <= p.line <= line_count for p in exc.problems)
    else:
        assert all(isinstance(s, Session) for s in result)


@SETTINGS
@given(st.text())
def test_any_text_raises_only_listing_errors(text):
    _check(text)


@SETTINGS
@given(st.binary())
def test_any_bytes_raise_only_listing_errors(data):
    try:
        listing.parse(data, "x.txt")
    except ListingError as exc:
        assert exc.problems and all(p.file == "x.txt" and p.line >= 1 for p in exc.problems)


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_listing_like_text_raises_only_listing_errors(text):
    _check(text)
