"""Links, @mentions and #hashtags in a post's text, at the UTF-8 byte offsets Bluesky facets use.

Bluesky does not link anything itself: a post carries facets, each a byte range of the text
(start inclusive, end exclusive) with what it means. This module only finds the ranges; turning
a mention's handle into a DID needs the network (app.networks.bluesky).

The rules are those of the reference TypeScript SDK (@atproto/api rich-text detection):

- a mention is "@" + a handle, after the start, whitespace or "("; the handle must look like a
  domain name (".test" handles of development networks count too);
- a tag starts with "#" or the full-width "＃" after the start or whitespace, has at least one
  character that is not a digit or punctuation, loses trailing punctuation, and is at most
  64 graphemes (and 640 bytes, the lexicon's other bound);
- a link starts with http:// or https://, runs to the next whitespace and loses a trailing
  ".,;:!?" and an unmatched ")".

Whitespace is JavaScript's (which includes the ideographic space U+3000), not Python's.

Three changes for text written in Japanese, where the reference rules give broken facets:
Japanese and full-width punctuation (、。「」（）！？ and the like) ends a link or a tag and may
stand before a mention or a tag, as whitespace does; a link may follow any character but an
ASCII letter or digit, "@", "#" or "$" (詳細はhttps://… is linked, as Mastodon links it); and
a link loses every trailing ".,;:!?", quote and unmatched ")" or "]", not just one. Also,
"HTTPS://" counts as a scheme
and a handle's top-level domain is checked by shape, not against a list. Links without a scheme
(example.com) are not detected: telling a domain from "file.txt" needs the list of top-level
domains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

from app.core.textcount import grapheme_count

SpanKind = Literal["link", "mention", "tag"]

MAX_TAG_GRAPHEMES = 64
MAX_TAG_BYTES = 640
MAX_HANDLE_CHARS = 253

# JavaScript's \s, which the reference rules are written in.
_SPACE = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# Ideographic and full-width punctuation: 、。〃 〈〉《》「」『』【】 〔〕〖〗〘〙〚〛〜〝〞〟
# ！＂＃＄％＆＇（）＊＋，－．／ ：；＜＝＞？＠ ［＼］＾＿｀ ｛｜｝～｟｠｡｢｣､･
_CJK_PUNCT = (r"\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20"
              r"\uff3b-\uff40\uff5b-\uff65")
# Soft hyphen, word joiner, zero-width spaces and joiners: never part of a tag.
_INVISIBLE = r"\u00ad\u2060\u200a\u200b\u200c\u200d\u20e2"

_MENTION = regex.compile(
    rf"(?<![^{_SPACE}({_CJK_PUNCT}])@([a-zA-Z0-9.-]+)"
    # JavaScript's \b (ASCII word characters) after the handle, with its backtracking.
    r"(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))")
_LINK = regex.compile(rf"(?<![A-Za-z0-9@＠$#＃])https?://[^{_SPACE}{_CJK_PUNCT}]+",
                      regex.IGNORECASE)
_TAG = regex.compile(
    rf"(?<![^{_SPACE}{_CJK_PUNCT}])[#＃]"
    rf"((?!\ufe0f)[^{_SPACE}{_INVISIBLE}{_CJK_PUNCT}]*"
    rf"[^0-9{_SPACE}\p{{P}}{_INVISIBLE}{_CJK_PUNCT}]+"
    rf"[^{_SPACE}{_INVISIBLE}{_CJK_PUNCT}]*)")
_TRAILING_PUNCT = regex.compile(r"\p{P}+$")
_HANDLE = regex.compile(r"(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+"
                        r"[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?")
# Top-level domains the handle specification refuses (".test" is kept for development networks).
_REFUSED_TLDS = frozenset({"alt", "arpa", "example", "internal", "invalid", "local", "localhost",
                           "onion"})
_LINK_TRAILING = ".,;:!?\"'"


@dataclass(frozen=True, slots=True)
class Span:
    """One link, mention or tag: a UTF-8 byte range of the text and what it stands for.

    `value` is the full URL of a link, the handle of a mention (without "@"), the tag of a
    hashtag (without "#" or "＃")."""

    byte_start: int
    byte_end: int
    kind: SpanKind
    value: str


def detect(text: str) -> list[Span]:
    """Every link, mention and tag in `text`, in order, none overlapping another."""
    found: list[tuple[int, int, SpanKind, str]] = []  # character offsets
    for match in _MENTION.finditer(text):
        if is_handle(match[1]):
            found.append((match.start(), match.end(), "mention", match[1]))
    for match in _LINK.finditer(text):
        uri = _trim_link(match[0])
        if "://" in uri and uri.split("://", 1)[1][:1] not in ("", "/", "?", "#"):
            found.append((match.start(), match.start() + len(uri), "link", uri))
    for match in _TAG.finditer(text):
        tag = _TRAILING_PUNCT.sub("", match[1])
        if tag and grapheme_count(tag) <= MAX_TAG_GRAPHEMES \
                and len(tag.encode("utf-8", "surrogatepass")) <= MAX_TAG_BYTES:
            found.append((match.start(), match.start() + 1 + len(tag), "tag", tag))
    found.sort(key=lambda item: (item[0], -item[1]))
    spans: list[Span] = []
    end = 0
    for start, stop, kind, value in found:
        if start < end:
            continue  # overlaps the span before it: facets must not overlap
        spans.append(Span(_bytes(text, start), _bytes(text, stop), kind, value))
        end = stop
    return spans


def is_handle(handle: str) -> bool:
    """Whether `handle` is shaped like a Bluesky handle (a domain name of two labels or more)."""
    if len(handle) > MAX_HANDLE_CHARS or not _HANDLE.fullmatch(handle):
        return False
    return handle.rsplit(".", 1)[1].lower() not in _REFUSED_TLDS


def _trim_link(uri: str) -> str:
    """Without trailing punctuation, nor a closing bracket that opens nowhere in the link."""
    while uri:
        last = uri[-1]
        unmatched = (last == ")" and uri.count("(") < uri.count(")")) or (
            last == "]" and uri.count("[") < uri.count("]"))
        if last not in _LINK_TRAILING and not unmatched:
            break
        uri = uri[:-1]
    return uri


def _bytes(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))
