"""What the composer reads when it opens: the account's own limits, nothing for a feed, and the
templates a complaint calls for."""

from __future__ import annotations

import pytest

from app.core.model import TemplateCategory
from app.core.timefmt import utc_now
from app.credentials import Credentials
from app.services.accounts import AccountsService
from app.services.outbox import OutboxService
from app.services.reply_context import ReplyContext, ReplyContextService
from app.services.workspace import Workspace
from app.storage.models import Account, Mention


def add(workspace: Workspace, network: str, text: str, capabilities: dict) -> int:
    now = utc_now().replace(tzinfo=None)
    with workspace.sessions.begin() as session:
        account = Account(network=network, handle=f"shop-{network}", capabilities=capabilities,
                          created_at=now)
        session.add(account)
        session.flush()
        mention = Mention(account_id=account.id, external_id=f"x-{network}", kind="mention",
                          author_handle="@aoi@example.social", text=text, created_at=now,
                          received_at=now, is_complaint=True)
        session.add(mention)
        session.flush()
        return mention.id


@pytest.fixture
def credentials(keyring_backend) -> Credentials:
    return Credentials(keyring_backend)


def load(workspace: Workspace, credentials: Credentials, mention_id: int) -> ReplyContext | None:
    outbox = OutboxService(workspace.sessions, AccountsService(workspace.sessions, credentials),
                           lambda _account: None)  # type: ignore[arg-type,return-value]
    return ReplyContextService(workspace.sessions).load(mention_id, outbox)


def test_the_account_s_stored_limit_is_used(workspace, credentials) -> None:
    mention = add(workspace, "mastodon", "Hi", {"can_reply": True,
                                                "text_rules": {"max_graphemes": 1000}})
    reply = load(workspace, credentials, mention)
    assert reply is not None and reply.rules is not None
    assert reply.rules.max_graphemes == 1000
    assert reply.rules.url_weight == 23  # the network's default where the server said nothing


def test_a_feed_has_no_rules_and_a_missing_mention_no_context(workspace, credentials) -> None:
    mention = add(workspace, "feed", "A review", {"can_reply": False})
    reply = load(workspace, credentials, mention)
    assert reply is not None and reply.rules is None
    assert load(workspace, credentials, 9999) is None


def test_a_complaint_gets_private_channel_templates_first_in_the_customer_s_language(
        workspace, credentials) -> None:
    mention = add(workspace, "bluesky", "The parcel never arrived.", {"can_reply": True})
    reply = load(workspace, credentials, mention)
    assert reply is not None
    suggested = reply.complaint_templates()
    assert [(t.category, t.language) for t in suggested] == [
        (TemplateCategory.PRIVATE, "en"), (TemplateCategory.APOLOGY, "en")]
