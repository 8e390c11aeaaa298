"""Asks for the values a template needs that the app cannot know ({order_number}, {date}).

The composer opens it before inserting such a template; nothing is inserted until every value
has been given, and Cancel inserts nothing at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.templates import KNOWN_VARIABLES
from app.ui import template_words

MAX_VALUE = 200  # a value is a few words: an order number, a date, a product's name


def variable_label(name: str) -> str:
    """A field's label: the shop profile's own name for a known variable left empty there
    ("Contact email"), else the owner's variable made readable ("order_number": "Order number")."""
    if name in KNOWN_VARIABLES:
        return template_words.variable_label(name)
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


class FillInDialog(QDialog):
    def __init__(self, template_name: str, names: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fill In — {name}").format(name=template_name))
        intro = QLabel(self.tr("This template needs a few details before it goes into your "
                               "reply."), self)
        intro.setWordWrap(True)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            edit = QLineEdit(self)
            edit.setMaxLength(MAX_VALUE)
            edit.setAccessibleName(variable_label(name))
            edit.setToolTip("{" + name + "}")
            edit.textChanged.connect(self._update_ok)
            label = QLabel(variable_label(name) + ":", self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.fields[name] = edit
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Insert"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 30)
        self._update_ok()

    def values(self) -> dict[str, str]:
        return {name: " ".join(edit.text().split()) for name, edit in self.fields.items()}

    def _update_ok(self) -> None:
        complete = all(self.values().values())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(complete)
