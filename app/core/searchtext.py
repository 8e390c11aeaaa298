"""Text for the full-text index, and the owner's search box turned into a safe query.

SQLite's FTS5 `unicode61` tokenizer splits on spaces and punctuation, so a run of Japanese
characters would be one token and a word inside a sentence (返金 in 返金してください) could not be
found. We index such runs the way CJK analyzers do: as overlapping two-character tokens
(bigrams). A query for 返金 is then the token 返金, a longer word is the phrase of its bigrams
(届かない → "届か かな ない"), and a single character is a prefix query on the bigrams. Other
text (English, numbers) is left to unicode61 and matched by word prefix, so results appear as
the owner types.

Whatever the owner types is quoted term by term: quotes, AND, OR, NOT, `*`, `-` and brackets
are searched as text, never parsed as query syntax.

INDEX_VERSION names this scheme: entries written by one scheme can only be deleted by the same
one, so a change here needs a migration that rebuilds the index.
"""

from __future__ import annotations

import re
import unicodedata

INDEX_VERSION = 1

# Scripts written without spaces between words: Hiragana, Katakana (with the long vowel mark),
# CJK ideographs and their extensions, Hangul syllables.
_CJK = (
    "\u3005\u3007"  # 々 〇
    "\u3040-\u309f"  # Hiragana
    "\u30a0-\u30ff"  # Katakana, ー
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\U00020000-\U0003134f"  # extensions B-G
)
_RUN = re.compile(f"[{_CJK}]+")
_SPLIT = re.compile(f"([{_CJK}]+)")
_WORD_CHARS = re.compile(r"\w", re.UNICODE)

MAX_QUERY_TERMS = 8
MAX_TERM_LENGTH = 64


def _normalize(text: str) -> str:
    # NFKC folds full-width letters (ｒｅｆｕｎｄ) and half-width katakana (ﾍﾝｷﾝ) into the forms
    # people usually type, on both sides.
    return unicodedata.normalize("NFKC", text)


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _indexed(run: str) -> list[str]:
    # The run's bigrams plus its last character alone, so that every character begins some
    # token and a one-character search (a prefix query) finds it wherever it stands.
    return [*_bigrams(run), run[-1]] if len(run) > 1 else [run]


def index_text(*parts: str) -> str:
    """What the full-text index stores for a mention: its text, author name and handle."""
    pieces: list[str] = []
    for part in parts:
        normalized = _normalize(part)
        if not _RUN.search(normalized):  # no CJK run (a name, a handle, English): as it is
            if normalized:
                pieces.append(normalized)
            continue
        for i, chunk in enumerate(_SPLIT.split(normalized)):
            if not chunk:
                continue
            if i % 2:  # a CJK run
                pieces.extend(_indexed(chunk))
            else:
                pieces.append(chunk)
    return " ".join(pieces)


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def match_query(text: str) -> str | None:
    """An FTS5 MATCH expression finding mentions that contain every term typed, or None when
    nothing searchable was typed (only punctuation, say)."""
    terms: list[str] = []
    for word in _normalize(text).split()[: MAX_QUERY_TERMS * 2]:
        word = word[:MAX_TERM_LENGTH]
        for i, chunk in enumerate(_SPLIT.split(word)):
            if not chunk:
                continue
            if i % 2:  # a CJK run: its bigrams as one phrase, a lone character as a prefix
                terms.append(_quote(chunk) + "*" if len(chunk) == 1
                             else _quote(" ".join(_bigrams(chunk))))
            elif _WORD_CHARS.search(chunk):
                # Quoted, so syntax is text; unicode61 drops the punctuation inside. The
                # prefix star keeps results coming while a word is half typed.
                terms.append(_quote(chunk) + "*")
    if not terms:
        return None
    return " AND ".join(terms[:MAX_QUERY_TERMS])


def like_terms(text: str) -> list[str]:
    """The typed terms for databases without FTS5: each must appear as a substring."""
    return [w[:MAX_TERM_LENGTH] for w in _normalize(text).split()[:MAX_QUERY_TERMS]]
