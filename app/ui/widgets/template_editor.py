"""The Templates screen's editor: name, category, language, shortcut and text of one saved reply.

It knows what was last saved, so it can say whether anything changed (Save and Revert are
enabled only then), and it checks what is typed as it is typed: a mistake in the braces is
marked where it is, with one sentence saying what is wrong, and variables the shop profile
cannot fill are listed, because the composer will ask for them.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core import templates as syntax
from app.core.model import TemplateCategory, TemplateRecord
from app.services.templates import LANGUAGES, MAX_BODY, MAX_NAME, TemplateProblem, name_key
from app.ui import template_words as words
from app.ui.look import make_error, make_secondary
from app.ui.widgets.template_picker import category_text

FIELDS = ("name", "category", "language", "shortcut", "body")

# Keys the app already gives a meaning (the Go menu, Sync, the composer's own keys): a template
# shortcut there would either never fire or take the key away.
RESERVED_SHORTCUTS = frozenset(
    [f"Ctrl+{n}" for n in range(1, 10)]
    + ["F5", "Ctrl+T", "Ctrl+Return", "Ctrl+Enter", "Ctrl+Q", "Ctrl+W"]
)
# Editing keys of the reply box: a template there would take away copy, paste or undo.
STANDARD_KEYS = (
    QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.SelectAll, QKeySequence.StandardKey.Find,
    QKeySequence.StandardKey.Save, QKeySequence.StandardKey.Open, QKeySequence.StandardKey.New,
    QKeySequence.StandardKey.Close, QKeySequence.StandardKey.Quit,
    QKeySequence.StandardKey.Print, QKeySequence.StandardKey.Bold,
    QKeySequence.StandardKey.Italic, QKeySequence.StandardKey.Underline,
    QKeySequence.StandardKey.Refresh, QKeySequence.StandardKey.HelpContents,
    QKeySequence.StandardKey.Delete, QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfWord, QKeySequence.StandardKey.Back,
    QKeySequence.StandardKey.Forward,
)
FUNCTION_KEYS = frozenset(Qt.Key(Qt.Key.Key_F1.value + n) for n in range(35))
COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                     | Qt.KeyboardModifier.MetaModifier)


def portable(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def blank_values(category: TemplateCategory = TemplateCategory.OTHER) -> dict[str, str]:
    return {"name": "", "category": category.value, "language": "", "shortcut": "", "body": ""}


def record_values(record: TemplateRecord) -> dict[str, str]:
    return {"name": record.name, "category": record.category.value,
            "language": record.language, "shortcut": record.shortcut, "body": record.body}


def utf16_offsets(text: str) -> list[int]:
    """Where each character of `text` starts in Qt's UTF-16 positions (one more at the end):
    an emoji before a mistake must not shift its mark."""
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if ord(char) > 0xFFFF else 1))
    return offsets


class TemplateEditor(QWidget):
    changed = Signal()  # a field was edited (or loaded): dirty state and problems may differ
    saveRequested = Signal()
    revertRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved = blank_values()
        self._taken_names: set[str] = set()
        self._taken_shortcuts: set[str] = set()
        self._outside_problem = ""  # from a save that failed, until the next edit
        self._outside_blocks = True  # whether that problem stops the next save
        self._busy = False

        self.name = QLineEdit(self)
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText(self.tr("What the reply is for, e.g. Late delivery"))
        self.category = QComboBox(self)
        for category in TemplateCategory:
            self.category.addItem(category_text(category), category.value)
        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem(words.language_name(code), code)
        self.language.setToolTip(self.tr("The language this template is written in"))
        self.shortcut = QKeySequenceEdit(self)
        self.shortcut.setMaximumSequenceLength(1)
        self.shortcut.setClearButtonEnabled(True)
        self.shortcut.setToolTip(self.tr(
            "Press the keys that insert this template while you write a reply, e.g. Ctrl+Alt+1"))
        # Short, as a key is short, yet wide enough for Qt's own "Press shortcut" prompt.
        prompt = self.shortcut.findChild(QLineEdit)
        prompt_width = prompt.fontMetrics().horizontalAdvance(prompt.placeholderText()) \
            if prompt is not None else 0
        self.shortcut.setMaximumWidth(max(self.fontMetrics().horizontalAdvance("M") * 14,
                                          prompt_width + 56))
        self.body = QPlainTextEdit(self)
        self.body.setTabChangesFocus(True)
        self.body.setAccessibleName(self.tr("Template text"))
        self.body.setPlaceholderText(self.tr(
            "Hi {customer_name|there}, thank you for your message! – {staff_name}"))

        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        make_error(self.problem)
        self.problem.hide()
        self.asked = QLabel(self)
        self.asked.setWordWrap(True)
        self.asked.setTextFormat(Qt.TextFormat.PlainText)
        make_secondary(self.asked)
        self.asked.hide()
        # The example is translated whole (never formatted): its braces are template syntax.
        # On a line of its own, so the wrap never splits it.
        self.hint = QLabel(self.tr(
            "Words in braces are filled in when the reply is written. After a “|” comes what "
            "to write when there is no value.") + "\n" + self.tr("Hi {customer_name|there}!"),
            self)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        make_secondary(self.hint)

        self.variables_menu = QMenu(self)
        for name in syntax.KNOWN_VARIABLES:
            action = self.variables_menu.addAction(
                f"{words.variable_label(name)}   {{{name}}}")
            action.triggered.connect(lambda _=False, n=name: self.insert_variable(n))
        self.variables_button = QPushButton(self.tr("Insert &Variable"), self)
        self.variables_button.setMenu(self.variables_menu)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.saveRequested)
        self.revert_button = QPushButton(self.tr("&Revert"), self)
        self.revert_button.setToolTip(self.tr("Undo every change since the last save"))
        self.revert_button.clicked.connect(self.revertRequested)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("N&ame:"), self.name)
        form.addRow(self.tr("&Category:"), self.category)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("Shor&tcut:"), self.shortcut)
        body_label = QLabel(self.tr("T&ext:"), self)
        body_label.setBuddy(self.body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.variables_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(body_label)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.asked)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)

        self.name.textChanged.connect(self._on_field_changed)
        self.category.currentIndexChanged.connect(self._on_field_changed)
        self.language.currentIndexChanged.connect(self._on_field_changed)
        self.shortcut.keySequenceChanged.connect(self._on_field_changed)
        self.body.textChanged.connect(self._on_field_changed)
        self._refresh()

    # What is in the fields -------------------------------------------------------------------
    def values(self) -> dict[str, str]:
        return {
            "name": self.name.text(),
            "category": str(self.category.currentData()),
            "language": str(self.language.currentData()),
            "shortcut": portable(self.shortcut.keySequence()),
            "body": self.body.toPlainText(),
        }

    def load(self, values: dict[str, str]) -> None:
        """Show a template as saved (or a new one's starting values): nothing is changed yet."""
        self._saved = dict(values)
        self._outside_problem = ""
        self._set_fields(values)
        self._refresh()

    def mark_saved(self, record: TemplateRecord, sent: dict[str, str]) -> None:
        """The service stored `sent`, cleaned (spaces trimmed): show what it keeps, except where
        the owner has typed on meanwhile."""
        stored = record_values(record)
        self._saved = stored
        self._outside_problem = ""
        current = self.values()
        self._set_fields({key: stored[key] if current[key] == sent[key] else current[key]
                          for key in FIELDS})
        self._refresh()

    def revert(self) -> None:
        self.load(self._saved)

    def is_dirty(self) -> bool:
        return self.values() != self._saved

    def set_taken(self, names: Iterable[str], shortcuts: Iterable[str]) -> None:
        """The other templates' names and shortcuts, which this one may not reuse."""
        self._taken_names = {name_key(name) for name in names}
        self._taken_shortcuts = {s.casefold() for s in shortcuts if s}
        self._refresh()

    def set_busy(self, busy: bool) -> None:
        """A save is on its way: a second press would only save twice."""
        self._busy = busy
        self._refresh()

    def show_problem(self, text: str, *, blocks_save: bool = True) -> None:
        """A problem found when saving (the name was taken meanwhile, say). One that does not
        block a save is news: the template was deleted meanwhile, and Save adds it back."""
        self._outside_problem = text
        self._outside_blocks = blocks_save
        self._refresh()

    def insert_variable(self, name: str) -> None:
        self.body.textCursor().insertText(f"{{{name}}}")
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)

    # Checks ----------------------------------------------------------------------------------
    def problem_text(self) -> str:
        """The first thing that stops a save, in one sentence; "" when it can be saved."""
        values = self.values()
        body = values["body"]
        parsed = syntax.parse(body)
        if parsed.errors:
            return words.syntax_error(parsed.errors[0], body)
        if not self.is_dirty():
            return self._outside_problem
        if self._outside_problem:
            return self._outside_problem
        # The service would refuse these; saying so now spares a round trip.
        if not " ".join(values["name"].split()):
            return words.problem(TemplateProblem("empty_name"))
        if name_key(values["name"]) in self._taken_names:
            return words.problem(TemplateProblem("name_taken"))
        if not body.strip():
            return words.problem(TemplateProblem("empty_body"))
        if len(body.strip()) > MAX_BODY:
            return words.problem(TemplateProblem("body_too_long"))
        return self._shortcut_problem(self.shortcut.keySequence())

    def can_save(self) -> bool:
        problem = self.problem_text()
        news = problem and problem == self._outside_problem and not self._outside_blocks
        return self.is_dirty() and (not problem or bool(news))

    def _shortcut_problem(self, sequence: QKeySequence) -> str:
        if sequence.isEmpty():
            return ""
        combination = sequence[0]
        if (not combination.keyboardModifiers() & COMMAND_MODIFIERS
                and combination.key() not in FUNCTION_KEYS):
            return self.tr("Use Ctrl or Alt in the shortcut, so it never gets in the way of "
                           "typing.")
        text = portable(sequence)
        if text in RESERVED_SHORTCUTS or any(
                binding.matches(sequence) == QKeySequence.SequenceMatch.ExactMatch
                for key in STANDARD_KEYS for binding in QKeySequence.keyBindings(key)):
            return self.tr("Community Desk already uses this shortcut: choose another one.")
        if text.casefold() in self._taken_shortcuts:
            return words.problem(TemplateProblem("shortcut_taken"))
        return ""

    # Inside ----------------------------------------------------------------------------------
    def _set_fields(self, values: dict[str, str]) -> None:
        blockers = [QSignalBlocker(w) for w in (self.name, self.category, self.language,
                                                 self.shortcut, self.body)]
        if self.name.text() != values["name"]:
            self.name.setText(values["name"])
        self.category.setCurrentIndex(max(0, self.category.findData(values["category"])))
        self.language.setCurrentIndex(max(0, self.language.findData(values["language"])))
        self.shortcut.setKeySequence(QKeySequence.fromString(
            values["shortcut"], QKeySequence.SequenceFormat.PortableText))
        if self.body.toPlainText() != values["body"]:
            self.body.setPlainText(values["body"])
        del blockers

    def _on_field_changed(self, *_args: object) -> None:
        self._outside_problem = ""
        self._refresh()

    def _refresh(self) -> None:
        body = self.body.toPlainText()
        parsed = syntax.parse(body)
        self._mark(body, parsed)
        problem = self.problem_text()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        unknown = parsed.unknown()
        if unknown:
            self.asked.setText(self.tr("Asked for when used: {names}").format(
                names=", ".join(f"{{{name}}}" for name in unknown)))
        self.asked.setVisible(bool(unknown))
        dirty = self.is_dirty()
        self.save_button.setEnabled(self.can_save() and not self._busy)
        self.revert_button.setEnabled(dirty)
        self.changed.emit()

    def _mark(self, body: str, parsed: syntax.ParsedTemplate) -> None:
        """Colour the variables (known ones like links, the owner's own in amber) and underline
        each mistake in red, as extra selections: they never enter the text or its undo."""
        offsets = utf16_offsets(body)
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        known = QTextCharFormat()
        known.setForeground(self.palette().color(QPalette.ColorRole.Link))
        asked = QTextCharFormat()
        asked.setForeground(QColor("#ffcc80" if dark else "#8a5300"))
        asked.setFontItalic(True)
        wrong = QTextCharFormat()
        wrong.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        wrong.setUnderlineColor(QColor("#ef9a9a" if dark else "#c62828"))
        wrong.setBackground(QColor("#5c2020" if dark else "#fde0e0"))
        selections = []
        spans = [(p.start, p.end, known if p.name in syntax.KNOWN_VARIABLES else asked)
                 for p in parsed.placeholders]
        spans += [(e.start, e.end, wrong) for e in parsed.errors]
        for start, end, char_format in spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.body.document())
            cursor.setPosition(offsets[start])
            cursor.setPosition(offsets[end], QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = char_format  # type: ignore[attr-defined]
            selections.append(selection)
        self.body.setExtraSelections(selections)

    def marks(self) -> list[tuple[int, int, str]]:
        """The marked spans as (start, end, kind) in Qt positions, for tests and screenshots."""
        kinds = []
        for selection in self.body.extraSelections():
            char_format = selection.format  # type: ignore[attr-defined]
            cursor = selection.cursor  # type: ignore[attr-defined]
            kind = ("error" if char_format.underlineStyle()
                    == QTextCharFormat.UnderlineStyle.WaveUnderline
                    else "asked" if char_format.fontItalic() else "known")
            kinds.append((cursor.selectionStart(), cursor.selectionEnd(), kind))
        return kinds
