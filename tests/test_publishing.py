"""Publishing that nothing can corrupt (issue 14): half-written listings, concurrent and
killed builds, hostile hosts, slow clients, unwritable folders, curated text, and the
removal guard (issue 13). Each test failed on the code before the fix; times are
bounded, servers listen on 127.0.0.1 only."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import icalendar
import pytest
from _factories import FUTURE_RECORD

from wipofeeds import export
from wipofeeds import live, safefiles
from wipofeeds.cli import main
from wipofeeds.web import create_app

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(__file__).with_name("data") / "seed_sessions.txt"
BASE_URL = "https://feeds.example.org/"
EPOCH = "1764547200"  # 2025-12-01
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def run_build(*args: str, epoch: str = EPOCH, **kwargs) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": epoch}
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run([sys.executable, "-m", "wipofeeds", "build", *args], capture_output=True, text=True, env=env, **kwargs)


def records(listing: Path) -> list[str]:
    """The records of a listing (each from its code line), each ending with a line break."""
    parts = re.split(r"(?m)^(?=WIPO/)", listing.read_text("utf-8"))
    return [part if part.endswith("\n") else part + "\n" for part in parts if part.strip()]


def uids(calendar: bytes) -> list[str]:
    """The session ids of a calendar's events (UID ``id@wipofeeds``)."""
    return [str(e["UID"]).split("@")[0] for e in icalendar.Calendar.from_ical(calendar).walk("VEVENT")]


def change_kinds(history_file: Path) -> list[str]:
    sessions = json.loads(history_file.read_text("utf-8"))["sessions"]
    return sorted(f"{sid} {c['kind']} {c['sequence']}" for sid, r in sessions.items() for c in r["changes"])


@pytest.fixture
def listing(data_dir: Path) -> Path:
    return data_dir / "sessions.txt"


# --- 1. half-written listings --------------------------------------------------------------


def test_a_slow_in_place_writer_puts_nothing_partial_into_history_or_bodies(listing):
    """An in-place save that pauses longer than the settle time half-way: the cut
    listing (a valid one: 4 of 10 sessions and the fifth cut in its description) is
    never served or recorded."""
    client = create_app({"SOURCE": str(listing), "BASE_URL": BASE_URL, "RELOAD_INTERVAL": 0, "RELOAD_SETTLE": 0.2}).test_client()
    whole = len(uids(client.get("/calendar.ics").data))
    assert whole == 10
    recorded = change_kinds(listing.with_name("sessions.history.json"))
    final = SEED.read_text("utf-8") + FUTURE_RECORD
    fifth = records(SEED)[4]
    cut = "".join(records(SEED)[:4]) + fifth[: len(fifth) - 40]
    done = threading.Event()

    def editor():
        with open(listing, "r+", encoding="utf-8") as file:
            file.truncate(0)
            file.write(cut)
            file.flush()
            time.sleep(1.2)  # six settle times: read, reread and confirmed meanwhile
            file.write(final[len(cut) :])
        done.set()

    writer = threading.Thread(target=editor)
    writer.start()
    counts = set()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not (done.is_set() and 11 in counts):
        response = client.get("/calendar.ics")
        assert response.status_code == 200
        counts.add(len(uids(response.data)))
        time.sleep(0.02)
    writer.join()
    assert counts == {10, 11}
    health = client.get("/healthz").get_json()
    assert health["status"] == "ok" and health["sessions"] == 11
    after = change_kinds(listing.with_name("sessions.history.json"))
    assert sorted(set(after) - set(recorded)) == ["wipo-ip-conv-ge-99 announced 0"]


def test_a_build_refuses_a_listing_that_changes_while_it_is_read(listing, tmp_path, monkeypatch):
    from wipofeeds import catalog as catalog_module

    real = catalog_module.load_sessions

    def edited_during_the_read(source, site=None):
        sessions = real(source, site)
        with open(listing, "a", encoding="utf-8") as file:
            file.write(FUTURE_RECORD)
        return sessions

    monkeypatch.setattr(catalog_module, "load_sessions", edited_during_the_read)
    with pytest.raises(export.ExportError, match="changed while it was read"):
        export.build(listing, tmp_path / "out", base_url=BASE_URL)
    assert not (tmp_path / "out").exists() and not listing.with_name("sessions.history.json").exists()


# --- 2. two builds at once -------------------------------------------------------------------


SLOW_WRITER = """
import sys, time
from wipofeeds import cli, export, writing
real, calls = writing.Files.write, []
def write(self, path, body, gzipped=None):
    calls.append(path)
    if len(calls) == 20:
        print("writing", file=sys.stderr, flush=True)
        time.sleep(1.5)  # a big build: still writing when the second starts
    return real(self, path, body, gzipped)
writing.Files.write = write
sys.exit(cli.main(sys.argv[1:]))
"""


def test_two_builds_at_once_both_finish_one_after_the_other(listing, tmp_path):
    out = tmp_path / "site"
    args = (str(listing), "--out", str(out), "--base-url", BASE_URL)
    first = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, "build", *args], stderr=subprocess.PIPE, text=True)
    assert first.stderr.readline() == "writing\n"
    second = run_build(*args, timeout=120)
    first_err = first.communicate(timeout=120)[1]
    assert first.returncode == 0 and second.returncode == 0, first_err + second.stderr
    assert "Traceback" not in first_err + second.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]  # no temporary folder, no lock
    assert sorted(p.name for p in listing.parent.iterdir()) == ["sessions.history.json", "sessions.txt"]
    history = listing.with_name("sessions.history.json")
    assert len(change_kinds(history)) == 10  # announced once each
    assert sorted(uids((out / "calendar.ics").read_bytes())) == sorted(json.loads(history.read_text("utf-8"))["sessions"])
    reference = tmp_path.parent / f"{tmp_path.name}-reference"
    assert run_build(str(listing), "--out", str(reference), "--base-url", BASE_URL).returncode == 0
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == sorted(str(p.relative_to(reference)) for p in reference.rglob("*"))


def test_a_second_build_waits_for_the_lock_and_says_so(listing, tmp_path):
    out = tmp_path / "site"
    with safefiles.locked(out):
        late = subprocess.Popen(
            [sys.executable, "-m", "wipofeeds", "build", str(listing), "--out", str(out), "--base-url", BASE_URL],
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.0)
        assert late.poll() is None and not out.exists()  # waiting, nothing written
        stale = tmp_path / f"{export.STALE_PREFIX}site-left-by-a-kill"
        stale.mkdir()
    _, err = late.communicate(timeout=120)
    assert late.returncode == 0 and "waiting for another build" in err
    assert (out / "calendar.ics").is_file() and not stale.exists()


# --- 3. killed builds ------------------------------------------------------------------------

KILLER = """
import os, signal, sys
from wipofeeds import cli, export, history, writing
phase, how = sys.argv[1], getattr(signal, sys.argv[2])
real_write, real_save, real_swap = writing.Files.write, history.save, export._swap_in
calls = []
def write(self, path, body, gzipped=None):
    calls.append(path)
    if phase == "writing" and len(calls) == 20:
        os.kill(os.getpid(), how)
    return real_write(self, path, body, gzipped)
def save(h, path):
    real_save(h, path)
    if phase == "history saved":
        os.kill(os.getpid(), how)
def swap(new, out):
    result = real_swap(new, out)
    if phase == "swapped":
        os.kill(os.getpid(), how)
    return result
writing.Files.write, history.save, export._swap_in = write, save, swap
sys.exit(cli.main(sys.argv[3:]))
"""


def published_changes(out: Path) -> set[str]:
    return {e.id for e in feedparser.parse((out / "changes.atom").read_bytes()).entries}


def history_changes(history: Path) -> set[str]:
    sessions = json.loads(history.read_text("utf-8"))["sessions"] if history.exists() else {}
    return {f"urn:wipofeeds:change:{sid}:{c['sequence']}:{c['kind']}" for sid, r in sessions.items() for c in r["changes"]}


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
@pytest.mark.parametrize("phase", ["writing", "history saved", "swapped"])
def test_a_build_killed_at_any_phase_never_publishes_ahead_of_its_history(listing, tmp_path, phase, how):
    out = tmp_path / "site"
    history = listing.with_name("sessions.history.json")
    args = (str(listing), "--out", str(out), "--base-url", BASE_URL)
    assert run_build(*args).returncode == 0
    with open(listing, "a", encoding="utf-8") as file:
        file.write(FUTURE_RECORD)
    old_history = history.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, phase, how, "build", *args],
        capture_output=True,
        text=True,
        env=os.environ | {"SOURCE_DATE_EPOCH": "1764633600"},  # 2025-12-02
        timeout=120,
    )
    assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr
    assert published_changes(out) <= history_changes(history)  # the site is never ahead
    if how == "SIGTERM":  # cleaned up like a failure; held back between history and swap
        assert proc.returncode == 128 + signal.SIGTERM and "stopped by SIGTERM" in proc.stderr
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
        if phase == "writing":
            assert history.read_bytes() == old_history
    # the next build repairs whatever was left, recording nothing twice
    assert run_build(*args, epoch="1764720000").returncode == 0  # 2025-12-03
    assert published_changes(out) == history_changes(history)
    new = [c for c in change_kinds(history) if c.startswith("wipo-ip-conv-ge-99")]
    assert new == ["wipo-ip-conv-ge-99 announced 0"]
    at = json.loads(history.read_text("utf-8"))["sessions"]["wipo-ip-conv-ge-99"]["first_published"]
    assert at == ("2025-12-03T00:00:00Z" if phase == "writing" else "2025-12-02T00:00:00Z")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# --- 4. hostile Host headers -----------------------------------------------------------------


def test_a_foreign_host_gets_400_and_never_a_render(listing, monkeypatch):
    renders = []
    real = live.build_site
    monkeypatch.setattr(live, "build_site", lambda catalog: renders.append(catalog.site.base_url) or real(catalog))
    client = create_app({"SOURCE": str(listing), "RELOAD_INTERVAL": 0, "RELOAD_SETTLE": 0}).test_client()
    for n in range(5):
        for path in ("/calendar.ics", "/feed.rss", "/", "/changes.atom?year=2025", "/sessions.json"):
            response = client.get(path, headers={"Host": f"evil{n}.example"})
            assert response.status_code == 400
            assert b"evil" not in response.data
    assert renders == []
    for _ in range(3):
        for host in ("localhost:80", "127.0.0.1:80", "localhost"):  # the server's port is 80
            response = client.get("/calendar.ics", headers={"Host": host})
            assert response.status_code == 200 and response.headers["Vary"] == "Accept-Encoding, Host"
            assert f"http://{host.removesuffix(':80')}/".encode() in response.data.replace(b"\r\n ", b"")
    assert sorted(renders) == ["http://127.0.0.1/", "http://localhost/"]  # once each
    assert client.get("/calendar.ics", headers={"Host": "localhost:81"}).status_code == 400  # not the server's port


def test_allowed_hosts_come_from_the_environment(listing, monkeypatch):
    monkeypatch.setenv("WIPOFEEDS_ALLOWED_HOSTS", "feeds.example.net, feeds.local:8080")
    client = create_app({"SOURCE": str(listing), "RELOAD_INTERVAL": 0}).test_client()
    assert b"https://feeds.example.net/feed.rss" in client.get("/feed.rss", base_url="https://feeds.example.net").data
    assert client.get("/feed.rss", base_url="http://feeds.local:8080").status_code == 200
    assert client.get("/feed.rss", base_url="http://localhost").status_code == 400


# --- 5. a slow client against the README's command -------------------------------------------


def readme_gunicorn_command(port: int) -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    [line] = re.findall(r"^\s*\.venv/bin/gunicorn (.+)$", readme, re.M)
    words = shlex.split(line)
    words[words.index("-b") + 1] = f"127.0.0.1:{port}"
    return [sys.executable, "-m", "gunicorn", *words]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 30) -> int:
    with OPENER.open(url, timeout=timeout) as response:
        response.read()
        return response.status


@pytest.mark.server
def test_one_idle_client_delays_no_other_request_by_a_second(listing, tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIPOFEEDS_")}
    env |= {"WIPOFEEDS_SOURCE": str(listing), "WIPOFEEDS_BASE_URL": f"http://127.0.0.1:{port}/"}
    log = open(tmp_path / "gunicorn.log", "wb")
    server = subprocess.Popen(readme_gunicorn_command(port), env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(url + "healthz", timeout=5)
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, (tmp_path / "gunicorn.log").read_text()
                time.sleep(0.2)
        for _ in range(4):  # every worker up and warm
            get(url + "calendar.ics")
        idle = socket.create_connection(("127.0.0.1", port))
        idle.sendall(b"GET /calendar.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the rest
        time.sleep(0.5)
        slowest = 0.0
        for _ in range(12):
            started = time.monotonic()
            assert get(url + "feed.atom", timeout=10) == 200
            slowest = max(slowest, time.monotonic() - started)
        idle.close()
        assert slowest < 1.0, f"a request took {slowest:.2f} s while a client idled"
        print(f"slowest request while one client idled: {slowest * 1000:.0f} ms")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


# --- 7. unwritable output --------------------------------------------------------------------


@pytest.mark.parametrize("where", ["under a file", "read-only folder"])
def test_an_unwritable_output_folder_is_a_one_line_error(listing, tmp_path, where):
    if where == "under a file":
        (tmp_path / "file").write_text("x")
        out = tmp_path / "file" / "site"
    else:
        if os.geteuid() == 0:
            out = Path("/proc/wipofeeds-site")  # even root cannot write there
        else:
            locked_dir = tmp_path / "ro"
            locked_dir.mkdir(mode=0o555)
            out = locked_dir / "site"
    proc = run_build(str(listing), "--out", str(out), "--base-url", BASE_URL)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith(f"could not write {out}")
    assert not listing.with_name("sessions.history.json").exists()  # nothing published, nothing recorded


# --- 8. curated text -------------------------------------------------------------------------

CODE = "WIPO/IP/CONV/GE/2/25"


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("url", "https://www.wipo.int/\a", "U+0007 is not allowed in a URL"),
        ("conference_url", "https://example.org/\u202ejoin", "U+202E is not allowed in a URL"),
        ("url", "https://www.wipo.int/\u200bx", "U+200B is not allowed in a URL"),
        ("title", "Synthetic\x00 media", "control character U+0000 is not allowed"),
        ("title", "Synthetic \u202emedia", "control character U+202E is not allowed"),
        ("title", "Synthetic\x1b[31m media", "control character U+001B is not allowed"),
    ],
)
def test_curated_control_characters_are_refused_with_their_line(listing, key, value, message):
    curation = listing.with_name("sessions.toml")
    curation.write_text(f'[sessions."{CODE}"]\n{key} = {json.dumps(value)}\n', "utf-8")
    with pytest.raises(Exception) as caught:
        from wipofeeds.catalog import Source, load_sessions

        load_sessions(Source.of(listing))
    assert f"{curation}:2: {key} of {CODE}: " in str(caught.value) and message in str(caught.value)


def test_curated_invisible_spaces_become_spaces_in_every_format(listing, client_for):
    curation = listing.with_name("sessions.toml")
    curation.write_text(f'[sessions."{CODE}"]\ntitle = "Synthetic\\u200bmedia\\u00a0and\\tIP"\n', "utf-8")
    client = client_for(listing)
    sid = "wipo-ip-conv-ge-2-25"
    title = "Synthetic media and IP"
    assert json.loads(client.get(f"/sessions/{sid}.json").data)["session"]["title"] == title
    assert f"SUMMARY:{title}" in client.get(f"/sessions/{sid}.ics").data.decode()
    assert title in client.get(f"/sessions/{sid}.html").data.decode()


@pytest.fixture
def client_for():
    return lambda listing: create_app({"SOURCE": str(listing), "BASE_URL": BASE_URL, "RELOAD_INTERVAL": 0, "RELOAD_SETTLE": 0}).test_client()


# --- the removal guard (issue 13) -------------------------------------------------------------


def test_dropping_more_than_half_needs_allow_removals_and_is_then_withdrawn(listing, tmp_path):
    out = tmp_path / "site"
    args = (str(listing), "--out", str(out), "--base-url", BASE_URL)
    assert run_build(*args).returncode == 0
    before = (out / "calendar.ics").read_bytes()
    history = listing.with_name("sessions.history.json")
    recorded = history.read_bytes()
    kept = records(listing)[:4]
    listing.write_text("".join(kept), "utf-8")
    refused = run_build(*args)
    assert refused.returncode == 1
    assert "would withdraw 6 of the 10 published sessions" in refused.stderr and "--allow-removals" in refused.stderr
    assert (out / "calendar.ics").read_bytes() == before and history.read_bytes() == recorded
    allowed = run_build(*args, "--allow-removals", epoch="1764633600")
    assert allowed.returncode == 0, allowed.stderr
    assert "withdrawn from the listing (6): " in allowed.stderr
    assert len(uids((out / "calendar.ics").read_bytes())) == 4
    titles = [e.title for e in feedparser.parse((out / "changes.rss").read_bytes()).entries]
    assert sum(t.startswith("Withdrawn from the listing: ") for t in titles) == 6
    # one comes back: announced again, its sequence continued, one UID in the calendar
    gone = records(SEED)[5]
    listing.write_text("".join(kept) + gone, "utf-8")
    assert run_build(*args, epoch="1764720000").returncode == 0
    calendar = icalendar.Calendar.from_ical((out / "calendar.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len({str(e["UID"]) for e in events}) == len(events) == 5
    sid = gone.split("\n", 1)[0].lower().replace("/", "-")
    [back] = [e for e in events if str(e["UID"]).startswith(sid)]
    assert int(back["SEQUENCE"]) == 2
    assert [c["kind"] for c in json.loads(history.read_text("utf-8"))["sessions"][sid]["changes"]] == [
        "announced",
        "withdrawn",
        "announced",
    ]


def test_the_live_app_keeps_the_last_good_version_until_the_removal_is_recorded(listing, tmp_path):
    client = create_app({"SOURCE": str(listing), "BASE_URL": BASE_URL, "RELOAD_INTERVAL": 0, "RELOAD_SETTLE": 0}).test_client()
    good = client.get("/calendar.ics").data
    listing.write_text("".join(records(listing)[:3]), "utf-8")
    health = client.get("/healthz")
    assert health.status_code == 503
    assert "would withdraw 7 of the 10 published sessions" in health.get_json()["errors"][0]["message"]
    assert client.get("/calendar.ics").data == good
    assert main(["build", str(listing), "--out", str(tmp_path / "site"), "--base-url", BASE_URL, "--allow-removals"]) == 0
    assert client.get("/healthz").get_json() | {"version": None} == {
        "status": "ok",
        "version": None,
        "sessions": 3,
        "source": str(listing),
        "errors": [],
        "kept": [],
        "worker": os.getpid(),
    }
    assert len(uids(client.get("/calendar.ics").data)) == 3


def test_the_live_app_withdraws_a_few_sessions_and_says_so(listing):
    client = create_app({"SOURCE": str(listing), "BASE_URL": BASE_URL, "RELOAD_INTERVAL": 0, "RELOAD_SETTLE": 0}).test_client()
    listing.write_text("".join(records(listing)[1:]), "utf-8")
    assert client.get("/healthz").get_json()["sessions"] == 9
    feed = feedparser.parse(client.get("/changes.atom").data)
    [withdrawn] = [e for e in feed.entries if e.title.startswith("Withdrawn from the listing: ")]
    assert withdrawn.link == BASE_URL and "wipo-ip-conv-ge-2-25" in withdrawn.id
