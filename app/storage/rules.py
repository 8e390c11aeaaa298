"""The shop's rules as the triage code needs them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.model import Flag, RuleKind
from app.core.triage import FlagRules
from app.storage.models import Rule

_FLAG_OF = {RuleKind.COMPLAINT.value: Flag.COMPLAINT, RuleKind.QUESTION.value: Flag.QUESTION,
            RuleKind.PRAISE.value: Flag.PRAISE}


def flag_rules(session: Session) -> FlagRules:
    phrases: dict[Flag, list[str]] = {flag: [] for flag in Flag}
    for kind, phrase in session.execute(select(Rule.kind, Rule.phrase)):
        if kind in _FLAG_OF:
            phrases[_FLAG_OF[kind]].append(phrase)
    return FlagRules.build(phrases)
