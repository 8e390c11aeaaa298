"""Sync against the real AT Protocol servers (PLC, PDS, AppView) from tests/e2e/bluesky: a
mention, a reply and a quote by another user land in the inbox after a sync, once each, and a
second pass adds nothing. Only the keyring is in memory here."""

from __future__ import annotations

import pytest
from e2e.bluesky.fixture import BlueskyNetwork
from keyrings import MemoryKeyring

from app.core.model import Flag, InboxFilter, MentionKind
from app.credentials import Credentials
from app.networks.bluesky import BlueskyConnector, BlueskySession
from app.services.accounts import AccountsService, account_secret_key
from app.services.connect import ConnectService
from app.services.inbox import InboxService
from app.services.sync import SyncService
from app.services.workspace import Workspace

pytestmark = pytest.mark.bluesky_network


def test_mention_reply_and_quote_arrive_in_the_inbox_once(
        workspace: Workspace, bluesky_network: BlueskyNetwork) -> None:
    keyring = MemoryKeyring()
    credentials = Credentials(keyring)
    accounts = AccountsService(workspace.sessions, credentials)
    connect = ConnectService(accounts, credentials, plc_directory=bluesky_network.plc)
    sync = SyncService(workspace.sessions, accounts, connect.connector)
    inbox = InboxService(workspace.sessions)

    shop = bluesky_network.account("syncshop.test")
    customer = bluesky_network.account("synccustomer.test")
    account = connect.connect_bluesky(shop["handle"], shop["appPassword"], bluesky_network.pds)
    session = BlueskySession.from_json(credentials.get(account_secret_key(account.id)) or "")
    poster = BlueskyConnector(session, on_secret_changed=lambda _new: None)
    try:
        announcement = poster.publish("New seasonal cakes from Monday", idempotency_key="a-1")
    finally:
        poster.close()
    bluesky_network.process_all()

    mention = bluesky_network.post(customer["handle"],
                                   f"@{shop['handle']} my order never arrived, refund please")
    reply = bluesky_network.post(customer["handle"], "Do you have a vegan one?",
                                 reply_to=announcement.remote_id)
    quote = bluesky_network.post(customer["handle"], "Can't wait!",
                                 quote=announcement.remote_id)
    bluesky_network.process_all()

    first = sync.sync()
    assert [(r.error, r.new) for r in first.accounts] == [(None, 3)]
    rows = inbox.page(InboxFilter(state=None))
    kinds = {row.first_line: row.kind for row in rows}
    assert kinds == {
        f"@{shop['handle']} my order never arrived, refund please": MentionKind.MENTION,
        "Do you have a vegan one?": MentionKind.REPLY,
        "Can't wait!": MentionKind.QUOTE,
    }
    assert Flag.COMPLAINT in rows[0].flags  # the complaint comes first
    records = {r.external_id for r in inbox.records(InboxFilter(state=None), 10)}
    assert records == {mention["uri"], reply["uri"], quote["uri"]}

    again = sync.sync()
    assert again.new == 0
    assert len(inbox.page(InboxFilter(state=None))) == 3
