"""Issue 14, checked in bulk: fuzzed listings and curated files never raise anything but
the project's own errors, and a live server under load while its listing is replaced
answers every request whole, from one version."""

from __future__ import annotations

import re
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.serving import make_server

from wipofeeds.catalog import Source, load_with_changes
from wipofeeds.errors import WipofeedsError
from wipofeeds.web import create_app

SEED = Path(__file__).with_name("data") / "seed_sessions.txt"
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
NASTY = st.sampled_from(["\x00", "\a", "\x1b", "\u202e", "\u2066", "\u200b", "\ufeff", "\u00a0", "\t", "\r", "\n", "é", "\ud7ff"])
TEXT = st.lists(st.one_of(st.text(max_size=20), NASTY), max_size=12).map("".join)
CODES = ["WIPO/IP/CONV/GE/2/25", "WIPO/IP/CONV/GE/25", "WIPO/IP/CONV/GE/99"]


@st.composite
def curated(draw) -> str:
    lines = []
    for code in draw(st.lists(st.sampled_from(CODES), max_size=3, unique=True)):
        lines.append(f'[sessions."{code}"]')
        for key in draw(st.lists(st.sampled_from(["title", "url", "conference_url", "status", "tags", "other"]), max_size=4, unique=True)):
            value = draw(st.one_of(TEXT, TEXT.map(lambda t: "https://www.wipo.int/" + t)))
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            escaped = re.sub(r"[\x00-\x1f\x7f\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", escaped)
            lines.append(f"{key} = " + (f'["{escaped}"]' if key == "tags" else f'"{escaped}"'))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n[broken"]))


@st.composite
def listings(draw) -> str:
    records = SEED.read_text("utf-8").split("\nWIPO/")
    kept = draw(st.lists(st.sampled_from(records), min_size=0, max_size=4))
    text = "\nWIPO/".join(kept)
    if draw(st.booleans()) and text:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(TEXT) + text[at:]
    return text


@settings(max_examples=40, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(listing=listings(), curation=curated())
def test_fuzzed_listings_and_curated_files_raise_only_our_errors(tmp_path_factory, listing, curation):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "sessions.txt").write_text(listing, "utf-8", errors="surrogatepass")
    (folder / "sessions.toml").write_text(curation, "utf-8", errors="surrogatepass")
    try:
        catalog, _ = load_with_changes(Source.of(folder / "sessions.txt"), base_url="https://feeds.example.org/")
    except WipofeedsError:
        return
    forbidden = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
    for session in catalog.sessions:
        for text in (session.title, session.url or "", session.conference_url or "", *session.paragraphs):
            assert not forbidden.search(text), (session.code, text)


# --- load while the listing is replaced ------------------------------------------------------


def version_of(text: str, version: str) -> str:
    return text.replace("Synthetic media", f"Synthetic media (version {version})").rstrip("\n") + "\n"


@pytest.mark.server
def test_under_load_while_the_listing_is_replaced_every_response_is_whole_and_one_version(data_dir):
    listing = data_dir / "sessions.txt"
    seed = SEED.read_text("utf-8")
    listing.write_text(version_of(seed, "A"), "utf-8")
    app = create_app({"SOURCE": str(listing), "BASE_URL": "http://127.0.0.1/", "RELOAD_INTERVAL": 0, "RELOAD_SETTLE": 0.05})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = time.monotonic() + 4
    errors: list[str] = []
    seen: dict[str, int] = {"A": 0, "B": 0}
    lock = threading.Lock()

    def client():
        while time.monotonic() < stop:
            for path in ("calendar.ics", "feed.atom", "sessions.json"):
                try:
                    with OPENER.open(url + path, timeout=10) as response:
                        body = response.read().decode("utf-8")
                        status = response.status
                except Exception as exc:  # noqa: BLE001 - every failure counts
                    with lock:
                        errors.append(f"{path}: {exc}")
                    continue
                versions = set(re.findall(r"\(version ([AB])\)", body))
                with lock:
                    if status != 200 or len(versions) != 1:
                        errors.append(f"{path}: {status} with versions {sorted(versions)}")
                    else:
                        seen[versions.pop()] += 1

    def replacer():
        n = 0
        while time.monotonic() < stop:
            n += 1
            temp = listing.with_name(".sessions.txt.tmp")
            temp.write_text(version_of(seed, "AB"[n % 2]), "utf-8")
            temp.replace(listing)  # the README's way: write, then rename
            time.sleep(0.3)

    threads = [threading.Thread(target=client) for _ in range(4)] + [threading.Thread(target=replacer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    server.shutdown()
    server.server_close()
    assert errors == []
    assert seen["A"] > 0 and seen["B"] > 0, seen
