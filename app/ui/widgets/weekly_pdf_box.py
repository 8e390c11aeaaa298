"""Settings → Weekly summary: a folder to save every week's PDF in, on Monday.

Switched on, the folder is asked for at once (a checkbox with nowhere to save is a promise the
app cannot keep); cancelling the question leaves it off. The folder stays shown when switched off,
so switching on again offers the same one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.weeks import InvalidWeek, IsoWeek
from app.ui.look import make_secondary


class WeeklyPdfBox(QGroupBox):
    folderChanged = Signal(str)  # "" when switched off

    def __init__(self, folder: str, saved_week: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Weekly summary"), parent)
        self.enabled = QCheckBox(self.tr("Save the week's summary as a PDF every Monday"), self)
        self.enabled.setChecked(bool(folder))
        self.enabled.toggled.connect(self._on_toggled)
        self.folder = QLineEdit(folder, self)
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText(self.tr("No folder chosen"))
        self.folder.setAccessibleName(self.tr("Folder for weekly summaries"))
        self.choose = QPushButton(self.tr("Choose Folder…"), self)
        self.choose.clicked.connect(self._choose)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        make_secondary(self.hint)
        self._saved_week = saved_week
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        column = QVBoxLayout(self)
        column.addWidget(self.enabled)
        column.addLayout(row)
        column.addWidget(self.hint)
        self._show_state()

    def set_saved_week(self, week: str) -> None:
        self._saved_week = week
        self._show_state()

    def _on_toggled(self, on: bool) -> None:
        if on and not self.folder.text() and not self._ask_folder():
            blocked = self.enabled.blockSignals(True)  # no folder: it stays off
            self.enabled.setChecked(False)
            self.enabled.blockSignals(blocked)
            return
        self._show_state()
        self.folderChanged.emit(self.folder.text() if on else "")

    def _choose(self) -> None:
        if self._ask_folder():
            if self.enabled.isChecked():
                self.folderChanged.emit(self.folder.text())
            else:
                self.enabled.setChecked(True)  # choosing a folder means "save here"

    def _ask_folder(self) -> bool:
        start = self.folder.text() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Save Weekly Summaries In"), start)
        if not chosen:
            return False
        self.folder.setText(str(Path(chosen)))
        return True

    def _show_state(self) -> None:
        on = self.enabled.isChecked()
        self.folder.setEnabled(on)
        if not on:
            self.hint.setText(self.tr("Each PDF is named after the shop and the week, such as "
                                      "“2026-W47”. A Monday the computer is off is caught up "
                                      "the next time Community Desk starts."))
            return
        try:
            week = IsoWeek.parse(self._saved_week)
        except InvalidWeek:
            self.hint.setText(self.tr("Last week's summary is saved here shortly after "
                                      "Community Desk starts, then each Monday."))
            return
        self.hint.setText(self.tr("Saved here each Monday. The latest: week {week} of {year}.")
                          .format(week=week.week, year=week.year))
