"""Save a PNG of every screen, in English and in Japanese, to look at the layout by eye.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screenshots.py OUTDIR

Builds a throwaway demo workspace (app.services.demo.fill_demo) and an empty one, then grabs
the main window on each screen. Not a test (no test_ prefix): pytest does not collect it.
Files are named LANGUAGE-WORKSPACE-NN-SCREEN.png, e.g. ja-demo-01-inbox.png; 07-inbox-all is the
inbox showing every state, answered mentions included. LANGUAGE-inbox-*.png show the inbox at
1200x760: reading a mention (docs/screenshots/inbox-*.png), its conversation, several selected,
a search, no match, overdue only, narrowed filters and the list's right-click menu.
LANGUAGE-accounts-*.png show the Accounts screen with accounts in every state, each add-account
dialog (idle, working, with an error or a choice of feeds), the Remove question, the first-run
welcome and the watch-words dialog (Mastodon, Bluesky, too many terms). LANGUAGE-settings-*.png
show the Settings page at its top, scrolled to the opening hours and rules
(docs/screenshots/settings-*.png), and the "never say" list, and the replies' reminders, undo
window and language. LANGUAGE-composer-*.png show the reply composer beside a complaint with a
template and a policy warning (docs/screenshots/composer-*.png), the template picker, the
fill-in dialog, the undo bar, a reply over the limit and a feed item.
LANGUAGE-demo-03-templates.png is docs/screenshots/templates-*.png. LANGUAGE-calendar-*.png show
the Calendar at 1200x760 with posts in every state (a draft, scheduled in the app and on the
server, published, failed, missed, and a day too full for its cell): the month, the week, the
post editor (two networks, a different text for Bluesky; over Bluesky's limit; a published post;
a failed one), the missed posts asked about at start, and the question for a time the clocks
skip.

LANGUAGE-reports-*.png show the Reports screen at 1200x760: the demo
workspace on its last complete week, an empty week, the report scrolled to its lists, and the
first page of the week's PDF (LANGUAGE-reports-04-pdf.png, by pdftoppm; the PDF is kept beside it).

The composer, calendar or reports shots can be made on their own: add --only composer (calendar,
reports).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import (  # noqa: E402
    QCoreApplication,
    QItemSelectionModel,
    QLocale,
    QSettings,
    QTimer,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

from app.core.connector import AccountInfo, Capabilities  # noqa: E402
from app.core.model import AccountState, Network, RuleKind  # noqa: E402
from app.core.timefmt import utc_now  # noqa: E402
from app.credentials import Credentials  # noqa: E402
from app.networks.errors import AuthFailed, Unreachable  # noqa: E402
from app.services.accounts import AccountsService  # noqa: E402
from app.services.demo import fill_demo  # noqa: E402
from app.services.preferences import PreferencesService  # noqa: E402
from app.services.workspace import Workspace, open_workspace  # noqa: E402
from app.storage.models import Account  # noqa: E402
from app.ui import messages  # noqa: E402
from app.ui.application import make_application  # noqa: E402
from app.ui.dialogs.add_bluesky import AddBlueskyDialog  # noqa: E402
from app.ui.dialogs.add_feed import AddFeedDialog  # noqa: E402
from app.ui.dialogs.add_mastodon import AddMastodonDialog  # noqa: E402
from app.ui.dialogs.welcome import SHOWN_KEY, WelcomeDialog  # noqa: E402
from app.ui.i18n import install_translators, translation_file  # noqa: E402
from app.ui.main_window import Context, MainWindow  # noqa: E402
from app.ui.tasks import Tasks  # noqa: E402

SCREENS = ("inbox", "calendar", "templates", "reports", "accounts", "settings")
SIZE = (1100, 720)
INBOX_SIZE = (1200, 760)  # docs/screenshots/inbox-*.png are LANGUAGE-inbox-01-reading.png


def build_translations() -> None:
    """Like `python3 dev.py`: compile each .ts whose .qm is missing or older."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


def settle(app: QApplication, tasks: Tasks) -> None:
    for _ in range(5):
        tasks.wait(5000)
        app.processEvents()


def skip_welcome(workspace: Workspace) -> None:
    """The main screens are shot without the first-run welcome on top (it has its own shot)."""
    state = QSettings(str(workspace.ui_state_path), QSettings.Format.IniFormat)
    state.setValue(SHOWN_KEY, True)
    state.sync()


def shoot(app: QApplication, workspace: Workspace, language: str, label: str,
          outdir: Path) -> list[Path]:
    install_translators(language)
    skip_welcome(workspace)
    tasks = Tasks(app)
    settings = PreferencesService(workspace.sessions).load()
    # The demo workspace as --demo shows it: its sample accounts are never checked or synced.
    window = MainWindow(Context(workspace, tasks, settings, tray_available=True,
                                background_sync=False, demo=label == "demo"))
    window.resize(*SIZE)
    window.show()
    settle(app, tasks)
    saved = []
    for index, name in enumerate(SCREENS):
        window.show_screen(index)
        settle(app, tasks)
        path = outdir / f"{language}-{label}-{index + 1:02d}-{name}.png"
        window.grab().save(str(path))
        saved.append(path)
    # The whole list, answered mentions included ("answered in 3 h" in the Waiting column).
    window.show_screen(0)
    window.inbox.filters.state.setCurrentIndex(window.inbox.filters.state.count() - 1)
    settle(app, tasks)
    path = outdir / f"{language}-{label}-07-inbox-all.png"
    window.grab().save(str(path))
    saved.append(path)
    # The About box, as text: QMessageBox.about is modal, so only its content is checked here.
    (outdir / f"{language}-{label}-about.html").write_text(window.about_text(), encoding="utf-8")
    window.prepare_to_quit()
    window.close()
    window.deleteLater()
    settle(app, tasks)
    return saved


class _SampleThread:
    """Stands in for ThreadService: the conversation around whichever mention is shown."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def fetch(self, mention_id: int) -> list:
        from app.core.model import ThreadPost

        detail = self._window.inbox.detail.detail
        assert detail is not None
        japanese = QLocale().language() == QLocale.Language.Japanese
        shop = ("はなもりベーカリー", detail.account_handle)
        before = detail.created_at - timedelta(hours=5)
        after = detail.created_at + timedelta(minutes=40)
        return [
            ThreadPost("t1", shop[1], shop[0], "", "<p>" + (
                "本日は新作の米粉食パンを焼きました。配送のご注文も受付中です。" if japanese else
                "New today: rice-flour shokupan. Delivery orders are open.") + "</p>",
                "https://mastodon.example/@shop/1", before, False),
            ThreadPost(detail.external_id, detail.author_handle, detail.author_name,
                       detail.text, detail.html, detail.url, detail.created_at, True),
            ThreadPost("t3", shop[1], shop[0], "", "<p>" + (
                "ご迷惑をおかけして申し訳ありません。お手数ですが、ご注文番号をメールでお知らせ"
                "ください。担当の佐藤からご連絡します。" if japanese else
                "We are so sorry. Could you email us your order number? Sato will get back to "
                "you today.") + "</p>", "https://mastodon.example/@shop/3", after, False),
        ]


def shoot_inbox(app: QApplication, workspace: Workspace, language: str,
                outdir: Path) -> list[Path]:
    """The inbox at a typical laptop size: reading a mention (and its right-click menu), its
    conversation, a selection of several, a search (a two-character Japanese word), no match,
    and overdue only."""
    install_translators(language)
    skip_welcome(workspace)
    workspace.ui_state_path.unlink(missing_ok=True)
    tasks = Tasks(app)
    settings = PreferencesService(workspace.sessions).load()
    window = MainWindow(Context(workspace, tasks, settings, tray_available=True,
                                background_sync=False))
    window.resize(*INBOX_SIZE)
    window.show()
    settle(app, tasks)
    inbox = window.inbox
    inbox.detail._threads = lambda: _SampleThread(window)  # type: ignore[assignment]
    prefix = f"{language}-inbox"
    saved: list[Path] = []

    def shot(name: str) -> None:
        saved.append(grab(window, outdir / f"{prefix}-{name}.png", app, tasks))

    # A complaint in the screenshot's own language, at the top of the list.
    inbox.select_row(next((row for row in range(inbox.model.rowCount())
                           if inbox.model.row_at(row).first_line.isascii() == (language == "en")),
                          0))
    shot("01-reading")
    menu = inbox.row_menu()  # what a right click on that row offers, a window of its own
    menu.popup(inbox.table.viewport().mapToGlobal(
        inbox.table.visualRect(inbox.table.currentIndex()).center()))
    saved.append(grab(menu, outdir / f"{prefix}-08-row-menu.png", app, tasks))
    menu.close()
    # The conversation of the first mention from a network that has them (feeds do not).
    inbox.select_row(next(row for row in range(inbox.model.rowCount())
                          if inbox.model.row_at(row).network is not Network.FEED))
    settle(app, tasks)
    inbox.detail.conversation_button.click()
    shot("02-conversation")
    inbox.select_row(0)
    for row in (1, 2):
        inbox.table.selectionModel().select(
            inbox.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
            | QItemSelectionModel.SelectionFlag.Rows)
    shot("03-several-selected")
    inbox.search.setText("返金" if language == "ja" else "refund")
    inbox.reload()
    settle(app, tasks)
    inbox.move_current(1)
    shot("04-search")
    inbox.search.setText("zzzz")
    inbox.reload()
    shot("05-no-match")
    inbox.search.clear()
    inbox.filters.overdue.setChecked(True)
    shot("06-overdue")
    inbox.filters.network.setCurrentIndex(inbox.filters.network.findData("bluesky"))
    inbox.filters.flag.setCurrentIndex(inbox.filters.flag.findData("praise"))
    inbox.filters.overdue.setChecked(False)
    settle(app, tasks)
    inbox.move_current(1)
    shot("07-filtered")
    window.prepare_to_quit()
    window.close()
    window.deleteLater()
    settle(app, tasks)
    return saved


POLICY = {
    "en": (["calm down", "no refunds", "you should have"],
           "Apologise plainly when the shop is at fault\nMove order details to email or phone\n"
           "Never argue in public"),
    "ja": (["落ち着いて", "返金はできません", "お客様の勘違い"],
           "当店の落ち度ははっきりお詫びする\n注文の詳細はメールか電話で伺う\n公の場で言い争わない"),
}


def prepare_composer(workspace: Workspace) -> None:
    """The shop's policy, so the composer shots show its reminders and a "never say" match."""
    from app.services.rules import RulesService

    phrases = POLICY["en"][0] + POLICY["ja"][0]
    RulesService(workspace.sessions).set_phrases(RuleKind.NEVER_SAY, phrases)


def shoot_composer(app: QApplication, workspace: Workspace, language: str,
                   outdir: Path) -> list[Path]:
    """The reply composer beside a complaint at 1200x760 (docs/screenshots/composer-*.png are
    LANGUAGE-composer-01-writing.png), the template picker, the fill-in dialog, the undo bar,
    a reply over the limit, and a feed item (Copy Reply instead of Send)."""
    from app.core.model import Flag
    from app.ui.dialogs.fill_in import FillInDialog

    install_translators(language)
    skip_welcome(workspace)
    workspace.ui_state_path.unlink(missing_ok=True)
    PreferencesService(workspace.sessions).update(policy_reminders=POLICY[language][1])
    tasks = Tasks(app)
    settings = PreferencesService(workspace.sessions).load()
    # As a demo: the outbox runner stays off, so nothing is sent to the sample servers.
    window = MainWindow(Context(workspace, tasks, settings, tray_available=True,
                                background_sync=False, demo=True))
    window.resize(*INBOX_SIZE)
    window.show()
    settle(app, tasks)
    inbox = window.inbox
    model = inbox.model
    prefix = f"{language}-composer"
    saved: list[Path] = []

    def shot(name: str, widget: QWidget | None = None) -> None:
        saved.append(grab(widget or window, outdir / f"{prefix}-{name}.png", app, tasks))

    def first(wanted) -> int:
        return next(row for row in range(model.rowCount()) if wanted(model.row_at(row)))

    japanese = language == "ja"
    inbox.select_row(first(lambda r: r.network is Network.MASTODON and Flag.COMPLAINT in r.flags
                           and r.first_line.isascii() != japanese))
    inbox.open_composer()
    settle(app, tasks)
    composer = inbox.composer
    assert composer is not None
    if composer.hint.buttons:
        composer.hint.buttons[0].click()
    composer.editor.insertPlainText(" " + POLICY[language][0][1])
    shot("01-writing")

    composer.editor.selectAll()
    composer.editor.insertPlainText(composer._prefix)
    composer.open_picker()
    composer.picker.search.setText("配送" if japanese else "order")
    shot("02-picker", composer.picker)
    composer.picker.close()
    hours_name = "営業時間" if japanese else "opening_hours"
    hours = next((t for t in composer.reply.templates if f"{{{hours_name}}}" in t.body
                  and t.language == language), None) if composer.reply else None
    if hours is not None:
        composer.insert_template(hours)
        dialog = composer.findChild(FillInDialog)
        if dialog is not None:
            dialog.fields[hours_name].setText(
                "火〜日 8:00〜18:00" if japanese else "Tuesday to Sunday, 8:00 to 18:00")
            shot("03-fill-in", dialog)
            dialog.accept()
    composer.policy.acknowledge.setChecked(True)
    composer.send()
    shot("04-undo")
    composer.undo_bar.undo_button.click()
    settle(app, tasks)
    composer.editor.setPlainText(composer._prefix + ("ご迷惑をおかけしました。" * 60 if japanese
                                                     else "We are so sorry. " * 32))
    shot("05-over-limit")
    composer.editor.setPlainText(composer._prefix)
    composer.close_composer()

    inbox.select_row(first(lambda r: r.network is Network.FEED and Flag.PRAISE in r.flags))
    inbox.open_composer()
    settle(app, tasks)
    composer.editor.setPlainText("素敵なレビューをありがとうございます！" if japanese
                                 else "Thank you for the lovely review!")
    shot("06-feed")
    composer.editor.clear()
    composer.close_composer()
    window.prepare_to_quit()
    window.close()
    window.deleteLater()
    settle(app, tasks)
    return saved


def fill_accounts(workspace: Workspace) -> None:
    """One account in each state the Accounts screen shows (no secrets: nothing connects)."""
    accounts = AccountsService(workspace.sessions, Credentials())
    rows = [
        (Network.MASTODON, "@hanamori@example.social", "Hanamori Bakery",
         "https://example.social", AccountState.OK, "", timedelta(minutes=5)),
        (Network.BLUESKY, "hanamori.bsky.social", "Hanamori Bakery 花森ベーカリー",
         "https://bsky.social", AccountState.NEEDS_RECONNECT, "", timedelta(hours=26)),
        (Network.MASTODON, "@shop@old-town.example", "Old Town Branch",
         "https://old-town.example", AccountState.ERROR, "the server did not answer", None),
        (Network.FEED, "https://www.google.com/alerts/feeds/0417/4428",
         "Google Alerts: Hanamori", "https://www.google.com/alerts/feeds/0417/4428",
         AccountState.OK, "", timedelta(seconds=20)),
        (Network.FEED, "https://blog.hanamori.example/comments/feed/", "",
         "https://blog.hanamori.example/comments/feed/", AccountState.OK, "", None),
    ]
    watching = {
        "@hanamori@example.social": (["#hanamoribakery", "花森ベーカリー", "Hanamori Bakery"], ""),
        "hanamori.bsky.social": (["花森ベーカリー", "#パン屋"], "ja"),
    }
    for network, handle, name, server, state, error, ago in rows:
        capabilities = Capabilities(can_listen=network is not Network.FEED)
        saved = accounts.save_connected(
            AccountInfo(network=network, handle=handle, server_url=server, display_name=name,
                        capabilities=capabilities),
            None)
        if handle in watching:
            accounts.set_listening(saved.id, *watching[handle])
        if state is not AccountState.OK:
            accounts.mark_state(saved.id, state, error)
        if ago is not None:
            with workspace.sessions.begin() as session:
                row = session.get(Account, saved.id)
                assert row is not None
                row.last_synced_at = (utc_now() - ago).replace(tzinfo=None)


class _WaitingForBrowser:
    """Stands in for the connect service while the Mastodon dialog waits for the browser."""

    def connect_mastodon(self, server_text: str, *, open_browser, cancel: threading.Event,
                         timeout: float = 300.0) -> None:
        cancel.wait(30)
        raise RuntimeError("cancelled")


def grab(widget: QWidget, path: Path, app: QApplication, tasks: Tasks) -> Path:
    settle(app, tasks)
    widget.grab().save(str(path))
    return path


def shoot_accounts(app: QApplication, workspace: Workspace, language: str,
                   outdir: Path) -> list[Path]:
    """The Accounts screen and everything it opens."""
    install_translators(language)
    skip_welcome(workspace)
    tasks = Tasks(app)
    settings = PreferencesService(workspace.sessions).load()
    window = MainWindow(Context(workspace, tasks, settings, tray_available=True))
    window.resize(*SIZE)
    window.show()
    window.show_screen(MainWindow.ACCOUNTS)
    screen = window.accounts_screen
    settle(app, tasks)
    screen.list.setCurrentItem(screen.list.topLevelItem(0))
    prefix = f"{language}-accounts"
    saved = [grab(window, outdir / f"{prefix}-01-screen.png", app, tasks)]

    # The Remove question is modal: grab it from the event loop, then cancel it.
    def grab_question() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            saved.append(grab(box, outdir / f"{prefix}-02-remove-question.png", app, tasks))
            box.reject()

    QTimer.singleShot(200, grab_question)
    screen.remove_button.click()

    waiting = _WaitingForBrowser()
    factory = lambda: waiting  # noqa: E731 - the dialogs never reach a real service here
    mastodon = AddMastodonDialog(factory, tasks, parent=window)  # type: ignore[arg-type]
    bluesky = AddBlueskyDialog(factory, tasks, parent=window)  # type: ignore[arg-type]
    feed = AddFeedDialog(factory, tasks, parent=window)  # type: ignore[arg-type]
    welcome = WelcomeDialog(settings, window)

    def shot(dialog: QWidget, name: str) -> None:
        saved.append(grab(dialog, outdir / f"{prefix}-{name}.png", app, tasks))

    mastodon.show()
    shot(mastodon, "03-mastodon")
    mastodon.server.setText("@hanamori@exampel.social")
    mastodon.show_error(messages.problem(Unreachable(), "exampel.social"))
    shot(mastodon, "04-mastodon-error")
    mastodon.error.hide()
    mastodon.use_token.click()
    mastodon.token.setText("0123456789abcdef")
    shot(mastodon, "05-mastodon-token")
    mastodon.use_token.click()
    mastodon.server.setText("mastodon.social")
    mastodon.confirm.click()
    shot(mastodon, "06-mastodon-waiting")
    mastodon.reject()  # stops waiting
    mastodon.reject()  # closes

    bluesky.show()
    shot(bluesky, "07-bluesky")
    bluesky.handle.setText("hanamori.bsky.social")
    bluesky.password.setText("my-main-password")
    bluesky.advanced.setChecked(True)
    bluesky.show_error(messages.network_error(AuthFailed(reason="2fa")))
    shot(bluesky, "08-bluesky-warning")
    bluesky.reject()

    feed.show()
    shot(feed, "09-feed")
    feed.url.setText("https://hanamori.example/")
    feed.show_candidates([
        ("花森ベーカリーのブログ » コメントフィード",
         "https://hanamori.example/blog/comments/feed/"),
        ("", "https://hanamori.example/news.atom"),
        ("Reviews", "https://reviews.example.com/shops/1234/rss.xml"),
    ])
    shot(feed, "10-feed-choices")
    feed.reject()
    feed = AddFeedDialog(factory, tasks, parent=window)  # type: ignore[arg-type]
    feed.show()
    feed.url.setText("https://hanamori.example/about")
    feed.name.setText("Hanamori")
    feed.show_error(messages.no_feed_found())
    shot(feed, "11-feed-error")
    feed.reject()

    welcome.show()
    shot(welcome, "12-welcome")
    welcome.reject()

    # Watch words, for the two accounts that listen (the shots never press Save).
    for number, row in ((13, 0), (14, 1)):
        account = screen.accounts[row]
        watch = screen.open_watch_dialog(account)
        shot(watch, f"{number}-watch-{account.network.value}")
        watch.reject()
    watch = screen.open_watch_dialog(screen.accounts[0])
    watch.terms.setPlainText("\n".join(f"#hanamori{n}" for n in range(24)))
    shot(watch, "15-watch-too-many")
    watch.reject()

    window.prepare_to_quit()
    window.close()
    window.deleteLater()
    settle(app, tasks)
    return saved


def shoot_settings(app: QApplication, workspace: Workspace, language: str,
                   outdir: Path) -> list[Path]:
    """The Settings page: its top, the opening hours and rules, and the "never say" list."""
    install_translators(language)
    skip_welcome(workspace)
    tasks = Tasks(app)
    settings = PreferencesService(workspace.sessions).load()
    window = MainWindow(Context(workspace, tasks, settings, tray_available=True,
                                background_sync=False))  # the demo's samples stay as made
    window.resize(*SIZE)
    window.show()
    window.show_screen(MainWindow.SETTINGS)
    screen = window.settings_screen
    prefix = f"{language}-settings"
    saved = [grab(window, outdir / f"{prefix}-01-top.png", app, tasks)]
    # The README's picture: the overdue threshold, the opening hours and the rules together.
    screen.scroll_to(screen.inbox_box)
    saved.append(grab(window, outdir / f"{prefix}-02-hours-and-rules.png", app, tasks))
    screen.rules.show_list(RuleKind.NEVER_SAY)
    screen.scroll_to(screen.rules_box)
    saved.append(grab(window, outdir / f"{prefix}-03-never-say.png", app, tasks))
    screen.scroll_to(screen.replies_box)
    saved.append(grab(window, outdir / f"{prefix}-04-replies.png", app, tasks))
    window.prepare_to_quit()
    window.close()
    window.deleteLater()
    settle(app, tasks)
    return saved


def shoot_calendar(app: QApplication, scratch: Path, language: str,
                   outdir: Path) -> list[Path]:
    """The Calendar with posts in every state, and everything it opens (see the docstring)."""
    from zoneinfo import ZoneInfo

    sys.path.insert(0, str(ROOT / "tests"))
    from keyrings import MemoryKeyring
    from planned_posts import fill_every_state, open_shop

    from app.core.localtime import LocalTimeProblem, to_utc
    from app.core.model import Network as Net
    from app.ui.dialogs.missed_posts import MissedPostsDialog
    from app.ui.post_time import ask_instant

    install_translators(language)
    zone = ZoneInfo("Asia/Tokyo" if language == "ja" else "Europe/Berlin")
    workspace = open_workspace(scratch / f"calendar-{language}")
    skip_welcome(workspace)
    credentials = Credentials(MemoryKeyring())
    shop = open_shop(workspace, credentials, utc_now().replace(second=0, microsecond=0))
    made = fill_every_state(shop, language, zone=zone)
    busy = made["scheduled"].scheduled_at.astimezone(zone) + timedelta(days=3)
    for number in range(7):  # a day with more posts than its cell holds: "+N more"
        shop.posts.create(("タイムセール {n}" if language == "ja" else "Flash sale {n}").format(
            n=number + 1), [shop.bluesky.id], busy.replace(hour=9 + number))
    tasks = Tasks(app)
    settings = PreferencesService(workspace.sessions).load()
    context = Context(workspace, tasks, settings, tray_available=True, background_sync=False,
                      credentials=credentials, zone=zone)
    context._posts = shop.posts  # the networks are stood in for: nothing leaves this machine
    context._outbox = shop.outbox()
    window = MainWindow(context)
    window.resize(*INBOX_SIZE)
    window.show()
    settle(app, tasks)
    prefix = f"{language}-calendar"
    saved: list[Path] = []

    def shot(name: str, widget: QWidget | None = None) -> None:
        saved.append(grab(widget or window, outdir / f"{prefix}-{name}.png", app, tasks))

    missed = window.findChild(MissedPostsDialog)
    window.show_screen(MainWindow.CALENDAR)
    calendar = window.calendar_screen
    settle(app, tasks)
    shot("01-month")
    calendar.set_mode(calendar.WEEK)
    calendar.week.scroll_to_hour(7)
    shot("02-week")
    calendar.set_mode(calendar.MONTH)

    calendar.create_at((busy - timedelta(days=1)).replace(hour=10, tzinfo=None))
    editor = calendar.editor
    assert editor is not None
    for account in (shop.mastodon, shop.bluesky):
        editor.target_boxes[account.id].setChecked(True)
    editor.text.setPlainText(
        "今週末は春の新作パンが並びます。桜あんぱん、よもぎベーグル、いちごのデニッシュ。"
        "ご予約はお電話かメールで承ります。https://hanamori.example/spring"
        if language == "ja" else
        "Our spring bakes arrive this weekend: sakura an-pan, yomogi bagels and strawberry "
        "danishes. Reserve yours by phone or email. https://hanamori.example/spring")
    editor.variant_toggles[Net.BLUESKY].setChecked(True)
    editor.variants[Net.BLUESKY].setPlainText(
        "今週末は春の新作パン🌸 ご予約受付中！" if language == "ja" else
        "Spring bakes this weekend 🌸 Reserve yours now!")
    shot("03-editor", editor)
    editor.variant_toggles[Net.BLUESKY].setChecked(False)
    editor.text.setPlainText(editor.text.toPlainText() * 3)
    shot("04-editor-over-limit", editor)
    editor.reject()
    settle(app, tasks)
    for number, name in ((5, "sent"), (6, "failed")):
        calendar.edit(made[name].id)
        settle(app, tasks)
        assert calendar.editor is not None
        shot(f"0{number}-editor-{name}", calendar.editor)
        calendar.editor.reject()
        settle(app, tasks)
    if missed is not None:
        shot("07-missed", missed)
        missed.reject()

    # The question is modal: grab it from the event loop, then cancel it.
    def grab_question() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            saved.append(grab(box, outdir / f"{prefix}-08-time-skipped.png", app, tasks))
            box.reject()

    try:
        to_utc(datetime(2026, 3, 29, 2, 30), ZoneInfo("Europe/Berlin"))
    except LocalTimeProblem as problem:
        QTimer.singleShot(200, grab_question)
        ask_instant(problem, window)
    window.prepare_to_quit()
    window.close()
    window.deleteLater()
    settle(app, tasks)
    workspace.close()
    return saved


def shoot_reports(app: QApplication, scratch: Path, language: str,
                  outdir: Path) -> list[Path]:
    """The Reports screen on the demo's last complete week, an empty week, and its PDF."""
    from zoneinfo import ZoneInfo

    from app.core.weeks import IsoWeek
    from app.ui.report_pdf import write_pdf

    install_translators(language)
    zone = ZoneInfo("Asia/Tokyo" if language == "ja" else "Europe/Berlin")
    workspace = open_workspace(scratch / f"reports-{language}")
    fill_demo(workspace.engine, mentions=2000)
    skip_welcome(workspace)
    tasks = Tasks(app)
    settings = PreferencesService(workspace.sessions).load()
    window = MainWindow(Context(workspace, tasks, settings, tray_available=True,
                                background_sync=False, demo=True, zone=zone))
    window.resize(*INBOX_SIZE)
    window.show()
    settle(app, tasks)
    prefix = f"{language}-reports"
    saved: list[Path] = []

    def shot(name: str) -> None:
        saved.append(grab(window, outdir / f"{prefix}-{name}.png", app, tasks))

    window.show_screen(MainWindow.REPORTS)
    screen = window.reports_screen
    shot("01-week")
    bar = screen.report_page.verticalScrollBar()
    bar.setValue(bar.maximum())
    shot("02-week-lists")
    bar.setValue(0)
    report = screen.report
    screen.show_week(IsoWeek(2020, 10))
    shot("03-empty-week")
    if report is not None:
        pdf = outdir / f"{prefix}-04-pdf.pdf"
        write_pdf(report, pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(pdf.with_suffix(""))], check=True)
        saved += [pdf, pdf.with_suffix(".png")]
    window.prepare_to_quit()
    window.close()
    window.deleteLater()
    settle(app, tasks)
    workspace.close()
    return saved


def main(argv: list[str]) -> int:
    only_composer = argv[2:] == ["--only", "composer"]
    only_calendar = argv[2:] == ["--only", "calendar"]
    only_reports = argv[2:] == ["--only", "reports"]
    if len(argv) != 2 and not (only_composer or only_calendar or only_reports):
        print(__doc__, file=sys.stderr)
        return 2
    outdir = Path(argv[1]).absolute()
    outdir.mkdir(parents=True, exist_ok=True)
    build_translations()
    app = make_application([sys.argv[0]])
    if not Path(translation_file("ja")).exists():
        print("the Japanese .qm is missing", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="community-desk-shots-") as scratch:
        demo = open_workspace(Path(scratch) / "demo")
        fill_demo(demo.engine, mentions=400)
        empty = open_workspace(Path(scratch) / "empty")
        accounts = open_workspace(Path(scratch) / "accounts")
        fill_accounts(accounts)
        composing = open_workspace(Path(scratch) / "composer")
        fill_demo(composing.engine, mentions=400)
        prepare_composer(composing)
        try:
            for language in ("en", "ja"):
                if only_composer:
                    for path in shoot_composer(app, composing, language, outdir):
                        print(path)
                    continue
                if only_calendar:
                    for path in shoot_calendar(app, Path(scratch), language, outdir):
                        print(path)
                    continue
                if only_reports:
                    for path in shoot_reports(app, Path(scratch), language, outdir):
                        print(path)
                    continue
                for label, workspace in (("demo", demo), ("empty", empty)):
                    # A fresh ui-state each time, so every run starts on the same geometry.
                    workspace.ui_state_path.unlink(missing_ok=True)
                    for path in shoot(app, workspace, language, label, outdir):
                        print(path)
                for path in shoot_inbox(app, demo, language, outdir):
                    print(path)
                for path in shoot_accounts(app, accounts, language, outdir):
                    print(path)
                demo.ui_state_path.unlink(missing_ok=True)
                for path in shoot_settings(app, demo, language, outdir):
                    print(path)
                for path in shoot_composer(app, composing, language, outdir):
                    print(path)
                for path in shoot_calendar(app, Path(scratch), language, outdir):
                    print(path)
                for path in shoot_reports(app, Path(scratch), language, outdir):
                    print(path)
        finally:
            demo.close()
            empty.close()
            accounts.close()
            composing.close()
    QCoreApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
