"""A build without a base URL says what it read: the flag, the variable, the very
site.toml beside the listing (not "data/site.toml" whatever the source)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).with_name("data") / "seed_sessions.txt"
FLAG_AND_VARIABLE = "no base URL: pass --base-url URL, set the WIPOFEEDS_BASE_URL environment variable, "


def build(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wipofeeds", "build", *args], capture_output=True, text=True,
                          input=stdin, env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1764547200", **env})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "my data"
    data.mkdir()
    shutil.copyfile(SEED, data / "sessions.txt")
    return data


def test_without_site_toml_it_names_the_one_it_looked_for(folder, tmp_path):
    done = build(str(folder), "--out", str(tmp_path / "out"))
    assert done.returncode == 1 and not (tmp_path / "out").exists()
    assert FLAG_AND_VARIABLE + f'or set base_url = "https://…/" in {folder}/site.toml (there is none)' in done.stderr


def test_with_a_site_toml_that_sets_none_it_says_so(folder, tmp_path):
    (folder / "site.toml").write_text('title = "Mine"\n', "utf-8")
    done = build(str(folder / "sessions.txt"), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert FLAG_AND_VARIABLE + f'or set base_url = "https://…/" in {folder}/site.toml (it sets none)' in done.stderr


def test_standard_input_has_no_site_toml(tmp_path):
    done = build("-", "--out", str(tmp_path / "out"), stdin=SEED.read_text("utf-8"))
    assert done.returncode == 1
    assert ("no base URL: pass --base-url URL or set the WIPOFEEDS_BASE_URL environment variable "
            "(a listing read from standard input has no site.toml)") in done.stderr


def test_the_variable_is_what_the_message_says(folder, tmp_path):
    done = build(str(folder), "--out", str(tmp_path / "out"), "--quiet", WIPOFEEDS_BASE_URL="https://feeds.example.org/")
    assert done.returncode == 0, done.stderr
    assert b"https://feeds.example.org/sessions/" in (tmp_path / "out" / "feed.rss").read_bytes()
