"""Missed posts: a planned post whose time passed while the app was closed is never published
late on its own; the next start lists it with Post Now, Reschedule… and Discard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from planned_posts import Shop, open_shop
from PySide6.QtCore import QSettings

from app.core.model import AccountState, OutboxState, PostRecord
from app.credentials import Credentials
from app.services.posts import PostProblem
from app.services.preferences import PreferencesService
from app.services.workspace import Workspace
from app.ui.dialogs.missed_posts import MissedPostsDialog
from app.ui.dialogs.welcome import SHOWN_KEY
from app.ui.main_window import Context, MainWindow
from app.ui.tasks import Tasks

BERLIN = ZoneInfo("Europe/Berlin")
PLANNED = datetime(2026, 3, 18, 11, 0, tzinfo=BERLIN)
NEXT_START = datetime(2026, 3, 18, 14, 0, tzinfo=BERLIN)  # the app was closed meanwhile


@pytest.fixture
def shop(workspace: Workspace, credentials: Credentials) -> Shop:
    return open_shop(workspace, credentials, datetime(2026, 3, 18, 9, 0, tzinfo=UTC))


def miss(shop: Shop, text: str, accounts: list[int], at: datetime = PLANNED) -> PostRecord:
    """A post planned for `at`, then the app closed until after it."""
    shop.clock.now = datetime(2026, 3, 18, 8, 0, tzinfo=UTC)  # planned in the morning
    post = shop.posts.create(text, accounts, at)
    shop.clock.now = NEXT_START.astimezone(UTC)
    shop.outbox().reconcile()
    record = shop.posts.get(post.id)
    assert record.state is OutboxState.MISSED
    return record


@pytest.fixture
def make_dialog(qtbot, shop: Shop) -> Callable[..., MissedPostsDialog]:
    def make(**options) -> MissedPostsDialog:
        dialog = MissedPostsDialog(shop.posts.missed(), lambda: shop.posts, Tasks(inline=True),
                                   zone=BERLIN, clock=shop.clock, **options)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def test_each_missed_post_says_when_where_and_what(make_dialog, shop) -> None:
    miss(shop, "Sunday bread\nfrom 8:00", [shop.bluesky.id])
    dialog = make_dialog()
    [row] = dialog.rows.values()
    assert row.when.text().startswith("Planned for ")
    assert "11:00" in row.when.text()
    assert row.where.text() == "Not published on hanamori.bsky.social (Bluesky)"
    assert row.text.text() == "Sunday bread\nfrom 8:00"
    assert dialog.intro.text().startswith("1 planned post was not published")


def test_post_now_publishes_it_and_the_dialog_closes_when_none_is_left(make_dialog,
                                                                       shop) -> None:
    post = miss(shop, "Late but wanted", [shop.bluesky.id])
    dialog = make_dialog()
    changed: list[bool] = []
    dialog.postsChanged.connect(lambda: changed.append(True))
    dialog.rows[post.id].post_now_button.click()
    assert shop.networks.published == [(shop.bluesky.id, "Late but wanted")]
    assert shop.posts.get(post.id).state is OutboxState.SENT
    assert changed == [True]
    assert dialog.rows == {}
    assert not dialog.isVisible()


def test_reschedule_plans_it_again_at_the_time_chosen(make_dialog, shop) -> None:
    post = miss(shop, "Another day", [shop.bluesky.id])
    offered: list[datetime] = []

    def ask(record: PostRecord, initial: datetime) -> datetime:
        offered.append(initial)
        return datetime(2026, 3, 19, 9, 0)

    dialog = make_dialog(ask_time=ask)
    dialog.rows[post.id].reschedule_button.click()
    assert offered == [datetime(2026, 3, 18, 15, 0)]  # the next full hour, in Berlin
    record = shop.posts.get(post.id)
    assert record.state is OutboxState.QUEUED
    assert record.scheduled_at == datetime(2026, 3, 19, 9, 0, tzinfo=BERLIN)
    assert dialog.rows == {}


def test_reschedule_cancelled_keeps_it_missed(make_dialog, shop) -> None:
    post = miss(shop, "Undecided", [shop.bluesky.id])
    dialog = make_dialog(ask_time=lambda _record, _initial: None)
    dialog.rows[post.id].reschedule_button.click()
    assert shop.posts.get(post.id).state is OutboxState.MISSED
    assert list(dialog.rows) == [post.id]


def test_discard_asks_first_then_gives_it_up(make_dialog, shop, monkeypatch) -> None:
    kept = miss(shop, "Keep me", [shop.bluesky.id])
    gone = miss(shop, "Let me go", [shop.bluesky.id], PLANNED.replace(hour=12))
    dialog = make_dialog()
    answers = [False, True]
    monkeypatch.setattr(dialog, "ask_discard", lambda _record: answers.pop(0))
    dialog.rows[gone.id].discard_button.click()
    assert shop.posts.get(gone.id).state is OutboxState.MISSED
    dialog.rows[gone.id].discard_button.click()
    with pytest.raises(PostProblem):
        shop.posts.get(gone.id)
    assert list(dialog.rows) == [kept.id]
    assert dialog.isVisible()
    assert dialog.intro.text().startswith("1 planned post")


def test_a_refusal_stays_on_the_row_and_the_post_stays_missed(make_dialog, shop) -> None:
    post = miss(shop, "Needs an account", [shop.bluesky.id])
    shop.accounts.mark_state(shop.bluesky.id, AccountState.NEEDS_RECONNECT, "")
    dialog = make_dialog()
    row = dialog.rows[post.id]
    row.post_now_button.click()
    assert row.error.isVisibleTo(dialog)
    assert "needs reconnecting" in row.error.text()
    assert row.post_now_button.isEnabled()
    assert shop.posts.get(post.id).state is OutboxState.MISSED


def test_the_window_lists_missed_posts_at_start(qtbot, workspace, shop) -> None:
    """A post planned for 11:00, the app closed until 14:00: more than 10 minutes late, it is
    not published but put to the owner."""
    shop.clock.now = PLANNED.astimezone(UTC).replace(hour=8)
    post = shop.posts.create("While the shop was closed", [shop.bluesky.id], PLANNED)
    shop.clock.now = NEXT_START.astimezone(UTC)  # the next start
    state = QSettings(str(workspace.ui_state_path), QSettings.Format.IniFormat)
    state.setValue(SHOWN_KEY, True)
    state.sync()
    context = Context(workspace, Tasks(inline=True), PreferencesService(workspace.sessions).load())
    context._posts = shop.posts
    context._outbox = shop.outbox()
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.findChild(MissedPostsDialog) is not None, timeout=2000)
    dialog = window.findChild(MissedPostsDialog)
    assert dialog.isVisible()
    assert dialog.post_ids == [post.id]
    assert shop.networks.published == []  # never silently late
    dialog.reject()


def test_no_dialog_when_nothing_was_missed(qtbot, workspace, shop) -> None:
    shop.posts.create("Tomorrow", [shop.bluesky.id], PLANNED.replace(day=19))
    state = QSettings(str(workspace.ui_state_path), QSettings.Format.IniFormat)
    state.setValue(SHOWN_KEY, True)
    state.sync()
    context = Context(workspace, Tasks(inline=True), PreferencesService(workspace.sessions).load())
    context._posts = shop.posts
    context._outbox = shop.outbox()
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    assert window.findChild(MissedPostsDialog) is None
