"""The accounts a planned post may go to, with the rules each one's network counts by.

The post editor ticks accounts and counts the text as each network will; it needs every
connected account (feeds and accounts needing reconnect too, to show why they cannot be
ticked) with its server's own limits, as app.services.posts checks them when saving (post_rules).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.core.connector import TextRules
from app.core.model import AccountState, AccountSummary, Network
from app.services.accounts import summary_of
from app.services.posts import post_rules
from app.storage.models import Account

_ORDER = {Network.MASTODON: 0, Network.BLUESKY: 1, Network.FEED: 2}


@dataclass(frozen=True, slots=True)
class TargetAccount:
    """An account offered as a post's target. `rules` is None when it cannot be posted to
    (a feed, or a network that takes no posts from the app)."""

    account: AccountSummary
    rules: TextRules | None


def post_targets(sessions: sessionmaker[Session]) -> list[TargetAccount]:
    """Every account not removed: Mastodon first, then Bluesky, then feeds, each by handle."""
    with sessions() as session:
        rows = session.scalars(select(Account).where(
            Account.state != AccountState.REMOVED.value)).all()
        targets = [TargetAccount(summary_of(row), post_rules(row)) for row in rows]
    return sorted(targets, key=lambda t: (_ORDER[t.account.network], t.account.handle.lower(),
                                          t.account.id))
