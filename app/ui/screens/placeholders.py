"""Screens whose features arrive in later versions: each says what will be there."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.ui.screens.empty_state import EmptyState


class _Placeholder(QWidget):
    def __init__(self, icon_name: str, title: str, text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.empty_state = EmptyState(icon_name, title, text, self)
        layout.addWidget(self.empty_state)


class ReportsScreen(_Placeholder):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "reports",
            self.tr("No weekly summary yet"),
            self.tr("A summary of each week — mentions, response times, complaints answered — "
                    "will appear here, ready to export as PDF and CSV."),
            parent,
        )

