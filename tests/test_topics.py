"""Topics as people read them: one table of display names (wipofeeds.tags.NAMES),
renamed by [topics] in sessions.toml, asked of views.topic_name by pages and feeds."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import feedparser
import icalendar
import pytest
from _feed_factories import SITE, catalog, seed_catalog, session
from lxml import etree

from wipofeeds import catalog as catalog_module
from wipofeeds import curation, listing, tags, views, wording
from wipofeeds.errors import ConfigError, ListingError, Problem
from wipofeeds.render import calendar, feeds, jsonapi

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(__file__).with_name("data") / "seed_sessions.txt"
ATOM = "{http://www.w3.org/2005/Atom}"


# --- the table --------------------------------------------------------------------------


def test_every_derived_tag_has_a_display_name():
    assert set(tags.NAMES) == set(tags.KEYWORDS)
    assert all(name.strip() == name and name[:1].isupper() for name in tags.NAMES.values())


@pytest.mark.parametrize(
    ("slug", "name"),
    [
        ("artificial-intelligence", "Artificial intelligence"),
        ("generative-ai", "Generative AI"),
        ("ip-administration", "IP administration"),
        ("internet-of-things", "Internet of things"),
        ("capacity-building", "Capacity building"),
        ("deepfakes", "Deepfakes"),  # a curated tag the table does not know: its words
        ("ai-and-ip", "AI and IP"),  # with the acronyms in capitals
        ("nfts-and-the-metaverse", "NFTs and the metaverse"),
    ],
)
def test_name(slug, name):
    assert tags.name(slug) == name


def test_a_renaming_wins_over_the_table_and_the_words():
    renamed = {"generative-ai": "GenAI", "deepfakes": "Deep fakes"}
    assert (tags.name("generative-ai", renamed), tags.name("deepfakes", renamed)) == ("GenAI", "Deep fakes")
    assert tags.name("copyright", renamed) == "Copyright"


def test_every_tag_of_the_published_listings_has_a_proper_name():
    """The names the committed data publishes (data/ and its series)."""
    cat = catalog_module.load(ROOT / "data", base_url="https://feeds.example.org/")
    names = views.topic_names(cat)
    assert names == {t: tags.NAMES[t] for t in names}  # every one from the table
    assert names["generative-ai"] == "Generative AI" and names["ip-administration"] == "IP administration"


# --- [topics] in sessions.toml ----------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sessions.toml"
    path.write_text(text, "utf-8")
    return path


def test_topics_are_read_with_their_spaces_made_plain(tmp_path):
    path = write(tmp_path, '[topics]\n"generative-ai" = "Generative  AI\\u00a0(GenAI)"\ndeepfakes = "Deepfakes"\n')
    assert curation.topic_names(path) == {"generative-ai": "Generative AI (GenAI)", "deepfakes": "Deepfakes"}
    sessions = listing.parse(SEED.read_text("utf-8"))
    assert curation.apply(sessions, path) == sessions  # names change no session
    assert curation.topic_names(None) == curation.topic_names(tmp_path / "missing.toml") == {}


TOPIC_ERRORS = [
    pytest.param('[topics]\n"Generative AI" = "X"\n',
                 [(2, "'Generative AI' is not a tag (expected lowercase slugs like 'generative-ai')")], id="not-a-slug"),
    pytest.param('# names\n[topics]\ncopyright = ""\n',
                 [(3, "name of topic copyright: expected a non-empty string, found ''")], id="empty"),
    pytest.param('[topics]\ncopyright = 3\n', [(2, "name of topic copyright: expected a non-empty string, found 3")],
                 id="not-a-string"),
    pytest.param('[topics]\ncopyright = "' + "x" * 81 + '"\n', [(2, "name of topic copyright: 81 characters; at most 80")],
                 id="too-long"),
    pytest.param('[topics]\ncopyright = "a\\u202eb"\n',
                 [(2, "name of topic copyright: control character U+202E is not allowed; remove it")], id="bidi"),
    pytest.param('topics = "Copyright"\n',
                 [(1, "'topics' must be a table: [topics] then \"tag-slug\" = \"Display name\" lines")], id="not-a-table"),
]


@pytest.mark.parametrize(("text", "problems"), TOPIC_ERRORS)
def test_a_bad_topic_is_an_error_naming_file_and_line(tmp_path, text, problems):
    path = write(tmp_path, text)
    expected = tuple(Problem(str(path), line, message) for line, message in problems)
    with pytest.raises(ListingError) as caught:
        curation.topic_names(path)
    assert caught.value.problems == expected
    with pytest.raises(ListingError) as caught:  # `wipofeeds check` (apply) reports it too
        curation.apply(listing.parse(SEED.read_text("utf-8")), path)
    assert caught.value.problems == expected


def test_the_load_step_gives_the_site_the_names_of_every_listing(tmp_path):
    data = tmp_path / "data"
    (data / "series").mkdir(parents=True)
    (data / "sessions.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    (data / "sessions.toml").write_text('[topics]\n"generative-ai" = "GenAI"\n', "utf-8")
    (data / "series" / "sccr.txt").write_text(
        "SCCR/47\nDecember 1 to December 5, 2025 (Geneva, Switzerland) Hybrid\nThe forty-seventh session.\n", "utf-8")
    (data / "series" / "sccr.toml").write_text('[topics]\n"generative-ai" = "GenAI"\ncopyright = "Copyright law"\n',
                                               "utf-8")
    cat = catalog_module.load(data, base_url="https://feeds.example.org/")
    assert cat.site.topics == (("copyright", "Copyright law"), ("generative-ai", "GenAI"))
    for _, part in cat.parts:  # every part of the site names them alike
        assert views.topic_name(part, "generative-ai") == "GenAI"
        assert views.topic_name(part, "patents") == "Patents"
    (data / "series" / "sccr.toml").write_text('[topics]\n"generative-ai" = "Generative AI"\n', "utf-8")
    with pytest.raises(ListingError) as caught:
        catalog_module.load(data, base_url="https://feeds.example.org/")
    [problem] = caught.value.problems
    assert problem.file == str(data / "series" / "sccr.toml")
    assert problem.message == ("[topics] names 'generative-ai' 'Generative AI', but "
                               f"{data / 'sessions.toml'} names it 'GenAI'; name it once")


def test_site_toml_does_not_take_topics(tmp_path):
    (tmp_path / "sessions.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    (tmp_path / "site.toml").write_text('topics = [["copyright", "Copyright"]]\n', "utf-8")
    with pytest.raises(ConfigError, match="unknown setting"):
        catalog_module.load(tmp_path / "sessions.txt", base_url="https://feeds.example.org/")


# --- where they show -----------------------------------------------------------------------

RENAMED = replace(SITE, topics=(("synthetic-media", "Synthetic media & deepfakes"),))


def test_views_topic_name_reads_the_sites_names():
    plain, renamed = catalog(site=SITE), catalog(site=RENAMED)
    assert views.topic_name(plain, "synthetic-media") == "Synthetic media"
    assert views.topic_name(renamed, "synthetic-media") == "Synthetic media & deepfakes"
    assert views.topic_name(renamed, "generative-ai") == "Generative AI"
    names = views.topic_names(seed_catalog())  # sorted by name, for lists of topics
    assert list(names.values()) == sorted(names.values(), key=str.casefold)
    assert set(names) == {t for s in seed_catalog().sessions for t in s.tags}


@pytest.mark.parametrize(
    ("path", "topics", "title"),
    [
        ("tag/generative-ai/feed.rss", (), "Series (Generative AI)"),
        ("tag/ip-administration/calendar.ics", (), "Series (IP administration)"),
        ("series/sccr/tag/copyright/feed.atom", (), "Series (Copyright)"),
        ("tag/deepfakes/feed.json", (), "Series (Deepfakes)"),
        ("tag/generative-ai/feed.rss", (("generative-ai", "GenAI"),), "Series (GenAI)"),
        ("mode/virtual/feed.rss", (), "Series (Virtual)"),
        ("year/2025/feed.rss", (), "Series (2025)"),
        ("feed.rss?tag=copyright", (), "Series (selection)"),
    ],
)
def test_collection_title_names_a_topic_by_its_display_name(path, topics, title):
    assert wording.collection_title("Series", path, topics) == title


def test_every_collection_of_a_topic_is_titled_by_its_name():
    cat = catalog(site=RENAMED)
    subset = cat.with_sessions([s for s in cat.sessions if "synthetic-media" in s.tags])
    title = f"{cat.site.title} (Synthetic media & deepfakes)"
    prefix = "tag/synthetic-media/"
    assert feedparser.parse(feeds.render_rss(subset, prefix + "feed.rss")).feed.title == title
    assert feedparser.parse(feeds.render_atom(subset, prefix + "feed.atom")).feed.title == title
    assert json.loads(jsonapi.render_json_feed(subset, prefix + "feed.json"))["title"] == title
    ics = icalendar.Calendar.from_ical(calendar.render_calendar(subset, prefix + "calendar.ics"))
    assert str(ics["X-WR-CALNAME"]) == title


def test_atom_labels_a_topic_with_its_name_and_rss_keeps_the_slug():
    cat = catalog([session(tags=("generative-ai", "synthetic-media"))], site=RENAMED)
    entry = etree.fromstring(feeds.render_atom(cat, "feed.atom")).find(f"{ATOM}entry")
    assert [dict(c.attrib) for c in entry.findall(f"{ATOM}category")] == [
        {"term": "hybrid", "label": "Hybrid"},
        {"term": "generative-ai", "label": "Generative AI"},
        {"term": "synthetic-media", "label": "Synthetic media & deepfakes"},
    ]
    item = etree.fromstring(feeds.render_rss(cat, "feed.rss")).find("channel/item")
    assert [c.text for c in item.findall("category")] == ["Hybrid", "generative-ai", "synthetic-media"]
