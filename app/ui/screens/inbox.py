"""The inbox: every mention in one list, complaints first, with how long each has waited."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.model import InboxFilter, TriageState
from app.services.inbox import InboxService
from app.ui.inbox_model import InboxModel
from app.ui.screens.empty_state import EmptyState
from app.ui.tasks import Tasks

log = logging.getLogger(__name__)


class InboxScreen(QWidget):
    firstPageShown = Signal()
    # The first page is on screen, or failed to load: start-up work that waits for it may run.
    firstLoadSettled = Signal()

    def __init__(self, inbox: InboxService, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first_page_seen = False
        self._first_load_settled = False
        self.model = InboxModel(inbox, tasks, self)

        self.filter = QComboBox(self)
        for text, state in (
            (self.tr("Waiting"), TriageState.NEW),
            (self.tr("Done"), TriageState.DONE),
            (self.tr("Archived"), TriageState.ARCHIVED),
            (self.tr("All"), None),
        ):
            # Qt stores enum members as plain strings; keep the value and convert back.
            self.filter.addItem(text, state.value if state else "")
        self.filter.currentIndexChanged.connect(self._on_filter_changed)
        filter_label = QLabel(self.tr("Show:"), self)
        filter_label.setBuddy(self.filter)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionResizeMode(InboxModel.COLUMN_FROM, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(InboxModel.COLUMN_MESSAGE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(InboxModel.COLUMN_WAITING, QHeaderView.ResizeMode.Fixed)
        metrics = self.table.fontMetrics()
        # Names up to about 24 characters; the waiting column fits its widest text in this
        # language (computed, not measured on the rows, so it never jumps while pages load).
        self.table.setColumnWidth(InboxModel.COLUMN_FROM,
                                  max(200, metrics.averageCharWidth() * 24 + 40))
        self.table.setColumnWidth(
            InboxModel.COLUMN_WAITING,
            max(metrics.horizontalAdvance(text) for text in self.model.widest_waiting_texts())
            + 28,
        )

        self._accounts = 0
        self.empty = EmptyState("inbox", "", "", self)
        self._update_empty_text()
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.hide()

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)

        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.pages, 1)

        self.model.pageLoaded.connect(self._on_model_page_loaded)
        self.model.loadFailed.connect(self._on_model_load_failed)

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

    def reload(self) -> None:
        self.error.hide()
        value = self.filter.currentData()
        self.model.reload(InboxFilter(state=TriageState(value) if value else None))

    def set_account_count(self, accounts: int) -> None:
        """The empty inbox explains how to start until an account is connected."""
        self._accounts = accounts
        self._update_empty_text()

    def _update_empty_text(self) -> None:
        value = self.filter.currentData()
        if value == TriageState.DONE.value:
            title = self.tr("Nothing here yet")
            text = self.tr("Mentions you mark as done will be listed here.")
        elif value == TriageState.ARCHIVED.value:
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

    def _on_filter_changed(self, _index: int) -> None:
        self._update_empty_text()
        self.reload()

    def _on_model_page_loaded(self, _added: int) -> None:
        self.pages.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
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
