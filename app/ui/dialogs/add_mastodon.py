"""Connect a Mastodon account: approve Community Desk in the browser, or paste an access token."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from app.core.model import AccountSummary
from app.networks.errors import AuthExpired, NotFound
from app.ui import messages
from app.ui.dialogs.add_account import AddAccountDialog, ConnectFactory, typed_host
from app.ui.look import make_secondary
from app.ui.tasks import Tasks

OpenUrl = Callable[[QUrl], bool]


class BrowserOpener(QObject):
    """Opens a web page on the UI thread, whichever thread asks.

    The consent flow runs on a worker and calls `open` from there; emitting a signal of an
    object that lives on the UI thread queues the call over to it.
    """

    openRequested = Signal(str)
    openFailed = Signal(str)

    def __init__(self, open_url: OpenUrl | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_url = open_url or QDesktopServices.openUrl
        self.openRequested.connect(self._on_open_requested)

    def open(self, url: str) -> None:
        """Safe to call from any thread."""
        self.openRequested.emit(url)

    @Slot(str)
    def _on_open_requested(self, url: str) -> None:
        if not self._open_url(QUrl(url)):
            self.openFailed.emit(url)


class AddMastodonDialog(AddAccountDialog):
    def __init__(self, connect: ConnectFactory, tasks: Tasks, *,
                 account: AccountSummary | None = None, open_url: OpenUrl | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(connect, tasks, parent)
        self._cancel: threading.Event | None = None
        self.browser = BrowserOpener(open_url, self)
        self.browser.openFailed.connect(self._on_browser_open_failed)
        self.setWindowTitle(self.tr("Reconnect Mastodon Account") if account
                            else self.tr("Add Mastodon Account"))

        self.intro.setText(self.tr(
            "Community Desk opens your server's page in your browser, where you sign in and "
            "approve access. Your password is never typed here."))
        self.server = QLineEdit(self)
        self.server.setPlaceholderText(self.tr("mastodon.social or @shop@example.social"))
        self.server.setMaxLength(255)
        self.form.addRow(self.tr("Your server or handle:"), self.server)

        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setMaxLength(1024)
        self.token_label = QLabel(self.tr("Access token:"), self)
        self.token_label.setBuddy(self.token)
        self.form.addRow(self.token_label, self.token)
        self.token_hint = QLabel(self.tr(
            "Create a token on your server under Preferences → Development → New "
            "application (with read and write access), then paste “Your access token” "
            "here."), self)
        self.token_hint.setWordWrap(True)
        make_secondary(self.token_hint)
        self.form.addRow("", self.token_hint)

        self.use_token = QPushButton(self)
        self.use_token.setFlat(True)
        self.use_token.setCursor(Qt.CursorShape.PointingHandCursor)
        self.use_token.clicked.connect(self._on_use_token_clicked)
        # Looks like a link, the usual sign of a second way; greyed like any button when off.
        link = self.use_token.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            link.setColor(group, QPalette.ColorRole.ButtonText,
                          link.color(group, QPalette.ColorRole.Link))
        self.use_token.setPalette(link)
        self.add_extra(self.use_token, Qt.AlignmentFlag.AlignLeft)

        self.manual_link = QLabel(self)
        self.manual_link.setWordWrap(True)
        self.manual_link.setTextFormat(Qt.TextFormat.PlainText)
        self.manual_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.manual_link.hide()
        self.add_extra(self.manual_link)

        self.server.textChanged.connect(self.update_ready)
        self.token.textChanged.connect(self.update_ready)
        if account is not None:
            self.server.setText(account.handle or account.server_url)
        self._set_token_mode(False)

    @property
    def token_mode(self) -> bool:
        return not self.token.isHidden()

    def _set_token_mode(self, on: bool) -> None:
        for widget in (self.token_label, self.token, self.token_hint):
            widget.setVisible(on)
        self.use_token.setText(self.tr("Approve in the browser instead") if on
                               else self.tr("Use an access token instead"))
        self.manual_link.hide()
        self.update_ready()
        self.refit()

    def _on_use_token_clicked(self) -> None:
        self._set_token_mode(not self.token_mode)
        (self.token if self.token_mode else self.server).setFocus()

    def inputs(self) -> list[QWidget]:
        return [self.server, self.token, self.use_token]

    def ready(self) -> bool:
        if not self.server.text().strip():
            return False
        return bool(self.token.text().strip()) or not self.token_mode

    def connect_now(self) -> None:
        server_text = self.server.text().strip()
        host = typed_host(server_text)
        self.manual_link.hide()
        if self.token_mode:
            token = self.token.text().strip()
            self.run(lambda service: service.connect_mastodon_token(server_text, token),
                     busy_text=self.tr("Checking the access token…"), server=host)
            return
        cancel = self._cancel = threading.Event()
        open_browser = self.browser.open
        self.run(lambda service: service.connect_mastodon(
                     server_text, open_browser=open_browser, cancel=cancel),
                 busy_text=self.tr("Waiting for you to approve Community Desk in your "
                                   "browser…"),
                 server=host)

    def handle_failure(self, exc: BaseException) -> bool:
        if isinstance(exc, AuthExpired) and self.token_mode:
            self.show_error(messages.access_token_refused())
            self.token.setFocus()
            return True
        if not isinstance(exc, NotFound):
            return False
        from app.networks.mastodon_auth import InvalidAddress  # loaded: the worker raised it

        if not isinstance(exc, InvalidAddress):
            return False
        self.show_error(messages.not_a_server_address())
        self.server.setFocus()
        return True

    def stop_waiting(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None
        self.manual_link.hide()

    def _on_browser_open_failed(self, url: str) -> None:
        if not self.working:
            return
        self.manual_link.setText(self.tr(
            "Your browser did not open. Copy this address into it to approve access:\n{url}"
        ).format(url=url))
        self.manual_link.show()
        self.refit()
