"""Small facts about a reply's text that the composer and the outbox both need.

`reply_prefix`: Mastodon notifies only the people a post names, and does not add the person
being answered by itself, so a Mastodon reply starts with "@user@domain " of the author.
Bluesky links a reply to its parent through the record (the author is notified anyway) and
feeds cannot be answered at all: no prefix there.

`guess_language`: the language a reply is tagged with (Mastodon's `language`, Bluesky's
`langs`) when the owner leaves it on "auto", so readers' language filters work. It only tells
Japanese from English, the two languages the shop writes in, and says "" when unsure.
"""

from __future__ import annotations

import regex

from app.core.model import Network

_JAPANESE = regex.compile(r"[\p{Hiragana}\p{Katakana}\p{Han}ー々〆]")
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
_LATIN_WORD = regex.compile(r"\p{Latin}+")
_OTHER_LETTER = regex.compile(r"(?![\p{Latin}\p{Hiragana}\p{Katakana}\p{Han}ー々〆])\p{L}")
# What says nothing about the language: addresses, handles, hashtags.
_NOT_PROSE = regex.compile(r"https?://\S+|[@＠][\w.@-]+|[#＃]\S+", regex.IGNORECASE)


def reply_prefix(network: Network, author_handle: str, own_handle: str) -> str:
    """"@user@domain " to start a reply to `author_handle`, or "" where none is needed.

    Handles are as the connectors give them ("@user@domain" for Mastodon; a leading "@" is
    optional here). Never the shop's own handle: answering oneself (a follow-up under the
    shop's own post) names no one."""
    if network is not Network.MASTODON:
        return ""
    author = _acct(author_handle)
    if not author or author.casefold() == _acct(own_handle).casefold():
        return ""
    return f"@{author} "


def _acct(handle: str) -> str:
    acct = handle.strip().removeprefix("@")
    if not acct or any(c.isspace() or not c.isprintable() for c in acct) or acct.count("@") > 1:
        return ""
    return acct


def guess_language(text: str) -> str:
    """"ja" when the text is written in Japanese (kana or kanji carry at least as much of it as
    the Latin words do), "en" when it is Latin letters, "" when there is too little to tell or
    another script."""
    prose = _NOT_PROSE.sub(" ", text)
    japanese = len(_JAPANESE.findall(prose))
    words = _LATIN_WORD.findall(prose)
    latin = sum(len(word) for word in words)
    other = len(_OTHER_LETTER.findall(prose))
    # A kanji or kana stands for about as much as an English word does. Kanji without kana
    # beside another script (Korean with hanja) is not Japanese.
    if japanese and japanese >= len(words) and japanese >= other and (
            other == 0 or _KANA.search(prose)):
        return "ja"
    if latin >= 2 and other * 4 <= latin and japanese < len(words):
        return "en"
    return ""
