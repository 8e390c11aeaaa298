"""Everything the composer needs when it opens on a mention, read in one call on the database
worker: the mention, its unsent reply, how the account counts characters, the policy's "never
say" list, the settings (shop profile, reminders, undo window, reply language) and the templates.

One read, so the composer shows a whole state at once, never a counter without its limit.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from app.core.connector import TextRules
from app.core.model import (
    MentionDetail,
    OutboxEntry,
    RuleKind,
    TemplateCategory,
    TemplateRecord,
)
from app.core.replytext import guess_language
from app.core.settings import Settings
from app.core.textcount import rules_for
from app.services.inbox import InboxService
from app.services.outbox import OutboxService
from app.services.preferences import PreferencesService
from app.services.rules import RulesService
from app.services.templates import TemplatesService
from app.storage.models import Account


@dataclass(frozen=True, slots=True)
class ReplyContext:
    detail: MentionDetail
    draft: OutboxEntry | None  # the reply being written, queued, sending or failed
    rules: TextRules | None  # None: the network takes no replies (a feed)
    never_say: tuple[str, ...]
    settings: Settings
    templates: tuple[TemplateRecord, ...]  # most used first

    def complaint_templates(self) -> list[TemplateRecord]:
        """What to suggest for a complaint: the "move to private channel" templates, then the
        apologies, in the language the customer wrote in when there are such."""
        fitting = [t for t in self.templates
                   if t.category in (TemplateCategory.PRIVATE, TemplateCategory.APOLOGY)]
        fitting.sort(key=lambda t: t.category is not TemplateCategory.PRIVATE)
        language = self.detail.language[:2] or guess_language(self.detail.text)
        same = [t for t in fitting if t.language in (language, "")]
        return same or fitting


class ReplyContextService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._inbox = InboxService(sessions)
        self._rules = RulesService(sessions)
        self._preferences = PreferencesService(sessions)
        self.templates = TemplatesService(sessions)

    def load(self, mention_id: int, outbox: OutboxService) -> ReplyContext | None:
        """None when the mention is no longer in the workspace."""
        detail = self._inbox.detail(mention_id)
        if detail is None:
            return None
        return ReplyContext(
            detail=detail, draft=outbox.draft_for(mention_id),
            rules=self.text_rules(detail),
            never_say=tuple(self._rules.phrases(RuleKind.NEVER_SAY)),
            settings=self._preferences.load(), templates=tuple(self.templates.list()))

    def text_rules(self, detail: MentionDetail) -> TextRules | None:
        """The account's own limits (a Mastodon server may allow more than 500)."""
        with self._sessions() as session:
            account = session.get(Account, detail.account_id)
            stored = account.capabilities if account is not None else None
        if not detail.can_reply:
            return None
        return rules_for(detail.network, stored if isinstance(stored, dict) else None)
