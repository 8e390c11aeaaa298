"""The reply composer in the inbox, over a real workspace and the real outbox service: it counts
as the network counts, fills templates in, holds the policy up before Send, lets a Send be taken
back, keeps drafts across restarts, and never lets typing trigger the inbox's one-key actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from itertools import count

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QLocale, Qt, QTimer, QUrl
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

from app.core.connector import Published
from app.core.model import OutboxState, RuleKind, TemplateCategory
from app.core.timefmt import utc_now
from app.credentials import Credentials
from app.services.accounts import AccountsService
from app.services.inbox import InboxService
from app.services.outbox import OutboxService
from app.services.preferences import PreferencesService
from app.services.reply_context import ReplyContextService
from app.services.rules import RulesService
from app.services.templates import TemplatesService
from app.services.workspace import Workspace, open_workspace
from app.storage.models import Account, Mention, OutboxItem
from app.ui.dialogs.fill_in import FillInDialog
from app.ui.inbox_model import InboxModel
from app.ui.outbox_runner import OutboxRunner
from app.ui.screens.composer import ComposerPane, ComposerServices
from app.ui.screens.inbox import InboxScreen
from app.ui.tasks import Tasks

_ids = count(1)


# --- Data -------------------------------------------------------------------------------------


def add_account(workspace: Workspace, network: str = "mastodon", state: str = "ok",
                capabilities: dict | None = None) -> int:
    with workspace.sessions.begin() as session:
        account = Account(
            network=network, handle=f"shop{next(_ids)}@example.social", state=state,
            capabilities=capabilities if capabilities is not None else {
                "can_reply": network != "feed", "can_direct_message": network == "mastodon"},
            created_at=utc_now().replace(tzinfo=None))
        session.add(account)
        session.flush()
        return account.id


def add_mention(workspace: Workspace, account_id: int, author: str, text: str, *,
                kind: str = "mention", complaint: bool = False, hours: int = 1,
                url: str = "https://example.social/@someone/1") -> int:
    now = utc_now().replace(tzinfo=None)
    with workspace.sessions.begin() as session:
        mention = Mention(
            account_id=account_id, external_id=f"ext-{next(_ids)}", kind=kind,
            author_handle=f"@{author.lower()}@example.social", author_name=author, text=text,
            url=url, created_at=now - timedelta(hours=hours), received_at=now,
            is_complaint=complaint)
        session.add(mention)
        session.flush()
        return mention.id


def stored(workspace: Workspace, mention_id: int) -> tuple[str, bool, bool, bool]:
    with workspace.sessions() as session:
        row = session.execute(sa.select(Mention.state, Mention.is_complaint, Mention.is_question,
                                     Mention.is_praise).where(Mention.id == mention_id)).one()
        return row.state, row.is_complaint, row.is_question, row.is_praise


def outbox_rows(workspace: Workspace) -> list[tuple[str, str]]:
    with workspace.sessions() as session:
        return [(row.state, row.text) for row in session.scalars(sa.select(OutboxItem))]


class RecordingConnector:
    """Stands in for a network: records what would have been posted."""

    def __init__(self, posted: list[str]) -> None:
        self.posted = posted

    def send_reply(self, in_reply_to: str, text: str, *, idempotency_key: str,
                   direct: bool = False, language: str = "") -> Published:
        self.posted.append(text)
        return Published("r1", "https://example.social/@shop/r1")

    def find_reply(self, in_reply_to: str, idempotency_key: str, text: str) -> None:
        return None

    def close(self) -> None:
        pass


class Clock:
    def __init__(self) -> None:
        self.now = utc_now()

    def __call__(self):
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def posted() -> list[str]:
    return []


def make_outbox(workspace: Workspace, accounts: AccountsService, posted: list[str],
                clock: Clock) -> OutboxService:
    return OutboxService(workspace.sessions, accounts,
                         lambda _account: RecordingConnector(posted), clock=clock)


@pytest.fixture
def make_screen(qtbot, workspace: Workspace, credentials: Credentials, posted, clock
                ) -> Callable[..., InboxScreen]:
    def make(on: Workspace | None = None, opened: list[QUrl] | None = None) -> InboxScreen:
        ws = on or workspace
        outbox = make_outbox(ws, AccountsService(ws.sessions, credentials), posted, clock)
        services = ComposerServices(
            ReplyContextService(ws.sessions), lambda: outbox, today=lambda: clock.now.date(),
            open_url=opened.append if opened is not None else None)
        tasks = Tasks(inline=True)
        screen = InboxScreen(InboxService(ws.sessions), tasks,
                             composer=lambda parent: ComposerPane(services, tasks, parent))
        qtbot.addWidget(screen)
        screen.resize(1100, 760)
        screen.set_account_count(1)
        screen.reload()
        screen.show()  # what the owner sees is what is checked
        return screen

    return make


def number(value: int) -> str:
    """As the app writes numbers in this locale ("3,000" in English)."""
    return QLocale().toString(value)


def select(screen: InboxScreen, mention_id: int) -> None:
    row = screen.model.row_of(mention_id)
    assert row is not None
    screen.select_row(row)


def shown(qtbot, screen: InboxScreen) -> InboxScreen:
    screen.show()
    qtbot.waitExposed(screen, timeout=2000)
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen, timeout=2000)
    return screen


def open_composer(qtbot, screen: InboxScreen, mention_id: int) -> ComposerPane:
    select(screen, mention_id)
    screen.table.setFocus()
    screen.open_composer()
    composer = screen.composer
    assert composer is not None and composer.reply is not None
    return composer


def typed(composer: ComposerPane, text: str) -> None:
    composer.editor.setPlainText(text)


@pytest.fixture
def shop(workspace: Workspace) -> dict[str, int]:
    mastodon = add_account(workspace, "mastodon")
    bluesky = add_account(workspace, "bluesky")
    feed = add_account(workspace, "feed")
    return {
        "mastodon": mastodon,
        "aoi": add_mention(workspace, mastodon, "Aoi",
                           "返金をお願いします。\n注文番号は HM-1 です。", complaint=True,
                           hours=30),
        "ben": add_mention(workspace, bluesky, "Ben", "Are you open on Sunday?", hours=3),
        "review": add_mention(workspace, feed, "Gourmet Blog", "A review of Hanamori Bakery",
                              kind="feed_item", hours=2, url="https://blog.example/review"),
    }


# --- Opening ----------------------------------------------------------------------------------


def test_enter_opens_the_composer_on_the_mention_with_the_author_named(qtbot, make_screen,
                                                                      shop) -> None:
    screen = shown(qtbot, make_screen())
    select(screen, shop["aoi"])
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    composer = screen.composer
    assert composer is not None and composer.isVisible()
    assert composer.title.text() == "Reply to Aoi"
    assert composer.quote.text() == "返金をお願いします。\n注文番号は HM-1 です。"
    # Mastodon replies name the author; the cursor waits after it.
    assert composer.editor.toPlainText() == "@aoi@example.social "
    assert composer.editor.hasFocus()
    assert composer.editor.textCursor().position() == len("@aoi@example.social ")
    assert composer.direct.isVisible() and composer.send_button.isVisible()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Escape)
    assert not composer.isVisible()
    assert screen.table.hasFocus()


def test_r_opens_it_too_and_a_bluesky_reply_starts_empty(qtbot, make_screen, shop) -> None:
    screen = shown(qtbot, make_screen())
    select(screen, shop["ben"])
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_R)
    composer = screen.composer
    assert composer is not None and composer.isVisible()
    assert composer.editor.toPlainText() == ""
    assert not composer.direct.isVisible()  # Bluesky has no direct messages here
    assert not composer.send_button.isEnabled()
    assert composer.note.text() == "Write your reply, then send it."


def test_the_toolbar_reply_answers_the_mention_read_and_only_one(qtbot, make_screen,
                                                                  shop) -> None:
    screen = shown(qtbot, make_screen())
    button = screen.toolbar.widgetForAction(screen.reply_action)
    assert button is not None and button.isVisible()
    assert button.toolTip() == "Answer the mention you are reading (Return)"
    select(screen, shop["aoi"])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    composer = screen.composer
    assert composer is not None and composer.isVisible()
    assert composer.title.text() == "Reply to Aoi"
    assert composer.editor.hasFocus()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Escape)
    # Several chosen, the pane below counts them: there is no one mention to answer.
    screen.table.selectAll()
    assert not button.isEnabled()
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert not composer.isVisible()


def test_a_double_click_on_a_row_answers_that_mention(qtbot, make_screen, shop) -> None:
    screen = shown(qtbot, make_screen())
    select(screen, shop["aoi"])
    row = screen.model.row_of(shop["ben"])
    assert row is not None
    where = screen.table.visualRect(screen.model.index(row, InboxModel.COLUMN_MESSAGE)).center()
    # As a real double click comes: a click, then the double-click event (QTest sends only it).
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    composer = screen.composer
    assert composer is not None and composer.isVisible()
    assert composer.title.text() == "Reply to Ben"


def test_a_right_click_offers_reply_and_triage_for_the_row_clicked(qtbot, make_screen, workspace,
                                                                   shop) -> None:
    screen = shown(qtbot, make_screen())
    select(screen, shop["aoi"])
    row = screen.model.row_of(shop["ben"])
    assert row is not None
    where = screen.table.visualRect(screen.model.index(row, InboxModel.COLUMN_MESSAGE)).center()
    offered: list[str] = []

    def choose_done() -> None:  # the menu runs its own event loop: answer it from a timer
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        offered.extend(action.text() for action in menu.actions() if not action.isSeparator())
        done = next(action for action in menu.actions() if action.text() == "Done")
        menu.setActiveAction(done)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    qtbot.mousePress(screen.table.viewport(), Qt.MouseButton.RightButton, pos=where)
    QTimer.singleShot(50, choose_done)
    viewport = screen.table.viewport()
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where,
                                                       viewport.mapToGlobal(where)))
    assert offered == ["Reply", "Done", "Archive", "Reopen", "Complaint", "Question", "Praise"]
    # The right click chose Ben's mention, and Done applied to it, not to Aoi's.
    assert stored(workspace, shop["ben"])[0] == "done"
    assert stored(workspace, shop["aoi"])[0] == "new"


# --- Counting ---------------------------------------------------------------------------------


def test_send_is_enabled_exactly_at_the_limit_and_says_why_one_over(qtbot, make_screen,
                                                                   shop) -> None:
    composer = open_composer(qtbot, make_screen(), shop["aoi"])
    prefix = "@aoi@example.social "  # counted as "@aoi " (5), as Mastodon counts it
    link = "https://hanamori.example/a/very/long/path/that/counts/as/23/only "  # 23 + 1
    typed(composer, prefix + link + "あ" * (500 - 5 - 24))
    assert composer.counter.text() == "500 / 500"
    assert composer.send_button.isEnabled()
    assert not composer.note.isVisible()

    typed(composer, prefix + link + "あ" * (500 - 5 - 24 + 1))
    assert composer.counter.text() == "501 / 500"
    assert not composer.send_button.isEnabled()
    assert composer.note.text() == "1 character over Mastodon's limit of 500"

    typed(composer, prefix + "x" * (500 - 5 + 42))
    assert composer.note.text() == "42 characters over Mastodon's limit of 500"


def test_the_account_s_own_limit_counts_and_bluesky_shows_bytes_near_its_limit(
        qtbot, make_screen, workspace, shop) -> None:
    with workspace.sessions.begin() as session:
        account = session.get(Account, shop["mastodon"])
        assert account is not None
        account.capabilities = {**account.capabilities,
                                "text_rules": {"max_graphemes": 1000, "url_weight": 23}}
    screen = make_screen()
    composer = open_composer(qtbot, screen, shop["aoi"])
    typed(composer, "x" * 700)
    assert composer.counter.text() == f"700 / {number(1000)}"
    assert composer.send_button.isEnabled()

    composer = open_composer(qtbot, screen, shop["ben"])
    typed(composer, "あ" * 100)  # 300 bytes: far from 3,000
    assert composer.counter.text() == "100 / 300"
    typed(composer, "👨‍👩‍👧" * 140)  # 140 characters, but 18 bytes each
    assert composer.counter.text() == f"140 / 300 · {number(2520)} / {number(3000)} bytes"
    typed(composer, "👨‍👩‍👧" * 170)
    assert composer.note.text() == f"60 bytes over Bluesky's limit of {number(3000)} bytes"
    assert not composer.send_button.isEnabled()


# --- Templates --------------------------------------------------------------------------------


def test_a_template_with_an_unknown_variable_asks_for_it_before_inserting(
        qtbot, make_screen, workspace, shop) -> None:
    PreferencesService(workspace.sessions).update(shop_name="Hanamori Bakery")
    templates = TemplatesService(workspace.sessions)
    template = templates.create(
        "Order status", TemplateCategory.SHIPPING,
        "{customer_name|Hello}, order {order_number} from {shop_name} ships today.")
    screen = shown(qtbot, make_screen())
    composer = open_composer(qtbot, screen, shop["aoi"])
    qtbot.keyClick(composer.editor, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    picker = composer.picker
    assert picker.isVisible()
    qtbot.keyClicks(picker.search, "order stat")
    assert picker.visible_names() == ["Order status"]
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    dialog = composer.findChild(FillInDialog)
    assert dialog is not None and dialog.isVisible()
    assert list(dialog.fields) == ["order_number"]
    assert composer.editor.toPlainText() == "@aoi@example.social "  # nothing yet
    dialog.fields["order_number"].setText("HM-1")
    dialog.accept()
    assert composer.editor.toPlainText() == \
        "@aoi@example.social Aoi, order HM-1 from Hanamori Bakery ships today."
    found = templates.get(template.id)
    assert found is not None and found.use_count == 1


def test_cancelling_the_fill_in_inserts_nothing(qtbot, make_screen, workspace, shop) -> None:
    template = TemplatesService(workspace.sessions).create(
        "Ask", TemplateCategory.OTHER, "Your order {order_number}?")
    composer = open_composer(qtbot, make_screen(), shop["ben"])
    composer.insert_template(template)
    dialog = composer.findChild(FillInDialog)
    assert dialog is not None
    dialog.reject()
    assert composer.editor.toPlainText() == ""


def test_a_template_s_own_shortcut_inserts_it_while_typing(qtbot, make_screen, workspace,
                                                          shop) -> None:
    TemplatesService(workspace.sessions).create(
        "Thanks", TemplateCategory.THANKS, "Thank you, {customer_name}!", shortcut="Ctrl+Alt+1")
    screen = shown(qtbot, make_screen())
    composer = open_composer(qtbot, screen, shop["ben"])
    qtbot.keyClick(composer.editor, Qt.Key.Key_1,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert composer.editor.toPlainText() == "Thank you, Ben!"


def test_a_malformed_template_says_so_and_inserts_nothing(qtbot, make_screen, workspace,
                                                         shop) -> None:
    composer = open_composer(qtbot, make_screen(), shop["ben"])
    broken = TemplatesService(workspace.sessions).create(
        "Broken", TemplateCategory.OTHER, "Hello {customer_name}")
    # Saved before its braces were checked (an old import, say): the composer still refuses.
    with workspace.sessions.begin() as session:
        from app.storage.models import Template

        row = session.get(Template, broken.id)
        assert row is not None
        row.body = "Hello {customer_name"
    broken = TemplatesService(workspace.sessions).get(broken.id)
    assert broken is not None
    composer.insert_template(broken)
    assert composer.editor.toPlainText() == ""
    assert composer.note.text().startswith("The template “Broken” was not inserted: A “{” is "
                                           "not closed")


def test_a_complaint_suggests_the_move_to_private_templates(qtbot, make_screen, workspace,
                                                           shop) -> None:
    PreferencesService(workspace.sessions).update(
        shop_name="Hanamori Bakery", contact_email="shop@hanamori.example",
        contact_phone="03-1234-5678", staff_name="Sato")
    screen = make_screen()
    composer = open_composer(qtbot, screen, shop["aoi"])
    assert composer.hint.isVisible()
    # The default templates, in the customer's language, the private channel first.
    assert [b.text() for b in composer.hint.buttons] == ["個別のご連絡のお願い",
                                                         "お詫び（ご連絡先のご案内）"]
    composer.hint.buttons[0].click()
    text = composer.editor.toPlainText()
    assert text.startswith("@aoi@example.social Aoi様、ご連絡ありがとうございます。")
    assert "shop@hanamori.example" in text and "03-1234-5678" in text and "Sato" in text

    composer = open_composer(qtbot, screen, shop["ben"])
    assert not composer.hint.isVisible()  # not a complaint


# --- Policy -----------------------------------------------------------------------------------


def test_never_say_phrases_are_marked_and_must_be_acknowledged(qtbot, make_screen, workspace,
                                                              shop) -> None:
    RulesService(workspace.sessions).set_phrases(RuleKind.NEVER_SAY, ["calm down", "返金不可"])
    PreferencesService(workspace.sessions).update(
        policy_reminders="Apologise plainly\nOffer email or phone")
    composer = open_composer(qtbot, make_screen(), shop["ben"])
    assert composer.reminders.isVisibleTo(composer)
    assert composer.reminders.toggle.text() == "Policy reminders (2)"

    typed(composer, "Please CALM DOWN, sale items are 返金不可.")
    assert composer.policy.isVisible()
    assert composer.policy.label.text().startswith("Your reply says “calm down”, “返金不可”")
    assert not composer.send_button.isEnabled()
    formats = composer.editor.document().firstBlock().layout().formats()
    assert sorted((f.start, f.length) for f in formats) == [(7, 9), (33, 4)]

    composer.policy.acknowledge.setChecked(True)
    assert composer.send_button.isEnabled()
    typed(composer, "Calm down, please.")  # a phrase already read: no second warning
    assert composer.send_button.isEnabled()
    typed(composer, "Sorry, we will look into it.")
    assert not composer.policy.isVisible()
    typed(composer, "Calm down.")  # back after it was gone: read it again
    assert not composer.send_button.isEnabled()


# --- Sending ----------------------------------------------------------------------------------


def test_undo_within_the_window_sends_nothing_and_gives_the_text_back(
        qtbot, make_screen, workspace, accounts_service, posted, clock, shop) -> None:
    composer = open_composer(qtbot, shown(qtbot, make_screen()), shop["ben"])
    typed(composer, "We open at 10 on Sundays.")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert composer.undo_bar.isVisible()
    assert composer.undo_bar.label.text() == "Sending in 5 s…"
    assert composer.editor.isReadOnly()
    composer.undo_bar.undo_button.click()
    assert not composer.undo_bar.isVisible()
    assert composer.editor.toPlainText() == "We open at 10 on Sundays."
    assert not composer.editor.isReadOnly()
    assert outbox_rows(workspace) == [("draft", "We open at 10 on Sundays.")]

    clock.now += timedelta(minutes=1)  # well past the window
    outbox = make_outbox(workspace, accounts_service, posted, clock)
    assert outbox.send_due().sent == ()
    assert posted == []

    composer.send_button.click()  # this time let it go
    clock.now += timedelta(seconds=6)
    assert len(outbox.send_due().sent) == 1
    assert posted == ["We open at 10 on Sundays."]
    composer.refresh_entry()
    assert composer.status.label.text().startswith("Sent at ")
    assert composer.status.button.text() == "Open Reply"


def test_a_failed_reply_keeps_its_text_and_can_be_edited_and_sent_again(
        qtbot, make_screen, workspace, shop) -> None:
    composer = open_composer(qtbot, make_screen(), shop["ben"])
    typed(composer, "See you Sunday!")
    composer.send_button.click()
    with workspace.sessions.begin() as session:
        row = session.scalars(sa.select(OutboxItem)).one()
        row.state, row.error = OutboxState.FAILED.value, "NotFound"
    composer.refresh_entry()
    assert composer.status.label.text() == ("Not sent: The post you are answering is gone: "
                                            "it was deleted, or its author hid it.")
    assert composer.editor.toPlainText() == "See you Sunday!"
    composer.status.button.click()  # Edit and Resend
    assert not composer.editor.isReadOnly()
    assert composer.send_button.isEnabled()
    assert outbox_rows(workspace) == [("draft", "See you Sunday!")]


def test_an_account_that_needs_reconnecting_says_so_and_keeps_the_text(
        qtbot, make_screen, workspace, shop) -> None:
    with workspace.sessions.begin() as session:
        account = session.get(Account, shop["mastodon"])
        assert account is not None
        account.state = "needs_reconnect"
    composer = open_composer(qtbot, make_screen(), shop["aoi"])
    typed(composer, "@aoi@example.social 申し訳ございません。")
    composer.send_button.click()
    assert composer.note.text().startswith("The account needs reconnecting")
    assert composer.editor.toPlainText() == "@aoi@example.social 申し訳ございません。"
    assert not composer.editor.isReadOnly()


def test_a_feed_item_offers_copy_reply_and_open_in_browser_instead_of_send(
        qtbot, make_screen, shop) -> None:
    opened: list[QUrl] = []
    composer = open_composer(qtbot, make_screen(opened=opened), shop["review"])
    assert not composer.send_button.isVisible()
    assert composer.copy_button.isVisible() and composer.open_button.isVisible()
    assert composer.counter.text() == ""
    assert composer.note.text().startswith("Feeds take no replies from Community Desk")
    typed(composer, "Thank you for the kind review!")
    composer.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Thank you for the kind review!"
    composer.open_button.click()
    assert [url.toString() for url in opened] == ["https://blog.example/review"]


# --- Drafts and keys --------------------------------------------------------------------------


def test_the_draft_survives_closing_the_composer_and_a_new_window(
        qtbot, make_screen, workspace, shop) -> None:
    screen = make_screen()
    composer = open_composer(qtbot, screen, shop["ben"])
    typed(composer, "Yes, from 10 to 4.")
    composer.language.setCurrentIndex(composer.language.findData("en"))
    qtbot.waitUntil(lambda: outbox_rows(workspace) == [("draft", "Yes, from 10 to 4.")],
                    timeout=2000)  # saved while typing, without closing
    typed(composer, "Yes, from 10 to 4 on Sundays.")
    composer.close_composer()  # the last words are saved on closing
    assert outbox_rows(workspace) == [("draft", "Yes, from 10 to 4 on Sundays.")]

    composer = open_composer(qtbot, screen, shop["ben"])
    assert composer.editor.toPlainText() == "Yes, from 10 to 4 on Sundays."

    # A restart: the workspace closed and opened again, a new screen on it.
    path = workspace.data_dir
    workspace.close()
    again = open_workspace(path)
    try:
        composer = open_composer(qtbot, make_screen(again), shop["ben"])
        assert composer.editor.toPlainText() == "Yes, from 10 to 4 on Sundays."
        assert composer.language.currentData() == "en"
    finally:
        again.close()


def test_typing_letters_in_the_composer_never_triages(qtbot, make_screen, workspace,
                                                      shop) -> None:
    screen = shown(qtbot, make_screen())
    composer = open_composer(qtbot, screen, shop["aoi"])
    before = stored(workspace, shop["aoi"])
    qtbot.keyClicks(composer.editor, "Je suis navre. Jake, Quinn, Pat, Eric, Ann, Cora Kay.")
    assert composer.editor.toPlainText() == \
        "@aoi@example.social Je suis navre. Jake, Quinn, Pat, Eric, Ann, Cora Kay."
    assert stored(workspace, shop["aoi"]) == before
    assert screen.current_id() == shop["aoi"]  # J and K did not move the list
    # Outside the composer the same keys still triage.
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Q)
    assert stored(workspace, shop["aoi"])[2] is True


def test_with_the_outbox_runner_a_sent_reply_shows_where_it_lives(
        qtbot, workspace, credentials, threads, posted, shop) -> None:
    """Real worker threads: Send, the undo window passes, the runner sends, the pane says so."""
    PreferencesService(workspace.sessions).update(undo_seconds=1)
    outbox = OutboxService(workspace.sessions, AccountsService(workspace.sessions, credentials),
                           lambda _account: RecordingConnector(posted))
    runner = OutboxRunner(lambda: outbox, threads)
    services = ComposerServices(ReplyContextService(workspace.sessions), lambda: outbox,
                                poke=runner.poke)

    def composer_for(parent) -> ComposerPane:
        pane = ComposerPane(services, threads, parent)
        runner.entriesChanged.connect(pane.refresh_entry)
        return pane

    screen = InboxScreen(InboxService(workspace.sessions), threads, composer=composer_for)
    qtbot.addWidget(screen)
    screen.reload()
    qtbot.waitUntil(lambda: screen.model.row_of(shop["ben"]) is not None, timeout=5000)
    runner.start()
    select(screen, shop["ben"])
    screen.open_composer()
    composer = screen.composer
    assert composer is not None
    qtbot.waitUntil(lambda: composer.reply is not None, timeout=5000)
    typed(composer, "Open 10 to 4 on Sundays!")
    composer.send_button.click()
    qtbot.waitUntil(lambda: composer.undo_bar.isVisibleTo(composer), timeout=5000)
    qtbot.waitUntil(lambda: composer.status.label.text().startswith("Sent at"), timeout=10_000)
    assert posted == ["Open 10 to 4 on Sundays!"]
    assert stored(workspace, shop["ben"])[0] == "done"  # answered
    runner.stop()


def test_choosing_another_mention_puts_the_draft_away_but_a_sending_reply_stays(
        qtbot, make_screen, workspace, shop) -> None:
    screen = make_screen()
    composer = open_composer(qtbot, screen, shop["ben"])
    typed(composer, "See you Sunday.")
    select(screen, shop["aoi"])
    assert composer.isHidden()
    assert outbox_rows(workspace) == [("draft", "See you Sunday.")]

    composer = open_composer(qtbot, screen, shop["ben"])
    composer.send_button.click()
    select(screen, shop["aoi"])  # the Undo stays in reach
    assert composer.isVisible() and composer.undo_bar.isVisible()
    assert composer.title.text() == "Reply to Ben"
