"""Topic tags from the keyword table: whole words, acronyms in capitals, sorted slugs."""

from __future__ import annotations

import pytest

from wipofeeds import tags


def test_slugs_are_lowercase_and_keywords_are_not_empty():
    assert all(tags.SLUG.fullmatch(slug) and keywords for slug, keywords in tags.KEYWORDS.items())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("AI and IP", ["artificial-intelligence"]),
        ("AI-generated images", ["artificial-intelligence", "generative-ai"]),
        ("GenAI is here", ["artificial-intelligence", "generative-ai"]),
        ("Generative AI: IP and Output", ["artificial-intelligence", "generative-ai"]),
        ("He said Thailand mail", []),
        ("ai in lower case is not the acronym", []),
        ("Copyright-protected works", ["copyright"]),
        ("Patentability of inventions; PATENTS", ["patents"]),
        ("trade marks and trademarks", ["trademarks"]),
        ("Training data and big data", ["data", "training-data"]),
        ("database and metadata", []),
        ("the Metaverse, NFTs and blockchains", ["blockchain", "metaverse"]),
        ("hyper-realistic deepfakes and digital replicas", ["synthetic-media"]),
        ("AR and VR; the Internet of Things", ["extended-reality", "internet-of-things"]),
        ("", []),
    ],
)
def test_derive(text, expected):
    assert tags.derive(text) == tuple(expected)


def test_tags_come_from_every_text_given_sorted_once():
    assert tags.derive("Copyright", "AI", "copyright again") == ("artificial-intelligence", "copyright")
