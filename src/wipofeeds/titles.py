"""Titles and ordinals from what a record's description says.

A session's title is, in order: a title line of its own (read by :mod:`wipofeeds.listing`),
the quoted title of the sentence that says '<ordinal> session', or a generated one: the
meeting that sentence names ('… session of the Standing Committee on Copyright …') or the
body its code belongs to (:data:`BODIES`), else the listing's series name, with the
ordinal (else the code).

    >>> describe(("The Eleventh session of the WIPO Conversation addressed IP.",))
    (11, None, 'WIPO Conversation')
    >>> generated_title("SCCR/47", None)
    'Standing Committee on Copyright and Related Rights – SCCR/47'
"""

from __future__ import annotations

import re

from .model import SiteConfig

EN_DASH = "\u2013"
DEFAULT_SERIES = SiteConfig().name

_UNITS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
          "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS: dict[str, int] = {
    **{word: n for n, word in enumerate(_UNITS, start=1)},
    **{ten[:-1] + "ieth": tens for ten, tens in _TENS.items()},
    **{f"{ten}-{unit}": tens + n for ten, tens in _TENS.items() for n, unit in enumerate(_UNITS[:9], start=1)},
}

_QUOTED = re.compile(r"\u201c([^\u201c\u201d]+)\u201d|\"([^\"]+)\"")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
# The compounds as tens × units rather than 72 alternatives: the same words, compiled in a
# third of the time (every `wipofeeds check` compiles this).
_ORDINAL_WORDS = "|".join(
    [rf"(?:{'|'.join(_TENS)})[\s\-](?:{'|'.join(_UNITS[:9])})"]
    + sorted((word for word in ORDINALS if "-" not in word), key=len, reverse=True)
)
_ORDINAL = re.compile(
    rf"(?<![A-Za-z0-9\-])(?:(?P<word>{_ORDINAL_WORDS})|(?P<number>[0-9]{{1,3}})(?P<suffix>st|nd|rd|th))"
    r"\s+session\b",
    re.IGNORECASE | re.ASCII,
)
# "… session of the Standing Committee on Copyright and Related Rights (SCCR) …": the
# meeting a description names, capitalised words joined by a few small ones.
_NAMED = re.compile(
    r"\s+of\s+the\s+(?P<name>(?:[A-Z][\w\-’']*|IP)(?:\s+(?:(?:on|of|and|for|in|the|to|de)\s+)*(?:[A-Z][\w\-’']*|IP))*"
    r"(?:\s+\([A-Z][A-Za-z\-]*\))?)"
)


def generated_title(code: str, ordinal: int | None, named: str | None = None, series: str = DEFAULT_SERIES) -> str:
    """The title of a session whose listing gives none: the meeting its description
    names ('… session of the Standing Committee on …') or its code's series
    (:data:`BODIES`), else the listing's ``series``; and its ordinal, else its code."""
    name = named or _body(code) or series
    if series and (name.startswith(series) or series.startswith(name)):
        name = series  # 'the WIPO Conversation on IP and Frontier Technologies'
    return f"{name} {EN_DASH} {ordinal_text(ordinal) + ' session' if ordinal else code}"


def ordinal_text(n: int) -> str:
    """1 → '1st', 12 → '12th', 22 → '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# WIPO's bodies by the first parts of their meeting codes (SCCR/47, WO/GA/57), for a
# record whose description names no meeting.
BODIES: dict[str, str] = {
    "A": "Assemblies of the Member States of WIPO",
    "WO/GA": "WIPO General Assembly",
    "WO/CC": "WIPO Coordination Committee",
    "WO/CF": "WIPO Conference",
    "WO/PBC": "Program and Budget Committee",
    "SCCR": "Standing Committee on Copyright and Related Rights",
    "SCP": "Standing Committee on the Law of Patents",
    "SCT": "Standing Committee on the Law of Trademarks, Industrial Designs and Geographical Indications",
    "CDIP": "Committee on Development and Intellectual Property",
    "CWS": "Committee on WIPO Standards",
    "ACE": "Advisory Committee on Enforcement",
    "WIPO/ACE": "Advisory Committee on Enforcement",
    "WIPO/GRTKF/IC": "Intergovernmental Committee on Intellectual Property and Genetic Resources, "
                     "Traditional Knowledge and Folklore",
    "PCT/A": "PCT Union Assembly",
    "PCT/WG": "Patent Cooperation Treaty (PCT) Working Group",
    "MM/A": "Madrid Union Assembly",
    "MM/LD/WG": "Working Group on the Legal Development of the Madrid System",
    "H/A": "Hague Union Assembly",
    "LI/A": "Lisbon Union Assembly",
    "LO/A": "Locarno Union Assembly",
    "BP/A": "Budapest Union Assembly",
    "P/A": "Paris Union Assembly",
    "B/A": "Berne Union Assembly",
}


def _body(code: str) -> str | None:
    """The body whose code prefix is followed by the session's number ('SCCR/47')."""
    parts = code.split("/")
    for length in range(len(parts) - 1, 0, -1):
        name = BODIES.get("/".join(parts[:length]))
        if name is not None and _SESSION_NUMBER.fullmatch(parts[length]):
            return name
    return None


_SESSION_NUMBER = re.compile(r"[0-9]+|[IVXLC]+")


def describe(paragraphs: tuple[str, ...]) -> tuple[int | None, str | None, str | None]:
    """(ordinal, quoted title, meeting named) from the first sentence that says
    '<ordinal> session'."""
    for paragraph in paragraphs:
        for found in _ordinal_sessions(paragraph):
            if found["word"]:
                ordinal = ORDINALS[re.sub(r"[\s\-]+", "-", found["word"].lower())]
            else:
                ordinal = int(found["number"])
                if ordinal == 0 or ordinal_text(ordinal)[-2:] != found["suffix"].lower():
                    continue  # '12nd session' is not an ordinal
            named = _NAMED.match(paragraph[: found.end() + 200], found.end())
            return ordinal, _quoted_title(paragraph, found.start()), named["name"] if named else None
    return None, None, None


def _ordinal_sessions(paragraph: str):
    """Matches of _ORDINAL, looked for just before each 'session' (quicker than a scan)."""
    lowered = paragraph.lower()
    at = lowered.find("session")
    while at != -1:
        found = _ORDINAL.search(paragraph, max(0, at - 40), at + 8)
        if found:
            yield found
        at = lowered.find("session", at + 1)


def _quoted_title(paragraph: str, at: int) -> str | None:
    """The first quoted phrase of the sentence around ``at`` (quotes may hold '.' or '?')."""
    masked = _QUOTED.sub(lambda q: "x" * len(q.group(0)), paragraph)
    start = max((end.end() for end in _SENTENCE_END.finditer(masked, 0, at)), default=0)
    stop = _SENTENCE_END.search(masked, at)
    for q in _QUOTED.finditer(paragraph, start, stop.end() if stop else len(paragraph)):
        title = (q.group(1) or q.group(2)).strip().rstrip(",;.").strip()
        if title:
            return title
    return None
