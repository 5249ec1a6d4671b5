"""Several meeting series from one data folder (issue 16): data/sessions.txt at the root
as before, data/series/<slug>.txt under series/<slug>/, every session under all/, one
shared history, and a bad listing that keeps its last good version while the others
update. Checked with the parsers subscribers' apps use (icalendar, recurring-ical-events,
feedparser) on the exporter's files and the app's responses."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import feedparser
import icalendar
import pytest
import recurring_ical_events

from wipofeeds import export
from wipofeeds import history as hist
from wipofeeds.catalog import Source
from wipofeeds.web import create_app

ROOT = Path(__file__).resolve().parent.parent
BASE_URL = "https://feeds.example.org/"
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)

CONVERSATION = """WIPO/IP/CONV/GE/2/25
October 28 to October 29, 2025 (Geneva, Switzerland) Hybrid
10:00 - 18:00 Geneva time
The twelfth session of the WIPO Conversation on IP and Frontier Technologies.
WIPO/IP/CONV/GE/2/24
April 8 to April 9, 2024 Virtual
13:00 - 15:00 Geneva time
The tenth session of the WIPO Conversation.
"""
SCCR = """SCCR/47
December 1 to December 5, 2025 (Geneva, Switzerland) Hybrid
10:00 - 13:00 and 15:00 - 18:00
Forty-Seventh Session of the Standing Committee on Copyright and Related Rights (SCCR).
SCCR/46
April 7 to April 11, 2025 (Geneva, Switzerland)
Forty-Sixth Session of the Standing Committee on Copyright and Related Rights (SCCR).
"""
SCP = """SCP/36
October 14 to October 18, 2024 (Geneva, Switzerland) Hybrid
The thirty-sixth session took place in hybrid form.
"""
SITE = f"""base_url = "{BASE_URL}"
[series.sccr]
title = "Standing Committee on Copyright and Related Rights (SCCR)"
url = "https://www.wipo.int/policy/en/sccr/"
zone = "Geneva time"
"""
IDS = {
    "": {"wipo-ip-conv-ge-2-25", "wipo-ip-conv-ge-2-24"},
    "series/sccr/": {"sccr-47", "sccr-46"},
    "series/scp/": {"scp-36"},
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder of three series: the default listing, SCCR (with settings) and
    SCP (without: named after its codes)."""
    data = tmp_path / "data"
    (data / "series").mkdir(parents=True)
    (data / "sessions.txt").write_text(CONVERSATION, "utf-8")
    (data / "series" / "sccr.txt").write_text(SCCR, "utf-8")
    (data / "series" / "scp.txt").write_text(SCP, "utf-8")
    (data / "site.toml").write_text(SITE, "utf-8")
    return data


def build(folder: Path, out: Path) -> export.Summary:
    return export.build(Source.of(folder), out, now=NOW)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wipofeeds", *args], capture_output=True, text=True, cwd=ROOT)


def uids(body: bytes) -> list[str]:
    return [str(e["UID"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")]


def ids_of(uid_list) -> set[str]:
    return {uid.split("@")[0].split(".")[0] for uid in uid_list}


def test_every_series_has_its_calendars_and_feeds_and_all_has_every_session(folder, tmp_path):
    out = tmp_path / "out"
    summary = build(folder, out)
    assert summary.sessions == 5 and not summary.problems
    for prefix, ids in IDS.items():
        assert ids_of(uids((out / prefix / "calendar.ics").read_bytes())) == ids
        feed = feedparser.parse((out / prefix / "feed.atom").read_bytes())
        assert not feed.bozo and {e.link.rsplit("/", 1)[-1].removesuffix(".html") for e in feed.entries} == ids
        assert {s["id"] for s in json.loads((out / prefix / "sessions.json").read_bytes())["sessions"]} == ids
        assert (out / prefix / "index.html").is_file() and (out / prefix / "changes.rss").is_file()
    every = set().union(*IDS.values())
    assert ids_of(uids((out / "all" / "calendar.ics").read_bytes())) == every
    assert {p.stem for p in (out / "sessions").glob("*.ics")} == every
    assert (out / "series" / "index.html").is_file()
    assert (out / "series" / "sccr" / "year" / "2025" / "calendar.ics").is_file()
    assert ids_of(uids((out / "all" / "year" / "2025" / "calendar.ics").read_bytes())) == {"wipo-ip-conv-ge-2-25", "sccr-47", "sccr-46"}


def test_a_session_is_the_same_event_in_every_calendar_that_lists_it(folder, tmp_path):
    """The VEVENTs of SCCR/47 in its series' calendar, in all/, in its year's and in its
    own file are the same bytes; no calendar holds a UID twice."""
    out = tmp_path / "out"
    build(folder, out)
    calendars = [out / "series/sccr/calendar.ics", out / "all/calendar.ics", out / "all/year/2025/calendar.ics",
                 out / "sessions/sccr-47.ics", out / "series/sccr/mode/hybrid/calendar.ics"]
    events = []
    for path in calendars:
        found = uids(path.read_bytes())
        assert len(found) == len(set(found)), path
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events.append(sorted(e.to_ical() for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("sccr-47")))
    assert all(e == events[0] for e in events) and len(events[0]) == 2  # two windows a day


def test_a_series_zone_applies_to_time_lines_that_name_none(folder, tmp_path):
    """SCCR's time line names no zone; [series.sccr] zone = "Geneva time" places it:
    10:00 in Geneva is 09:00 UTC on each of the five December days."""
    out = tmp_path / "out"
    build(folder, out)
    calendar = icalendar.Calendar.from_ical((out / "sessions/sccr-47.ics").read_bytes())
    mornings = [e for e in recurring_ical_events.of(calendar).between(date(2025, 12, 1), date(2025, 12, 6))
                if e["DTSTART"].dt.hour == 10]
    assert [e["DTSTART"].dt.astimezone(timezone.utc).hour for e in mornings] == [9] * 5
    assert str(calendar.walk("VEVENT")[0]["DTSTART"].params["TZID"]) == "Europe/Zurich"


def test_series_titles_come_from_settings_or_from_the_codes(folder, tmp_path):
    out = tmp_path / "out"
    build(folder, out)
    sccr = icalendar.Calendar.from_ical((out / "series/sccr/calendar.ics").read_bytes())
    scp = icalendar.Calendar.from_ical((out / "series/scp/calendar.ics").read_bytes())
    assert str(sccr["X-WR-CALNAME"]) == "Standing Committee on Copyright and Related Rights (SCCR)"
    assert str(scp["X-WR-CALNAME"]) == "Standing Committee on the Law of Patents"
    page = (out / "sessions/scp-36.html").read_text("utf-8")
    assert "WIPO Conversation" not in page and 'href="../series/scp/index.html"' in page
    home = (out / "index.html").read_text("utf-8")
    assert 'href="series/sccr/index.html"' in home and 'href="series/scp/index.html"' in home


def test_one_history_for_every_listing_and_a_moved_session_keeps_its_sequence(folder, tmp_path):
    out = tmp_path / "out"
    build(folder, out)
    history = hist.load(folder / "sessions.history.json")
    assert set(history.records) == set().union(*IDS.values())
    assert not (folder / "series" / "sccr.history.json").exists()
    # SCP/36 moves into the SCCR listing: not withdrawn, not announced again.
    (folder / "series" / "sccr.txt").write_text(SCCR + SCP, "utf-8")
    (folder / "series" / "scp.txt").write_text(SCP.replace("SCP/36", "SCP/37").replace("October 14 to October 18, 2024",
                                                                                        "November 3 to November 7, 2025"), "utf-8")
    build(folder, out)
    moved = hist.load(folder / "sessions.history.json").records["scp-36"]
    assert moved.sequence == 0 and len(moved.changes) == 1
    assert "scp-36" in ids_of(uids((out / "series/sccr/calendar.ics").read_bytes()))


def test_a_code_in_two_listings_is_an_error_naming_both_places(folder):
    (folder / "series" / "scp.txt").write_text(SCP + SCCR.split("SCCR/46")[0].replace("18:00", "18:00 Geneva time"), "utf-8")
    done = run_cli("check", str(folder))
    assert done.returncode == 1
    sccr_line = f"{folder}/series/sccr.txt:1"
    assert done.stderr.splitlines() == [
        f"{folder}/series/scp.txt:4: document code 'SCCR/47' is also listed in {sccr_line}; "
        "a session belongs to one listing (move it: its history moves with it)"
    ]


def test_check_reports_each_listing(folder):
    done = run_cli("check", str(folder))
    assert done.returncode == 0, done.stderr
    summary = [line for line in done.stdout.splitlines() if "no problems" in line]
    assert summary == [f"{folder}/sessions.txt: 2 sessions, no problems",
                       f"{folder}/series/sccr.txt: 2 sessions, no problems",
                       f"{folder}/series/scp.txt: 1 session, no problems"]


def checksums(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_bad_listing_keeps_its_last_good_version_and_the_others_update(folder, tmp_path):
    out = tmp_path / "out"
    build(folder, out)
    assert (folder / "last-good" / "sccr.txt").read_text("utf-8") == SCCR
    before = checksums(out / "series" / "sccr")
    (folder / "series" / "sccr.txt").write_text(SCCR.replace("December 1 to", "December 41 to"), "utf-8")
    (folder / "series" / "scp.txt").write_text(SCP + SCP.replace("SCP/36", "SCP/35").replace("2024", "2023"), "utf-8")
    done = run_cli("build", str(folder), "--out", str(out), "--quiet")
    assert done.returncode == 1
    assert f"{folder}/series/sccr.txt:2: " in done.stderr and "last good version" in done.stderr
    assert ids_of(uids((out / "series/scp/calendar.ics").read_bytes())) == {"scp-36", "scp-35"}
    assert "sccr-47" in ids_of(uids((out / "all/calendar.ics").read_bytes()))
    sccr_now = checksums(out / "series" / "sccr")
    assert sccr_now["calendar.ics"] == before["calendar.ics"] and sccr_now["feed.rss"] == before["feed.rss"]
    assert (folder / "last-good" / "sccr.txt").read_text("utf-8") == SCCR  # still the good one


def test_a_bad_listing_with_no_last_good_version_publishes_nothing(folder, tmp_path):
    (folder / "series" / "scp.txt").write_text(SCP.replace("October 14", "Octobre 14"), "utf-8")
    done = run_cli("build", str(folder), "--out", str(tmp_path / "out"))
    assert done.returncode == 1 and not (tmp_path / "out").exists()
    assert f"{folder}/series/scp.txt:2: " in done.stderr and "no last good version" in done.stderr


def test_a_repository_with_only_the_default_listing_publishes_what_it_did(tmp_path):
    """data/ without data/series: the same files, the same bytes as before series
    existed (the export of that time, as checksums)."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("sessions.txt", "sessions.toml"):
        shutil.copyfile(ROOT / "data" / name, data / name)
    site = (ROOT / "data" / "site.toml").read_text("utf-8")
    (data / "site.toml").write_text(site.split("\n[series.", 1)[0].rsplit("\n# Other meeting series", 1)[0] + "\n", "utf-8")
    history = hist.load(ROOT / "data" / "sessions.history.json")
    mine = {s for s in history.records if not s.startswith(("sccr-", "scp-"))}
    hist.save(type(history)({sid: history.records[sid] for sid in mine}), data / "sessions.history.json")
    out = tmp_path / "output"
    done = run_cli("build", str(data), "--out", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    expected = {}
    for line in (Path(__file__).with_name("data") / "one-listing-output.sha256").read_text().splitlines():
        if line and not line.startswith("#"):
            digest, name = line.split("  ", 1)
            expected[name] = digest
    assert checksums(out) == expected


# --- the live app -------------------------------------------------------------------------


@pytest.fixture
def client(folder):
    app = create_app({"TESTING": True, "SOURCE": str(folder), "BASE_URL": BASE_URL, "RELOAD_INTERVAL": 0,
                      "RELOAD_SETTLE": 0})
    return app.test_client()


@pytest.mark.parametrize(
    "path, ids",
    [
        ("/calendar.ics", IDS[""]),
        ("/series/sccr/calendar.ics", IDS["series/sccr/"]),
        ("/series/scp/calendar.ics", IDS["series/scp/"]),
        ("/all/calendar.ics", set().union(*IDS.values())),
        ("/all/calendar.ics?series=sccr,scp", IDS["series/sccr/"] | IDS["series/scp/"]),
        ("/all/calendar.ics?series=scp&year=2024", IDS["series/scp/"]),
        ("/series/sccr/calendar.ics?year=2025", IDS["series/sccr/"]),
        ("/series/sccr/year/2025/calendar.ics", IDS["series/sccr/"]),
    ],
)
def test_the_app_serves_each_series_all_and_a_selection(client, path, ids):
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    found = uids(response.data)
    assert ids_of(found) == ids and len(found) == len(set(found))


@pytest.mark.parametrize("path", ["/all/feed.rss?series=sccr", "/all/feed.atom?series=sccr,scp", "/all/feed.json?series=scp"])
def test_a_selection_of_series_as_feeds(client, path):
    response = client.get(path)
    assert response.status_code == 200
    if path.split("?")[0].endswith(".json"):
        items = json.loads(response.data)["items"]
        assert {i["url"].rsplit("/", 1)[-1].split(".")[0] for i in items} == {"scp-36"}
    else:
        feed = feedparser.parse(response.data)
        assert not feed.bozo and all("/sessions/sccr-" in e.link or "/sessions/scp-" in e.link for e in feed.entries)


@pytest.mark.parametrize("path", ["/all/calendar.ics?series=nope", "/calendar.ics?series=sccr", "/series/sccr/feed.rss?series=scp"])
def test_a_bad_selection_is_refused_naming_the_parameter(client, path):
    response = client.get(path)
    assert response.status_code == 400 and "series" in response.get_data(as_text=True)


def test_the_app_and_the_export_publish_the_same_bytes(folder, tmp_path, client):
    out = tmp_path / "out"
    build(folder, out)
    for path in ["series/sccr/calendar.ics", "all/feed.rss", "series/index.html", "index.html", "series/scp/index.html",
                 "sessions/sccr-47.html", "all/sessions.json", "sitemap.xml"]:
        assert client.get("/" + path).data == (out / path).read_bytes(), path


def test_a_bad_listing_keeps_its_series_live_and_healthz_names_it(folder, tmp_path, caplog):
    build(folder, tmp_path / "out")  # a build saves the last good listings
    app = create_app({"TESTING": True, "SOURCE": str(folder), "BASE_URL": BASE_URL, "RELOAD_INTERVAL": 0,
                      "RELOAD_SETTLE": 0})
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    (folder / "series" / "sccr.txt").write_text(SCCR.replace("SCCR/46\nApril 7", "SCCR/46\nApril 77"), "utf-8")
    (folder / "series" / "scp.txt").write_text(SCP + SCP.replace("SCP/36", "SCP/35").replace("2024", "2023"), "utf-8")
    with caplog.at_level(logging.ERROR):
        health = client.get("/healthz")
    body = json.loads(health.data)
    assert health.status_code == 503 and body["kept"] == [f"{folder}/series/sccr.txt"]
    assert body["errors"][0]["file"] == f"{folder}/series/sccr.txt" and body["errors"][0]["line"] == 6
    assert ids_of(uids(client.get("/series/scp/calendar.ics").data)) == {"scp-36", "scp-35"}
    assert ids_of(uids(client.get("/series/sccr/calendar.ics").data)) == IDS["series/sccr/"]
