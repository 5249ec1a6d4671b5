"""The feeds as a real feed reader lists them: sfeed (Debian's ``sfeed``, which
``scripts/test`` installs), run on the files the exporter writes.

``sfeed_update`` is the reader: it fetches each feed (here: reads the built file, so the
test is offline), parses it with ``sfeed``, merges it with what it read before and sorts
the items by date, newest first, the way its frontends show them. Items with equal
dates would come out in an order of sfeed's own (by title), whatever the document says:
the bug of issue 17, where every session of a first import carried one date.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from wipofeeds import export

SEED = Path(__file__).with_name("data") / "seed_sessions.txt"
BASE_URL = "https://feeds.example.org/"
FIRST_BUILD = datetime(2025, 12, 1, 9, tzinfo=timezone.utc)
SECOND_BUILD = FIRST_BUILD + timedelta(days=3)
FEEDS = ("feed.rss", "feed.atom", "changes.rss", "changes.atom")

# The seed's sessions, newest session first: what a reader should list after a first import.
NEWEST_FIRST = [
    "IP and Synthetic Media",
    "WIPO Conversation – 11th session",
    "Generative AI: IP and Output",
    "WIPO Conversation – 9th session",
    "WIPO Conversation – 8th session",
    "WIPO Conversation – 7th session",
    "WIPO Conversation – 6th session",
    "WIPO Conversation – 5th session",
    "Data – Beyond AI in a Fully Interconnected World",
    "WIPO Conversation – 3rd session",
]
DATES = {  # each session's dates, as change titles say them
    "IP and Synthetic Media": "28\u2009–\u200929 October 2025",
    "WIPO Conversation – 11th session": "23\u2009–\u200924 April 2025",
    "Generative AI: IP and Output": "5\u2009–\u20096 November 2024",
    "WIPO Conversation – 9th session": "13\u2009–\u200914 March 2024",
    "WIPO Conversation – 8th session": "20\u2009–\u200921 September 2023",
    "WIPO Conversation – 7th session": "29\u2009–\u200930 March 2023",
    "WIPO Conversation – 6th session": "21\u2009–\u200922 September 2022",
    "WIPO Conversation – 5th session": "5\u2009–\u20096 April 2022",
    "Data – Beyond AI in a Fully Interconnected World": "22\u2009–\u200923 September 2021",
    "WIPO Conversation – 3rd session": "4 November 2020",
}
NEW_SESSION = (
    "WIPO/IP/CONV/GE/26\n"
    "March 24 to March 25, 2026 (Geneva, Switzerland) Hybrid\n"
    "10:00 - 18:00 Geneva time\n"
    'The thirteenth session of the WIPO Conversation, "IP and Quantum Technologies", looks at quantum computing.\n'
)


@pytest.fixture(scope="module")
def sfeed_update() -> str:
    found = shutil.which("sfeed_update")
    if found is None or shutil.which("sfeed") is None:
        pytest.skip("sfeed is not installed (scripts/test installs it: apt-get install sfeed)")
    return found


def records(text: str) -> list[str]:
    """The records of a listing (each from its code line), each ending with a line break."""
    return [part.rstrip("\n") + "\n" for part in re.split(r"(?m)^(?=WIPO/)", text) if part.strip()]


def listing_in_code_order() -> str:
    """The seed listing with its records sorted by document code: neither the listing's
    order nor the ids may decide what readers show first."""
    return "".join(sorted(records(SEED.read_text("utf-8"))))


def read(sfeed_update: str, site: Path, home: Path) -> dict[str, list[tuple[int, str, str]]]:
    """Run sfeed_update on the built feeds (merging with what it read before, in
    ``home``) and return, per feed, its items as sfeed stores them: (UNIX time, title,
    id), in the order it keeps and shows them."""
    store = home / "feeds"
    config = home / "sfeedrc"
    lines = [f'sfeedpath="{store}"', "maxjobs=1", "", "# file:// URLs: the built files, read from disk",
             "fetch() {", '\tcat "${2#file://}"', "}", "", "feeds() {"]
    lines += [f'\tfeed "{name}" "{(site / name).as_uri()}" "{BASE_URL}"' for name in FEEDS]
    config.write_text("\n".join(lines + ["}", ""]), "utf-8")
    done = subprocess.run([sfeed_update, str(config)], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin",
                                                                                           "HOME": str(home)})
    assert done.returncode == 0, done.stdout + done.stderr
    items = {}
    for name in FEEDS:
        rows = [line.split("\t") for line in (store / name).read_text("utf-8").splitlines()]
        items[name] = [(int(row[0]), row[1], row[5]) for row in rows]
    return items


def build(data: Path, out: Path, now: datetime) -> None:
    export.build(data, out, base_url=BASE_URL, now=now, workers=False)


def test_after_a_first_import_sfeed_lists_the_sessions_newest_session_first(sfeed_update, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "sessions.txt").write_text(listing_in_code_order(), "utf-8")
    build(data, tmp_path / "site", FIRST_BUILD)
    items = read(sfeed_update, tmp_path / "site", tmp_path)
    for name in ("feed.rss", "feed.atom"):
        assert [title for _, title, _ in items[name]] == NEWEST_FIRST, name
    for name in ("changes.rss", "changes.atom"):
        assert [title for _, title, _ in items[name]] == [f"Announced: {t} on {DATES[t]}" for t in NEWEST_FIRST], name
    for name in FEEDS:  # one date each, a second apart, the newest the build's own instant
        times = [at for at, _, _ in items[name]]
        assert times == [int(FIRST_BUILD.timestamp()) - n for n in range(len(NEWEST_FIRST))], name
    # The JSON Feed (which sfeed does not read) dates its items alike, in the same order.
    feed = json.loads((tmp_path / "site" / "feed.json").read_text("utf-8"))
    assert [item["title"] for item in feed["items"]] == NEWEST_FIRST
    published = [datetime.fromisoformat(item["date_published"]) for item in feed["items"]]
    assert published == [FIRST_BUILD - timedelta(seconds=n) for n in range(len(NEWEST_FIRST))]
    # sessions.json, the data, keeps the instant the history recorded for every session.
    sessions = json.loads((tmp_path / "site" / "sessions.json").read_text("utf-8"))["sessions"]
    assert {s["first_published"] for s in sessions} == {FIRST_BUILD.strftime("%Y-%m-%dT%H:%M:%SZ")}


def test_a_later_build_puts_its_news_on_top_and_keeps_the_order_below(sfeed_update, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    listing = listing_in_code_order()
    (data / "sessions.txt").write_text(listing, "utf-8")
    build(data, tmp_path / "site", FIRST_BUILD)
    read(sfeed_update, tmp_path / "site", tmp_path)
    # Three days later the 9th session is moved by a week and a 2026 session is announced.
    moved = listing.replace("March 13 to March 14, 2024", "March 20 to March 21, 2024")
    (data / "sessions.txt").write_text(NEW_SESSION + moved, "utf-8")
    build(data, tmp_path / "site", SECOND_BUILD)
    items = read(sfeed_update, tmp_path / "site", tmp_path)
    new = "IP and Quantum Technologies"  # the title its description quotes
    for name in ("feed.rss", "feed.atom"):
        assert [title for _, title, _ in items[name]] == [new, *NEWEST_FIRST], name
        assert items[name][0][0] == int(SECOND_BUILD.timestamp())
    for name in ("changes.rss", "changes.atom"):
        titles = [title for _, title, _ in items[name]]
        assert titles[:2] == [f"Announced: {new} on 24\u2009–\u200925 March 2026",
                              "Rescheduled: WIPO Conversation – 9th session now 20\u2009–\u200921 March 2024"], name
        assert titles[2:] == [f"Announced: {t} on {DATES[t]}" for t in NEWEST_FIRST], name
        assert [at for at, _, _ in items[name]][:2] == [int(SECOND_BUILD.timestamp()), int(SECOND_BUILD.timestamp()) - 1]
