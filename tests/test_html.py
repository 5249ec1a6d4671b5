"""The HTML renderer: subscribe links, add-one-session links, schema.org JSON-LD, and
pages that a strict CSP and a static host can serve as they are."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from datetime import date, datetime, time, timezone
from urllib.parse import parse_qs, urljoin, urlsplit

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st
from _factories import BASE_URL, catalog, seed_sessions, session

from wipofeeds.model import Catalog, DailyWindow, Mode, Place, Status
from wipofeeds.render import clear_all, html, layout, subscribe
from wipofeeds.site import build_site, path_filters, path_views
from wipofeeds.wording import split_language

UTC = timezone.utc
PAGE = BASE_URL + "sessions/x.html"


def query(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    return {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}


# --- subscribe links --------------------------------------------------------------------


def test_feed_links_subscribe_by_url():
    links = subscribe.feed_links(catalog([session()]).site, "year/2025/", "WIPO – 2025")
    ics = BASE_URL + "year/2025/calendar.ics"
    assert links.ics == ics
    assert links.webcal == "webcal://feeds.example.org/year/2025/calendar.ics"
    assert links.google.startswith("https://calendar.google.com/calendar/r?")
    assert query(links.google) == {"cid": links.webcal}
    assert links.outlook.startswith("https://outlook.live.com/calendar/0/addfromweb?")
    assert links.office.startswith("https://outlook.office.com/calendar/0/addfromweb?")
    assert query(links.outlook) == query(links.office) == {"url": ics, "name": "WIPO – 2025"}
    assert (links.rss, links.atom, links.json) == tuple(BASE_URL + f"year/2025/feed.{x}" for x in ("rss", "atom", "json"))


# --- one session: Google Calendar and Outlook ---------------------------------------------

ALL_DAY = dict(first_day=date(2020, 11, 4), last_day=date(2020, 11, 4), window=None)
ONE_DAY = dict(first_day=date(2025, 10, 28), last_day=date(2025, 10, 28))
OVER_DST = dict(first_day=date(2025, 3, 29), last_day=date(2025, 3, 31))  # clocks go forward on the 30th
GOOGLE = [
    ("two days, winter", {}, "20251028T090000Z/20251028T170000Z", "RRULE:FREQ=DAILY;COUNT=2"),
    ("one day", ONE_DAY, "20251028T090000Z/20251028T170000Z", None),
    ("three days over DST", OVER_DST, "20250329T090000Z/20250329T170000Z", "RRULE:FREQ=DAILY;COUNT=3"),
    ("all day", ALL_DAY, "20201104/20201105", None),
    ("all day, two days", dict(ALL_DAY, last_day=date(2020, 11, 5)), "20201104/20201106", None),
]


@pytest.mark.parametrize(("case", "fields", "dates", "recur"), GOOGLE, ids=[g[0] for g in GOOGLE])
def test_google_event_template(case, fields, dates, recur):
    s = session(**fields)
    url = subscribe.google_event_url(s, PAGE)
    assert url.startswith("https://calendar.google.com/calendar/render?")
    params = query(url)
    assert params["action"] == "TEMPLATE"
    assert params["text"] == s.title
    assert params["dates"] == dates
    assert params.get("recur") == recur
    assert params.get("ctz") == (None if s.all_day else "Europe/Zurich")
    assert params["location"] == "Geneva, Switzerland"
    assert PAGE in params["details"]


@pytest.mark.parametrize(
    "text",
    ["", "plain", "a b/c?d=e&f#g", "Genève – “IP” 😀", "100% ~_.-", "line\nbreak\ttab\x00", "\u2028\U0010ffff"],
)
def test_percent_encodes_exactly_as_urllib_quote(text):
    from urllib.parse import quote

    assert subscribe.percent(text) == quote(text, safe="")


@given(st.text())
def test_percent_matches_urllib_quote_for_any_text(text):
    from urllib.parse import quote

    assert subscribe.percent(text) == quote(text, safe="")


def test_calendar_links_keep_characters_that_need_encoding():
    s = session(title="R&D: 50% “AI”/IP?", place=Place("Genève #1", "CH"))
    for url in (subscribe.google_event_url(s, PAGE), *(u for _, u in subscribe.outlook_event_urls(s, PAGE))):
        params = query(url)
        assert params["text" if "google" in url else "subject"] == "R&D: 50% “AI”/IP?"
        assert params["location"] == "Genève #1, CH"


OUTLOOK = [
    ("one day", ONE_DAY, [("2025-10-28T09:00:00Z", "2025-10-28T17:00:00Z", "false")]),
    (
        "three days over DST: one link a day",
        OVER_DST,
        [
            ("2025-03-29T09:00:00Z", "2025-03-29T17:00:00Z", "false"),
            ("2025-03-30T08:00:00Z", "2025-03-30T16:00:00Z", "false"),
            ("2025-03-31T08:00:00Z", "2025-03-31T16:00:00Z", "false"),
        ],
    ),
    ("all day", ALL_DAY, [("2020-11-04", "2020-11-05", "true")]),
]


@pytest.mark.parametrize(("case", "fields", "expected"), OUTLOOK, ids=[o[0] for o in OUTLOOK])
def test_outlook_compose_links(case, fields, expected):
    s = session(**fields)
    links = subscribe.outlook_event_urls(s, PAGE)
    found = []
    for day, url in links:
        assert url.startswith("https://outlook.live.com/calendar/0/deeplink/compose?")
        params = query(url)
        assert params["subject"] == s.title and params["location"] == s.location
        assert PAGE in params["body"]
        found.append((params["startdt"], params["enddt"], params["allday"]))
    assert found == expected
    assert [day for day, _ in links] == ([None] if len(expected) == 1 else list(s.days))


# --- schema.org JSON-LD ---------------------------------------------------------------------


def page_of(cat, s):
    return lxml.html.fromstring(html.render_session(cat, s, f"sessions/{s.id}.html"))


def json_ld(cat, s) -> dict:
    (script,) = page_of(cat, s).xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def test_json_ld_of_a_timed_hybrid_session():
    s = session(conference_url="https://meet.example.org/wipo")
    event = json_ld(catalog([s]), s)
    assert event["@context"] == "https://schema.org" and event["@type"] == "Event"
    assert event["name"] == "IP and Synthetic Media"
    assert event["startDate"] == "2025-10-28T10:00:00+01:00"
    assert event["endDate"] == "2025-10-29T18:00:00+01:00"
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    place, online = event["location"]
    assert place["@type"] == "Place"
    assert place["address"] == {"@type": "PostalAddress", "addressLocality": "Geneva", "addressCountry": "Switzerland"}
    assert online == {"@type": "VirtualLocation", "url": "https://meet.example.org/wipo"}
    assert event["organizer"]["@type"] == "Organization" and "WIPO" in event["organizer"]["name"]
    assert event["url"] == BASE_URL + f"sessions/{s.id}.html"


MODES = [
    (Mode.VIRTUAL, None, "https://schema.org/OnlineEventAttendanceMode", ["VirtualLocation"]),
    (Mode.IN_PERSON, Place("Nairobi", "Kenya"), "https://schema.org/OfflineEventAttendanceMode", ["Place"]),
    (Mode.HYBRID, Place("Geneva"), "https://schema.org/MixedEventAttendanceMode", ["Place", "VirtualLocation"]),
]


@pytest.mark.parametrize(("mode", "place", "attendance", "types"), MODES, ids=[m[0].value for m in MODES])
def test_json_ld_attendance_and_location(mode, place, attendance, types):
    s = session(mode=mode, place=place)
    event = json_ld(catalog([s]), s)
    assert event["eventAttendanceMode"] == attendance
    assert [loc["@type"] for loc in event["location"]] == types
    if mode is Mode.VIRTUAL:
        assert event["location"][0]["url"] == event["url"], "without a join link, the session page"


def test_json_ld_of_an_all_day_session_uses_dates():
    s = session(**ALL_DAY)
    event = json_ld(catalog([s]), s)
    assert (event["startDate"], event["endDate"]) == ("2020-11-04", "2020-11-04")


@pytest.mark.parametrize(
    ("status", "expected"),
    [(Status.CANCELLED, "EventCancelled"), (Status.POSTPONED, "EventPostponed"), (Status.CONFIRMED, "EventScheduled")],
    ids=["cancelled", "postponed", "confirmed"],
)
def test_json_ld_status(status, expected):
    s = session(status=status)
    assert json_ld(catalog([s]), s)["eventStatus"] == "https://schema.org/" + expected


def test_json_ld_rescheduled_names_the_previous_start():
    before = session()
    moved = session(first_day=date(2025, 11, 4), last_day=date(2025, 11, 5))
    history = catalog([before]).history
    cat = catalog([moved], history=history, now=datetime(2025, 10, 1, tzinfo=UTC))
    event = json_ld(cat, moved)
    assert event["eventStatus"] == "https://schema.org/EventRescheduled"
    assert event["previousStartDate"] == "2025-10-28"
    assert event["startDate"].startswith("2025-11-04T10:00:00")
    assert "New dates (were 28\u2009–\u200929 October 2025)" in lxml.html.tostring(page_of(cat, moved), encoding="unicode")


def test_text_cannot_break_out_of_the_page():
    title = 'Evil </script><script>alert("x")</script> & <b>bold</b>'
    s = session(title=title, paragraphs=("<img src=x onerror=alert(1)>",))
    raw = html.render_session(catalog([s]), s, f"sessions/{s.id}.html").decode()
    assert "</script><script>" not in raw and "<img src=x" not in raw and "<b>bold" not in raw
    page = lxml.html.fromstring(raw)
    assert page.xpath("string(//h1)") == title
    assert json_ld(catalog([s]), s)["name"] == title


# --- whole pages ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_site():
    cat = catalog(seed_sessions())
    return cat, build_site(cat)


def pages(site):
    return {path: r for path, r in site.items() if r.media_type.startswith("text/html")}


def test_pages_have_no_inline_script_or_style(seed_site):
    """A CSP of script-src 'self' and style-src 'self' must not break anything."""
    _, site = seed_site
    for path, resource in pages(site).items():
        page = lxml.html.fromstring(resource.body)
        assert page.get("lang") == split_language(path)[0], path
        assert page.xpath("//meta[@name='viewport']"), path
        assert not page.xpath("//style | //*[@style]"), path
        for script in page.xpath("//script"):
            assert script.get("src") or script.get("type") in ("application/ld+json", "application/json"), path  # data
        for element in page.iter():
            assert not any(name.startswith("on") for name in element.attrib), path


def test_relative_links_resolve_to_published_paths(seed_site):
    """The static export works from the base URL: every in-site link lands on a file."""
    _, site = seed_site
    for path, resource in pages(site).items():
        page = lxml.html.fromstring(resource.body)
        for link in page.xpath("//a/@href | //link/@href | //script/@src"):
            url = urljoin(BASE_URL + path, link)
            if not url.startswith(BASE_URL):
                continue
            target = urlsplit(url).path.removeprefix(urlsplit(BASE_URL).path)
            if target == "" or target.endswith("/"):  # a folder: its index.html, as a static host serves it
                target += "index.html"
            assert target in site, f"{path} links to {link}"


def test_index_offers_every_feed_and_lists_every_session(seed_site):
    cat, site = seed_site
    page = lxml.html.fromstring(site["index.html"].body)
    alternates = {(link.get("type"), link.get("href")) for link in page.xpath("//link[@rel='alternate'][not(@hreflang)]")}
    assert alternates == {
        ("text/calendar", BASE_URL + "calendar.ics"),
        ("application/rss+xml", BASE_URL + "feed.rss"),
        ("application/atom+xml", BASE_URL + "feed.atom"),
        ("application/feed+json", BASE_URL + "feed.json"),
        ("application/rss+xml", BASE_URL + "changes.rss"),
        ("application/atom+xml", BASE_URL + "changes.atom"),
    }
    hrefs = set(page.xpath("//a/@href"))
    assert_offers_calendar(hrefs, subscribe.feed_links(cat.site, "", ""))
    # every view with sessions has its page, linked from the home page, offering its
    # calendar and feeds; an empty view has neither page nor link
    views = path_views(cat)
    assert [(prefix, flt) for prefix, flt, _ in views] == path_filters(cat)
    assert any(not kept for _, _, kept in views), "the seed has an empty view (in person)"
    for prefix, _, kept in views:
        view_page = prefix + "index.html"
        if not kept:
            assert view_page not in site and view_page not in hrefs, prefix
            continue
        assert view_page in hrefs, prefix
        view = lxml.html.fromstring(site[view_page].body)
        assert_offers_calendar(set(view.xpath("//a/@href")), subscribe.feed_links(cat.site, prefix, ""))
        assert [li.get("id") for li in view.xpath("//ol[@id='all-sessions']/li")] == [s.id for s in kept], prefix
    items = page.xpath("//ol[@id='all-sessions']/li")
    assert [li.get("id") for li in items] == [s.id for s in cat.sessions]
    for li, s in zip(items, cat.sessions):
        assert li.xpath("string(.//time/@datetime)") == html.starts_at(s)
        assert li.get("data-end") == html.ends_at(s)
        assert html.wording.when(s) in li.text_content()


def assert_offers_calendar(hrefs: set[str], links: subscribe.FeedLinks) -> None:
    """A page's links subscribe to the calendar of ``links`` and offer its feeds."""
    assert {links.webcal, links.google, links.ics, links.rss, links.atom, links.json} <= hrefs, links.ics
    assert any(h.startswith("https://outlook.live.com/calendar/0/addfromweb?") and query(h)["url"] == links.ics for h in hrefs)


def test_times_for_the_browser_are_utc_instants():
    s = session(**OVER_DST)
    assert html.instants(s).split() == [
        "2025-03-29T09:00:00Z/2025-03-29T17:00:00Z",
        "2025-03-30T08:00:00Z/2025-03-30T16:00:00Z",
        "2025-03-31T08:00:00Z/2025-03-31T16:00:00Z",
    ]
    assert html.ends_at(session(**ALL_DAY)) == "2020-11-05", "the day after, local midnight in the browser"
    tokyo = session(window=DailyWindow(time(9), time(17), "Asia/Tokyo", "Tokyo time"), **ONE_DAY)
    assert html.starts_at(tokyo) == "2025-10-28T00:00:00Z"


# --- what is worked out once per catalog --------------------------------------------------


@pytest.mark.parametrize("sessions", [seed_sessions(), []], ids=["seed", "no sessions"])
def test_remembered_views_render_what_a_fresh_catalog_renders(sessions):
    """Session views and index items are kept by the format per session and shared by
    every host: another host gets the same pages as a format that remembers nothing."""
    cat = catalog(sessions)
    html.render_index(cat, "index.html")
    for s in cat.sessions:
        html.render_session(cat, s, f"sessions/{s.id}.html")
    other = cat.with_site(replace(cat.site, base_url="https://other.example/wipo/"))
    fresh = Catalog(other.sessions, other.history, other.site)
    remembered = [html.render_index(other, "index.html")]
    remembered += [html.render_session(other, s, f"sessions/{s.id}.html") for s in other.sessions]
    clear_all()  # nothing remembered: what the format renders from scratch
    assert remembered[0] == html.render_index(fresh, "index.html")
    for s, body in zip(other.sessions, remembered[1:], strict=True):
        path = f"sessions/{s.id}.html"
        assert body == html.render_session(fresh, s, path)
        hrefs = set(lxml.html.fromstring(body).xpath("//a/@href"))
        page = "https://other.example/wipo/" + path
        assert {subscribe.google_event_url(s, page), *(url for _, url in subscribe.outlook_event_urls(s, page))} <= hrefs


@pytest.mark.parametrize(
    ("status", "badge"),
    [
        (Status.CONFIRMED, None),
        (Status.CANCELLED, ("status status-cancelled", "Cancelled")),
        (Status.POSTPONED, ("status status-postponed", "Postponed")),
    ],
)
def test_the_status_is_shown_on_the_page_and_in_the_index(status, badge):
    s = session(status=status)
    cat = catalog([s])
    page = lxml.html.fromstring(html.render_session(cat, s, f"sessions/{s.id}.html"))
    index = lxml.html.fromstring(html.render_index(cat, "index.html"))
    for meta in (page.find_class("meta")[0], index.get_element_by_id(s.id).find_class("meta")[0]):
        found = [(el.get("class"), el.text) for el in meta.iter("strong")]
        assert found == ([badge] if badge else [])


def test_day_and_month_names_are_english_for_every_day_of_a_year():
    """Written by Babel from CLDR's British English, not strftime (whose %A and %B follow
    the process's locale)."""
    from datetime import timedelta

    from wipofeeds import wording

    months = "January February March April May June July August September October November December".split()
    weekdays = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
    day = date(2024, 1, 1)  # a Monday, in a leap year
    for offset in range(366):
        d = day + timedelta(days=offset)
        assert wording.day_label(d) == f"{weekdays[offset % 7]}, {d.day} {months[d.month - 1]} 2024"
        assert wording.date_range(d, d) == f"{d.day} {months[d.month - 1]} 2024"
    assert wording.date_range(date(2025, 10, 28), date(2025, 10, 29)) == "28\u2009–\u200929 October 2025"


def test_path_views_keep_what_each_filter_keeps_in_catalog_order():
    """The build and the home page sort sessions into year/mode/topic views in one
    pass; each view must be exactly what its filter keeps."""
    from wipofeeds.site import path_filters, path_views

    sessions = [
        *seed_sessions(),
        session(code="WIPO/IP/CONV/GE/9/30", first_day=date(2030, 12, 30), last_day=date(2031, 1, 2), window=None),
        session(code="WIPO/IP/CONV/GE/8/30", mode=Mode.VIRTUAL, place=None, tags=("copyright", "copyright", "data")),
    ]
    cat = catalog(sessions)
    views = path_views(cat)
    assert [(prefix, flt) for prefix, flt, _ in views] == path_filters(cat)
    for prefix, flt, kept in views:
        assert kept == flt.apply(cat.sessions), prefix
    assert {prefix for prefix, _, kept in views if kept} >= {"year/2030/", "year/2031/", "mode/virtual/", "tag/data/"}


def test_when_is_kept_by_days_and_window_within_a_bound(monkeypatch):
    from wipofeeds import wording

    monkeypatch.setattr(wording, "_WHEN", {})
    monkeypatch.setattr(wording, "_UTC", {})
    monkeypatch.setattr(wording, "_KEPT", 3)
    geneva = DailyWindow(time(10), time(18), "Europe/Zurich", "Geneva time")
    london = DailyWindow(time(10), time(18), "Europe/London", "London time")
    texts = [wording.when(session(code=f"WIPO/IP/CONV/GE/{i}/25", window=w)) for i, w in enumerate([geneva, london, None, geneva, london])]
    assert texts[0] == texts[3] == "28\u2009–\u200929 October 2025, 10:00–18:00 Geneva time (CET, UTC+1)"
    assert texts[1] == texts[4] == "28\u2009–\u200929 October 2025, 10:00–18:00 London time (UTC)"
    assert texts[2] == "28\u2009–\u200929 October 2025 (all day)"
    assert len(wording._WHEN) <= 3
    utc = [wording.utc_windows(session(code=f"WIPO/IP/CONV/GE/{i}/25", window=w)) for i, w in enumerate([geneva, london] * 3)]
    assert utc == ["09:00–17:00 UTC", "10:00–18:00 UTC"] * 3
    assert len(wording._UTC) <= 3


# --- views, sharing, history words, neighbours --------------------------------------------


def test_every_page_carries_its_address_and_sharing_metadata(seed_site):
    """A shared link shows a title and a description: Open Graph and Twitter card data
    on every page, naming the page's canonical address."""
    _, site = seed_site
    for path, resource in pages(site).items():
        page = lxml.html.fromstring(resource.body)
        (canonical,) = page.xpath("//link[@rel='canonical']/@href")
        meta = {m.get("property") or m.get("name"): m.get("content") for m in page.xpath("//meta[@content]")}
        assert meta["og:url"] == canonical and canonical.startswith(BASE_URL), path
        assert meta["og:title"] == meta["twitter:title"] == page.findtext(".//title"), path
        assert meta["og:description"] == meta["twitter:description"] == meta["description"], path
        assert meta["twitter:card"] == "summary" and meta["og:type"] == "website", path


def test_a_view_page_offers_the_feeds_of_its_view(seed_site):
    cat, site = seed_site
    page = lxml.html.fromstring(site["tag/copyright/index.html"].body)
    assert page.findtext(".//h1") == "Sessions on " + layout.topic_name(cat, "copyright")
    assert page.xpath("//link[@rel='canonical']/@href") == [BASE_URL + "tag/copyright/"]
    alternates = {(link.get("type"), link.get("href")) for link in page.xpath("//link[@rel='alternate'][not(@hreflang)]")}
    assert alternates == {
        ("text/calendar", BASE_URL + "tag/copyright/calendar.ics"),
        ("application/rss+xml", BASE_URL + "tag/copyright/feed.rss"),
        ("application/atom+xml", BASE_URL + "tag/copyright/feed.atom"),
        ("application/feed+json", BASE_URL + "tag/copyright/feed.json"),
    }
    # every address shown has its copy button, which copies that very address
    for dd in page.xpath("//dl[@class='addresses']/dd"):
        assert dd.xpath("string(code)") == dd.xpath("string(button[@type='button']/@data-copy)")
    assert len(page.xpath("//dl[@class='addresses']/dd")) == 4
    sitemap = site["sitemap.xml"].body.decode()
    assert f"<loc>{BASE_URL}tag/copyright/</loc>" in sitemap and f"<loc>{BASE_URL}mode/in-person/</loc>" not in sitemap


def test_the_history_does_not_announce_what_was_already_over():
    """A session first published after it took place was published, not announced."""
    past = session()
    ahead = session(code="WIPO/IP/CONV/GE/99", first_day=date(2099, 3, 10), last_day=date(2099, 3, 11))
    cat = catalog([past, ahead], now=datetime(2026, 1, 5, tzinfo=UTC))
    for s, words in ((past, "First published here, after the session"), (ahead, "Announced")):
        page = lxml.html.fromstring(html.render_session(cat, s, f"sessions/{s.id}.html"))
        assert page.xpath("string(//section[@class='history']//li)") == f"5 January 2026: {words}"
        timing = page.find_class("timing")[0]
        assert timing.get("hidden") is not None, "said by app.js, by the reader's clock"
        assert timing.get("data-past") == "Held on " + html.wording.date_range(s.first_day, s.last_day)
        assert (timing.get("data-start"), timing.get("data-end")) == (html.starts_at(s), html.ends_at(s))


def test_a_session_page_links_its_neighbours_in_its_series_its_topics_and_its_page():
    from wipofeeds.catalog import load

    cat = load(Path(__file__).resolve().parents[1] / "data")
    sccr = cat.part("series/sccr/index.html")
    middle = sccr.sessions[1]
    page = lxml.html.fromstring(html.render_session(cat, middle, f"sessions/{middle.id}.html"))
    (previous,) = page.xpath("//nav[@class='neighbours']//li[@class='previous']/a/@href")
    (following,) = page.xpath("//nav[@class='neighbours']//li[@class='next']/a/@href")
    assert (previous, following) == (f"../sessions/{sccr.sessions[2].id}.html", f"../sessions/{sccr.sessions[0].id}.html")
    topics = page.xpath("//ul[@class='topic-links']//a/@href")
    assert topics == [f"../series/sccr/tag/{tag}/index.html" for tag in dict.fromkeys(middle.tags)]
    newest = lxml.html.fromstring(html.render_session(cat, sccr.sessions[0], f"sessions/{sccr.sessions[0].id}.html"))
    assert newest.xpath("//li[@class='next']") == []


def test_a_curated_page_is_linked_from_the_facts():
    s = session(url="https://www.wipo.int/meetings/en/details.jsp?meeting_id=1&x=2")
    page = lxml.html.fromstring(html.render_session(catalog([s]), s, f"sessions/{s.id}.html"))
    (link,) = page.xpath("//dl[@class='facts']//a[starts-with(@href, 'https://www.wipo.int/')]")
    assert link.get("href") == s.url and link.text == "This session on WIPO's website"
    other = session(url="https://example.org/recording")
    page = lxml.html.fromstring(html.render_session(catalog([other]), other, f"sessions/{other.id}.html"))
    assert page.xpath("string(//dl[@class='facts']//a[@href='https://example.org/recording'])") == (
        "More about this session (example.org)")
