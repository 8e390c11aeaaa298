"""The workspace's tables. Schema changes go through Alembic migrations, never create_all()."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    desc,
    literal_column,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names so migrations can alter them on SQLite (batch mode) and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Account(Base):
    """A connected network account. Tokens never live here: only in the OS keyring."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    network: Mapped[str] = mapped_column(String(16))
    handle: Mapped[str] = mapped_column(String(255))
    server_url: Mapped[str] = mapped_column(String(2048), default="")
    display_name: Mapped[str] = mapped_column(String(255), default="")
    avatar_url: Mapped[str] = mapped_column(String(2048), default="")
    state: Mapped[str] = mapped_column(String(32), default="ok")
    last_error: Mapped[str] = mapped_column(Text, default="")
    # Per-network sync positions (last notification id, feed ETag...), opaque to everyone else.
    sync_cursor: Mapped[dict] = mapped_column(JSON, default=dict)
    # Per-network facts learned when connecting (character limit, URL weight...).
    capabilities: Mapped[dict] = mapped_column(JSON, default=dict)
    # Listening: {"terms": ["#shop", "shop name"], "language": "ja" or ""}.
    listen: Mapped[dict] = mapped_column(JSON, default=dict)
    last_synced_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)


# Who wrote a mention, for counting customers: the handle, or the name where a feed gives none.
# Spelled out literally (no bound parameter) so SQLite can match it with ix_mention_author.
AUTHOR_KEY = literal_column("coalesce(nullif(author_handle, ''), author_name)", String)


class Mention(Base):
    """Something said to or about the shop, stored once per account and external id."""

    __tablename__ = "mention"
    __table_args__ = (
        UniqueConstraint("account_id", "external_id", name="uq_mention_account_external"),
        # The inbox's order, complaints first and then the oldest, read straight from an index
        # (with a state filter, or without for "All"), so no page ever sorts the whole table.
        Index("ix_mention_triage", "state", desc("is_complaint"), "created_at", "id"),
        # first_response_at last: it also counts a week's complaints and those answered.
        Index("ix_mention_order", desc("is_complaint"), "created_at", "id", "first_response_at"),
        Index("ix_mention_created", "created_at"),
        # The weekly summary, each figure an index-only read of the week's range: what was
        # answered (with when it was written, for the response time), what still waited at its
        # end, mentions per account and hour, and the most frequent authors.
        Index("ix_mention_responded", "first_response_at", "created_at"),
        Index("ix_mention_handled", "handled_at"),
        Index("ix_mention_account_created", "account_id", "created_at"),
        Index("ix_mention_author", "account_id", AUTHOR_KEY, "created_at"),
        # The same order within one account, one kind, or one flag, so each filter's first
        # page is read from an index too (partial indexes: few mentions carry those flags).
        # PostgreSQL's condition for them is in migration 0003 only: naming that dialect here
        # would load its module at every start-up, some 70 ms.
        Index("ix_mention_account", "account_id", "state", desc("is_complaint"), "created_at",
              "id"),
        Index("ix_mention_kind", "kind", "state", desc("is_complaint"), "created_at", "id"),
        Index("ix_mention_question", "state", desc("is_complaint"), "created_at", "id",
              sqlite_where=text("is_question = 1")),
        Index("ix_mention_praise", "state", desc("is_complaint"), "created_at", "id",
              sqlite_where=text("is_praise = 1")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(512))
    kind: Mapped[str] = mapped_column(String(16))
    author_handle: Mapped[str] = mapped_column(String(255), default="")
    author_name: Mapped[str] = mapped_column(String(255), default="")
    author_url: Mapped[str] = mapped_column(String(2048), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(2048), default="")
    language: Mapped[str] = mapped_column(String(16), default="")
    thread_root_id: Mapped[str] = mapped_column(String(512), default="")
    parent_id: Mapped[str] = mapped_column(String(512), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    edited_at: Mapped[datetime | None] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(16), default="new")
    is_complaint: Mapped[bool] = mapped_column(Boolean, default=False)
    is_question: Mapped[bool] = mapped_column(Boolean, default=False)
    is_praise: Mapped[bool] = mapped_column(Boolean, default=False)
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime)
    # When it stopped waiting: set as it leaves "new" (answered, done, archived), cleared when
    # it is reopened. The weekly summary counts what was still waiting at a week's end by it.
    handled_at: Mapped[datetime | None] = mapped_column(DateTime)


class Post(Base):
    """A planned post: one text, with optional per-network variants, for one or more accounts.

    Each target account's copy is an outbox item (kind "post", `OutboxItem.post_id`) with its
    own state, idempotency key, remote id and error, so one network failing never holds back
    another. The owner's zone is kept beside the UTC time, as it was when the post was planned.
    """

    __tablename__ = "post"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    # Per-network text, {"mastodon": "...", "bluesky": "..."}; missing or empty: `text`.
    variants: Mapped[dict] = mapped_column(JSON, default=dict)
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)  # None: undated
    zone: Mapped[str] = mapped_column(String(64), default="")  # IANA name, "Asia/Tokyo"
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class OutboxItem(Base):
    """A reply or post, written here before it is sent so nothing typed is ever lost."""

    __tablename__ = "outbox_item"
    __table_args__ = (
        Index("ix_outbox_item_state_due", "state", "scheduled_at"),
        Index("ix_outbox_item_mention", "in_reply_to_mention_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL")
    )
    in_reply_to_mention_id: Mapped[int | None] = mapped_column(
        ForeignKey("mention.id", ondelete="SET NULL")
    )
    # The planned post this item publishes to one account (kind "post"); None for replies.
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("post.id", ondelete="CASCADE"), index=True
    )
    # The post answered, kept here so a reply can still be sent should the mention row go.
    in_reply_to_external_id: Mapped[str] = mapped_column(String(512), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    direct: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(16), default="")
    state: Mapped[str] = mapped_column(String(16), default="draft")
    # Sent with the request so a retry after a crash can never post twice.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime)
    # A queued item is not sent before this: the undo window after Send, then any back-off.
    due_at: Mapped[datetime | None] = mapped_column(DateTime)
    remote_id: Mapped[str] = mapped_column(String(512), default="")
    remote_url: Mapped[str] = mapped_column(String(2048), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)


class Template(Base):
    """A saved reply with {variables}."""

    __tablename__ = "template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    category: Mapped[str] = mapped_column(String(32), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(16), default="")
    shortcut: Mapped[str] = mapped_column(String(32), default="")
    use_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Rule(Base):
    """A word or phrase that flags a mention, or one the shop's policy says never to write."""

    __tablename__ = "rule"
    __table_args__ = (UniqueConstraint("kind", "phrase", name="uq_rule_kind_phrase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    phrase: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(16), default="")


class Setting(Base):
    """One workspace setting as JSON; the keys and defaults live in app.core.settings."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)


# Alembic cannot compare indexes with a sort direction on SQLite (it sees expressions), so
# autogenerate leaves them out and a test checks them with PRAGMA index_xinfo instead.
ORDERED_INDEXES = frozenset({"ix_mention_triage", "ix_mention_order", "ix_mention_account",
                             "ix_mention_kind", "ix_mention_question", "ix_mention_praise"})
# Nor indexes on an expression: a test checks that one with PRAGMA index_xinfo too.
EXPRESSION_INDEXES = frozenset({"ix_mention_author"})

# The full-text index is an SQLite FTS5 virtual table (and its shadow tables), made by a
# migration with raw SQL; app.storage.search owns it.
SEARCH_TABLE = "mention_search"


def include_in_autogenerate(
    _object: object, name: str | None, type_: str, _reflected: bool, _compare_to: object
) -> bool:
    if type_ == "table" and name is not None and name.startswith(SEARCH_TABLE):
        return False
    return not (type_ == "index" and name in ORDERED_INDEXES | EXPRESSION_INDEXES)
