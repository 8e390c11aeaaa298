"""Pieces of the reply composer that are not the text itself: what is being answered, the
complaint hint with its templates, where a sent reply stands, and the composer's own sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.model import OutboxEntry, OutboxState, TemplateRecord
from app.core.templates import TemplateError
from app.ui import messages, template_words
from app.ui.inbox_model import local_datetime
from app.ui.look import make_error, make_secondary, make_warning

QUOTE_LINES = 2
QUOTE_CHARS = 160
HINT_TEMPLATES = 3  # buttons in the complaint hint, at most

translate = QCoreApplication.translate  # lupdate reads translate("Composer", "...")


def quote_text(text: str) -> str:
    """The first lines of the mention, enough to recall it beside the reply."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    quoted = "\n".join(lines[:QUOTE_LINES])
    if len(quoted) > QUOTE_CHARS:
        return quoted[:QUOTE_CHARS - 1].rstrip() + "…"
    return quoted + ("…" if len(lines) > QUOTE_LINES else "")


def template_broken(name: str, error: TemplateError, body: str) -> str:
    """A template with a mistake in its braces: nothing was inserted."""
    return translate(
        "Composer", "The template “{name}” was not inserted: {problem} Fix it on the Templates "
        "screen.").format(name=name, problem=template_words.syntax_error(error, body))


def template_needs_values(name: str) -> str:
    return translate(
        "Composer", "The template “{name}” was not inserted: it needs a value that is "
        "empty.").format(name=name)


def too_late_to_undo() -> str:
    return translate("Composer", "Too late to undo: the reply has already left.")


def reply_copied() -> str:
    return translate(
        "Composer", "Reply copied. Paste it on the page that opens with Open in Browser.")


def draft_not_saved() -> str:
    return translate(
        "Composer", "The draft could not be saved; your text is still here. The details "
        "are in the log file.")


class ComplaintHint(QFrame):
    """For a complaint: "move it to a private channel", with the templates that do."""

    templateChosen = Signal(object)  # TemplateRecord

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self.tr("A complaint: apologise plainly, and offer to continue by "
                                    "email or phone."), self)
        self.label.setWordWrap(True)
        make_warning(self.label)
        self.buttons: list[QPushButton] = []
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(3)
        layout.addWidget(self.label)
        layout.addLayout(self._row)
        self.hide()

    def set_templates(self, templates: Sequence[TemplateRecord]) -> None:
        """The templates to offer, in order; none: no hint."""
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        for template in templates[:HINT_TEMPLATES]:
            button = QPushButton(template.name, self)
            button.setToolTip(template.body)
            button.clicked.connect(lambda _=False, t=template: self.templateChosen.emit(t))
            self._row.insertWidget(self._row.count() - 1, button)
            self.buttons.append(button)
        self.setVisible(bool(self.buttons))


class ReplyStatus(QFrame):
    """Where the reply stands once it is in the outbox, with what can be done about it."""

    resendRequested = Signal()
    openRequested = Signal(str)  # the sent reply's address

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._url = ""
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setMinimumWidth(1)
        self.button = QPushButton(self)
        self.button.clicked.connect(self._on_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.state: OutboxState | None = None
        self.hide()

    def show_entry(self, entry: OutboxEntry, *, sending: bool = False) -> None:
        self.state = entry.state
        self._url = entry.remote_url
        self.label.setPalette(self.palette())
        button = ""
        if entry.state is OutboxState.SENT:
            when = entry.sent_at or entry.updated_at
            self.label.setText(self.tr("Sent at {time}.").format(time=_time(when)))
            if QUrl(entry.remote_url).scheme().lower() in ("http", "https"):
                button = self.tr("Open Reply")
        elif entry.state is OutboxState.FAILED:
            self.label.setText(self.tr("Not sent: {reason}").format(
                reason=messages.send_error(entry.error)))
            make_error(self.label)
            button = self.tr("Edit and Resend")
        elif entry.state is OutboxState.QUEUED and entry.error:
            when = _time(entry.due_at) if entry.due_at is not None else ""
            self.label.setText(self.tr("Not sent yet: {reason} Community Desk tries again at "
                                       "{time}; your reply is kept.").format(
                reason=messages.send_error(entry.error), time=when))
            make_warning(self.label)
        elif entry.state in (OutboxState.QUEUED, OutboxState.SENDING) or sending:
            self.label.setText(self.tr("Sending…"))
            make_secondary(self.label)
        self.button.setText(button)
        self.button.setVisible(bool(button))
        self.setVisible(entry.state is not OutboxState.DRAFT)

    def _on_button_clicked(self) -> None:
        if self.state is OutboxState.FAILED:
            self.resendRequested.emit()
        elif self._url:
            self.openRequested.emit(self._url)


def _time(moment: datetime) -> str:
    return QLocale().toString(local_datetime(moment).time(), QLocale.FormatType.ShortFormat)


LANGUAGES = (("auto", ""), ("ja", "日本語"), ("en", "English"))  # endonyms, never translated


class ReplyOptions(QWidget):
    """The language the reply is marked as, and (Mastodon) whether it goes as a direct message."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox(self)
        for value, name in LANGUAGES:
            self.language.addItem(name or self.tr("Auto"), value)
        self.language.setToolTip(self.tr("The language the reply is marked as"))
        self.language.setAccessibleName(self.tr("Reply language"))
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.language.currentIndexChanged.connect(self.changed)
        self.language_label = QLabel(self.tr("&Language:"), self)
        self.language_label.setBuddy(self.language)
        self.direct = QCheckBox(self.tr("Send as a &direct message"), self)
        self.direct.setToolTip(self.tr("Only the customer sees the reply: take the "
                                       "conversation private"))
        self.direct.toggled.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.language_label)
        layout.addWidget(self.language)
        layout.addSpacing(8)
        layout.addWidget(self.direct)

    def set_network(self, *, can_send: bool, can_direct: bool) -> None:
        for widget in (self.language, self.language_label):
            widget.setVisible(can_send)
        self.direct.setVisible(can_send and can_direct)

    def set_values(self, direct: bool, language: str) -> None:
        """Without `changed`: what is shown is what is saved."""
        blocked = self.blockSignals(True)
        for widget in (self.direct, self.language):
            widget.blockSignals(True)
        self.direct.setChecked(direct)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        for widget in (self.direct, self.language):
            widget.blockSignals(False)
        self.blockSignals(blocked)

    def values(self) -> tuple[bool, str]:
        """(direct, "auto" | "ja" | "en")."""
        return (self.direct.isChecked() and not self.direct.isHidden(),
                str(self.language.currentData()))

    def show_guess(self, code: str) -> None:
        """"Auto (日本語)": what Auto will mark this text as."""
        name = dict(LANGUAGES).get(code, "")
        self.language.setItemText(0, self.tr("Auto ({language})").format(language=name)
                                  if name else self.tr("Auto"))
