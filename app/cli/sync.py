"""`community-desk sync`: one pass over every account, for scripts and scheduled jobs.

Exit code 0 when every account synced, 1 when any failed (the others are synced all the same);
each failure is one sentence on stderr, and --json lists every account.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    configure_logging,
    damaged_database_error,
    error,
    is_damaged_database,
    prepare_messages,
    workspace_error,
)
from app.services.workspace import WorkspaceError, open_workspace


def run(data_dir: Path, args: argparse.Namespace) -> int:
    from app.credentials import Credentials
    from app.services.accounts import AccountNotFound, AccountsService
    from app.services.connect import ConnectService
    from app.services.sync import SyncService

    try:
        workspace = open_workspace(data_dir)
    except WorkspaceError as problem:
        return workspace_error(problem)
    # Failures are logged to the workspace's log; the terminal gets one sentence each.
    configure_logging(data_dir, stderr_fallback=False)
    credentials = Credentials()
    accounts = AccountsService(workspace.sessions, credentials)
    connect = ConnectService(accounts, credentials)
    try:
        report = SyncService(workspace.sessions, accounts, connect.connector).sync(args.account)
        handles = {a.id: a.display_name or a.handle
                   for a in accounts.list(include_removed=True)}
    except AccountNotFound:
        prepare_messages()
        from app.ui import messages

        return error(messages.account_not_found(args.account))
    except Exception as exc:
        if is_damaged_database(exc):
            return damaged_database_error(workspace.db_path, exc)
        raise
    finally:
        workspace.close()
    failed = [a for a in report.accounts if a.error and not a.skipped]
    if failed or any(a.error for a in report.accounts):
        prepare_messages()
        from app.ui import messages

        for result in report.accounts:
            if result.error:
                print(f"{handles.get(result.account_id, result.account_id)}: "
                      f"{messages.sync_error(result.error)}", file=sys.stderr)
    if args.json:
        json.dump({"accounts": [{"account_id": a.account_id, "new": a.new, "updated": a.updated,
                                 "error": a.error} for a in report.accounts],
                   "new": report.new}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for result in report.accounts:
            if not result.error:
                print(f"{handles.get(result.account_id, result.account_id)}\t"
                      f"{result.new} new\t{result.updated} updated")
    return EXIT_FAILED if failed else EXIT_OK
