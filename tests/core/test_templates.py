"""Template bodies: variables with fallbacks, literal braces, and typos found with their place."""

from __future__ import annotations

import pytest

from app.core.templates import (
    BAD_NAME,
    EMPTY_NAME,
    KNOWN_VARIABLES,
    STRAY_CLOSE,
    UNCLOSED,
    MissingValues,
    Placeholder,
    TemplateError,
    TemplateSyntaxError,
    parse,
    render,
)

PROFILE = {"customer_name": "Aiko", "shop_name": "Hanamori", "contact_email": "hi@hanamori.jp",
           "staff_name": "Sato"}


def spans(body: str) -> list[tuple[str, str]]:
    """Each error as (code, the text it covers), which reads better than offsets."""
    return [(e.code, body[e.start:e.end]) for e in parse(body).errors]


# --- Rendering --------------------------------------------------------------------------------


def test_variables_are_filled_from_the_values() -> None:
    body = "Hi {customer_name}, this is {staff_name} from {shop_name}."
    assert render(body, PROFILE) == "Hi Aiko, this is Sato from Hanamori."


def test_fallback_is_used_when_the_value_is_missing_or_empty() -> None:
    body = "{customer_name|お客}様、ありがとうございます。"
    assert render(body, {"customer_name": "田中"}) == "田中様、ありがとうございます。"
    assert render(body, {"customer_name": ""}) == "お客様、ありがとうございます。"
    assert render(body, {}) == "お客様、ありがとうございます。"


def test_fallback_keeps_its_inner_spaces_and_may_be_empty() -> None:
    assert render("Hi {customer_name|dear customer}!", {}) == "Hi dear customer!"
    assert render("Hi{customer_name|}!", {}) == "Hi!"


def test_value_wins_over_fallback() -> None:
    assert render("{customer_name|お客様}", {"customer_name": "Kim"}) == "Kim"


def test_double_braces_are_literal_braces() -> None:
    body = "Write {{customer_name}} to greet {customer_name}; }} too."
    assert parse(body).errors == ()
    assert parse(body).variables == ("customer_name",)
    assert render(body, PROFILE) == "Write {customer_name} to greet Aiko; } too."


def test_values_are_inserted_as_they_are_never_parsed_again() -> None:
    assert render("{customer_name}", {"customer_name": "{shop_name} }{"}) == "{shop_name} }{"


def test_spaces_around_a_name_are_forgiven() -> None:
    assert render("Hi { customer_name | there }!", {}) == "Hi there!"


def test_a_variable_without_value_or_fallback_is_reported_missing() -> None:
    body = "Order {order_number} for {customer_name}: email {contact_email} ({order_number})"
    with pytest.raises(MissingValues) as caught:
        render(body, {"customer_name": "Aiko", "contact_email": ""})
    assert caught.value.names == ("order_number", "contact_email")


def test_missing_value_is_not_reported_when_every_use_has_a_fallback() -> None:
    assert render("{x|a} {x|b}", {}) == "a b"
    with pytest.raises(MissingValues) as caught:
        render("{x|a} {x}", {})
    assert caught.value.names == ("x",)


def test_malformed_body_does_not_render() -> None:
    with pytest.raises(TemplateSyntaxError) as caught:
        render("Hello {customer_name", PROFILE)
    assert [e.code for e in caught.value.errors] == [UNCLOSED]


# --- Parsing: variables -----------------------------------------------------------------------


def test_variables_are_listed_once_in_order_and_unknown_ones_picked_out() -> None:
    parsed = parse("{order_number} {customer_name} {注文番号} {order_number} {today}")
    assert parsed.errors == ()
    assert parsed.variables == ("order_number", "customer_name", "注文番号", "today")
    assert parsed.unknown() == ("order_number", "注文番号")


def test_known_variables_are_the_shop_profile_and_customer() -> None:
    assert set(KNOWN_VARIABLES) == {"customer_name", "customer_handle", "shop_name",
                                    "contact_email", "contact_phone", "staff_name", "today"}
    assert parse(" ".join(f"{{{v}}}" for v in KNOWN_VARIABLES)).unknown() == ()


def test_placeholders_carry_their_place_and_fallback() -> None:
    parsed = parse("Hi {customer_name|there}, {today}")
    assert parsed.placeholders == (Placeholder(3, 24, "customer_name", "there"),
                                   Placeholder(26, 33, "today", None))


def test_needs_names_what_the_composer_must_ask_for() -> None:
    parsed = parse("{customer_name|there} {order_number} {shop_name} {staff_name}")
    assert parsed.needs({"shop_name": "Hanamori", "staff_name": ""}) == ("order_number",
                                                                          "staff_name")


# --- Parsing: errors, with the place they cover -----------------------------------------------


def test_unclosed_brace_marks_the_brace_and_the_name_after_it() -> None:
    assert spans("Hello {customer_name, thanks!") == [(UNCLOSED, "{customer_name")]


def test_unclosed_brace_stops_at_the_next_brace_and_the_rest_still_parses() -> None:
    body = "Hi {customer_name and {shop_name}"
    assert spans(body) == [(UNCLOSED, "{customer_name")]
    assert parse(body).variables == ("shop_name",)


def test_unclosed_brace_stops_at_the_end_of_the_line() -> None:
    body = "Hi {customer_name\nSee you} soon"
    assert spans(body) == [(UNCLOSED, "{customer_name"), (STRAY_CLOSE, "}")]


def test_brace_at_the_very_end_is_unclosed() -> None:
    assert spans("Thanks {") == [(UNCLOSED, "{")]


def test_stray_closing_brace_is_marked_alone() -> None:
    body = "Thanks customer_name} and {shop_name}"
    assert spans(body) == [(STRAY_CLOSE, "}")]
    assert parse(body).errors == (TemplateError(20, 21, STRAY_CLOSE),)


def test_empty_names() -> None:
    assert spans("Hi {} and {|there} and { }") == [
        (EMPTY_NAME, "{}"), (EMPTY_NAME, "{|there}"), (EMPTY_NAME, "{ }")]


@pytest.mark.parametrize("placeholder", ["{order number}", "{customer-name}", "{1st}",
                                         "{お客様 名前}", "{a.b}"])
def test_malformed_names_cover_the_whole_placeholder(placeholder: str) -> None:
    assert spans(f"Hi {placeholder}!") == [(BAD_NAME, placeholder)]


def test_every_error_is_found_not_only_the_first() -> None:
    body = "}{} {ok} {bad name} {unclosed"
    assert [code for code, _ in spans(body)] == [STRAY_CLOSE, EMPTY_NAME, BAD_NAME, UNCLOSED]
    assert parse(body).variables == ("ok",)


def test_offsets_count_characters_in_japanese_and_emoji_text() -> None:
    body = "🍞ご注文{注文番号"
    (error,) = parse(body).errors
    assert (error.start, error.end) == (4, 9)
    assert body[error.start:error.end] == "{注文番号"


def test_plain_text_has_nothing_to_report() -> None:
    parsed = parse("ありがとうございます！")
    assert (parsed.errors, parsed.variables, parsed.unknown()) == ((), (), ())
    assert render("ありがとうございます！", {}) == "ありがとうございます！"
