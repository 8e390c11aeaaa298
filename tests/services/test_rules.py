"""The shop's rules as Settings edits them, and what they flag on the next sync."""

from __future__ import annotations

from app.core.model import Flag, RuleKind
from app.services.rules import RulesService
from app.services.workspace import Workspace
from app.storage.rules import flag_rules


def test_defaults_are_shipped_in_both_languages(workspace: Workspace) -> None:
    complaints = RulesService(workspace.sessions).phrases(RuleKind.COMPLAINT)
    assert {"返金", "届かない", "最悪", "refund", "broken", "never arrived"} <= set(complaints)


def test_edited_rules_flag_new_mentions(workspace: Workspace) -> None:
    rules = RulesService(workspace.sessions)
    kept = rules.set_phrases(RuleKind.COMPLAINT, ["  カビ ", "カビ", "", "mouldy", "MOULDY"])
    assert kept == ["カビ", "mouldy"]
    with workspace.sessions() as session:
        compiled = flag_rules(session)
    assert Flag.COMPLAINT in compiled.flags_for("パンにカビが生えていました")
    assert Flag.COMPLAINT in compiled.flags_for("The bread was Mouldy!")
    assert Flag.COMPLAINT not in compiled.flags_for("I want a refund")  # no longer a rule
    assert Flag.QUESTION in compiled.flags_for("営業時間を教えて")  # other kinds untouched
