"""Watch words: the words and hashtags an account listens for besides its own mentions.

Posts found this way arrive in the inbox as kind "keyword". Each term costs requests on every
sync, so the dialog counts them against AccountsService's limit as they are typed. The service
cleans what is saved (blank lines, repeats, overlong terms); the dialog never refuses input.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.core.model import AccountSummary, Listening, Network
from app.services.accounts import MAX_LISTEN_TERMS, AccountsService
from app.ui import messages
from app.ui.look import make_error, make_secondary, make_warning
from app.ui.tasks import Tasks

log = logging.getLogger(__name__)

MAX_TERM = 100  # as AccountsService.set_listening keeps them


def terms_of(text: str) -> list[str]:
    """The terms the service will keep from this text, in order: one a line, trimmed, without
    blanks or repeats (case-insensitive). Used for the count shown while typing."""
    seen: set[str] = set()
    kept: list[str] = []
    for line in text.splitlines():
        term = " ".join(line.split())[:MAX_TERM]
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            kept.append(term)
    return kept


class ListeningDialog(QDialog):
    listeningSaved = Signal(int, object)  # account id, Listening as saved

    def __init__(self, account: AccountSummary, listening: Listening, accounts: AccountsService,
                 tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._account = account
        self._accounts = accounts
        self._tasks = tasks
        name = account.display_name or account.handle
        self.setWindowTitle(self.tr("Watch Words — {name}").format(name=name))

        intro = QLabel(self.tr(
            "Posts that contain these words or hashtags come to your inbox too, even when they "
            "do not mention {name}.").format(name=name), self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)

        label = QLabel(self.tr("&One word, phrase or #hashtag per line:"), self)
        self.terms = QPlainTextEdit(self)
        self.terms.setTabChangesFocus(True)
        self.terms.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.terms.setPlaceholderText(self.tr("#yourshop\nyour shop's name\na product people "
                                              "talk about"))
        self.terms.setPlainText("\n".join(listening.terms))
        label.setBuddy(self.terms)
        lines = self.terms.fontMetrics().lineSpacing()
        self.terms.setMinimumHeight(lines * 8 + 12)
        self.count = QLabel(self)
        self.count.setWordWrap(True)
        self.terms.textChanged.connect(self._update_count)

        network_hint = QLabel(self._network_hint(account.network), self)
        network_hint.setWordWrap(True)
        network_hint.setVisible(bool(network_hint.text()))
        make_secondary(network_hint)

        self.japanese_only = QCheckBox(self.tr("&Japanese posts only"), self)
        self.japanese_only.setChecked(listening.language == "ja")
        language_hint = QLabel(self._language_hint(account.network), self)
        language_hint.setWordWrap(True)
        make_secondary(language_hint)
        # Under the checkbox's text, not its box: the hint belongs to it.
        style = self.japanese_only.style()
        language_hint.setIndent(
            style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
            + style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing))

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        make_error(self.error)
        self.error.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(label)
        layout.addWidget(self.terms, 1)
        layout.addWidget(self.count)
        layout.addWidget(network_hint)
        layout.addSpacing(6)
        layout.addWidget(self.japanese_only)
        layout.addWidget(language_hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 44)
        self._update_count()

    def _network_hint(self, network: Network) -> str:
        if network is Network.MASTODON:
            return self.tr("Hashtags and single words follow this server's hashtag timelines. "
                           "Phrases with spaces are found only where the server offers "
                           "full-text search, so they may find nothing.")
        if network is Network.BLUESKY:
            return self.tr("Each line is searched across Bluesky at every sync.")
        return ""

    def _language_hint(self, network: Network) -> str:
        if network is Network.BLUESKY:
            return self.tr("Bluesky then searches only posts marked as Japanese.")
        return self.tr("Posts marked as another language are skipped; posts that give no "
                       "language are kept.")

    def _update_count(self) -> None:
        count = len(terms_of(self.terms.toPlainText()))
        self.count.setPalette(self.palette())  # back to plain before the colour of this state
        if count > MAX_LISTEN_TERMS:
            self.count.setText(self.tr(
                "{count} terms: only the first {limit} are watched, as each one is searched "
                "at every sync.").format(count=count, limit=MAX_LISTEN_TERMS))
            make_warning(self.count)
        else:
            self.count.setText(self.tr("{count} of {limit} terms").format(
                count=count, limit=MAX_LISTEN_TERMS))
            make_secondary(self.count)

    def save(self) -> None:
        terms = terms_of(self.terms.toPlainText())
        language = "ja" if self.japanese_only.isChecked() else ""
        account_id = self._account.id
        accounts = self._accounts
        self.buttons.setEnabled(False)
        self.error.hide()
        self._tasks.db(lambda: accounts.set_listening(account_id, terms, language),
                       self._on_saved, self._on_save_failed, owner=self)

    def _on_saved(self, listening: Listening) -> None:
        self.buttons.setEnabled(True)
        self.listeningSaved.emit(self._account.id, listening)
        self.accept()

    def _on_save_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        log.error("watch words could not be saved", exc_info=exc)
        self.error.setText(messages.unexpected_error())
        self.error.show()
