"""The pages in the six languages WIPO works in (issue 18, step 3): English where it
always was, the others under their prefix (fr/, ar/…), each page naming its versions;
a calendar in another language is the same events with the DESCRIPTION's dates and
times in that language, under the same UIDs."""

from __future__ import annotations

import re

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


# --- no English interface text in a page of another language -------------------------------


def english_messages(code: str) -> set[str]:
    """The catalog template's messages without placeholders or markup that ``code`` does
    not write the same ('Sessions' and 'Virtual' are also French and Spanish words)."""
    from babel.messages.pofile import read_po

    from wipofeeds.i18n import LOCALE_DIR, gettext

    with open(LOCALE_DIR / "messages.pot", "rb") as f:
        ids = [m.id for m in read_po(f) if isinstance(m.id, str) and m.id]
    return {m for m in ids if "%(" not in m and "<" not in m and gettext(m, code) != m}


def interface_texts(page) -> list[str]:
    """The text of a page a reader of its language reads as the interface's: not the
    listing's or site's own words (marked lang="en" in a page of another language),
    scripts, or the language switcher."""
    lang = page.get("lang") or next(page.iterancestors()).get("lang")
    english = "en" if lang != "en" else None  # an English page: all of its text

    def skipped(element) -> bool:
        return element is None or any(
            (english and e.get("lang") == english) or e.get("class") == "languages" or e.tag in ("script", "style")
            for e in (element, *element.iterancestors())
        )

    texts = []
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        if not skipped(element):
            texts += [element.text, element.get("aria-label"), element.get("title")]
        if not skipped(element.getparent()):
            texts.append(element.tail)
    return [text.strip() for text in texts if text and text.strip()]


@pytest.mark.parametrize("code", OTHERS)
def test_no_page_of_another_language_shows_an_english_message(exported, code):
    english = english_messages(code)
    pages = sorted((exported / code).rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        page = lxml.html.fromstring(path.read_bytes())
        left = [text for text in interface_texts(page) if text in english or text.rstrip(":") in english]
        assert not left, f"{path.relative_to(exported)}: {left}"


@pytest.mark.parametrize("code", OTHERS)
def test_no_page_of_another_language_repeats_its_english_pages_words(exported, code):
    """A second net, for words not in the catalogs at all: no text of two English words
    or more reads the same in the body of a page and of its English version (but names,
    'JSON Feed'; addresses and file names, which hold no space)."""
    words = re.compile(r"[A-Za-z]{3,} +[A-Za-z]{3,}")

    def texts(page) -> set[str]:
        return {t for t in interface_texts(lxml.html.fromstring(page).body) if words.search(t)}

    for path in sorted((exported / code).rglob("*.html")):
        english = texts((exported / path.relative_to(exported / code)).read_bytes())
        same = english & texts(path.read_bytes()) - {"JSON Feed"}
        assert not same, f"{path.relative_to(exported)}: {sorted(same)}"


@pytest.mark.parametrize("code", OTHERS)
def test_the_listings_own_words_are_marked_english(exported, code):
    sid = first_session(exported)
    page = lxml.html.fromstring((exported / code / "sessions" / f"{sid}.html").read_bytes())
    english = {e.text_content().strip() for e in page.xpath("//*[@lang='en']")}
    title = lxml.html.fromstring((exported / "sessions" / f"{sid}.html").read_bytes()).xpath("//h1")[0].text_content()
    assert title.strip() in english
    breadcrumb = page.xpath("//nav[contains(@class, 'breadcrumb')]//a")[0]
    assert breadcrumb.xpath("./span/@lang") == ["en"]


def test_the_scripts_words_are_the_catalogs_messages():
    """app.js writes English by its own table; a page of another language gives it the
    same words translated (languages.SCRIPT_WORDS): the two tables must hold the same."""
    import json
    import re
    from importlib import resources

    from wipofeeds.render.languages import SCRIPT_WORDS

    script = (resources.files("wipofeeds") / "static" / "app.js").read_text()
    table = re.search(r"var WORDS = (\{.*?\});", script, re.S).group(1)
    as_json = re.sub(r"^\s*(\w+):", r'"\1":', table, flags=re.M)
    assert json.loads(as_json) == SCRIPT_WORDS


@pytest.mark.parametrize("code", OTHERS)
def test_a_page_gives_the_script_its_words_in_its_language(exported, code):
    import json

    from wipofeeds.i18n import gettext
    from wipofeeds.render.languages import SCRIPT_WORDS

    page = lxml.html.fromstring((exported / code / "index.html").read_bytes())
    (block,) = page.xpath("//script[@id='page-words']")
    words = json.loads(block.text)
    assert words == {key: gettext(message, code) for key, message in SCRIPT_WORDS.items()}
    assert words["yourTime"] != SCRIPT_WORDS["yourTime"]
    english = lxml.html.fromstring((exported / "index.html").read_bytes())
    assert not english.xpath("//script[@id='page-words']")


# --- the live app: the home page by Accept-Language, session pages without .html --------------


@pytest.mark.parametrize(
    "accept, expected",
    [
        (None, None),  # no preference: English
        ("en-GB,en;q=0.9", None),
        ("*", None),
        ("de-DE,de;q=0.9,en;q=0.8,fr;q=0.7", None),  # English preferred to French
        ("fr-CH,fr;q=0.9,en;q=0.8", "fr/"),
        ("de,es;q=0.5", "es/"),  # German is not published: Spanish next
        ("zh-CN", "zh/"),
        ("ar", "ar/"),
    ],
)
def test_the_home_page_follows_the_browsers_language(client, accept, expected):
    response = client.get("/", headers={"Accept-Language": accept} if accept else {})
    assert "Accept-Language" in response.headers.get("Vary", "")
    if expected is None:
        assert response.status_code == 200 and response.data == client.get("/index.html").data
    else:
        assert response.status_code == 302 and response.headers["Location"] == expected
        assert "public" in response.headers["Cache-Control"]
        page = client.get("/" + expected)
        assert page.status_code == 200 and lxml.html.fromstring(page.data).get("lang") == expected[:2]


def test_the_english_home_page_stays_reachable_from_any_browser(client):
    response = client.get("/index.html", headers={"Accept-Language": "fr"})
    assert response.status_code == 200 and lxml.html.fromstring(response.data).get("lang") == "en"
    switcher = lxml.html.fromstring(client.get("/fr/").data).xpath("//nav[@class='languages']//a[@lang='en']/@href")
    assert switcher == ["../index.html"]  # the switcher's English link is not the redirecting /


def test_a_session_page_answers_without_html_in_every_language(client, exported):
    sid = first_session(exported)
    for code in LANGUAGES:
        prefix = "" if code == "en" else code + "/"
        response = client.get(f"/{prefix}sessions/{sid}")
        assert response.status_code == 200 and response.data == (exported / prefix / "sessions" / f"{sid}.html").read_bytes()


# --- the page of an address with nothing at it (404) ------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_has_its_page_for_an_address_with_nothing(exported, code):
    from wipofeeds.i18n import gettext

    prefix = "" if code == "en" else code + "/"
    page = lxml.html.fromstring((exported / prefix / "404.html").read_bytes())
    assert page.get("lang") == code
    assert page.xpath("string(//h1)") == gettext("Page not found", code)
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    links = page.xpath("//a/@href | //link[@rel='stylesheet']/@href | //script/@src")
    assert links and all(link.startswith(("https://", "#")) for link in links), links  # answered at any address
    assert f"https://feeds.example.org/{prefix}index.html" in page.xpath("//main//a/@href")
    assert "404.html" not in (exported / "sitemap.xml").read_text()


def test_apache_answers_each_languages_page_for_its_folder(exported, data_dir, tmp_path):
    rules = (exported / ".htaccess").read_text()
    assert "ErrorDocument 404 /404.html" in rules
    assert '<If "%{REQUEST_URI} =~ m#^/fr/#">\n  ErrorDocument 404 /fr/404.html\n</If>' in rules
    below = tmp_path / "below"
    build(data_dir, below, base_url="https://example.org/meetings/")
    assert "ErrorDocument 404 /meetings/404.html" in (below / ".htaccess").read_text()
    assert "m#^/meetings/ar/#" in (below / ".htaccess").read_text()


@pytest.mark.parametrize(
    "path, status, language",
    [
        ("/no-such-page", 404, "en"),
        ("/fr/no-such-page.html", 404, "fr"),
        ("/ar/year/1999/", 404, "ar"),
        ("/zh/sessions/no-such-session", 404, "zh"),
        ("/no-such-feed.rss", 404, None),  # a program's file: plain text
        ("/fr/no-such-calendar.ics", 404, None),
    ],
)
def test_the_app_answers_an_address_with_nothing_as_a_host_does(client, exported, path, status, language):
    response = client.get(path)
    assert response.status_code == status
    if language is None:
        assert response.mimetype == "text/plain"
    else:
        prefix = "" if language == "en" else language + "/"
        assert response.mimetype == "text/html" and response.data == (exported / prefix / "404.html").read_bytes()
    assert response.headers["Cache-Control"] == "no-store"


def test_a_languages_name_alone_goes_to_its_folder(client):
    response = client.get("/fr")
    assert response.status_code == 301 and response.headers["Location"] == "fr/"
