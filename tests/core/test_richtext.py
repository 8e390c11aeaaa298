"""Finding links, mentions and hashtags for Bluesky facets, at UTF-8 byte offsets.

The expectations marked "reference" are what the reference TypeScript SDK (@atproto/api
RichText.detectFacetsWithoutResolution) gives for the same text; the others are where this app
deliberately does better for Japanese text (see app/core/richtext.py)."""

from __future__ import annotations

import itertools

import pytest

from app.core.richtext import Span, detect, is_handle

EXAMPLE = ("ご注文ありがとうございます！ @shop.example.com "
           "詳細は https://shop.example.com/faq #手作り")


def found(text: str) -> list[tuple[str, str, str]]:
    """(kind, value, the bytes the span covers) for every span: offsets checked on the bytes."""
    data = text.encode()
    return [(s.kind, s.value, data[s.byte_start:s.byte_end].decode()) for s in detect(text)]


def test_the_reference_example_has_its_three_facets_at_their_byte_offsets() -> None:
    assert detect(EXAMPLE) == [
        Span(43, 60, "mention", "shop.example.com"),
        Span(71, 99, "link", "https://shop.example.com/faq"),
        Span(100, 110, "tag", "手作り"),
    ]
    data = EXAMPLE.encode()
    assert data[43:60].decode() == "@shop.example.com"
    assert data[71:99].decode() == "https://shop.example.com/faq"
    assert data[100:110].decode() == "#手作り"
    assert EXAMPLE.index("@") != 43  # character offsets would be wrong: "ご" is 3 bytes


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # reference
        ("@alice.bsky.social hello", [("mention", "alice.bsky.social", "@alice.bsky.social")]),
        ("hi @alice.bsky.social.", [("mention", "alice.bsky.social", "@alice.bsky.social")]),
        ("(@bob.test) ok", [("mention", "bob.test", "@bob.test")]),
        ("email info@shop.com", []),
        ("@nodot hello", []),
        ("@shop.example hi", []),  # .example is no top-level domain
        ("ありがとう@shop.bsky.social", []),  # no space before "@": not a mention
        ("@x.test@y.test", [("mention", "x.test", "@x.test")]),
        # this app: Japanese punctuation stands where a space would
        ("（@shop.bsky.social）さん", [("mention", "shop.bsky.social", "@shop.bsky.social")]),
        ("、@shop.bsky.social", [("mention", "shop.bsky.social", "@shop.bsky.social")]),
        ("@a..b.test", []),  # not a handle (the reference takes it and fails to resolve it)
    ],
)
def test_mentions(text: str, spans: list[tuple[str, str, str]]) -> None:
    assert found(text) == spans


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # reference
        ("see https://example.com/a_(b) now",
         [("link", "https://example.com/a_(b)", "https://example.com/a_(b)")]),
        ("go https://example.com/x). ok",
         [("link", "https://example.com/x", "https://example.com/x")]),
        ("https://example.com/faq!", [("link", "https://example.com/faq", "https://example.com/faq")]),
        ("line\nhttps://x.com/a\n", [("link", "https://x.com/a", "https://x.com/a")]),
        ("https://x.com/?q=1&r=2.", [("link", "https://x.com/?q=1&r=2", "https://x.com/?q=1&r=2")]),
        ("http:// x", []),
        ("example.com", []),  # no scheme: not detected (needs the list of top-level domains)
        # this app: all trailing punctuation goes, Japanese punctuation ends a link
        ("https://example.com/faq!!", [("link", "https://example.com/faq",
                                        "https://example.com/faq")]),
        ("https://shop.example.com/faq。よろしく",
         [("link", "https://shop.example.com/faq", "https://shop.example.com/faq")]),
        ("「https://x.com/a」", [("link", "https://x.com/a", "https://x.com/a")]),
        ("詳細はhttps://shop.example.com/faq",
         [("link", "https://shop.example.com/faq", "https://shop.example.com/faq")]),
        ("https://ja.wikipedia.org/wiki/パン です",
         [("link", "https://ja.wikipedia.org/wiki/パン", "https://ja.wikipedia.org/wiki/パン")]),
        ("xhttps://x.com/a", []),
    ],
)
def test_links(text: str, spans: list[tuple[str, str, str]]) -> None:
    assert found(text) == spans


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # reference
        ("#tag #123 #a1 #1a", [("tag", "tag", "#tag"), ("tag", "a1", "#a1"),
                               ("tag", "1a", "#1a")]),
        ("#タグ\u3000#全角 ＃全角タグ", [("tag", "タグ", "#タグ"), ("tag", "全角", "#全角"),
                                    ("tag", "全角タグ", "＃全角タグ")]),
        ("#tag. #tag! #tag...", [("tag", "tag", "#tag")] * 3),
        ("text #️⃣ keycap", []),
        ("#tag#two", [("tag", "tag#two", "#tag#two")]),
        ("a#notag (#notag", []),
        ("#🍞 #パン🍞", [("tag", "🍞", "#🍞"), ("tag", "パン🍞", "#パン🍞")]),
        ("#tag\u200bzw", [("tag", "tag", "#tag")]),
        ("#a-b_c #_ #-", [("tag", "a-b_c", "#a-b_c")]),
        # this app: Japanese punctuation ends a tag and may stand before one
        ("#手作り、#ギフト", [("tag", "手作り", "#手作り"), ("tag", "ギフト", "#ギフト")]),
        ("「#手作り」", [("tag", "手作り", "#手作り")]),
    ],
)
def test_tags(text: str, spans: list[tuple[str, str, str]]) -> None:
    assert found(text) == spans


def test_a_tag_is_at_most_64_graphemes() -> None:
    longest, too_long = "a" * 64, "a" * 65
    assert found(f"#{longest} #{too_long}") == [("tag", longest, f"#{longest}")]
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert len(scotland.encode()) == 28  # one grapheme: 23 of them pass the 640 bytes
    assert found(f"#{scotland * 22}") == [("tag", scotland * 22, f"#{scotland * 22}")]
    assert found(f"#{scotland * 23}") == []


def test_spans_come_in_order_and_never_overlap() -> None:
    text = "👨‍👩‍👧 @a.test #家族 https://x.com/#frag (https://x.com/@b.test) #end"
    spans = detect(text)
    assert [s.kind for s in spans] == ["mention", "tag", "link", "link", "tag"]
    assert all(a.byte_end <= b.byte_start for a, b in itertools.pairwise(spans))
    assert found(text)[0] == ("mention", "a.test", "@a.test")
    # A link inside a tag: the tag, which starts first, is kept alone.
    assert found("#パンhttps://x.com/a") == [("tag", "パンhttps://x.com/a", "#パンhttps://x.com/a")]


@pytest.mark.parametrize(
    ("handle", "valid"),
    [("shop.bsky.social", True), ("bakery1.test", True), ("a-b.example.com", True),
     ("UPPER.Test", True), ("nodot", False), ("-a.com", False), ("a-.com", False),
     ("a.1com", False), ("a.local", False), ("a.onion", False), ("a..com", False),
     ("a" * 64 + ".com", False), (("a" * 60 + ".") * 5 + "com", False)],
)
def test_handles_are_domain_names(handle: str, valid: bool) -> None:
    assert is_handle(handle) is valid
