"""`community-desk reply MENTION_ID (--text TEXT | --template NAME) [--json]`: answer now.

The reply takes the app's own way out (the outbox: written first, sent once with its
idempotency key) but without the undo window. Exit 0 once it is sent; otherwise 1 and one
sentence on stderr. A reply that met a passing failure (offline, a busy server) is not lost:
it waits in the outbox and the app sends it when it next runs. --json prints
{id, state, remote_id, remote_url, error} for every reply that reached the outbox.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, Refused, error, in_workspace, messages
from app.core.model import OutboxState

if TYPE_CHECKING:
    from app.core.model import MentionDetail, OutboxEntry
    from app.core.settings import Settings
    from app.services.templates import TemplatesService
    from app.services.workspace import Workspace

# Services and the network stack are imported only when the command runs: the parser is built
# on every start of the desktop app too.


def add_arguments(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    reply = commands.add_parser("reply", parents=[common],
                                help="answer a mention now, from its own account")
    reply.add_argument("mention_id", type=int, metavar="MENTION_ID",
                       help="the mention's number, from `mentions list`")
    what = reply.add_mutually_exclusive_group(required=True)
    what.add_argument("--text", metavar="TEXT", help="the reply's text")
    what.add_argument("--template", metavar="NAME",
                      help="a saved template, filled in for this mention")
    reply.add_argument("--json", action="store_true")


def entry_json(entry: OutboxEntry) -> dict[str, object]:
    return {"id": entry.id, "state": entry.state.value, "remote_id": entry.remote_id or None,
            "remote_url": entry.remote_url or None, "error": entry.error or None}


def run(data_dir: Path, args: argparse.Namespace) -> int:
    entry = in_workspace(data_dir, lambda workspace: _reply(workspace, args))
    if isinstance(entry, int):
        return entry  # refused, and said so
    if args.json:
        json.dump(entry_json(entry), sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif entry.state is OutboxState.SENT:
        print(entry.remote_url or entry.remote_id)
    if entry.state is OutboxState.SENT:
        return EXIT_OK
    words = messages()
    if entry.state is OutboxState.QUEUED:
        return error(words.reply_waiting(entry.error))
    return error(words.send_error(entry.error))


def _reply(workspace: Workspace, args: argparse.Namespace) -> OutboxEntry:
    from app.credentials import Credentials
    from app.services.accounts import AccountsService
    from app.services.connect import ConnectService
    from app.services.inbox import InboxService
    from app.services.outbox import OutboxService, ReplyProblem
    from app.services.preferences import PreferencesService
    from app.services.templates import TemplatesService

    detail = InboxService(workspace.sessions).detail(args.mention_id)
    if detail is None:
        raise Refused(messages().mention_not_found(args.mention_id))
    settings = PreferencesService(workspace.sessions).load()
    templates = TemplatesService(workspace.sessions)
    template_id = None
    if args.template is not None:
        text, template_id = _from_template(templates, args.template, detail, settings)
    else:
        text = args.text
    text = _with_prefix(detail, text)
    credentials = Credentials()
    accounts = AccountsService(workspace.sessions, credentials)
    connect = ConnectService(accounts, credentials)
    outbox = OutboxService(workspace.sessions, accounts, connect.connector)
    try:
        entry = outbox.send(detail.id, text, language=_language(text, settings))
    except ReplyProblem as problem:
        raise Refused(messages().reply_problem(problem.code)) from None
    if template_id is not None:
        templates.record_use(template_id)
    outbox.send_due(only=[entry.id])
    return outbox.get(entry.id) or entry


def _from_template(templates: TemplatesService, name: str, detail: MentionDetail,
                   settings: Settings) -> tuple[str, int]:
    from app.core.templates import MissingValues, TemplateSyntaxError, render

    template = templates.find(name)
    if template is None:
        raise Refused(messages().template_not_found(name))
    values = templates.values_for(detail, settings, datetime.now().astimezone().date())
    try:
        return render(template.body, values), template.id
    except TemplateSyntaxError:
        raise Refused(messages().template_malformed(template.name)) from None
    except MissingValues as missing:
        raise Refused(messages().template_needs_values(template.name,
                                                         list(missing.names))) from None


def _with_prefix(detail: MentionDetail, text: str) -> str:
    """Mastodon replies start with the author's @acct, as the composer writes them; a blank
    text stays blank, so it is refused as empty rather than sent as a bare mention."""
    from app.core.replytext import reply_prefix

    prefix = reply_prefix(detail.network, detail.author_handle, detail.account_handle)
    if not prefix or not text.strip():
        return text
    words = text.split(maxsplit=1)
    if words[0].casefold() == prefix.strip().casefold():
        return text
    return prefix + text.lstrip()


def _language(text: str, settings: Settings) -> str:
    if settings.reply_language in ("ja", "en"):
        return settings.reply_language
    from app.core.replytext import guess_language

    return guess_language(text)

