"""sessions.json (our API, with its shipped JSON Schema), sessions/<id>.json and JSON Feed 1.1."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import feedparser
import icalendar
import lxml.html
import pytest
import recurring_ical_events
from _feed_factories import BASE_URL, HOSTILE, UTC, catalog, reader_shapes, rescheduled_catalog, seed_catalog, session
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from wipofeeds.model import Catalog, Place
from wipofeeds import views
from wipofeeds.render import FORMATS, calendar, clear_all, feeds, jsonapi

SCHEMA = json.loads((Path(jsonapi.__file__).parent.parent / "schemas" / "sessions.schema.json").read_text("utf-8"))
JSON_FEED_SCHEMA = json.loads((Path(__file__).parent / "data" / "jsonfeed-1.1.schema.json").read_text("utf-8"))
CATALOGS = {
    "seed": seed_catalog,
    "sample": catalog,
    "changed": lambda: rescheduled_catalog()[0],
    "empty": lambda: catalog([]),
    "reader-shapes": lambda: catalog(reader_shapes()),
}


def validator(ref: str | None = None) -> Draft202012Validator:
    """The shipped schema, or one of its $defs as the root."""
    schema = SCHEMA if ref is None else {"$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{ref}"}
    return Draft202012Validator(schema)


def errors(v: Draft202012Validator, instance) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in v.iter_errors(instance)]


def sessions_json(cat, path="sessions.json") -> dict:
    return json.loads(jsonapi.render_sessions(cat, path))


# --- schemas ---------------------------------------------------------------------------


@pytest.mark.parametrize("schema", [SCHEMA, JSON_FEED_SCHEMA], ids=["sessions.schema.json", "jsonfeed-1.1"])
def test_schemas_are_valid_draft_2020_12(schema):
    Draft202012Validator.check_schema(schema)


def test_schema_is_served_byte_for_byte():
    shipped = Path(jsonapi.__file__).parent.parent / "schemas" / "sessions.schema.json"
    assert jsonapi.render_schema(catalog(), "sessions.schema.json") == shipped.read_bytes()


@pytest.mark.parametrize("which", CATALOGS)
def test_sessions_json_validates_against_its_schema(which):
    cat = CATALOGS[which]()
    doc = sessions_json(cat)
    assert errors(validator(), doc) == []
    assert len(doc["sessions"]) == len(cat.sessions)


@pytest.mark.parametrize("which", ["seed", "sample", "reader-shapes"])
def test_session_documents_validate(which):
    cat = CATALOGS[which]()
    for s in cat.sessions:
        doc = json.loads(jsonapi.render_session(cat, s, f"sessions/{s.id}.json"))
        assert errors(validator("session_document"), doc) == []
        assert doc["session"] == sessions_json(cat)["sessions"][cat.sessions.index(s)]


@pytest.mark.parametrize(
    ("mutation", "path"),
    [
        (lambda d: d["sessions"][0].pop("days"), ["sessions", 0]),
        (
            lambda d: d["sessions"][0]["days"][0].update(start_utc="2025-10-28T09:00:00+00:00"),
            ["sessions", 0, "days", 0, "start_utc"],
        ),
        (lambda d: d["sessions"][0].update(mode="online"), ["sessions", 0, "mode"]),
        (lambda d: d["sessions"][0].update(colour="red"), ["sessions", 0]),
        (lambda d: d.update(version=2), ["version"]),
    ],
    ids=["missing-days", "utc-without-z", "unknown-mode", "unknown-field", "other-version"],
)
def test_schema_rejects_drift(mutation, path):
    doc = sessions_json(catalog())
    mutation(doc)
    found = [list(e.absolute_path) for e in validator().iter_errors(doc)]
    assert path in found


# --- contents --------------------------------------------------------------------------


def test_session_fields_and_key_order():
    cat = catalog()
    doc = sessions_json(cat)
    assert list(doc) == ["version", "schema", "calendar", "sessions"]
    assert doc["calendar"] == {
        "title": cat.site.title,
        "description": cat.site.description,
        "language": "en",
        "url": BASE_URL,
        "self": BASE_URL + "sessions.json",
        "updated": "2025-01-06T12:00:00Z",
    }
    s = doc["sessions"][1]
    assert list(s) == [
        "id", "code", "ordinal", "title", "title_is_generated", "status", "mode", "place", "location", "tags",
        "paragraphs", "first_day", "last_day", "all_day", "zone", "window", "windows", "when", "days", "url",
        "conference_url",
        "sequence", "first_published", "last_modified", "links",
    ]  # fmt: skip
    assert s | {"paragraphs": None, "days": None} == {
        "id": "wipo-ip-conv-ge-2-25",
        "code": "WIPO/IP/CONV/GE/2/25",
        "ordinal": 12,
        "title": "IP and Synthetic Media",
        "title_is_generated": False,
        "status": "confirmed",
        "mode": "hybrid",
        "place": {"city": "Geneva", "country": "Switzerland", "region": None, "venue": None},
        "location": "Geneva, Switzerland",
        "tags": ["synthetic-media"],
        "paragraphs": None,
        "first_day": "2025-10-28",
        "last_day": "2025-10-29",
        "all_day": False,
        "zone": "Europe/Zurich",
        "window": {"start": "10:00", "end": "18:00", "zone": "Europe/Zurich", "label": "Geneva time"},
        "windows": [{"start": "10:00", "end": "18:00", "zone": "Europe/Zurich", "label": "Geneva time"}],
        "when": "28\u2009–\u200929 October 2025, 10:00–18:00 Geneva time (CET, UTC+1)",
        "days": None,
        "url": None,
        "conference_url": None,
        "sequence": 0,
        "first_published": "2025-01-05T12:00:00Z",
        "last_modified": "2025-01-05T12:00:00Z",
        "links": {
            "page": BASE_URL + "sessions/wipo-ip-conv-ge-2-25.html",
            "ics": BASE_URL + "sessions/wipo-ip-conv-ge-2-25.ics",
            "json": BASE_URL + "sessions/wipo-ip-conv-ge-2-25.json",
        },
    }
    assert s["days"] == [
        {
            "date": "2025-10-28",
            "start": "2025-10-28T10:00:00+01:00",
            "end": "2025-10-28T18:00:00+01:00",
            "start_utc": "2025-10-28T09:00:00Z",
            "end_utc": "2025-10-28T17:00:00Z",
        },
        {
            "date": "2025-10-29",
            "start": "2025-10-29T10:00:00+01:00",
            "end": "2025-10-29T18:00:00+01:00",
            "start_utc": "2025-10-29T09:00:00Z",
            "end_utc": "2025-10-29T17:00:00Z",
        },
    ]


def test_all_day_and_online_sessions_have_null_times_zone_and_place():
    virtual = next(s for s in sessions_json(catalog())["sessions"] if s["mode"] == "virtual")
    assert (virtual["place"], virtual["location"], virtual["zone"], virtual["window"], virtual["all_day"]) == (
        None,
        "Online",
        None,
        None,
        True,
    )
    assert virtual["days"] == [
        {"date": d, "start": None, "end": None, "start_utc": None, "end_utc": None}
        for d in ("2022-04-05", "2022-04-06")
    ]


def _utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_days_agree_with_session_occurrences_for_every_seed_session():
    cat = seed_catalog()
    for s, doc in zip(cat.sessions, sessions_json(cat)["sessions"], strict=True):
        assert [(d["date"], _utc(d["start_utc"]), _utc(d["end_utc"])) for d in doc["days"]] == [
            (o.day.isoformat(), o.start_utc, o.end_utc) for o in s.occurrences
        ], s.id
        assert all(_utc(d["start"]) == _utc(d["start_utc"]) for d in doc["days"])


def test_days_agree_with_the_expanded_calendar_for_every_seed_session():
    """recurring-ical-events expands calendar.ics (RRULEs, VTIMEZONEs) independently."""
    cat = seed_catalog()
    cal = icalendar.Calendar.from_ical(calendar.render_calendar(cat, "calendar.ics"))
    expanded: dict[str, list] = {}
    for event in recurring_ical_events.of(cal).between(date(2000, 1, 1), date(2100, 1, 1)):
        expanded.setdefault(str(event["UID"]), []).append((event["DTSTART"].dt, event["DTEND"].dt))
    for s, doc in zip(cat.sessions, sessions_json(cat)["sessions"], strict=True):
        spans = sorted(expanded[calendar.uid(s)])
        if doc["all_day"]:
            covered = [start + timedelta(days=i) for start, end in spans for i in range((end - start).days)]
            assert [d.isoformat() for d in covered] == [d["date"] for d in doc["days"]], s.id
        else:
            as_utc = [(a.astimezone(UTC), b.astimezone(UTC)) for a, b in spans]
            assert as_utc == [(_utc(d["start_utc"]), _utc(d["end_utc"])) for d in doc["days"]], s.id


def test_filtered_collection_links_itself():
    cat = catalog()
    subset = cat.with_sessions([s for s in cat.sessions if s.first_day.year == 2025])
    assert sessions_json(subset, "year/2025/sessions.json")["calendar"]["self"] == BASE_URL + "year/2025/sessions.json"
    feed = json.loads(jsonapi.render_json_feed(subset, "year/2025/feed.json"))
    assert feed["feed_url"] == BASE_URL + "year/2025/feed.json"
    assert [i["id"] for i in feed["items"]] == [views.session_urn(s) for s in subset.sessions]


# --- JSON Feed -------------------------------------------------------------------------


def _is_rfc3339(text: str) -> bool:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.tzinfo is not None


@pytest.mark.parametrize("which", CATALOGS)
def test_json_feed_follows_json_feed_1_1(which):
    cat = CATALOGS[which]()
    feed = json.loads(jsonapi.render_json_feed(cat, "feed.json"))
    assert errors(Draft202012Validator(JSON_FEED_SCHEMA), feed) == []
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert (feed["home_page_url"], feed["feed_url"]) == (BASE_URL, BASE_URL + "feed.json")
    for item in feed["items"]:
        assert _is_rfc3339(item["date_published"]) and _is_rfc3339(item["date_modified"])
        assert errors(validator("event"), item["_event"]) == []
    assert len({i["id"] for i in feed["items"]}) == len(feed["items"])


def test_json_feed_items_match_the_rss_items():
    cat = seed_catalog()
    items = json.loads(jsonapi.render_json_feed(cat, "feed.json"))["items"]
    rss = feedparser.parse(feeds.render_rss(cat, "feed.rss")).entries
    assert [(i["id"], i["url"], i["title"]) for i in items] == [(e.id, e.link, e.title) for e in rss]
    for index, (item, s, entry) in enumerate(zip(items, cat.sessions, rss, strict=True)):
        record = cat.record(s)
        # one build published the seed: a second apart, newest session first, as in RSS
        assert record.first_published == record.last_modified == cat.updated
        assert _utc(item["date_published"]) == record.first_published - timedelta(seconds=index)
        assert _utc(item["date_modified"]) == record.last_modified - timedelta(seconds=index)
        assert _utc(item["date_published"]) == datetime(*entry.published_parsed[:6], tzinfo=timezone.utc)
        assert item["tags"] == [s.mode.value, *s.tags]
        ics = calendar.render_session(cat, s, f"sessions/{s.id}.ics")
        assert item["attachments"] == [
            {
                "url": f"{BASE_URL}sessions/{s.id}.ics",
                "mime_type": "text/calendar",
                "title": "Calendar (iCalendar)",
                "size_in_bytes": len(ics),
            }
        ]
        assert item["_event"]["days"] == sessions_json(cat)["sessions"][cat.sessions.index(s)]["days"]


# --- output form -----------------------------------------------------------------------

RENDERERS = {
    "sessions.json": lambda cat: jsonapi.render_sessions(cat, "sessions.json"),
    "feed.json": lambda cat: jsonapi.render_json_feed(cat, "feed.json"),
    "session.json": lambda cat: jsonapi.render_session(cat, cat.sessions[0], f"sessions/{cat.sessions[0].id}.json"),
}


LISTED = {"sessions.json": "sessions", "feed.json": "items", "session.json": "session"}


@pytest.mark.parametrize("name", RENDERERS)
def test_deterministic_indented_head_one_line_per_session_final_newline(name):
    cat = rescheduled_catalog()[0]
    body = RENDERERS[name](cat)
    assert body == RENDERERS[name](rescheduled_catalog()[0])
    assert body.endswith(b"}\n") and b'\n  "' in body and "–".encode() in body and b"\\u2013" not in body
    data = json.loads(body)
    key = LISTED[name]
    listed = data[key] if isinstance(data[key], list) else [data[key]]
    lines = body.decode().splitlines()
    for value in listed:  # each session (item) is one line of its own, at its depth
        one = jsonapi.dumps_safe(value, indent=None)
        assert any(line.strip().rstrip(",").removeprefix(f'"{key}": ') == one for line in lines)
    head = {k: v for k, v in data.items() if k != key}
    assert body.decode().startswith(jsonapi.dumps_safe({**head, key: None}).removesuffix("null\n}"))


def hostile_catalog():
    return catalog([session(title=HOSTILE, paragraphs=(HOSTILE,), place=Place(HOSTILE), tags=(HOSTILE,))])


# --- documents spliced from per-session texts ---------------------------------------------
# Each session's JSON is serialized once per catalog and documents are spliced from those
# texts; the bytes must be exactly those of encoding the whole document at once.

SPLICED = {
    "no sessions": lambda: catalog([]),
    "one session": lambda: catalog([session()]),
    "seed": seed_catalog,
    "hostile text": hostile_catalog,
    "filtered": lambda: (lambda cat: cat.with_sessions(cat.sessions[1::2]))(seed_catalog()),
}
DOCUMENTS = {
    "sessions.json": lambda cat: [jsonapi.render_sessions(cat, "sessions.json")],
    "feed.json": lambda cat: [jsonapi.render_json_feed(cat, "feed.json")],
    "session.json": lambda cat: [jsonapi.render_session(cat, s, f"sessions/{s.id}.json") for s in cat.sessions],
}


@pytest.mark.parametrize("which", SPLICED)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_spliced_documents_are_the_plain_encoding_of_their_data(name, which):
    cat = SPLICED[which]()
    DOCUMENTS["sessions.json"](cat.with_sessions(cat.sessions[:1]))  # remembered through another view first
    for body in DOCUMENTS[name](cat):
        data = json.loads(body)
        # what the document says is what the renderer's own data says, encoded at once
        key = LISTED[name]
        head = {k: v for k, v in data.items() if k != key}
        whole = (jsonapi.dumps_safe(data) + "\n").encode()
        assert json.loads(whole) == data
        assert jsonapi._spliced(head, key, [jsonapi.fragment(v) for v in data[key]] if isinstance(data[key], list) else jsonapi.fragment(data[key])) == body


def test_remembered_sessions_follow_the_base_url():
    """Filtered views and other hosts share the format's fragments; what they render must
    be what the format renders with nothing remembered."""
    cat = seed_catalog()
    for render in DOCUMENTS.values():
        render(cat)
    views = {
        "filtered": cat.with_sessions(cat.sessions[::3]),
        "other host": cat.with_site(replace(cat.site, base_url="https://other.example/feeds/")),
    }
    for label, view in views.items():
        fresh = Catalog(view.sessions, view.history, view.site)
        for name, render in DOCUMENTS.items():
            remembered = render(view)
            clear_all()  # nothing remembered: what the format renders from scratch
            assert remembered == render(fresh), (label, name)
            render(cat)  # the first host's fragments are kept again


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@settings(deadline=None)
@given(head=st.dictionaries(st.text(max_size=5), JSON_VALUES, max_size=3), values=st.lists(JSON_VALUES, max_size=3))
def test_splicing_any_json_values_equals_encoding_them_in_place(head, values):
    head.pop("k", None)
    whole = (jsonapi.dumps_safe(head | {"k": values}) + "\n").encode()
    body = jsonapi._spliced(head, "k", [jsonapi.fragment(v) for v in values])
    assert json.loads(body) == json.loads(whole)
    head_text = jsonapi.dumps_safe({**head, "k": None}).removesuffix("null\n}").encode()
    assert body.startswith(head_text)
    tail = body[len(head_text) :].splitlines()  # "[", one line per value, "  ]", "}"
    assert len(tail) == (len(values) + 3 if values else 2)
    one = values[0] if values else {}
    assert json.loads(jsonapi._spliced(head, "k", jsonapi.fragment(one))) == head | {"k": one}


@pytest.mark.parametrize("name", RENDERERS)
def test_hostile_text_round_trips_and_cannot_end_a_script_element(name):
    body = RENDERERS[name](hostile_catalog()).decode()
    assert not set("<>&\u2028") & set(body)
    text = json.dumps(json.loads(body), ensure_ascii=False)
    assert json.dumps(HOSTILE, ensure_ascii=False) in text  # unchanged where JSON carries it
    if name == "feed.json":
        html = json.loads(body)["items"][0]["content_html"]
        nodes = lxml.html.fragments_fromstring(html, no_leading_text=False)
        assert not [
            el for n in nodes if not isinstance(n, str) for el in n.iter() if el.tag not in ("p", "strong", "a")
        ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "</script><script>alert(1)</script>",
            '"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"',
        ),
        ("a & b", '"a \\u0026 b"'),
        ("<!-- x -->", '"\\u003c!-- x --\\u003e"'),
        ("line\u2028para\u2029", '"line\\u2028para\\u2029"'),
        ("é – “quotes”", '"é – “quotes”"'),
        ({"k<": ["v>"]}, '{"k\\u003c": ["v\\u003e"]}'),
    ],
    ids=["script-end", "ampersand", "html-comment", "js-line-separators", "unicode-kept", "keys-too"],
)
def test_dumps_safe(value, expected):
    assert jsonapi.dumps_safe(value, indent=None) == expected
    assert json.loads(expected) == value


def test_registered_formats():
    expected = {
        ("collection", "sessions.json"): ("application/json; charset=utf-8", "json"),
        ("collection", "feed.json"): ("application/feed+json; charset=utf-8", "json"),
        ("session", ".json"): ("application/json; charset=utf-8", "json"),
        ("site", "sessions.schema.json"): ("application/schema+json; charset=utf-8", "json"),
    }
    assert {key: (FORMATS[key].media_type, FORMATS[key].kind) for key in expected} == expected
