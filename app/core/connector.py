"""Plain values that connectors return and services store: the same for every network.

They live in the core so services, the UI and tests can use them without importing any network
code; app.networks.base declares the Connector protocol that produces them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.core.model import MentionKind, Network


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a network lets the app do, so the UI can offer only what works (a feed is read-only)."""

    can_reply: bool = False
    can_post: bool = False
    can_schedule: bool = False  # the server publishes at a given time, even with the app closed
    can_fetch_thread: bool = False
    can_direct_message: bool = False
    can_search: bool = False
    can_listen: bool = False  # watches keywords and hashtags (fetch_keywords)


@dataclass(frozen=True, slots=True)
class TextRules:
    """How a network measures a post; app.core.textcount applies them."""

    max_graphemes: int
    url_weight: int | None = None  # every URL counts as this many characters (Mastodon: 23)
    max_bytes: int | None = None  # UTF-8 bytes (Bluesky: 3,000)
    mentions_count_local_part: bool = False  # "@user@domain" counts as "@user" (Mastodon)


@dataclass(frozen=True, slots=True)
class AccountInfo:
    """Who the connected account is, learned when connecting; never holds a secret."""

    network: Network
    handle: str
    server_url: str
    display_name: str = ""
    avatar_url: str = ""
    capabilities: Capabilities = field(default_factory=Capabilities)
    text_rules: TextRules | None = None
    extra: dict[str, str] = field(default_factory=dict)  # e.g. the Bluesky DID and PDS


@dataclass(frozen=True, slots=True)
class FetchedMention:
    """One mention as a connector found it, before the inbox stores it."""

    external_id: str
    kind: MentionKind
    author_handle: str
    author_name: str
    text: str  # plain text, links kept whole
    created_at: datetime  # aware, UTC
    html: str = ""  # as the network sent it; sanitized before display
    url: str = ""
    author_url: str = ""
    language: str = ""
    thread_root_id: str = ""
    parent_id: str = ""
    edited_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    mentions: tuple[FetchedMention, ...]
    cursor: dict[str, object]  # opaque to everyone but the connector; stored with the account
    more: bool = False  # stopped at its page bound: calling again with `cursor` brings more


@dataclass(frozen=True, slots=True)
class Published:
    """Where a reply or post now lives on the network."""

    remote_id: str
    remote_url: str = ""
    scheduled: bool = False  # accepted by the server for later publication
