"""The inbox: every mention in one list, complaints first, with how long each has waited.

Above the list, the triage actions and the search box, then the filters; below it, the mention
being read. Pages, details and triage changes all run on the database worker; a triage change
updates the rows it touched and drops those the view no longer shows, so the owner keeps their
place in a long list.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.core.model import AccountSummary, Flag, InboxFilter, TriageState
from app.services.inbox import InboxService
from app.ui.inbox_model import InboxModel
from app.ui.look import make_error
from app.ui.resources import icon
from app.ui.screens.empty_state import EmptyState
from app.ui.screens.inbox_filters import InboxFilterBar
from app.ui.screens.mention_detail import MentionDetailPane, ThreadsFactory
from app.ui.tasks import Tasks
from app.ui.widgets.paging_table import PagingTableView

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from app.ui.screens.composer import ComposerPane
    from app.ui.widgets.safe_text_browser import OpenUrl

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150  # typing pauses this long before the list follows
CLOCK_MS = 60_000  # waiting times and their colours follow the clock

AccountsLoader = Callable[[], list[AccountSummary]]
# Builds the reply composer in the given parent, on the first Enter (start-up never needs it).
ComposerFactory = Callable[[QWidget], "ComposerPane"]


class InboxScreen(QWidget):
    firstPageShown = Signal()
    # The first page is on screen, or failed to load: start-up work that waits for it may run.
    firstLoadSettled = Signal()
    mentionsChanged = Signal(list)  # ids a triage action changed: the window recounts
    statusMessage = Signal(str)  # a passing hint for the status bar

    def __init__(self, inbox: InboxService, tasks: Tasks, parent: QWidget | None = None, *,
                 accounts: AccountsLoader | None = None, threads: ThreadsFactory | None = None,
                 open_url: OpenUrl | None = None,
                 composer: ComposerFactory | None = None) -> None:
        super().__init__(parent)
        self._inbox = inbox
        self._tasks = tasks
        self._load_accounts = accounts
        self._first_page_seen = False
        self._first_load_settled = False
        self._restore_id: int | None = None  # after a reload, select this mention again
        self._times_stale = False
        self._accounts = 0
        self.model = InboxModel(inbox, tasks, self)
        self._make_composer = composer

        self.filters = InboxFilterBar(self)
        self.filters.filterChanged.connect(self._on_filters_filter_changed)

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search mentions"))
        self.search.setAccessibleName(self.tr("Search mentions"))
        self.search.setToolTip(self.tr("Words from the message or the author's name (Ctrl+F)"))
        chars = self.fontMetrics().averageCharWidth()
        self.search.setMinimumWidth(chars * 14)
        self.search.setMaximumWidth(chars * 40)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        clear_search = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        clear_search.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear_search.activated.connect(self._on_search_escape)

        self.table = PagingTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAccessibleName(self.tr("Mentions"))
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        modes = {InboxModel.COLUMN_FROM: QHeaderView.ResizeMode.Interactive,
                 InboxModel.COLUMN_FLAGS: QHeaderView.ResizeMode.Fixed,
                 InboxModel.COLUMN_MESSAGE: QHeaderView.ResizeMode.Stretch,
                 InboxModel.COLUMN_RECEIVED: QHeaderView.ResizeMode.Fixed,
                 InboxModel.COLUMN_WAITING: QHeaderView.ResizeMode.Fixed}
        for column, mode in modes.items():
            header.setSectionResizeMode(column, mode)
        self._size_columns()

        self._build_actions()
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setIconSize(QSize(16, 16))  # the flags' size in the list
        if composer is not None:  # answering comes first: it is what the inbox is for
            self.toolbar.addAction(self.reply_action)
            self.toolbar.addSeparator()
        for action in (self.done_action, self.archive_action, self.reopen_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        for action in (self.complaint_action, self.question_action, self.praise_action):
            self.toolbar.addAction(action)

        self.empty = EmptyState("inbox", "", "", self)
        self.empty_button = QPushButton(self.empty)
        self.empty_button.clicked.connect(self._on_empty_button_clicked)
        self.empty.add_widget(self.empty_button)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        make_error(self.error)
        self.error.hide()

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)

        self.detail = MentionDetailPane(inbox, tasks, self, threads=threads, open_url=open_url)
        # Below the list: the mention being read and, once opened, the reply beside it.
        self.reading = QSplitter(Qt.Orientation.Horizontal, self)
        self.reading.setChildrenCollapsible(False)
        self.reading.addWidget(self.detail)
        self.composer: ComposerPane | None = None
        self._sizes_before_reply: list[int] = []
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.reading)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([580, 420])  # in proportion: the list, then the mention read

        top = QHBoxLayout()
        top.addWidget(self.toolbar, 1)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.error)
        layout.addWidget(self.splitter, 1)

        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_MS)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._clock.start()

        self.model.pageLoaded.connect(self._on_model_page_loaded)
        self.model.loadFailed.connect(self._on_model_load_failed)
        self.model.modelReset.connect(self._on_selection_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_selection_changed)
        self._update_empty_text()
        self._update_actions()

    # Building ----------------------------------------------------------------------------------
    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        # Names up to about 24 characters; the time columns fit their widest text in this
        # language (computed, not measured on the rows, so they never jump while pages load).
        self.table.setColumnWidth(InboxModel.COLUMN_FROM,
                                  max(200, metrics.averageCharWidth() * 24 + 40))
        flags_header = str(self.model.headerData(InboxModel.COLUMN_FLAGS,
                                                 Qt.Orientation.Horizontal))
        self.table.setColumnWidth(InboxModel.COLUMN_FLAGS, max(
            InboxModel.flags_width() + 16, metrics.horizontalAdvance(flags_header) + 20))
        self.table.setColumnWidth(InboxModel.COLUMN_RECEIVED, max(
            metrics.horizontalAdvance(text) for text in self.model.widest_received_texts()) + 24)
        self.table.setColumnWidth(InboxModel.COLUMN_WAITING, max(
            metrics.horizontalAdvance(text) for text in self.model.widest_waiting_texts()) + 28)

    def _action(self, text: str, tip: str, shortcut: QKeySequence | None,
                slot: Callable[[], None], icon_name: str = "") -> QAction:
        action = QAction(icon(icon_name) if icon_name else QIcon(), text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            tip = self.tr("{action} ({shortcut})").format(
                action=tip, shortcut=shortcut.toString(QKeySequence.SequenceFormat.NativeText))
        action.setToolTip(tip)
        # Active wherever the focus is in the window while the inbox is shown; a text field
        # keeps its letters (Qt gives typing precedence over one-key shortcuts).
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence
        self.done_action = self._action(
            self.tr("Done"), self.tr("Mark the selected mentions done"), key(Qt.Key.Key_E),
            lambda: self.set_state(TriageState.DONE))
        self.archive_action = self._action(
            self.tr("Archive"), self.tr("Set the selected mentions aside without an answer"),
            key(Qt.Key.Key_A), lambda: self.set_state(TriageState.ARCHIVED))
        self.reopen_action = self._action(
            self.tr("Reopen"), self.tr("Put the selected mentions back in Waiting"),
            key("Shift+E"), lambda: self.set_state(TriageState.NEW))
        self.complaint_action = self._action(
            self.tr("Complaint"), self.tr("Flag or unflag the selected mentions as complaints"),
            key(Qt.Key.Key_C), lambda: self.toggle_flag(Flag.COMPLAINT), "complaint")
        self.question_action = self._action(
            self.tr("Question"), self.tr("Flag or unflag the selected mentions as questions"),
            key(Qt.Key.Key_Q), lambda: self.toggle_flag(Flag.QUESTION), "question")
        self.praise_action = self._action(
            self.tr("Praise"), self.tr("Flag or unflag the selected mentions as praise"),
            key(Qt.Key.Key_P), lambda: self.toggle_flag(Flag.PRAISE), "praise")
        for action in (self.complaint_action, self.question_action, self.praise_action):
            action.setCheckable(True)
        self.next_action = self._action(
            self.tr("Next Mention"), self.tr("Next mention"), key(Qt.Key.Key_J),
            lambda: self.move_current(1))
        self.previous_action = self._action(
            self.tr("Previous Mention"), self.tr("Previous mention"), key(Qt.Key.Key_K),
            lambda: self.move_current(-1))
        self.find_action = self._action(
            self.tr("Search"), self.tr("Search mentions"), key(key.StandardKey.Find),
            self.focus_search)
        # Enter or R in the list answers the current mention, as do the toolbar's Reply, a
        # double click and the list's context menu.
        self.reply_action = QAction(self.tr("Reply"), self.table)
        self.reply_action.setShortcuts([key(Qt.Key.Key_Return), key(Qt.Key.Key_Enter),
                                        key(Qt.Key.Key_R)])
        self.reply_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.reply_action.setToolTip(self.tr("{action} ({shortcut})").format(
            action=self.tr("Answer the mention you are reading"),
            shortcut=key(Qt.Key.Key_Return).toString(key.SequenceFormat.NativeText)))
        self.reply_action.triggered.connect(self._on_reply_triggered)
        self.table.addAction(self.reply_action)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)

    # Start-up ----------------------------------------------------------------------------------
    def call_after_first_load(self, slot: Callable[[], None]) -> None:
        """Call `slot` once the first page has settled (shown, or failed to load).

        For work the first paint does not need: it then never competes with reading that page.
        The call comes from the event loop, after whatever else reacts to the page; when the
        page has settled already (tasks run inline), it comes at once.
        """
        if self._first_load_settled:
            slot()
        else:
            self.firstLoadSettled.connect(slot, Qt.ConnectionType.QueuedConnection)

    # Loading -----------------------------------------------------------------------------------
    def current_filter(self) -> InboxFilter:
        return self.filters.value(self.search.text().strip())

    def reload(self, *, keep_current: bool = False) -> None:
        """Show the filter's first page (and keep the mention being read, when asked)."""
        self._search_timer.stop()
        self.error.hide()
        self._restore_id = self.current_id() if keep_current else None
        self._update_empty_text()
        self.model.reload(self.current_filter())

    def reload_accounts(self) -> None:
        """Read the accounts the filter offers (after start-up, and when they change)."""
        if self._load_accounts is not None:
            self._tasks.db(self._load_accounts, self.filters.set_accounts,
                           self._on_accounts_failed, owner=self)

    def set_account_count(self, accounts: int) -> None:
        """The empty inbox explains how to start until an account is connected."""
        changed = accounts != self._accounts or not self.filters.account.isEnabled()
        self._accounts = accounts
        self._update_empty_text()
        if changed and accounts:
            self.reload_accounts()

    def refresh_deadlines(self) -> None:
        """The overdue setting changed: colour the waiting times by the new deadlines."""
        self.model.refresh_deadlines()

    def _on_accounts_failed(self, exc: BaseException) -> None:
        log.warning("the accounts filter could not be filled", exc_info=exc)

    def _on_clock_timeout(self) -> None:
        if self.isVisible():
            self.model.refresh_deadlines()
        else:
            self._times_stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._times_stale:
            self._times_stale = False
            self.model.refresh_deadlines()

    def _on_filters_filter_changed(self) -> None:
        self.reload()

    def _on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_return_pressed(self) -> None:
        if self._search_timer.isActive():
            self.reload()
        self.table.setFocus()
        if not self.table.currentIndex().isValid():
            self.move_current(1)

    def _on_search_escape(self) -> None:
        if self.search.text():
            self.search.clear()
        else:
            self.table.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_model_page_loaded(self, _added: int) -> None:
        self.pages.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
        if self._restore_id is not None:
            row = self.model.row_of(self._restore_id)
            self._restore_id = None
            if row is not None:
                self.select_row(row)
        if not self._first_page_seen:
            self._first_page_seen = True
            self.firstPageShown.emit()
        self._settle_first_load()

    def _on_model_load_failed(self, exc: BaseException) -> None:
        from app.ui import messages  # only on this rare path, not at start-up

        log.error("inbox page failed to load", exc_info=exc)
        self.error.setText(messages.unexpected_error())
        self.error.show()
        self._settle_first_load()

    def _settle_first_load(self) -> None:
        if not self._first_load_settled:
            self._first_load_settled = True
            self.firstLoadSettled.emit()

    # Empty list --------------------------------------------------------------------------------
    def _update_empty_text(self) -> None:
        wanted = self.current_filter()
        button = ""
        if wanted.search:
            title = self.tr("No mentions contain “{words}”").format(words=wanted.search)
            if wanted.state is not None or self.filters.narrowed():
                text = self.tr("Only this list was searched. Search every mention, whatever "
                               "its state, network or flag?")
                button = self.tr("Search All Mentions")
            else:
                text = self.tr("Try other words, or fewer of them.")
        elif wanted.overdue_only:
            title = self.tr("Nothing is overdue")
            text = self.tr("Every waiting mention is still within its deadline.")
            button = self.tr("Clear Filters")
        elif self.filters.narrowed():
            title = self.tr("No mentions match these filters")
            text = self.tr("Choose other filters, or clear them to see this whole list.")
            button = self.tr("Clear Filters")
        elif wanted.state is TriageState.DONE:
            title = self.tr("Nothing here yet")
            text = self.tr("Mentions you mark as done will be listed here.")
        elif wanted.state is TriageState.ARCHIVED:
            title = self.tr("Nothing here yet")
            text = self.tr("Mentions you archive will be listed here.")
        elif self._accounts == 0:
            title = self.tr("Nothing is waiting")
            text = self.tr("Mentions of your shop from Mastodon, Bluesky and your feeds will "
                           "land here, complaints first. Connect your accounts on the Accounts "
                           "screen to start.")
        else:
            title = self.tr("Nothing is waiting")
            text = self.tr("New mentions will appear here after the next check, complaints "
                           "first.")
        self.empty.set_text(title, text)
        self.empty_button.setText(button)
        self.empty_button.setVisible(bool(button))

    def _on_empty_button_clicked(self) -> None:
        self.filters.clear(all_states=bool(self.search.text().strip()))

    # Selection ---------------------------------------------------------------------------------
    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def selected_rows(self) -> list[int]:
        """Row numbers of the selection, top to bottom (the current row when none is)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return rows

    def selected_ids(self) -> list[int]:
        return [self.model.row_at(row).id for row in self.selected_rows()]

    def select_row(self, row: int) -> None:
        index = self.model.index(row, InboxModel.COLUMN_MESSAGE)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def move_current(self, step: int) -> None:
        """J and K: the next or previous mention (the first one when none is chosen)."""
        count = self.model.rowCount()
        if count == 0:
            return
        current = self.table.currentIndex()
        row = 0 if not current.isValid() else current.row() + step
        if row >= count and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        self.select_row(max(0, min(row, self.model.rowCount() - 1)))
        # The list has the keyboard from here on: arrows, Shift+arrows and Enter work there.
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_selection_changed(self, *_args: object) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.detail.show_mention(self.model.row_at(rows[0]).id)
        else:
            self.detail.show_selection_count(len(rows))
        if self.composer is not None and len(rows) == 1:
            self.composer.follow_selection(self.model.row_at(rows[0]).id)
        self._update_actions()

    def _update_actions(self) -> None:
        chosen = [self.model.row_at(row) for row in self.selected_rows()]
        states = {row.state for row in chosen}
        self.reply_action.setEnabled(len(chosen) == 1)  # one mention read, one answered
        self.done_action.setEnabled(bool(states - {TriageState.DONE}))
        self.archive_action.setEnabled(bool(states - {TriageState.ARCHIVED}))
        self.reopen_action.setEnabled(bool(states - {TriageState.NEW}))
        for flag, action in ((Flag.COMPLAINT, self.complaint_action),
                             (Flag.QUESTION, self.question_action),
                             (Flag.PRAISE, self.praise_action)):
            action.setEnabled(bool(chosen))
            action.setChecked(bool(chosen) and all(flag in row.flags for row in chosen))

    # Triage ------------------------------------------------------------------------------------
    def set_state(self, state: TriageState) -> None:
        """Mark done, archive or reopen the selection."""
        ids = self.selected_ids()
        if not ids:
            return
        inbox = self._inbox
        self._triage(ids, lambda: inbox.set_state(ids, state),
                     lambda: self.model.apply_state(ids, state))

    def toggle_flag(self, flag: Flag) -> None:
        """Flag the selection, or unflag it when every selected mention has the flag."""
        rows = self.selected_rows()
        if not rows:
            return
        ids = [self.model.row_at(row).id for row in rows]
        on = not all(flag in self.model.row_at(row).flags for row in rows)
        inbox = self._inbox
        self._triage(ids, lambda: inbox.set_flag(ids, flag, on),
                     lambda: self.model.apply_flag(ids, flag, on))

    def _triage(self, ids: list[int], work: Callable[[], list[int]],
                apply: Callable[[], list[int]]) -> None:
        following = self._following_id(ids)
        self._tasks.db(work, lambda changed: self._on_triaged(ids, changed, apply, following),
                       self._on_triage_failed, owner=self)

    def _following_id(self, ids: list[int]) -> int | None:
        """The mention to go on with if the chosen ones leave the list: the next one below
        them, else the nearest above."""
        chosen = set(ids)
        rows = self.selected_rows()
        for row in range(rows[-1] + 1, self.model.rowCount()):
            if self.model.row_at(row).id not in chosen:
                return self.model.row_at(row).id
        for row in range(rows[0] - 1, -1, -1):
            if self.model.row_at(row).id not in chosen:
                return self.model.row_at(row).id
        return None

    def _on_triaged(self, ids: list[int], changed: list[int], apply: Callable[[], list[int]],
                    following: int | None) -> None:
        current = self.current_id()
        dropped = apply()
        if current is not None and current in dropped:
            row = self.model.row_of(following) if following is not None else None
            if row is not None:
                self.select_row(row)
            else:
                self.table.clearSelection()
        elif self.detail.mention_id in ids:
            self.detail.reload()
        if self.model.rowCount() == 0:
            self.pages.setCurrentWidget(self.empty)
            if self.model.canFetchMore(QModelIndex()):
                self.model.fetchMore(QModelIndex())
        self._update_actions()
        if changed:
            self.mentionsChanged.emit(changed)

    def _on_triage_failed(self, exc: BaseException) -> None:
        from app.ui import messages

        log.error("a triage change failed", exc_info=exc)
        self.error.setText(messages.unexpected_error())
        self.error.show()

    def _on_reply_triggered(self) -> None:
        self.open_composer()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_composer()

    def row_menu(self) -> QMenu:
        """What a right click on the list offers: the toolbar's actions, for the selection."""
        menu = QMenu(self)
        if self._make_composer is not None:
            menu.addAction(self.reply_action)
            menu.addSeparator()
        menu.addActions([self.done_action, self.archive_action, self.reopen_action])
        menu.addSeparator()
        menu.addActions([self.complaint_action, self.question_action, self.praise_action])
        return menu

    def _on_table_context_menu_requested(self, position: QPoint) -> None:
        if not self.table.indexAt(position).isValid():
            return  # below the last row: nothing to act on
        menu = self.row_menu()
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()

    def open_composer(self) -> None:
        """Answer the current mention: the composer opens beside it, the cursor in the text."""
        mention_id = self.current_id()
        if mention_id is None or self._make_composer is None:
            return
        if self.composer is None:
            self.composer = self._make_composer(self.reading)
            self.composer.closed.connect(self._on_composer_closed)
            self.composer.statusMessage.connect(self.statusMessage)
            self.reading.addWidget(self.composer)
        if self.composer.isHidden():
            # Room to write: the reading area takes at least two thirds of the height (the
            # list keeps a few rows), the reply half its width.
            sizes = self.splitter.sizes()
            total = sum(sizes)
            if len(sizes) == 2 and total and sizes[1] < total * 2 // 3:
                self._sizes_before_reply = sizes  # the list gets its room back on closing
                self.splitter.setSizes([total // 3, total - total // 3])
            width = sum(self.reading.sizes()) or self.reading.width()
            self.reading.setSizes([width // 2, width - width // 2])
        self.composer.open_for(mention_id)

    def _on_composer_closed(self) -> None:
        if self._sizes_before_reply:
            self.splitter.setSizes(self._sizes_before_reply)
            self._sizes_before_reply = []
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
