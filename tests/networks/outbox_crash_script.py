"""Send one reply through the outbox, and die the moment the network has taken it.

Run by test_outbox_bluesky_network.py as its own process: the job comes on stdin as JSON
({data_dir, mention_id, text, session}). The connector is the real BlueskyConnector, wrapped
so that os._exit runs right after the real send_reply returns, before the outbox can write
down that it was sent: the database still says "sending", as after a crash or a power cut.
The app has no hook for this; the wrapper is all there is.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from keyrings import MemoryKeyring

from app.credentials import Credentials
from app.networks.base import Connector
from app.networks.bluesky import BlueskyConnector, BlueskySession
from app.services.accounts import AccountsService
from app.services.outbox import OutboxService
from app.services.workspace import open_workspace

EXIT_AFTER_SENDING = 9


class DiesAfterSending:
    def __init__(self, connector: Connector) -> None:
        self._connector = connector

    def send_reply(self, *args: Any, **kwargs: Any) -> Any:
        self._connector.send_reply(*args, **kwargs)
        os._exit(EXIT_AFTER_SENDING)  # no cleanup, no commit: the process is simply gone

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connector, name)


def main() -> int:
    job = json.load(sys.stdin)
    workspace = open_workspace(Path(job["data_dir"]))
    session = BlueskySession.from_json(job["session"])
    accounts = AccountsService(workspace.sessions, Credentials(MemoryKeyring()))
    outbox = OutboxService(workspace.sessions, accounts, lambda _account: DiesAfterSending(
        BlueskyConnector(session, on_secret_changed=lambda _new: None)))
    entry = outbox.send(job["mention_id"], job["text"], language="ja")
    print(json.dumps({"entry_id": entry.id}), flush=True)
    outbox.send_due(only=[entry.id])
    return 0  # only if the reply was never sent


if __name__ == "__main__":
    sys.exit(main())
