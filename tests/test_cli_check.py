"""`wipofeeds check` and `wipofeeds parse`: output, exit codes, FILE:LINE errors, stdin, and
the promise that checking a listing never imports the web or feed libraries."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from wipofeeds.cli import main

SEED = Path(__file__).parent / "data" / "seed_sessions.txt"
BROKEN = "WIPO/A/1\nApril 31, 2025 Virtual\nText\nWIPO/A/2\nMay 5, 2025 Virtual\n25:00 - 18:00 CET\nText\n"


@pytest.fixture
def listing_file(tmp_path):
    path = tmp_path / "sessions.txt"
    shutil.copy(SEED, path)
    return path


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_check_prints_one_row_per_session(listing_file):
    result = run("check", str(listing_file))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["CODE", "DATES", "LOCAL", "WINDOW", "UTC", "(FIRST", "DAY)", "MODE", "PLACE", "TITLE"]
    assert len(lines) == 1 + 10 + 1
    twelfth = lines[1]
    for cell in ("WIPO/IP/CONV/GE/2/25", "28–29 October 2025", "10:00–18:00 Geneva time (Europe/Zurich)",
                 "09:00–17:00 UTC", "Hybrid", "Geneva, Switzerland", "IP and Synthetic Media"):
        assert cell in twelfth
    assert "08:00–16:00 UTC" in lines[2]  # the eleventh, in April: summer time
    assert "all day" in lines[10] and "4 November 2020" in lines[10]
    assert "Online" in lines[8] and "Virtual" in lines[8]
    assert lines[-1] == f"{listing_file}: 10 sessions, no problems"


def test_check_reports_every_problem_as_file_line_message(tmp_path):
    path = tmp_path / "sessions.txt"
    path.write_text(BROKEN, "utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:2: 'April 31' is not a date",
        f"{path}:6: '25:00' is not a time (expected HH:MM, 24-hour, or h:mm am/pm)",
    ]


def test_check_reads_standard_input():
    ok = run("check", "-", input=SEED.read_bytes())
    assert ok.exit_code == 0 and ok.stdout.splitlines()[-1] == "<stdin>: 10 sessions, no problems"
    bad = run("check", "-", input=BROKEN.encode())
    assert bad.exit_code == 1 and bad.stderr.splitlines()[0] == "<stdin>:2: 'April 31' is not a date"


def test_check_applies_the_curation_file_and_reports_its_errors(listing_file):
    curation = listing_file.with_suffix(".toml")
    curation.write_text('[sessions."WIPO/IP/CONV/GE/25"]\ntitle = "Copyright Infrastructure"\n', "utf-8")
    assert "Copyright Infrastructure" in run("check", str(listing_file)).stdout
    curation.write_text('[sessions."WIPO/IP/CONV/GE/25"]\nstatus = "maybe"\n', "utf-8")
    result = run("check", str(listing_file))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{curation}:2: status of WIPO/IP/CONV/GE/25: 'maybe' is not a status")


def test_check_a_missing_file_is_a_usage_error(tmp_path):
    result = run("check", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_parse_prints_json_with_local_and_utc_times(listing_file):
    result = run("parse", str(listing_file))
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
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
    assert (third["ordinal"], third["mode"], third["place"]) == (3, "hybrid", {"city": "Geneva", "country": "Switzerland"})
    for session in document["sessions"]:
        for day in session["days"]:
            if day["start"]:
                assert datetime.fromisoformat(day["start"]) == datetime.fromisoformat(day["start_utc"])


def test_parse_errors_exit_1(tmp_path):
    path = tmp_path / "sessions.txt"
    path.write_text(BROKEN, "utf-8")
    result = run("parse", str(path))
    assert result.exit_code == 1 and result.stdout == "" and f"{path}:2:" in result.stderr


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


HEAVY = ("flask", "werkzeug", "feedgen", "icalendar", "jinja2", "lxml")


def test_check_imports_no_web_or_feed_library(listing_file):
    script = (
        "import sys\n"
        "from wipofeeds.cli import main\n"
        f"try:\n    main(['check', {str(listing_file)!r}])\n"
        "except SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
