"""The Flask app through its test client: routes, media types, HTTP caching, filters,
errors and live data updates. What a calendar app, a feed reader or a browser sees."""

from __future__ import annotations

import gzip
import json
import logging
import os
import time
import shutil
from datetime import timedelta
from pathlib import Path
from email.utils import format_datetime, parsedate_to_datetime

import feedparser
import icalendar
import pytest

from wipofeeds import catalog as catalog_module
from wipofeeds.site import CACHE_CONTROL, COLLECTIONS, HOST_FILES, PATH_COLLECTIONS, build_site
from wipofeeds.web import create_app

from _factories import BROKEN_RECORD, FUTURE_RECORD, SEED

BASE_URL = "https://feeds.example.org/"  # as the app fixture of conftest.py
SEED = Path(__file__).with_name("data") / "seed_sessions.txt"
SESSION = "wipo-ip-conv-ge-2-25"

@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One app for the tests that only read (building a site takes a moment)."""
    folder = tmp_path_factory.mktemp("data")
    shutil.copyfile(SEED, folder / "sessions.txt")
    app = create_app({"TESTING": True, "SOURCE": str(folder / "sessions.txt"), "BASE_URL": BASE_URL})
    return app.test_client()


# path, media type, kind (which chooses Cache-Control and CORS)
ROUTES = [
    ("/", "text/html; charset=utf-8", "html"),
    ("/index.html", "text/html; charset=utf-8", "html"),
    ("/calendar.ics", "text/calendar; charset=utf-8", "calendar"),
    ("/feed.rss", "application/rss+xml; charset=utf-8", "feed"),
    ("/feed.atom", "application/atom+xml; charset=utf-8", "feed"),
    ("/feed.json", "application/feed+json; charset=utf-8", "json"),
    ("/changes.rss", "application/rss+xml; charset=utf-8", "feed"),
    ("/changes.atom", "application/atom+xml; charset=utf-8", "feed"),
    ("/sessions.json", "application/json; charset=utf-8", "json"),
    ("/sessions.schema.json", "application/schema+json; charset=utf-8", "json"),
    (f"/sessions/{SESSION}", "text/html; charset=utf-8", "html"),
    (f"/sessions/{SESSION}.html", "text/html; charset=utf-8", "html"),
    (f"/sessions/{SESSION}.ics", "text/calendar; charset=utf-8", "calendar"),
    (f"/sessions/{SESSION}.json", "application/json; charset=utf-8", "json"),
    ("/year/2025/calendar.ics", "text/calendar; charset=utf-8", "calendar"),
    ("/mode/virtual/feed.rss", "application/rss+xml; charset=utf-8", "feed"),
    ("/tag/copyright/feed.atom", "application/atom+xml; charset=utf-8", "feed"),
    ("/tag/copyright/feed.json", "application/feed+json; charset=utf-8", "json"),
    ("/year/2025/", "text/html; charset=utf-8", "html"),
    ("/mode/virtual/index.html", "text/html; charset=utf-8", "html"),
    ("/tag/copyright/", "text/html; charset=utf-8", "html"),
    ("/assets/style.css", "text/css; charset=utf-8", "asset"),
    ("/assets/app.js", "text/javascript; charset=utf-8", "asset"),
    ("/sitemap.xml", "application/xml; charset=utf-8", "text"),
]


@pytest.mark.parametrize(("path", "media_type", "kind"), ROUTES, ids=[r[0] for r in ROUTES])
def test_route_answers_with_its_media_type_and_caching_headers(served, path, media_type, kind):
    response = served.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == media_type
    assert response.data
    etag = response.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"'), "a strong validator"
    assert parsedate_to_datetime(response.headers["Last-Modified"]).tzinfo is not None
    assert response.headers["Cache-Control"] == CACHE_CONTROL[kind]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert (response.headers.get("Access-Control-Allow-Origin") == "*") == (kind in ("calendar", "feed", "json"))
    assert ("Content-Security-Policy" in response.headers) == (kind == "html")


def test_html_carries_security_headers(served):
    response = served.get("/")
    csp = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"):
        assert directive in csp
    assert response.headers["Referrer-Policy"]


def test_every_published_path_is_served_with_the_same_body(client, data_dir):
    """The one mapping: what the static export writes is what the app answers."""
    catalog = catalog_module.load(data_dir / "sessions.txt", base_url=BASE_URL)
    site = build_site(catalog)
    assert "index.html" in site and f"sessions/{SESSION}.ics" in site
    for path, resource in site.items():
        response = client.get("/" + path)
        if path in HOST_FILES:
            assert response.status_code == 404
            continue
        assert response.status_code == 200, path
        assert response.data == resource.body, path
        assert response.headers["Content-Type"] == resource.media_type, path
        assert response.headers["ETag"] == resource.etag, path
        if path.endswith("index.html"):  # a page of a folder: at the folder's URL too
            assert client.get("/" + path.removesuffix("index.html")).data == resource.body, path
    assert {"year/2025/index.html", "mode/virtual/index.html", "tag/copyright/index.html"} <= site.keys()


def test_home_and_session_pages_have_two_addresses(served):
    assert served.get("/").data == served.get("/index.html").data
    assert served.get(f"/sessions/{SESSION}").data == served.get(f"/sessions/{SESSION}.html").data


@pytest.mark.parametrize("folder", ["year/2025/", "mode/virtual/", "tag/copyright/"])
def test_a_view_page_is_served_at_its_folder_as_a_static_host_serves_it(served, folder):
    """/year/2025/ is year/2025/index.html: the page of the view, at the path of its feeds."""
    by_folder, by_file = served.get("/" + folder), served.get(f"/{folder}index.html")
    assert by_folder.status_code == by_file.status_code == 200
    assert by_folder.data == by_file.data and by_folder.headers["ETag"] == by_file.headers["ETag"]
    assert f'<link rel="canonical" href="{BASE_URL}{folder}">' in by_folder.get_data(as_text=True)
    assert served.get("/" + folder, headers={"If-None-Match": by_folder.headers["ETag"]}).status_code == 304


# --- filters ----------------------------------------------------------------------------

PATH_FORMS = [("year=2025", "year/2025/"), ("mode=virtual", "mode/virtual/"), ("tag=copyright", "tag/copyright/")]


@pytest.mark.parametrize("name", PATH_COLLECTIONS)
@pytest.mark.parametrize(("query", "prefix"), PATH_FORMS, ids=[q for q, _ in PATH_FORMS])
def test_query_form_answers_the_bytes_of_the_path_form(served, query, prefix, name):
    by_path = served.get(f"/{prefix}{name}")
    by_query = served.get(f"/{name}?{query}")
    assert by_path.status_code == by_query.status_code == 200
    assert by_query.data == by_path.data
    assert by_query.headers["ETag"] == by_path.headers["ETag"]


@pytest.mark.parametrize(("query", "prefix"), PATH_FORMS, ids=[q for q, _ in PATH_FORMS])
def test_the_data_set_has_no_path_forms_but_takes_every_query(served, query, prefix):
    """sessions.json is published once; programs filter it with the query."""
    assert served.get(f"/{prefix}sessions.json").status_code == 404
    response = served.get(f"/sessions.json?{query}")
    assert response.status_code == 200
    assert json.loads(response.data)["calendar"]["self"] == f"{BASE_URL}sessions.json?{query.lower()}"


def sessions_in(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.data
    return [s["id"] for s in json.loads(response.data)["sessions"]]


FILTERS = [
    ("year=2025", {"wipo-ip-conv-ge-2-25", "wipo-ip-conv-ge-25"}),
    ("mode=virtual", {"wipo-ip-conv-ge-22", "wipo-ip-conv-ge-21"}),
    ("mode=VIRTUAL", {"wipo-ip-conv-ge-22", "wipo-ip-conv-ge-21"}),
    ("from=2024-11-06&to=2025-04-23", {"wipo-ip-conv-ge-2-24", "wipo-ip-conv-ge-25"}),
    ("q=synthetic+media", {"wipo-ip-conv-ge-2-25"}),
    ("q=metaverse&year=2023", {"wipo-ip-conv-ge-23"}),
    ("year=1999", set()),
    ("year=&utm_source=newsletter", None),  # empty and unknown parameters are ignored
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=[q for q, _ in FILTERS])
def test_filters_select_sessions(served, query, expected):
    found = sessions_in(served, f"/sessions.json?{query}")
    if expected is None:
        assert len(found) == 10
    else:
        assert set(found) == expected


def test_upcoming_depends_on_today(served, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1745452800")  # 2025-04-24: last day of a session
    assert sessions_in(served, "/sessions.json?upcoming=1") == ["wipo-ip-conv-ge-2-25", "wipo-ip-conv-ge-25"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")  # 2030-01-01
    assert sessions_in(served, "/sessions.json?upcoming=yes") == []


def test_upcoming_is_not_modified_only_within_the_same_day(client, data_dir, monkeypatch):
    """The body of ?upcoming changes at midnight with no data change: a client that
    revalidates by date (Apple Calendar) must then get the new body, not a 304."""
    append(data_dir, FUTURE_RECORD.replace("March 10 to March 11, 2099", "March 10, 2099"))
    append(data_dir, FUTURE_RECORD.replace("GE/99", "GE/97").replace("March 10 to March 11, 2099", "May 5, 2099"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4076784000")  # 2099-03-10 00:00 UTC
    before = client.get("/calendar.ics?upcoming=1")
    assert before.data.count(b"BEGIN:VEVENT") == 2
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4076827199")  # 2099-03-10 11:59:59 UTC
    again = client.get("/calendar.ics?upcoming=1", headers={"If-Modified-Since": before.headers["Last-Modified"]})
    assert again.status_code == 304
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4076870400")  # 2099-03-11: the first is past
    after = client.get("/calendar.ics?upcoming=1", headers={"If-Modified-Since": before.headers["Last-Modified"]})
    assert after.status_code == 200
    assert after.data.count(b"BEGIN:VEVENT") == 1


@pytest.mark.parametrize("name", ["feed.rss", "feed.atom", "feed.json", "calendar.ics"])
def test_filtered_feeds_parse_and_point_to_themselves(served, name):
    response = served.get(f"/{name}?q=Synthetic+Media")
    assert response.status_code == 200
    if name == "calendar.ics":
        events = icalendar.Calendar.from_ical(response.data).walk("VEVENT")
        assert {str(e["UID"]).split("@")[0] for e in events} == {SESSION}
        return
    if name == "feed.json":
        feed = json.loads(response.data)
        assert feed["feed_url"] == BASE_URL + "feed.json?q=Synthetic%20Media"
        assert [item["id"] for item in feed["items"]] == [feed["items"][0]["id"]]
        return
    feed = feedparser.parse(response.data)
    assert not feed.bozo
    assert len(feed.entries) == 1
    self_link = next(link for link in feed.feed.links if link.rel == "self")
    assert self_link.href == BASE_URL + f"{name}?q=Synthetic%20Media"
    assert self_link.type == {"feed.rss": "application/rss+xml", "feed.atom": "application/atom+xml"}[name]


@pytest.mark.parametrize("path", ["/year/1999/feed.rss", "/year/1999/calendar.ics", "/tag/nope/feed.atom",
                                  "/tag/no-such-topic/calendar.ics", "/mode/Virtual/feed.rss"])
def test_a_path_form_the_export_has_no_file_for_answers_404(served, path):
    """A static host serves the export's files only: the app answers a path form that is
    not published (a year or topic without sessions, another spelling) alike."""
    response = served.get(path)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_an_empty_filter_is_rendered_on_demand_by_query(served):
    response = served.get("/feed.rss?year=1999")
    assert response.status_code == 200
    feed = feedparser.parse(response.data)
    assert not feed.bozo and feed.entries == []
    self_link = next(link for link in feed.feed.links if link.rel == "self")
    assert self_link.href == BASE_URL + "feed.rss?year=1999"  # its own address, no file's
    assert served.get("/feed.rss?year=1999").data == response.data
    calendar = served.get("/calendar.ics?tag=no-such-topic")
    assert calendar.status_code == 200
    assert icalendar.Calendar.from_ical(calendar.data).walk("VEVENT") == []


BAD = [
    ("feed.rss?year=abc", "year"),
    ("feed.rss?year=20255", "year"),
    ("calendar.ics?from=2025-13-01", "from"),
    ("calendar.ics?to=yesterday", "to"),
    ("feed.atom?from=2025-05-01&to=2025-04-01", "to"),
    ("feed.json?mode=teleport", "mode"),
    ("sessions.json?upcoming=maybe", "upcoming"),
    ("year/2025/feed.rss?year=2024", "year"),
    ('feed.atom?tag=a%20b%22x', "tag"),
    ("feed.rss?tag=a/b", "tag"),
]


@pytest.mark.parametrize(("url", "parameter"), BAD, ids=[u for u, _ in BAD])
def test_bad_filter_value_answers_400_naming_the_parameter(served, url, parameter):
    response = served.get("/" + url)
    assert response.status_code == 400
    if url.split("?")[0].endswith(".json"):
        assert response.headers["Content-Type"].startswith("application/json")
        assert json.loads(response.data)["error"]["parameter"] == parameter
    else:
        assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert f"{parameter}:" in response.data.decode()


NOT_FOUND = [
    "/nope",
    "/sessions/no-such-session",
    "/sessions/no-such-session.ics",
    "/sessions/no-such-session.json",
    "/sessions/",
    "/year/1999/",
    "/year/abc/feed.rss",
    "/mode/teleport/calendar.ics",
    "/year/1999/index.html",
    "/mode/in-person/",  # a view without sessions has no page
    "/mode/in-person/index.html",
    "/tag/nope/",
    "/_headers",
    "/.htaccess",
]


@pytest.mark.parametrize("path", NOT_FOUND)
def test_unknown_paths_answer_404(served, path):
    """A page a person may have typed gets the site's 404 page; a program's file plain text."""
    response = served.get(path)
    assert response.status_code == 404
    name = path.rstrip("/").rsplit("/", 1)[-1]
    page = ("." not in name or name.endswith(".html") or path.endswith("/")) and name != "_headers"  # a host file: plain
    assert response.headers["Content-Type"] == ("text/html; charset=utf-8" if page else "text/plain; charset=utf-8")
    if page:
        assert response.data == served.get("/404.html").data


def test_other_methods_answer_405_with_allow(served):
    response = served.post("/calendar.ics")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


# --- HTTP caching -------------------------------------------------------------------------


def http_date_shift(header: str, seconds: int) -> str:
    return format_datetime(parsedate_to_datetime(header) + timedelta(seconds=seconds), usegmt=True)


def conditional_cases():
    # name, headers built from the fresh response's (etag, last_modified), expected status
    return [
        ("INM current", lambda e, lm: {"If-None-Match": e}, 304),
        ("INM weak form of current", lambda e, lm: {"If-None-Match": "W/" + e}, 304),
        ("INM in a list", lambda e, lm: {"If-None-Match": f'"old", {e}'}, 304),
        ("INM star", lambda e, lm: {"If-None-Match": "*"}, 304),
        ("INM gzip variant", lambda e, lm: {"If-None-Match": e[:-1] + '-gz"'}, 304),
        ("INM stale", lambda e, lm: {"If-None-Match": '"0123456789abcdef"'}, 200),
        ("IMS equal", lambda e, lm: {"If-Modified-Since": lm}, 304),
        ("IMS later", lambda e, lm: {"If-Modified-Since": http_date_shift(lm, 3600)}, 304),
        ("IMS earlier", lambda e, lm: {"If-Modified-Since": http_date_shift(lm, -1)}, 200),
        ("IMS garbage", lambda e, lm: {"If-Modified-Since": "yesterday"}, 200),
        ("INM stale wins over IMS", lambda e, lm: {"If-None-Match": '"x"', "If-Modified-Since": lm}, 200),
    ]


@pytest.mark.parametrize("path", ["/calendar.ics", "/feed.rss", "/", f"/sessions/{SESSION}.ics"])
@pytest.mark.parametrize(("case", "make", "status"), conditional_cases(), ids=[c[0] for c in conditional_cases()])
def test_conditional_requests(served, path, case, make, status):
    fresh = served.get(path)
    response = served.get(path, headers=make(fresh.headers["ETag"], fresh.headers["Last-Modified"]))
    assert response.status_code == status
    if status == 304:
        assert response.data == b""
        assert response.headers["ETag"] == fresh.headers["ETag"]
        assert response.headers["Cache-Control"] == fresh.headers["Cache-Control"]
        assert response.headers.get("Vary") == fresh.headers.get("Vary")
        assert not {"Content-Type", "Content-Encoding", "Content-Length"} & set(response.headers.keys())
    else:
        assert response.data == fresh.data


def test_head_has_the_headers_of_get_and_no_body(served):
    get = served.get("/calendar.ics")
    head = served.head("/calendar.ics")
    assert head.status_code == 200
    assert head.data == b""
    for header in ("Content-Type", "Content-Length", "ETag", "Last-Modified", "Cache-Control"):
        assert head.headers[header] == get.headers[header]
    assert int(head.headers["Content-Length"]) == len(get.data)


@pytest.mark.parametrize("path", ["/calendar.ics", "/feed.atom", "/sessions.json", "/", "/assets/app.js"])
def test_gzip_when_accepted(served, path):
    identity = served.get(path)
    zipped = served.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == identity.data
    assert zipped.headers["ETag"] != identity.headers["ETag"]
    assert zipped.headers["Vary"] == identity.headers["Vary"] == ("Accept-Encoding, Accept-Language" if path == "/" else "Accept-Encoding")
    assert "Content-Encoding" not in identity.headers
    again = served.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("accept_encoding", ["identity", "gzip;q=0", "br", ""])
def test_no_gzip_unless_accepted(served, accept_encoding):
    response = served.get("/feed.rss", headers={"Accept-Encoding": accept_encoding})
    assert "Content-Encoding" not in response.headers
    assert response.data.startswith(b"<?xml")


@pytest.mark.parametrize("accept", [None, "text/html", "application/json", "*/*"])
def test_never_negotiates_on_accept(served, accept):
    """Google's fetcher sends no Accept header at all; every Accept gets the same bytes."""
    headers = {} if accept is None else {"Accept": accept}
    response = served.get("/calendar.ics", headers=headers)
    assert response.status_code == 200
    assert response.data == served.get("/calendar.ics").data
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"


# --- health and live updates --------------------------------------------------------------


def test_healthz_reports_the_loaded_version(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    health = response.get_json()
    assert health["status"] == "ok"
    assert health["sessions"] == 10
    assert health["errors"] == []
    assert len(health["version"]) == 12


def append(data_dir, text: str) -> None:
    listing = data_dir / "sessions.txt"
    listing.write_text(listing.read_text("utf-8") + text, "utf-8")


def test_a_data_change_is_served_at_once_and_recorded(client, data_dir):
    before = client.get("/healthz").get_json()["version"]
    old_calendar = client.get("/calendar.ics")
    append(data_dir, FUTURE_RECORD)
    health = client.get("/healthz").get_json()
    assert health["sessions"] == 11 and health["version"] != before
    assert client.get("/sessions/wipo-ip-conv-ge-99").status_code == 200
    assert b"wipo-ip-conv-ge-99@" in client.get("/calendar.ics").data
    stale = client.get("/calendar.ics", headers={"If-None-Match": old_calendar.headers["ETag"]})
    assert stale.status_code == 200
    history = json.loads((data_dir / "sessions.history.json").read_text("utf-8"))
    assert "wipo-ip-conv-ge-99" in json.dumps(history)


def test_a_client_holding_an_old_copy_gets_the_new_one_by_date(data_dir, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1761955200")  # first seen 2025-11-01
    client = create_app({"SOURCE": str(data_dir / "sessions.txt"), "BASE_URL": BASE_URL, "RELOAD_INTERVAL": 0, "RELOAD_SETTLE": 0}).test_client()
    old = client.get("/feed.rss")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1762041600")  # the change is seen a day later
    append(data_dir, FUTURE_RECORD)
    response = client.get("/feed.rss", headers={"If-Modified-Since": old.headers["Last-Modified"]})
    assert response.status_code == 200
    assert response.data != old.data


def test_an_invalid_change_keeps_the_last_good_version(client, data_dir, caplog):
    good = client.get("/calendar.ics").data
    append(data_dir, BROKEN_RECORD)
    with caplog.at_level(logging.ERROR):
        health = client.get("/healthz")
    assert health.status_code == 503
    body = health.get_json()
    assert body["status"] == "error" and body["sessions"] == 10
    assert body["errors"][0]["line"] == 37 and "February 30" in body["errors"][0]["message"]
    assert any(":37:" in message and "February 30" in message for message in caplog.messages)
    assert client.get("/calendar.ics").data == good
    # fixed: green again, and the new session is served
    listing = data_dir / "sessions.txt"
    listing.write_text(listing.read_text("utf-8").replace("February 30", "February 28"), "utf-8")
    assert client.get("/healthz").status_code == 200
    assert client.get("/sessions/wipo-ip-conv-ge-98.ics").status_code == 200


def test_an_emptied_listing_keeps_the_last_good_version(client, data_dir):
    good = client.get("/calendar.ics").data
    (data_dir / "sessions.txt").write_bytes(b"\xef\xbb\xbf\n")
    health = client.get("/healthz")
    assert health.status_code == 503 and "the listing has no records" in health.get_json()["errors"][0]["message"]
    assert client.get("/calendar.ics").data == good


def test_without_any_valid_version_every_route_answers_503(data_dir):
    append(data_dir, BROKEN_RECORD)
    client = create_app({"SOURCE": str(data_dir / "sessions.txt"), "RELOAD_INTERVAL": 0, "RELOAD_SETTLE": 0}).test_client()
    assert client.get("/healthz").status_code == 503
    assert client.get("/calendar.ics").status_code == 503
    assert create_app({"SOURCE": str(data_dir / "missing.txt")}).test_client().get("/healthz").status_code == 503


# --- configuration ------------------------------------------------------------------------


def test_configuration_from_the_environment(data_dir, monkeypatch):
    monkeypatch.setenv("WIPOFEEDS_SOURCE", str(data_dir / "sessions.txt"))
    monkeypatch.setenv("WIPOFEEDS_BASE_URL", "https://calendar.example.net/wipo")
    client = create_app().test_client()
    assert client.get("/healthz").get_json()["sessions"] == 10
    assert b"https://calendar.example.net/wipo/feed.rss" in client.get("/feed.rss").data


def test_without_a_base_url_links_follow_an_allowed_request_host(data_dir):
    settings = {"SOURCE": str(data_dir / "sessions.txt"), "RELOAD_INTERVAL": 0, "RELOAD_SETTLE": 0}
    client = create_app(settings | {"ALLOWED_HOSTS": "localhost feeds.example.com"}).test_client()
    one = client.get("/feed.rss", base_url="http://localhost:8000")
    other = client.get("/feed.rss", base_url="https://feeds.example.com")
    assert b"http://localhost:8000/feed.rss" in one.data
    assert b"https://feeds.example.com/feed.rss" in other.data
    assert one.headers["ETag"] != other.headers["ETag"]
    assert one.headers["Vary"] == other.headers["Vary"] == "Accept-Encoding, Host"
    page = client.get("/", base_url="https://feeds.example.com").data
    assert b"webcal://feeds.example.com/calendar.ics" in page


def test_site_toml_base_url_counts_as_configured(data_dir):
    (data_dir / "site.toml").write_text('base_url = "https://from-site-toml.example.org/"\n', "utf-8")
    client = create_app({"SOURCE": str(data_dir / "sessions.txt")}).test_client()
    assert b"https://from-site-toml.example.org/feed.rss" in client.get("/feed.rss", base_url="http://other").data


def test_no_debug_mode(app):
    assert app.debug is False


@pytest.mark.parametrize("name", ["changes.rss", "changes.atom"])
def test_change_feeds_take_the_same_filters(served, name):
    whole = feedparser.parse(served.get(f"/{name}").data)
    only_2025 = served.get(f"/{name}?year=2025")
    assert only_2025.status_code == 200
    feed = feedparser.parse(only_2025.data)
    assert not feed.bozo
    assert 0 < len(feed.entries) < len(whole.entries)
    assert all("2025" in entry.title for entry in feed.entries)
    assert next(link.href for link in feed.feed.links if link.rel == "self") == BASE_URL + f"{name}?year=2025"
    assert served.get(f"/{name}?year=abc").status_code == 400
    assert served.get(f"/year/2025/{name}").status_code == 404


# --- files written while the app reads them ----------------------------------------------


def test_a_changed_listing_is_read_only_once_it_has_settled(data_dir):
    """Editors that save in place truncate, then write: a listing changed in the last
    RELOAD_SETTLE seconds is not read yet (it could be empty or cut short), and once it
    has rested it is read twice, RELOAD_SETTLE apart, and taken only if both agree."""
    client = create_app({"SOURCE": str(data_dir / "sessions.txt"), "RELOAD_INTERVAL": 0, "RELOAD_SETTLE": 30}).test_client()
    assert client.get("/healthz").get_json()["sessions"] == 10
    listing = data_dir / "sessions.txt"
    listing.write_text("", "utf-8")  # the moment between truncating and writing
    assert client.get("/healthz").get_json()["sessions"] == 10
    listing.write_text(SEED.read_text("utf-8") + FUTURE_RECORD, "utf-8")
    assert client.get("/healthz").get_json()["sessions"] == 10
    rested = listing.stat().st_mtime - 60
    os.utime(listing, (rested, rested))
    assert client.get("/healthz").get_json()["sessions"] == 10  # first read: not confirmed yet
    settle = 0.3
    client = create_app({"SOURCE": str(listing), "RELOAD_INTERVAL": 0, "RELOAD_SETTLE": settle}).test_client()
    listing.write_text(SEED.read_text("utf-8"), "utf-8")
    os.utime(listing, (rested, rested))
    assert client.get("/healthz").get_json()["sessions"] == 11  # its own rested version
    time.sleep(settle)
    assert client.get("/healthz").get_json()["sessions"] == 10  # the second read, equal: taken


def test_a_listing_that_changes_while_it_is_read_is_read_again(data_dir, monkeypatch):
    """Nothing read from a file that changed during the read is published or recorded."""
    client = create_app({"SOURCE": str(data_dir / "sessions.txt"), "RELOAD_INTERVAL": 0, "RELOAD_SETTLE": 0}).test_client()
    assert client.get("/healthz").get_json()["sessions"] == 10
    history = data_dir / "sessions.history.json"
    recorded = history.read_bytes()
    real = catalog_module.load_with_changes
    reads = []

    def finished_by_the_editor_during_the_read(source, **kwargs):
        result = real(source, **kwargs)
        if not reads:
            append(data_dir, FUTURE_RECORD)
        reads.append(result[0])
        return result

    monkeypatch.setattr(catalog_module, "load_with_changes", finished_by_the_editor_during_the_read)
    listing = data_dir / "sessions.txt"
    listing.write_text(listing.read_text("utf-8").replace("Synthetic Media", "Synthetic Media, edited"), "utf-8")
    assert client.get("/healthz").get_json()["sessions"] == 10  # the torn read is not served
    assert len(reads) == 1 and len(reads[0].sessions) == 10
    assert history.read_bytes() == recorded  # nor recorded
    body = client.get("/calendar.ics").data  # the next look reads the finished file
    assert len(reads) == 2 and b"wipo-ip-conv-ge-99@" in body and b"Synthetic Media\\, edited" in body
    assert client.get("/healthz").get_json()["sessions"] == 11
    assert history.read_bytes() != recorded


# --- the 304 answered before Flask routes the request (web.NotModifiedFirst) -------------


@pytest.fixture(scope="module")
def flask_only(served):
    """The same app and data without the middleware: every request through Flask."""
    from werkzeug.test import Client
    from werkzeug.wrappers import Response

    return Client(served.application.wsgi_app.app, Response)


@pytest.mark.parametrize("path", ["/index.html", "/calendar.ics", "/feed.atom", "/year/2025/feed.rss", f"/sessions/{SESSION}.ics", f"/sessions/{SESSION}.html", "/assets/app.js"])
@pytest.mark.parametrize("accept", [{"Accept-Encoding": "gzip"}, {}], ids=["gzip", "plain"])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_304_answered_before_flask_is_flasks_own(served, flask_only, path, accept, method):
    tag = served.get(path, headers=accept).headers["ETag"]
    assert flask_only.get(path, headers=accept).headers["ETag"] == tag  # same data, same tags
    early = served.open(path, method=method, headers={**accept, "If-None-Match": tag})
    routed = flask_only.open(path, method=method, headers={**accept, "If-None-Match": tag})
    assert early.status == routed.status == "304 NOT MODIFIED"
    assert early.headers.to_wsgi_list() == routed.headers.to_wsgi_list()
    assert early.data == routed.data == b""
    middleware = served.application.wsgi_app  # and the first was answered before Flask:
    assert middleware.unchanged(path, tag, {"HTTP_ACCEPT_ENCODING": accept.get("Accept-Encoding", "")}) is not None


def test_the_home_page_is_revalidated_by_flask_as_it_varies_by_language(served):
    """/ may send a browser to its language's page: its 304 is Flask's, with the Vary of its 200."""
    tag = served.get("/").headers["ETag"]
    assert served.application.wsgi_app.unchanged("/", tag, {}) is None
    again = served.get("/", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.headers["Vary"] == served.get("/").headers["Vary"] == "Accept-Encoding, Accept-Language"


@pytest.mark.parametrize(
    ("case", "path", "headers", "query", "method", "status"),
    [
        ("weak form of the tag", "/calendar.ics", lambda t: {"If-None-Match": "W/" + t}, "", "GET", 304),
        ("a list of tags", "/calendar.ics", lambda t: {"If-None-Match": f'"old", {t}'}, "", "GET", 304),
        ("an old tag", "/calendar.ics", lambda t: {"If-None-Match": '"old"'}, "", "GET", 200),
        ("a query string", "/calendar.ics", lambda t: {"If-None-Match": t}, "year=2025", "GET", 200),
        ("a POST", "/calendar.ics", lambda t: {"If-None-Match": t}, "", "POST", 405),
        ("a host file", "/_headers", lambda t: {"If-None-Match": t}, "", "GET", 404),
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v else None,
)
def test_what_is_left_to_flask_gets_flasks_answer(served, flask_only, case, path, headers, query, method, status):
    tag = served.get("/calendar.ics").headers["ETag"]
    early = served.open(path, method=method, query_string=query, headers=headers(tag))
    routed = flask_only.open(path, method=method, query_string=query, headers=headers(tag))
    assert early.status_code == routed.status_code == status
    assert early.headers.to_wsgi_list() == routed.headers.to_wsgi_list()
