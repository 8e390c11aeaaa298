"""The shop's rules in Settings: the words that flag a mention, and the "never say" list.

One tab per list keeps the page short. Each edit saves the whole list through RulesService on
the database worker; what the service kept (cleaned, without repeats) is shown back, unless a
newer edit is already on its way.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.core.model import RuleKind
from app.services.rules import RulesService
from app.ui import messages
from app.ui.look import make_error, make_secondary
from app.ui.tasks import Tasks
from app.ui.widgets.phrase_list import PhraseListEditor

log = logging.getLogger(__name__)


class RulesEditor(QWidget):
    def __init__(self, rules: RulesService, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rules = rules
        self._tasks = tasks
        self._edits = dict.fromkeys(RuleKind, 0)  # the latest edit of each list, by number
        self.loaded = False

        intro = QLabel(self.tr(
            "New mentions containing these words are flagged; English words match whole "
            "words, Japanese anywhere. Mentions already in the inbox keep their flags."), self)
        intro.setWordWrap(True)
        make_secondary(intro)

        hints = {
            RuleKind.COMPLAINT: self.tr("Flagged as complaints, which the inbox shows first."),
            RuleKind.QUESTION: self.tr("Flagged as questions."),
            RuleKind.PRAISE: self.tr("Flagged as praise."),
            RuleKind.NEVER_SAY: self.tr(
                "Your social-media policy: words a reply must not contain. The reply editor "
                "warns you when a reply uses one."),
        }
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.editors: dict[RuleKind, PhraseListEditor] = {}
        for kind in RuleKind:
            page = QWidget(self.tabs)
            hint = QLabel(hints[kind], page)
            hint.setWordWrap(True)
            editor = PhraseListEditor(page)
            editor.phrasesEdited.connect(
                lambda phrases, kind=kind: self._on_editor_phrases_edited(kind, phrases))
            column = QVBoxLayout(page)
            column.addWidget(hint)
            column.addWidget(editor, 1)
            self.tabs.addTab(page, "")
            self.editors[kind] = editor
        self._update_titles()

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        make_error(self.error)
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)

        self.tabs.setEnabled(False)  # until the lists arrive
        rules_service = rules
        self._tasks.db(lambda: {kind: rules_service.phrases(kind) for kind in RuleKind},
                       self._on_loaded, self._on_failed, owner=self)

    def show_list(self, kind: RuleKind) -> PhraseListEditor:
        """Bring one list to the front (tests, and a future "edit never-say words" link)."""
        self.tabs.setCurrentIndex(list(RuleKind).index(kind))
        return self.editors[kind]

    def _update_titles(self) -> None:
        titles = {
            RuleKind.COMPLAINT: self.tr("Complaint ({count})"),
            RuleKind.QUESTION: self.tr("Question ({count})"),
            RuleKind.PRAISE: self.tr("Praise ({count})"),
            RuleKind.NEVER_SAY: self.tr("Never say ({count})"),
        }
        for index, kind in enumerate(RuleKind):
            self.tabs.setTabText(index, titles[kind].format(
                count=len(self.editors[kind].phrases())))

    def _on_loaded(self, lists: dict[RuleKind, list[str]]) -> None:
        for kind, phrases in lists.items():
            self.editors[kind].set_phrases(phrases)
        self.loaded = True
        self.tabs.setEnabled(True)
        self._update_titles()

    def _on_editor_phrases_edited(self, kind: RuleKind, phrases: list[str]) -> None:
        self._edits[kind] += 1
        edit = self._edits[kind]
        rules = self._rules
        self._update_titles()
        self._tasks.db(lambda: rules.set_phrases(kind, phrases),
                       lambda kept: self._on_saved(kind, edit, kept), self._on_failed,
                       owner=self)

    def _on_saved(self, kind: RuleKind, edit: int, kept: list[str]) -> None:
        self.error.hide()
        # An older save coming back must not undo a newer edit on screen.
        if edit == self._edits[kind] and kept != self.editors[kind].phrases():
            self.editors[kind].set_phrases(kept)
            self._update_titles()

    def _on_failed(self, exc: BaseException) -> None:
        log.error("the rules could not be read or saved", exc_info=exc)
        self.error.setText(messages.unexpected_error())
        self.error.show()
