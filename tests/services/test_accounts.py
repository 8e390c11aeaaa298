"""Accounts: an account and its secret are stored together or not at all, and the secret only
ever goes to the keyring."""

from __future__ import annotations

from datetime import datetime

import keyring.errors
import pytest
from keyrings import MemoryKeyring, RaisingKeyring
from sqlalchemy import func, select

from app.core.connector import AccountInfo, Capabilities, TextRules
from app.core.model import AccountState, Network
from app.credentials import SERVICE, CredentialError, Credentials
from app.services.accounts import AccountsService, account_secret_key
from app.services.workspace import Workspace
from app.storage.models import Account, Mention

TOKEN = "tok-9f8e7d6c5b4a-secret"


def mastodon_info(handle: str = "@shop@example.social") -> AccountInfo:
    return AccountInfo(
        network=Network.MASTODON, handle=handle, server_url="https://example.social",
        display_name="Hanamori Bakery", capabilities=Capabilities(can_reply=True, can_post=True),
        text_rules=TextRules(max_graphemes=500, url_weight=23, mentions_count_local_part=True),
    )


def add_mention(workspace: Workspace, account_id: int) -> None:
    now = datetime(2026, 11, 20, 9, 0)
    with workspace.sessions.begin() as session:
        session.add(Mention(account_id=account_id, external_id="1", kind="mention",
                            text="Where is my order?", created_at=now, received_at=now))


def count(workspace: Workspace, model: type) -> int:
    with workspace.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_connected_account_is_listed_and_its_token_is_in_the_keyring_only(
    workspace: Workspace,
) -> None:
    backend = MemoryKeyring()
    accounts = AccountsService(workspace.sessions, Credentials(backend))
    saved = accounts.save_connected(mastodon_info(), TOKEN)

    assert [a.handle for a in accounts.list()] == ["@shop@example.social"]
    assert saved.state is AccountState.OK
    assert backend.items[(SERVICE, account_secret_key(saved.id))] == TOKEN
    workspace.engine.dispose()  # flush WAL into the file before reading its bytes
    for path in workspace.data_dir.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


def test_connecting_the_same_account_again_replaces_its_token_without_a_duplicate(
    workspace: Workspace,
) -> None:
    backend = MemoryKeyring()
    accounts = AccountsService(workspace.sessions, Credentials(backend))
    first = accounts.save_connected(mastodon_info(), TOKEN)
    accounts.mark_state(first.id, AccountState.NEEDS_RECONNECT, "token revoked")
    again = accounts.save_connected(mastodon_info(), "new-token")

    assert again.id == first.id
    assert again.state is AccountState.OK and again.last_error == ""
    assert accounts.secret(first.id) == "new-token"
    assert count(workspace, Account) == 1


def test_locked_keyring_keeps_nothing(workspace: Workspace) -> None:
    accounts = AccountsService(workspace.sessions,
                               Credentials(RaisingKeyring(keyring.errors.KeyringLocked)))
    with pytest.raises(CredentialError):
        accounts.save_connected(mastodon_info(), TOKEN)
    assert count(workspace, Account) == 0


def test_removing_and_keeping_mentions_hides_the_account_and_forgets_its_token(
    workspace: Workspace,
) -> None:
    backend = MemoryKeyring()
    accounts = AccountsService(workspace.sessions, Credentials(backend))
    saved = accounts.save_connected(mastodon_info(), TOKEN)
    add_mention(workspace, saved.id)
    revoked: list[str] = []

    removal = accounts.remove(saved.id, keep_mentions=True,
                              revoke=lambda summary, secret: revoked.append(secret) or True)

    assert removal.revoked and revoked == [TOKEN]
    assert accounts.list() == []
    assert [a.state for a in accounts.list(include_removed=True)] == [AccountState.REMOVED]
    assert count(workspace, Mention) == 1
    assert backend.items == {}


def test_removing_without_keeping_deletes_its_mentions(workspace: Workspace) -> None:
    accounts = AccountsService(workspace.sessions, Credentials(MemoryKeyring()))
    saved = accounts.save_connected(mastodon_info(), TOKEN)
    add_mention(workspace, saved.id)

    accounts.remove(saved.id, keep_mentions=False)

    assert accounts.list(include_removed=True) == []
    assert count(workspace, Mention) == 0


def test_feed_accounts_have_no_secret(workspace: Workspace) -> None:
    backend = MemoryKeyring()
    accounts = AccountsService(workspace.sessions, Credentials(backend))
    info = AccountInfo(network=Network.FEED, handle="https://alerts.example/feeds/1",
                       server_url="https://alerts.example/feeds/1", display_name="Google Alerts")
    saved = accounts.save_connected(info, None)
    assert accounts.get(saved.id).network is Network.FEED
    assert backend.items == {}
    assert saved.last_synced_at is None


def test_listening_terms_are_cleaned_and_kept_per_account(workspace: Workspace) -> None:
    from app.core.connector import AccountInfo, Capabilities
    from app.core.model import Network
    from app.services.accounts import MAX_LISTEN_TERMS, AccountsService

    accounts = AccountsService(workspace.sessions, Credentials(MemoryKeyring()))
    account = accounts.save_connected(
        AccountInfo(Network.FEED, "https://example.com/feed", "https://example.com/feed",
                    capabilities=Capabilities(can_listen=False)), None)
    assert accounts.listening(account.id).supported is False

    saved = accounts.set_listening(account.id, ["  #Bakery ", "#bakery", "", "melon  pan",
                                                *[f"w{i}" for i in range(40)]], "ja")
    assert saved.terms[:2] == ("#Bakery", "melon pan")
    assert len(saved.terms) == MAX_LISTEN_TERMS and saved.language == "ja"
    assert accounts.listening(account.id) == saved
