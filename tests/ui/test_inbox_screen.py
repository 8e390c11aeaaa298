"""The inbox screen over a real workspace: filters, search, keyboard triage, bulk actions, and a
reading pane that loads nothing from the network and opens links only when clicked."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.core.model import AccountState, Flag, MentionKind, ThreadPost, TriageState
from app.core.timefmt import utc_now
from app.networks.errors import Unreachable
from app.services.accounts import AccountsService
from app.services.inbox import InboxService
from app.services.workspace import Workspace
from app.storage.models import Account, Mention
from app.ui.inbox_model import InboxModel
from app.ui.screens import inbox as inbox_screen
from app.ui.screens.inbox import InboxScreen
from app.ui.tasks import Tasks

_ids = count(1)


# --- Data -------------------------------------------------------------------------------------


def add_account(workspace: Workspace, network: str = "mastodon", name: str = "",
                state: str = "ok") -> int:
    with workspace.sessions.begin() as session:
        account = Account(network=network, handle=f"shop{next(_ids)}@example.social",
                          display_name=name, state=state,
                          created_at=utc_now().replace(tzinfo=None))
        session.add(account)
        session.flush()
        return account.id


def add_mention(workspace: Workspace, account_id: int, author: str, *, waited: timedelta,
                text: str = "Hello shop", kind: str = "mention", state: str = "new",
                complaint: bool = False, question: bool = False, praise: bool = False,
                html: str = "", url: str = "") -> int:
    now = utc_now().replace(tzinfo=None)
    with workspace.sessions.begin() as session:
        mention = Mention(
            account_id=account_id, external_id=f"ext-{next(_ids)}", kind=kind,
            author_handle=f"@{author.lower()}@example.social", author_name=author, text=text,
            html=html, url=url, created_at=now - waited, received_at=now, state=state,
            is_complaint=complaint, is_question=question, is_praise=praise)
        session.add(mention)
        session.flush()
        return mention.id


def stored_state(workspace: Workspace, mention_id: int) -> tuple[str, bool, bool, bool]:
    with workspace.sessions() as session:
        row = session.execute(select(Mention.state, Mention.is_complaint, Mention.is_question,
                                     Mention.is_praise).where(Mention.id == mention_id)).one()
        return row.state, row.is_complaint, row.is_question, row.is_praise


@pytest.fixture
def shop(workspace: Workspace) -> dict[str, int]:
    """Two Mastodon accounts and a feed, with mentions of every kind, state and flag."""
    main = add_account(workspace, "mastodon", "Hanamori Bakery")
    branch = add_account(workspace, "bluesky", "Hanamori Bluesky")
    feed = add_account(workspace, "feed", "Google Alerts")
    ids = {
        "refund": add_mention(workspace, main, "Aoi", waited=timedelta(hours=30),
                              text="返金をお願いします。注文番号は HM-1 です。", complaint=True),
        "broken": add_mention(workspace, branch, "Ben", waited=timedelta(hours=2),
                              text="The bread arrived broken. Can I get a refund?",
                              complaint=True, question=True, kind="reply"),
        "hours": add_mention(workspace, main, "Chika", waited=timedelta(hours=13),
                             text="Are you open on Sunday?", question=True),
        "praise": add_mention(workspace, branch, "Dan", waited=timedelta(hours=1),
                              text="Best shokupan in Tokyo", praise=True, kind="quote"),
        "review": add_mention(workspace, feed, "Gourmet Blog", waited=timedelta(days=3),
                              text="A review of Hanamori Bakery", kind="feed_item"),
        "answered": add_mention(workspace, main, "Emi", waited=timedelta(days=2),
                                text="Thanks for the refund!", state="done"),
        "archived": add_mention(workspace, main, "Spam", waited=timedelta(days=5),
                                text="Buy followers now", state="archived"),
    }
    ids.update(main=main, branch=branch, feed=feed)
    return ids


@pytest.fixture
def make_screen(qtbot, workspace: Workspace, accounts_service: AccountsService
                ) -> Callable[..., InboxScreen]:
    def make(*, threads=None, opened: list[QUrl] | None = None,
             tasks: Tasks | None = None) -> InboxScreen:
        screen = InboxScreen(
            InboxService(workspace.sessions), tasks or Tasks(inline=True),
            accounts=lambda: accounts_service.list(include_removed=True), threads=threads,
            open_url=opened.append if opened is not None else None)
        qtbot.addWidget(screen)
        screen.resize(1100, 700)
        screen.set_account_count(len(accounts_service.list()))
        screen.reload()
        return screen

    return make


def authors(screen: InboxScreen) -> list[str]:
    model = screen.model
    return [model.index(row, InboxModel.COLUMN_FROM).data() for row in range(model.rowCount())]


def shown(qtbot, screen: InboxScreen) -> InboxScreen:
    screen.show()
    qtbot.waitExposed(screen, timeout=2000)
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen, timeout=2000)
    return screen


def choose(combo, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def select_rows(screen: InboxScreen, *rows: int) -> None:
    selection = screen.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(screen.model.index(row, 0), flags)
    selection.setCurrentIndex(screen.model.index(rows[-1], 0), flags)


# --- Filters ----------------------------------------------------------------------------------


def test_the_waiting_list_comes_first_complaints_on_top(make_screen, shop) -> None:
    screen = make_screen()
    assert authors(screen) == ["Aoi", "Ben", "Gourmet Blog", "Chika", "Dan"]
    assert screen.pages.currentWidget() is screen.table


def test_each_filter_narrows_the_list(make_screen, shop) -> None:
    screen = make_screen()
    bar = screen.filters
    choose(bar.state, "")
    assert len(authors(screen)) == 7
    choose(bar.state, TriageState.DONE.value)
    assert authors(screen) == ["Emi"]
    choose(bar.state, TriageState.ARCHIVED.value)
    assert authors(screen) == ["Spam"]

    choose(bar.state, TriageState.NEW.value)
    choose(bar.network, "bluesky")
    assert authors(screen) == ["Ben", "Dan"]
    choose(bar.network, "")
    choose(bar.kind, MentionKind.FEED_ITEM.value)
    assert authors(screen) == ["Gourmet Blog"]
    choose(bar.kind, "")
    choose(bar.flag, Flag.QUESTION.value)
    assert authors(screen) == ["Ben", "Chika"]
    choose(bar.flag, Flag.PRAISE.value)
    assert authors(screen) == ["Dan"]
    choose(bar.flag, "")
    bar.overdue.setChecked(True)  # 24 h by default: only Aoi (30 h) and the review (3 d)
    assert authors(screen) == ["Aoi", "Gourmet Blog"]


def test_the_account_list_follows_the_network_and_filters_by_account(make_screen,
                                                                       shop) -> None:
    screen = make_screen()
    bar = screen.filters
    names = [bar.account.itemText(i) for i in range(bar.account.count())]
    assert names == ["All accounts", "Hanamori Bakery", "Hanamori Bluesky", "Google Alerts"]
    choose(bar.account, shop["main"])
    assert authors(screen) == ["Aoi", "Chika"]
    choose(bar.network, "bluesky")  # the chosen account is on another network: all of these
    assert [bar.account.itemText(i) for i in range(bar.account.count())] == \
        ["All accounts", "Hanamori Bluesky"]
    assert authors(screen) == ["Ben", "Dan"]


def test_removed_accounts_stay_choosable_for_their_kept_mentions(make_screen, workspace,
                                                                 shop) -> None:
    with workspace.sessions.begin() as session:
        account = session.get(Account, shop["feed"])
        assert account is not None
        account.state = AccountState.REMOVED.value
    bar = make_screen().filters
    assert bar.account.itemText(3) == "Google Alerts (removed)"


def test_empty_views_say_why(make_screen, shop) -> None:
    screen = make_screen()
    bar = screen.filters
    choose(bar.network, "bluesky")
    bar.overdue.setChecked(True)
    assert screen.pages.currentWidget() is screen.empty
    assert screen.empty.title.text() == "Nothing is overdue"
    assert screen.empty_button.text() == "Clear Filters"

    bar.overdue.setChecked(False)
    choose(bar.kind, MentionKind.FEED_ITEM.value)
    assert screen.empty.title.text() == "No mentions match these filters"
    screen.empty_button.click()
    assert screen.pages.currentWidget() is screen.table
    assert authors(screen) == ["Aoi", "Ben", "Gourmet Blog", "Chika", "Dan"]


# --- Search -----------------------------------------------------------------------------------


def test_search_follows_typing_after_a_short_pause(qtbot, make_screen, shop) -> None:
    screen = make_screen()
    bar = screen.filters
    choose(bar.state, "")
    screen.search.setText("refund")
    assert len(authors(screen)) == 7  # not yet: the owner may still be typing
    qtbot.waitUntil(lambda: authors(screen) == ["Emi", "Ben"], timeout=2000)  # newest first


def test_search_finds_a_two_character_japanese_word(qtbot, make_screen, shop) -> None:
    screen = make_screen()
    screen.search.setText("返金")
    qtbot.waitUntil(lambda: authors(screen) == ["Aoi"], timeout=2000)


def test_search_text_that_looks_like_query_syntax_is_just_text(qtbot, make_screen,
                                                               shop) -> None:
    screen = make_screen()
    for text in ('"refund', "AND", "refund*", "-broken", "NEAR(", "'"):
        screen.search.setText(text)
        screen.reload()
        assert not screen.error.isVisible()


def test_no_match_offers_to_search_every_mention(qtbot, make_screen, shop) -> None:
    screen = make_screen()
    screen.search.setText("Thanks")
    screen.reload()  # the debounce is skipped: Enter does the same
    assert screen.pages.currentWidget() is screen.empty
    assert screen.empty.title.text() == "No mentions contain “Thanks”"
    assert screen.empty_button.isVisibleTo(screen)
    screen.empty_button.click()
    assert screen.filters.state.currentData() == ""
    assert authors(screen) == ["Emi"]


def test_ctrl_f_focuses_the_search_box_and_letters_there_are_typed(qtbot, make_screen,
                                                                    workspace, shop) -> None:
    screen = shown(qtbot, make_screen())
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.search.hasFocus()
    qtbot.keyClicks(screen.search, "je")  # J and E are shortcuts elsewhere, not here
    assert screen.search.text() == "je"
    assert stored_state(workspace, shop["refund"])[0] == "new"


# --- Keyboard triage --------------------------------------------------------------------------


def test_j_and_k_move_through_the_list_and_the_pane_follows(qtbot, make_screen, shop) -> None:
    screen = shown(qtbot, make_screen())
    assert screen.detail.pages.currentWidget() is screen.detail.placeholder
    qtbot.keyClick(screen.table, Qt.Key.Key_J)
    assert screen.current_id() == shop["refund"]
    assert screen.detail.author.text() == "Aoi"
    qtbot.keyClick(screen.table, Qt.Key.Key_J)
    qtbot.keyClick(screen.table, Qt.Key.Key_J)
    assert screen.current_id() == shop["review"]
    qtbot.keyClick(screen.table, Qt.Key.Key_K)
    assert screen.current_id() == shop["broken"]
    assert screen.detail.author.text() == "Ben"
    for _ in range(10):
        qtbot.keyClick(screen.table, Qt.Key.Key_K)
    assert screen.current_id() == shop["refund"]


def test_e_marks_done_and_the_next_mention_is_chosen(qtbot, make_screen, workspace,
                                                    shop) -> None:
    screen = shown(qtbot, make_screen())
    changed: list[list[int]] = []
    screen.mentionsChanged.connect(changed.append)
    qtbot.keyClick(screen.table, Qt.Key.Key_J)
    qtbot.keyClick(screen.table, Qt.Key.Key_J)  # Ben
    qtbot.keyClick(screen.table, Qt.Key.Key_E)
    assert stored_state(workspace, shop["broken"])[0] == "done"
    assert authors(screen) == ["Aoi", "Gourmet Blog", "Chika", "Dan"]
    assert screen.current_id() == shop["review"]  # the one that followed
    assert screen.detail.author.text() == "Gourmet Blog"
    assert changed == [[shop["broken"]]]

    # The last one done: the one above it is next.
    screen.select_row(3)
    qtbot.keyClick(screen.table, Qt.Key.Key_E)
    assert screen.current_id() == shop["hours"]


def test_enter_is_kept_for_replying(qtbot, make_screen, workspace, shop) -> None:
    # Enter opens the reply composer (tests/ui/test_composer.py); it never triages.
    screen = shown(qtbot, make_screen())
    qtbot.keyClick(screen.table, Qt.Key.Key_J)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert stored_state(workspace, shop["refund"])[0] == "new"
    assert screen.current_id() == shop["refund"]


def test_tooltips_show_the_shortcuts(make_screen) -> None:
    screen = make_screen()
    assert screen.done_action.toolTip() == "Mark the selected mentions done (E)"
    assert screen.reopen_action.toolTip().endswith("(Shift+E)")
    for action in (screen.archive_action, screen.complaint_action, screen.question_action,
                   screen.praise_action):
        assert action.toolTip().endswith(f"({action.shortcut().toString()})")


# --- Bulk actions -----------------------------------------------------------------------------


def test_bulk_done_takes_every_selected_mention_out_of_waiting(qtbot, make_screen, workspace,
                                                               shop) -> None:
    screen = shown(qtbot, make_screen())
    select_rows(screen, 0, 2, 3)  # Aoi, the review, Chika
    assert screen.detail.placeholder.text().startswith("3 mentions selected")
    screen.done_action.trigger()
    assert authors(screen) == ["Ben", "Dan"]
    for key in ("refund", "review", "hours"):
        assert stored_state(workspace, shop[key])[0] == "done"
    assert screen.current_id() == shop["praise"]  # the first below the selection


def test_shift_and_ctrl_clicks_select_several(qtbot, make_screen, shop) -> None:
    screen = shown(qtbot, make_screen())
    table = screen.table

    def click(row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        rect = table.visualRect(screen.model.index(row, InboxModel.COLUMN_MESSAGE))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())

    click(0)
    click(2, Qt.KeyboardModifier.ShiftModifier)
    click(4, Qt.KeyboardModifier.ControlModifier)
    assert screen.selected_rows() == [0, 1, 2, 4]


def test_archive_and_reopen_in_the_all_view_keep_the_rows(qtbot, make_screen, workspace,
                                                          shop) -> None:
    screen = make_screen()
    choose(screen.filters.state, "")
    select_rows(screen, 0, 1)
    ids = screen.selected_ids()
    screen.archive_action.trigger()
    assert screen.model.rowCount() == 7
    assert {stored_state(workspace, i)[0] for i in ids} == {"archived"}
    assert not screen.archive_action.isEnabled()
    assert screen.reopen_action.isEnabled()
    screen.reopen_action.trigger()
    assert {stored_state(workspace, i)[0] for i in ids} == {"new"}
    assert screen.selected_ids() == ids


def test_flags_toggle_on_the_selection(make_screen, workspace, shop) -> None:
    screen = make_screen()
    select_rows(screen, 3, 4)  # Chika (question) and Dan (praise)
    assert not screen.question_action.isChecked()  # not every one is a question
    screen.question_action.trigger()
    assert stored_state(workspace, shop["praise"])[2] is True
    assert screen.question_action.isChecked()
    screen.question_action.trigger()  # every one is: unflag them all
    assert stored_state(workspace, shop["hours"])[2] is False
    assert stored_state(workspace, shop["praise"])[2] is False
    flags = screen.model.index(3, InboxModel.COLUMN_FLAGS).data(Qt.ItemDataRole.ToolTipRole)
    assert flags is None


def test_unflagging_in_the_complaints_view_takes_the_row_out(make_screen, workspace,
                                                             shop) -> None:
    screen = make_screen()
    choose(screen.filters.flag, Flag.COMPLAINT.value)
    assert authors(screen) == ["Aoi", "Ben"]
    screen.select_row(0)
    screen.complaint_action.trigger()
    assert authors(screen) == ["Ben"]
    assert stored_state(workspace, shop["refund"])[1] is False
    assert screen.current_id() == shop["broken"]


def test_the_last_row_leaving_shows_the_empty_view(make_screen, shop) -> None:
    screen = make_screen()
    choose(screen.filters.kind, MentionKind.QUOTE.value)
    screen.select_row(0)
    screen.done_action.trigger()
    assert screen.pages.currentWidget() is screen.empty
    assert screen.detail.pages.currentWidget() is screen.detail.placeholder


# --- The reading pane -------------------------------------------------------------------------


class CountingServer:
    """A local web server that counts every request: nothing should ever reach it."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/gif")
                self.end_headers()
                self.wfile.write(b"GIF89a")

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def web() -> Iterator[CountingServer]:
    server = CountingServer()
    yield server
    server.close()


def test_the_pane_shows_who_when_where_state_and_flags(make_screen, workspace, shop) -> None:
    screen = make_screen()
    screen.select_row(1)  # Ben: a complaint and a question, a reply, on the Bluesky account
    pane = screen.detail
    assert pane.pages.currentWidget() is pane.page
    assert pane.author.text() == "Ben"
    assert pane.handle.text() == "@ben@example.social"
    assert "Reply" in pane.meta.text() and "via shop" in pane.meta.text()
    assert pane.status.text() == "Waiting · Complaint · Question"
    assert "The bread arrived broken." in pane.body.toPlainText()


def test_rendering_a_mention_loads_no_remote_resource(qtbot, make_screen, workspace, web,
                                                      shop) -> None:
    hostile = (f'<p>Look <img src="{web.url("/pixel")}"> here</p>'
               f'<link rel="stylesheet" href="{web.url("/style.css")}">'
               f'<div style="background-image: url({web.url("/bg")})">x</div>'
               f'<table background="{web.url("/table")}"><tr><td>t</td></tr></table>')
    mention = add_mention(workspace, shop["main"], "Mallory", waited=timedelta(minutes=1),
                          html=hostile, text="Look here")
    screen = shown(qtbot, make_screen())
    choose(screen.filters.state, "")
    screen.select_row(screen.model.row_of(mention))
    assert screen.detail.author.text() == "Mallory"
    screen.detail.body.viewport().repaint()
    qtbot.wait(300)
    assert web.requests == []
    asked = {url.toString() for url in screen.detail.body.refused}
    assert web.url("/pixel") in asked  # Qt did ask; the browser refused


def test_links_open_in_the_browser_only_when_clicked(qtbot, make_screen, workspace,
                                                     shop) -> None:
    html = ('<p>Our order: <a href="https://shop.example/orders/1">order page</a> and '
            '<a href="javascript:alert(1)">trap</a></p>')
    mention = add_mention(workspace, shop["main"], "Linker", waited=timedelta(minutes=1),
                          html=html, url="https://example.social/@linker/1")
    opened: list[QUrl] = []
    screen = shown(qtbot, make_screen(opened=opened))
    screen.select_row(screen.model.row_of(mention))
    body = screen.detail.body
    qtbot.wait(50)
    assert opened == []  # showing it opened nothing

    click_link(qtbot, body, "order page")
    assert [url.toString() for url in opened] == ["https://shop.example/orders/1"]
    click_link(qtbot, body, "trap")
    assert len(opened) == 1  # javascript: is never handed on
    assert body.toPlainText().startswith("Our order")  # the pane did not navigate

    screen.detail.open_button.click()
    assert opened[-1].toString() == "https://example.social/@linker/1"


def click_link(qtbot, browser, text: str) -> None:
    found = browser.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(browser.document())
    cursor.setPosition(found.selectionStart() + 1)
    point = browser.cursorRect(cursor).center()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_a_mention_without_html_shows_its_text_as_text(make_screen, workspace, shop) -> None:
    mention = add_mention(workspace, shop["main"], "Plain", waited=timedelta(minutes=1),
                          text="<b>not bold</b>\nsecond line")
    screen = make_screen()
    screen.select_row(screen.model.row_of(mention))
    assert screen.detail.body.toPlainText() == "<b>not bold</b>\nsecond line"


class FakeThreads:
    def __init__(self, posts: list[ThreadPost] | None = None,
                 error: Exception | None = None) -> None:
        self.posts = posts or []
        self.error = error
        self.asked: list[int] = []

    def fetch(self, mention_id: int) -> list[ThreadPost]:
        self.asked.append(mention_id)
        if self.error is not None:
            raise self.error
        return self.posts


def thread_post(external_id: str, author: str, text: str, mine: bool = False) -> ThreadPost:
    return ThreadPost(external_id=external_id, author_handle=f"@{author}@example.social",
                      author_name=author, text=text, html=f"<p>{text}</p>",
                      url=f"https://example.social/@{author}/{external_id}",
                      created_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC), is_this_mention=mine)


def test_the_conversation_is_fetched_only_on_request(qtbot, make_screen, shop) -> None:
    threads = FakeThreads([thread_post("1", "Shop", "New bread today"),
                           thread_post("2", "Ben", "The bread arrived broken.", mine=True),
                           thread_post("3", "Shop", "So sorry, we will call you")])
    screen = make_screen(threads=lambda: threads)
    screen.select_row(1)
    pane = screen.detail
    assert threads.asked == []
    assert pane.conversation_button.isVisibleTo(pane)
    with qtbot.waitSignal(pane.conversationShown, timeout=1000):
        pane.conversation_button.click()
    assert threads.asked == [shop["broken"]]
    text = pane.body.toPlainText()
    assert text.index("New bread today") < text.index("arrived broken") < text.index("So sorry")
    assert "this mention" in text


def test_feeds_offer_no_conversation(make_screen, shop) -> None:
    screen = make_screen(threads=lambda: FakeThreads())
    screen.select_row(2)  # the review, from a feed
    assert not screen.detail.conversation_button.isVisibleTo(screen.detail)


def test_a_conversation_that_cannot_be_fetched_says_so_in_one_sentence(make_screen,
                                                                        shop) -> None:
    screen = make_screen(threads=lambda: FakeThreads(error=Unreachable("down")))
    screen.select_row(0)
    screen.detail.conversation_button.click()
    assert screen.detail.error.text() == \
        "Could not reach the server. Check the address and your connection."
    assert screen.detail.conversation_button.isEnabled()


def test_an_answer_for_a_mention_left_behind_is_dropped(qtbot, make_screen, shop) -> None:
    held: list[tuple[Callable, Callable]] = []

    class Held(Tasks):
        def net(self, work, on_done=None, on_error=None, *, owner=None) -> None:
            held.append((work, on_done))

    threads = FakeThreads([thread_post("9", "Zed", "Old conversation", mine=True)])
    screen = make_screen(threads=lambda: threads, tasks=Held(inline=True))
    screen.select_row(0)
    screen.detail.conversation_button.click()
    screen.select_row(1)  # moved on before the answer came
    work, on_done = held[0]
    on_done(work())
    assert "Old conversation" not in screen.detail.body.toPlainText()


# --- Background work --------------------------------------------------------------------------


def test_pages_details_and_triage_run_off_the_ui_thread(qtbot, make_screen, workspace, shop,
                                                        threads) -> None:
    screen = make_screen(tasks=threads)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 5, timeout=5000)
    screen.select_row(0)
    qtbot.waitUntil(lambda: screen.detail.author.text() == "Aoi", timeout=5000)
    screen.done_action.trigger()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 4, timeout=5000)
    assert stored_state(workspace, shop["refund"])[0] == "done"


def test_the_clock_refreshes_the_deadlines(qtbot, make_screen, shop, monkeypatch) -> None:
    screen = shown(qtbot, make_screen())
    before = screen.model.deadlines
    assert before is not None
    screen._clock.timeout.emit()
    assert screen.model.deadlines is not None
    assert screen.model.deadlines.red >= before.red
    assert inbox_screen.CLOCK_MS == 60_000


def test_the_keys_work_while_the_reading_pane_has_the_focus(qtbot, make_screen, workspace,
                                                            shop) -> None:
    screen = shown(qtbot, make_screen())
    screen.select_row(0)
    screen.detail.body.setFocus()
    qtbot.keyClick(screen.detail.body, Qt.Key.Key_J)
    assert screen.current_id() == shop["broken"]
    qtbot.keyClick(screen.table, Qt.Key.Key_E)
    assert stored_state(workspace, shop["broken"])[0] == "done"
