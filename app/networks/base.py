"""The one interface every network implements. Services talk to connectors only through it.

A connector is made for one account with its secret already at hand (services read it from
app.credentials and pass it in); a connector that rotates its secret (Bluesky sessions) reports
the new one through `on_secret_changed`, which must store it at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from app.core.connector import (
    AccountInfo,
    Capabilities,
    FetchedMention,
    FetchResult,
    Published,
    TextRules,
)
from app.core.model import Network

SecretCallback = Callable[[str], None]


class Connector(Protocol):
    network: Network
    capabilities: Capabilities

    def verify(self) -> AccountInfo:
        """Who the credentials belong to; raises AuthExpired/AuthFailed when they do not work."""
        ...

    def text_rules(self) -> TextRules | None:
        """How this server counts a post (None for read-only networks such as feeds)."""
        ...

    def fetch_mentions(self, cursor: dict[str, object], *, since: datetime | None = None
                       ) -> FetchResult:
        """Mentions newer than `cursor` (or, on a first sync, newer than `since`)."""
        ...

    def fetch_keywords(self, terms: tuple[str, ...], cursor: dict[str, object], *,
                       since: datetime | None = None, language: str = "") -> FetchResult:
        """Posts that contain any of `terms` (words, or hashtags written with "#"), newer than
        `cursor` (or `since` on a first pass), as kind KEYWORD. `language` ("ja", or "" for
        any) narrows a search where the network supports it. Networks without listening
        (capabilities.can_listen False) return an empty result."""
        ...

    def fetch_thread(self, external_id: str) -> tuple[FetchedMention, ...]:
        """The conversation around a mention, oldest first."""
        ...

    def send_reply(self, in_reply_to: FetchedMention | str, text: str, *,
                   idempotency_key: str, direct: bool = False, language: str = "") -> Published:
        """Answer a post. The same `idempotency_key` never makes a second reply; `language`
        ("ja", "en", or "" to let the network decide) tags the reply where the network can."""
        ...

    def find_reply(self, in_reply_to: str, idempotency_key: str, text: str) -> Published | None:
        """The reply already sent to `in_reply_to` with this key (or, where the network keeps
        no keys, by the account itself with this text); None when there is none. The outbox
        asks after a crash or a lost answer, so a reply is never sent twice. Caches nothing."""
        ...

    def publish(self, text: str, *, idempotency_key: str, scheduled_at: datetime | None = None,
                language: str = "") -> Published:
        """A new public post. The same `idempotency_key` never makes a second one. With
        `scheduled_at` (aware, at least 5 minutes ahead) a network that can schedule
        (capabilities.can_schedule) keeps it and publishes it then, even with the app closed:
        Published(scheduled=True), whose remote_id names the scheduled copy. Others raise
        NotSupported; too soon for the server is Rejected."""
        ...

    def find_post(self, idempotency_key: str, text: str, *, since: datetime,
                  scheduled_id: str = "") -> Published | None:
        """The post already made with this key: still waiting on the server
        (Published(scheduled=True)), or published; None when there is none. Where the network
        keeps no keys once a post is out, the account's own posts since `since` with this text
        count. `scheduled_id` names the scheduled copy when it is known. The outbox asks after
        a crash, a lost answer, or when a scheduled post's time has passed. Caches nothing."""
        ...

    def reschedule(self, remote_id: str, at: datetime) -> Published:
        """Move a post the server holds (a scheduled copy's id) to `at` (aware, at least 5
        minutes ahead, else Rejected). NotFound: it is no longer scheduled (published, or
        deleted). NotSupported where the network cannot schedule."""
        ...

    def cancel_scheduled(self, remote_id: str) -> None:
        """Delete a post the server holds, so it is never published. NotFound: it is no longer
        scheduled. NotSupported where the network cannot schedule."""
        ...

    def close(self) -> None:
        ...
