"""`wipofeeds build`: the seed's whole site as files, equal to what the app serves."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
import recurring_ical_events
from lxml import etree

from wipofeeds import catalog as catalog_module
from wipofeeds.cli import main
from wipofeeds.render.jsonapi import schema_bytes
from wipofeeds.site import COLLECTIONS, HOST_FILES, PATH_COLLECTIONS
from wipofeeds.web import create_app

ROOT = Path(__file__).resolve().parents[1]
BASE_URL = "https://feeds.example.org/"
SEED_IDS = [
    "wipo-ip-conv-ge-2-25",
    "wipo-ip-conv-ge-25",
    "wipo-ip-conv-ge-2-24",
    "wipo-ip-conv-ge-24",
    "wipo-ip-conv-ge-2-23",
    "wipo-ip-conv-ge-23",
    "wipo-ip-conv-ge-2-22",
    "wipo-ip-conv-ge-22",
    "wipo-ip-conv-ge-21",
    "wipo-ip-ai-3-ge-20",
]
SITE_FILES = [
    "index.html", "calendar.ics", "feed.rss", "feed.atom", "feed.json", "changes.rss",
    "changes.atom", "sessions.json", "sessions.schema.json", "sitemap.xml", "_headers", ".htaccess",
]
FILTERS = ["year/2025/", "year/2020/", "mode/hybrid/", "mode/virtual/", "mode/in-person/", "tag/copyright/"]


def checksums(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wipofeeds", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1764547200"},  # 2025-12-01
    )


def run_build(*args: str) -> subprocess.CompletedProcess:
    return run_cli("build", *args)


@pytest.fixture
def built(data_dir: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    proc = run_build(str(data_dir / "sessions.txt"), "--out", str(out), "--base-url", BASE_URL)
    assert proc.returncode == 0, proc.stderr
    assert "10 sessions" in proc.stdout
    return out


def test_every_expected_path_exists(built):
    files = set(checksums(built))
    expected = set(SITE_FILES) | {"assets/style.css", "assets/app.js"}
    expected |= {f"sessions/{sid}{suffix}" for sid in SEED_IDS for suffix in (".html", ".ics", ".json")}
    expected |= set(COLLECTIONS) | {prefix + name for prefix in FILTERS for name in PATH_COLLECTIONS}
    assert expected <= files
    assert not {prefix + "sessions.json" for prefix in FILTERS} & files  # the data set is published once
    text_files = {f for f in files if not f.endswith(".gz") and f not in HOST_FILES}
    root_files = {f for f in text_files if "/" not in f}
    assert {f + ".gz" for f in root_files} <= files  # the big, polled files are precompressed
    assert {f for f in files if f.endswith(".gz")} == {f + ".gz" for f in root_files}


def test_every_file_parses_with_an_independent_parser(built):
    schema = json.loads(schema_bytes())
    for path in sorted(built.rglob("*")):
        if not path.is_file() or path.suffix == ".gz" or path.name in HOST_FILES:
            continue
        body = path.read_bytes()
        if path.parent == built:
            assert gzip.decompress((path.parent / (path.name + ".gz")).read_bytes()) == body
        if path.suffix == ".ics":
            calendar = icalendar.Calendar.from_ical(body)
            recurring_ical_events.of(calendar).between((2000, 1, 1), (2030, 1, 1))
        elif path.suffix in (".rss", ".atom"):
            assert not feedparser.parse(body).bozo, path
        elif path.name == "sessions.json":
            jsonschema.validate(json.loads(body), schema)
        elif path.suffix == ".json":
            json.loads(body)
        elif path.suffix == ".xml":
            etree.fromstring(body)
        elif path.suffix == ".html":
            assert body.startswith(b"<!DOCTYPE html>") or body.lower().startswith(b"<!doctype html>")


def test_each_file_equals_the_app_response_for_its_path(built, data_dir):
    client = create_app({"SOURCE": str(data_dir / "sessions.txt"), "BASE_URL": BASE_URL}).test_client()
    compared = pages = 0
    for path in sorted(built.rglob("*")):
        relative = str(path.relative_to(built))
        if not path.is_file() or path.suffix == ".gz" or relative in HOST_FILES:
            continue
        response = client.get("/" + relative)
        assert response.status_code == 200, relative
        assert response.data == path.read_bytes(), relative
        if path.name == "index.html":  # what a static host serves at the folder's URL
            assert client.get("/" + relative.removesuffix("index.html")).data == response.data, relative
            pages += 1
        compared += 1
    assert compared > 100
    assert pages > 20  # the home page and each year's, way of attending's and topic's


def test_two_builds_in_different_folders_are_byte_identical(data_dir, tmp_path):
    one, two = tmp_path / "one", tmp_path / "deeper" / "two"
    for out in (one, two):
        assert run_build(str(data_dir / "sessions.txt"), "--out", str(out), "--base-url", BASE_URL).returncode == 0
    assert checksums(one) == checksums(two)


def test_broken_listing_fails_and_leaves_output_and_history_untouched(data_dir, built):
    before = checksums(built)
    history = (data_dir / "sessions.history.json").read_bytes()
    listing = data_dir / "sessions.txt"
    text = listing.read_text("utf-8").replace("April 23 to April 24", "April 23 to April 31")
    listing.write_text(text.replace("10:00 - 18:00", "10:00 - 25:00", 1), "utf-8")
    proc = run_build(str(listing), "--out", str(built), "--base-url", BASE_URL)
    assert proc.returncode == 1
    assert f"{listing}:3: '25:00' is not a time" in proc.stderr  # every error, in one pass
    assert f"{listing}:6: 'April 31' is not a date" in proc.stderr
    assert checksums(built) == before
    assert (data_dir / "sessions.history.json").read_bytes() == history


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", ":1: the listing has no records"),
        (b"\xef\xbb\xbf \r\n\t\n", ":1: the listing has no records"),
        (b"WIPO/IP/CONV/GE/2/25\nOctober 28, 2025 (Gen\xe8ve) Hybrid\nText", ":2: byte 0xE8 is not UTF-8"),
    ],
    ids=["empty", "only-a-bom-and-whitespace", "latin-1"],
)
def test_an_empty_or_undecodable_listing_publishes_nothing(data_dir, built, content, message):
    before = checksums(built)
    history = (data_dir / "sessions.history.json").read_bytes()
    listing = data_dir / "sessions.txt"
    listing.write_bytes(content)
    for command in (["check", str(listing)], ["build", str(listing), "--out", str(built), "--base-url", BASE_URL]):
        proc = run_cli(*command)
        assert proc.returncode == 1 and f"{listing}{message}" in proc.stderr, proc.stderr
    assert checksums(built) == before
    assert (data_dir / "sessions.history.json").read_bytes() == history


def test_session_removed_from_listing_disappears_everywhere(data_dir, built):
    listing = data_dir / "sessions.txt"
    lines = listing.read_text("utf-8").split("\n")
    start = lines.index("WIPO/IP/CONV/GE/22")
    del lines[start : start + 3]  # code, date line, description: no time line
    listing.write_text("\n".join(lines), "utf-8")
    proc = run_build(str(listing), "--out", str(built), "--base-url", BASE_URL)
    assert proc.returncode == 0
    gone = "wipo-ip-conv-ge-22"
    assert f"withdrawn from the listing (1): {gone}" in proc.stderr  # named, as it leaves every calendar
    assert not list(built.rglob(f"*{gone}*"))
    assert not (built / "mode" / "virtual" / "feed.rss").read_bytes().count(b"Conversation \xe2\x80\x93 5th session")
    for path in built.rglob("*"):
        if path.is_file() and path.suffix != ".gz" and path.name not in ("changes.rss", "changes.atom"):
            assert gone.encode() not in path.read_bytes(), path
    # the change feeds say so, linking to the home page (the session's page is gone)
    for name in ("changes.rss", "changes.atom"):
        feed = feedparser.parse((built / name).read_bytes())
        [item] = [e for e in feed.entries if e.title.startswith("Withdrawn from the listing:")]
        assert item.link == BASE_URL and gone in item.id
    assert not (built / "year" / "2022" / "calendar.ics").read_bytes().count(b"UID:" + gone.encode())


def test_build_without_base_url_is_a_clear_error(data_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("WIPOFEEDS_BASE_URL", raising=False)
    assert main(["build", str(data_dir / "sessions.txt"), "--out", str(tmp_path / "o")]) == 1
    assert "no base URL" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_quiet_prints_nothing(data_dir, tmp_path):
    proc = run_build(str(data_dir / "sessions.txt"), "--out", str(tmp_path / "o"), "--base-url", BASE_URL, "--quiet")
    assert proc.returncode == 0 and proc.stdout == "" and proc.stderr == ""


def test_committed_output_is_the_export_of_data(tmp_path):
    """output/ must never go stale: rebuild data/ elsewhere and compare byte for byte."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    catalog = catalog_module.load(data / "sessions.txt")
    assert catalog.site.base_url, "data/site.toml must set the default base_url"
    proc = run_build(str(data), "--out", str(tmp_path / "output"))  # the data folder: every series
    assert proc.returncode == 0, proc.stderr
    assert (data / "sessions.history.json").read_bytes() == (ROOT / "data" / "sessions.history.json").read_bytes(), (
        "data/sessions.history.json is missing a session: run `wipofeeds build` and commit data/ and output/"
    )
    assert checksums(tmp_path / "output") == checksums(ROOT / "output"), (
        "output/ is stale: run `wipofeeds build` and commit output/"
    )


@pytest.mark.parametrize("broken", [False, True], ids=["build", "failed build"])
def test_a_build_leaves_the_garbage_collector_as_it_found_it(data_dir, tmp_path, broken):
    """The collector is off while a build loads and its catalog frozen while it renders;
    afterwards (even after an error) it runs as before, over every object."""
    import gc

    from wipofeeds import export
    from wipofeeds.errors import ListingError

    if broken:
        listing = data_dir / "sessions.txt"
        listing.write_text(listing.read_text("utf-8").replace("April 23 to April 24", "April 23 to April 31"), "utf-8")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    if broken:
        with pytest.raises(ListingError):
            export.build(data_dir / "sessions.txt", tmp_path / "site", base_url=BASE_URL)
    else:
        export.build(data_dir / "sessions.txt", tmp_path / "site", base_url=BASE_URL)
    assert gc.isenabled() and gc.get_freeze_count() == 0
