"""Copies of the workspace database: before each migration, once a day, and restoring one.

Copies go through SQLite's online backup API, which gives a consistent snapshot even while the
file is open in WAL mode; a plain file copy could catch a half-written page.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

DAILY_KEEP = 7
BACKUP_DIR_NAME = "backups"
_DAILY_PREFIX = "daily-"
# The database file and the files SQLite keeps beside it in WAL mode.
_PARTS = ("", "-wal", "-shm")


def copy_database(source: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        partial.unlink(missing_ok=True)  # left by a crash mid-copy: never copy into it
        out = sqlite3.connect(partial)
        try:
            src.backup(out)
            # The copy is one self-contained file: opening it later, even read-only, needs no
            # -wal or -shm beside it. The workspace switches it back to WAL when it opens it.
            out.execute("PRAGMA journal_mode=DELETE")
        finally:
            out.close()
    finally:
        src.close()
    partial.replace(dest)  # atomic: a crash never leaves a half copy under the final name
    return dest


def pre_migration_backup(db_path: Path, revision: str | None, now: datetime) -> Path:
    """Copy the database next to itself before its schema changes."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    name = f"{db_path.name}.before-{revision or 'unversioned'}-{stamp}.bak"
    return copy_database(db_path, db_path.with_name(name))


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR_NAME


def list_daily_backups(db_path: Path) -> list[Path]:
    """Daily backups, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{_DAILY_PREFIX}*.db"), reverse=True)


def daily_backup_if_due(db_path: Path, today: date, keep: int = DAILY_KEEP) -> Path | None:
    """Make today's backup unless it exists, then keep only the newest `keep`."""
    dest = backups_dir(db_path) / f"{_DAILY_PREFIX}{today.isoformat()}.db"
    made = None
    if not dest.exists():
        made = copy_database(db_path, dest)
    for old in list_daily_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
    return made


def quick_check(db_path: Path) -> list[str]:
    """Problems SQLite finds in the file; an empty list means it is sound."""
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    problems = [row[0] for row in rows]
    return [] if problems == ["ok"] else problems


def restore_latest(db_path: Path, now: datetime) -> Path:
    """Put the newest daily backup in place, keeping the damaged file beside it.

    Returns the backup that was restored. Raises FileNotFoundError when there is none.
    """
    backups = [b for b in list_daily_backups(db_path) if not quick_check(b)]
    if not backups:
        raise FileNotFoundError("no usable backup")
    latest = backups[0]
    damaged = _unused_name(db_path, f"{db_path.name}.damaged-{now.strftime('%Y%m%d-%H%M%S')}")
    for suffix in _PARTS:
        part = db_path.with_name(db_path.name + suffix)
        if part.exists():
            part.replace(db_path.with_name(damaged + suffix))
    partial = db_path.with_name(db_path.name + ".partial")
    shutil.copyfile(latest, partial)
    partial.replace(db_path)
    return latest


def _unused_name(db_path: Path, base: str) -> str:
    """`base`, or `base-2`, `base-3`...: the first name no part of an earlier copy uses."""
    name, n = base, 1
    while any(db_path.with_name(name + suffix).exists() for suffix in _PARTS):
        n += 1
        name = f"{base}-{n}"
    return name
