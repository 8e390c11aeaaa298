"""Connecting accounts: the network-specific steps, then AccountsService stores the result.

Every method blocks (network, browser consent): the UI runs them through its background helper
and the CLI runs them directly. Failures are app.networks.errors.NetworkError subclasses or
app.credentials.CredentialError, which the UI and CLI turn into one sentence.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

from app.core.model import AccountState, AccountSummary, Network
from app.credentials import Credentials
from app.networks import bluesky
from app.networks.base import Connector
from app.networks.errors import AuthExpired, AuthFailed, NetworkError
from app.networks.feed import FeedConnector
from app.networks.mastodon import MastodonConnector
from app.networks.mastodon_auth import (
    ClientCredentials,
    MastodonAuth,
    parse_server_address,
    sign_in_with_browser,
)
from app.services.accounts import AccountsService, Removal

OpenBrowser = Callable[[str], None]


def mastodon_client_key(server_url: str) -> str:
    """Keyring entry of this app's registration (client id and secret) on one server."""
    return f"mastodon-client:{server_url}"


class ConnectService:
    def __init__(self, accounts: AccountsService, credentials: Credentials, *,
                 plc_directory: str = bluesky.PLC_DIRECTORY) -> None:
        self._accounts = accounts
        self._credentials = credentials
        self._plc_directory = plc_directory  # another directory only for test networks

    # Feeds -----------------------------------------------------------------------------------
    def connect_feed(self, url: str, name: str = "") -> AccountSummary:
        """Check the feed and add it. Raises FeedIsHtmlPage (with .candidates) for a web page
        that links to feeds, so the caller can offer them."""
        connector = FeedConnector(url.strip(), name.strip())
        try:
            info = connector.verify()
        finally:
            connector.close()
        return self._accounts.save_connected(info, None)

    # Mastodon --------------------------------------------------------------------------------
    def connect_mastodon(self, server_text: str, *, open_browser: OpenBrowser,
                         cancel: threading.Event | None = None,
                         timeout: float = 300.0) -> AccountSummary:
        """Register the app on the server (once), ask for consent in the browser, and store the
        token. Raises AuthFailed(reason="denied"/"timeout"/"cancelled"/...) without consent."""
        server_url = parse_server_address(server_text).url
        with MastodonAuth(server_url) as auth:
            client = self._mastodon_client(auth)
            try:
                token = sign_in_with_browser(auth, client, open_browser, timeout=timeout,
                                             cancel=cancel)
            except AuthFailed as failure:
                if failure.reason == "client":
                    # The server forgot our registration: register anew on the next attempt.
                    self._credentials.delete(mastodon_client_key(server_url))
                raise
        return self._save_mastodon(server_url, token.access_token)

    def connect_mastodon_token(self, server_text: str, token: str) -> AccountSummary:
        """Connect with an access token the owner pasted (made in the server's settings)."""
        server_url = parse_server_address(server_text).url
        try:
            return self._save_mastodon(server_url, token.strip())
        except ValueError:
            raise AuthFailed("malformed access token", reason="token") from None

    def _mastodon_client(self, auth: MastodonAuth) -> ClientCredentials:
        key = mastodon_client_key(auth.server_url)
        stored = self._credentials.get(key)
        if stored:
            data = json.loads(stored)
            return ClientCredentials(data["client_id"], data["client_secret"], auth.server_url,
                                     data.get("scopes", ""))
        client = auth.register_app()
        self._credentials.set(key, json.dumps({
            "client_id": client.client_id, "client_secret": client.client_secret,
            "scopes": client.scopes}))
        return client

    def _save_mastodon(self, server_url: str, token: str) -> AccountSummary:
        connector = MastodonConnector(server_url, token)
        try:
            info = connector.verify()
        finally:
            connector.close()
        return self._accounts.save_connected(info, token)

    # Bluesky ---------------------------------------------------------------------------------
    def connect_bluesky(self, handle: str, app_password: str,
                        service_url: str | None = None) -> AccountSummary:
        """Log in with an app password; only the resulting session is kept, in the keyring."""
        session = bluesky.login(handle, app_password,
                                service=(service_url or "").strip() or bluesky.DEFAULT_SERVICE,
                                plc_directory=self._plc_directory)
        latest = [session.to_json()]
        connector = bluesky.BlueskyConnector(session, on_secret_changed=latest.append)
        try:
            info = connector.verify()
        finally:
            connector.close()
        return self._accounts.save_connected(info, latest[-1])

    # Using and removing ----------------------------------------------------------------------
    def connector(self, account: AccountSummary) -> Connector:
        """A connector for a stored account, its secret read from the keyring."""
        if account.network is Network.FEED:
            return FeedConnector(account.server_url, account.display_name)  # no secret to read
        secret = self._accounts.secret(account.id)
        if not secret:
            raise AuthFailed("no stored credentials", reason="missing")
        if account.network is Network.MASTODON:
            domain = account.handle.rsplit("@", 1)[-1] if account.handle.count("@") == 2 else None
            return MastodonConnector(account.server_url, secret, account_domain=domain)
        # Posts carry facets: links, hashtags, and mentions resolved to DIDs.
        return bluesky.BlueskyConnector.with_rich_text(
            bluesky.BlueskySession.from_json(secret),
            # A rotated session is saved at once, or the next refresh would fail.
            on_secret_changed=lambda new: self._accounts.store_secret(account.id, new),
        )

    def check(self, account_id: int) -> AccountSummary:
        """Ask the network whether the stored credentials still work, and record the answer:
        refused credentials (a revoked token, an expired Bluesky session) mean the account
        needs reconnecting; any other failure is an error named by its kind (the UI words it)."""
        account = self._accounts.get(account_id)
        try:
            connector = self.connector(account)
            try:
                connector.verify()
            finally:
                connector.close()
        except (AuthExpired, AuthFailed) as failure:
            self._accounts.mark_state(account_id, AccountState.NEEDS_RECONNECT,
                                      type(failure).__name__)
        except NetworkError as failure:
            self._accounts.mark_state(account_id, AccountState.ERROR, type(failure).__name__)
        else:
            self._accounts.mark_state(account_id, AccountState.OK)
        return self._accounts.get(account_id)

    def remove(self, account_id: int, *, keep_mentions: bool) -> Removal:
        """Revoke the token where the network allows (Mastodon), then forget the account."""
        return self._accounts.remove(account_id, keep_mentions=keep_mentions,
                                     revoke=self._revoke)

    def _revoke(self, summary: AccountSummary, secret: str) -> bool:
        if summary.network is not Network.MASTODON:
            return False
        stored = self._credentials.get(mastodon_client_key(summary.server_url))
        if not stored:
            return False  # connected with a pasted token: the owner revokes it on the server
        data = json.loads(stored)
        client = ClientCredentials(data["client_id"], data["client_secret"], summary.server_url)
        try:
            with MastodonAuth(summary.server_url) as auth:
                auth.revoke(client, secret)
        except NetworkError:
            return False  # unreachable now: the account is removed here all the same
        return True
