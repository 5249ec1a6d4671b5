"""The pages in the six languages WIPO works in (issue 18, step 3): English where it
always was, the others under their prefix (fr/, ar/…), each page naming its versions;
a calendar in another language is the same events with the DESCRIPTION's dates and
times in that language, under the same UIDs."""

from __future__ import annotations

import icalendar
import lxml.html
import pytest
from babel.dates import format_date

from wipofeeds.export import build
from wipofeeds.wording import LANGUAGES, cldr

OTHERS = [code for code in LANGUAGES if code != "en"]


@pytest.fixture
def exported(data_dir, tmp_path):
    out = tmp_path / "out"
    build(data_dir, out, base_url="https://feeds.example.org/")
    return out


def events(body: bytes) -> dict[str, str]:
    """UID → DESCRIPTION of every VEVENT of a calendar."""
    calendar = icalendar.Calendar.from_ical(body)
    return {str(event["UID"]): str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT")}


def first_session(out) -> str:
    return sorted(p.stem for p in (out / "sessions").glob("*.html"))[0]


def test_every_language_has_its_pages_and_english_stays_at_the_root(exported):
    sid = first_session(exported)
    assert (exported / "index.html").is_file() and (exported / "sessions" / f"{sid}.html").is_file()
    for code in OTHERS:
        for path in ["index.html", f"sessions/{sid}.html", "calendar.ics"]:
            assert (exported / code / path).is_file(), f"{code}/{path}"
        assert not (exported / code / "feed.rss").exists()  # feeds stay English, once
    views = {p.relative_to(exported).as_posix() for p in exported.glob("year/*/index.html")}
    assert views and all((exported / "fr" / view).is_file() for view in views)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_page_names_its_language_its_versions_and_links_to_them(exported, code):
    sid = first_session(exported)
    prefix = "" if code == "en" else code + "/"
    page = lxml.html.fromstring((exported / prefix / "sessions" / f"{sid}.html").read_bytes())
    assert page.get("lang") == code
    assert page.get("dir") == ("rtl" if code == "ar" else None)
    hreflang = {link.get("hreflang"): link.get("href") for link in page.xpath("//link[@rel='alternate'][@hreflang]")}
    base = "https://feeds.example.org/"
    assert hreflang == {other: f"{base}{'' if other == 'en' else other + '/'}sessions/{sid}.html" for other in LANGUAGES} | {
        "x-default": f"{base}sessions/{sid}.html"}
    assert page.xpath("//link[@rel='canonical']/@href") == [hreflang[code]]
    switcher = page.xpath("//nav[@class='languages']//a")
    assert [a.get("lang") for a in switcher] == list(LANGUAGES)
    assert [a.get("aria-current") for a in switcher].count("page") == 1
    for a in switcher:  # each link lands on the same page in its language
        other = a.get("lang")
        target = (exported / prefix / "sessions" / a.get("href")).resolve()
        assert target == (exported / ("" if other == "en" else other) / "sessions" / f"{sid}.html").resolve()
    # the listing's own words stay English, and say so in a page of another language
    assert page.xpath("//h1/@lang") == ([] if code == "en" else ["en"])


def test_the_other_languages_link_to_the_one_set_of_assets_and_data(exported):
    sid = first_session(exported)
    page = lxml.html.fromstring((exported / "fr" / "sessions" / f"{sid}.html").read_bytes())
    assert any(href.startswith("../../assets/style.css?v=") for href in page.xpath("//link[@rel='stylesheet']/@href"))
    assert "../../sessions.json" in page.xpath("//footer//a/@href")


def test_a_calendar_in_french_has_the_same_uids_and_french_dates(exported, client):
    english = events((exported / "calendar.ics").read_bytes())
    french = events((exported / "fr" / "calendar.ics").read_bytes())
    assert french.keys() == english.keys()
    assert french != english
    served = client.get("/calendar.ics?lang=fr")
    assert served.status_code == 200 and served.data == (exported / "fr" / "calendar.ics").read_bytes()
    assert client.get("/fr/calendar.ics").data == served.data
    first = icalendar.Calendar.from_ical(served.data).walk("VEVENT")[0]
    day = first["DTSTART"].dt
    month = format_date(day, "MMMM", locale=cldr("fr"))
    assert month in str(first["DESCRIPTION"]) and month not in english[str(first["UID"])]
    assert client.get("/calendar.ics").data == (exported / "calendar.ics").read_bytes()  # English as it was


def test_a_filtered_calendar_in_another_language_keeps_its_uids(client):
    english = events(client.get("/calendar.ics?mode=hybrid").data)
    for path in ["/calendar.ics?mode=hybrid&lang=es", "/es/calendar.ics?mode=hybrid"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert events(response.data).keys() == english.keys() and events(response.data) != english, path


def test_an_unknown_language_is_refused_naming_the_parameter(client):
    response = client.get("/calendar.ics?lang=de")
    assert response.status_code == 400 and "lang" in response.get_data(as_text=True)


def test_the_app_serves_the_pages_of_every_language_as_exported(exported, client):
    sid = first_session(exported)
    for code in OTHERS:
        for path in [f"{code}/index.html", f"{code}/sessions/{sid}.html", f"{code}/calendar.ics"]:
            assert client.get("/" + path).data == (exported / path).read_bytes(), path
        assert client.get(f"/{code}/").data == (exported / code / "index.html").read_bytes()
    views = sorted(p.relative_to(exported).as_posix() for p in exported.glob("ar/*/*/index.html"))
    assert views
    for path in views:
        assert client.get("/" + path).data == (exported / path).read_bytes(), path
