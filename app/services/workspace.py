"""Open a workspace folder: check it, migrate it, and report problems a person can act on.

One workspace is one folder holding the SQLite database, its backups and the UI state file.
"""

# The garbage collector rests while SQLAlchemy loads (see below), so those imports follow a
# statement.
# ruff: noqa: E402

from __future__ import annotations

import gc
import os
import sqlite3
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

# This is where every command, and the app's start-up, first loads SQLAlchemy: a few hundred
# thousand objects (modules, classes, functions) that live as long as the process. The collector
# would walk them again and again while they load (~30 ms of start-up, measured); it rests
# instead, and afterwards they are frozen out of its sight, since they can never be garbage.
_collecting = gc.isenabled()
gc.disable()

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app import APP_ID
from app.core.timefmt import utc_now
from app.storage import backup, migrate
from app.storage.db import DB_FILENAME, make_engine, make_session_factory, sqlite_url

gc.freeze()
if _collecting:
    gc.enable()

ENV_DATA_DIR = "COMMUNITY_DESK_DATA_DIR"
_MARKER_PREFIX = ".running-"


class Problem(StrEnum):
    UNWRITABLE = "unwritable"
    CORRUPT = "corrupt"
    NEWER_SCHEMA = "newer_schema"


class WorkspaceError(Exception):
    """A workspace that cannot be opened, with what a person needs to decide what to do."""

    def __init__(
        self, problem: Problem, path: Path, detail: str = "", *, has_backup: bool = False
    ) -> None:
        super().__init__(f"{problem.value}: {path}: {detail}")
        self.problem = problem
        self.path = path
        self.detail = detail
        self.has_backup = has_backup


def default_data_dir() -> Path:
    import platformdirs  # only when no folder was given

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def resolve_data_dir(option: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """--data-dir wins, then COMMUNITY_DESK_DATA_DIR, then the platform's user data folder."""
    chosen = option or environ.get(ENV_DATA_DIR) or default_data_dir()
    return Path(chosen).expanduser().absolute()


@dataclass
class Workspace:
    data_dir: Path
    engine: Engine
    sessions: sessionmaker[Session]
    unclean_start: bool = False
    migrated_from: str | None = None
    pre_migration_backup: Path | None = None
    _marker: Path | None = field(default=None, repr=False)

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def ui_state_path(self) -> Path:
        return self.data_dir / "ui-state.ini"

    def daily_backup(self, now: datetime | None = None) -> Path | None:
        """Slow on big files: call it from a worker, not on the UI thread."""
        return backup.daily_backup_if_due(self.db_path, (now or utc_now()).astimezone().date())

    def close(self) -> None:
        """Mark a clean shutdown: the next start skips the integrity check."""
        self.engine.dispose()
        if self._marker is not None:
            self._marker.unlink(missing_ok=True)
            self._marker = None


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFO
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)
        return bool(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale_markers(data_dir: Path) -> list[Path]:
    """Markers left by processes that died without closing the workspace."""
    stale = []
    for marker in data_dir.glob(f"{_MARKER_PREFIX}*"):
        try:
            pid = int(marker.name.removeprefix(_MARKER_PREFIX))
        except ValueError:
            continue
        if not _pid_alive(pid):
            stale.append(marker)
    return stale


def _ensure_writable(data_dir: Path) -> Path:
    """Create the folder and this process's marker; the marker doubles as the write test."""
    marker = data_dir / f"{_MARKER_PREFIX}{os.getpid()}"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        marker.write_text(utc_now().isoformat(), encoding="utf-8")
    except OSError as exc:
        raise WorkspaceError(Problem.UNWRITABLE, data_dir, exc.strerror or str(exc)) from exc
    return marker


def open_workspace(data_dir: Path) -> Workspace:
    """Check, back up and migrate the workspace in `data_dir`, creating it when new.

    Raises WorkspaceError for a folder we cannot write, a damaged database or one from a newer
    version of the app. Nothing is ever replaced or deleted silently.
    """
    marker = _ensure_writable(data_dir)
    try:
        return _open_checked(data_dir, marker)
    except BaseException:
        marker.unlink(missing_ok=True)
        raise


def _open_checked(data_dir: Path, marker: Path) -> Workspace:
    db_path = data_dir / DB_FILENAME
    stale = _stale_markers(data_dir)
    has_backup = bool(backup.list_daily_backups(db_path))

    def corrupt(detail: str) -> WorkspaceError:
        return WorkspaceError(Problem.CORRUPT, db_path, detail, has_backup=has_backup)

    def unwritable(detail: str) -> WorkspaceError:
        # The message names the folder; the detail says which file refused.
        return WorkspaceError(Problem.UNWRITABLE, data_dir, detail)

    try:
        revision = migrate.stored_revision(db_path)
    except sqlite3.DatabaseError as exc:
        raise corrupt(str(exc)) from exc
    except OSError as exc:
        raise unwritable(exc.strerror or str(exc)) from exc

    if stale and db_path.exists():
        problems = backup.quick_check(db_path)
        if problems:
            raise corrupt("; ".join(problems[:3]))
    try:
        upgrade = migrate.needs_upgrade(revision)
    except migrate.NewerSchemaError as exc:
        raise WorkspaceError(Problem.NEWER_SCHEMA, db_path, exc.revision) from exc

    # A file we may read but not write (another user's, or on read-only media) opens fine and
    # then fails on the first save; say so now, before any backup or migration is attempted.
    for part in (db_path, *_sidecars(db_path)):
        if part.exists() and not os.access(part, os.W_OK):
            raise unwritable(f"{part.name} is read-only")

    pre_backup = None
    if upgrade and revision is not None:
        try:
            pre_backup = backup.pre_migration_backup(db_path, revision, utc_now())
        except sqlite3.DatabaseError as exc:
            problem = _sqlite_problem(exc)
            if problem is None:
                raise
            raise (corrupt if problem is Problem.CORRUPT else unwritable)(str(exc)) from exc
        except OSError as exc:
            raise unwritable(exc.strerror or str(exc)) from exc
    engine = make_engine(sqlite_url(db_path))
    try:
        if upgrade:
            migrate.upgrade(engine)
    except (sqlite3.DatabaseError, DBAPIError) as exc:
        engine.dispose()
        problem = _sqlite_problem(exc)
        if problem is None:
            raise
        raise (corrupt if problem is Problem.CORRUPT else unwritable)(str(exc)) from exc
    except BaseException:
        engine.dispose()
        raise
    for old in stale:
        old.unlink(missing_ok=True)
    return Workspace(
        data_dir=data_dir,
        engine=engine,
        sessions=make_session_factory(engine),
        unclean_start=bool(stale),
        migrated_from=revision if upgrade else None,
        pre_migration_backup=pre_backup,
        _marker=marker,
    )


def _sidecars(db_path: Path) -> tuple[Path, Path]:
    return db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")


# SQLite's primary result codes that mean "the file cannot be written" or "the file is damaged".
_UNWRITABLE_CODES = {
    "SQLITE_READONLY",
    "SQLITE_CANTOPEN",
    "SQLITE_FULL",
    "SQLITE_IOERR",
    "SQLITE_PERM",
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
}
_CORRUPT_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}


def _sqlite_problem(exc: BaseException) -> Problem | None:
    """What an SQLite error means for the person, or None when it is a bug in our own code.

    SQLAlchemy wraps the driver's exception; the error name ("SQLITE_READONLY_DBMOVED") keeps
    the primary code before the second underscore.
    """
    if isinstance(exc, DBAPIError):
        exc = exc.orig  # type: ignore[assignment]
    name = getattr(exc, "sqlite_errorname", "")
    primary = "_".join(name.split("_")[:2])
    if primary in _UNWRITABLE_CODES:
        return Problem.UNWRITABLE
    if primary in _CORRUPT_CODES:
        return Problem.CORRUPT
    return None


def restore_latest_backup(data_dir: Path) -> Path:
    """Replace a damaged database by its newest sound daily backup; the damaged file is kept."""
    return backup.restore_latest(data_dir / DB_FILENAME, utc_now())
