"""The shop's rules: words that flag a mention (complaint, question, praise) and the "never say"
list of its social-media policy. Edited in Settings; read by sync and, later, the composer."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from app.core.model import RuleKind
from app.core.triage import normalize
from app.storage.models import Rule

MAX_PHRASE = 255
MAX_PHRASES = 500


def clean_phrases(phrases: list[str]) -> list[str]:
    """Trimmed, without blanks or duplicates (compared the way matching compares), bounded."""
    seen: set[str] = set()
    kept: list[str] = []
    for phrase in phrases:
        text = " ".join(phrase.split())[:MAX_PHRASE]
        key = normalize(text)
        if text and key not in seen:
            seen.add(key)
            kept.append(text)
    return kept[:MAX_PHRASES]


class RulesService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def phrases(self, kind: RuleKind) -> list[str]:
        with self._sessions() as session:
            return list(session.scalars(select(Rule.phrase).where(Rule.kind == kind.value)
                                        .order_by(Rule.id)))

    def set_phrases(self, kind: RuleKind, phrases: list[str]) -> list[str]:
        """Replace the phrases of one kind; new mentions are flagged by them from the next sync
        on (mentions already in the inbox keep the flags they have)."""
        kept = clean_phrases(phrases)
        with self._sessions.begin() as session:
            session.execute(delete(Rule).where(Rule.kind == kind.value))
            session.add_all(Rule(kind=kind.value, phrase=p, language=_language(p)) for p in kept)
        return kept


def _language(phrase: str) -> str:
    return "en" if phrase.isascii() else "ja"
