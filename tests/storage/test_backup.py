"""Backups of the workspace database: daily copies, integrity checks and restoring the latest."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from faults import damage_middle_pages

from app.storage import backup

NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def _make_db(path: Path, rows: int = 10, label: str = "v1") -> Path:
    """A WAL database like the workspace's, with `rows` rows of about 300 bytes."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    with con:
        con.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, label TEXT, body TEXT)")
        con.executemany(
            "INSERT INTO note (label, body) VALUES (?, ?)",
            [(label, f"{i:06d}" + "x" * 300) for i in range(rows)],
        )
    con.close()
    return path


def _labels(path: Path) -> set[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in con.execute("SELECT label FROM note")}
    finally:
        con.close()


def _relabel(path: Path, label: str) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE note SET label = ?", (label,))
    con.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_daily_backup_makes_one_file_per_day_and_keeps_the_newest_seven(tmp_path: Path) -> None:
    db = _make_db(tmp_path / "community-desk.db")
    first_day = date(2026, 3, 1)

    for offset in range(9):
        day = first_day + timedelta(days=offset)
        _relabel(db, day.isoformat())
        made = backup.daily_backup_if_due(db, day)
        assert made is not None and made.exists()
        # A second start the same day leaves the morning's copy alone.
        _relabel(db, "later the same day")
        assert backup.daily_backup_if_due(db, day) is None

    kept = backup.list_daily_backups(db)
    expected_days = [first_day + timedelta(days=offset) for offset in range(8, 1, -1)]
    assert [p.name for p in kept] == [f"daily-{d.isoformat()}.db" for d in expected_days]
    assert sorted(p.name for p in backup.backups_dir(db).iterdir()) == sorted(p.name for p in kept)
    assert _labels(kept[0]) == {expected_days[0].isoformat()}
    assert _labels(kept[-1]) == {expected_days[-1].isoformat()}


def test_backup_is_a_consistent_copy_while_the_database_is_being_written(
    tmp_path: Path,
) -> None:
    db = _make_db(tmp_path / "community-desk.db", rows=3, label="old")
    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint=0")  # committed pages stay in the -wal file
        writer.execute("UPDATE note SET label = 'committed'")
        writer.execute("BEGIN")
        writer.execute("UPDATE note SET label = 'uncommitted'")
        writer.execute("INSERT INTO note (label, body) VALUES ('uncommitted', '')")

        # A plain copy of the main file alone would miss the committed change in the -wal...
        shutil.copyfile(db, tmp_path / "naive-copy.db")
        made = backup.daily_backup_if_due(db, date(2026, 3, 14))
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert _labels(tmp_path / "naive-copy.db") == {"old"}
    # ...the backup has exactly what was committed when it was made, and nothing half-written.
    assert made is not None
    assert _labels(made) == {"committed"}
    assert backup.quick_check(made) == []


def test_a_backup_is_one_self_contained_file(tmp_path: Path) -> None:
    db = _make_db(tmp_path / "community-desk.db")
    made = backup.daily_backup_if_due(db, date(2026, 3, 14))
    assert made is not None

    # Checking or copying it by hand needs no -wal or -shm beside it, and makes none.
    assert backup.quick_check(made) == []
    assert _labels(made) == {"v1"}
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]


def test_half_written_copy_left_by_a_crash_does_not_spoil_the_next_backup(
    tmp_path: Path,
) -> None:
    db = _make_db(tmp_path / "community-desk.db")
    folder = backup.backups_dir(db)
    folder.mkdir()
    (folder / "daily-2026-03-14.db.partial").write_bytes(random.Random(3).randbytes(10_000))

    made = backup.daily_backup_if_due(db, date(2026, 3, 14))

    assert made is not None
    assert backup.quick_check(made) == []
    assert _labels(made) == {"v1"}
    assert sorted(p.name for p in folder.iterdir()) == ["daily-2026-03-14.db"]


def test_quick_check_finds_nothing_wrong_with_a_healthy_file(tmp_path: Path) -> None:
    db = _make_db(tmp_path / "community-desk.db", rows=2000)
    assert backup.quick_check(db) == []


def test_quick_check_reports_garbage_over_the_middle_of_the_file(tmp_path: Path) -> None:
    db = _make_db(tmp_path / "community-desk.db", rows=2000)
    damage_middle_pages(db)

    problems = backup.quick_check(db)

    assert problems
    assert all(isinstance(problem, str) and problem for problem in problems)


def test_quick_check_reports_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "community-desk.db"
    db.write_bytes(random.Random(5).randbytes(64 * 1024))

    assert backup.quick_check(db)


def test_restore_puts_newest_sound_backup_in_place_and_keeps_damaged_file(
    tmp_path: Path,
) -> None:
    db = _make_db(tmp_path / "community-desk.db", rows=2000, label="monday")
    backup.daily_backup_if_due(db, date(2026, 3, 9))
    _relabel(db, "tuesday")
    backup.daily_backup_if_due(db, date(2026, 3, 10))
    _relabel(db, "wednesday")
    wednesday = backup.daily_backup_if_due(db, date(2026, 3, 11))
    assert wednesday is not None
    damage_middle_pages(wednesday)  # the newest backup is itself damaged: skip it

    damage_middle_pages(db)
    (tmp_path / "community-desk.db-wal").write_bytes(b"wal left by the crash")
    (tmp_path / "community-desk.db-shm").write_bytes(b"shm left by the crash")
    damaged_digest = _digest(db)

    restored = backup.restore_latest(db, NOW)

    # An old -wal next to the restored file would be replayed into it: it must be gone.
    assert not (tmp_path / "community-desk.db-wal").exists()
    assert not (tmp_path / "community-desk.db-shm").exists()
    assert restored.name == "daily-2026-03-10.db"
    assert backup.quick_check(db) == []
    assert _labels(db) == {"tuesday"}
    kept = tmp_path / "community-desk.db.damaged-20260314-093000"
    assert _digest(kept) == damaged_digest
    assert (tmp_path / "community-desk.db.damaged-20260314-093000-wal").read_bytes() == (
        b"wal left by the crash"
    )
    assert (tmp_path / "community-desk.db.damaged-20260314-093000-shm").read_bytes() == (
        b"shm left by the crash"
    )
    # The backup it came from is still there for another time.
    assert backup.quick_check(restored) == []


def test_restore_twice_in_the_same_second_keeps_both_damaged_files(tmp_path: Path) -> None:
    db = _make_db(tmp_path / "community-desk.db", rows=10, label="good")
    backup.daily_backup_if_due(db, date(2026, 3, 13))
    db.write_bytes(b"first damaged file")

    backup.restore_latest(db, NOW)
    db.write_bytes(b"second damaged file")
    backup.restore_latest(db, NOW)

    kept = sorted(
        p.read_bytes()
        for p in tmp_path.glob("community-desk.db.damaged-*")
        if not p.name.endswith(("-wal", "-shm"))
    )
    assert kept == [b"first damaged file", b"second damaged file"]


def test_restore_without_any_backup_raises_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "community-desk.db"
    db.write_bytes(b"not a database")

    with pytest.raises(FileNotFoundError):
        backup.restore_latest(db, NOW)

    assert db.read_bytes() == b"not a database"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["community-desk.db"]


def test_restore_with_only_damaged_backups_raises_and_changes_nothing(tmp_path: Path) -> None:
    db = _make_db(tmp_path / "community-desk.db", rows=2000)
    only = backup.daily_backup_if_due(db, date(2026, 3, 13))
    assert only is not None
    damage_middle_pages(only)
    db.write_bytes(b"not a database")

    with pytest.raises(FileNotFoundError):
        backup.restore_latest(db, NOW)

    assert db.read_bytes() == b"not a database"
    assert list(tmp_path.glob("*.damaged-*")) == []
