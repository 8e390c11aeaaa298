"""Adding or reconnecting an account: what every network's dialog shares.

Each network's dialog builds its own form; this base runs the connection on the network pool,
keeps everything the person typed when it fails, and says what went wrong in one sentence inside
the dialog. Cancel (or Esc) while connecting stops waiting and hands the form back; Cancel on the
form closes the dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.model import AccountSummary
from app.ui import messages
from app.ui.look import make_error, make_secondary
from app.ui.tasks import Tasks

if TYPE_CHECKING:
    from app.services.connect import ConnectService

log = logging.getLogger(__name__)

# The connect service is built on first use, on a worker: it brings in the network code.
ConnectFactory = Callable[[], "ConnectService"]
ConnectWork = Callable[["ConnectService"], AccountSummary]

# Wide enough for a feed URL or "mastodon.social or @shop@example.social" in the field, and for
# the explanations to wrap in three or four lines, in English and in Japanese.
DIALOG_WIDTH_EM = 42


class AddAccountDialog(QDialog):
    accountAdded = Signal(object)  # AccountSummary: connected (or connected again)

    def __init__(self, connect: ConnectFactory, tasks: Tasks,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._connect = connect
        self._tasks = tasks
        self._attempts = 0
        self._running: int | None = None  # the attempt being waited for
        self._server = ""  # the host the person typed, for messages

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        make_error(self.error)
        self.error.hide()

        self.busy = QWidget(self)
        self.busy_text = QLabel(self.busy)
        self.busy_text.setWordWrap(True)
        make_secondary(self.busy_text)
        spinner = QProgressBar(self.busy)
        spinner.setRange(0, 0)  # "working", with no promise of how long
        spinner.setTextVisible(False)
        spinner.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 6)
        busy_row = QHBoxLayout(self.busy)
        busy_row.setContentsMargins(0, 0, 0, 0)
        busy_row.addWidget(spinner)
        busy_row.addWidget(self.busy_text, 1)
        self.busy.hide()

        self.buttons = QDialogButtonBox(self)
        # The base class's own words name their context: self.tr() here would look them up
        # under the subclass's name.
        self.confirm: QPushButton = self.buttons.addButton(
            QCoreApplication.translate("AddAccountDialog", "Connect"),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setDefault(True)
        self.cancel: QPushButton = self.buttons.addButton(
            QDialogButtonBox.StandardButton.Cancel)
        self.confirm.clicked.connect(self._on_confirm_clicked)
        self.cancel.clicked.connect(self.reject)

        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.intro)
        self._layout.addSpacing(4)
        self._layout.addLayout(self.form)
        self._extras = QVBoxLayout()
        self._layout.addLayout(self._extras)
        self._layout.addWidget(self.error)
        self._layout.addWidget(self.busy)
        self._layout.addStretch(1)
        self._layout.addWidget(self.buttons)
        # Word-wrapped labels take the dialog's width instead of growing it line by line.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * DIALOG_WIDTH_EM)

    # For subclasses ----------------------------------------------------------------------------
    def add_extra(self, widget: QWidget, alignment: Qt.AlignmentFlag | None = None) -> None:
        """A section under the form (a list to choose from, another way to connect)."""
        if alignment is None:
            self._extras.addWidget(widget)
        else:
            self._extras.addWidget(widget, 0, alignment)

    def inputs(self) -> list[QWidget]:
        """What the person fills in: disabled while connecting, never cleared."""
        return []

    def ready(self) -> bool:
        """Whether Connect can be pressed (the required fields are filled)."""
        return True

    def connect_now(self) -> None:
        """Connect was pressed: start the work with run()."""
        raise NotImplementedError

    def stop_waiting(self) -> None:
        """The person cancelled while connecting (e.g. tell the browser flow to give up)."""

    def handle_failure(self, exc: BaseException) -> bool:
        """A subclass's own answer to a failure; True when it was handled."""
        return False

    def update_ready(self) -> None:
        self.confirm.setEnabled(self._running is None and self.ready())

    def run(self, work: ConnectWork, *, busy_text: str, server: str = "") -> None:
        """Connect on the network pool; the answer comes back to accept() or the error line."""
        self._attempts += 1
        attempt = self._running = self._attempts
        self._server = server
        self.error.hide()
        self.busy_text.setText(busy_text)
        self._set_busy(True)
        connect = self._connect
        self._tasks.net(lambda: work(connect()),
                        lambda summary: self._on_connected(attempt, summary),
                        lambda exc: self._on_failed(attempt, exc), owner=self)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.refit()

    def refit(self) -> None:
        """Fit the height to what is shown now (a warning, an error, more fields).

        A window does not grow by itself for word-wrapped text that appears after it was
        shown; the width stays as the person left it.
        """
        QTimer.singleShot(0, self, self._fit_height)

    @property
    def working(self) -> bool:
        return self._running is not None

    # Inside ----------------------------------------------------------------------------------
    def _fit_height(self) -> None:
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        width = max(self.width(), self.minimumWidth())
        height = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        self.resize(width, max(height, layout.totalMinimumSize().height()))

    def _set_busy(self, busy: bool) -> None:
        for widget in self.inputs():
            widget.setEnabled(not busy)
        self.busy.setVisible(busy)
        self.update_ready()
        self.refit()
        if not busy:
            first = next((w for w in self.inputs() if w.isVisible()), None)
            if first is not None:
                first.setFocus()

    def _on_confirm_clicked(self) -> None:
        if self._running is None and self.ready():
            self.connect_now()

    def _on_connected(self, attempt: int, summary: AccountSummary) -> None:
        # Even an answer the person stopped waiting for added the account: the list shows it.
        self.accountAdded.emit(summary)
        if attempt != self._running:
            return
        self._running = None
        self._set_busy(False)
        self.accept()

    def _on_failed(self, attempt: int, exc: BaseException) -> None:
        if attempt != self._running:
            log.info("an abandoned connection attempt failed: %s", type(exc).__name__)
            return
        self._running = None
        self._set_busy(False)
        if self.handle_failure(exc):
            return
        if not isinstance(exc, messages.KNOWN_PROBLEMS):
            log.error("connecting an account failed", exc_info=exc)
        self.show_error(messages.problem(exc, self._server))

    def reject(self) -> None:
        """Esc or Cancel: while connecting, stop waiting and give the form back; else close."""
        if self._running is not None:
            self._running = None
            self.stop_waiting()
            self._set_busy(False)
            return
        super().reject()


def typed_host(text: str) -> str:
    """The server name in what the person typed (a URL, a domain or @user@domain), for messages
    such as "Could not reach example.social"; "" when there is none."""
    text = text.strip()
    if "://" in text:
        text = text.split("://", 1)[1]
    text = text.split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    return text if 0 < len(text) <= 100 and "." in text and " " not in text else ""
