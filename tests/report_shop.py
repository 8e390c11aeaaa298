"""Hand-made workspaces for the weekly summary's tests: mentions and posts at exact local times,
so every figure of a report is known in advance."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.services.workspace import Workspace
from app.storage.models import Account, Mention, OutboxItem

TOKYO = ZoneInfo("Asia/Tokyo")
BERLIN = ZoneInfo("Europe/Berlin")
_ids = itertools.count(1)


def add_account(workspace: Workspace, network: str = "mastodon",
                handle: str = "shop@example.social") -> int:
    with Session(workspace.engine) as session, session.begin():
        account = Account(network=network, handle=handle, created_at=datetime(2026, 1, 1))
        session.add(account)
        session.flush()
        return account.id


def at(zone: tzinfo, *parts: int) -> datetime:
    """A local wall-clock time in `zone` as an aware UTC instant."""
    return datetime(*parts, tzinfo=zone).astimezone(UTC)  # type: ignore[misc]


def _naive(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


def add_mention(workspace: Workspace, account_id: int, created: datetime, *,
                author: str = "hanako", name: str = "", answered: datetime | None = None,
                handled: datetime | None = None, complaint: bool = False,
                text: str = "こんにちは", kind: str = "mention") -> int:
    """A mention written at `created` (aware); answered (and so handled) at `answered`, or only
    marked done at `handled`."""
    handled = handled or answered
    with Session(workspace.engine) as session, session.begin():
        mention = Mention(
            account_id=account_id, external_id=f"ext-{next(_ids)}", kind=kind,
            author_handle=f"@{author}", author_name=name or author.title(), text=text,
            url=f"https://example.social/@{author}/{next(_ids)}",
            created_at=_naive(created), received_at=_naive(created),
            state="new" if handled is None else "done", is_complaint=complaint,
            first_response_at=_naive(answered), handled_at=_naive(handled))
        session.add(mention)
        session.flush()
        return mention.id


def add_post(workspace: Workspace, account_id: int, due: datetime, state: str) -> None:
    with Session(workspace.engine) as session, session.begin():
        session.add(OutboxItem(
            kind="post", account_id=account_id, text="お知らせ", state=state,
            idempotency_key=f"key-{next(_ids)}", scheduled_at=_naive(due),
            sent_at=_naive(due) if state == "sent" else None,
            created_at=_naive(due), updated_at=_naive(due)))
