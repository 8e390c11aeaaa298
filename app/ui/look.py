"""Small touches of the app's look that several screens share, taken from the system palette."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel


def secondary_colour(palette: QPalette) -> QColor:
    """Text that explains rather than states: softer than the window text, still easy to read.

    The palette's PlaceholderText is too faint for sentences people are meant to read, so this
    mixes two thirds window text with one third window background (dark themes included).
    """
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    return QColor(
        (text.red() * 2 + back.red()) // 3,
        (text.green() * 2 + back.green()) // 3,
        (text.blue() * 2 + back.blue()) // 3,
    )


def make_secondary(label: QLabel) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, secondary_colour(palette))
    label.setPalette(palette)


def _make_coloured(label: QLabel, light: str, dark: str) -> None:
    palette = label.palette()
    dark_theme = palette.color(QPalette.ColorRole.Window).lightness() < 128
    palette.setColor(QPalette.ColorRole.WindowText, QColor(dark if dark_theme else light))
    label.setPalette(palette)


def make_error(label: QLabel) -> None:
    """A sentence saying what went wrong: red, readable on light and dark themes alike."""
    _make_coloured(label, "#c62828", "#ef9a9a")


def make_warning(label: QLabel) -> None:
    """A sentence that asks for a second look before going on: amber."""
    _make_coloured(label, "#8a5300", "#ffcc80")
