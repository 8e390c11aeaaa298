"""Add an RSS or Atom feed; given a web page instead, offer the feeds the page links to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.model import AccountSummary
from app.networks.errors import NotFound
from app.ui import messages
from app.ui.dialogs.add_account import AddAccountDialog, ConnectFactory, typed_host
from app.ui.tasks import Tasks

URL_ROLE = Qt.ItemDataRole.UserRole


class AddFeedDialog(AddAccountDialog):
    def __init__(self, connect: ConnectFactory, tasks: Tasks, *,
                 account: AccountSummary | None = None, parent: QWidget | None = None) -> None:
        super().__init__(connect, tasks, parent)
        self.setWindowTitle(self.tr("Check Feed Again") if account
                            else self.tr("Add RSS/Atom Feed"))
        self.intro.setText(self.tr(
            "New items from a feed land in your inbox: Google Alerts, comments on your blog, "
            "review sites. Paste the feed's address, or the address of a page that links "
            "to it."))
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://example.com/feed.xml")
        self.url.setMaxLength(2048)
        self.form.addRow(self.tr("Feed address:"), self.url)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("The feed's own title"))
        self.name.setMaxLength(255)
        self.form.addRow(self.tr("Name (optional):"), self.name)

        self.choices = QWidget(self)
        choices_layout = QVBoxLayout(self.choices)
        choices_layout.setContentsMargins(0, 6, 0, 0)
        self.choices_label = QLabel(self.tr("This is a web page. It links to these feeds:"),
                                    self.choices)
        self.choices_label.setWordWrap(True)
        self.candidates = QListWidget(self.choices)
        self.candidates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.candidates.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.candidates.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.candidates.setMinimumHeight(self.fontMetrics().height() * 6)
        self.choices_label.setBuddy(self.candidates)
        choices_layout.addWidget(self.choices_label)
        choices_layout.addWidget(self.candidates)
        self.choices.hide()
        self.add_extra(self.choices)

        self.confirm.setText(self.tr("Add Feed"))
        self.url.textEdited.connect(self._on_url_edited)
        self.url.textChanged.connect(self.update_ready)
        self.candidates.currentRowChanged.connect(self.update_ready)
        self.candidates.itemDoubleClicked.connect(lambda _item: self._on_confirm_clicked())
        if account is not None:
            self.url.setText(account.server_url or account.handle)
        self.update_ready()

    @property
    def choosing(self) -> bool:
        return not self.choices.isHidden()

    def inputs(self) -> list[QWidget]:
        return [self.url, self.name, self.candidates]

    def ready(self) -> bool:
        if self.choosing:
            return self.candidates.currentItem() is not None
        return bool(self.url.text().strip())

    def connect_now(self) -> None:
        if self.choosing:
            url = str(self.candidates.currentItem().data(URL_ROLE))
        else:
            url = self.url.text().strip()
        name = self.name.text().strip()
        self.run(lambda service: service.connect_feed(url, name),
                 busy_text=self.tr("Checking the feed…"), server=typed_host(url))

    def handle_failure(self, exc: BaseException) -> bool:
        if not isinstance(exc, NotFound):
            return False
        from app.networks.feed import FeedIsHtmlPage  # loaded by now: the worker raised it

        if isinstance(exc, FeedIsHtmlPage) and exc.candidates:
            self.show_candidates(exc.candidates)
        else:
            self.show_error(messages.no_feed_found())
        return True

    def show_candidates(self, candidates: list[tuple[str, str]]) -> None:
        self.candidates.clear()
        for title, url in candidates:
            item = QListWidgetItem(f"{title} — {url}" if title else url, self.candidates)
            item.setData(URL_ROLE, url)
            item.setToolTip(url)
        self.candidates.setCurrentRow(0)
        self.choices.show()
        self.confirm.setText(self.tr("Add Selected Feed"))
        self.update_ready()
        self.refit()
        self.candidates.setFocus()

    def _on_url_edited(self, _text: str) -> None:
        """A new address: the feeds found on the old page no longer apply."""
        if self.choosing:
            self.choices.hide()
            self.candidates.clear()
            self.confirm.setText(self.tr("Add Feed"))
            self.update_ready()
            self.refit()
