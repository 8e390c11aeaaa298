"""How long a post is, the way each network measures it: the one counter the app uses.

Every network counts grapheme clusters (what a reader sees as one character: an emoji with
skin tone, a family joined by zero-width joiners, a flag, a kana with its voiced mark), so a
Japanese character is 1, never 2 or 3.

- Mastodon counts like its StatusLengthValidator: every URL is `url_weight` characters (23,
  however long it is), and a mention of someone on another server, "@user@domain", counts as
  "@user". The limit is the server's own (`max_characters`, 500 by default).
- Bluesky counts the text as it is, URLs in full, and allows 300 graphemes AND 3,000 UTF-8 bytes.

Which rules apply comes from the account's stored capabilities (`rules_for`), as the connector
read them from the server when the account was connected; feeds cannot be posted to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

import regex

from app.core.connector import TextRules
from app.core.model import Network

MASTODON_DEFAULT = TextRules(max_graphemes=500, url_weight=23, mentions_count_local_part=True)
BLUESKY = TextRules(max_graphemes=300, max_bytes=3000)

_GRAPHEME = regex.compile(r"\X")

# Mastodon's URL rule (twitter-text's valid_url with Mastodon's overrides in
# config/initializers/twitter_regex.rb), for URLs written with their scheme: only those are
# shortened to 23. Close enough that the count never says "fits" when the server would refuse:
# where this differs, it counts more, not less.
_PATH_CHAR = r"[^\s<>()?]"
_PARENS = rf"\((?:{_PATH_CHAR}+|{_PATH_CHAR}*\({_PATH_CHAR}+\){_PATH_CHAR}*)\)"
_PATH_END = rf"(?:[^\s()?!*\"'「」<>;:=,.$%\[\]~&|@]|{_PARENS})"
_PATH = rf"(?:{_PATH_CHAR}*(?:{_PARENS}{_PATH_CHAR}*)*{_PATH_END}|{_PATH_CHAR}+/)"
_UCHARS = r"\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0010fffd"
_QUERY = rf"\?[a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@^{_UCHARS}]*[a-z0-9_&=#/\-{_UCHARS}]"
_LABEL = r"[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}_-]*[\p{L}\p{N}\p{M}])?"
_TLD = r"(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})(?![\p{L}\p{N}\p{M}@])"
_MASTODON_URL = regex.compile(
    rf"(?<![a-z0-9@＠$#＃])(?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://"
    rf"(?:{_LABEL}\.)+{_TLD}(?::[0-9]{{1,5}})?(?:/{_PATH}*)?(?:{_QUERY})?",
    regex.IGNORECASE | regex.VERSION0)
# Mastodon's Account::MENTION_RE: "@user" or "@user@domain", not after a letter, "=" or "/";
# Extractor drops one followed by "@" or "://".
_MASTODON_MENTION = regex.compile(
    r"(?<![=/\w])@(?>([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(@\w+(?:[.-]+\w+)*)?)(?!@|://)",
    regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TextCount:
    """How much of a post's allowance a text uses."""

    used: int  # graphemes, as the network counts them
    limit: int
    bytes_used: int | None = None  # UTF-8 bytes, where the network also limits those
    max_bytes: int | None = None

    @property
    def remaining(self) -> int:
        """Graphemes left; negative when over the limit."""
        return self.limit - self.used

    @property
    def over_by(self) -> int:
        return max(0, self.used - self.limit)

    @property
    def bytes_over_by(self) -> int:
        if self.bytes_used is None or self.max_bytes is None:
            return 0
        return max(0, self.bytes_used - self.max_bytes)

    @property
    def fits(self) -> bool:
        """Within every limit of the network."""
        return self.over_by == 0 and self.bytes_over_by == 0


def count(text: str, rules: TextRules) -> TextCount:
    """Measure `text` with a network's rules."""
    used = grapheme_count(_countable(text, rules))
    if rules.max_bytes is None:
        return TextCount(used=used, limit=rules.max_graphemes)
    size = len(text.encode("utf-8", "surrogatepass"))
    return TextCount(used=used, limit=rules.max_graphemes, bytes_used=size,
                     max_bytes=rules.max_bytes)


def grapheme_count(text: str) -> int:
    """Characters as a reader sees them (extended grapheme clusters)."""
    return sum(1 for _ in _GRAPHEME.finditer(text))


def rules_for(network: Network, stored: Mapping[str, object] | None) -> TextRules | None:
    """The rules of an account, from its stored capabilities (the "text_rules" key written by
    app.services.accounts); the network's defaults for anything missing or unusable. None for
    a feed, which is never posted to."""
    if network is Network.FEED:
        return None
    rules = MASTODON_DEFAULT if network is Network.MASTODON else BLUESKY
    kept = stored.get("text_rules") if isinstance(stored, Mapping) else None
    if not isinstance(kept, Mapping):
        return rules
    changes: dict[str, object] = {}
    for field in fields(TextRules):
        if field.name not in kept:
            continue
        value = kept[field.name]
        if field.name == "mentions_count_local_part":
            if isinstance(value, bool):
                changes[field.name] = value
        elif field.name == "max_graphemes":
            if _is_int(value, 1):
                changes[field.name] = value
        elif value is None or _is_int(value, 0 if field.name == "url_weight" else 1):
            changes[field.name] = value
    return replace(rules, **changes)  # type: ignore[arg-type]  # each value checked above


def _is_int(value: object, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and least <= value <= 1_000_000


def _countable(text: str, rules: TextRules) -> str:
    """The text as the network measures it: URLs as placeholders, remote mentions shortened."""
    if rules.url_weight is None and not rules.mentions_count_local_part:
        return text
    entities: list[tuple[int, int, str]] = []
    if rules.url_weight is not None:
        placeholder = "x" * rules.url_weight
        entities += [(m.start(), m.end(), placeholder) for m in _MASTODON_URL.finditer(text)]
    if rules.mentions_count_local_part:
        entities += [(m.start(), m.end(), f"@{m[1]}") for m in _MASTODON_MENTION.finditer(text)
                     if m[2]]
    entities.sort()
    parts: list[str] = []
    position = 0
    for start, end, replacement in entities:
        if start < position:
            continue  # overlaps a URL or mention already rewritten
        parts += [text[position:start], replacement]
        position = end
    parts.append(text[position:])
    return "".join(parts)
