"""The command line: the desktop app's front door, and its commands for scripts and installers.

Errors go to stderr as one clear sentence in the user's language, with a non-zero exit code;
--json output is stable (see DESIGN.md).
"""

from __future__ import annotations

import argparse
import json
import logging
import logging.handlers
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from app import APP_ID, __version__
from app.core.model import MentionRecord, TriageState
from app.core.timefmt import iso_utc
from app.services.workspace import Problem, WorkspaceError, open_workspace, resolve_data_dir

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS,
        help="workspace folder (default: COMMUNITY_DESK_DATA_DIR or the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog=APP_ID, parents=[common],
        description="Community Desk: one inbox for what customers say about your shop.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the app on a throwaway workspace filled with sample data")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser(
        "self-check", parents=[common],
        help="start offscreen and check Qt, the database, the keyring and TLS; exit 0 if fine",
    )

    mentions = commands.add_parser("mentions", parents=[common], help="read the inbox")
    mention_commands = mentions.add_subparsers(dest="mentions_command", required=True,
                                               metavar="ACTION")
    listing = mention_commands.add_parser("list", parents=[common],
                                          help="list mentions, complaints first")
    listing.add_argument("--state", choices=[*(s.value for s in TriageState), "all"],
                         default="new")
    listing.add_argument("--limit", type=int, default=100, metavar="N")
    listing.add_argument("--json", action="store_true")

    backups = commands.add_parser("backups", parents=[common],
                                  help="list or restore the daily database backups")
    backup_commands = backups.add_subparsers(dest="backups_command", required=True,
                                             metavar="ACTION")
    backup_commands.add_parser("list", parents=[common], help="list daily backups, newest first")
    backup_commands.add_parser(
        "restore", parents=[common],
        help="replace a damaged database by the newest sound backup (the damaged file is kept)",
    )
    return parser


def _error(text: str) -> int:
    print(text, file=sys.stderr)
    return EXIT_FAILED


def _prepare_messages() -> None:
    """Load translations so error sentences come out in the user's language."""
    from app.ui.i18n import install_translators, resolve_language, use_core_application

    use_core_application()
    install_translators(resolve_language("system"))


def _workspace_error(error: WorkspaceError) -> int:
    _prepare_messages()
    from app.ui.messages import workspace_error

    return _error(workspace_error(error))


def _configure_logging(data_dir: Path, *, stderr_fallback: bool = True) -> None:
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


def _is_damaged_database(exc: BaseException) -> bool:
    """True for SQLite's "malformed" and "not a database" errors, however SQLAlchemy wraps them.

    A damaged page can hide until a query reaches it, long after the workspace opened fine.
    """
    driver_error = getattr(exc, "orig", None) or exc
    code = getattr(driver_error, "sqlite_errorcode", None)
    return isinstance(driver_error, sqlite3.DatabaseError) and code is not None and (
        code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    )


def _damaged_database_error(db_path: Path, exc: BaseException) -> int:
    from app.storage.backup import list_daily_backups

    has_backup = bool(list_daily_backups(db_path))
    return _workspace_error(
        WorkspaceError(Problem.CORRUPT, db_path, type(exc).__name__, has_backup=has_backup)
    )


def _unexpected_error(data_dir: Path) -> int:
    """Last resort: the traceback goes to the log file, the person gets one sentence."""
    if not logging.getLogger().handlers:
        _configure_logging(data_dir, stderr_fallback=False)
    logging.getLogger(__name__).exception("command failed")
    try:
        _prepare_messages()
        from app.ui.messages import unexpected_error

        return _error(unexpected_error())
    except Exception:  # Qt itself is broken, so there is no translator to ask
        return _error("Something went wrong. Your data is safe; the details are in the log file.")


def _mention_json(record: MentionRecord) -> dict[str, object]:
    return {
        "id": record.id,
        "account_id": record.account_id,
        "network": record.network.value,
        "kind": record.kind.value,
        "external_id": record.external_id,
        "url": record.url,
        "author_handle": record.author_handle,
        "author_name": record.author_name,
        "text": record.text,
        "created_at": iso_utc(record.created_at),
        "state": record.state.value,
        "flags": sorted(flag.value for flag in record.flags),
        "first_response_at": iso_utc(record.first_response_at),
    }


def _mentions_list(data_dir: Path, args: argparse.Namespace) -> int:
    from app.services.inbox import InboxService

    try:
        workspace = open_workspace(data_dir)
    except WorkspaceError as error:
        return _workspace_error(error)
    try:
        state = None if args.state == "all" else TriageState(args.state)
        records = InboxService(workspace.sessions).records(state, max(0, args.limit))
    except Exception as exc:
        if _is_damaged_database(exc):
            return _damaged_database_error(workspace.db_path, exc)
        raise
    finally:
        workspace.close()
    if args.json:
        json.dump([_mention_json(r) for r in records], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    for r in records:
        flags = ",".join(sorted(f.value for f in r.flags))
        first_line = r.text.strip().split("\n", 1)[0][:80]
        print(f"{r.id}\t{r.network.value}\t{r.state.value}\t{flags}\t{r.author_handle}\t"
              f"{first_line}")
    return EXIT_OK


def _backups(data_dir: Path, args: argparse.Namespace) -> int:
    from app.services.workspace import restore_latest_backup
    from app.storage.backup import list_daily_backups, quick_check
    from app.storage.db import DB_FILENAME

    db_path = data_dir / DB_FILENAME
    if args.backups_command == "list":
        for path in list_daily_backups(db_path):
            print(path)
        return EXIT_OK
    _prepare_messages()
    from app.ui import messages

    # Restoring puts the current file aside as "damaged": never do that to a sound database
    # (one from a newer version of the app included).
    if db_path.is_file() and not quick_check(db_path):
        return _error(messages.database_not_damaged(str(db_path)))
    try:
        restored = restore_latest_backup(data_dir)
    except FileNotFoundError:
        return _error(messages.no_backup_to_restore())
    except OSError as exc:
        return _workspace_error(WorkspaceError(Problem.UNWRITABLE, data_dir, str(exc)))
    print(messages.restored_backup(restored.name))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    try:
        return _run(args, data_dir)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (`| head`) stopped early. Point stdout at nothing so the interpreter's own
        # final flush does not fail too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except Exception:
        return _unexpected_error(data_dir)


def _run(args: argparse.Namespace, data_dir: Path) -> int:
    if args.command == "self-check":
        from app.ui.selfcheck import run_self_check

        return run_self_check(data_dir)
    if args.command == "mentions":
        return _mentions_list(data_dir, args)
    if args.command == "backups":
        return _backups(data_dir, args)
    from app.ui.application import run_gui

    if not args.demo:
        _configure_logging(data_dir)
    return run_gui(data_dir, demo=args.demo)
