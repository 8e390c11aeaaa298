"""The reply composer, beside the mention being answered (Enter or R in the inbox).

It counts as the network counts, marks the policy's "never say" phrases, inserts templates
(Ctrl+T, or each template's own shortcut), and saves the draft as the owner types. Send writes
the reply to the outbox with an undo window; the outbox runner sends it, and the pane follows
it to "sent" or says why it is waiting or failed. For a feed item there is nothing to send to:
the reply is copied, and the item opened in the browser.

Nothing typed is lost: every path that does not send leaves the text in the editor and in the
draft, and an error is one sentence under the text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.model import (
    Flag,
    Network,
    OutboxEntry,
    OutboxState,
    TemplateRecord,
)
from app.core.policy import check, phrases_in
from app.core.replytext import guess_language, reply_prefix
from app.core.textcount import count
from app.core.timefmt import utc_now
from app.services.outbox import OutboxService, ReplyProblem
from app.services.reply_context import ReplyContext, ReplyContextService
from app.ui import messages
from app.ui.look import make_error, make_secondary
from app.ui.tasks import Tasks
from app.ui.widgets import composer_parts as parts
from app.ui.widgets.composer_parts import ComplaintHint, ReplyOptions, ReplyStatus, quote_text
from app.ui.widgets.policy_box import PolicyHighlighter, PolicyReminders, PolicyWarning
from app.ui.widgets.safe_text_browser import OpenUrl, open_in_browser
from app.ui.widgets.template_inserter import TemplateInserter
from app.ui.widgets.template_picker import TemplatePicker
from app.ui.widgets.text_counter import TextCounter, over_limit_text
from app.ui.widgets.undo_bar import UndoBar

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 400  # typing pauses this long before the draft is written


@dataclass(frozen=True)
class ComposerServices:
    """What the composer works with, handed in by the window."""

    context: ReplyContextService
    outbox: Callable[[], OutboxService]  # built on first use; called on the database worker
    poke: Callable[[], None] = lambda: None  # the outbox runner: a reply is due (or taken back)
    open_url: OpenUrl | None = None
    today: Callable[[], date] = field(default=date.today)


class ComposerPane(QWidget):
    closed = Signal()  # Esc, the close button, or another mention chosen while writing
    statusMessage = Signal(str)

    def __init__(self, services: ComposerServices, tasks: Tasks,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._wanted: int | None = None  # the mention asked for; other answers are stale
        self._reply: ReplyContext | None = None
        self._entry: OutboxEntry | None = None  # the reply once it is in the outbox
        self._prefix = ""
        self._saved: tuple[str, bool, str] = ("", False, "")  # what the draft holds now
        self._sending = False

        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close the reply; the draft is kept (Esc)"))
        self.close_button.setAccessibleName(self.tr("Close Reply"))
        self.close_button.clicked.connect(self.close_composer)
        self.quote = QLabel(self)
        self.quote.setWordWrap(True)
        make_secondary(self.quote)
        for label in (self.title, self.quote):  # text from strangers: never rich text
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setMinimumWidth(1)
        self.hint = ComplaintHint(self)
        self.hint.templateChosen.connect(self.insert_template)
        self.reminders = PolicyReminders(self)

        self.editor = QPlainTextEdit(self)
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName(self.tr("Reply"))
        self.editor.setMinimumHeight(self.editor.fontMetrics().lineSpacing() * 4 + 12)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.highlighter = PolicyHighlighter(self.editor.document(), self.palette())
        self.policy = PolicyWarning(self)
        self.policy.changed.connect(self._update_send)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)

        self.options = ReplyOptions(self)
        self.options.changed.connect(self._on_options_changed)
        self.language, self.direct = self.options.language, self.options.direct
        self.counter = TextCounter(self)
        self.templates_button = QPushButton(self.tr("&Templates…"), self)
        self.templates_button.setToolTip(self.tr("Insert a saved reply (Ctrl+T)"))
        self.templates_button.clicked.connect(self.open_picker)
        self.send_button = QPushButton(self.tr("&Send"), self)
        self.send_button.setDefault(True)
        self.send_button.setToolTip(self.tr("Send the reply (Ctrl+Enter)"))
        self.send_button.clicked.connect(self.send)
        self.copy_button = QPushButton(self.tr("&Copy Reply"), self)
        self.copy_button.setToolTip(self.tr("Copy the reply, to paste it on the page"))
        self.copy_button.clicked.connect(self.copy_reply)
        self.open_button = QPushButton(self.tr("Open in &Browser"), self)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.undo_bar = UndoBar(self)
        self.undo_bar.undoRequested.connect(self.undo)
        self.undo_bar.elapsed.connect(self._on_undo_bar_elapsed)
        self.status = ReplyStatus(self)
        self.status.resendRequested.connect(self._on_resend_requested)
        self.status.openRequested.connect(self._on_status_open_requested)
        self.picker = TemplatePicker(self)
        self.picker.templateChosen.connect(self.insert_template)
        self.inserter = TemplateInserter(self.editor, services.context.templates, tasks,
                                         services.today, self)
        self.inserter.problem.connect(self._show_problem)
        for widget in (self.editor, self.templates_button, self.send_button, self.language,
                       self.direct, self.copy_button, self.open_button):
            self.inserter.watch(widget)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.close_button)
        # What can be done while writing; put away once the reply is in the outbox.
        self.controls = QWidget(self)
        options = QHBoxLayout()
        options.addWidget(self.options, 1)
        options.addWidget(self.counter)
        actions = QHBoxLayout()
        actions.addWidget(self.templates_button)
        actions.addStretch(1)
        for button in (self.copy_button, self.open_button, self.send_button):
            actions.addWidget(button)
        controls = QVBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(4)
        controls.addLayout(options)
        controls.addLayout(actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.quote)
        layout.addWidget(self.hint)
        layout.addWidget(self.reminders)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.policy)
        layout.addWidget(self.note)
        layout.addWidget(self.controls)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.status)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_draft)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((QKeySequence(Qt.Key.Key_Escape), self.close_composer),
                           (QKeySequence("Ctrl+T"), self.open_picker),
                           (QKeySequence("Ctrl+Return"), self.send),
                           (QKeySequence("Ctrl+Enter"), self.send)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self.hide()

    # Opening and closing -----------------------------------------------------------------------
    @property
    def mention_id(self) -> int | None:
        return self._wanted

    @property
    def reply(self) -> ReplyContext | None:
        """What the composer answers, once read."""
        return self._reply

    @property
    def composing(self) -> bool:
        """Open with text being written (not a reply on its way or sent)."""
        return not self.isHidden() and self._entry is None

    def open_for(self, mention_id: int) -> None:
        """Show the composer on a mention, with its draft, and put the cursor in the text."""
        if not self.isHidden() and self._wanted == mention_id and self._reply is not None:
            self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        self.save_draft()
        self._wanted = mention_id
        self._reply = None
        self.editor.setReadOnly(True)  # until the draft is in, so nothing typed is overwritten
        self.show()
        context, outbox = self._services.context, self._services.outbox
        self._tasks.db(lambda: context.load(mention_id, outbox()),
                       lambda reply: self._on_loaded(mention_id, reply),
                       lambda exc: self._on_load_failed(mention_id, exc), owner=self)

    def close_composer(self) -> None:
        if self.picker.isVisible():
            self.picker.close()
            return
        self.save_draft()
        self.hide()
        self.closed.emit()

    def follow_selection(self, mention_id: int) -> None:
        """Another mention was chosen. A reply being written is saved and put away; a reply on
        its way stays in view (with its Undo) until the owner opens another."""
        if mention_id != self._wanted and self.composing:
            self.save_draft()
            self.hide()
            self.closed.emit()

    def _on_loaded(self, mention_id: int, reply: ReplyContext | None) -> None:
        if mention_id != self._wanted:
            return
        if reply is None:
            self._show_problem(messages.reply_problem("mention_gone"))
            return
        self._reply = reply
        detail, settings = reply.detail, reply.settings
        self.title.setText(self.tr("Reply to {name}").format(
            name=detail.author_name or detail.author_handle))
        self.title.setToolTip(detail.author_handle)
        self.quote.setText(quote_text(detail.text))
        self.highlighter.set_phrases(reply.never_say)
        self.reminders.set_reminders(settings.policy_reminders)
        self.hint.set_templates(
            reply.complaint_templates() if Flag.COMPLAINT in detail.flags else [])
        self.picker.set_templates(reply.templates)
        self.inserter.set_reply(detail, settings, reply.templates)
        can_send = reply.rules is not None
        self.send_button.setVisible(can_send)
        self.options.set_network(can_send=can_send,
                                 can_direct=detail.network is Network.MASTODON)
        self.copy_button.setVisible(not can_send)
        self.open_button.setVisible(not can_send)
        self.open_button.setEnabled(QUrl(detail.url).scheme().lower() in ("http", "https"))
        self.open_button.setToolTip(detail.url)
        self._prefix = reply_prefix(detail.network, detail.author_handle, detail.account_handle)
        draft = reply.draft
        text = draft.text if draft is not None else self._prefix
        direct = draft.direct if draft is not None else False
        language = (draft.language or "auto") if draft is not None else settings.reply_language
        self._saved = (text, direct, language) if draft is not None else (
            self._prefix, False, settings.reply_language)
        self.options.set_values(direct, language)
        self._entry = None
        self.undo_bar.stop()
        self.status.hide()
        self._set_text(text)
        if draft is not None and draft.state is not OutboxState.DRAFT:
            self._show_entry(draft)
        else:
            self._compose()

    def _on_load_failed(self, mention_id: int, exc: BaseException) -> None:
        if mention_id == self._wanted:
            log.error("the composer could not open", exc_info=exc)
            self._show_problem(messages.unexpected_error())

    # Typing ------------------------------------------------------------------------------------
    def _set_text(self, text: str) -> None:
        self.editor.setPlainText(text)
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)

    def _compose(self) -> None:
        """Back to writing: the editor is the owner's again."""
        self._entry = None
        self.status.hide()
        self.undo_bar.stop()
        self.editor.setReadOnly(False)
        self.controls.show()
        self.hint.setVisible(bool(self.hint.buttons))
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self._on_editor_text_changed(save=False)

    def _on_editor_text_changed(self, save: bool = True) -> None:
        text = self.editor.toPlainText()
        if self._reply is not None:
            self.policy.set_found(phrases_in(check(text, self._reply.never_say)))
            self.options.show_guess(guess_language(text))
        self._update_send()
        if save and not self.editor.isReadOnly():
            self._save_timer.start()

    def _on_options_changed(self) -> None:
        if not self.editor.isReadOnly():
            self._save_timer.start()

    def _options(self) -> tuple[str, bool, str]:
        direct, language = self.options.values()
        return self.editor.toPlainText(), direct, language

    def _blank(self, text: str) -> bool:
        return not text.strip() or text.strip() == self._prefix.strip()

    def _update_send(self) -> None:
        reply = self._reply
        text = self.editor.toPlainText()
        counted = count(text, reply.rules) if reply is not None and reply.rules else None
        self.counter.show_count(counted)
        over = over_limit_text(counted, reply.detail.network) \
            if counted is not None and reply is not None else ""
        self.note.setPalette(self.palette())
        if over:
            self.note.setText(over)
            make_error(self.note)
        elif reply is not None and reply.rules is None:
            self.note.setText(self.tr("Feeds take no replies from Community Desk: copy yours, "
                                      "then paste it on the page in your browser."))
            make_secondary(self.note)
        elif self._blank(text) and reply is not None:
            self.note.setText(self.tr("Write your reply, then send it."))
            make_secondary(self.note)
        else:
            self.note.clear()
        self.note.setVisible(bool(self.note.text()))
        ready = (reply is not None and self._entry is None and not self._sending
                 and not self._blank(text) and not over and self.policy.cleared())
        self.send_button.setEnabled(ready)
        self.copy_button.setEnabled(reply is not None and not self._blank(text))

    def save_draft(self) -> None:
        """Write what is typed now (the timer calls this; so do closing and switching)."""
        self._save_timer.stop()
        mention_id = self._wanted
        if mention_id is None or self._reply is None or self._entry is not None \
                or self.editor.isReadOnly():
            return
        wanted = self._options()
        if wanted == self._saved:
            return
        text, direct, language = wanted
        self._saved = wanted
        outbox = self._services.outbox
        blank = self._blank(text)
        language = "" if language == "auto" else language

        def work() -> None:
            if blank:  # nothing of the owner's own: no draft to keep
                outbox().discard_draft(mention_id)
            else:
                outbox().save_draft(mention_id, text, direct=direct, language=language)

        self._tasks.db(work, None, self._on_save_failed, owner=self)

    def _on_save_failed(self, exc: BaseException) -> None:
        self._saved = ("", False, "")  # try again with the next keystroke
        if isinstance(exc, ReplyProblem):
            self._show_problem(self._problem_text(exc))
        else:
            log.error("a draft could not be saved", exc_info=exc)
            self._show_problem(parts.draft_not_saved())

    def _problem_text(self, problem: ReplyProblem) -> str:
        reply = self._reply
        if problem.count is not None and reply is not None:
            return over_limit_text(problem.count, reply.detail.network)
        return messages.reply_problem(problem.code)

    def _show_problem(self, text: str) -> None:
        self.note.setPalette(self.palette())
        self.note.setText(text)
        make_error(self.note)
        self.note.show()

    # Templates ---------------------------------------------------------------------------------
    def open_picker(self) -> None:
        if self._reply is None or self.editor.isReadOnly():
            return
        below = self.templates_button.mapToGlobal(self.templates_button.rect().bottomLeft())
        self.picker.popup(below)

    def insert_template(self, template: TemplateRecord) -> None:
        """Fill the template in and put it at the cursor (asking first for what is missing)."""
        self.inserter.insert(template)

    # Sending -----------------------------------------------------------------------------------
    def send(self) -> None:
        if self._reply is None or self._reply.rules is None or not self.send_button.isEnabled():
            return
        mention_id = self._wanted
        reply = self._reply
        assert mention_id is not None and reply is not None
        text, direct, language = self._options()
        if language == "auto":
            language = guess_language(text)
        delay = timedelta(seconds=reply.settings.undo_seconds)
        self._save_timer.stop()
        self._sending = True
        self._update_send()
        outbox = self._services.outbox
        self._tasks.db(
            lambda: outbox().send(mention_id, text, direct=direct, language=language,
                                  delay=delay),
            lambda entry: self._on_sent(mention_id, entry),
            lambda exc: self._on_send_failed(mention_id, exc), owner=self)

    def _on_sent(self, mention_id: int, entry: OutboxEntry) -> None:
        self._sending = False
        self._saved = self._options()
        self._services.poke()
        if mention_id == self._wanted:
            self._show_entry(entry)

    def _on_send_failed(self, mention_id: int, exc: BaseException) -> None:
        self._sending = False
        if mention_id != self._wanted:
            return
        self._update_send()
        if isinstance(exc, ReplyProblem):
            self._show_problem(self._problem_text(exc))
        else:
            log.error("a reply could not be queued", exc_info=exc)
            self._show_problem(messages.unexpected_error())

    def undo(self) -> None:
        entry = self._entry
        if entry is None:
            return
        outbox = self._services.outbox
        self._tasks.db(lambda: outbox().undo(entry.id),
                       lambda undone: self._on_undone(entry, undone),
                       lambda exc: self._on_undo_failed(entry, exc), owner=self)

    def _on_undone(self, entry: OutboxEntry, undone: OutboxEntry | None) -> None:
        self._services.poke()
        if self._entry is None or self._entry.id != entry.id:
            return
        if undone is None:
            self.statusMessage.emit(parts.too_late_to_undo())
            self.refresh_entry()
            return
        self._saved = (undone.text, undone.direct, undone.language or "auto")
        self._set_text(undone.text)
        self._compose()

    def _on_undo_failed(self, entry: OutboxEntry, exc: BaseException) -> None:
        log.error("a reply could not be taken back", exc_info=exc)
        self.statusMessage.emit(messages.unexpected_error())
        self.refresh_entry()

    def _on_undo_bar_elapsed(self) -> None:
        if self._entry is not None:
            self.status.show_entry(self._entry, sending=True)

    def _show_entry(self, entry: OutboxEntry) -> None:
        """The reply is in the outbox: its countdown, or where it stands."""
        self._entry = entry
        self.editor.setReadOnly(True)
        self.controls.hide()
        self.hint.hide()
        self.note.hide()
        self.policy.hide()
        self._update_send()
        due = entry.due_at
        now = utc_now()
        if entry.state is OutboxState.QUEUED and entry.attempts == 0 and due is not None \
                and due > now:
            self.status.hide()
            self.undo_bar.start((due - now).total_seconds())
        else:
            self.undo_bar.stop()
            self.status.show_entry(entry)

    def refresh_entry(self, changed: list[int] | None = None) -> None:
        """The outbox runner reports these replies changed: read ours again if it is one."""
        entry = self._entry
        if entry is None or (changed is not None and entry.id not in changed):
            return
        outbox = self._services.outbox
        self._tasks.db(lambda: outbox().get(entry.id), self._on_entry_read, owner=self)

    def _on_entry_read(self, entry: OutboxEntry | None) -> None:
        if entry is None or self._entry is None or entry.id != self._entry.id:
            return
        if entry.state is OutboxState.DRAFT:
            self._set_text(entry.text)
            self._compose()
        elif entry.state is OutboxState.QUEUED and self.undo_bar.counting:
            self._entry = entry  # still in its undo window
        else:
            self._show_entry(entry)

    def _on_resend_requested(self) -> None:
        """A failed reply goes back to being a draft (with a new key) for the owner to edit."""
        entry = self._entry
        if entry is None or self._wanted is None:
            return
        self._saved = ("", False, "")
        self._compose()
        self.save_draft()

    def _on_status_open_requested(self, url: str) -> None:
        open_in_browser(QUrl(url), self._services.open_url)

    # Feed items --------------------------------------------------------------------------------
    def copy_reply(self) -> None:
        QGuiApplication.clipboard().setText(self.editor.toPlainText())
        self.statusMessage.emit(parts.reply_copied())

    def _on_open_clicked(self) -> None:
        if self._reply is not None:
            open_in_browser(QUrl(self._reply.detail.url), self._services.open_url)
