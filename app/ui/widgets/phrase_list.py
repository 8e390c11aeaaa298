"""An editable list of short words and phrases: add from a line, edit in place, remove.

Used for the shop's rules (words that flag a mention, words a reply must not contain). The list
wraps its words like a paragraph, so forty short words take a few lines instead of a long
column. Input is cleaned as it arrives: surrounding spaces go, a blank entry is dropped, and a
word already in the list (compared the way the rules compare: width- and case-folded) is not
added twice; the existing one is selected instead. Nothing here ever asks the user a question.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.core.triage import normalize

MAX_LENGTH = 255  # as app.services.rules.MAX_PHRASE: the field stops where the rule would


def clean(text: str) -> str:
    """One phrase as it is stored: runs of spaces (and line breaks) become one space."""
    return " ".join(text.split())[:MAX_LENGTH]


def item_height(view: QWidget) -> int:
    """One height for every word, Japanese or not, so the wrapped lines stay even."""
    metrics = view.fontMetrics()
    return max(metrics.height(), metrics.boundingRect("返金Ag").height()) + 6


class _PhraseDelegate(QStyledItemDelegate):
    """In-place editing with the same length limit as the Add field."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(MAX_LENGTH)
        return editor


class _PhraseView(QListWidget):
    """The Delete key removes the selected words, as in a file manager."""

    deletePressed = Signal()
    ROWS = 4  # wrapped lines of words shown without scrolling; forty short words fit

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(),
                     self.ROWS * (item_height(self) + 2 * self.spacing()) + 2 * self.frameWidth())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) or (
                event.key() == Qt.Key.Key_Backspace and self.state() !=
                QAbstractItemView.State.EditingState):
            self.deletePressed.emit()
            return
        super().keyPressEvent(event)


class PhraseListEditor(QWidget):
    """Words and phrases, edited by hand; phrasesEdited carries the whole cleaned list."""

    phrasesEdited = Signal(list)  # list[str]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = _PhraseView(self)
        # Words flow left to right and wrap, each as wide as its text.
        self.list.setViewMode(QListView.ViewMode.ListMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSpacing(3)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setItemDelegate(_PhraseDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemChanged.connect(self._on_list_item_changed)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.deletePressed.connect(self.remove_selected)

        self.entry = QLineEdit(self)
        self.entry.setMaxLength(MAX_LENGTH)
        self.entry.setClearButtonEnabled(True)
        self.entry.setPlaceholderText(self.tr("Add a word or phrase"))
        self.entry.returnPressed.connect(self.add_from_entry)
        self.entry.textChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self.add_from_entry)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setToolTip(self.tr("Remove the selected words (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)

        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.setAccessibleName(self.tr("Words and phrases"))
        self._update_buttons()

    # Contents ----------------------------------------------------------------------------------
    def phrases(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def set_phrases(self, phrases: list[str]) -> None:
        """Show these phrases (loaded or saved), keeping the selection where it still fits."""
        selected = {item.text() for item in self.list.selectedItems()}
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for phrase in phrases:
                item = self._new_item(phrase)
                item.setSelected(phrase in selected)
        finally:
            self.list.blockSignals(False)
        self._update_buttons()

    def _new_item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text, self.list)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self._fit(item)
        return item

    def _fit(self, item: QListWidgetItem) -> None:
        width = min(self.list.fontMetrics().horizontalAdvance(item.text()) + 14, 480)
        item.setSizeHint(QSize(width, item_height(self.list)))
        item.setToolTip(item.text())

    def _find(self, text: str, *, besides: QListWidgetItem | None = None) -> QListWidgetItem | None:
        key = normalize(text)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item is not besides and normalize(item.text()) == key:
                return item
        return None

    # Editing -----------------------------------------------------------------------------------
    def add_from_entry(self) -> None:
        """Add what the line holds (each line of a pasted block is its own phrase)."""
        added = False
        last: QListWidgetItem | None = None
        self.list.blockSignals(True)
        try:
            for line in self.entry.text().splitlines() or [""]:
                text = clean(line)
                if not text:
                    continue
                last = self._find(text)
                if last is None:
                    last = self._new_item(text)
                    added = True
        finally:
            self.list.blockSignals(False)
        self.entry.clear()
        if last is not None:
            # The new word, or the one already there: either way, the user sees where it is.
            self.list.clearSelection()
            self.list.setCurrentItem(last)
            last.setSelected(True)
            self.list.scrollToItem(last)
        self._update_buttons()
        if added:
            self.phrasesEdited.emit(self.phrases())

    def remove_selected(self) -> None:
        items = self.list.selectedItems()
        if not items:
            return
        row = min(self.list.row(item) for item in items)
        for item in items:
            self.list.takeItem(self.list.row(item))
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._update_buttons()
        self.phrasesEdited.emit(self.phrases())

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        """Edited in place: cleaned; a blank or a repeat of another word is dropped."""
        text = clean(item.text())
        self.list.blockSignals(True)
        try:
            if not text or self._find(text, besides=item) is not None:
                self.list.takeItem(self.list.row(item))
            else:
                item.setText(text)
                self._fit(item)
        finally:
            self.list.blockSignals(False)
        self._update_buttons()
        self.phrasesEdited.emit(self.phrases())

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(bool(self.entry.text().strip()))
        self.remove_button.setEnabled(bool(self.list.selectedItems()))
