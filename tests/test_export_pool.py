"""The build's process pool (writing.SessionPool): same files, clean failures, whether
its workers write session files (a big listing) or the other languages' pages (a small one)."""

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
    ("pool_from", "languages_from", "cores", "memory_limit", "expected"),
    [
        (1, 1, 2, 1 << 40, "sessions"),
        (11, 10, 2, 1 << 40, "languages"),  # too few sessions for session chunks: the other languages' pages
        (11, 11, 2, 1 << 40, None),  # too few sessions to gain anything
        (1, 1, 1, 1 << 40, None),  # no second core
        (1, 1, 2, 1 << 20, None),  # this process is already bigger than a copy may be
    ],
)
def test_a_pool_is_started_only_where_it_pays_and_fits(data_dir, monkeypatch, pool_from, languages_from, cores, memory_limit, expected):
    from wipofeeds import catalog

    monkeypatch.setattr(writing, "POOL_FROM", pool_from)
    monkeypatch.setattr(writing, "LANGUAGES_POOL_FROM", languages_from)
    monkeypatch.setattr(writing, "MEMORY_LIMIT", memory_limit)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    made = writing.SessionPool.fitting(catalog.load(data_dir / "sessions.txt", base_url=BASE_URL, now=NOW))
    try:
        kind = None if made is None else "sessions" if made.suffixes else "languages"
        assert kind == expected
        if made is not None:
            assert (made.languages, made.others) == ((), writing.OTHER_LANGUAGES) if made.suffixes else (writing.OTHER_LANGUAGES, ())
    finally:
        if made is not None:
            made.close()
    assert no_children_left()


@pytest.fixture
def languages_pool(monkeypatch):
    """The seed's ten sessions with the pool a small listing gets: a worker per other language."""
    monkeypatch.setattr(writing, "LANGUAGES_POOL_FROM", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    pools: list[writing.SessionPool] = []
    real = writing.SessionPool.fitting.__func__
    monkeypatch.setattr(writing.SessionPool, "fitting", classmethod(lambda cls, catalog: pools.append(real(cls, catalog)) or pools[-1]))
    return pools


def test_with_the_languages_written_by_a_worker_the_export_is_the_same(data_dir, tmp_path, languages_pool):
    alone = build(data_dir, tmp_path / "alone", workers=False)
    shared = build(data_dir, tmp_path / "shared")
    assert len(languages_pool) == 1 and languages_pool[0].languages == writing.OTHER_LANGUAGES
    assert shared == alone
    assert checksums(tmp_path / "shared") == checksums(tmp_path / "alone")
    assert any(name.startswith("fr/") for name in checksums(tmp_path / "shared"))
    assert no_children_left()


def test_an_error_writing_a_language_fails_the_build_and_leaves_the_previous_output(data_dir, tmp_path, languages_pool, monkeypatch):
    out = tmp_path / "site"
    build(data_dir, out, workers=False)
    before = checksums(out)
    parent, real = os.getpid(), writing.language_files

    def broken(catalog, language, *args):
        if os.getpid() != parent:
            raise RuntimeError(f"no words in {language}")
        return real(catalog, language, *args)

    monkeypatch.setattr(writing, "language_files", broken)
    with pytest.raises(RuntimeError, match="no words in"):
        build(data_dir, out)
    assert checksums(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]
    assert no_children_left()


@pytest.mark.parametrize("chunk", [(".html", 0, 10), (".json", 0, 10), ("fr",), ("ar",)])
def test_a_chunk_is_written_and_described_as_the_build_publishes_it(data_dir, tmp_path, chunk):
    """A worker hands back each file's path, media type, kind and last change (for the
    host rules): what iter_site gives for that path, with the same body on disk."""
    from wipofeeds import catalog as catalog_module
    from wipofeeds.site import Resource, build_site

    loaded = catalog_module.load(data_dir / "sessions.txt", base_url=BASE_URL, now=NOW)
    published = build_site(loaded)
    writing._adopt(loaded)
    written, size = writing._write_chunk(str(tmp_path), *chunk)
    assert written and size == sum((tmp_path / path).stat().st_size for path, *_ in written)
    for path, *described in written:
        assert Resource((tmp_path / path).read_bytes(), *described) == published[path], path
