"""`community-desk accounts add|list|remove`: connect accounts from scripts and terminals.

Secrets come from standard input (--token-stdin, --password-stdin), never from arguments, which
other users of the computer can see in the process list.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, error, prepare_messages, workspace_error
from app.services.workspace import WorkspaceError, open_workspace

if TYPE_CHECKING:
    from app.core.model import AccountSummary
    from app.services.connect import ConnectService

# The network stack (httpx, feedparser) is imported only when an accounts command runs: the
# parser is built on every start of the desktop app too.


def add_arguments(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    accounts = commands.add_parser("accounts", parents=[common],
                                   help="connect, list and remove accounts")
    actions = accounts.add_subparsers(dest="accounts_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", parents=[common], help="connect an account")
    networks = add.add_subparsers(dest="network", required=True, metavar="NETWORK")
    mastodon = networks.add_parser("mastodon", parents=[common],
                                   help="a Mastodon account (approve it in your browser)")
    mastodon.add_argument("--server", required=True, metavar="URL",
                          help="the server, e.g. mastodon.social or @shop@example.social")
    mastodon.add_argument("--token-stdin", action="store_true",
                          help="read an access token from standard input instead of the browser")
    bluesky = networks.add_parser("bluesky", parents=[common],
                                  help="a Bluesky account, with an app password")
    bluesky.add_argument("--handle", required=True)
    bluesky.add_argument("--service", metavar="URL", help="the account's server if self-hosted")
    bluesky.add_argument("--password-stdin", action="store_true", required=True,
                         help="read the app password from standard input")
    feed = networks.add_parser("feed", parents=[common], help="an RSS or Atom feed")
    feed.add_argument("--url", required=True)
    feed.add_argument("--name", default="")
    listing = actions.add_parser("list", parents=[common], help="list connected accounts")
    listing.add_argument("--json", action="store_true")
    remove = actions.add_parser("remove", parents=[common], help="disconnect an account")
    remove.add_argument("account_id", type=int, metavar="ID")
    remove.add_argument("--keep-mentions", action="store_true",
                        help="keep the account's mentions in the inbox")


def _account_json(account: AccountSummary) -> dict[str, object]:
    return {"id": account.id, "network": account.network.value, "handle": account.handle,
            "server": account.server_url, "state": account.state.value}


def _read_secret() -> str:
    return sys.stdin.readline().strip()


def _open_browser(url: str) -> None:
    # The address is printed too: on a machine without a browser it can be opened elsewhere.
    print(url, file=sys.stderr, flush=True)
    webbrowser.open(url)


def _connect(connect: ConnectService, args: argparse.Namespace) -> AccountSummary:
    if args.network == "feed":
        return connect.connect_feed(args.url, args.name)
    if args.network == "bluesky":
        return connect.connect_bluesky(args.handle, _read_secret(), args.service)
    if args.token_stdin:
        return connect.connect_mastodon_token(args.server, _read_secret())
    return connect.connect_mastodon(args.server, open_browser=_open_browser,
                                    cancel=threading.Event())


def run(data_dir: Path, args: argparse.Namespace) -> int:
    from app.credentials import CredentialError, Credentials
    from app.networks.errors import NetworkError
    from app.services.accounts import AccountNotFound, AccountsService
    from app.services.connect import ConnectService

    try:
        workspace = open_workspace(data_dir)
    except WorkspaceError as problem:
        return workspace_error(problem)
    credentials = Credentials()
    accounts = AccountsService(workspace.sessions, credentials)
    connect = ConnectService(accounts, credentials)
    try:
        if args.accounts_command == "list":
            listed = accounts.list()
            if args.json:
                json.dump([_account_json(a) for a in listed], sys.stdout, ensure_ascii=False,
                          indent=2)
                print()
            for account in listed if not args.json else ():
                print(f"{account.id}\t{account.network.value}\t{account.state.value}\t"
                      f"{account.handle}\t{account.server_url}")
            return EXIT_OK
        if args.accounts_command == "remove":
            connect.remove(args.account_id, keep_mentions=args.keep_mentions)
            return EXIT_OK
        added = _connect(connect, args)
        print(json.dumps(_account_json(added), ensure_ascii=False))
        return EXIT_OK
    except (NetworkError, CredentialError, AccountNotFound) as problem:
        prepare_messages()
        from app.ui import messages

        if isinstance(problem, AccountNotFound):
            return error(messages.account_not_found(args.account_id))
        return error(messages.problem(problem))
    finally:
        workspace.close()
