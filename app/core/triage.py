"""Which flags a new mention gets from the shop's rules (complaint, question and praise words).

Matching is on normalized text (NFKC, case-folded), so "ＲＥＦＵＮＤ" and "Refund" match "refund".
English phrases match whole words ("late" flags "arrived late" but not "chocolate"); Japanese
phrases match anywhere, as Japanese is written without spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.core.model import Flag


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _pattern(phrase: str) -> str:
    body = re.escape(phrase)
    # Word boundaries only where the phrase starts or ends with a letter or digit of a spaced
    # script; \b is meaningless next to Japanese characters.
    if phrase[:1].isascii() and phrase[:1].isalnum():
        # \b before a word character, written after it: "x(?<!\w\w)" is "\bx" (the character
        # before x is no word character, or there is none), but every alternative now starts
        # with a plain character, so the regex engine skips ahead to where one could match
        # instead of trying every phrase at every position (several times faster).
        body = re.escape(phrase[0]) + r"(?<!\w\w)" + re.escape(phrase[1:])
    if phrase[-1:].isascii() and phrase[-1:].isalnum():
        body = body + r"\b"
    return body


@dataclass(frozen=True)
class FlagRules:
    """The compiled rules: one regular expression per flag."""

    patterns: Mapping[Flag, re.Pattern[str]]

    @classmethod
    def build(cls, phrases: Mapping[Flag, Iterable[str]]) -> FlagRules:
        patterns = {}
        for flag, words in phrases.items():
            cleaned = sorted({normalize(w).strip() for w in words} - {""}, key=len, reverse=True)
            if cleaned:
                patterns[flag] = re.compile("|".join(_pattern(w) for w in cleaned))
        return cls(patterns)

    def flags_for(self, text: str) -> frozenset[Flag]:
        folded = normalize(text)
        return frozenset(flag for flag, pattern in self.patterns.items()
                         if pattern.search(folded))


NO_RULES = FlagRules({})
