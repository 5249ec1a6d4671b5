"""The change history: new sessions, change kinds, sequence, and the file format."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone

import pytest
from _factories import GENEVA_TIME, SEED, session

from wipofeeds import history as hist
from wipofeeds.errors import HistoryError
from wipofeeds.model import ChangeKind, DailyWindow, History, Mode, Place, Status

UTC = timezone.utc
T0 = datetime(2025, 9, 1, 12, 0, tzinfo=UTC)
T1 = datetime(2025, 10, 2, 7, 30, tzinfo=UTC)
T2 = datetime(2025, 10, 20, 16, 45, tzinfo=UTC)


def announced(*sessions, now=T0) -> History:
    return hist.update(History(), sessions, now)


# --- new and unchanged sessions --------------------------------------------------------


def test_a_new_session_is_announced_once_with_the_current_time():
    s = session()
    record = announced(s)[s.id]
    assert (record.first_published, record.last_modified, record.sequence) == (T0, T0, 0)
    assert record.fingerprint == s.fingerprint
    [change] = record.changes
    assert (change.kind, change.at, change.sequence, change.previous) == (ChangeKind.ANNOUNCED, T0, 0, None)
    assert change.current == s.content()


def test_nothing_changed_returns_the_same_history():
    history = announced(session(), session(code="WIPO/IP/CONV/GE/25"))
    again = hist.update(history, [session(), session(code="WIPO/IP/CONV/GE/25")], T1)
    assert again is history
    assert again == history


def test_the_file_not_the_clock_decides_after_the_first_time():
    s = session()
    history = announced(s)
    assert hist.update(history, [s], T2)[s.id].first_published == T0


def test_now_is_stored_in_utc_to_the_second():
    geneva = timezone(timedelta(hours=2))
    record = announced(session(), now=datetime(2025, 9, 1, 14, 0, 0, 987654, tzinfo=geneva))[session().id]
    assert record.first_published == T0 and record.first_published.tzinfo == UTC


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        hist.update(History(), [session()], datetime(2025, 1, 1))


# --- changes ----------------------------------------------------------------------------

OTHER_WINDOW = DailyWindow(time(9), time(17), "Europe/Zurich", "Geneva time")

# (how the session changed, kinds logged, fields of the first logged change)
EVENING = DailyWindow(time(19), time(21), "Europe/Zurich", "Geneva time")
CHANGES = [
    pytest.param(dict(first_day=date(2025, 11, 4), last_day=date(2025, 11, 5)), [ChangeKind.RESCHEDULED],
                 {"first_day": ("2025-10-28", "2025-11-04"), "last_day": ("2025-10-29", "2025-11-05")}, id="rescheduled"),
    pytest.param(dict(last_day=date(2025, 10, 30)), [ChangeKind.RESCHEDULED],
                 {"last_day": ("2025-10-29", "2025-10-30")}, id="one-more-day"),
    pytest.param(dict(window=OTHER_WINDOW), [ChangeKind.RETIMED],
                 {"window": (GENEVA_TIME, OTHER_WINDOW)}, id="retimed"),
    pytest.param(dict(window=None), [ChangeKind.RETIMED], {"window": (GENEVA_TIME, None)}, id="became-all-day"),
    pytest.param(dict(extra_windows=(EVENING,)), [ChangeKind.RETIMED], {"extra_windows": (None, [EVENING])},
                 id="a-second-window"),
    pytest.param(dict(mode=None), [ChangeKind.MOVED], {"mode": ("hybrid", None)}, id="mode-no-longer-stated"),
    pytest.param(dict(place=Place("Singapore", "Singapore")), [ChangeKind.MOVED],
                 {"place": ("Geneva, Switzerland", "Singapore, Singapore")}, id="moved-place"),
    pytest.param(dict(mode=Mode.VIRTUAL, place=None), [ChangeKind.MOVED],
                 {"place": ("Geneva, Switzerland", None), "mode": ("hybrid", "virtual")}, id="went-online"),
    pytest.param(dict(title="IP and Deepfakes"), [ChangeKind.RETITLED],
                 {"title": ("IP and Synthetic Media", "IP and Deepfakes")}, id="retitled"),
    pytest.param(dict(status=Status.CANCELLED), [ChangeKind.CANCELLED],
                 {"status": ("confirmed", "cancelled")}, id="cancelled"),
    pytest.param(dict(status=Status.POSTPONED), [ChangeKind.POSTPONED],
                 {"status": ("confirmed", "postponed")}, id="postponed"),
    pytest.param(dict(paragraphs=("New text.",)), [ChangeKind.EDITED],
                 {"paragraphs": (["Synthetic media is rapidly evolving.", "The session explored its impact."], ["New text."])},
                 id="edited-text"),
    pytest.param(dict(tags=("deepfakes",)), [ChangeKind.EDITED], {"tags": (["synthetic-media"], ["deepfakes"])}, id="edited-tags"),
    pytest.param(dict(conference_url="https://meet.example.org/j/1"), [ChangeKind.EDITED],
                 {"conference_url": (None, "https://meet.example.org/j/1")}, id="join-link-added"),
    pytest.param(dict(url="https://www.wipo.int/x"), [ChangeKind.EDITED], {"url": (None, "https://www.wipo.int/x")}, id="page-link-added"),
    pytest.param(dict(first_day=date(2025, 11, 4), last_day=date(2025, 11, 5), window=OTHER_WINDOW, status=Status.CANCELLED),
                 [ChangeKind.RESCHEDULED, ChangeKind.RETIMED, ChangeKind.CANCELLED],
                 {"first_day": ("2025-10-28", "2025-11-04"), "last_day": ("2025-10-29", "2025-11-05")}, id="several-at-once"),
]


def _json(value):
    if isinstance(value, DailyWindow):
        return {"start": f"{value.start:%H:%M}", "end": f"{value.end:%H:%M}", "zone": value.zone, "label": value.label}
    if isinstance(value, list):
        return [_json(item) for item in value]
    return value


def test_a_second_window_removed_again_is_retimed_and_its_feeds_read_it():
    before = replace(session(), extra_windows=(EVENING,))
    history = announced(before)
    updated = hist.update(history, [session()], T1)
    [change] = updated[before.id].changes[1:]
    assert (change.kind, change.previous, change.current) == (
        ChangeKind.RETIMED, {"extra_windows": [_json(EVENING)]}, {"extra_windows": None})


@pytest.mark.parametrize(("edit", "kinds", "fields"), CHANGES)
def test_each_changed_aspect_is_logged_once_with_sequence_plus_one(edit, kinds, fields):
    before = session()
    other = session(code="WIPO/IP/CONV/GE/25")
    history = announced(before, other)
    after = replace(before, **edit)
    updated = hist.update(history, [after, other], T1)
    record = updated[before.id]
    assert (record.sequence, record.first_published, record.last_modified) == (1, T0, T1)
    assert record.fingerprint == after.fingerprint
    new = record.changes[1:]
    assert [c.kind for c in new] == kinds
    assert all(c.at == T1 and c.sequence == 1 and c.session_id == before.id for c in new)
    assert new[0].previous == {k: _json(v[0]) for k, v in fields.items()}
    assert new[0].current == {k: _json(v[1]) for k, v in fields.items()}
    assert updated[other.id] is history[other.id]  # untouched record, same object


def test_reinstated_after_cancellation():
    s = session()
    history = hist.update(announced(s), [replace(s, status=Status.CANCELLED)], T1)
    history = hist.update(history, [s], T2)
    record = history[s.id]
    assert [c.kind for c in record.changes] == [ChangeKind.ANNOUNCED, ChangeKind.CANCELLED, ChangeKind.REINSTATED]
    assert (record.sequence, record.last_modified) == (2, T2)


def test_a_session_that_left_is_withdrawn_and_continues_its_sequence_when_back():
    s, gone = session(), session(code="WIPO/IP/CONV/GE/25")
    history = announced(s, gone)
    without = hist.update(history, [s], T1)
    record = without[gone.id]
    assert [c.kind for c in record.changes] == [ChangeKind.ANNOUNCED, ChangeKind.WITHDRAWN]
    assert (record.sequence, record.last_modified, record.first_published) == (1, T1, T0)
    assert without[s.id] is history[s.id]
    assert hist.published(without) == [s.id] and hist.is_withdrawn(record)
    assert hist.update(without, [s], T2) is without  # withdrawn once
    back = hist.update(without, [s, replace(gone, title="Back again")], T2)
    record = back[gone.id]
    assert (record.sequence, record.first_published, record.last_modified) == (2, T0, T2)
    assert [c.kind for c in record.changes] == [ChangeKind.ANNOUNCED, ChangeKind.WITHDRAWN, ChangeKind.ANNOUNCED]
    assert record.changes[-1].current == replace(gone, title="Back again").content()
    # after its return it is compared with its new content, nothing stale
    assert hist.update(back, [s, replace(gone, title="Back again")], T2) is back
    assert hist.loads(hist.dumps(back)) == back


def test_changes_compare_with_the_last_content_not_the_first():
    s = session()
    history = hist.update(announced(s), [replace(s, title="Second")], T1)
    history = hist.update(history, [replace(s, title="Third")], T2)
    assert history[s.id].changes[-1].previous == {"title": "Second"}
    assert history[s.id].sequence == 2


def test_change_ids_are_unique():
    s = session()
    history = hist.update(announced(s), [replace(s, title="X", status=Status.CANCELLED)], T1)
    ids = [c.id for c in history[s.id].changes]
    assert ids == ["wipo-ip-conv-ge-2-25/0/announced", "wipo-ip-conv-ge-2-25/1/retitled", "wipo-ip-conv-ge-2-25/1/cancelled"]


# --- file format ------------------------------------------------------------------------


def busy_history() -> History:
    s = session(title="Curly “quotes” – and dashes")
    other = session(code="WIPO/IP/AI/3/GE/20", first_day=date(2020, 11, 4), last_day=date(2020, 11, 4), window=None)
    history = announced(s, other)
    return hist.update(history, [replace(s, window=OTHER_WINDOW, status=Status.CANCELLED), other], T1)


def test_dumps_is_deterministic_sorted_and_readable():
    text = hist.dumps(busy_history())
    assert text == hist.dumps(busy_history())
    assert text.endswith("}\n") and not text.endswith("\n\n")
    data = json.loads(text)
    assert list(data) == ["format", "sessions"]
    assert list(data["sessions"]) == ["wipo-ip-ai-3-ge-20", "wipo-ip-conv-ge-2-25"]
    record = data["sessions"]["wipo-ip-conv-ge-2-25"]
    assert list(record) == ["fingerprint", "first_published", "last_modified", "sequence", "changes"]
    assert (record["first_published"], record["last_modified"], record["sequence"]) == ("2025-09-01T12:00:00Z", "2025-10-02T07:30:00Z", 1)
    assert list(record["changes"][1]) == ["kind", "at", "sequence", "previous", "current"]
    assert "Curly “quotes” – and dashes" in text  # UTF-8 as is, not \u escapes
    assert '\n  "sessions": {\n    "wipo-ip-ai-3-ge-20": {\n' in text


def test_equal_histories_dump_equal_text_whatever_the_dict_order():
    history = busy_history()
    record = history["wipo-ip-conv-ge-2-25"]
    first = record.changes[0]
    shuffled = replace(first, current=dict(reversed(list(first.current.items()))))
    other = History({**dict(reversed(list(history.records.items()))),
                     "wipo-ip-conv-ge-2-25": replace(record, changes=(shuffled, *record.changes[1:]))})
    assert other == history
    assert hist.dumps(other) == hist.dumps(history)


def test_round_trip_through_the_file(tmp_path):
    path = tmp_path / "sessions.history.json"
    history = busy_history()
    hist.save(history, path)
    loaded = hist.load(path)
    assert loaded == history
    assert path.read_text("utf-8") == hist.dumps(loaded)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sessions.history.json"]  # no temporary left


def test_a_loaded_history_diffs_like_the_original(tmp_path):
    path = tmp_path / "sessions.history.json"
    s = session()
    hist.save(announced(s), path)
    loaded = hist.load(path)
    assert hist.update(loaded, [s], T2) is loaded
    assert hist.update(loaded, [replace(s, title="New")], T2)[s.id].changes[-1].previous == {"title": "IP and Synthetic Media"}


def test_missing_file_is_an_empty_history(tmp_path):
    assert hist.load(tmp_path / "nothing.history.json") == History()


def test_save_replaces_atomically_and_leaves_the_old_file_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "sessions.history.json"
    hist.save(announced(session()), path)
    old = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        hist.save(busy_history(), path)
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sessions.history.json"]


VALID = hist.dumps(announced(session()))

DAMAGED = [
    pytest.param(b"{not json", "not valid JSON", id="not-json"),
    pytest.param(b"\xff\xfe{}", "not UTF-8", id="not-utf8"),
    pytest.param(b"[]", "format", id="not-an-object"),
    pytest.param(b'{"format": 99, "sessions": {}}', "format", id="newer-format"),
    pytest.param(b'{"format": 1}', "sessions", id="no-sessions"),
    pytest.param(VALID.replace('"sequence": 0,\n      "changes"', '"changes"').encode(), "sequence", id="record-without-sequence"),
    pytest.param(VALID.replace("2025-09-01T12:00:00Z", "yesterday", 1).encode(), "yesterday", id="bad-time"),
    pytest.param(VALID.replace("2025-09-01T12:00:00Z", "2025-09-01T12:00:00", 1).encode(), "UTC", id="time-without-zone"),
    pytest.param(VALID.replace('"kind": "announced"', '"kind": "exploded"').encode(), "exploded", id="unknown-kind"),
    pytest.param(VALID.replace('"sequence": 0,\n      "changes"', '"sequence": -1,\n      "changes"').encode(), "-1", id="negative-sequence"),
    pytest.param(VALID.replace('"previous": null', '"previous": 3').encode(), "previous", id="previous-not-object"),
]


@pytest.mark.parametrize(("content", "message"), DAMAGED)
def test_a_damaged_file_is_an_error_naming_it(tmp_path, content, message):
    path = tmp_path / "sessions.history.json"
    path.write_bytes(content)
    with pytest.raises(HistoryError) as caught:
        hist.load(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_a_loaded_history_holds_the_listings_texts_once(tmp_path):
    """The history repeats every description it published; after loading, the logged
    text is the session's own string, not a second copy of it."""
    from wipofeeds import catalog

    listing = tmp_path / "sessions.txt"
    listing.write_bytes(SEED.read_bytes())
    catalog.load(listing, now=datetime(2025, 11, 1, tzinfo=timezone.utc), record_history=True)
    loaded = catalog.load(listing, now=datetime(2025, 12, 1, tzinfo=timezone.utc))
    for session in loaded.sessions:
        announced = loaded.history.get(session.id).changes[0].current
        assert announced["paragraphs"] == list(session.paragraphs)
        assert all(a is b for a, b in zip(announced["paragraphs"], session.paragraphs))
        assert announced["title"] is session.title
