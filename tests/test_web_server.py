"""The app under gunicorn (2 workers, gthread) on 127.0.0.1, fetched over real HTTP:
what production runs, including a data change picked up while it runs."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import icalendar
import pytest

from _factories import BROKEN_RECORD, FUTURE_RECORD

pytestmark = pytest.mark.server

SEED = Path(__file__).with_name("data") / "seed_sessions.txt"
# Never through a proxy: the server is on this machine.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving ``wipofeeds.web:create_app()`` from the test's own Python."""

    def __init__(self, listing: Path, log: Path):
        self.listing = listing
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {k: v for k, v in os.environ.items() if not k.startswith("WIPOFEEDS_")}
        env |= {"WIPOFEEDS_SOURCE": str(listing), "WIPOFEEDS_BASE_URL": self.url, "WIPOFEEDS_RELOAD_INTERVAL": "0"}
        command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--worker-class", "gthread", "--threads", "4"]
        command += ["--bind", f"127.0.0.1:{self.port}", "wipofeeds.web:create_app()"]
        self.log = log
        self._log_file = open(log, "wb")
        self.process = subprocess.Popen(command, stdout=self._log_file, stderr=subprocess.STDOUT, env=env, cwd=listing.parent)

    def wait_until_up(self, within: float = 60) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log.read_text(errors='replace')}")
            try:
                fetch(self.url + "healthz")
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer:\n{self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log_file.close()


def fetch(url: str, headers: dict | None = None, method: str = "GET"):
    """(status, headers, body) without raising on 304/4xx/5xx."""
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def server(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(SEED, data / "sessions.txt")
    running = Server(data / "sessions.txt", tmp_path / "gunicorn.log")
    try:
        running.wait_until_up()
        yield running
    finally:
        running.stop()


def test_calendar_feeds_and_pages_over_http(server):
    status, headers, body = fetch(server.url + "calendar.ics")
    assert status == 200 and headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert len(icalendar.Calendar.from_ical(body).walk("VEVENT")) >= 10
    for name in ("feed.rss", "feed.atom", "year/2025/feed.rss"):
        status, _, body = fetch(server.url + name)
        feed = feedparser.parse(body)
        assert status == 200 and not feed.bozo and feed.entries, name
    status, _, body = fetch(server.url + "feed.json")
    assert status == 200 and json.loads(body)["version"].startswith("https://jsonfeed.org/version/1")
    status, headers, body = fetch(server.url)
    assert status == 200 and b"webcal://127.0.0.1:" in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    status, _, body = fetch(server.url + "sessions/wipo-ip-conv-ge-2-25")
    assert status == 200 and b"application/ld+json" in body


def test_http_caching_over_the_wire(server):
    status, headers, body = fetch(server.url + "feed.rss", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    plain = fetch(server.url + "feed.rss")
    assert gzip.decompress(body) == plain[2]
    status, _, body = fetch(server.url + "feed.rss", {"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")
    status, _, body = fetch(server.url + "feed.rss", {"If-Modified-Since": plain[1]["Last-Modified"]})
    assert (status, body) == (304, b"")
    status, headers, body = fetch(server.url + "calendar.ics", method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0
    assert fetch(server.url + "feed.rss?year=abc")[0] == 400
    assert fetch(server.url + "sessions/nope")[0] == 404


def health(server) -> tuple[int, dict]:
    status, _, body = fetch(server.url + "healthz")
    return status, json.loads(body)


def wait_for(condition, within: float = 30):
    """Poll until ``condition()`` is truthy (the workers look at the data on each request)."""
    deadline = time.monotonic() + within
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.1)
    return result


def test_data_changes_while_running(server):
    listing = server.listing
    status, before = health(server)
    assert status == 200 and before["sessions"] == 10

    listing.write_text(listing.read_text("utf-8") + FUTURE_RECORD, "utf-8")
    # Each worker takes the new version when a request reaches it: wait until both did.
    sessions_by_worker: dict[int, int] = {}

    def both_workers_have_11() -> bool:
        report = health(server)[1]
        sessions_by_worker[report["worker"]] = report["sessions"]
        return len(sessions_by_worker) == 2 and set(sessions_by_worker.values()) == {11}

    wait_for(both_workers_have_11)
    # The worker that answered has the new version; the other picks it up on its next
    # look (every RELOAD_INTERVAL, once the file rested RELOAD_SETTLE). From then on every
    # request, whichever worker answers, serves the new version with one body.
    wait_for(lambda: all(b"wipo-ip-conv-ge-99@" in fetch(server.url + "calendar.ics")[2] for _ in range(12)))
    answers = {fetch(server.url + "calendar.ics")[1]["ETag"] for _ in range(12)}
    assert len(answers) == 1
    assert b"wipo-ip-conv-ge-99@" in fetch(server.url + "calendar.ics")[2]
    assert fetch(server.url + "sessions/wipo-ip-conv-ge-99")[0] == 200
    good = fetch(server.url + "calendar.ics")[2]

    listing.write_text(listing.read_text("utf-8") + BROKEN_RECORD, "utf-8")
    status, report = wait_for(lambda: (h := health(server))[0] == 503 and h)
    assert report["status"] == "error" and report["sessions"] == 11
    assert report["errors"][0]["line"] == 41 and "February 30" in report["errors"][0]["message"]
    assert all(fetch(server.url + "calendar.ics")[2] == good for _ in range(6)), "the last good version stays"
    wait_for(lambda: "February 30" in server.log.read_text(errors="replace"), within=10)  # the error is logged

    listing.write_text(listing.read_text("utf-8").replace("February 30", "February 28"), "utf-8")
    wait_for(lambda: health(server)[0] == 200)
