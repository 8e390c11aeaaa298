"""Connect a Bluesky account with an app password.

The app password only passes through this dialog to the connect service, which keeps the
resulting session in the keyring; the password itself is stored nowhere.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton, QWidget

from app.core.apppassword import looks_like_app_password
from app.core.model import AccountSummary
from app.ui.dialogs.add_account import AddAccountDialog, ConnectFactory, typed_host
from app.ui.look import make_secondary, make_warning
from app.ui.tasks import Tasks

# Hosts of Bluesky's own service: an account there needs no server typed in.
_BLUESKY_HOSTS = ("bsky.social", "bsky.network", "bsky.app")


def _self_hosted(server_url: str) -> bool:
    host = (urlsplit(server_url).hostname or "").lower()
    return bool(host) and not any(host == h or host.endswith("." + h) for h in _BLUESKY_HOSTS)


class AddBlueskyDialog(AddAccountDialog):
    def __init__(self, connect: ConnectFactory, tasks: Tasks, *,
                 account: AccountSummary | None = None, parent: QWidget | None = None) -> None:
        super().__init__(connect, tasks, parent)
        self.setWindowTitle(self.tr("Reconnect Bluesky Account") if account
                            else self.tr("Add Bluesky Account"))
        self.intro.setText(self.tr(
            "Sign in with an app password, not your main password. Create one on bsky.app "
            "under Settings → Privacy and security → App passwords."))

        self.handle = QLineEdit(self)
        self.handle.setPlaceholderText("shop.bsky.social")
        self.handle.setMaxLength(253)
        self.form.addRow(self.tr("Handle:"), self.handle)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("xxxx-xxxx-xxxx-xxxx")
        self.password.setMaxLength(256)
        self.form.addRow(self.tr("App password:"), self.password)
        self.password_warning = QLabel(self.tr(
            "This does not look like an app password (four groups of four letters or digits, "
            "like abcd-efgh-ijkl-mnop). Please use an app password, not your main password."),
            self)
        self.password_warning.setWordWrap(True)
        make_warning(self.password_warning)
        self.password_warning.hide()
        self.form.addRow(self.password_warning)  # the full width: it is a paragraph

        self.advanced = QToolButton(self)
        self.advanced.setText(self.tr("Advanced"))
        self.advanced.setCheckable(True)
        self.advanced.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced.setAutoRaise(True)
        self.advanced.toggled.connect(self._on_advanced_toggled)
        self.form.addRow(self.advanced)
        self.server = QLineEdit(self)
        self.server.setPlaceholderText("https://bsky.social")
        self.server.setMaxLength(255)
        self.server_label = QLabel(self.tr("Server (for self-hosted accounts):"), self)
        self.server_label.setBuddy(self.server)
        self.form.addRow(self.server_label, self.server)
        self.server_hint = QLabel(self.tr("Leave empty for accounts on bsky.social."), self)
        self.server_hint.setWordWrap(True)
        make_secondary(self.server_hint)
        self.form.addRow("", self.server_hint)

        self.handle.textChanged.connect(self.update_ready)
        self.password.textChanged.connect(self._on_password_changed)
        if account is not None:
            self.handle.setText(account.handle)
            if _self_hosted(account.server_url):
                self.server.setText(account.server_url)
        self._on_advanced_toggled(False)
        self.advanced.setChecked(bool(self.server.text()))

    def _on_advanced_toggled(self, on: bool) -> None:
        self.advanced.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        for widget in (self.server_label, self.server, self.server_hint):
            widget.setVisible(on)
        self.refit()

    def _on_password_changed(self, text: str) -> None:
        warn = bool(text.strip()) and not looks_like_app_password(text)
        if warn != self.password_warning.isVisibleTo(self):
            self.password_warning.setVisible(warn)
            self.refit()
        self.update_ready()

    def inputs(self) -> list[QWidget]:
        return [self.handle, self.password, self.advanced, self.server]

    def ready(self) -> bool:
        return bool(self.handle.text().strip() and self.password.text().strip())

    def connect_now(self) -> None:
        handle = self.handle.text().strip().removeprefix("@")
        password = self.password.text()
        if looks_like_app_password(password):
            password = password.strip()  # pasted with a space or line break around it
        server = self.server.text().strip() or None
        self.run(lambda service: service.connect_bluesky(handle, password, server),
                 busy_text=self.tr("Signing in to Bluesky…"),
                 server=typed_host(server or ""))
