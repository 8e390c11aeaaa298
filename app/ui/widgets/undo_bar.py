"""The moment after Send: "Sending in 5 s… Undo", counting down to when the reply leaves.

The reply is already in the outbox with its due time; this bar only shows the time left and
offers Undo. The countdown follows the wall clock (not a count of timer ticks), so a busy UI
thread never makes it lie.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

TICK_MS = 200


class UndoBar(QFrame):
    undoRequested = Signal()
    elapsed = Signal()  # the window closed: the reply is on its way

    def __init__(self, parent: QWidget | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._deadline = 0.0
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setToolTip(self.tr("Take the reply back and keep editing it"))
        self.undo_button.clicked.connect(self._on_undo_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.hide()

    def start(self, seconds: float) -> None:
        self._deadline = self._clock() + seconds
        self.undo_button.setEnabled(True)
        self._timer.start()
        self.show()
        self._on_timer_timeout()

    def stop(self) -> None:
        self._timer.stop()
        self.hide()

    @property
    def counting(self) -> bool:
        return self._timer.isActive()

    def seconds_left(self) -> int:
        return max(0, math.ceil(self._deadline - self._clock()))

    def _on_timer_timeout(self) -> None:
        left = self.seconds_left()
        if left <= 0:
            self.stop()
            self.elapsed.emit()
            return
        self.label.setText(self.tr("Sending in {seconds} s…").format(seconds=left))

    def _on_undo_clicked(self) -> None:
        self._timer.stop()
        self.undo_button.setEnabled(False)
        self.undoRequested.emit()
