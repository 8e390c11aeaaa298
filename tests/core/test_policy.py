"""The policy check: "never say" phrases found in a reply, at the places the owner typed them."""

from __future__ import annotations

from app.core.policy import PolicyMatch, check, phrases_in


def spans(text: str, never_say: list[str]) -> list[tuple[str, str]]:
    """What each match covers in the original text, beside the phrase that matched."""
    return [(text[m.start:m.end], m.phrase) for m in check(text, never_say)]


def test_an_english_phrase_is_found_whatever_its_case() -> None:
    text = "Sorry, but NO Refunds after a week."
    assert check(text, ["no refunds"]) == (PolicyMatch(11, 21, "no refunds"),)


def test_english_phrases_match_whole_words_only() -> None:
    assert spans("We know it was late", ["no"]) == []
    assert spans("No, it was late", ["no"]) == [("No", "no")]


def test_a_japanese_phrase_is_found_inside_a_sentence() -> None:
    text = "恐れ入りますが返金できませんのでご了承ください。"
    assert spans(text, ["返金できません"]) == [("返金できません", "返金できません")]


def test_full_width_letters_match_and_offsets_point_into_the_original() -> None:
    text = "お客様、ＮＯ　ＲＥＦＵＮＤＳです"
    [match] = check(text, ["no refunds"])
    assert (match.start, match.end) == (4, 14)
    assert text[match.start:match.end] == "ＮＯ　ＲＥＦＵＮＤＳ"


def test_half_width_katakana_matches_and_keeps_its_own_length() -> None:
    # ﾍﾝｷﾝ is four characters, ﾃﾞｷﾏｾﾝ six (the voiced mark is its own character); NFKC makes
    # them 返金-like full-width kana of other lengths, yet the span covers what was typed.
    text = "ﾍﾝｷﾝﾃﾞｷﾏｾﾝ。"
    assert spans(text, ["ヘンキンデキマセン"]) == [("ﾍﾝｷﾝﾃﾞｷﾏｾﾝ", "ヘンキンデキマセン")]


def test_a_character_that_expands_when_normalized_is_covered_whole() -> None:
    text = "㈱花森の方針です"  # ㈱ is (株) once normalized
    assert spans(text, ["株"]) == [("㈱", "株")]


def test_overlapping_phrases_are_each_reported_in_reading_order() -> None:
    text = "Calm down, there is no refund. 返金不可です"
    found = spans(text, ["refund", "no refund", "calm down", "返金不可", "返金"])
    assert found == [("Calm down", "calm down"), ("no refund", "no refund"),
                     ("refund", "refund"), ("返金不可", "返金不可"), ("返金", "返金")]
    assert phrases_in(check(text, ["refund", "no refund"])) == ("no refund", "refund")


def test_every_occurrence_is_found_and_a_phrase_may_span_a_line_break() -> None:
    text = "calm\ndown. Please calm  down."
    assert [m.start for m in check(text, ["calm down"])] == [0, 18]


def test_blank_and_repeated_phrases_find_nothing_twice() -> None:
    assert check("anything", ["", "  "]) == ()
    assert len(check("No refunds", ["no refunds", "NO REFUNDS", "ｎｏ refunds"])) == 1


def test_text_after_an_emoji_keeps_python_character_offsets() -> None:
    text = "🍞🍞 calm down"
    assert check(text, ["calm down"]) == (PolicyMatch(3, 12, "calm down"),)
