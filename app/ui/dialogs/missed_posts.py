"""Missed posts: shown at start when planned posts' times passed while Community Desk was not
running. A post is never published silently late, so each waits here for the owner: Post Now,
Reschedule… (a new time in their zone) or Discard.

Each answer runs on the network pool through the posts service; the post leaves the list once
it went through, and the dialog closes when nothing is left. A refusal stays on the post's row
in one sentence, and the post stays missed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.model import OutboxState, PostRecord
from app.core.timefmt import utc_now
from app.ui import messages, post_words
from app.ui.confirm import confirm_destructive
from app.ui.look import make_error, make_secondary
from app.ui.post_time import (
    ChooseInstant,
    date_time_text,
    from_qdatetime,
    local_now,
    next_hour,
    resolve_local,
    to_qdatetime,
    zone_name,
)
from app.ui.widgets.text_counter import network_name

if TYPE_CHECKING:
    from app.services.posts import PostsService
    from app.ui.tasks import Tasks

log = logging.getLogger(__name__)

PREVIEW_LINES = 2
PREVIEW_CHARS = 160

# Asks the owner for a post's new wall-clock time (naive, their zone); None: they cancelled.
AskTime = Callable[[PostRecord, datetime], "datetime | None"]


def preview(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    shown = "\n".join(lines[:PREVIEW_LINES])
    if len(shown) > PREVIEW_CHARS:
        return shown[:PREVIEW_CHARS - 1].rstrip() + "…"
    return shown + ("…" if len(lines) > PREVIEW_LINES else "")


class RescheduleDialog(QDialog):
    """A new date and time for a missed post, in the owner's zone."""

    def __init__(self, initial: datetime, zone: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reschedule Post"))
        label = QLabel(self.tr("Publish it &at:"), self)
        self.when = QDateTimeEdit(self)
        self.when.setTimeZone(to_qdatetime(initial).timeZone())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(post_words.date_time_format())
        self.when.setDateTime(to_qdatetime(initial))
        label.setBuddy(self.when)
        zone_label = QLabel(self.tr("Your time zone: {zone}").format(zone=zone_name(zone)), self)
        make_secondary(zone_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reschedule"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.when, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(zone_label)
        layout.addWidget(buttons)

    def local_time(self) -> datetime:
        return from_qdatetime(self.when.dateTime())


class _MissedRow(QFrame):
    """One missed post: when it was meant to go out, where, what it says, and the three ways
    on."""

    def __init__(self, record: PostRecord, zone: tzinfo, parent: QWidget) -> None:
        super().__init__(parent)
        self.record = record
        self.setFrameShape(QFrame.Shape.StyledPanel)
        when = (date_time_text(record.scheduled_at.astimezone(zone).replace(tzinfo=None))
                if record.scheduled_at is not None else "")
        self.when = QLabel(self.tr("Planned for {when}").format(when=when), self)
        font = self.when.font()
        font.setBold(True)
        self.when.setFont(font)
        missed = [t for t in record.targets if t.state is OutboxState.MISSED]
        where = ", ".join(
            self.tr("{account} ({network})").format(account=t.handle, network=network_name(
                t.network)) if t.network is not None else t.handle for t in missed)
        self.where = QLabel(self.tr("Not published on {accounts}").format(accounts=where), self)
        make_secondary(self.where)
        self.text = QLabel(preview(record.text), self)
        self.text.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        make_error(self.error)
        self.error.hide()
        for label in (self.when, self.where, self.text, self.error):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setMinimumWidth(1)
        self.post_now_button = QPushButton(self.tr("Post &Now"), self)
        self.reschedule_button = QPushButton(self.tr("&Reschedule…"), self)
        self.discard_button = QPushButton(self.tr("&Discard"), self)
        self.discard_button.setToolTip(self.tr("Give it up: it is not published"))
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.when)
        words.addWidget(self.where)
        words.addWidget(self.text)
        words.addWidget(self.error)
        buttons = QVBoxLayout()
        buttons.setSpacing(4)
        for button in (self.post_now_button, self.reschedule_button, self.discard_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(words, 1)
        layout.addLayout(buttons)

    def set_busy(self, busy: bool) -> None:
        for button in (self.post_now_button, self.reschedule_button, self.discard_button):
            button.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class MissedPostsDialog(QDialog):
    postsChanged = Signal()  # posted, rescheduled or discarded: the calendar reads again

    def __init__(self, records: Sequence[PostRecord], posts: Callable[[], PostsService],
                 tasks: Tasks, *, zone: tzinfo, parent: QWidget | None = None,
                 clock: Callable[[], datetime] = utc_now, choose: ChooseInstant | None = None,
                 ask_time: AskTime | None = None) -> None:
        super().__init__(parent)
        self._posts = posts
        self._tasks = tasks
        self._zone = zone
        self._clock = clock
        self._choose = choose
        self._ask_time = ask_time or self._ask_new_time
        self.rows: dict[int, _MissedRow] = {}
        self.setWindowTitle(self.tr("Missed Posts"))
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self._list = QWidget(self)
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Decide Later"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip(self.tr(
            "They stay missed, on the calendar, until you choose"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(max(em * 46, 560), max(self.fontMetrics().height() * 24, 420))
        self.set_records(records)

    @property
    def post_ids(self) -> list[int]:
        return list(self.rows)

    def set_records(self, records: Sequence[PostRecord]) -> None:
        """Show these missed posts (new ones are added; ones no longer missed leave)."""
        wanted = {record.id: record for record in records}
        for post_id in [i for i in self.rows if i not in wanted]:
            self._remove(post_id, close_when_empty=False)
        for record in records:
            if record.id not in self.rows:
                row = _MissedRow(record, self._zone, self._list)
                row.post_now_button.clicked.connect(lambda _=False, i=record.id: self.post_now(i))
                row.reschedule_button.clicked.connect(
                    lambda _=False, i=record.id: self.reschedule(i))
                row.discard_button.clicked.connect(lambda _=False, i=record.id: self.discard(i))
                self._list_layout.insertWidget(self._list_layout.count() - 1, row)
                self.rows[record.id] = row
        self._update_intro()

    def _update_intro(self) -> None:
        count = len(self.rows)
        self.intro.setText(
            self.tr("1 planned post was not published: its time passed while Community Desk "
                    "was not running. Nothing goes out late without you.") if count == 1 else
            self.tr("%n planned posts were not published: their time passed while Community "
                    "Desk was not running. Nothing goes out late without you.", "", count))

    # The three ways on -----------------------------------------------------------------------
    def post_now(self, post_id: int) -> None:
        posts = self._posts
        self._run(post_id, lambda: posts().post_now(post_id))

    def reschedule(self, post_id: int) -> None:
        row = self.rows.get(post_id)
        if row is None:
            return
        local = self._ask_time(row.record, next_hour(local_now(self._clock, self._zone)))
        if local is None:
            return
        at = resolve_local(local, self._zone, self, choose=self._choose)
        if at is None:
            return
        posts = self._posts
        self._run(post_id, lambda: posts().reschedule(post_id, at))

    def discard(self, post_id: int) -> None:
        row = self.rows.get(post_id)
        if row is None or not self.ask_discard(row.record):
            return
        posts = self._posts
        self._run(post_id, lambda: posts().discard_missed(post_id))

    def ask_discard(self, record: PostRecord) -> bool:
        return confirm_destructive(
            self, self.tr("Discard Post"),
            self.tr("Discard the post “{text}”?").format(text=post_words.short(record.text)),
            self.tr("It is not published, and its text is gone."), self.tr("Discard"))

    def _ask_new_time(self, _record: PostRecord, initial: datetime) -> datetime | None:
        dialog = RescheduleDialog(initial, self._zone, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.local_time()
        dialog.deleteLater()
        return chosen if accepted else None

    def _run(self, post_id: int, work: Callable[[], object]) -> None:
        row = self.rows.get(post_id)
        if row is None:
            return
        row.error.hide()
        row.set_busy(True)
        self._tasks.net(work, lambda _result: self._on_done(post_id),
                        lambda exc: self._on_failed(post_id, exc), owner=self)

    def _on_done(self, post_id: int) -> None:
        self.postsChanged.emit()
        self._remove(post_id, close_when_empty=True)

    def _on_failed(self, post_id: int, exc: BaseException) -> None:
        row = self.rows.get(post_id)
        text = post_words.problem(exc)
        if text is None:
            log.error("a missed post could not be handled", exc_info=exc)
            text = messages.problem(exc)
        if row is not None:
            row.set_busy(False)
            row.show_error(text)

    def _remove(self, post_id: int, *, close_when_empty: bool) -> None:
        row = self.rows.pop(post_id, None)
        if row is not None:
            self._list_layout.removeWidget(row)
            row.deleteLater()
        self._update_intro()
        if close_when_empty and not self.rows:
            self.accept()
