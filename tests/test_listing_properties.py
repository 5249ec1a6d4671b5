"""Properties of the listing parser: what dump writes, parse reads back unchanged; and no
text whatsoever makes parse fail with anything but a ListingError."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import date, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from wipofeeds import listing, tags, zones
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


codes = st.lists(
    st.text(alphabet=string.ascii_uppercase + string.digits, min_size=1, max_size=5), min_size=3, max_size=6
).map("/".join)
places = st.one_of(
    st.none(),
    st.builds(Place, sentence(plain_words, plain_words, 2), st.one_of(st.none(), sentence(plain_words, plain_words, 2))),
)


@st.composite
def windows(draw):
    label = draw(st.sampled_from(LABELS))
    start = draw(st.integers(4 * 4, 22 * 4))  # quarter hours
    end = draw(st.integers(start + 1, 24 * 4 - 1))
    return DailyWindow(time(*divmod(start * 15, 60)), time(*divmod(end * 15, 60)), zones.resolve(label), label)


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
    return Session(
        code=code,
        title=title or listing.generated_title(code, ordinal),
        first_day=first_day,
        last_day=first_day + timedelta(days=draw(st.integers(0, 6))),
        mode=draw(st.sampled_from(Mode)),
        paragraphs=paragraphs,
        window=draw(st.one_of(st.none(), windows())),
        place=draw(places),
        ordinal=ordinal,
        tags=tags.derive(title or "", *paragraphs),
        title_is_generated=title is None,
    )


listings = (
    st.lists(codes, min_size=0, max_size=5, unique_by=session_id)
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


FRAGMENTS = [
    "WIPO/IP/CONV/GE/2/25", "A/B/C", "WIPO/IP", "\n", "\r\n", "\r", " ", "\ufeff", "||", "|",
    "October 28", "Oct.", "Sept", "29", "31", "April 31", "February 29", ", 2025", "2026", "0000", "9999",
    " to ", " – ", "-", "—", "(Geneva, Switzerland)", "(", ")", " Hybrid", " Virtual", " In person", "Online",
    "10:00", "18:00", "25:00", "9:30 a.m.", "5 p.m.", "12 am", " Geneva time", " CET", " UTC+2", "UTC+5:30",
    "UTC-12", "GMT+14", "Europe/Zurich", "Mars time", "02:30", "The twelfth session", "the 21st session",
    "\"IP and Space\"", "“Data”", "noon",
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
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_listing_like_text_raises_only_listing_errors(text):
    _check(text)
