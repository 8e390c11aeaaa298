"""The inbox's filter bar: which state, network, account, kind and flag, and overdue only.

Every choice is a plain value (an InboxFilter); the bar says when it changed and the screen
reloads. Each list starts with "All …", so the bar reads as a sentence without labels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QWidget

from app.core.model import AccountState, AccountSummary, Flag, InboxFilter, MentionKind, Network
from app.core.model import TriageState as State
from app.ui.resources import icon

MIN_CHARS = 4  # a narrow window squeezes the lists down to this many characters, elided


def _combo(parent: QWidget, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    # As wide as the longest choice when there is room; narrower (elided) when there is not.
    combo.setMinimumWidth(combo.fontMetrics().averageCharWidth() * MIN_CHARS + 40)
    return combo


class InboxFilterBar(QWidget):
    filterChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts: list[AccountSummary] = []

        self.state = _combo(self, self.tr("Show"))
        for text, state in ((self.tr("Waiting"), State.NEW), (self.tr("Done"), State.DONE),
                            (self.tr("Archived"), State.ARCHIVED), (self.tr("All"), None)):
            # Qt stores enum members as plain strings; keep the value and convert back.
            self.state.addItem(text, state.value if state else "")
        label = QLabel(self.tr("Show:"), self)
        label.setBuddy(self.state)

        self.network = _combo(self, self.tr("Network"))
        self.network.addItem(self.tr("All networks"), "")
        for network, text in ((Network.MASTODON, self.tr("Mastodon")),
                              (Network.BLUESKY, self.tr("Bluesky")),
                              (Network.FEED, self.tr("Feeds"))):
            self.network.addItem(icon(network.value), text, network.value)

        self.account = _combo(self, self.tr("Account"))
        self.account.addItem(self.tr("All accounts"), 0)
        self.account.setEnabled(False)  # until the accounts are read

        self.kind = _combo(self, self.tr("Kind"))
        self.kind.addItem(self.tr("All kinds"), "")
        for kind, text in ((MentionKind.MENTION, self.tr("Mentions")),
                           (MentionKind.REPLY, self.tr("Replies")),
                           (MentionKind.QUOTE, self.tr("Quotes")),
                           (MentionKind.KEYWORD, self.tr("Keyword matches")),
                           (MentionKind.FEED_ITEM, self.tr("Feed items"))):
            self.kind.addItem(text, kind.value)

        self.flag = _combo(self, self.tr("Flag"))
        self.flag.addItem(self.tr("All flags"), "")
        for flag, text in ((Flag.COMPLAINT, self.tr("Complaints")),
                           (Flag.QUESTION, self.tr("Questions")),
                           (Flag.PRAISE, self.tr("Praise"))):
            self.flag.addItem(icon(flag.value), text, flag.value)

        self.overdue = QCheckBox(self.tr("Overdue only"), self)
        self.overdue.setToolTip(self.tr("Only waiting mentions that are past their deadline"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        for widget in (self.state, self.network, self.account, self.kind, self.flag):
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addWidget(self.overdue)
        layout.addStretch(1)

        for combo in (self.state, self.account, self.kind, self.flag):
            combo.currentIndexChanged.connect(self._on_choice_changed)
        self.network.currentIndexChanged.connect(self._on_network_changed)
        self.overdue.toggled.connect(self._on_choice_changed)

    # Reading ---------------------------------------------------------------------------------
    def value(self, search: str = "") -> InboxFilter:
        state = self.state.currentData()
        network = self.network.currentData()
        kind = self.kind.currentData()
        flag = self.flag.currentData()
        return InboxFilter(
            state=State(state) if state else None,
            network=Network(network) if network else None,
            account_id=int(self.account.currentData() or 0) or None,
            kind=MentionKind(kind) if kind else None,
            flag=Flag(flag) if flag else None,
            overdue_only=self.overdue.isChecked(),
            search=search,
        )

    def narrowed(self) -> bool:
        """Anything chosen besides the state: what "Clear Filters" undoes."""
        return any(combo.currentIndex() > 0 for combo in
                   (self.network, self.account, self.kind, self.flag)) or self.overdue.isChecked()

    # Changing --------------------------------------------------------------------------------
    def clear(self, *, all_states: bool = False) -> None:
        """Back to every network, account, kind and flag (and every state, when asked)."""
        with _Quiet(self):
            for combo in (self.network, self.account, self.kind, self.flag):
                combo.setCurrentIndex(0)
            self.overdue.setChecked(False)
            if all_states:
                self.state.setCurrentIndex(self.state.findData(""))
            self._fill_accounts()
        self.filterChanged.emit()

    def set_accounts(self, accounts: list[AccountSummary]) -> None:
        """The accounts to choose from (removed ones too: their mentions stay)."""
        self._accounts = list(accounts)
        chosen = self.account.currentData()
        with _Quiet(self):
            self._fill_accounts()
        if chosen and self.account.currentData() != chosen:
            self.filterChanged.emit()  # the chosen account is gone

    def _fill_accounts(self) -> None:
        chosen = self.account.currentData()
        network = self.network.currentData()
        self.account.clear()
        self.account.addItem(self.tr("All accounts"), 0)
        for account in self._accounts:
            if network and account.network.value != network:
                continue
            name = account.display_name or account.handle
            if account.state is AccountState.REMOVED:
                name = self.tr("{name} (removed)").format(name=name)
            self.account.addItem(icon(account.network.value), name, account.id)
            self.account.setItemData(self.account.count() - 1, account.handle,
                                     Qt.ItemDataRole.ToolTipRole)
        found = self.account.findData(chosen) if chosen else 0
        self.account.setCurrentIndex(max(0, found))
        self.account.setEnabled(self.account.count() > 1)

    def _on_network_changed(self, _index: int) -> None:
        with _Quiet(self):
            self._fill_accounts()  # only this network's accounts
        self.filterChanged.emit()

    def _on_choice_changed(self, *_args: object) -> None:
        self.filterChanged.emit()


class _Quiet:
    """Blocks the bar's signals while several choices change at once."""

    def __init__(self, bar: InboxFilterBar) -> None:
        self._bar = bar
        self._widgets = (bar.state, bar.network, bar.account, bar.kind, bar.flag, bar.overdue)

    def __enter__(self) -> None:
        for widget in self._widgets:
            widget.blockSignals(True)

    def __exit__(self, *_exc: object) -> None:
        for widget in self._widgets:
            widget.blockSignals(False)
