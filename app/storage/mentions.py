"""Writing mentions: each stored once per account and external id, edits applied in place.

Everything a connector hands over is untrusted: text is bounded, HTML is sanitized here (so
nothing unsafe is ever on disk to display), a creation time in the future is clamped to the
moment it arrived (a post cannot have waited a negative time), and duplicates within one batch
collapse to the last copy. The full-text index follows
by itself (triggers, see app.storage.search).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, select, update

from app.core.connector import FetchedMention
from app.core.model import Flag, TriageState
from app.core.sanitize import sanitize_html
from app.core.triage import FlagRules
from app.storage.models import Mention

MAX_TEXT_CHARS = 100_000
_CHUNK = 500

_mention = Mention.__table__


@dataclass
class Stored:
    """What one batch changed, so screens can redraw only that."""

    new_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    complaint_ids: list[int] = field(default_factory=list)  # new mentions flagged as complaints

    def extend(self, other: Stored) -> None:
        self.new_ids += other.new_ids
        self.updated_ids += other.updated_ids
        self.complaint_ids += other.complaint_ids


def _to_naive_utc(moment: datetime) -> datetime:
    """Stored times are naive UTC; a naive time from a connector already is."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _content(mention: FetchedMention, now: datetime) -> dict[str, object]:
    created = _to_naive_utc(mention.created_at)
    return {
        "kind": mention.kind.value,
        "author_handle": mention.author_handle[:255],
        "author_name": mention.author_name[:255],
        "author_url": mention.author_url[:2048],
        "text": mention.text[:MAX_TEXT_CHARS],
        "html": sanitize_html(mention.html),
        "url": mention.url[:2048],
        "language": mention.language[:16],
        "thread_root_id": mention.thread_root_id[:512],
        "parent_id": mention.parent_id[:512],
        "created_at": min(created, now),
        "edited_at": _to_naive_utc(mention.edited_at) if mention.edited_at else None,
    }


_COMPARED = ("text", "html", "author_name", "author_handle", "url", "edited_at")


def store_fetched(connection: Connection, account_id: int,
                  mentions: Sequence[FetchedMention], rules: FlagRules,
                  now: datetime) -> Stored:
    """Insert new mentions (flagged by the rules) and update edited ones. `now` is naive UTC."""
    latest = {m.external_id[:512]: m for m in mentions if m.external_id}
    stored = Stored()
    items = list(latest.items())
    for start in range(0, len(items), _CHUNK):
        stored.extend(_store_chunk(connection, account_id, items[start:start + _CHUNK],
                                   rules, now))
    return stored


def _store_chunk(connection: Connection, account_id: int,
                 items: list[tuple[str, FetchedMention]], rules: FlagRules,
                 now: datetime) -> Stored:
    m = _mention.c
    existing = {
        row.external_id: row
        for row in connection.execute(
            select(m.id, m.external_id, m.text, m.html, m.author_name, m.author_handle, m.url,
                   m.edited_at)
            .where(m.account_id == account_id, m.external_id.in_([key for key, _ in items])))
    }
    stored = Stored()
    new_rows: list[dict[str, object]] = []
    for external_id, mention in items:
        values = _content(mention, now)
        old = existing.get(external_id)
        if old is None:
            flags = rules.flags_for(f"{values['text']}")
            new_rows.append({
                **values, "account_id": account_id, "external_id": external_id,
                "received_at": now, "state": TriageState.NEW.value,
                "is_complaint": Flag.COMPLAINT in flags, "is_question": Flag.QUESTION in flags,
                "is_praise": Flag.PRAISE in flags, "first_response_at": None,
            })
            continue
        if all(getattr(old, name) == values[name] for name in _COMPARED):
            continue  # the same post again: nothing changes
        if values["edited_at"] is None and old.edited_at is not None:
            continue  # an older copy of a post we already have in its edited form
        connection.execute(update(_mention).where(m.id == old.id).values(
            {name: values[name] for name in _COMPARED}))
        stored.updated_ids.append(old.id)
    if new_rows:
        ids_of = _insert(connection, account_id, new_rows)
        ids = [ids_of[str(r["external_id"])] for r in new_rows]
        stored.new_ids += ids
        stored.complaint_ids += [i for i, r in zip(ids, new_rows, strict=True)
                                 if r["is_complaint"]]
    return stored


def _insert(connection: Connection, account_id: int,
            rows: list[dict[str, object]]) -> dict[str, int]:
    """Insert new mentions; their ids by external id.

    With RETURNING, SQLAlchemy sends the rows as a few multi-row INSERT statements
    ("insertmanyvalues"). That matters far beyond the round trips saved: on SQLite (3.40 at
    least) every statement that touches the full-text index makes FTS5 write out what it has
    pending, so a plain executemany (one statement per row) wrote a tiny index segment per
    mention, merged again and again, and let other threads take the interpreter lock twice per
    row. Databases without RETURNING get the executemany and a lookup of the new ids."""
    m = _mention.c
    if connection.dialect.insert_returning and connection.dialect.use_insertmanyvalues:
        # Rows come back in no particular order: matched by external id, which is unique per
        # account.
        return {external: mention_id for mention_id, external in connection.execute(
            insert(_mention).returning(m.id, m.external_id), rows)}
    connection.execute(insert(_mention), rows)
    return {external: mention_id for external, mention_id in connection.execute(
        select(m.external_id, m.id).where(
            m.account_id == account_id,
            m.external_id.in_([r["external_id"] for r in rows])))}
