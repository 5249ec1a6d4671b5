"""The static writer on its own: atomic swap, completeness, safety, host files."""

from __future__ import annotations

import gzip
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from wipofeeds import export, hosting, writing
from wipofeeds.errors import ExportError
from wipofeeds.site import Resource

WHEN = datetime(2025, 1, 1, tzinfo=timezone.utc)


def res(text: str, media_type: str = "text/calendar; charset=utf-8", kind: str = "calendar") -> Resource:
    return Resource(text.encode(), media_type, kind, WHEN)


SITE = {
    "calendar.ics": res("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
    "index.html": res("<!doctype html><title>x</title>", "text/html; charset=utf-8", "html"),
    "sessions/a.ics": res("A"),
    "sessions/b.ics": res("B"),
    "year/2025/feed.rss": res("<rss/>", "application/rss+xml; charset=utf-8", "feed"),
}


def checksums(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_writes_mapping_gz_siblings_and_host_files(tmp_path):
    out = tmp_path / "output"
    summary = export.write_site(SITE, out)
    files = checksums(out)
    for path, resource in SITE.items():
        assert (out / path).read_bytes() == resource.body
        gz = out / (path + ".gz")
        if "/" in path:  # filtered collections and session files: the host compresses them
            assert not gz.exists()
        else:
            assert gzip.decompress(gz.read_bytes()) == resource.body
    assert {"_headers", ".htaccess"} <= set(files)
    assert summary.files == len(files)
    assert summary.bytes == sum((out / f).stat().st_size for f in files)


def test_headers_file_gives_types_caching_and_cors():
    text = hosting.render_headers(SITE).decode()
    assert "/calendar.ics\n  Content-Type: text/calendar; charset=utf-8\n" in text
    assert "/sessions/*.ics\n" in text and "/sessions/a.ics" not in text
    assert "Access-Control-Allow-Origin: *" in text.split("/index.html")[0]
    html_rule = text.split("/index.html\n")[1].split("\n\n")[0]
    assert "Content-Security-Policy:" in html_rule and "Access-Control-Allow-Origin" not in html_rule
    root_rule = text.split("\n/\n")[1].split("\n\n")[0]
    assert root_rule == html_rule  # the site root is served as index.html


def test_htaccess_serves_precompressed_and_forces_types():
    text = hosting.render_htaccess(SITE).decode()
    assert "RewriteCond %{REQUEST_FILENAME}.gz -f" in text
    assert 'ForceType "application/rss+xml; charset=utf-8"' in text
    assert "Header set Content-Encoding gzip" in text


def test_rebuild_removes_files_that_left_the_mapping(tmp_path):
    out = tmp_path / "output"
    export.write_site(SITE, out)
    smaller = {k: v for k, v in SITE.items() if k not in ("sessions/b.ics", "year/2025/feed.rss")}
    export.write_site(smaller, out)
    assert not (out / "sessions" / "b.ics").exists()
    assert not (out / "year").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["output"]  # no temp folder left


def test_same_mapping_gives_identical_bytes_in_any_folder(tmp_path):
    export.write_site(SITE, tmp_path / "one")
    export.write_site(SITE, tmp_path / "elsewhere" / "two")
    assert checksums(tmp_path / "one") == checksums(tmp_path / "elsewhere" / "two")


def test_a_write_error_leaves_previous_output_untouched(tmp_path):
    """A real failure to write (the file size limit, as a full disk would), in a build
    of its own: the error names it, nothing is swapped in."""
    out = tmp_path / "output"
    export.write_site(SITE, out)
    before = checksums(out)
    script = textwrap.dedent(
        f"""
        import resource, sys
        from datetime import datetime, timezone
        from pathlib import Path
        from wipofeeds import export, writing
        from wipofeeds.errors import ExportError
        from wipofeeds.site import Resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        big = Resource(b"x" * 10000, "text/calendar", "calendar", datetime(2025, 1, 1, tzinfo=timezone.utc))
        try:
            export.write_site({{"a.ics": big}}, Path({str(out)!r}))
        except ExportError as exc:
            print(exc)
            sys.exit(3)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 3, proc.stderr
    assert "File too large" in proc.stdout
    assert checksums(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_a_failing_write_midway_leaves_previous_output_and_no_temporary_folder(tmp_path, monkeypatch):
    export.write_site(SITE, tmp_path / "here")
    before = checksums(tmp_path / "here")
    calls = 0
    real_put = writing.Files._put

    def failing_put(self, target, data):
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError(28, "No space left on device")
        return real_put(self, target, data)

    monkeypatch.setattr(writing.Files, "_put", failing_put)
    with pytest.raises(ExportError, match="No space left"):
        export.write_site({**SITE, "calendar.ics": res("NEW")}, tmp_path / "here")
    assert checksums(tmp_path / "here") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here"]


def wait_until_no_process_mentions(text: str, within: float = 10) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        found = False
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                found = found or text.encode() in cmdline.read_bytes()
            except OSError:
                continue
        if not found:
            return
        time.sleep(0.05)
    raise AssertionError(f"a process still works in {text}")


def test_killed_build_leaves_previous_output_and_next_build_cleans_up(tmp_path):
    out = tmp_path / "output"
    export.write_site(SITE, out)
    before = checksums(out)
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from datetime import datetime, timezone
        from wipofeeds import export, writing
        from wipofeeds.site import Resource
        real = writing.Files.write
        count = 0
        def write(self, path, body, gzipped=None):
            global count
            count += 1
            if count == 4:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(self, path, body, gzipped)
        writing.Files.write = write
        site = {{f"sessions/s{{i}}.ics": Resource(b"x", "text/calendar", "calendar",
                 datetime(2025, 1, 1, tzinfo=timezone.utc)) for i in range(10)}}
        export.write_site(site, Path({str(out)!r}))
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    wait_until_no_process_mentions(str(tmp_path))
    assert checksums(out) == before
    assert any(p.name.startswith(export.STALE_PREFIX) for p in tmp_path.iterdir())
    export.write_site(SITE, out)
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


@pytest.mark.parametrize("path", ["../evil", "/etc/passwd", "a/../../b", "", "a//b", "a\\b", "./x"])
def test_refuses_paths_outside_the_output(tmp_path, path):
    with pytest.raises(ExportError, match="unsafe path"):
        export.write_site({path: res("x")}, tmp_path / "output")
    assert not (tmp_path / "output").exists()


def test_refuses_to_write_a_file_twice(tmp_path):
    clash = {"a.ics": res("x"), "a.ics.gz": res("y")}
    with pytest.raises(ExportError, match="written twice"):
        export.write_site(clash, tmp_path / "output")


def test_output_is_readable_by_a_web_server(tmp_path):
    out = tmp_path / "output"
    export.write_site(SITE, out)
    assert os.stat(out).st_mode & 0o755 == 0o755


def test_refuses_to_replace_a_folder_that_is_not_an_export(tmp_path):
    out = tmp_path / "mine"
    (out / "sub").mkdir(parents=True)
    (out / "precious.txt").write_text("keep me")
    with pytest.raises(ExportError, match="not written by wipofeeds build"):
        export.write_site(SITE, out)
    assert (out / "precious.txt").read_text() == "keep me" and (out / "sub").is_dir()


def test_replaces_an_empty_folder_and_an_earlier_export(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    export.write_site(SITE, out)
    export.write_site(SITE, out)  # now an earlier export: replaced again
    assert (out / "calendar.ics").is_file()


@pytest.mark.parametrize("where", ["cwd", "listing"])
def test_refuses_the_working_directory_and_the_folder_of_the_listing(tmp_path, monkeypatch, where):
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    listing = project / "data" / "sessions.txt"
    listing.write_text("x")
    monkeypatch.chdir(project)
    out, keep = (project, ()) if where == "cwd" else (project / "data", (listing,))
    with pytest.raises(ExportError, match="refusing to replace"):
        export.write_site(SITE, out, keep=keep)
    assert listing.read_text() == "x"


def test_a_big_body_lands_byte_identical_with_a_reproducible_gzip(tmp_path):
    text = b"".join(b"%d session \xe2\x80\x93 line, repeated; " % (i * i % 977) for i in range(4000))
    big = Resource(text, "text/calendar; charset=utf-8", "calendar", datetime(2025, 1, 1, tzinfo=timezone.utc))
    summary = export.write_site({"calendar.ics": big, "sessions/a.ics": big}, tmp_path / "out")
    out = tmp_path / "out"
    assert (out / "calendar.ics").read_bytes() == text == (out / "sessions" / "a.ics").read_bytes()
    zipped = (out / "calendar.ics.gz").read_bytes()
    assert zipped == big.gzipped and gzip.decompress(zipped) == text
    assert zipped[4:8] == b"\0\0\0\0"  # no timestamp: the same bytes on every build
    assert summary.files == len(checksums(out))


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("sessions/wipo-ip-conv-ge-25.html", "/sessions/*.html"),
        ("sessions/a.b.ics", "/sessions/*.ics"),
        ("sessions/.hidden", "/sessions/*"),
        ("sessions/name.", "/sessions/*"),
        ("sessions/noext", "/sessions/*"),
        ("sessions/deeper/x.json", "/sessions/deeper/x.json"),
        ("year/2025/feed.rss", "/year/2025/feed.rss"),
        ("index.html", "/index.html"),
    ],
)
def test_host_rules_group_session_files_by_suffix(path, pattern):
    assert hosting.rule_pattern(path) == pattern
