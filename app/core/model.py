"""The plain values that cross from services to the UI and the CLI.

Services never hand live ORM objects upward; they hand these frozen dataclasses, which are safe
to pass between threads and cheap to compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Network(StrEnum):
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    FEED = "feed"


class AccountState(StrEnum):
    OK = "ok"
    NEEDS_RECONNECT = "needs_reconnect"
    ERROR = "error"
    REMOVED = "removed"  # disconnected, but its mentions were kept


class MentionKind(StrEnum):
    MENTION = "mention"
    REPLY = "reply"
    QUOTE = "quote"
    KEYWORD = "keyword"
    FEED_ITEM = "feed_item"


class TriageState(StrEnum):
    NEW = "new"
    DONE = "done"
    ARCHIVED = "archived"


class Flag(StrEnum):
    COMPLAINT = "complaint"
    QUESTION = "question"
    PRAISE = "praise"


class OutboxState(StrEnum):
    """Where a reply or post is on its way out.

    draft -> queued (Send; waits out the undo window, and any back-off after a passing failure)
    -> sending (claimed by the worker, written before the request leaves) -> sent, or failed
    (refused for good: the owner edits and sends again). scheduled and missed are the calendar's.
    """

    DRAFT = "draft"
    QUEUED = "queued"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    MISSED = "missed"


class OutboxKind(StrEnum):
    REPLY = "reply"
    POST = "post"


class TemplateCategory(StrEnum):
    """What a saved reply is for; the composer suggests PRIVATE ones for complaints."""

    THANKS = "thanks"
    APOLOGY = "apology"
    PRIVATE = "private"  # move the conversation to a one-to-one channel
    SHIPPING = "shipping"
    HOURS = "hours"
    FAQ = "faq"
    OTHER = "other"


class RuleKind(StrEnum):
    """What a rule's phrase does: flag a mention, or warn before a reply is sent."""

    COMPLAINT = "complaint"
    QUESTION = "question"
    PRAISE = "praise"
    NEVER_SAY = "never_say"


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One inbox row: exactly what the list shows, nothing more."""

    id: int
    network: Network
    kind: MentionKind
    author_name: str
    author_handle: str
    first_line: str
    created_at: datetime  # UTC, aware
    state: TriageState
    flags: frozenset[Flag]
    first_response_at: datetime | None


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """A whole mention as the command line's `mentions list --json` promises it."""

    id: int
    account_id: int
    network: Network
    kind: MentionKind
    external_id: str
    url: str
    author_handle: str
    author_name: str
    text: str
    created_at: datetime
    state: TriageState
    flags: frozenset[Flag]
    first_response_at: datetime | None


@dataclass(frozen=True, slots=True)
class AccountSummary:
    """A connected account as the Accounts screen and `accounts list` show it. Never a secret."""

    id: int
    network: Network
    handle: str
    server_url: str
    display_name: str
    state: AccountState
    last_error: str
    last_synced_at: datetime | None


@dataclass(frozen=True, slots=True)
class InboxFilter:
    """What the inbox shows. Empty fields mean "any"."""

    state: TriageState | None = TriageState.NEW
    network: Network | None = None
    account_id: int | None = None
    kind: MentionKind | None = None
    flag: Flag | None = None
    overdue_only: bool = False  # unanswered, new, and waiting past the overdue threshold
    search: str = ""  # words to find; results then come newest first


@dataclass(frozen=True, slots=True)
class MentionDetail:
    """Everything the detail pane shows about one mention. `html` is already sanitized."""

    id: int
    account_id: int
    account_handle: str
    network: Network
    kind: MentionKind
    external_id: str
    author_handle: str
    author_name: str
    author_url: str
    text: str
    html: str
    url: str
    language: str
    created_at: datetime
    edited_at: datetime | None
    state: TriageState
    flags: frozenset[Flag]
    first_response_at: datetime | None
    can_reply: bool
    can_fetch_thread: bool


@dataclass(frozen=True, slots=True)
class ThreadPost:
    """One post of the conversation around a mention (remote text, sanitized HTML)."""

    external_id: str
    author_handle: str
    author_name: str
    text: str
    html: str
    url: str
    created_at: datetime
    is_this_mention: bool


@dataclass(frozen=True, slots=True)
class Listening:
    """What an account watches besides its mentions: words and hashtags ("#shop")."""

    terms: tuple[str, ...] = ()
    language: str = ""  # "ja" to search Japanese posts only where the network can; "" any
    supported: bool = True  # False for feeds, which are listening by nature


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """A reply or post in the outbox, as the composer and `reply --json` see it."""

    id: int
    kind: OutboxKind
    account_id: int | None  # None: the account was removed
    mention_id: int | None  # the mention answered (replies); None for posts or a removed one
    text: str
    state: OutboxState
    direct: bool  # Mastodon: sent as a direct message, to take the matter private
    language: str  # "ja", "en", or "" (the network decides)
    idempotency_key: str
    due_at: datetime | None  # queued: not sent before this (undo window, back-off)
    remote_id: str
    remote_url: str
    error: str  # why it failed or waits: an error kind name, for app.ui.messages to word
    attempts: int
    updated_at: datetime
    sent_at: datetime | None
    post_id: int | None = None  # the planned post this item publishes (posts only)


@dataclass(frozen=True, slots=True)
class PostTarget:
    """One account a planned post goes to, and where that copy of it is (its outbox item)."""

    entry_id: int  # the outbox item
    account_id: int | None  # None: the account was removed
    network: Network | None  # None: the account was removed, nothing says which it was
    handle: str
    state: OutboxState
    text: str  # what this account publishes: its network's variant, or the common text
    remote_id: str  # the post, or (state "scheduled") the server's ScheduledStatus
    remote_url: str
    error: str  # why it failed or waits: an error kind name, for app.ui.messages to word
    sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class PostRecord:
    """A planned post as the editor and `post --json` see it, with every target's state."""

    id: int
    text: str  # the common text
    variants: tuple[tuple[Network, str], ...]  # per-network texts that differ from `text`
    scheduled_at: datetime | None  # UTC, aware; None for an undated draft
    zone: str  # the owner's IANA zone when it was planned ("Asia/Tokyo"), or ""
    state: OutboxState  # the worst of its targets' (see app.services.posts.worst_state)
    targets: tuple[PostTarget, ...]
    created_at: datetime
    updated_at: datetime

    def variant(self, network: Network) -> str:
        """The network's own text, or "" when it takes the common text."""
        return next((text for net, text in self.variants if net is network), "")

    def text_for(self, network: Network) -> str:
        return self.variant(network) or self.text

    @property
    def account_ids(self) -> tuple[int, ...]:
        return tuple(t.account_id for t in self.targets if t.account_id is not None)


@dataclass(frozen=True, slots=True)
class PostChip:
    """One post on the calendar: exactly what a month or week cell draws, nothing more."""

    id: int  # the post
    local: datetime  # when, aware, in the zone the calendar asked for
    first_line: str
    networks: tuple[Network, ...]  # its targets' networks, each once, Mastodon first
    state: OutboxState  # the worst of its targets'


@dataclass(frozen=True, slots=True)
class TemplateRecord:
    """A saved reply with {variables}, as the Templates screen and the composer use it."""

    id: int
    name: str
    category: TemplateCategory
    body: str
    language: str  # "ja", "en" or "" (any)
    shortcut: str  # a key sequence in portable text ("Ctrl+Alt+1"), or ""
    use_count: int
