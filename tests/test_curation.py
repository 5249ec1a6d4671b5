"""sessions.toml: additions per document code, and errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wipofeeds import curation, listing
from wipofeeds.errors import ListingError, Problem
from wipofeeds.model import Status

SEED = Path(__file__).parent / "data" / "seed_sessions.txt"
REPO_DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def sessions():
    return listing.parse(SEED.read_text("utf-8"))


def curate(tmp_path, sessions, text):
    path = tmp_path / "sessions.toml"
    path.write_text(text, "utf-8")
    return {s.code: s for s in curation.apply(sessions, path)}, str(path)


def test_no_file_changes_nothing(tmp_path, sessions):
    assert curation.apply(sessions, None) == sessions
    assert curation.apply(sessions, tmp_path / "missing.toml") == sessions


def test_the_shipped_file_documents_the_format_and_fits_the_shipped_listing():
    assert '[sessions."WIPO/IP/CONV/GE/2/25"]' in (REPO_DATA / "sessions.toml").read_text("utf-8")
    shipped = listing.parse((REPO_DATA / "sessions.txt").read_text("utf-8"))
    assert [s.code for s in curation.apply(shipped, REPO_DATA / "sessions.toml")] == [s.code for s in shipped]


def test_every_key_is_applied(tmp_path, sessions):
    curated, _ = curate(tmp_path, sessions, """
[sessions."WIPO/IP/CONV/GE/25"]
title = "Copyright  Infrastructure"
url = "https://www.wipo.int/meetings/en/details.jsp?meeting_id=1"
conference_url = "https://webcast.example.org/live"
status = "postponed"
tags = ["infrastructure", "copyright"]
""")
    s = curated["WIPO/IP/CONV/GE/25"]
    assert (s.title, s.title_is_generated) == ("Copyright Infrastructure", False)
    assert s.url == "https://www.wipo.int/meetings/en/details.jsp?meeting_id=1"
    assert s.conference_url == "https://webcast.example.org/live"
    assert s.status is Status.POSTPONED
    assert s.tags == ("artificial-intelligence", "copyright", "generative-ai", "infrastructure", "training-data")
    untouched = [x for x in sessions if x.code != "WIPO/IP/CONV/GE/25"]
    assert all(curated[x.code] is x for x in untouched)


ERRORS = [
    pytest.param('[sessions."WIPO/NOPE/1"]\ntitle = "X"\n', [(1, "'WIPO/NOPE/1' is not a document code of the listing")],
                 id="unknown-code"),
    pytest.param('[sessions."WIPO/IP/CONV/GE/25"]\ntitle = "X"\ntitel = "Y"\n',
                 [(3, "unknown key 'titel' for WIPO/IP/CONV/GE/25 (expected one of: title, url, conference_url, "
                      "status, tags)")], id="unknown-key"),
    pytest.param('# note\n\n[sessions."WIPO/IP/CONV/GE/25"]\nstatus = "maybe"\n',
                 [(4, "status of WIPO/IP/CONV/GE/25: 'maybe' is not a status (expected confirmed | cancelled | "
                      "postponed)")], id="bad-status"),
    pytest.param('[sessions."WIPO/IP/CONV/GE/25"]\nurl = "www.wipo.int"\n',
                 [(2, "url of WIPO/IP/CONV/GE/25: 'www.wipo.int' is not a URL (expected http:// or https:// and a "
                      "host)")], id="bad-url"),
    pytest.param('[sessions."WIPO/IP/CONV/GE/25"]\nconference_url = "javascript:alert(1)"\n',
                 [(2, "conference_url of WIPO/IP/CONV/GE/25: 'javascript:alert(1)' is not a URL (expected http:// or "
                      "https:// and a host)")], id="bad-conference-url"),
    pytest.param('[sessions."WIPO/IP/CONV/GE/25"]\ntags = ["Big Data"]\n',
                 [(2, "tags of WIPO/IP/CONV/GE/25: 'Big Data' is not a tag (expected lowercase slugs like "
                      "'synthetic-media')")], id="bad-tag"),
    pytest.param('[sessions."WIPO/IP/CONV/GE/25"]\ntitle = ""\n',
                 [(2, "title of WIPO/IP/CONV/GE/25: expected a non-empty string, found ''")], id="empty-title"),
    pytest.param('[site]\ntitle = "X"\n',
                 [(1, "unknown table or key 'site' (expected [sessions.\"DOCUMENT/CODE\"] tables and [topics])")],
                 id="unknown-table"),
    pytest.param('[sessions."WIPO/IP/CONV/GE/25"\n', None, id="not-toml"),
    pytest.param(
        '[sessions."WIPO/IP/CONV/GE/25"]\nstatus = "maybe"\n\n[sessions."WIPO/IP/CONV/GE/2/25"]\nurl = 3\n'
        '[sessions."X/Y/Z"]\n',
        [(2, "status of WIPO/IP/CONV/GE/25: 'maybe' is not a status (expected confirmed | cancelled | postponed)"),
         (5, "url of WIPO/IP/CONV/GE/2/25: expected a URL string, found 3"),
         (6, "'X/Y/Z' is not a document code of the listing")],
        id="every-problem-at-once",
    ),
]


@pytest.mark.parametrize("text, problems", ERRORS)
def test_error(tmp_path, sessions, text, problems):
    with pytest.raises(ListingError) as caught:
        curate(tmp_path, sessions, text)
    path = str(tmp_path / "sessions.toml")
    if problems is None:  # the TOML parser's own message, at its line
        [problem] = caught.value.problems
        assert (problem.file, problem.line) == (path, 1) and problem.message.startswith("not valid TOML: ")
    else:
        assert caught.value.problems == tuple(Problem(path, line, message) for line, message in problems)


# --- a file of comments only is read without a TOML parser ------------------------------

COMMENT_DOCUMENTS = [
    ("", True),
    ("\n\n", True),
    ("# a comment\n", True),
    ("  # indented\r\n\t# tab, then CRLF\r\n", True),
    ("# é, – and ✓ are fine in a comment", True),
    ("# tab\tinside", True),
    ("a = 1\n", False),
    ("# fine\n[sessions]\n", False),
    ("# a DEL \x7f is not allowed in a comment\n", False),
    ("# nor a NUL \x00\n", False),
    ("# nor a lone CR\r", False),
    ("\ufeff# a BOM is tomllib's to judge\n", False),
    ("\u00a0# nor is a no-break space TOML whitespace\n", False),
]


@pytest.mark.parametrize(("text", "expected"), COMMENT_DOCUMENTS)
def test_comments_only(text, expected):
    import tomllib

    assert curation.comments_only(text) is expected
    if expected:
        assert tomllib.loads(text) == {}


@given(st.text(alphabet=" \t#\r\na=é\x00\x7f\x0b[]\"", max_size=30))
def test_comments_only_never_says_empty_of_what_tomllib_reads_otherwise(text):
    import tomllib

    if curation.comments_only(text):
        assert tomllib.loads(text) == {}


def test_the_committed_template_is_comments_only_and_changes_nothing():
    data = Path(__file__).resolve().parents[1] / "data"
    assert curation.comments_only((data / "sessions.toml").read_text("utf-8"))
    sessions = listing.parse((data / "sessions.txt").read_text("utf-8"), "sessions.txt")
    assert curation.apply(sessions, data / "sessions.toml") == sessions
