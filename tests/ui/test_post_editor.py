"""The post editor over the real posts service: the composer's counters per target network, a
different text per network, accounts that cannot be ticked and why, Save as Draft, Schedule and
Post Now, a local time the clocks skip or repeat, and every refusal said in one sentence with
nothing typed lost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from planned_posts import Shop, open_shop
from PySide6.QtCore import QUrl

from app.core.localtime import AmbiguousTime, LocalTimeProblem
from app.core.model import Network, OutboxState, PostRecord
from app.credentials import Credentials
from app.networks.errors import Rejected, Unreachable
from app.services.post_targets import post_targets
from app.services.workspace import Workspace
from app.ui.dialogs.post_editor import PostEditorDialog
from app.ui.tasks import Tasks

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 18, 10, 0, tzinfo=BERLIN)


@pytest.fixture
def shop(workspace: Workspace, credentials: Credentials) -> Shop:
    return open_shop(workspace, credentials, NOW.astimezone(UTC))


@pytest.fixture
def make_editor(qtbot, shop: Shop) -> Callable[..., PostEditorDialog]:
    def make(at: datetime | None = datetime(2026, 3, 24, 10, 0), record: PostRecord | None = None,
             **options) -> PostEditorDialog:
        editor = PostEditorDialog(post_targets(shop.workspace.sessions), lambda: shop.posts,
                                  Tasks(inline=True), zone=BERLIN, at=at, record=record,
                                  clock=shop.clock, **options)
        qtbot.addWidget(editor)
        editor.show()
        return editor

    return make


def tick(editor: PostEditorDialog, *accounts) -> None:
    for account in accounts:
        editor.target_boxes[account.id].setChecked(True)


def saved_records(editor: PostEditorDialog) -> list[PostRecord]:
    records: list[PostRecord] = []
    editor.saved.connect(records.append)
    return records


# --- Counting as each network counts ------------------------------------------------------------


def test_each_ticked_network_gets_its_own_counter(make_editor, shop) -> None:
    editor = make_editor()
    editor.text.setPlainText("Fresh bread https://hanamori.example/menu/spring-2026")
    assert not any(row.isVisibleTo(editor) for row in editor.counter_rows.values())
    tick(editor, shop.mastodon)
    assert editor.counter_rows[Network.MASTODON].isVisibleTo(editor)
    assert not editor.counter_rows[Network.BLUESKY].isVisibleTo(editor)
    # Mastodon counts a link as 23 characters, Bluesky counts it whole.
    assert editor.counters[Network.MASTODON].text() == "35 / 500"
    tick(editor, shop.bluesky)
    assert editor.counters[Network.BLUESKY].text() == "53 / 300"


def test_a_text_over_one_networks_limit_says_which_and_by_how_much(make_editor, shop) -> None:
    editor = make_editor()
    tick(editor, shop.mastodon, shop.bluesky)
    editor.text.setPlainText("あ" * 310)
    assert editor.over_limit.isVisibleTo(editor)
    assert editor.over_limit.text() == "10 characters over Bluesky's limit of 300"
    assert not editor.schedule_button.isEnabled()
    assert editor.draft_button.isEnabled()  # a draft may be too long for now


def test_a_shorter_text_for_bluesky_fixes_it(make_editor, shop) -> None:
    editor = make_editor()
    tick(editor, shop.mastodon, shop.bluesky)
    long_text = "Our spring menu is here. " * 16
    editor.text.setPlainText(long_text)
    assert not editor.schedule_button.isEnabled()
    editor.variant_toggles[Network.BLUESKY].setChecked(True)
    assert editor.variants[Network.BLUESKY].toPlainText() == long_text  # a start to shorten
    editor.variants[Network.BLUESKY].setPlainText("Our spring menu is here!")
    assert editor.counters[Network.BLUESKY].text() == "24 / 300"
    assert editor.counters[Network.MASTODON].text() == f"{len(long_text)} / 500"
    assert editor.previews[Network.BLUESKY].toPlainText() == "Our spring menu is here!"
    assert editor.previews[Network.MASTODON].toPlainText() == long_text
    assert editor.schedule_button.isEnabled()
    records = saved_records(editor)
    editor.schedule_button.click()
    [record] = records
    assert record.text == long_text
    assert record.variant(Network.BLUESKY) == "Our spring menu is here!"
    assert record.variant(Network.MASTODON) == ""


def test_variant_toggles_show_only_for_networks_being_posted_to(make_editor, shop) -> None:
    editor = make_editor()
    tick(editor, shop.bluesky)
    assert editor.variant_toggles[Network.BLUESKY].isVisibleTo(editor)
    assert not editor.variant_toggles[Network.MASTODON].isVisibleTo(editor)
    assert editor.preview_frames[Network.BLUESKY].isVisibleTo(editor)
    assert "hanamori.bsky.social" in editor.preview_headers[Network.BLUESKY].text()


# --- Accounts that cannot be ticked ---------------------------------------------------------------


def test_feeds_and_accounts_needing_reconnect_are_shown_disabled_with_the_reason(make_editor,
                                                                                 shop) -> None:
    editor = make_editor()
    by_text = {box.text(): box for box in editor.target_boxes.values()}
    assert by_text["Reviews — feeds cannot be posted to"].isEnabled() is False
    assert by_text["Old Town Branch — needs reconnecting"].isEnabled() is False
    assert editor.target_boxes[shop.mastodon.id].isEnabled()
    assert editor.target_boxes[shop.bluesky.id].isEnabled()


# --- Saving ------------------------------------------------------------------------------------


def test_schedule_plans_it_at_the_local_time_chosen(make_editor, shop) -> None:
    editor = make_editor()
    tick(editor, shop.bluesky)
    editor.text.setPlainText("Tuesday!")
    records = saved_records(editor)
    editor.schedule_button.click()
    [record] = records
    assert record.scheduled_at == datetime(2026, 3, 24, 10, 0, tzinfo=BERLIN)
    assert record.state is OutboxState.QUEUED
    assert not editor.isVisible()


def test_save_as_draft_keeps_it_unscheduled(make_editor, shop) -> None:
    editor = make_editor()
    tick(editor, shop.mastodon)
    editor.text.setPlainText("Idea for later")
    records = saved_records(editor)
    editor.draft_button.click()
    [record] = records
    assert record.state is OutboxState.DRAFT
    assert shop.networks.held == {}  # nothing handed to the server


def test_a_time_already_come_offers_post_now_and_publishes(make_editor, shop) -> None:
    editor = make_editor(at=datetime(2026, 3, 18, 9, 0))
    tick(editor, shop.bluesky)
    editor.text.setPlainText("We are open!")
    assert editor.schedule_button.text() == "Post &Now"
    editor.schedule_button.click()
    assert shop.networks.published == [(shop.bluesky.id, "We are open!")]


def test_the_button_follows_the_time_field(make_editor) -> None:
    editor = make_editor()
    assert editor.schedule_button.text() == "&Schedule"
    from app.ui.post_time import to_qdatetime

    editor.when.setDateTime(to_qdatetime(datetime(2026, 3, 1, 10, 0)))
    assert editor.schedule_button.text() == "Post &Now"


def test_no_account_ticked_is_said_in_one_sentence_and_the_text_is_kept(make_editor) -> None:
    editor = make_editor()
    editor.text.setPlainText("Nobody to tell")
    editor.schedule_button.click()
    assert editor.isVisible()
    assert editor.error.text() == "Tick at least one account to post to."
    assert editor.text.toPlainText() == "Nobody to tell"


def test_an_empty_post_is_refused(make_editor, shop) -> None:
    editor = make_editor()
    tick(editor, shop.bluesky)
    editor.text.setPlainText("   ")
    editor.schedule_button.click()
    assert editor.error.text() == "The post is empty. Write something to publish."
    assert editor.isVisible()


def test_an_account_that_needs_reconnecting_since_is_named(make_editor, shop) -> None:
    from app.core.model import AccountState

    editor = make_editor()
    tick(editor, shop.bluesky)
    editor.text.setPlainText("Hello")
    shop.accounts.mark_state(shop.bluesky.id, AccountState.NEEDS_RECONNECT, "")
    editor.schedule_button.click()
    assert editor.error.text() == (
        "hanamori.bsky.social needs reconnecting before it can post: connect it again on the "
        "Accounts screen. Your post is kept.")
    assert editor.isVisible() and editor.text.toPlainText() == "Hello"


def test_a_server_that_cannot_be_reached_changes_nothing_and_says_so(make_editor, shop) -> None:
    post = shop.posts.create("Held", [shop.mastodon.id], datetime(2026, 3, 24, 10, 0,
                                                                  tzinfo=BERLIN))
    editor = make_editor(record=post)
    editor.text.setPlainText("Held, reworded")
    shop.networks.fail_with = None
    broken = shop.networks.connector_for

    def unreachable(account):
        connector = broken(account)
        connector.cancel_scheduled = lambda _remote_id: (_ for _ in ()).throw(Unreachable())
        return connector

    shop.posts._connector_for = unreachable  # the server is down while the edit is saved
    editor.schedule_button.click()
    assert editor.isVisible()
    assert editor.error.text().startswith(
        "The server of @hanamori@example.social could not make the change")
    assert editor.text.toPlainText() == "Held, reworded"
    assert shop.posts.get(post.id).text == "Held"


def test_a_refused_publish_shows_on_the_target(make_editor, shop) -> None:
    shop.networks.fail_with = Rejected()
    post = shop.posts.create("Refused", [shop.bluesky.id], NOW)
    assert post.state is OutboxState.FAILED
    editor = make_editor(record=post)
    assert editor.status.isVisibleTo(editor)
    assert "The server refused" in editor.status.text()


def test_a_published_post_links_to_its_page_and_cannot_be_changed(make_editor, shop) -> None:
    post = shop.posts.create("Out", [shop.bluesky.id], NOW)
    opened: list[str] = []
    editor = make_editor(record=post, open_url=lambda url: opened.append(url.toString()))
    assert 'href="https://example.social/@shop/1"' in editor.status.text()
    assert editor.text.isReadOnly()
    assert not editor.schedule_button.isEnabled()
    assert not editor.draft_button.isEnabled()
    editor.status.linkActivated.emit("https://example.social/@shop/1")
    assert opened == [QUrl("https://example.social/@shop/1").toString()]


def test_editing_keeps_the_targets_and_time_and_saves_the_change(make_editor, shop) -> None:
    post = shop.posts.create("First words", [shop.bluesky.id],
                             datetime(2026, 3, 24, 10, 0, tzinfo=BERLIN))
    editor = make_editor(at=None, record=post)
    assert editor.chosen_accounts() == [shop.bluesky.id]
    assert editor.local_time() == datetime(2026, 3, 24, 10, 0)
    editor.text.setPlainText("Better words")
    records = saved_records(editor)
    editor.schedule_button.click()
    [record] = records
    assert record.id == post.id and record.text == "Better words"


# --- A time the clocks skip or repeat ----------------------------------------------------------


def test_a_time_that_happens_twice_asks_which_and_uses_the_answer(make_editor, shop) -> None:
    asked: list[LocalTimeProblem] = []

    def second(problem: LocalTimeProblem) -> datetime:
        asked.append(problem)
        return problem.candidates[1]

    editor = make_editor(at=datetime(2026, 10, 25, 2, 30), choose=second)
    tick(editor, shop.bluesky)
    editor.text.setPlainText("Night owls")
    records = saved_records(editor)
    editor.schedule_button.click()
    [problem] = asked
    assert isinstance(problem, AmbiguousTime)
    [record] = records
    assert record.scheduled_at == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET


def test_no_choice_saves_nothing_and_keeps_the_dialog(make_editor, shop) -> None:
    editor = make_editor(at=datetime(2026, 3, 29, 2, 30), choose=lambda _problem: None)
    tick(editor, shop.bluesky)
    editor.text.setPlainText("Skipped hour")
    records = saved_records(editor)
    editor.schedule_button.click()
    assert records == []
    assert editor.isVisible()
    assert shop.posts.month(2026, 3, BERLIN) == []


def test_the_question_names_the_time_and_the_two_choices(qapp) -> None:
    from PySide6.QtCore import QLocale

    from app.core.localtime import to_utc
    from app.ui.post_time import choice_text, problem_text

    default = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    try:
        to_utc(datetime(2026, 3, 29, 2, 30), BERLIN)
    except LocalTimeProblem as problem:
        question, explanation = problem_text(problem)
        choices = [choice_text(c) for c in problem.candidates]
    finally:
        QLocale.setDefault(default)
    # ICU puts a narrow no-break space before AM/PM.
    question, choices = question.replace("\u202f", " "), [c.replace("\u202f", " ")
                                                          for c in choices]
    assert question == "Sunday, March 29, 2026 2:30 AM does not exist in Europe/Berlin."
    assert "clocks go forward" in explanation
    assert choices == ["1:30 AM (UTC+01:00)", "3:30 AM (UTC+02:00)"]
