"""The friendly page a screen shows when it has nothing yet: what will be here, how to start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.ui.look import make_secondary
from app.ui.resources import icon

# Wide enough for two or three calm lines of explanation, narrow enough to read at a glance.
TEXT_WIDTH_EM = 36


class EmptyState(QWidget):
    def __init__(self, icon_name: str, title: str, text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        picture = QLabel(self)
        picture.setPixmap(icon(icon_name).pixmap(56, 56))
        picture.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title = QLabel(title, self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        make_secondary(self.text)

        # Word-wrapped labels only get their full height when the layout gives them a width
        # (no alignment flag on addWidget), so they sit in a column of bounded width, centred
        # by stretches on both sides.
        column = QWidget(self)
        column.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * TEXT_WIDTH_EM)
        column_layout = QVBoxLayout(column)
        self._column = column_layout
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(8)
        column_layout.addWidget(picture)
        column_layout.addSpacing(4)
        column_layout.addWidget(self.title)
        column_layout.addWidget(self.text)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)

    def add_widget(self, widget: QWidget) -> None:
        """A way to start (a button) under the explanation, centred."""
        self._column.addSpacing(8)
        self._column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)

    def set_text(self, title: str, text: str) -> None:
        self.title.setText(title)
        self.text.setText(text)
