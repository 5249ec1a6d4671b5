"""The pages in a real headless Chromium (Debian's chromium + chromium-driver, driven by
selenium; never a downloaded browser): subscribe links, JSON-LD, what app.js does with
the reader's clock and time zone, a phone-sized screen, and a clean console."""

from __future__ import annotations

import json
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


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The app on a real socket on 127.0.0.1; links follow the request's host."""
    data = tmp_path_factory.mktemp("data")
    (data / "sessions.txt").write_text(SEED.read_text("utf-8") + FUTURE_RECORD, "utf-8")
    server = make_server("127.0.0.1", 0, create_app({"SOURCE": str(data / "sessions.txt")}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        thread.join()


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

    # a filtered calendar has its own subscribe links
    year = browser.find_element(By.CSS_SELECTOR, 'a[aria-label="Add the 2025 sessions to Google Calendar"]')
    cid = parse_qs(urlsplit(year.get_attribute("href")).query)["cid"][0]
    assert cid == webcal.replace("calendar.ics", "year/2025/calendar.ics")

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
    browser.get(site_url + "sessions/wipo-ip-conv-ge-2-25")
    assert browser.find_element(By.TAG_NAME, "h1").text == "IP and Synthetic Media"
    google = parse_qs(urlsplit(href(browser, "Add to Google Calendar")).query)
    assert google["action"] == ["TEMPLATE"]
    assert google["dates"] == ["20251028T090000Z/20251028T170000Z"]
    assert google["recur"] == ["RRULE:FREQ=DAILY;COUNT=2"]
    assert google["ctz"] == ["Europe/Zurich"]
    ics = browser.find_element(By.PARTIAL_LINK_TEXT, "Download .ics").get_attribute("href")
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
    server = make_server("127.0.0.1", 0, create_app({"SOURCE": str(data)}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        thread.join()


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
    ics = sccr.find_element(By.CSS_SELECTOR, 'a[aria-label^="Download"]').get_attribute("href")
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
