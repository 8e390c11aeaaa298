"""Puts a template into the reply at the cursor, filled in for the mention being answered.

The shop profile and the mention fill the known variables (TemplatesService.values_for); what
they leave empty, and the owner's own variables ({order_number}), are asked for first in a small
dialog. A template with a mistake in its braces inserts nothing and says so. Each template's own
shortcut works while the composer has the keyboard, ahead of any window shortcut.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from app.core import templates as syntax
from app.core.model import MentionDetail, TemplateRecord
from app.core.settings import Settings
from app.services.templates import TemplatesService
from app.ui.dialogs.fill_in import FillInDialog
from app.ui.tasks import Tasks
from app.ui.widgets.composer_parts import template_broken, template_needs_values

log = logging.getLogger(__name__)


class TemplateInserter(QObject):
    problem = Signal(str)  # one sentence: why nothing was inserted

    def __init__(self, editor: QPlainTextEdit, service: TemplatesService, tasks: Tasks,
                 today: Callable[[], date], parent: QWidget) -> None:
        super().__init__(parent)
        self._editor = editor
        self._service = service
        self._tasks = tasks
        self._today = today
        self._dialog_parent = parent
        self._detail: MentionDetail | None = None
        self._settings = Settings()
        self._shortcuts: dict[str, TemplateRecord] = {}

    def set_reply(self, detail: MentionDetail, settings: Settings,
                  templates: Sequence[TemplateRecord]) -> None:
        self._detail = detail
        self._settings = settings
        self._shortcuts = {QKeySequence(t.shortcut).toString(): t for t in templates
                           if t.shortcut}

    def watch(self, widget: QWidget) -> None:
        """Template shortcuts work while `widget` has the keyboard."""
        widget.installEventFilter(self)

    def insert(self, template: TemplateRecord) -> None:
        detail = self._detail
        if detail is None or self._editor.isReadOnly():
            return
        values = TemplatesService.values_for(detail, self._settings, self._today())
        parsed = syntax.parse(template.body)
        if parsed.errors:
            self.problem.emit(template_broken(template.name, parsed.errors[0], template.body))
            return
        needed = parsed.needs(values)
        if not needed:
            self._insert_rendered(template, values)
            return
        dialog = FillInDialog(template.name, needed, self._dialog_parent)
        dialog.accepted.connect(
            lambda: self._insert_rendered(template, {**values, **dialog.values()}))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def _insert_rendered(self, template: TemplateRecord, values: dict[str, str]) -> None:
        try:
            text = syntax.render(template.body, values)
        except syntax.TemplateSyntaxError as exc:
            self.problem.emit(template_broken(template.name, exc.errors[0], template.body))
            return
        except syntax.MissingValues:
            self.problem.emit(template_needs_values(template.name))
            return
        self._editor.textCursor().insertText(text)
        self._editor.setFocus(Qt.FocusReason.OtherFocusReason)
        service, template_id = self._service, template.id
        self._tasks.db(lambda: service.record_use(template_id), None,
                       lambda exc: log.warning("a template's use was not counted",
                                               exc_info=exc), owner=self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Claim the key before the window's shortcuts see it (ShortcutOverride), then act on
        the key press itself."""
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            # Plain and shifted keys are typing, never a template.
            if modifiers & ~Qt.KeyboardModifier.ShiftModifier:
                pressed = QKeySequence(event.key() | modifiers.value).toString()
                template = self._shortcuts.get(pressed)
                if template is not None:
                    event.accept()
                    if event.type() == QEvent.Type.KeyPress:
                        self.insert(template)
                    return True
        return super().eventFilter(watched, event)
