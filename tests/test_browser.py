"""The pages in a real headless Chromium (Debian's chromium + chromium-driver, driven by
selenium; never a downloaded browser): subscribe links, JSON-LD, what app.js does with
the reader's clock and time zone, a phone-sized screen, and a clean console."""

from __future__ import annotations

import json
import os
import threading
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from werkzeug.serving import make_server

from wipofeeds.web import create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SEED = Path(__file__).with_name("data") / "seed_sessions.txt"
FUTURE_RECORD = (
    "\nWIPO/IP/CONV/GE/99\n"
    "March 10 to March 11, 2099 (Geneva, Switzerland) Hybrid\n"
    "10:00 - 18:00 Geneva time\n"
    "A session far ahead, so the page has an upcoming one."
)
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))

if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
    pytest.skip(
        "needs Debian's /usr/bin/chromium and /usr/bin/chromedriver (scripts/test installs them with apt)",
        allow_module_level=True,
    )

from selenium import webdriver  # noqa: E402 - only when a browser is there
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


def serving(source: Path):
    """The app of ``source`` on a real socket on 127.0.0.1 while the fixture lasts: its URL."""
    server = make_server("127.0.0.1", 0, create_app({"SOURCE": str(source)}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        thread.join()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The app on a real socket on 127.0.0.1; links follow the request's host."""
    data = tmp_path_factory.mktemp("data")
    (data / "sessions.txt").write_text(SEED.read_text("utf-8") + FUTURE_RECORD, "utf-8")
    yield from serving(data / "sessions.txt")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=en-GB",
        "--window-size=390,844",  # a phone
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Asia/Tokyo"})
    try:
        yield driver
    finally:
        driver.quit()


def console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def href(driver, text: str) -> str:
    return driver.find_element(By.LINK_TEXT, text).get_attribute("href")


def fetch(url: str) -> tuple[int, str]:
    with OPENER.open(url, timeout=30) as response:
        return response.status, response.headers["Content-Type"]


def test_home_page(browser, site_url):
    browser.get(site_url)
    ics = site_url + "calendar.ics"
    webcal = "webcal://" + ics.split("://", 1)[1]
    assert href(browser, "Subscribe in your calendar app") == webcal
    assert parse_qs(urlsplit(href(browser, "Add to Google Calendar")).query) == {"cid": [webcal]}
    outlook = parse_qs(urlsplit(href(browser, "Add to Outlook.com")).query)
    assert outlook["url"] == [ics]
    assert href(browser, "Download .ics") == ics
    for text, media_type in (("Download .ics", "text/calendar"), ("RSS", "application/rss+xml"), ("JSON Feed", "application/feed+json")):
        status, content_type = fetch(href(browser, text))
        assert status == 200 and content_type.startswith(media_type), text

    # each year, way of attending and topic has its page (its subscribe links are there:
    # test_view_page); a way of attending without sessions is not offered
    browse = browser.find_element(By.ID, "browse")
    assert browse.find_element(By.LINK_TEXT, "2025").get_attribute("href") == site_url + "year/2025/index.html"
    assert browse.find_element(By.LINK_TEXT, "Virtual").get_attribute("href") == site_url + "mode/virtual/index.html"
    assert browse.find_elements(By.PARTIAL_LINK_TEXT, "In person") == []

    # app.js split the sessions by the browser's clock
    upcoming = [li.get_attribute("id") for li in browser.find_elements(By.CSS_SELECTOR, "#upcoming > li")]
    past = browser.find_elements(By.CSS_SELECTOR, "#past > li")
    assert upcoming == ["wipo-ip-conv-ge-99"]
    assert len(past) == 10
    assert browser.find_element(By.ID, "upcoming-section").is_displayed()
    assert not browser.find_element(By.ID, "all-section").is_displayed()

    # and shows times in the reader's zone (Tokyo here): 09:00–17:00 UTC is 18:00–02:00
    local = browser.find_element(By.CSS_SELECTOR, "#wipo-ip-conv-ge-2-25 .local")
    assert local.is_displayed()
    assert "18:00–02:00 (next day)" in local.text and "Asia/Tokyo" in local.text

    width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], "no sideways scrolling on a phone"
    assert console_errors(browser) == []


def test_session_page(browser, site_url):
    # adding a session to a calendar is offered while it is to come (a past session's
    # page keeps the links for readers without script, hidden by app.js)
    browser.get(site_url + "sessions/wipo-ip-conv-ge-99")
    google = parse_qs(urlsplit(href(browser, "Add to Google Calendar")).query)
    assert google["action"] == ["TEMPLATE"]
    assert google["dates"] == ["20990310T090000Z/20990310T170000Z"]
    assert google["recur"] == ["RRULE:FREQ=DAILY;COUNT=2"]
    assert google["ctz"] == ["Europe/Zurich"]
    ics = browser.find_element(By.PARTIAL_LINK_TEXT, "Download .ics").get_attribute("href")
    assert ics == site_url + "sessions/wipo-ip-conv-ge-99.ics"
    assert fetch(ics) == (200, "text/calendar; charset=utf-8")

    browser.get(site_url + "sessions/wipo-ip-conv-ge-2-25")
    assert browser.find_element(By.TAG_NAME, "h1").text == "IP and Synthetic Media"
    google = parse_qs(urlsplit(browser.find_element(By.CSS_SELECTOR, "section.add a.primary").get_attribute("href")).query)
    assert google["dates"] == ["20251028T090000Z/20251028T170000Z"]
    assert google["recur"] == ["RRULE:FREQ=DAILY;COUNT=2"]
    ics = browser.find_element(By.CSS_SELECTOR, "section.add a[download]").get_attribute("href")
    assert ics == site_url + "sessions/wipo-ip-conv-ge-2-25.ics"
    assert fetch(ics) == (200, "text/calendar; charset=utf-8")

    script = browser.find_element(By.CSS_SELECTOR, 'script[type="application/ld+json"]')
    event = json.loads(script.get_attribute("textContent"))
    assert event["@type"] == "Event" and event["name"] == "IP and Synthetic Media"
    assert event["startDate"] == "2025-10-28T10:00:00+01:00"
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"

    local = browser.find_element(By.CSS_SELECTOR, "dd.local")
    assert local.is_displayed() and "Asia/Tokyo" in local.text
    assert console_errors(browser) == []


def test_pages_read_without_javascript(site_url):
    """Without script every session is listed once, in a single list."""
    with OPENER.open(site_url, timeout=30) as response:
        page = response.read().decode()
    assert page.count('<li class="session"') == 11
    assert 'id="all-section" aria-labelledby="all-heading">' in page, "the full list is not hidden"


SCCR_LISTING = (
    "SCCR/99\nDecember 1 to December 5, 2098 (Geneva, Switzerland) Hybrid\n10:00 - 13:00\n"
    "A session far ahead, the next one.\n"
    "SCCR/98\nApril 7 to April 11, 2098 (Geneva, Switzerland)\nAnother one ahead, sooner.\n"
    "SCCR/47\nDecember 1 to December 5, 2025 (Geneva, Switzerland)\nA past session.\n"
)
SCP_LISTING = "SCP/36\nOctober 14 to October 18, 2024 (Geneva, Switzerland) Hybrid\nA past session of the SCP.\n"


@pytest.fixture(scope="module")
def series_url(tmp_path_factory):
    """The app serving a data folder of three series, on a real socket."""
    data = tmp_path_factory.mktemp("series-data")
    (data / "series").mkdir()
    (data / "sessions.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    (data / "series" / "sccr.txt").write_text(SCCR_LISTING, "utf-8")
    (data / "series" / "scp.txt").write_text(SCP_LISTING, "utf-8")
    (data / "site.toml").write_text('[series.sccr]\nzone = "Geneva time"\n', "utf-8")
    yield from serving(data)


def test_series_index_page(browser, series_url):
    """Every series with its next session (picked by app.js from the browser's clock)
    and its own subscribe links; each leads to its page."""
    browser.get(series_url + "series/index.html")
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "li.series h3 a")]
    assert names == ["WIPO Conversation on IP and Frontier Technologies",
                     "Standing Committee on Copyright and Related Rights", "Standing Committee on the Law of Patents"]
    sccr = browser.find_element(By.ID, "series-sccr")
    shown = [li.text for li in sccr.find_elements(By.CSS_SELECTOR, "li.candidate") if li.is_displayed()]
    assert len(shown) == 1 and "SCCR/98" in shown[0]  # the sooner of the two ahead
    assert sccr.find_element(By.CSS_SELECTOR, ".next-label").text == "Next session:"
    scp = browser.find_element(By.ID, "series-scp")
    assert scp.find_element(By.CSS_SELECTOR, ".next-label").text == "Latest session:"
    ics = sccr.find_element(By.PARTIAL_LINK_TEXT, ".ics").get_attribute("href")
    assert ics == series_url + "series/sccr/calendar.ics" and fetch(ics)[0] == 200
    assert console_errors(browser) == []


def test_series_page(browser, series_url):
    browser.get(series_url + "series/index.html")
    browser.find_element(By.LINK_TEXT, "Standing Committee on Copyright and Related Rights").click()
    assert browser.current_url == series_url + "series/sccr/index.html"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Standing Committee on Copyright and Related Rights"
    upcoming = [li.get_attribute("id") for li in browser.find_elements(By.CSS_SELECTOR, "#upcoming > li")]
    assert upcoming == ["sccr-98", "sccr-99"]
    assert href(browser, "Download .ics") == series_url + "series/sccr/calendar.ics"
    browser.find_element(By.CSS_SELECTOR, "#sccr-47 h3 a").click()
    assert browser.current_url == series_url + "sessions/sccr-47.html"
    crumb = browser.find_element(By.CSS_SELECTOR, "nav.breadcrumb a")
    assert crumb.text == "Standing Committee on Copyright and Related Rights"
    assert crumb.get_attribute("href") == series_url + "series/sccr/index.html"
    assert console_errors(browser) == []


# --- the views, find, copy, time zones, past and upcoming ----------------------------------


def visible_ids(driver, selector: str = "li.session") -> list[str]:
    return [li.get_attribute("id") for li in driver.find_elements(By.CSS_SELECTOR, selector) if li.is_displayed()]


def test_view_page(browser, site_url):
    """A year's page, reached from the home page: its sessions (split by the browser's
    clock) and the subscribe block of that year's calendar."""
    browser.get(site_url)
    browser.find_element(By.ID, "browse").find_element(By.LINK_TEXT, "2025").click()
    assert browser.current_url == site_url + "year/2025/index.html"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sessions in 2025"
    assert [li.get_attribute("id") for li in browser.find_elements(By.CSS_SELECTOR, "#past > li")] == [
        "wipo-ip-conv-ge-2-25", "wipo-ip-conv-ge-25"]
    assert browser.find_element(By.ID, "no-upcoming").is_displayed()
    ics = site_url + "year/2025/calendar.ics"
    webcal = "webcal://" + ics.split("://", 1)[1]
    assert href(browser, "Subscribe in your calendar app") == webcal
    assert parse_qs(urlsplit(href(browser, "Add to Google Calendar")).query) == {"cid": [webcal]}
    assert parse_qs(urlsplit(href(browser, "Add to Outlook.com")).query)["url"] == [ics]
    for text, media_type in (("Download .ics", "text/calendar"), ("RSS", "application/rss+xml"), ("JSON Feed", "application/feed+json")):
        status, content_type = fetch(href(browser, text))
        assert status == 200 and content_type.startswith(media_type), text
    addresses = [code.text for code in browser.find_elements(By.CSS_SELECTOR, ".addresses code")]
    assert addresses == [ics] + [site_url + f"year/2025/feed.{kind}" for kind in ("rss", "atom", "json")]
    alternates = {link.get_attribute("href") for link in browser.find_elements(By.CSS_SELECTOR, 'link[rel="alternate"]:not([hreflang])')}
    assert alternates == set(addresses)
    # the same page at the folder's address, as a static host serves it
    browser.get(site_url + "year/2025/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sessions in 2025"
    assert console_errors(browser) == []


def test_find_narrows_the_list_as_you_type(browser, site_url):
    browser.get(site_url)
    find = browser.find_element(By.ID, "find")
    assert find.is_displayed() and len(visible_ids(browser)) == 11
    find.send_keys("conv/ge/2/25")
    assert visible_ids(browser) == ["wipo-ip-conv-ge-2-25"]
    assert browser.find_element(By.ID, "find-status").text == "1 of 11 sessions match."
    assert not browser.find_element(By.ID, "upcoming-section").is_displayed()  # no upcoming session matches
    find.send_keys(" zebra")
    assert visible_ids(browser) == []
    assert browser.find_element(By.ID, "find-status").text == "No session matches “conv/ge/2/25 zebra”."
    find.clear()
    find.send_keys("COPYRIGHT")  # any case
    found = visible_ids(browser)
    assert 1 < len(found) < 11 and "wipo-ip-conv-ge-25" in found
    browser.execute_script("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'))", find)
    assert len(visible_ids(browser)) == 11 and browser.find_element(By.ID, "find-status").text == ""
    assert browser.find_element(By.ID, "upcoming-section").is_displayed()
    assert console_errors(browser) == []


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def clipboard_text(driver) -> str:
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "navigator.clipboard.readText().then(done, function (e) { done('refused: ' + e); });"
    )


def copy_row(driver, index: int):
    """The address, its copy button and its note, of row ``index`` of the addresses."""
    row = driver.find_elements(By.CSS_SELECTOR, ".addresses dd")[index]
    return (row.find_element(By.TAG_NAME, "code").text, row.find_element(By.CSS_SELECTOR, "button.copy"),
            row.find_element(By.CSS_SELECTOR, ".copy-note"))


def said(note) -> str:
    """The copy button's note once the (asynchronous) clipboard call has answered."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(note.parent, 5).until(lambda _: note.text)


def test_copy_button_with_clipboard_access(browser, site_url):
    browser.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": origin(site_url), "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    try:
        browser.get(site_url + "tag/copyright/")
        address, button, note = copy_row(browser, 0)
        assert address == site_url + "tag/copyright/calendar.ics"
        assert button.is_displayed() and button.tag_name == "button" and button.text.split("\n")[0] == "Copy"
        assert button.accessible_name == "Copy the calendar address"
        button.click()
        assert said(note) == "Copied."
        assert clipboard_text(browser) == address
    finally:
        browser.execute_cdp_cmd("Browser.resetPermissions", {})
    assert console_errors(browser) == []


def test_copy_button_where_clipboard_access_is_refused(browser, site_url):
    """Refused (or no clipboard at all): the address is selected for the reader to copy."""
    browser.execute_cdp_cmd("Browser.setPermission", {
        "origin": origin(site_url), "permission": {"name": "clipboard-write"}, "setting": "denied"})
    try:
        browser.get(site_url + "tag/copyright/")
        address, button, note = copy_row(browser, 1)
        button.click()
        assert said(note).startswith("Copying is not allowed here: the address is selected")
        assert browser.execute_script("return window.getSelection().toString()") == address
    finally:
        browser.execute_cdp_cmd("Browser.resetPermissions", {})
    browser.get(site_url)
    browser.execute_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    address, button, note = copy_row(browser, 2)
    button.click()
    assert said(note).startswith("Copying is not allowed here")
    assert browser.execute_script("return window.getSelection().toString()") == address == site_url + "feed.atom"


def test_keyboard_reaches_and_uses_the_controls(browser, site_url):
    """Tab order: the JSON Feed button, then the first copy button; Enter and Space press it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": origin(site_url), "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    try:
        browser.get(site_url)
        browser.find_element(By.LINK_TEXT, "JSON Feed").send_keys("")  # focus, without following it
        ActionChains(browser).send_keys(Keys.TAB).perform()
        first = browser.switch_to.active_element
        assert first.get_attribute("data-copy") == site_url + "calendar.ics"
        ActionChains(browser).send_keys(Keys.ENTER).perform()
        assert said(copy_row(browser, 0)[2]) == "Copied."
        ActionChains(browser).send_keys(Keys.TAB, Keys.SPACE).perform()
        assert browser.switch_to.active_element.get_attribute("data-copy") == site_url + "feed.rss"
        assert said(copy_row(browser, 1)[2]) == "Copied."
        assert clipboard_text(browser) == site_url + "feed.rss"
    finally:
        browser.execute_cdp_cmd("Browser.resetPermissions", {})
    # the search box is a text field like any other
    find = browser.find_element(By.ID, "find")
    find.send_keys("metaverse")
    assert browser.switch_to.active_element == find
    assert 0 < len(visible_ids(browser)) < 11


def test_time_zone_selector(browser, site_url):
    """The reader's zone by default, another one chosen and remembered; the day-by-day
    table has the reader's time too. Where it matches the session's own, the line says
    nothing more than the Geneva time."""
    from selenium.webdriver.support.select import Select

    page = site_url + "sessions/wipo-ip-conv-ge-2-25.html"
    browser.get(page)
    zone = Select(browser.find_element(By.ID, "zone"))
    assert zone.first_selected_option.get_attribute("value") == ""
    assert "Asia/Tokyo" in zone.first_selected_option.text
    local = browser.find_element(By.CSS_SELECTOR, "dd.local")
    cells = browser.find_elements(By.CSS_SELECTOR, "td.local-cell")
    assert [cell.text for cell in cells] == ["18:00–02:00 (next day)"] * 2
    try:
        zone.select_by_value("America/New_York")
        assert "America/New_York" in local.text and "05:00–13:00" in local.text
        assert [cell.text for cell in cells] == ["05:00–13:00"] * 2
        assert browser.find_element(By.CSS_SELECTOR, "th.local-cell").text == "Your time (America/New_York)"
        browser.get(site_url)  # remembered on every page
        assert Select(browser.find_element(By.ID, "zone")).first_selected_option.get_attribute("value") == "America/New_York"
        assert "America/New_York" in browser.find_element(By.CSS_SELECTOR, "#wipo-ip-conv-ge-2-25 .local").text
        browser.get(page)
        Select(browser.find_element(By.ID, "zone")).select_by_value("Europe/Zurich")
        assert not browser.find_element(By.CSS_SELECTOR, "dd.local").is_displayed()  # Geneva's own hours
        assert [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "td.local-cell")] == ["10:00–18:00"] * 2
        Select(browser.find_element(By.ID, "zone")).select_by_value("")
        assert "Asia/Tokyo" in browser.find_element(By.CSS_SELECTOR, "dd.local").text
    finally:
        browser.execute_script("window.localStorage.clear()")
    assert console_errors(browser) == []


def test_local_time_comes_first_and_nothing_moves(browser, site_url):
    browser.get(site_url + "sessions/wipo-ip-conv-ge-2-25.html")
    terms = [dt.text for dt in browser.find_elements(By.CSS_SELECTOR, "dl.facts dt") if dt.is_displayed()]
    assert terms[:2] == ["Your time", "When"]
    browser.get(site_url)
    item = browser.find_element(By.ID, "wipo-ip-conv-ge-2-25")
    lines = [p.get_attribute("class") for p in item.find_elements(By.CSS_SELECTOR, "article > p") if p.is_displayed()]
    assert lines.index("local") < lines.index("when")
    shifts = browser.execute_async_script(
        "var done = arguments[arguments.length - 1], total = 0;"
        "new PerformanceObserver(function (list) { list.getEntries().forEach(function (e) { total += e.value; }); })"
        ".observe({type: 'layout-shift', buffered: true});"
        "requestAnimationFrame(function () { requestAnimationFrame(function () { done(total); }); });"
    )
    assert shifts == 0


def test_a_past_and_an_upcoming_session_page(browser, site_url):
    browser.get(site_url + "sessions/wipo-ip-conv-ge-2-25.html")
    assert browser.find_element(By.CSS_SELECTOR, ".timing").text == "Held on 28\u2009–\u200929 October 2025"
    assert not browser.find_element(By.CSS_SELECTOR, "section.add").is_displayed()  # nothing to add any more
    history = browser.find_element(By.CSS_SELECTOR, ".history").text
    assert "First published here, after the session" in history and "Announced" not in history
    previous = browser.find_element(By.CSS_SELECTOR, ".neighbours .previous a")
    assert previous.get_attribute("href") == site_url + "sessions/wipo-ip-conv-ge-25.html"
    assert browser.find_element(By.CSS_SELECTOR, ".neighbours .next a").get_attribute("href") == site_url + "sessions/wipo-ip-conv-ge-99.html"
    topic = browser.find_element(By.CSS_SELECTOR, ".topic-links a")
    assert topic.get_attribute("href").startswith(site_url + "tag/") and fetch(topic.get_attribute("href"))[0] == 200

    browser.get(site_url + "sessions/wipo-ip-conv-ge-99.html")
    assert browser.find_element(By.CSS_SELECTOR, ".timing").text == "Upcoming session"
    assert browser.find_element(By.CSS_SELECTOR, "section.add").is_displayed()
    assert "Announced" in browser.find_element(By.CSS_SELECTOR, ".history").text
    assert browser.find_elements(By.CSS_SELECTOR, ".neighbours .next") == []
    assert console_errors(browser) == []


AXE = Path(os.environ.get("WIPOFEEDS_AXE_JS") or Path(__file__).resolve().parents[1] / ".tools/node_modules/axe-core/axe.min.js")


@pytest.mark.skipif(not AXE.is_file(), reason=f"axe-core not found at {AXE} (scripts/test installs npm axe-core@4.10.2)")
@pytest.mark.parametrize("path", ["", "year/2025/", "mode/virtual/", "sessions/wipo-ip-conv-ge-2-25.html", "ar/", "fr/sessions/wipo-ip-conv-ge-2-25.html",
                                  "sessions/wipo-ip-conv-ge-99.html"])
def test_no_accessibility_violations(browser, site_url, path):
    """axe-core (npm, run in the page) with every <details> open and the experimental
    label-content-name-mismatch rule on: no violation."""
    browser.get(site_url + path)
    browser.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; });")
    browser.execute_script(AXE.read_text("utf-8"))
    result = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {rules: {'label-content-name-mismatch': {enabled: true}}})"
        ".then(function (r) { done(r.violations.map(function (v) {"
        "  return v.id + ': ' + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); })); },"
        " function (e) { done(['axe failed: ' + e]); });"
    )
    assert result == []


@pytest.mark.parametrize("code", ["ar", "fr"])
def test_a_page_in_another_language_reads_in_it(browser, site_url, code):
    """An Arabic page is laid out right to left; the reader's time is written in the
    page's language, not the browser's (en-GB here)."""
    browser.get(site_url + f"{code}/sessions/wipo-ip-conv-ge-2-25.html")
    direction = browser.execute_script("return getComputedStyle(document.body).direction")
    assert direction == ("rtl" if code == "ar" else "ltr")
    local = browser.find_element(By.CSS_SELECTOR, "dd.local")
    assert local.is_displayed() and "Asia/Tokyo" in local.text
    month = browser.execute_script(
        "return new Intl.DateTimeFormat(arguments[0], {month: 'short', timeZone: 'Asia/Tokyo'}).format(new Date(Date.UTC(2025, 9, 28, 9)))",
        code,
    )
    assert month in local.text, local.text
    switcher = browser.find_element(By.CSS_SELECTOR, "nav.languages a[lang='en']")
    assert switcher.get_attribute("href") == site_url + "sessions/wipo-ip-conv-ge-2-25.html"
    # The script's own words are the page's: the zone picker's first choice, the day table's head.
    words = json.loads(browser.find_element(By.ID, "page-words").get_attribute("textContent"))
    first = browser.find_element(By.CSS_SELECTOR, "#zone option").text
    assert first == words["deviceZoneIs"].replace("%(zone)s", "Asia/Tokyo"), first
    assert first != "this device's time zone (Asia/Tokyo)"
    heads = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "table.days th.local-cell")]
    assert heads == [] or heads == [words["yourTimeIn"].replace("%(zone)s", "Asia/Tokyo")]
    assert console_errors(browser) == []
