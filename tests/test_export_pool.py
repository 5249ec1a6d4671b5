"""The build's process pool (writing.SessionPool): same files, clean failures."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from wipofeeds import export, writing
from wipofeeds.errors import ExportError

BASE_URL = "https://feeds.example.org/"
NOW = datetime(2025, 12, 1, tzinfo=timezone.utc)


def checksums(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def started(monkeypatch):
    """Let the seed's ten sessions have a pool, in chunks of one session (so that both
    the workers and this process render some), and record the pools started."""
    monkeypatch.setattr(writing, "POOL_FROM", 1)
    monkeypatch.setattr(writing, "CHUNK", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    pools: list[writing.SessionPool] = []
    real = writing.SessionPool.fitting.__func__

    def fitting(cls, catalog):
        made = real(cls, catalog)
        pools.append(made)
        return made

    monkeypatch.setattr(writing.SessionPool, "fitting", classmethod(fitting))
    return pools


def build(data_dir: Path, out: Path, **options):
    return export.build(data_dir / "sessions.txt", out, base_url=BASE_URL, now=NOW, **options)


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def in_a_worker(parent: int, then):
    """The pool's session_file, calling ``then`` in a worker and rendering as usual here."""
    real = writing.session_file

    def render(catalog, fmt, session, *language):
        if os.getpid() != parent:
            then()
        return real(catalog, fmt, session, *language)

    return render


def test_with_a_pool_the_export_is_the_same_as_without(data_dir, tmp_path, started):
    alone = build(data_dir, tmp_path / "alone", workers=False)
    assert started == []
    shared = build(data_dir, tmp_path / "shared")
    assert len(started) == 1 and started[0] is not None
    assert shared == alone
    assert checksums(tmp_path / "shared") == checksums(tmp_path / "alone")
    assert no_children_left()


def test_a_worker_error_fails_the_build_and_leaves_the_previous_output(data_dir, tmp_path, started, monkeypatch):
    out = tmp_path / "site"
    build(data_dir, out, workers=False)
    before = checksums(out)

    def broken():
        raise RuntimeError("no topics today")

    monkeypatch.setattr(writing, "session_file", in_a_worker(os.getpid(), broken))
    with pytest.raises(RuntimeError, match="no topics today"):
        build(data_dir, out)
    assert started[0] is not None
    assert checksums(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]  # no temporary folder left
    assert no_children_left()


def test_a_worker_that_dies_fails_the_build(data_dir, tmp_path, started, monkeypatch):
    monkeypatch.setattr(writing, "session_file", in_a_worker(os.getpid(), lambda: os._exit(3)))
    with pytest.raises(ExportError, match="a process rendering session files stopped without saying why"):
        build(data_dir, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    assert no_children_left()


def test_an_error_in_this_process_stops_the_pool(data_dir, tmp_path, started, monkeypatch):
    from wipofeeds.render import calendar

    def broken(*args):
        raise RuntimeError("calendar broke")

    monkeypatch.setattr(calendar, "_calendar", broken)
    with pytest.raises(RuntimeError, match="calendar broke"):
        build(data_dir, tmp_path / "site")
    assert started[0] is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    assert no_children_left()


@pytest.mark.parametrize(
    ("pool_from", "cores", "memory_limit", "expected"),
    [
        (1, 2, 1 << 40, True),
        (11, 2, 1 << 40, False),  # too few sessions to gain anything
        (1, 1, 1 << 40, False),  # no second core
        (1, 2, 1 << 20, False),  # this process is already bigger than a copy may be
    ],
)
def test_a_pool_is_started_only_where_it_pays_and_fits(data_dir, monkeypatch, pool_from, cores, memory_limit, expected):
    from wipofeeds import catalog

    monkeypatch.setattr(writing, "POOL_FROM", pool_from)
    monkeypatch.setattr(writing, "MEMORY_LIMIT", memory_limit)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    made = writing.SessionPool.fitting(catalog.load(data_dir / "sessions.txt", base_url=BASE_URL, now=NOW))
    try:
        assert (made is not None) is expected
    finally:
        if made is not None:
            made.close()
    assert no_children_left()


def test_a_file_from_the_pool_is_described_as_the_build_publishes_it(data_dir):
    """The workers hand back paths only: media type, kind and last change (for the host
    rules) are worked out again from the path, and must be what iter_site gives."""
    from wipofeeds import catalog as catalog_module
    from wipofeeds.site import build_site, describe

    loaded = catalog_module.load(data_dir / "sessions.txt", base_url=BASE_URL, now=NOW)
    published = build_site(loaded)
    for suffix in writing.POOLED:
        for path in [f"sessions/{s.id}{suffix}" for s in loaded.sessions]:
            assert describe(loaded, path, published[path].body) == published[path], path
