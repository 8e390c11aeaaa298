"""The command line: the desktop app's front door, and its commands for scripts and installers.

Errors go to stderr as one clear sentence in the user's language, with a non-zero exit code;
--json output is stable (see DESIGN.md).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import APP_ID, __version__
from app.cli.common import EXIT_FAILED, configure_logging, unexpected_error
from app.core.model import TriageState
from app.services.workspace import resolve_data_dir


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
    listing.add_argument("--search", metavar="TEXT", default="",
                         help="only mentions containing these words (newest first)")
    listing.add_argument("--limit", type=int, default=100, metavar="N")
    listing.add_argument("--json", action="store_true")

    sync = commands.add_parser("sync", parents=[common],
                               help="fetch new mentions from every account, once")
    sync.add_argument("--account", type=int, metavar="ID", help="only this account")
    sync.add_argument("--json", action="store_true")

    from app.cli import accounts, export, post, reply

    accounts.add_arguments(commands, common)
    reply.add_arguments(commands, common)
    post.add_arguments(commands, common)
    export.add_arguments(commands, common)

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
        return unexpected_error(data_dir)


def _run(args: argparse.Namespace, data_dir: Path) -> int:
    if args.command == "self-check":
        from app.ui.selfcheck import run_self_check

        return run_self_check(data_dir)
    if args.command == "mentions":
        from app.cli import mentions

        return mentions.run(data_dir, args)
    if args.command == "sync":
        from app.cli import sync

        return sync.run(data_dir, args)
    if args.command == "accounts":
        from app.cli import accounts

        return accounts.run(data_dir, args)
    if args.command == "backups":
        from app.cli import backups

        return backups.run(data_dir, args)
    if args.command == "reply":
        from app.cli import reply

        return reply.run(data_dir, args)
    if args.command == "post":
        from app.cli import post

        return post.run(data_dir, args)
    if args.command == "export":
        from app.cli import export

        return export.run(data_dir, args)
    from app.ui.application import run_gui

    if not args.demo:
        configure_logging(data_dir)
    return run_gui(data_dir, demo=args.demo)
