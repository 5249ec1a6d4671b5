"""Shared fixtures: the Flask app over a private copy of the seed listing (flaskr style).

The app records the change history beside its listing, so every test gets its own copy
in a temporary folder and the repository's data/ is never written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wipofeeds.web import create_app

SEED = Path(__file__).with_name("data") / "seed_sessions.txt"
BASE_URL = "https://feeds.example.org/"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder holding only the seed listing (no site.toml, no history yet)."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(SEED, folder / "sessions.txt")
    return folder


@pytest.fixture
def base_url() -> str:
    """The base URL the ``app`` fixture publishes under."""
    return BASE_URL


@pytest.fixture
def app(data_dir: Path):
    return create_app(
        {
            "TESTING": True,
            "SOURCE": str(data_dir / "sessions.txt"),
            "BASE_URL": BASE_URL,
            "RELOAD_INTERVAL": 0,  # look at the data files on every request
            "RELOAD_SETTLE": 0,  # and read a changed one at once (the settling has its own test)
        }
    )


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
