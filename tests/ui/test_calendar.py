"""The Calendar screen over a real workspace and the real posts service (the networks stood in
for by tests/planned_posts.py): planning a post by clicking a day or an hour, dragging posts to
reschedule them (on the server too), the post's menu, days too full to show every post, the
locale's first day of the week, and a move into the night the clocks skip."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from planned_posts import Shop, open_shop
from PySide6.QtCore import QLocale, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.core.localtime import LocalTimeProblem, NonexistentTime
from app.core.model import Network, OutboxState
from app.credentials import Credentials
from app.services.post_targets import post_targets
from app.services.workspace import Workspace
from app.ui.screens.calendar import CalendarScreen
from app.ui.tasks import Tasks
from app.ui.widgets.post_chips import MIME_TYPE, post_id_from

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 18, 10, 0, tzinfo=BERLIN)  # a Wednesday, before the clocks go forward


# --- Helpers ----------------------------------------------------------------------------------


@pytest.fixture
def shop(workspace: Workspace, credentials: Credentials) -> Shop:
    return open_shop(workspace, credentials, NOW.astimezone(UTC))


@pytest.fixture
def make_screen(qtbot, shop: Shop) -> Callable[..., CalendarScreen]:
    def make(zone=BERLIN, **options) -> CalendarScreen:
        screen = CalendarScreen(lambda: shop.posts, Tasks(inline=True),
                                targets=lambda: post_targets(shop.workspace.sessions),
                                zone=zone, clock=shop.clock, **options)
        qtbot.addWidget(screen)
        screen.resize(1100, 720)
        screen.show()
        qtbot.waitExposed(screen)
        return screen

    return make


@pytest.fixture
def locale() -> Iterator[Callable[[str], None]]:
    default = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(default)


def berlin(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def local(moment: datetime | None) -> datetime | None:
    return moment.astimezone(BERLIN).replace(tzinfo=None) if moment is not None else None


def empty_spot(rect) -> QPoint:
    """Inside a day or an hour but below any chip: its lower right corner."""
    return rect.bottomRight() - QPoint(6, 6)


def drop(view: QWidget, post_id: int, where: QPoint) -> None:
    """What a drag delivers to the view it ends on: enter, move, then drop, at `where`."""
    target = view.viewport() if hasattr(view, "viewport") else view
    mime = QMimeData()
    mime.setData(MIME_TYPE, str(post_id).encode())
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    action = Qt.DropAction.MoveAction
    for kind in (QDragEnterEvent, QDragMoveEvent):
        event = _drag_event(kind, where, action, mime, buttons, keys)
        QApplication.sendEvent(target, event)
        assert event.isAccepted()
    QApplication.sendEvent(target, _drag_event(QDropEvent, where, action, mime, buttons, keys))


def _drag_event(kind: type, where: QPoint, *args: object) -> QDropEvent:
    """The drag events take a QPoint or a QPointF, depending on the PySide6 version."""
    try:
        return kind(QPointF(where), *args)
    except TypeError:
        return kind(where, *args)


@pytest.fixture
def drags(monkeypatch) -> list[tuple[int, QDrag]]:
    """Drags started by the views: the post each carries. Offscreen Qt has no drag loop, so the
    test finishes the drag itself (see drop)."""
    started: list[tuple[int, QDrag]] = []

    def record(drag: QDrag, *_args) -> Qt.DropAction:
        started.append((post_id_from(drag.mimeData()), drag))
        return Qt.DropAction.MoveAction

    monkeypatch.setattr(QDrag, "exec", record)
    return started


def press_and_move(qtbot, widget: QWidget, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(widget, pos=start + QPoint(3, 0))
    qtbot.mouseMove(widget, pos=end)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


# --- The first day of the week comes from the locale -------------------------------------------


def test_a_japanese_locale_starts_the_week_on_sunday(make_screen, locale) -> None:
    locale("ja_JP")
    screen = make_screen()
    assert screen.month.first_day == date(2026, 3, 1)  # March 1st 2026 is a Sunday
    assert screen.month.first_day.isoweekday() == 7
    assert screen.month._names[0] == "日"
    screen.set_mode(CalendarScreen.WEEK)
    assert screen.week.first_day == date(2026, 3, 15)


def test_a_german_locale_starts_the_week_on_monday(make_screen, locale) -> None:
    locale("de_DE")
    screen = make_screen()
    assert screen.month.first_day == date(2026, 2, 23)
    assert screen.month.first_day.isoweekday() == 1
    assert screen.month._names[0] == "Mo."
    screen.set_mode(CalendarScreen.WEEK)
    assert screen.week.first_day == date(2026, 3, 16)
    assert "Week 12" in screen.title.text()  # ISO 8601 numbering


# --- Planning by clicking a slot ----------------------------------------------------------------


def test_clicking_an_empty_day_plans_a_post_at_ten_that_day(qtbot, make_screen, shop) -> None:
    screen = make_screen()
    day = date(2026, 3, 24)
    qtbot.mouseClick(screen.month, Qt.MouseButton.LeftButton,
                     pos=empty_spot(screen.month.cell_rect(day)))
    editor = screen.editor
    assert editor is not None and editor.isVisible()
    assert editor.local_time() == datetime(2026, 3, 24, 10, 0)
    assert editor.schedule_button.text() == "&Schedule"
    editor.target_boxes[shop.bluesky.id].setChecked(True)
    editor.text.setPlainText("Spring menu from Tuesday!")
    editor.schedule_button.click()

    assert screen.editor is None
    [chip] = screen.chips
    assert chip.local == berlin(24, 10) and chip.state is OutboxState.QUEUED
    assert screen.month.shown_chips(day) == [chip.id]
    record = shop.posts.get(chip.id)
    assert record.scheduled_at == berlin(24, 10)  # 09:00 UTC: Berlin is still on winter time
    assert record.zone == "Europe/Berlin"


def test_clicking_an_empty_hour_in_the_week_plans_a_post_at_that_hour(qtbot, make_screen,
                                                                      shop) -> None:
    screen = make_screen()
    screen.set_mode(CalendarScreen.WEEK)
    moment = datetime(2026, 3, 20, 15, 0)
    screen.week.scroll_to_hour(12)
    qtbot.mouseClick(screen.week.viewport(), Qt.MouseButton.LeftButton,
                     pos=empty_spot(screen.week.slot_rect(moment)))
    editor = screen.editor
    assert editor is not None
    assert editor.local_time() == moment
    editor.target_boxes[shop.mastodon.id].setChecked(True)
    editor.text.setPlainText("Friday treats")
    editor.schedule_button.click()
    [chip] = screen.chips
    assert chip.local == berlin(20, 15)
    # More than 5 minutes ahead on Mastodon: the server holds it, so it goes out with the
    # computer off.
    assert chip.state is OutboxState.SCHEDULED
    assert [text for _account, text, _at in shop.networks.held.values()] == ["Friday treats"]


def test_a_click_on_a_post_selects_it_and_plans_nothing(qtbot, make_screen, shop) -> None:
    post = shop.posts.create("Hello", [shop.bluesky.id], berlin(24, 10))
    screen = make_screen()
    qtbot.mouseClick(screen.month, Qt.MouseButton.LeftButton,
                     pos=screen.month.chip_rect(post.id).center())
    assert screen.editor is None
    assert screen.month.selected == post.id


def test_double_clicking_a_post_opens_it_in_the_editor(qtbot, make_screen, shop) -> None:
    post = shop.posts.create("Hello", [shop.bluesky.id], berlin(24, 10))
    screen = make_screen()
    qtbot.mouseDClick(screen.month, Qt.MouseButton.LeftButton,
                      pos=screen.month.chip_rect(post.id).center())
    editor = screen.editor
    assert editor is not None
    assert editor.windowTitle() == "Edit Post"
    assert editor.text.toPlainText() == "Hello"
    assert editor.chosen_accounts() == [shop.bluesky.id]
    assert editor.local_time() == datetime(2026, 3, 24, 10, 0)


# --- Dragging to reschedule -----------------------------------------------------------------------


def test_dragging_a_post_to_another_day_keeps_its_time(qtbot, make_screen, shop, drags) -> None:
    post = shop.posts.create("Weekend bread", [shop.bluesky.id], berlin(20, 9, 45))
    screen = make_screen()
    start = screen.month.chip_rect(post.id).center()
    target = empty_spot(screen.month.cell_rect(date(2026, 3, 26)))
    press_and_move(qtbot, screen.month, start, target)
    [(carried, _drag)] = drags
    assert carried == post.id

    drop(screen.month, carried, target)
    assert shop.posts.get(post.id).scheduled_at == berlin(26, 9, 45)
    assert screen.month.shown_chips(date(2026, 3, 26)) == [post.id]
    assert screen.month.shown_chips(date(2026, 3, 20)) == []
    assert screen.chip(post.id).state is OutboxState.QUEUED


def test_dragging_a_server_held_post_moves_it_on_the_server(make_screen, shop) -> None:
    post = shop.posts.create("Held by Mastodon", [shop.mastodon.id], berlin(20, 9))
    assert post.state is OutboxState.SCHEDULED
    screen = make_screen()
    drop(screen.month, post.id, empty_spot(screen.month.cell_rect(date(2026, 3, 21))))
    [(_account, text, at)] = shop.networks.held.values()
    assert (text, at) == ("Held by Mastodon", berlin(21, 9))
    assert screen.chip(post.id).state is OutboxState.SCHEDULED


def test_dragging_in_the_week_moves_a_post_to_the_hour_keeping_its_minutes(make_screen,
                                                                           shop) -> None:
    post = shop.posts.create("Lunch special", [shop.bluesky.id], berlin(19, 11, 30))
    screen = make_screen()
    screen.set_mode(CalendarScreen.WEEK)
    screen.week.scroll_to_hour(10)
    drop(screen.week, post.id, empty_spot(screen.week.slot_rect(datetime(2026, 3, 21, 15))))
    assert shop.posts.get(post.id).scheduled_at == berlin(21, 15, 30)
    assert screen.chip(post.id).local == berlin(21, 15, 30)


def test_a_published_post_is_not_dragged(qtbot, make_screen, shop, drags) -> None:
    post = shop.posts.create("Out already", [shop.bluesky.id], NOW)
    assert post.state is OutboxState.SENT
    screen = make_screen()
    start = screen.month.chip_rect(post.id).center()
    press_and_move(qtbot, screen.month, start,
                   empty_spot(screen.month.cell_rect(date(2026, 3, 25))))
    assert drags == []
    assert shop.posts.get(post.id).scheduled_at == NOW


def test_a_move_into_the_past_goes_back_and_says_why(make_screen, shop) -> None:
    post = shop.posts.create("Tomorrow", [shop.bluesky.id], berlin(19, 9))
    screen = make_screen()
    drop(screen.month, post.id, empty_spot(screen.month.cell_rect(date(2026, 3, 10))))
    assert screen.error.isVisible()
    assert screen.error.text() == ("That time has already passed. Choose a later time, or post "
                                   "it now.")
    assert shop.posts.get(post.id).scheduled_at == berlin(19, 9)
    assert screen.month.shown_chips(date(2026, 3, 19)) == [post.id]


def test_a_move_to_a_time_the_clocks_skip_asks_which_one(make_screen, shop) -> None:
    """Europe/Berlin has no 02:30 on 29 March 2026: the owner picks, nothing shifts silently."""
    post = shop.posts.create("Early bird", [shop.bluesky.id], berlin(27, 2, 30))
    asked: list[LocalTimeProblem] = []

    def choose(problem: LocalTimeProblem) -> datetime:
        asked.append(problem)
        return problem.candidates[1]  # 03:30, summer time

    screen = make_screen(choose=choose)
    drop(screen.month, post.id, empty_spot(screen.month.cell_rect(date(2026, 3, 29))))
    [problem] = asked
    assert isinstance(problem, NonexistentTime)
    assert problem.local == datetime(2026, 3, 29, 2, 30)
    assert shop.posts.get(post.id).scheduled_at == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert screen.chip(post.id).local.replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)


def test_choosing_neither_time_leaves_the_post_where_it_was(make_screen, shop) -> None:
    post = shop.posts.create("Early bird", [shop.bluesky.id], berlin(27, 2, 30))
    screen = make_screen(choose=lambda _problem: None)
    drop(screen.month, post.id, empty_spot(screen.month.cell_rect(date(2026, 3, 29))))
    assert shop.posts.get(post.id).scheduled_at == berlin(27, 2, 30)
    assert not screen.error.isVisible()


# --- The post's menu ------------------------------------------------------------------------------


def menu_actions(screen: CalendarScreen, post_id: int) -> dict[str, object]:
    menu = screen.menu_for(post_id)
    return {action.text(): action for action in menu.actions() if not action.isSeparator()}


def test_the_menu_offers_edit_duplicate_post_now_and_delete(make_screen, shop) -> None:
    post = shop.posts.create("Hello", [shop.bluesky.id], berlin(24, 10))
    screen = make_screen()
    assert list(menu_actions(screen, post.id)) == ["&Edit…", "D&uplicate", "Post &Now",
                                                   "&Delete…"]


def test_right_clicking_a_post_opens_its_menu(qtbot, make_screen, shop, monkeypatch) -> None:
    post = shop.posts.create("Hello", [shop.bluesky.id], berlin(24, 10))
    screen = make_screen()
    shown: list[int] = []
    monkeypatch.setattr(screen, "menu_for", lambda post_id: shown.append(post_id) or _NoMenu())
    spot = screen.month.chip_rect(post.id).center()
    QApplication.sendEvent(screen.month, _context_menu_event(spot, screen.month))
    assert shown == [post.id]


class _NoMenu:
    def exec(self, _where) -> None:
        pass

    def deleteLater(self) -> None:
        pass


def _context_menu_event(spot: QPoint, widget: QWidget):
    from PySide6.QtGui import QContextMenuEvent

    return QContextMenuEvent(QContextMenuEvent.Reason.Mouse, spot, widget.mapToGlobal(spot))


def test_edit_from_the_menu_opens_the_post(make_screen, shop) -> None:
    post = shop.posts.create("Hello", [shop.bluesky.id], berlin(24, 10))
    screen = make_screen()
    menu_actions(screen, post.id)["&Edit…"].trigger()
    assert screen.editor is not None
    assert screen.editor.text.toPlainText() == "Hello"


def test_duplicate_makes_a_draft_copy_beside_it(make_screen, shop) -> None:
    post = shop.posts.create("Hello", [shop.bluesky.id, shop.mastodon.id], berlin(24, 10))
    screen = make_screen()
    menu_actions(screen, post.id)["D&uplicate"].trigger()
    assert len(screen.chips) == 2
    copy = next(c for c in screen.chips if c.id != post.id)
    assert copy.state is OutboxState.DRAFT
    assert copy.local == berlin(24, 10)
    assert copy.networks == (Network.MASTODON, Network.BLUESKY)


def test_post_now_publishes_it_at_once(make_screen, shop) -> None:
    post = shop.posts.create("Doors open!", [shop.bluesky.id], berlin(24, 10))
    screen = make_screen()
    changed: list[bool] = []
    screen.postsChanged.connect(lambda: changed.append(True))
    menu_actions(screen, post.id)["Post &Now"].trigger()
    assert shop.networks.published == [(shop.bluesky.id, "Doors open!")]
    assert screen.chip(post.id).state is OutboxState.SENT
    assert changed == [True]  # the outbox runner looks again


def test_delete_asks_first_then_removes_it_from_the_server_too(make_screen, shop,
                                                               monkeypatch) -> None:
    post = shop.posts.create("Held", [shop.mastodon.id], berlin(24, 10))
    assert shop.networks.held
    screen = make_screen()
    answers = [False, True]
    asked: list[str] = []

    def ask(chip) -> bool:
        asked.append(chip.first_line)
        return answers.pop(0)

    monkeypatch.setattr(screen, "ask_delete", ask)
    menu_actions(screen, post.id)["&Delete…"].trigger()
    assert [c.id for c in screen.chips] == [post.id]  # "Cancel": still there
    menu_actions(screen, post.id)["&Delete…"].trigger()
    assert asked == ["Held", "Held"]
    assert screen.chips == []
    assert shop.networks.held == {}


def test_a_published_post_offers_view_and_no_post_now(make_screen, shop) -> None:
    post = shop.posts.create("Out already", [shop.bluesky.id], NOW)
    screen = make_screen()
    actions = menu_actions(screen, post.id)
    assert "View…" in actions
    assert not actions["Post &Now"].isEnabled()


# --- Full days, navigation, the empty calendar ------------------------------------------------


def test_a_full_day_shows_plus_n_more_which_opens_its_week(qtbot, make_screen, shop) -> None:
    for minute in range(0, 60, 5):
        shop.posts.create(f"Post at {minute}", [shop.bluesky.id], berlin(25, 12, minute))
    screen = make_screen()
    day = date(2026, 3, 25)
    shown, hidden = screen.month.shown_chips(day), screen.month.hidden_count(day)
    assert shown and hidden and len(shown) + hidden == 12
    qtbot.mouseClick(screen.month, Qt.MouseButton.LeftButton,
                     pos=screen.month.more_rect(day).center())
    assert screen.mode == CalendarScreen.WEEK
    assert screen.week.first_day <= day <= screen.week.last_day
    assert screen.week.hidden_count(datetime(2026, 3, 25, 12)) == 12 - 1  # one chip, "+11 more"
    assert screen.editor is None


def test_previous_today_and_next_move_by_month_and_by_week(make_screen) -> None:
    screen = make_screen()
    assert screen.title.text() == "March 2026"
    screen.next_button.click()
    assert screen.title.text() == "April 2026"
    screen.previous_button.click()
    screen.previous_button.click()
    assert screen.title.text() == "February 2026"
    screen.today_button.click()
    assert screen.title.text() == "March 2026"
    screen.week_button.click()
    assert screen.mode == CalendarScreen.WEEK
    first = screen.week.first_day
    screen.next_button.click()
    assert screen.week.first_day == first + timedelta(days=7)


def test_posts_of_the_neighbouring_months_show_in_the_grid_too(make_screen, shop) -> None:
    early_april = shop.posts.create("April", [shop.bluesky.id], berlin(2, 10, month=4))
    screen = make_screen()
    assert screen.month.last_day >= date(2026, 4, 2)
    assert screen.month.shown_chips(date(2026, 4, 2)) == [early_april.id]


def test_an_empty_workspace_explains_how_to_start(qtbot, workspace, make_screen) -> None:
    from app.storage.models import Account

    with workspace.sessions.begin() as session:
        session.query(Account).delete()
    screen = make_screen()
    assert screen.pages.currentWidget() is screen.empty_state
    assert screen.empty_state.title.text() == "No planned posts yet"
    assert "Accounts screen" in screen.empty_state.text.text()


def test_a_day_planned_with_no_account_able_to_post_says_so(make_screen, workspace) -> None:
    from app.core.model import AccountState
    from app.storage.models import Account

    with workspace.sessions.begin() as session:
        for account in session.query(Account):
            if account.network != "feed":
                account.state = AccountState.NEEDS_RECONNECT.value
    screen = make_screen()
    screen.create_at(datetime(2026, 3, 24, 10))
    assert screen.editor is None
    assert "connect a Mastodon or Bluesky account" in screen.error.text()


def test_today_is_marked_in_the_owners_zone(make_screen, shop) -> None:
    # 23:30 UTC on the 18th is already the 19th in Tokyo.
    shop.clock.now = datetime(2026, 3, 18, 23, 30, tzinfo=UTC)
    screen = make_screen(zone=ZoneInfo("Asia/Tokyo"))
    assert screen.today() == date(2026, 3, 19)
    assert screen.month._today == date(2026, 3, 19)
    screen.set_mode(CalendarScreen.WEEK)
    assert screen.week._now == datetime(2026, 3, 19, 8, 30)


def test_the_week_opens_where_its_posts_are(make_screen, shop) -> None:
    shop.posts.create("Evening", [shop.bluesky.id], berlin(19, 20))
    screen = make_screen()
    screen.show_week_of(date(2026, 3, 19))
    assert screen.week.verticalScrollBar().value() > 0
    assert screen.week.first_hour_with_posts() == 20


def test_the_legend_names_every_state(make_screen) -> None:
    screen = make_screen()
    words = [label.text() for label in screen.legend.findChildren(type(screen.title))]
    for text in ("Draft", "Scheduled in the app", "Scheduled on the server", "Published",
                 "Failed", "Missed", "Times in Europe/Berlin"):
        assert text in words


def test_stale_answers_never_overwrite_a_newer_month(make_screen, shop) -> None:
    shop.posts.create("March", [shop.bluesky.id], berlin(24, 10))
    screen = make_screen()
    screen._on_loaded(screen._generation - 1, [])  # an old answer arrives late
    assert len(screen.chips) == 1


def test_times_of_day_are_kept_when_moving_across_the_clock_change(make_screen, shop) -> None:
    """10:00 winter time moved to a summer day is 10:00 there, not 11:00."""
    post = shop.posts.create("Ten o'clock", [shop.bluesky.id], berlin(27, 10))
    screen = make_screen()
    drop(screen.month, post.id, empty_spot(screen.month.cell_rect(date(2026, 3, 30))))
    moved = shop.posts.get(post.id).scheduled_at
    assert local(moved) == datetime(2026, 3, 30, 10, 0)
    assert moved == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)


def test_the_calendar_is_built_by_the_main_window_on_first_visit(qtbot, workspace) -> None:
    from app.services.preferences import PreferencesService
    from app.ui.main_window import Context, MainWindow

    context = Context(workspace, Tasks(inline=True), PreferencesService(workspace.sessions).load())
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show_screen(MainWindow.CALENDAR)
    assert isinstance(window.stack.currentWidget(), CalendarScreen)
    assert window.calendar_screen is window.stack.currentWidget()
