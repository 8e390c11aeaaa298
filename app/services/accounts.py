"""Connect, list, reconnect and remove accounts; the secret of each lives only in the keyring.

The network-specific part of connecting (an OAuth consent in the browser, an app password, a
feed URL) happens in the connector modules; this service takes what they learned (AccountInfo
plus the secret) and stores both so that either both exist or neither does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.core.connector import AccountInfo
from app.core.model import AccountState, AccountSummary, Listening, Network
from app.core.timefmt import as_utc, utc_now
from app.credentials import Credentials
from app.networks.base import Connector
from app.storage.models import Account


def account_secret_key(account_id: int) -> str:
    """Keyring entry of an account's token, app-password session or other secret."""
    return f"account-{account_id}"


MAX_LISTEN_TERMS = 20  # each term costs requests on every sync


class AccountNotFound(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class Removal:
    account_id: int
    kept_mentions: bool
    revoked: bool  # the server confirmed the token is no longer valid


ConnectorFactory = Callable[[AccountSummary, str | None], Connector]


def summary_of(row: Account) -> AccountSummary:
    """The plain value of a stored account (services hand these upward, never the row)."""
    return AccountSummary(
        id=row.id,
        network=Network(row.network),
        handle=row.handle,
        server_url=row.server_url,
        display_name=row.display_name,
        state=AccountState(row.state),
        last_error=row.last_error,
        last_synced_at=as_utc(row.last_synced_at) if row.last_synced_at else None,
    )


def _capabilities_json(info: AccountInfo) -> dict[str, object]:
    caps = info.capabilities
    data: dict[str, object] = {
        "can_reply": caps.can_reply,
        "can_post": caps.can_post,
        "can_schedule": caps.can_schedule,
        "can_fetch_thread": caps.can_fetch_thread,
        "can_direct_message": caps.can_direct_message,
        "can_search": caps.can_search,
        "can_listen": caps.can_listen,
    }
    if info.text_rules is not None:
        rules = info.text_rules
        data["text_rules"] = {
            "max_graphemes": rules.max_graphemes,
            "url_weight": rules.url_weight,
            "max_bytes": rules.max_bytes,
            "mentions_count_local_part": rules.mentions_count_local_part,
        }
    data.update({f"extra_{k}": v for k, v in info.extra.items()})
    return data


class AccountsService:
    def __init__(self, sessions: sessionmaker[Session], credentials: Credentials,
                 connector_factory: ConnectorFactory | None = None) -> None:
        self._sessions = sessions
        self._credentials = credentials
        self._connector_factory = connector_factory

    def list(self, *, include_removed: bool = False) -> list[AccountSummary]:
        with self._sessions() as session:
            query = select(Account).order_by(Account.id)
            if not include_removed:
                query = query.where(Account.state != AccountState.REMOVED.value)
            return [summary_of(row) for row in session.scalars(query)]

    def get(self, account_id: int) -> AccountSummary:
        with self._sessions() as session:
            row = session.get(Account, account_id)
            if row is None:
                raise AccountNotFound(account_id)
            return summary_of(row)

    def find(self, network: Network, handle: str, server_url: str) -> AccountSummary | None:
        with self._sessions() as session:
            row = session.scalar(select(Account).where(
                Account.network == network.value, Account.handle == handle,
                Account.server_url == server_url, Account.state != AccountState.REMOVED.value))
            return summary_of(row) if row else None

    def save_connected(self, info: AccountInfo, secret: str | None) -> AccountSummary:
        """Store a freshly verified account and its secret, both or neither.

        Connecting the same account again (same network, handle and server) replaces its secret
        and clears a "needs reconnect" state instead of adding a duplicate.
        """
        with self._sessions.begin() as session:
            row = session.scalar(select(Account).where(
                Account.network == info.network.value, Account.handle == info.handle,
                Account.server_url == info.server_url,
                Account.state != AccountState.REMOVED.value))
            if row is None:
                row = Account(network=info.network.value, handle=info.handle,
                              server_url=info.server_url, created_at=utc_now().replace(tzinfo=None),
                              sync_cursor={})
                session.add(row)
            row.display_name = info.display_name
            row.avatar_url = info.avatar_url
            row.capabilities = _capabilities_json(info)
            row.state = AccountState.OK.value
            row.last_error = ""
            session.flush()  # the id names the keyring entry
            if secret is not None:
                # Raises CredentialError; the transaction then rolls back and nothing is kept.
                self._credentials.set(account_secret_key(row.id), secret)
            return summary_of(row)

    def secret(self, account_id: int) -> str | None:
        return self._credentials.get(account_secret_key(account_id))

    def store_secret(self, account_id: int, secret: str) -> None:
        """For connectors that rotate their secret (Bluesky sessions): saved at once."""
        self._credentials.set(account_secret_key(account_id), secret)

    def connector(self, account_id: int) -> Connector:
        if self._connector_factory is None:
            raise RuntimeError("no connector factory")
        summary = self.get(account_id)
        return self._connector_factory(summary, self.secret(account_id))

    def listening(self, account_id: int) -> Listening:
        with self._sessions() as session:
            row = session.get(Account, account_id)
            if row is None:
                raise AccountNotFound(account_id)
            listen = row.listen if isinstance(row.listen, dict) else {}
            terms = listen.get("terms", [])
            language = listen.get("language", "")
            return Listening(
                terms=tuple(t for t in terms if isinstance(t, str)) if isinstance(terms, list)
                else (),
                language=language if language in ("", "ja") else "",
                # Accounts connected before listening existed have no flag stored yet.
                supported=bool((row.capabilities or {}).get(
                    "can_listen", row.network in (Network.MASTODON.value, Network.BLUESKY.value))))

    def set_listening(self, account_id: int, terms: list[str], language: str = "") -> Listening:
        """Words and hashtags to watch; each is trimmed, blanks and repeats dropped (at most
        MAX_LISTEN_TERMS, each at most 100 characters)."""
        seen: set[str] = set()
        kept: list[str] = []
        for term in terms:
            text = " ".join(term.split())[:100]
            if text and text.casefold() not in seen:
                seen.add(text.casefold())
                kept.append(text)
        with self._sessions.begin() as session:
            row = session.get(Account, account_id)
            if row is None:
                raise AccountNotFound(account_id)
            row.listen = {"terms": kept[:MAX_LISTEN_TERMS],
                          "language": language if language in ("", "ja") else ""}
        return self.listening(account_id)

    def mark_state(self, account_id: int, state: AccountState, error: str = "") -> None:
        with self._sessions.begin() as session:
            row = session.get(Account, account_id)
            if row is None:
                raise AccountNotFound(account_id)
            row.state = state.value
            row.last_error = error

    def remove(self, account_id: int, *, keep_mentions: bool,
               revoke: Callable[[AccountSummary, str], bool] | None = None) -> Removal:
        """Disconnect an account: revoke its token where the network allows, forget the secret,
        and delete the account with its mentions, or keep the mentions for the record."""
        summary = self.get(account_id)
        secret = self.secret(account_id)
        revoked = False
        if revoke is not None and secret:
            revoked = revoke(summary, secret)
        self._credentials.delete(account_secret_key(account_id))
        with self._sessions.begin() as session:
            row = session.get(Account, account_id)
            if row is not None:
                if keep_mentions:
                    row.state = AccountState.REMOVED.value
                    row.sync_cursor = {}
                else:
                    session.delete(row)
        return Removal(account_id, keep_mentions, revoked)
