"""Topic tags derived from a session's title and description, by a keyword table.

Tags let subscribers follow one topic (``tag/copyright/feed.rss``). They are computed,
not curated, so every session gets them the same way; ``sessions.toml`` may add more.

A tag is a slug in links and filters, and a name for people (:data:`NAMES`:
"Generative AI", "IP administration"). :func:`name` gives it, from ``[topics]`` of
``sessions.toml`` when that renames the tag, else from the table, else from the slug
itself ("ai-ethics" → "AI ethics"). Pages and feeds ask
:func:`wipofeeds.views.topic_name`, which passes the site's ``[topics]``.

Keyword rules, kept simple enough to read in the table:
- a keyword in lower case matches in any capitalisation ("copyright" finds "Copyright");
- a keyword with a capital letter matches exactly, for acronyms ("AI" is not "ai");
- a trailing ``*`` matches any word ending ("patent*": patents, patentability);
- keywords match whole words: "AI" is found in "AI-generated" but not in "GenAI" or "said";
  the words of a keyword may be joined by spaces or hyphens ("capacity building" finds
  "capacity-building").

    >>> derive("Generative AI: IP and Output", "Who owns AI-generated images?")
    ('artificial-intelligence', 'generative-ai')
    >>> name("ip-administration"), name("deepfakes"), name("ai-ethics", {"ai-ethics": "Ethics of AI"})
    ('IP administration', 'Deepfakes', 'Ethics of AI')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from .model import N_

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


# The name people read for each tag of KEYWORDS (a test holds the two to the same slugs),
# in sentence case, acronyms in capitals.
NAMES: dict[str, str] = {
    "artificial-intelligence": N_("Artificial intelligence"),
    "generative-ai": N_("Generative AI"),
    "synthetic-media": N_("Synthetic media"),
    "training-data": N_("Training data"),
    "data": N_("Data"),
    "copyright": N_("Copyright"),
    "patents": N_("Patents"),
    "trademarks": N_("Trademarks"),
    "metaverse": N_("Metaverse"),
    "blockchain": N_("Blockchain"),
    "extended-reality": N_("Extended reality"),
    "internet-of-things": N_("Internet of things"),
    "ip-administration": N_("IP administration"),
    "capacity-building": N_("Capacity building"),
}

# How a word of a slug is written when a tag without a name is named after its slug.
ACRONYMS = {word: word.upper() for word in ("ai", "ar", "ip", "iot", "llm", "nft", "pct", "vr", "wipo", "xr")}
ACRONYMS |= {"genai": "GenAI", "iot": "IoT", "llms": "LLMs", "nfts": "NFTs"}


def name(slug: str, renamed: Mapping[str, str] | None = None) -> str:
    """The display name of tag ``slug``: ``renamed`` (``[topics]`` of sessions.toml),
    else :data:`NAMES`, else the slug's words ("capacity-building" → "Capacity building",
    "ip-and-ai" → "IP and AI")."""
    if renamed and slug in renamed:
        return renamed[slug]
    if slug in NAMES:
        return NAMES[slug]
    words = " ".join(ACRONYMS.get(word, word) for word in slug.split("-"))
    return words[:1].upper() + words[1:]


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
