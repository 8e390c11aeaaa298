"""Flag rules: English phrases match whole words, Japanese phrases anywhere, after NFKC folding."""

from __future__ import annotations

import itertools
import re

import pytest

from app.core.model import Flag
from app.core.triage import FlagRules, normalize

PHRASES = ["late", "refund", "never arrived", "a", "9", "x_y", "wrong item", "late!", "?", "？",
           "返金", "届かない", "まだ届", "best", "é", "-late"]
TEXTS = ["arrived late", "chocolate", "lately", "LATE", "late.", "(late)", "late_", "_late",
         "9late", "late9", "遅いlate", "late遅い", "lateé", "élate", "ｌａｔｅ", "a", "ab", "b a c",
         "x_y", "x_yz", "ax_y", "refund?", "REFUND", "ｒｅｆｕｎｄ", "never  arrived",
         "never arrived", "It never arrived.", "返金してください", "ﾍﾝｷﾝ", "まだ届かない",
         "wrong items",
         "the best!", "bestest", "café", "latè", "late!", "late!!", "-late", "x-late", "", "9",
         "19", "9 lives", "what?", "なぜ？", "isn't late", "late\nnight", "é late"]


def _reference(phrases: list[str], text: str) -> bool:
    """The rule as written: \\b where a phrase starts or ends with an ASCII letter or digit."""
    folded = normalize(text)
    for phrase in {normalize(p).strip() for p in phrases} - {""}:
        body = re.escape(phrase)
        if phrase[:1].isascii() and phrase[:1].isalnum():
            body = r"\b" + body
        if phrase[-1:].isascii() and phrase[-1:].isalnum():
            body += r"\b"
        if re.search(body, folded):
            return True
    return False


@pytest.mark.parametrize("phrase", PHRASES)
def test_each_phrase_matches_exactly_where_its_word_boundaries_say(phrase: str) -> None:
    rules = FlagRules.build({Flag.COMPLAINT: [phrase]})
    for text in TEXTS + [f"{a} {phrase}{b}" for a, b in itertools.product(["", "x"], repeat=2)]:
        assert (Flag.COMPLAINT in rules.flags_for(text)) == _reference([phrase], text), text


def test_many_phrases_together_match_as_each_alone() -> None:
    rules = FlagRules.build({Flag.COMPLAINT: PHRASES, Flag.PRAISE: ["thank", "ありがとう"]})
    for text in TEXTS:
        assert (Flag.COMPLAINT in rules.flags_for(text)) == _reference(PHRASES, text), text
    assert rules.flags_for("Thank you! but it arrived late") == {Flag.COMPLAINT, Flag.PRAISE}
    assert rules.flags_for("chocolate, thanks") == frozenset()
