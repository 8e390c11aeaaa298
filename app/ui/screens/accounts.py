"""Accounts: the shop's connected accounts, their state, and adding, reconnecting or removing one,
and the words each account watches besides its own mentions ("Watch Words…").

The list (with each account's watched words) comes from AccountsService on the database worker;
connecting and removing run on the network pool (removing a Mastodon account also revokes its
token on the server). When the list changes, accountsChanged tells the window, which recounts.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.model import AccountState, AccountSummary, Listening, Network
from app.core.timefmt import utc_now
from app.services.accounts import AccountsService, Removal
from app.ui import messages
from app.ui.dialogs.add_account import AddAccountDialog, ConnectFactory
from app.ui.inbox_model import AMBER, RED
from app.ui.look import make_error, secondary_colour
from app.ui.resources import icon
from app.ui.screens.empty_state import EmptyState
from app.ui.tasks import Tasks
from app.ui.timewords import duration

if TYPE_CHECKING:
    from app.ui.dialogs.add_mastodon import OpenUrl
    from app.ui.dialogs.listening import ListeningDialog

log = logging.getLogger(__name__)

HANDLE_ROLE = Qt.ItemDataRole.UserRole + 1  # the second line of the account cell
ID_ROLE = Qt.ItemDataRole.UserRole + 2
ICON_SIZE = 28
REFRESH_MS = 60_000  # "Synced 5 min ago" stays true while the screen is open


class _AccountDelegate(QStyledItemDelegate):
    """The account cell: the network's icon, the name, and the handle below it in softer text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        handle = str(index.data(HANDLE_ROLE) or "")
        name = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return super().paint(painter, option, index)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        main = palette.color(palette.ColorRole.HighlightedText if selected
                             else palette.ColorRole.Text)
        soft = main if selected else secondary_colour(palette)
        line = opt.fontMetrics.height()
        top = text_rect.top() + (text_rect.height() - 2 * line) // 2
        painter.save()
        painter.setFont(opt.font)
        for text, colour, row in ((name, main, 0), (handle, soft, 1)):
            rect = QRect(text_rect.left() + 4, top + row * line, text_rect.width() - 8, line)
            painter.setPen(colour)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             opt.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                        rect.width()))
        painter.restore()
        return None

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        metrics = option.fontMetrics
        handle = str(index.data(HANDLE_ROLE) or "")
        width = max(size.width(), ICON_SIZE + 16 + metrics.horizontalAdvance(handle))
        return QSize(width, max(ICON_SIZE, metrics.height() * 2) + 12)


class AccountsScreen(QWidget):
    accountsChanged = Signal()  # added, reconnected or removed: the window recounts

    COLUMN_ACCOUNT, COLUMN_STATE, COLUMN_SYNCED, COLUMN_WATCHING = range(4)

    def __init__(self, accounts: AccountsService, connect: ConnectFactory, tasks: Tasks,
                 parent: QWidget | None = None, *, open_url: OpenUrl | None = None,
                 check_connections: bool = True) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._connect = connect
        self._tasks = tasks
        self._open_url = open_url
        self._rows: list[AccountSummary] = []
        self._listening: dict[int, Listening] = {}
        self._loaded = False
        self._checked = not check_connections
        self._removing = False
        self.dialog: AddAccountDialog | None = None
        self.watch_dialog: ListeningDialog | None = None

        self.add_menu = QMenu(self)
        for network, text in (
            (Network.MASTODON, self.tr("&Mastodon…")),
            (Network.BLUESKY, self.tr("&Bluesky…")),
            (Network.FEED, self.tr("&RSS/Atom Feed…")),
        ):
            action = QAction(icon(network.value), text, self.add_menu)
            action.triggered.connect(lambda _=False, n=network: self.open_add_dialog(n))
            self.add_menu.addAction(action)
        self.add_button = QPushButton(self.tr("&Add Account"), self)
        self.add_button.setMenu(self.add_menu)
        self.reconnect_button = QPushButton(self.tr("Re&connect"), self)
        self.reconnect_button.clicked.connect(self._on_reconnect_clicked)
        self.remove_button = QPushButton(self.tr("&Remove…"), self)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        # Feeds bring every item anyway: the button shows only for accounts that can listen.
        self.watch_button = QPushButton(self.tr("&Watch Words…"), self)
        self.watch_button.setToolTip(self.tr(
            "Bring posts with chosen words or hashtags to the inbox, besides mentions"))
        self.watch_button.clicked.connect(self._on_watch_clicked)

        self.list = QTreeWidget(self)
        self.list.setColumnCount(4)
        self.list.setHeaderLabels([self.tr("Account"), self.tr("Status"),
                                   self.tr("Last sync"), self.tr("Watching")])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setItemDelegateForColumn(self.COLUMN_ACCOUNT, _AccountDelegate(self.list))
        self.list.setAccessibleName(self.tr("Connected accounts"))
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.COLUMN_ACCOUNT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COLUMN_STATE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.COLUMN_SYNCED, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.COLUMN_WATCHING, QHeaderView.ResizeMode.Interactive)
        # Fitted to the widest words in this language, so nothing but an error's reason is
        # ever cut short (and that one has a tooltip).
        metrics = self.list.fontMetrics()
        em = metrics.horizontalAdvance("M")
        self.list.setColumnWidth(self.COLUMN_STATE, max(
            em * 16, *(metrics.horizontalAdvance(text) + 32 for text in (
                self.tr("Connected"), self.tr("Needs reconnecting")))))
        self.list.setColumnWidth(self.COLUMN_SYNCED, max(
            metrics.horizontalAdvance(text) for text in self._widest_synced_texts()) + 32)
        self.list.setColumnWidth(self.COLUMN_WATCHING, max(
            metrics.horizontalAdvance(text) + 32 for text in (
                self.tr("Watching"), self.tr("Every item"), self.tr("No words"),
                self.tr("1 word"), self.tr("{count} words").format(count=20))))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_list_context_menu)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item, _column: self._on_reconnect_clicked())

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        make_error(self.error)
        self.error.hide()

        self.empty = EmptyState("accounts", self.tr("Connect your shop's accounts"), self.tr(
            "Mastodon and Bluesky bring the posts that mention your shop or reply to it, and "
            "you answer them from here.\n\n"
            "RSS/Atom feeds bring Google Alerts, blog comments and reviews to read and mark "
            "as done.\n\n"
            "Passwords and tokens are kept in your system keyring, never in Community Desk's "
            "files."), self)
        self.empty_add_button = QPushButton(self.tr("Add Account"), self.empty)
        self.empty_add_button.setMenu(self.add_menu)
        self.empty.add_widget(self.empty_add_button)

        list_page = QWidget(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.reconnect_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.watch_button)
        buttons.addStretch(1)
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(buttons)
        list_layout.addWidget(self.list, 1)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(list_page)
        self.pages.addWidget(self.empty)
        self.list_page = list_page
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(self.pages, 1)

        self._clock = QTimer(self)
        self._clock.setInterval(REFRESH_MS)
        self._clock.timeout.connect(self._refresh_times)
        self._clock.start()
        self._update_buttons()
        self.reload()

    # Loading -----------------------------------------------------------------------------------
    def reload(self) -> None:
        self._tasks.db(self._load, self._on_loaded, self._on_load_failed, owner=self)

    def _load(self) -> tuple[list[AccountSummary], dict[int, Listening]]:
        """On the database worker: the accounts, and what each one watches."""
        rows = self._accounts.list()
        return rows, {account.id: self._accounts.listening(account.id) for account in rows}

    def set_account_count(self, accounts: int) -> None:
        """The window counted again (after a sync, say): reload when the count moved."""
        if self._loaded and accounts != len(self._rows):
            self.reload()

    @property
    def accounts(self) -> list[AccountSummary]:
        return list(self._rows)

    def listening(self, account_id: int) -> Listening | None:
        return self._listening.get(account_id)

    def _on_loaded(self, loaded: tuple[list[AccountSummary], dict[int, Listening]]) -> None:
        rows, listening = loaded
        self._loaded = True
        selected = self.selected_account()
        self._rows = rows
        self._listening = listening
        self.list.clear()
        for account in rows:
            item = QTreeWidgetItem(self.list)
            item.setData(self.COLUMN_ACCOUNT, ID_ROLE, account.id)
            self._fill(item, account)
            if selected is not None and account.id == selected.id:
                self.list.setCurrentItem(item)
        self.pages.setCurrentWidget(self.list_page if rows else self.empty)
        self._update_buttons()
        if not self._checked:
            self._checked = True
            self._check_connections(rows)

    def _check_connections(self, rows: list[AccountSummary]) -> None:
        """On first showing, ask each network whether its account still works, so a revoked
        token or an expired session shows as "needs reconnecting" now, not at the next send."""
        connect = self._connect
        for account in rows:
            if account.state is not AccountState.REMOVED:
                self._tasks.net(lambda account_id=account.id: connect().check(account_id),
                                self._on_checked, self._on_check_failed, owner=self)

    def _on_checked(self, account: AccountSummary) -> None:
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item.data(self.COLUMN_ACCOUNT, ID_ROLE) == account.id:
                self._fill(item, account)
        self._rows = [account if a.id == account.id else a for a in self._rows]

    def _on_check_failed(self, exc: BaseException) -> None:
        log.warning("checking an account failed: %s", type(exc).__name__)

    def _on_load_failed(self, exc: BaseException) -> None:
        log.error("accounts failed to load", exc_info=exc)
        self.show_error(messages.unexpected_error())

    def _fill(self, item: QTreeWidgetItem, account: AccountSummary) -> None:
        name = account.display_name or account.handle
        item.setIcon(self.COLUMN_ACCOUNT, icon(account.network.value))
        item.setText(self.COLUMN_ACCOUNT, name)
        # The second line says what the name does not: the handle, else the server.
        second = next((text for text in (account.handle, account.server_url)
                       if text and text != name), "")
        item.setData(self.COLUMN_ACCOUNT, HANDLE_ROLE, second)
        item.setToolTip(self.COLUMN_ACCOUNT, f"{name}\n{second}" if second else name)
        # The delegate paints the second line; screen readers hear both.
        item.setData(self.COLUMN_ACCOUNT, Qt.ItemDataRole.AccessibleTextRole,
                     f"{name}, {second}" if second else name)
        state = self.state_text(account)
        item.setText(self.COLUMN_STATE, state)
        item.setToolTip(self.COLUMN_STATE, self.reason_text(account) or state)
        colour = {AccountState.NEEDS_RECONNECT: AMBER, AccountState.ERROR: RED}.get(account.state)
        if colour is not None:
            item.setForeground(self.COLUMN_STATE, colour)
        item.setText(self.COLUMN_SYNCED, self.synced_text(account.last_synced_at))
        if account.last_synced_at is not None:
            local = account.last_synced_at.astimezone()
            item.setToolTip(self.COLUMN_SYNCED, local.strftime("%Y-%m-%d %H:%M"))
        listening = self._listening.get(account.id)
        item.setText(self.COLUMN_WATCHING, self.watching_text(account, listening))
        item.setToolTip(self.COLUMN_WATCHING, self.watching_tip(account, listening))

    def watching_text(self, account: AccountSummary, listening: Listening | None) -> str:
        """How many words the account watches; a feed brings every item by nature."""
        if account.network is Network.FEED:
            return self.tr("Every item")
        if listening is None or not listening.supported:
            return ""
        count = len(listening.terms)
        if count == 0:
            return self.tr("No words")
        if count == 1:
            # Spelled out: without an English .qm, Qt would not make "%n words" singular.
            return self.tr("1 word")
        return self.tr("{count} words").format(count=count)

    def watching_tip(self, account: AccountSummary, listening: Listening | None) -> str:
        if account.network is Network.FEED:
            return self.tr("A feed brings every item it publishes.")
        if listening is None or not listening.supported:
            return ""
        if not listening.terms:
            return self.tr("Only mentions of this account. Use Watch Words… to add words "
                           "and hashtags.")
        words = ", ".join(listening.terms)
        if listening.language == "ja":
            return self.tr("Watching: {words} (Japanese posts only)").format(words=words)
        return self.tr("Watching: {words}").format(words=words)

    def state_text(self, account: AccountSummary) -> str:
        if account.state is AccountState.NEEDS_RECONNECT:
            return self.tr("Needs reconnecting")
        if account.state is AccountState.ERROR:
            return self.tr("Error")
        if account.state is AccountState.REMOVED:
            return self.tr("Removed")
        return self.tr("Connected")

    def reason_text(self, account: AccountSummary) -> str:
        """Why an account is not connected, in words: last_error holds the kind of failure
        (an error class name, CredentialError or Unexpected), never the server's own text."""
        if not account.last_error:  # every way to OK clears it
            return ""
        return messages.sync_error(account.last_error, account.server_url)

    def synced_text(self, moment: datetime | None, now: datetime | None = None) -> str:
        if moment is None:
            return self.tr("Not synced yet")
        ago = (now or utc_now()) - moment
        if ago.total_seconds() < 60:
            return self.tr("Synced just now")
        return self.tr("Synced {time} ago").format(time=duration(ago))

    def _widest_synced_texts(self) -> list[str]:
        now = utc_now()
        longest = (timedelta(minutes=59), timedelta(hours=47), timedelta(days=13),
                   timedelta(weeks=52))
        return [self.synced_text(None), self.synced_text(now, now),
                *(self.synced_text(now - ago, now) for ago in longest)]

    def _refresh_times(self) -> None:
        if not self.isVisible():
            return
        for row, account in enumerate(self._rows):
            item = self.list.topLevelItem(row)
            if item is not None:
                item.setText(self.COLUMN_SYNCED, self.synced_text(account.last_synced_at))

    # Selection and buttons ---------------------------------------------------------------------
    def selected_account(self) -> AccountSummary | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        account_id = item.data(self.COLUMN_ACCOUNT, ID_ROLE)
        return next((a for a in self._rows if a.id == account_id), None)

    def select_account(self, account_id: int) -> None:
        for row, account in enumerate(self._rows):
            if account.id == account_id:
                self.list.setCurrentItem(self.list.topLevelItem(row))

    def _update_buttons(self) -> None:
        account = self.selected_account()
        chosen = account is not None and not self._removing
        self.reconnect_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.watch_button.setVisible(account is not None and self.can_watch(account))
        self.watch_button.setEnabled(chosen)

    def can_watch(self, account: AccountSummary) -> bool:
        """Whether the account can watch words (feeds cannot: they bring every item)."""
        listening = self._listening.get(account.id)
        return (account.network is not Network.FEED and listening is not None
                and listening.supported and account.state is not AccountState.REMOVED)

    def _on_list_context_menu(self, position: QPoint) -> None:
        item = self.list.itemAt(position)
        if item is None:
            return
        self.list.setCurrentItem(item)
        account = self.selected_account()
        if account is None or self._removing:
            return
        self.account_menu(account).popup(self.list.viewport().mapToGlobal(position))

    def account_menu(self, account: AccountSummary) -> QMenu:
        """What can be done with one account: the buttons' actions, as a context menu."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.tr("Re&connect"), self._on_reconnect_clicked)
        if self.can_watch(account):
            menu.addAction(self.tr("&Watch Words…"), self._on_watch_clicked)
        menu.addSeparator()
        menu.addAction(self.tr("&Remove…"), self._on_remove_clicked)
        return menu

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # Adding and reconnecting -------------------------------------------------------------------
    def open_add_menu(self) -> None:
        """Show the Add menu under whichever Add button is on screen (the first-run welcome)."""
        button = self.add_button if self.pages.currentWidget() is self.list_page \
            else self.empty_add_button
        button.setFocus()
        self.add_menu.popup(button.mapToGlobal(QPoint(0, button.height())))

    def open_add_dialog(self, network: Network,
                        account: AccountSummary | None = None) -> AddAccountDialog:
        """The add (or reconnect) dialog for a network, opened window-modal; returned for tests."""
        if self.dialog is not None and not self.dialog.isVisible():
            self.dialog.deleteLater()  # done with; a hidden one may still await an answer
        dialog: AddAccountDialog
        if network is Network.MASTODON:
            from app.ui.dialogs.add_mastodon import AddMastodonDialog

            dialog = AddMastodonDialog(self._connect, self._tasks, account=account,
                                       open_url=self._open_url, parent=self)
        elif network is Network.BLUESKY:
            from app.ui.dialogs.add_bluesky import AddBlueskyDialog

            dialog = AddBlueskyDialog(self._connect, self._tasks, account=account, parent=self)
        else:
            from app.ui.dialogs.add_feed import AddFeedDialog

            dialog = AddFeedDialog(self._connect, self._tasks, account=account, parent=self)
        dialog.accountAdded.connect(self._on_dialog_account_added)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_reconnect_clicked(self) -> None:
        account = self.selected_account()
        if account is not None and not self._removing:
            self.open_add_dialog(account.network, account)

    def _on_dialog_account_added(self, account: AccountSummary) -> None:
        self.error.hide()
        self._tasks.db(self._load,
                       lambda loaded: (self._on_loaded(loaded), self.select_account(account.id)),
                       self._on_load_failed, owner=self)
        self.accountsChanged.emit()

    # Watching words ----------------------------------------------------------------------------
    def _on_watch_clicked(self) -> None:
        account = self.selected_account()
        if account is not None and not self._removing and self.can_watch(account):
            self.open_watch_dialog(account)

    def open_watch_dialog(self, account: AccountSummary) -> ListeningDialog:
        """The watch-words dialog for an account that can listen, window-modal; returned for
        tests."""
        from app.ui.dialogs.listening import ListeningDialog

        if self.watch_dialog is not None and not self.watch_dialog.isVisible():
            self.watch_dialog.deleteLater()
        listening = self._listening.get(account.id) or Listening()
        dialog = ListeningDialog(account, listening, self._accounts, self._tasks, self)
        dialog.listeningSaved.connect(self._on_dialog_listening_saved)
        self.watch_dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_listening_saved(self, account_id: int, listening: Listening) -> None:
        self._listening[account_id] = listening
        for row, account in enumerate(self._rows):
            item = self.list.topLevelItem(row)
            if account.id == account_id and item is not None:
                self._fill(item, account)

    # Removing ----------------------------------------------------------------------------------
    def ask_keep_mentions(self, account: AccountSummary) -> bool | None:
        """Keep the account's mentions (True), delete them too (False), or cancel (None)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove Account"),
                          self.tr("Remove {name} from Community Desk?").format(
                              name=account.display_name or account.handle), parent=self)
        box.setInformativeText(self.tr(
            "Keep mentions: the account is disconnected and its sign-in is forgotten; the "
            "mentions already received stay in your inbox and reports.\n\n"
            "Delete mentions too: the account and every mention received from it are deleted "
            "from this computer.\n\n"
            "Nothing is deleted on the network itself."))
        keep = box.addButton(self.tr("Keep Mentions"), QMessageBox.ButtonRole.AcceptRole)
        delete = box.addButton(self.tr("Delete Mentions Too"),
                               QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is keep:
            return True
        if clicked is delete:
            return False
        return None

    def _on_remove_clicked(self) -> None:
        account = self.selected_account()
        if account is None or self._removing:
            return
        keep = self.ask_keep_mentions(account)
        if keep is None:
            return
        self.remove(account, keep_mentions=keep)

    def remove(self, account: AccountSummary, *, keep_mentions: bool) -> None:
        self._removing = True
        self._update_buttons()
        self.error.hide()
        connect = self._connect
        self._tasks.net(lambda: connect().remove(account.id, keep_mentions=keep_mentions),
                        self._on_removed, self._on_remove_failed, owner=self)

    def _on_removed(self, _removal: Removal) -> None:
        self._removing = False
        self.reload()
        self.accountsChanged.emit()

    def _on_remove_failed(self, exc: BaseException) -> None:
        self._removing = False
        if not isinstance(exc, messages.KNOWN_PROBLEMS):
            log.error("removing an account failed", exc_info=exc)
        self.show_error(messages.problem(exc))
        self.reload()
        self.accountsChanged.emit()
