"""The second rendering process of a build (wipofeeds.helper): same files, clean failures."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from wipofeeds import export, helper, writer
from wipofeeds.errors import ExportError
from wipofeeds.render import html

BASE_URL = "https://feeds.example.org/"
NOW = datetime(2025, 12, 1, tzinfo=timezone.utc)


def checksums(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def started(monkeypatch):
    """Let the seed's ten sessions have a helper, and record the helpers started."""
    monkeypatch.setattr(helper, "MIN_SESSIONS", 1)
    helpers: list[helper.Helper] = []
    real = helper.Helper.start.__func__

    def start(cls, catalog):
        made = real(cls, catalog)
        helpers.append(made)
        return made

    monkeypatch.setattr(helper.Helper, "start", classmethod(start))
    return helpers


def build(data_dir: Path, out: Path, **options):
    return export.build(data_dir / "sessions.txt", out, base_url=BASE_URL, now=NOW, **options)


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize("part", [writer.PART, 1000], ids=["whole files", "files in parts"])
def test_with_a_helper_the_export_is_the_same_as_without(data_dir, tmp_path, started, monkeypatch, part):
    monkeypatch.setattr(writer, "PART", part)  # the forked helper sends with this too
    alone = build(data_dir, tmp_path / "alone", helper=False)
    assert started == []
    shared = build(data_dir, tmp_path / "shared")
    assert len(started) == 1 and started[0] is not None and started[0].pid is None  # ran and was reaped
    assert shared == alone
    assert checksums(tmp_path / "shared") == checksums(tmp_path / "alone")
    assert no_children_left()


def test_a_helper_error_fails_the_build_and_leaves_the_previous_output(data_dir, tmp_path, started, monkeypatch):
    out = tmp_path / "site"
    build(data_dir, out, helper=False)
    before = checksums(out)

    def broken(catalog):  # the home page: rendered by the helper alone
        raise RuntimeError("no topics today")

    monkeypatch.setattr(html, "_filter_groups", broken)
    with pytest.raises(ExportError, match="the helper process failed to render: RuntimeError: no topics today"):
        build(data_dir, out)
    assert started[0] is not None and started[0].pid is None
    assert checksums(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]  # no temporary folder left
    assert no_children_left()


def test_a_helper_that_dies_fails_the_build(data_dir, tmp_path, started, monkeypatch):
    monkeypatch.setattr(html, "_filter_groups", lambda catalog: os._exit(3))
    with pytest.raises(ExportError, match="helper process rendering pages exited with status 3"):
        build(data_dir, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    assert no_children_left()


def test_an_error_in_this_process_stops_the_helper(data_dir, tmp_path, started, monkeypatch):
    from wipofeeds.render import calendar

    def broken(*args):
        raise RuntimeError("calendar broke")

    monkeypatch.setattr(calendar, "_calendar", broken)
    with pytest.raises(RuntimeError, match="calendar broke"):
        build(data_dir, tmp_path / "site")
    assert started[0] is not None and started[0].pid is None
    assert not (tmp_path / "site").exists()
    assert no_children_left()


@pytest.mark.parametrize(
    ("min_sessions", "memory_limit", "expected"),
    [
        (1, 1 << 40, True),
        (11, 1 << 40, False),  # too few sessions to gain anything
        (1, 1 << 20, False),  # this process is already bigger than a copy may be
    ],
)
def test_a_helper_is_started_only_where_it_pays_and_fits(data_dir, monkeypatch, min_sessions, memory_limit, expected):
    from wipofeeds import catalog

    monkeypatch.setattr(helper, "MIN_SESSIONS", min_sessions)
    monkeypatch.setattr(helper, "MEMORY_LIMIT", memory_limit)
    made = helper.Helper.start(catalog.load(data_dir / "sessions.txt", base_url=BASE_URL, now=NOW))
    try:
        assert (made is not None) is expected
    finally:
        if made is not None:
            made.close()
    assert no_children_left()


def test_a_file_from_the_helper_is_described_as_the_build_publishes_it(data_dir):
    """The helper sends paths and bodies only: media type, kind and last change are
    worked out again from the path, and must be what iter_site gives every file."""
    from wipofeeds import catalog as catalog_module
    from wipofeeds.site import build_site, describe

    loaded = catalog_module.load(data_dir / "sessions.txt", base_url=BASE_URL, now=NOW)
    published = build_site(loaded)
    for path in helper.LEAVE:
        if path.startswith("."):  # a session suffix: every session's file of it
            paths = [f"sessions/{s.id}{path}" for s in loaded.sessions]
        else:
            paths = [path]
        for one in paths:
            assert describe(loaded, one, published[one].body) == published[one], one
