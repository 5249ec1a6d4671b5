"""Topic tags derived from a session's title and description, by a keyword table.

Tags let subscribers follow one topic (``tag/copyright/feed.rss``). They are computed,
not curated, so every session gets them the same way; ``sessions.toml`` may add more.

Keyword rules, kept simple enough to read in the table:
- a keyword in lower case matches in any capitalisation ("copyright" finds "Copyright");
- a keyword with a capital letter matches exactly, for acronyms ("AI" is not "ai");
- a trailing ``*`` matches any word ending ("patent*": patents, patentability);
- keywords match whole words: "AI" is found in "AI-generated" but not in "GenAI" or "said";
  the words of a keyword may be joined by spaces or hyphens ("capacity building" finds
  "capacity-building").

    >>> derive("Generative AI: IP and Output", "Who owns AI-generated images?")
    ('artificial-intelligence', 'generative-ai')
"""

from __future__ import annotations

import re
from functools import lru_cache

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

KEYWORDS: dict[str, tuple[str, ...]] = {
    "artificial-intelligence": (
        "AI",
        "GenAI",
        "artificial intelligence",
        "machine learning",
        "large language model*",
        "LLM",
        "LLMs",
    ),
    "generative-ai": ("generative ai", "GenAI", "ai-generated", "large language model*", "LLM", "LLMs"),
    "synthetic-media": ("synthetic media", "deepfake*", "deep fake*", "digital replica*"),
    "training-data": ("training data", "train ai model*"),
    "data": ("data",),
    "copyright": ("copyright*",),
    "patents": ("patent*",),
    "trademarks": ("trademark*", "trade mark*"),
    "metaverse": ("metaverse*",),
    "blockchain": ("blockchain*", "NFT", "NFTs", "non-fungible token*"),
    "extended-reality": ("AR", "VR", "XR", "augmented reality", "virtual reality", "extended reality"),
    "internet-of-things": ("internet of things", "IoT"),
    "ip-administration": ("ip administration", "ip office*", "patent examination"),
    "capacity-building": ("capacity building",),
}


_BREAK = re.compile(r"[^A-Za-z0-9\s\-]+")  # punctuation and non-ASCII letters end a phrase
_JOIN = re.compile(r"[\s\-]+")  # spaces and hyphens join the words of a phrase


def _canonical(text: str) -> str:
    """Words separated by one space, phrases by ' | ', padded: ' AI generated | images '.
    Keywords are then plain substring tests, which is what keeps tagging cheap."""
    return " " + _JOIN.sub(" ", _BREAK.sub(" | ", text)).strip() + " "


@lru_cache(maxsize=1)
def _needles() -> tuple[tuple[str, str, bool], ...]:
    """(slug, ' word ' or ' prefix' for a trailing *, matched in exact case?)."""
    needles = []
    for slug, keywords in KEYWORDS.items():
        for keyword in keywords:
            phrase = _canonical(keyword.rstrip("*"))
            exact = not keyword.islower()
            needles.append((slug, phrase.rstrip() if keyword.endswith("*") else phrase, exact))
    return tuple(needles)


def derive(*texts: str) -> tuple[str, ...]:
    """Sorted tags whose keywords occur in any of ``texts``."""
    text = _canonical("\n".join(texts))
    lowered = text.lower()
    return tuple(sorted({slug for slug, needle, exact in _needles() if needle in (text if exact else lowered)}))
