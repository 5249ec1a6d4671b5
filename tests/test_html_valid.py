"""Every page is valid HTML5 by the Nu HTML Checker (npm vnu-jar, run with the machine's
Java; scripts/test installs it and sets WIPOFEEDS_VNU_JAR)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from _factories import catalog, reader_shapes, seed_sessions, session

from wipofeeds.model import Mode, Place, Status
from wipofeeds.site import build_site
from wipofeeds.wording import LANGUAGES

pytestmark = pytest.mark.vnu

REPO = Path(__file__).resolve().parents[1]
JAR = Path(os.environ.get("WIPOFEEDS_VNU_JAR") or REPO / ".tools/node_modules/vnu-jar/build/dist/vnu.jar")
JAVA = shutil.which("java")


def unusual_catalog():
    """Sessions that exercise every branch of the templates."""
    before = session(code="WIPO/IP/CONV/GE/99", first_day=date(2099, 3, 1), last_day=date(2099, 3, 2))
    after = session(code="WIPO/IP/CONV/GE/99", first_day=date(2099, 3, 28), last_day=date(2099, 3, 30))
    others = [
        session(code="WIPO/IP/CONV/GE/98", status=Status.CANCELLED, url="https://www.wipo.int/x?a=1&b=2"),
        session(code="WIPO/IP/CONV/GE/97", mode=Mode.VIRTUAL, place=None, conference_url="https://meet.example.org/j"),
        session(code="WIPO/IP/CONV/GE/96", mode=Mode.IN_PERSON, place=Place("Nairobi"), window=None, tags=()),
        session(code="WIPO/IP/CONV/GE/95", status=Status.POSTPONED, paragraphs=(), title="<Title> & “quotes”"),
    ]
    first = catalog([before, *others])
    return catalog([after, *others], history=first.history, now=datetime(2099, 1, 1, tzinfo=timezone.utc))


@pytest.mark.skipif(JAVA is None, reason="java is not installed (scripts/test installs default-jre-headless)")
@pytest.mark.skipif(not JAR.is_file(), reason=f"Nu HTML Checker not found at {JAR} (scripts/test installs npm vnu-jar)")
def test_pages_are_valid_html5(tmp_path):
    files = []
    from wipofeeds.catalog import load

    catalogs = (("seed", catalog(seed_sessions())), ("unusual", unusual_catalog()), ("empty", catalog([])),
                ("reader-shapes", catalog(reader_shapes())), ("series", load(REPO / "data")))
    for name, cat in catalogs:
        for path, resource in build_site(cat).items():
            if resource.media_type.startswith("text/html"):
                target = tmp_path / name / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(resource.body)
                files.append(target)
    # each catalog: its home page, its sessions' pages and the page of each view with
    # sessions (a year, a way of attending, a topic); the data folder: four home pages
    # (root, two series, all/), series/index.html, 20 sessions, the views of each part
    # (sixty pages in English, and in each of the five other languages: ar/, zh/, fr/, ru/, es/);
    # every catalog its page for an address with nothing at it (404.html)
    seed, unusual, empty, shapes = 1 + 10 + 22, 1 + 5 + 6, 1, 1 + 5 + 3
    english = seed + unusual + empty + shapes + (5 + 20 + (22 + 7 + 5 + 22)) + 5
    assert len(files) == len(LANGUAGES) * english
    assert {path.relative_to(tmp_path).parts[1] for path in files} >= {"ar", "zh", "fr", "ru", "es", "index.html", "sessions"}
    result = subprocess.run(
        [JAVA, "-jar", str(JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [f"{m.get('url', '').rsplit('/', 2)[-2:]}:{m.get('lastLine')}: {m['message']}" for m in report["messages"]]
    assert errors == []
    assert result.returncode == 0
