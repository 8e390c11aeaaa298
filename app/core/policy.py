"""Which of the shop's "never say" phrases a reply contains, and where.

Text is compared the way the triage rules compare mentions (app.core.triage.normalize: NFKC,
case-folded), so "ＮＯ ＲＥＦＵＮＤＳ" is caught by "no refunds". A phrase that starts or ends
with a Latin letter or digit matches whole words ("no" is not in "know"), yet may touch Japanese
text ("NO REFUNDSです"), which has no spaces. The places are character offsets into the text as
typed, so the composer can highlight them even where normalizing changed the text's length
(half-width kana, "㈱", "ß").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from app.core.triage import normalize

# Letters and digits of spaced scripts (after case folding): a phrase's edge must not touch one.
_WORDISH = "0-9a-z\u00df-\u024f\u0370-\u03ff\u0400-\u04ff"


@dataclass(frozen=True, slots=True)
class PolicyMatch:
    start: int  # character offsets into the original text, end exclusive
    end: int
    phrase: str  # the phrase as the policy lists it


def check(text: str, never_say: Sequence[str]) -> tuple[PolicyMatch, ...]:
    """Every place a phrase occurs, in reading order; overlapping phrases are each reported."""
    folded, starts, ends = _fold(text)
    found: list[PolicyMatch] = []
    seen: set[str] = set()
    for phrase in never_say:
        key = " ".join(normalize(phrase).split())
        if not key or key in seen:
            continue
        seen.add(key)
        for match in re.finditer(_pattern(key), folded):
            if match.end() > match.start():
                found.append(PolicyMatch(starts[match.start()], ends[match.end() - 1], phrase))
    found.sort(key=lambda m: (m.start, -m.end))
    return tuple(found)


def _pattern(key: str) -> str:
    # A space in the phrase stands for any run of spaces or a line break in the reply.
    body = r"\s+".join(re.escape(word) for word in key.split(" "))
    if re.match(f"[{_WORDISH}]", key):
        body = f"(?<![{_WORDISH}])" + body
    if re.match(f"[{_WORDISH}]", key[-1]):
        body += f"(?![{_WORDISH}])"
    return body


def phrases_in(matches: Sequence[PolicyMatch]) -> tuple[str, ...]:
    """The distinct phrases found, in the order they first occur (for the warning)."""
    return tuple(dict.fromkeys(m.phrase for m in matches))


def _fold(text: str) -> tuple[str, list[int], list[int]]:
    """The normalized text, and for each of its characters the original span it came from.

    Each segment (a character and the combining marks that follow it) is normalized on its own,
    so every normalized character traces back to the segment that produced it.
    """
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _segments(text):
        folded = normalize(text[start:end])
        parts.append(folded)
        starts.extend([start] * len(folded))
        ends.extend([end] * len(folded))
    return "".join(parts), starts, ends


def _segments(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for index in range(1, len(text)):
        if _is_starter(text[index]):
            yield start, index
            start = index
    if text:
        yield start, len(text)


def _is_starter(char: str) -> bool:
    """False for marks that normalizing joins to the character before (゛ after ｶ, é's accent)."""
    folded = unicodedata.normalize("NFKC", char)
    return not folded or unicodedata.combining(folded[0]) == 0
