"""`community-desk post --account ID --text TEXT [--at ISO-8601] [--json]`: publish or plan.

Without --at the post is published now. With it, the post is planned like one on the calendar:
a Mastodon target at least 5 minutes ahead is handed to its server at once (so it goes out with
the computer off); any other target waits in the outbox, and the app publishes it on time while
it runs. --at with an offset (2026-12-24T10:00+09:00, or Z) is that instant; without one it is
this computer's local time, and a local time that does not exist that day, or exists twice
(daylight saving), is refused with the two offsets it could mean. --account may be repeated.

--json prints {id, post_id, state, remote_id, remote_url, error} for each target (the outbox
item's id and the post's): one object for one --account, else a list. Exit 0 once every target
is published (with --at: published, held by its server, or waiting for its time); otherwise 1
and one sentence on stderr. A passing failure (offline, a busy server) is not lost: the target
waits in the outbox and the app sends it when it next runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, Refused, error, in_workspace, local_zone, messages
from app.core.localtime import AmbiguousTime, NonexistentTime, to_utc
from app.core.model import OutboxState

if TYPE_CHECKING:
    from app.core.model import PostRecord, PostTarget
    from app.services.workspace import Workspace

# Services and the network stack are imported only when the command runs: the parser is built
# on every start of the desktop app too.


def add_arguments(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    post = commands.add_parser("post", parents=[common],
                               help="publish a post now, or plan it for a time")
    post.add_argument("--account", type=int, action="append", required=True, metavar="ID",
                      help="the account to post from, from `accounts list` (may be repeated)")
    post.add_argument("--text", required=True, metavar="TEXT", help="the post's text")
    post.add_argument("--at", metavar="ISO-8601",
                      help="when: 2026-12-24T10:00+09:00, or local time without an offset "
                      "(default: now)")
    post.add_argument("--json", action="store_true")


def target_json(record: PostRecord, target: PostTarget) -> dict[str, object]:
    return {"id": target.entry_id, "post_id": record.id, "state": target.state.value,
            "remote_id": target.remote_id or None, "remote_url": target.remote_url or None,
            "error": target.error or None}


def run(data_dir: Path, args: argparse.Namespace) -> int:
    try:
        at, zone = _when(args.at)
    except Refused as refused:
        return error(str(refused))
    record = in_workspace(data_dir, lambda workspace: _post(workspace, args, at, zone))
    if isinstance(record, int):
        return record  # refused, and said so
    targets = record.targets
    if args.json:
        shown: object = [target_json(record, t) for t in targets]
        if len(targets) == 1:
            shown = target_json(record, targets[0])
        json.dump(shown, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for target in targets:
            print(target.remote_url or target.remote_id or target.state.value)
    trouble = next((t for t in targets if not _fine(t, planned=at is not None)), None)
    if trouble is None:
        return EXIT_OK
    words = messages()
    if trouble.state is OutboxState.QUEUED:
        return error(words.post_waiting(trouble.error))
    return error(words.post_error(trouble.error))


def _fine(target: PostTarget, *, planned: bool) -> bool:
    if target.state is OutboxState.SENT:
        return True
    return planned and (target.state is OutboxState.SCHEDULED or (
        target.state is OutboxState.QUEUED and not target.error))


def _post(workspace: Workspace, args: argparse.Namespace, at: datetime | None,
          zone: str) -> PostRecord:
    from app.credentials import Credentials
    from app.services.accounts import AccountsService
    from app.services.connect import ConnectService
    from app.services.posts import PostProblem, PostsService

    credentials = Credentials()
    accounts = AccountsService(workspace.sessions, credentials)
    connect = ConnectService(accounts, credentials)
    posts = PostsService(workspace.sessions, accounts, connect.connector)
    try:
        return posts.create(args.text, args.account, at or datetime.now(UTC), zone=zone)
    except PostProblem as problem:
        raise Refused(messages().post_command_problem(problem)) from None


def _when(text: str | None) -> tuple[datetime | None, str]:
    """--at as an aware instant (None: now) and the zone name to keep with the post."""
    zone = local_zone()
    name = str(getattr(zone, "key", "") or "")
    if text is None:
        return None, name
    try:
        moment = datetime.fromisoformat(text.strip())  # Python 3.11+ reads "Z" too
    except ValueError:
        raise Refused(messages().post_time_unreadable(text)) from None
    if moment.tzinfo is not None:
        return moment, name
    if zone is None:
        return moment.astimezone(), name  # the C library's rules: the best this system has
    try:
        return to_utc(moment, zone).astimezone(zone), name
    except (NonexistentTime, AmbiguousTime) as problem:
        first, second = (c.isoformat(timespec="minutes") for c in problem.candidates)
        words = messages()
        say = words.post_time_nonexistent if isinstance(problem, NonexistentTime) \
            else words.post_time_ambiguous
        raise Refused(say(text, name or str(zone), first, second)) from None
