"""The composer's template picker: a popup list narrowed as the owner types (Ctrl+T).

Every word typed must appear in the template's name, its category or its text, compared the
way the rest of the app compares text (case- and width-insensitive), so "ｓｏｒｒｙ" and
"お詫び" both find the apology. Enter inserts the highlighted template, Esc closes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.model import TemplateCategory, TemplateRecord
from app.core.triage import normalize
from app.ui.look import make_secondary

RECORD_ROLE = Qt.ItemDataRole.UserRole
PREVIEW = 90  # characters of a template's text shown under its name


def category_text(category: TemplateCategory) -> str:
    translate = QCoreApplication.translate
    return {
        TemplateCategory.THANKS: translate("TemplateCategory", "Thanks"),
        TemplateCategory.APOLOGY: translate("TemplateCategory", "Apology"),
        TemplateCategory.PRIVATE: translate("TemplateCategory", "Move to private channel"),
        TemplateCategory.SHIPPING: translate("TemplateCategory", "Shipping"),
        TemplateCategory.HOURS: translate("TemplateCategory", "Opening hours"),
        TemplateCategory.FAQ: translate("TemplateCategory", "FAQ"),
        TemplateCategory.OTHER: translate("TemplateCategory", "Other"),
    }[category]


def matches(template: TemplateRecord, query: str) -> bool:
    """Whether every word of `query` is in the template's name, category or text."""
    words = normalize(query).split()
    haystack = normalize(" ".join((template.name, category_text(template.category),
                                   template.category.value, template.body)))
    return all(word in haystack for word in words)


def _preview(body: str) -> str:
    text = " ".join(body.split())
    return text if len(text) <= PREVIEW else text[:PREVIEW - 1] + "…"


class TemplatePicker(QFrame):
    templateChosen = Signal(object)  # the TemplateRecord to insert

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._templates: list[TemplateRecord] = []
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Find a template"))
        self.search.setAccessibleName(self.tr("Find a template"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._refill)
        self.search.installEventFilter(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Templates"))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.list.itemClicked.connect(self._on_list_item_activated)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setMargin(8)
        make_secondary(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        chars = self.fontMetrics().averageCharWidth()
        self.resize(QSize(chars * 56, self.fontMetrics().lineSpacing() * 20))

    def set_templates(self, templates: Sequence[TemplateRecord]) -> None:
        self._templates = list(templates)
        self._refill()

    def popup(self, at: QPoint) -> None:
        """Open at a global position (under the composer's Templates button), search cleared."""
        self.search.clear()
        self._refill()
        self.move(at)
        self.show()
        self.search.setFocus(Qt.FocusReason.PopupFocusReason)

    def visible_names(self) -> list[str]:
        return [self.list.item(row).data(RECORD_ROLE).name for row in range(self.list.count())]

    def _refill(self) -> None:
        query = self.search.text()
        self.list.clear()
        for template in self._templates:
            if not matches(template, query):
                continue
            title = template.name
            details = [category_text(template.category)]
            if template.shortcut:
                details.append(QKeySequence(template.shortcut).toString(
                    QKeySequence.SequenceFormat.NativeText))
            item = QListWidgetItem(f"{title}  ·  {' · '.join(details)}\n{_preview(template.body)}")
            item.setData(RECORD_ROLE, template)
            item.setToolTip(template.body)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        if not self._templates:
            self.empty.setText(self.tr("No templates yet. Make them on the Templates screen."))
        else:
            self.empty.setText(self.tr("No template matches these words."))
        self.empty.setVisible(self.list.count() == 0)
        self.list.setVisible(self.list.count() > 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrows and Enter in the search field work the list, so typing never stops."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self.list.keyPressEvent(event)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.list.currentItem()
                if item is not None:
                    self._on_list_item_activated(item)
                return True
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
        return super().eventFilter(watched, event)

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        template = item.data(RECORD_ROLE)
        self.close()
        self.templateChosen.emit(template)
