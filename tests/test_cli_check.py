"""`wipofeeds check` and `wipofeeds parse`: output, exit codes, FILE:LINE errors, stdin, usage
errors, and the promise that checking a listing never imports the web or feed libraries.

Commands run in-process through ``main([...])`` (output from capsys), and as real processes
where the way Python starts matters (``python -m wipofeeds``, imports)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from wipofeeds import __version__
from wipofeeds.cli import main

SEED = Path(__file__).parent / "data" / "seed_sessions.txt"
BROKEN = "WIPO/A/1\nApril 31, 2025 Virtual\nText\nWIPO/A/2\nMay 5, 2025 Virtual\n25:00 - 18:00 CET\nText\n"


@pytest.fixture
def listing_file(tmp_path):
    path = tmp_path / "sessions.txt"
    shutil.copy(SEED, path)
    return path


@pytest.fixture
def run(capsys, monkeypatch):
    """``run(*argv, stdin=bytes)`` → (exit status, stdout, stderr) of ``main(argv)``."""

    def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        try:
            code = main(list(args))
        except SystemExit as exit:  # usage errors, --help and --version, as argparse does
            code = exit.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_check_prints_one_row_per_session(run, listing_file):
    code, out, err = run("check", str(listing_file))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["CODE", "DATES", "LOCAL", "WINDOW", "UTC", "(FIRST", "DAY)", "MODE", "PLACE", "TITLE"]
    assert len(lines) == 1 + 10 + 1
    twelfth = lines[1]
    for cell in ("WIPO/IP/CONV/GE/2/25", "28\u2009–\u200929 October 2025", "10:00–18:00 Geneva time (Europe/Zurich)",
                 "09:00–17:00 UTC", "Hybrid", "Geneva, Switzerland", "IP and Synthetic Media"):
        assert cell in twelfth
    assert "08:00–16:00 UTC" in lines[2]  # the eleventh, in April: summer time
    assert "all day" in lines[10] and "4 November 2020" in lines[10]
    assert "Online" in lines[8] and "Virtual" in lines[8]
    assert lines[-1] == f"{listing_file}: 10 sessions, no problems"


def test_check_columns_line_up(run, listing_file):
    lines = run("check", str(listing_file))[1].splitlines()[:-1]
    for header in ("DATES", "LOCAL WINDOW", "UTC (FIRST DAY)", "MODE", "PLACE", "TITLE"):
        column = lines[0].index(header)
        assert all(line[column - 2:column] == "  " and line[column] != " " for line in lines), header


@pytest.mark.parametrize("command", ["check", "parse"])
def test_problems_are_file_line_messages_on_stderr_exit_1(run, tmp_path, command):
    path = tmp_path / "sessions.txt"
    path.write_text(BROKEN, "utf-8")
    code, out, err = run(command, str(path))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:2: 'April 31' is not a date",
        f"{path}:6: '25:00' is not a time (expected HH:MM, 24-hour, or h:mm am/pm)",
    ]


def test_check_reads_standard_input(run):
    code, out, _ = run("check", "-", stdin=SEED.read_bytes())
    assert code == 0 and out.splitlines()[-1] == "<stdin>: 10 sessions, no problems"
    code, out, err = run("check", "-", stdin=BROKEN.encode())
    assert (code, out) == (1, "") and err.splitlines()[0] == "<stdin>:2: 'April 31' is not a date"


def test_check_applies_the_curation_file_and_reports_its_errors(run, listing_file):
    curation = listing_file.with_suffix(".toml")
    curation.write_text('[sessions."WIPO/IP/CONV/GE/25"]\ntitle = "Copyright Infrastructure"\n', "utf-8")
    assert "Copyright Infrastructure" in run("check", str(listing_file))[1]
    curation.write_text('[sessions."WIPO/IP/CONV/GE/25"]\nstatus = "maybe"\n', "utf-8")
    code, _, err = run("check", str(listing_file))
    assert code == 1
    assert err.startswith(f"{curation}:2: status of WIPO/IP/CONV/GE/25: 'maybe' is not a status")


def test_parse_prints_json_with_local_and_utc_times(run, listing_file):
    code, out, err = run("parse", str(listing_file))
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["source"] == str(listing_file)
    sessions = {s["code"]: s for s in document["sessions"]}
    twelfth = sessions["WIPO/IP/CONV/GE/2/25"]
    assert twelfth["window"] == {"start": "10:00", "end": "18:00", "zone": "Europe/Zurich", "label": "Geneva time"}
    assert twelfth["days"][0] == {
        "day": "2025-10-28",
        "start": "2025-10-28T10:00:00+01:00",
        "end": "2025-10-28T18:00:00+01:00",
        "start_utc": "2025-10-28T09:00:00Z",
        "end_utc": "2025-10-28T17:00:00Z",
    }
    assert sessions["WIPO/IP/CONV/GE/25"]["days"][1]["start"] == "2025-04-24T10:00:00+02:00"
    third = sessions["WIPO/IP/AI/3/GE/20"]
    assert third["days"] == [{"day": "2020-11-04", "start": None, "end": None, "start_utc": None, "end_utc": None}]
    assert (third["ordinal"], third["mode"], third["place"]) == (
        3, "hybrid", {"city": "Geneva", "country": "Switzerland", "region": None, "venue": None})
    for session in document["sessions"]:
        for day in session["days"]:
            if day["start"]:
                assert datetime.fromisoformat(day["start"]) == datetime.fromisoformat(day["start_utc"])


def test_parse_reads_standard_input_the_same(run, listing_file):
    from_file = json.loads(run("parse", str(listing_file))[1])
    from_stdin = json.loads(run("parse", "-", stdin=SEED.read_bytes())[1])
    assert from_stdin["source"] == "<stdin>"
    assert from_stdin["sessions"] == from_file["sessions"]


USAGE_ERRORS = {
    "missing SOURCE": (["check", "{tmp}/nope.txt"], "File '{tmp}/nope.txt' does not exist."),
    "SOURCE is a folder": (["parse", "{tmp}"], "File '{tmp}/sessions.txt' does not exist."),
    "unknown command": (["frob"], "invalid choice: 'frob'"),
    "no command": ([], "usage: wipofeeds"),
    "unknown option": (["check", "{tmp}/a-file", "--quiet"], "unrecognized arguments: --quiet"),
    "--out is a file": (["build", "--out", "{tmp}/a-file"], "Directory '{tmp}/a-file' is a file."),
    "--port is not a number": (["serve", "--port", "eighty"], "invalid int value: 'eighty'"),
}


@pytest.mark.parametrize(("argv", "message"), USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_usage_errors_exit_2_with_a_message(run, tmp_path, argv, message):
    (tmp_path / "a-file").write_text("", "utf-8")
    argv = [arg.format(tmp=tmp_path) for arg in argv]
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert message.format(tmp=tmp_path) in err


@pytest.mark.parametrize(
    ("argv", "first_line"),
    [
        (["--version"], f"wipofeeds, version {__version__}"),
        (["--help"], "usage: wipofeeds"),
        (["check", "--help"], "usage: wipofeeds check"),
    ],
    ids=["--version", "--help", "check --help"],
)
def test_version_and_help_exit_0_on_stdout(run, argv, first_line):
    code, out, err = run(*argv)
    assert (code, err) == (0, "") and out.startswith(first_line)


def test_every_command_has_help(run):
    out = run("--help")[1]
    for command in ("check", "parse", "build", "serve"):
        assert command in out
        code, text, _ = run(command, "--help")
        assert code == 0 and "SOURCE" in text


def test_python_dash_m_check_uses_data_sessions_txt_by_default(tmp_path):
    (tmp_path / "data").mkdir()
    shutil.copy(SEED, tmp_path / "data" / "sessions.txt")
    done = subprocess.run([sys.executable, "-m", "wipofeeds", "check"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "data/sessions.txt: 10 sessions, no problems"
    (tmp_path / "data" / "sessions.txt").write_text(BROKEN, "utf-8")
    done = subprocess.run([sys.executable, "-m", "wipofeeds", "check"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == "data/sessions.txt:2: 'April 31' is not a date"
    (tmp_path / "data" / "sessions.txt").unlink()
    done = subprocess.run([sys.executable, "-m", "wipofeeds", "check"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 2 and "File 'data/sessions.txt' does not exist." in done.stderr


def test_python_dash_m_reads_standard_input(listing_file):
    done = subprocess.run(
        [sys.executable, "-m", "wipofeeds", "check", "-"], input=listing_file.read_bytes(), capture_output=True
    )
    assert done.returncode == 0, done.stderr
    from_file = subprocess.run([sys.executable, "-m", "wipofeeds", "check", str(listing_file)], capture_output=True)
    assert done.stdout.replace(b"<stdin>", str(listing_file).encode()) == from_file.stdout


HEAVY = ("flask", "werkzeug", "feedgen", "icalendar", "jinja2", "lxml", "click")


def test_check_imports_no_web_or_feed_library(listing_file):
    script = (
        "import sys\n"
        "from wipofeeds.cli import main\n"
        f"assert main(['check', {str(listing_file)!r}]) == 0\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


def test_check_without_site_toml_imports_no_toml_parser(listing_file):
    """No site.toml beside the listing: nothing to parse, so `check` starts without tomllib."""
    script = (
        "import sys\n"
        "from wipofeeds.cli import main\n"
        f"assert main(['check', {str(listing_file)!r}]) == 0\n"
        "print('tomllib' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "False"
