"""The shop's social-media policy beside the composer: "never say" phrases marked in the text as
the owner types, a warning that must be acknowledged before Send, and the reminders.

Where the phrases are comes from app.core.policy (character offsets into the reply); this module
only paints and words them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QCheckBox, QLabel, QToolButton, QVBoxLayout, QWidget

from app.core.policy import PolicyMatch, check
from app.ui.look import make_secondary, make_warning


def _utf16(text: str, index: int) -> int:
    """A character offset as Qt counts it (UTF-16 units: an emoji is two)."""
    return len(text[:index].encode("utf-16-le")) // 2


class PolicyHighlighter(QSyntaxHighlighter):
    """Marks every "never say" phrase in the document, also one that spans two lines."""

    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self._phrases: tuple[str, ...] = ()
        self._text: str | None = None
        self._starts: list[int] = []
        self._matches: tuple[PolicyMatch, ...] = ()
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        self._format = QTextCharFormat()
        self._format.setBackground(QColor("#6d3a00" if dark else "#ffe0b2"))
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._format.setUnderlineColor(QColor("#ef9a9a" if dark else "#c62828"))

    def set_phrases(self, phrases: Sequence[str]) -> None:
        self._phrases = tuple(phrases)
        self._text = None
        self.rehighlight()

    def _refresh(self) -> None:
        """The whole document's matches, found once per change of its text."""
        lines: list[str] = []
        block = self.document().begin()
        while block.isValid():
            lines.append(block.text())
            block = block.next()
        text = "\n".join(lines)
        if text == self._text:
            return
        self._text = text
        self._starts = []
        position = 0
        for line in lines:
            self._starts.append(position)
            position += len(line) + 1
        self._matches = check(text, self._phrases) if self._phrases else ()

    def highlightBlock(self, text: str) -> None:
        if not self._phrases:
            return
        self._refresh()
        number = self.currentBlock().blockNumber()
        if number >= len(self._starts):
            return
        start = self._starts[number]
        end = start + len(text)
        for match in self._matches:
            if match.end <= start or match.start >= end:
                continue
            first, last = max(match.start, start) - start, min(match.end, end) - start
            begin = _utf16(text, first)
            self.setFormat(begin, _utf16(text, last) - begin, self._format)


class PolicyWarning(QWidget):
    """Names the phrases found; Send waits for "I have read the policy warning"."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._found: tuple[str, ...] = ()
        self._acknowledged: frozenset[str] = frozenset()
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        make_warning(self.label)
        self.acknowledge = QCheckBox(self.tr("I have read the policy warning"), self)
        self.acknowledge.toggled.connect(self._on_acknowledge_toggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.acknowledge)
        self.hide()

    @property
    def found(self) -> tuple[str, ...]:
        return self._found

    def set_found(self, phrases: Sequence[str]) -> None:
        """The phrases now in the reply. A phrase not yet acknowledged asks again, and so does
        one that comes back after the reply was free of them."""
        self._found = tuple(phrases)
        if not self._found or not set(self._found) <= self._acknowledged:
            self.acknowledge.setChecked(False)
        if self._found:
            separator = self.tr(", ")  # Japanese lists with "、"
            names = separator.join(self.tr("“{phrase}”").format(phrase=p) for p in self._found)
            if len(self._found) == 1:
                text = self.tr("Your reply says {phrases}, which the shop's policy says never "
                               "to say. Reword it, or confirm that you mean it.")
            else:
                text = self.tr("Your reply says {phrases}, which the shop's policy says never "
                               "to say. Reword them, or confirm that you mean them.")
            self.label.setText(text.format(phrases=names))
        self.setVisible(bool(self._found))
        self.changed.emit()

    def cleared(self) -> bool:
        """Nothing from the list is in the reply, or the owner has read the warning."""
        return not self._found or self.acknowledge.isChecked()

    def _on_acknowledge_toggled(self, checked: bool) -> None:
        self._acknowledged = frozenset(self._found) if checked else frozenset()
        self.changed.emit()


class PolicyReminders(QWidget):
    """The policy's reminders (Settings, one a line) under a header that folds them away."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reminders: list[str] = []
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)  # shown until the owner folds them away
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self.list = QLabel(self)
        self.list.setWordWrap(True)
        self.list.setTextFormat(Qt.TextFormat.PlainText)
        self.list.setIndent(18)
        make_secondary(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.list)
        self.set_reminders("")

    def set_reminders(self, text: str) -> None:
        self._reminders = [line.strip() for line in text.splitlines() if line.strip()]
        self.list.setText("\n".join(f"• {line}" for line in self._reminders))
        self.setVisible(bool(self._reminders))
        self._on_toggle_toggled(self.toggle.isChecked())

    def _on_toggle_toggled(self, open_: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        count = len(self._reminders)
        if count == 1:
            self.toggle.setText(self.tr("Policy reminder"))
        else:
            self.toggle.setText(self.tr("Policy reminders ({count})").format(count=count))
        self.list.setVisible(open_)
