"""The inbox's reading pane: one mention in full, who sent it and when, and on request the
conversation around it.

Remote text is shown as plain text (names, handles) or as sanitized HTML in a browser that loads
nothing from the network. The mention comes from the database worker, the conversation from the
network pool; an answer that arrives after the owner moved on is dropped.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.model import Flag, MentionDetail, MentionKind, ThreadPost, TriageState
from app.services.inbox import InboxService
from app.ui.inbox_model import FLAG_ORDER, local_datetime
from app.ui.look import make_error, make_secondary, secondary_colour
from app.ui.resources import icon
from app.ui.tasks import Tasks
from app.ui.widgets.safe_text_browser import OpenUrl, SafeTextBrowser, open_in_browser

if TYPE_CHECKING:
    from app.services.threads import ThreadService

log = logging.getLogger(__name__)

ThreadsFactory = Callable[[], "ThreadService"]


def _plain_html(text: str) -> str:
    """Plain remote text as HTML that keeps its line breaks and can hold no markup."""
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


def _mix(first: QColor, second: QColor, share: float) -> str:
    """`share` of `first` over `second`, as a colour name QTextDocument understands."""
    return QColor(
        round(first.red() * share + second.red() * (1 - share)),
        round(first.green() * share + second.green() * (1 - share)),
        round(first.blue() * share + second.blue() * (1 - share)),
    ).name()


class MentionDetailPane(QWidget):
    """Shows nothing, a count of selected mentions, or one mention."""

    conversationShown = Signal(int)  # mention id, once its thread is on screen

    def __init__(self, inbox: InboxService, tasks: Tasks, parent: QWidget | None = None, *,
                 threads: ThreadsFactory | None = None, open_url: OpenUrl | None = None
                 ) -> None:
        super().__init__(parent)
        self._inbox = inbox
        self._tasks = tasks
        self._threads = threads
        self._open_url = open_url
        self._wanted: int | None = None  # the mention asked for last; other answers are stale
        self.detail: MentionDetail | None = None
        self.thread: list[ThreadPost] | None = None

        # Nothing or several selected: one calm sentence.
        self.placeholder = QLabel(self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setMargin(12)
        make_secondary(self.placeholder)

        page = QWidget(self)
        self.author = QLabel(page)
        font = self.author.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.author.setFont(font)
        self.handle = QLabel(page)
        self.meta = QLabel(page)
        self.status = QLabel(page)
        for label in (self.author, self.handle, self.meta, self.status):
            # Names and handles come from strangers: never rich text, never wider than the pane.
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setMinimumWidth(1)
        make_secondary(self.handle)
        make_secondary(self.meta)
        self.network_icon = QLabel(page)

        self.body = SafeTextBrowser(page, open_url=open_url)
        self.body.setAccessibleName(self.tr("Message"))

        self.conversation_button = QPushButton(self.tr("Show Conversation"), page)
        self.conversation_button.clicked.connect(self.show_conversation)
        self.open_button = QPushButton(self.tr("Open in Browser"), page)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.error = QLabel(page)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        make_error(self.error)
        self.error.hide()

        # Two lines above the text: who (and where the mention stands), then when and how,
        # with what can be done about it.
        who = QHBoxLayout()
        who.setSpacing(6)
        who.addWidget(self.network_icon)
        who.addWidget(self.author)
        who.addWidget(self.handle, 1)
        who.addWidget(self.status)
        when = QHBoxLayout()
        when.addWidget(self.meta, 1)
        when.addWidget(self.conversation_button)
        when.addWidget(self.open_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(who)
        layout.addLayout(when)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.error)
        self.page = page

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self.show_selection_count(0)

    # What to show ----------------------------------------------------------------------------
    def show_selection_count(self, count: int) -> None:
        """No mention, or several: say what the pane is for, or what actions will touch."""
        self._wanted = None
        self.detail = None
        self.thread = None
        if count == 0:
            text = self.tr("Select a mention to read it here. J and K move through the list, "
                           "Enter answers the mention, E marks it done.")
        elif count == 1:  # not reached in practice (one mention is shown), kept for clarity
            text = self.tr("1 mention selected.")
        else:
            text = self.tr("%n mentions selected. Done, Archive, Reopen and the flags apply to "
                           "all of them.", "", count)
        self.placeholder.setText(text)
        self.pages.setCurrentWidget(self.placeholder)

    def show_mention(self, mention_id: int) -> None:
        """Read the mention in the background and show it (unless another is asked for first)."""
        if self._wanted == mention_id and self.detail is not None:
            return
        self._wanted = mention_id
        inbox = self._inbox
        self._tasks.db(lambda: inbox.detail(mention_id),
                       lambda detail: self._on_detail(mention_id, detail),
                       lambda exc: self._on_detail_failed(mention_id, exc), owner=self)

    def reload(self) -> None:
        """The shown mention changed (its state or flags): read it again."""
        if self._wanted is not None:
            wanted, self.detail = self._wanted, None
            self.show_mention(wanted)

    @property
    def mention_id(self) -> int | None:
        return self._wanted

    def _on_detail(self, mention_id: int, detail: MentionDetail | None) -> None:
        if mention_id != self._wanted:
            return
        if detail is None:
            self.placeholder.setText(self.tr("This mention is no longer in the workspace."))
            self.pages.setCurrentWidget(self.placeholder)
            return
        keep_thread = self.thread if self.detail is not None and \
            self.detail.id == detail.id else None
        self.detail = detail
        self.thread = keep_thread
        self.error.hide()
        self.network_icon.setPixmap(icon(detail.network.value).pixmap(18, 18))
        name = detail.author_name or detail.author_handle
        self.author.setText(name)
        self.handle.setText(detail.author_handle if detail.author_handle != name else "")
        self.handle.setToolTip(detail.author_url)
        self.meta.setText(self.meta_text(detail))
        self.meta.setToolTip(self.meta.text())  # in full, when a narrow pane cuts it
        self.status.setText(self.status_text(detail))
        self.conversation_button.setVisible(detail.can_fetch_thread and self._threads is not None)
        self.conversation_button.setEnabled(True)
        self.conversation_button.setText(self.tr("Show Conversation"))
        self.open_button.setEnabled(QUrl(detail.url).scheme().lower() in ("http", "https"))
        self.open_button.setToolTip(detail.url)
        self._render()
        self.pages.setCurrentWidget(self.page)

    def _on_detail_failed(self, mention_id: int, exc: BaseException) -> None:
        if mention_id != self._wanted:
            return
        from app.ui import messages

        log.error("a mention could not be read", exc_info=exc)
        self.placeholder.setText(messages.unexpected_error())
        self.pages.setCurrentWidget(self.placeholder)

    # Words -----------------------------------------------------------------------------------
    def kind_text(self, kind: MentionKind) -> str:
        return {
            MentionKind.MENTION: self.tr("Mention"),
            MentionKind.REPLY: self.tr("Reply"),
            MentionKind.QUOTE: self.tr("Quote"),
            MentionKind.KEYWORD: self.tr("Keyword match"),
            MentionKind.FEED_ITEM: self.tr("Feed item"),
        }[kind]

    def state_text(self, state: TriageState) -> str:
        return {TriageState.NEW: self.tr("Waiting"), TriageState.DONE: self.tr("Done"),
                TriageState.ARCHIVED: self.tr("Archived")}[state]

    def flag_text(self, flag: Flag) -> str:
        return {Flag.COMPLAINT: self.tr("Complaint"), Flag.QUESTION: self.tr("Question"),
                Flag.PRAISE: self.tr("Praise")}[flag]

    def time_text(self, detail: MentionDetail) -> str:
        local = local_datetime(detail.created_at)
        locale = QLocale()
        text = self.tr("{date} {time}").format(
            date=locale.toString(local.date(), QLocale.FormatType.LongFormat),
            time=locale.toString(local.time(), QLocale.FormatType.ShortFormat))
        if detail.edited_at is not None:
            text = self.tr("{time} (edited)").format(time=text)
        return text

    def meta_text(self, detail: MentionDetail) -> str:
        """When, what, and which of the shop's accounts it reached."""
        return self.tr("{time} · {kind} · via {account}").format(
            time=self.time_text(detail), kind=self.kind_text(detail.kind),
            account=detail.account_handle)

    def status_text(self, detail: MentionDetail) -> str:
        parts = [self.state_text(detail.state)]
        parts += [self.flag_text(flag) for flag in FLAG_ORDER if flag in detail.flags]
        return self.tr(" · ").join(parts)

    # Rendering -------------------------------------------------------------------------------
    def _render(self) -> None:
        detail = self.detail
        if detail is None:
            return
        body = detail.html or _plain_html(detail.text)
        if self.thread:
            body = self._thread_html(self.thread) if any(
                post.is_this_mention for post in self.thread) else body + self._thread_html(
                self.thread)
        self.body.setHtml(body)

    def _thread_html(self, posts: list[ThreadPost]) -> str:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        marked = _mix(palette.color(QPalette.ColorRole.Highlight), base, 0.14)
        soft = secondary_colour(palette).name()
        heading = html.escape(self.tr("Conversation"))
        this_mention = html.escape(self.tr("this mention"))
        open_text = html.escape(self.tr("open"))
        parts = [f"<p><b>{heading}</b></p>"]
        for post in posts:
            name = html.escape(post.author_name or post.author_handle)
            local = local_datetime(post.created_at)
            when = QLocale().toString(local, QLocale.FormatType.ShortFormat)
            handle = html.escape(post.author_handle) if post.author_name else ""
            line = f"<b>{name}</b> <span style='color:{soft}'>{handle} · {html.escape(when)}"
            if post.is_this_mention:
                line += f" · {this_mention}"
            if QUrl(post.url).scheme().lower() in ("http", "https"):
                line += f" · <a href=\"{html.escape(post.url, quote=True)}\">{open_text}</a>"
            line += "</span>"
            text = post.html or _plain_html(post.text)
            cell = f" bgcolor='{marked}'" if post.is_this_mention else ""
            parts.append(f"<table width='100%' cellpadding='6' cellspacing='0'><tr><td{cell}>"
                         f"<p>{line}</p>{text}</td></tr></table>")
        return "".join(parts)

    # Conversation ----------------------------------------------------------------------------
    def show_conversation(self) -> None:
        detail, factory = self.detail, self._threads
        if detail is None or factory is None:
            return
        mention_id = detail.id
        self.error.hide()
        self.conversation_button.setEnabled(False)
        self.conversation_button.setText(self.tr("Loading Conversation…"))
        self._tasks.net(lambda: factory().fetch(mention_id),
                        lambda posts: self._on_thread(mention_id, posts),
                        lambda exc: self._on_thread_failed(mention_id, exc), owner=self)

    def _on_thread(self, mention_id: int, posts: list[ThreadPost]) -> None:
        if self.detail is None or self.detail.id != mention_id:
            return
        self.thread = posts
        self.conversation_button.setText(self.tr("Conversation Shown"))
        self._render()
        self.conversationShown.emit(mention_id)

    def _on_thread_failed(self, mention_id: int, exc: BaseException) -> None:
        if self.detail is None or self.detail.id != mention_id:
            return
        from app.ui import messages

        if not isinstance(exc, messages.KNOWN_PROBLEMS):
            log.error("a conversation could not be fetched", exc_info=exc)
        self.conversation_button.setEnabled(True)
        self.conversation_button.setText(self.tr("Show Conversation"))
        self.error.setText(messages.problem(exc))
        self.error.show()

    def _on_open_clicked(self) -> None:
        if self.detail is not None:
            open_in_browser(QUrl(self.detail.url), self._open_url)
