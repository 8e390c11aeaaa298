"""The Qt binding itself: a fault there takes the whole app down, whatever our code does.

PySide6 6.12.0 took one reference from None on every call of a method that returns nothing
(QWidget.update, QPainter.setPen...). Before Python 3.12, where None is not immortal, the
process then aborts ("none_dealloc") after some thousands of paints: minutes of scrolling or a
calendar left open. pyproject.toml keeps such a build out; this test fails if one comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget


def test_calls_returning_nothing_leave_none_alone(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    before = sys.getrefcount(None)
    for _ in range(200):
        widget.update()
        painter = QPainter(image)
        painter.setPen(QColor("red"))
        painter.drawLine(0, 0, 7, 7)
        painter.end()
    # A few references may come and go with the interpreter's own bookkeeping, never hundreds.
    assert sys.getrefcount(None) - before > -50
