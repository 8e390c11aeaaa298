"""`community-desk backups list|restore`."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import EXIT_OK, error, prepare_messages, workspace_error
from app.services.workspace import Problem, WorkspaceError


def run(data_dir: Path, args: argparse.Namespace) -> int:
    from app.services.workspace import restore_latest_backup
    from app.storage.backup import list_daily_backups, quick_check
    from app.storage.db import DB_FILENAME

    db_path = data_dir / DB_FILENAME
    if args.backups_command == "list":
        for path in list_daily_backups(db_path):
            print(path)
        return EXIT_OK
    prepare_messages()
    from app.ui import messages

    # Restoring puts the current file aside as "damaged": never do that to a sound database
    # (one from a newer version of the app included).
    if db_path.is_file() and not quick_check(db_path):
        return error(messages.database_not_damaged(str(db_path)))
    try:
        restored = restore_latest_backup(data_dir)
    except FileNotFoundError:
        return error(messages.no_backup_to_restore())
    except OSError as exc:
        return workspace_error(WorkspaceError(Problem.UNWRITABLE, data_dir, str(exc)))
    print(messages.restored_backup(restored.name))
    return EXIT_OK
