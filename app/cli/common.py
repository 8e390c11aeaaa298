"""What every command shares: one-sentence errors in the user's language, the log, and the
last-resort handler that keeps tracebacks out of the terminal."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sqlite3
import sys
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from types import ModuleType
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.services.workspace import Problem, Workspace, WorkspaceError, open_workspace

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def error(text: str) -> int:
    print(text, file=sys.stderr)
    return EXIT_FAILED


def prepare_messages() -> None:
    """Load translations so error sentences come out in the user's language."""
    from app.ui.i18n import install_translators, resolve_language, use_core_application

    use_core_application()
    install_translators(resolve_language("system"))


Result = TypeVar("Result")


class Refused(Exception):
    """One sentence for the person, already in their language; nothing was done."""


def messages() -> ModuleType:
    """app.ui.messages, speaking the user's language."""
    prepare_messages()
    from app.ui import messages

    return messages


def in_workspace(data_dir: Path, work: Callable[[Workspace], Result]) -> Result | int:
    """Open the workspace, log to it, run `work` and close it again.

    A workspace that cannot be opened, a Refused or a damaged database is said in one sentence
    on stderr, and its exit code comes back instead of a result; any other failure is left to
    the command line's last-resort handler."""
    try:
        workspace = open_workspace(data_dir)
    except WorkspaceError as problem:
        return workspace_error(problem)
    # Failures are logged to the workspace's log; the terminal gets one sentence.
    configure_logging(data_dir, stderr_fallback=False)
    try:
        return work(workspace)
    except Refused as refused:
        return error(str(refused))
    except Exception as exc:
        if is_damaged_database(exc):
            return damaged_database_error(workspace.db_path, exc)
        raise
    finally:
        workspace.close()


def workspace_error(problem: WorkspaceError) -> int:
    prepare_messages()
    from app.ui import messages

    return error(messages.workspace_error(problem))


def configure_logging(data_dir: Path, *, stderr_fallback: bool = True) -> None:
    """A small rotating log in the workspace; secrets are never passed to the logger.

    When the file cannot be opened the log goes to stderr, or nowhere without `stderr_fallback`.
    """
    try:
        folder = data_dir / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "community-desk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr) if stderr_fallback else logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)


def is_damaged_database(exc: BaseException) -> bool:
    """True for SQLite's "malformed" and "not a database" errors, however SQLAlchemy wraps them.

    A damaged page can hide until a query reaches it, long after the workspace opened fine.
    """
    driver_error = getattr(exc, "orig", None) or exc
    code = getattr(driver_error, "sqlite_errorcode", None)
    return isinstance(driver_error, sqlite3.DatabaseError) and code is not None and (
        code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    )


def damaged_database_error(db_path: Path, exc: BaseException) -> int:
    from app.storage.backup import list_daily_backups

    has_backup = bool(list_daily_backups(db_path))
    return workspace_error(
        WorkspaceError(Problem.CORRUPT, db_path, type(exc).__name__, has_backup=has_backup)
    )


def unexpected_error(data_dir: Path) -> int:
    """Last resort: the traceback goes to the log file, the person gets one sentence."""
    if not logging.getLogger().handlers:
        configure_logging(data_dir, stderr_fallback=False)
    logging.getLogger(__name__).exception("command failed")
    try:
        prepare_messages()
        from app.ui import messages

        return error(messages.unexpected_error())
    except Exception:  # Qt itself is broken, so there is no translator to ask
        return error("Something went wrong. Your data is safe; the details are in the log file.")


def local_zone() -> tzinfo | None:
    """This computer's zone with its daylight-saving rules: $TZ, or what /etc/localtime names
    (Linux, macOS). None where neither says (Windows without tzdata): local times then follow
    the C library, which cannot say when one is skipped or doubled."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if not name:
            continue
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            continue
    return None


def owner_zone() -> tzinfo:
    """The zone to count days and weeks in: local_zone(), or the C library's current offset."""
    zone = local_zone() or datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone
