"""The post editor: one text for every target, or a different one per network, the accounts it
goes to, and when, in the owner's zone.

Each network the post goes to gets the composer's counter (app.ui.widgets.text_counter, over
app.core.textcount) and a plain preview of exactly what it will publish. Save as Draft keeps it
on the calendar unscheduled; Schedule (Post Now, once the time has come) hands it to the
outbox. A time the clocks skip or repeat that night is asked about, never shifted.

Saving runs on the network pool (a Mastodon target may be scheduled on its server right away).
When the service refuses (PostProblem), the dialog stays open with everything as typed and one
sentence saying what to change; only a save that went through closes it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.connector import TextRules
from app.core.model import AccountState, AccountSummary, Network, OutboxState, PostRecord
from app.core.textcount import TextCount, count
from app.core.timefmt import as_utc, utc_now
from app.services.post_targets import TargetAccount
from app.ui import messages, post_words
from app.ui.look import make_error, make_secondary
from app.ui.post_time import (
    ChooseInstant,
    from_qdatetime,
    local_now,
    next_hour,
    resolve_local,
    to_qdatetime,
    zone_name,
)
from app.ui.resources import icon
from app.ui.widgets.post_chips import state_colour, state_text
from app.ui.widgets.text_counter import TextCounter, network_name, over_limit_text

if TYPE_CHECKING:
    from app.services.posts import PostsService
    from app.ui.tasks import Tasks

log = logging.getLogger(__name__)

NETWORKS = (Network.MASTODON, Network.BLUESKY)  # the networks a post can go to, in this order
PREVIEW_WIDTH_EM = 22
CLOCK_MS = 30_000  # Schedule becomes Post Now when the chosen time arrives

OpenUrl = Callable[[QUrl], object]


def unavailable_reason(target: TargetAccount) -> str:
    """Why an account cannot be ticked; "" when it can."""
    if target.rules is None or target.account.network is Network.FEED:
        return post_words.cannot_post_to_feed()
    if target.account.state is AccountState.NEEDS_RECONNECT:
        return post_words.needs_reconnect_short()
    return ""


def strictest(rules: Sequence[TextRules]) -> TextRules | None:
    """Of several accounts on one network, the rules with the smallest allowance: a text that
    fits those fits every one of them."""
    if not rules:
        return None
    return min(rules, key=lambda r: (r.max_graphemes, r.max_bytes or 10**9))


class PostEditorDialog(QDialog):
    saved = Signal(object)  # PostRecord, once the service has it

    def __init__(self, targets: Sequence[TargetAccount], posts: Callable[[], PostsService],
                 tasks: Tasks, *, zone: tzinfo, at: datetime | None = None,
                 record: PostRecord | None = None, parent: QWidget | None = None,
                 clock: Callable[[], datetime] = utc_now, choose: ChooseInstant | None = None,
                 open_url: OpenUrl | None = None) -> None:
        super().__init__(parent)
        self._targets = list(targets)
        self._posts = posts
        self._tasks = tasks
        self._zone = zone
        self._clock = clock
        self._choose = choose
        self._open_url = open_url or QDesktopServices.openUrl
        self._record = record
        self._busy = False
        self.setWindowTitle(self.tr("Edit Post") if record is not None else self.tr("New Post"))
        self.setSizeGripEnabled(True)

        # Where it goes ----------------------------------------------------------------------
        self.targets_label = QLabel(self.tr("Post to:"), self)
        self.target_boxes: dict[int, QCheckBox] = {}
        self._unavailable: set[int] = set()
        targets_grid = QGridLayout()
        targets_grid.setContentsMargins(0, 0, 0, 0)
        targets_grid.setHorizontalSpacing(16)
        ticked = set(record.account_ids) if record is not None else set()
        usable = [t for t in self._targets if not unavailable_reason(t)]
        for index, target in enumerate(self._targets):
            account = target.account
            reason = unavailable_reason(target)
            box = QCheckBox(self._account_text(account), self)
            box.setIcon(icon(account.network.value))
            box.setIconSize(QSize(16, 16))
            if reason:
                self._unavailable.add(account.id)
                box.setEnabled(False)
                box.setText(self.tr("{account} — {reason}").format(
                    account=self._account_text(account), reason=reason))
                box.setToolTip(reason)
            else:
                box.setChecked(account.id in ticked if record is not None else len(usable) == 1)
            box.toggled.connect(self._on_targets_toggled)
            self.target_boxes[account.id] = box
            targets_grid.addWidget(box, index // 2, index % 2)
        self.no_targets = QLabel(post_words.no_account_can_post(), self)
        self.no_targets.setWordWrap(True)
        make_secondary(self.no_targets)
        self.no_targets.setVisible(not usable)

        # What it says -----------------------------------------------------------------------
        self.text_label = QLabel(self.tr("&Text:"), self)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(self.tr("Post text"))
        self.text.setPlaceholderText(self.tr("What would you like to tell your customers?"))
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 5 + 12)
        self.text_label.setBuddy(self.text)
        self.variant_toggles: dict[Network, QCheckBox] = {}
        self.variant_labels: dict[Network, QLabel] = {}
        self.variants: dict[Network, QPlainTextEdit] = {}
        toggles = QHBoxLayout()
        toggles.setContentsMargins(0, 0, 0, 0)
        for network in NETWORKS:
            toggle = QCheckBox(post_words.different_text(network), self)
            toggle.toggled.connect(lambda on, n=network: self._on_variant_toggled(n, on))
            self.variant_toggles[network] = toggle
            toggles.addWidget(toggle)
            label = QLabel(post_words.variant_label(network), self)
            editor = QPlainTextEdit(self)
            editor.setTabChangesFocus(True)
            editor.setAccessibleName(post_words.variant_label(network))
            editor.setMinimumHeight(editor.fontMetrics().lineSpacing() * 3 + 12)
            editor.textChanged.connect(self._update)
            label.setBuddy(editor)
            label.hide()
            editor.hide()
            self.variant_labels[network] = label
            self.variants[network] = editor
        toggles.addStretch(1)

        self.counter_rows: dict[Network, QWidget] = {}
        self.counters: dict[Network, TextCounter] = {}
        counters = QHBoxLayout()
        counters.setContentsMargins(0, 0, 0, 0)
        counters.addStretch(1)
        for network in NETWORKS:
            row = QWidget(self)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(12, 0, 0, 0)
            row_layout.setSpacing(4)
            picture = QLabel(row)
            picture.setPixmap(icon(network.value).pixmap(14, 14))
            row_layout.addWidget(picture)
            name = QLabel(network_name(network), row)
            make_secondary(name)
            row_layout.addWidget(name)
            counter = TextCounter(row)
            row_layout.addWidget(counter)
            self.counter_rows[network] = row
            self.counters[network] = counter
            counters.addWidget(row)
        self.over_limit = QLabel(self)
        self.over_limit.setWordWrap(True)
        self.over_limit.setTextFormat(Qt.TextFormat.PlainText)
        make_error(self.over_limit)
        self.over_limit.hide()

        # When -------------------------------------------------------------------------------
        self.when_label = QLabel(self.tr("&When:"), self)
        self.when = QDateTimeEdit(self)
        self.when.setTimeZone(to_qdatetime(datetime(2000, 1, 1)).timeZone())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(post_words.date_time_format())
        self.when_label.setBuddy(self.when)
        self.zone_label = QLabel(self.tr("Your time zone: {zone}").format(zone=zone_name(zone)),
                                 self)
        make_secondary(self.zone_label)
        initial = at or self._initial_time(record)
        self.when.setDateTime(to_qdatetime(initial))
        self.when.dateTimeChanged.connect(self._update)

        # Preview ----------------------------------------------------------------------------
        self.preview_label = QLabel(self.tr("Preview"), self)
        font = self.preview_label.font()
        font.setBold(True)
        self.preview_label.setFont(font)
        self.previews: dict[Network, QPlainTextEdit] = {}
        self.preview_headers: dict[Network, QLabel] = {}
        self.preview_frames: dict[Network, QFrame] = {}
        previews = QVBoxLayout()
        previews.setContentsMargins(0, 0, 0, 0)
        for network in NETWORKS:
            frame = QFrame(self)
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            frame_layout = QVBoxLayout(frame)
            frame_layout.setContentsMargins(8, 6, 8, 6)
            frame_layout.setSpacing(4)
            header = QLabel(frame)
            header.setTextFormat(Qt.TextFormat.PlainText)
            header.setWordWrap(True)
            make_secondary(header)
            # Read-only text rather than a label: it wraps and scrolls as a post of any length
            # needs, and shows the owner's words exactly as typed (never as markup).
            body = QPlainTextEdit(frame)
            body.setReadOnly(True)
            body.setFrameShape(QFrame.Shape.NoFrame)
            body.setTabChangesFocus(True)
            body.setAccessibleName(self.tr("Preview for {network}").format(
                network=network_name(network)))
            palette = body.palette()
            palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
            body.setPalette(palette)
            body.viewport().setAutoFillBackground(False)
            frame_layout.addWidget(header)
            frame_layout.addWidget(body, 1)
            self.previews[network] = body
            self.preview_headers[network] = header
            self.preview_frames[network] = frame
            previews.addWidget(frame, 1)
        self.no_preview = QLabel(self.tr("Tick an account to see how the post will look there."),
                                 self)
        self.no_preview.setWordWrap(True)
        make_secondary(self.no_preview)
        previews.addWidget(self.no_preview)
        previews.addStretch(0)

        # Where each copy stands (an existing post) ---------------------------------------------
        self.status_label = QLabel(self.tr("Where it stands"), self)
        self.status_label.setFont(font)
        self.status_label.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)  # built from escaped parts only
        self.status.setOpenExternalLinks(False)
        self.status.linkActivated.connect(lambda url: self._open_url(QUrl(url)))
        self.status.hide()

        # Messages and buttons -----------------------------------------------------------------
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        make_error(self.error)
        self.error.hide()
        self.draft_button = QPushButton(self.tr("Save as &Draft"), self)
        self.draft_button.setToolTip(self.tr("Keep it on the calendar without publishing it"))
        self.draft_button.clicked.connect(self.save_draft)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.reject)
        self.schedule_button = QPushButton(self.tr("&Schedule"), self)
        self.schedule_button.setDefault(True)
        self.schedule_button.clicked.connect(self.schedule)

        left = QVBoxLayout()
        left.addWidget(self.targets_label)
        left.addLayout(targets_grid)
        left.addWidget(self.no_targets)
        left.addSpacing(6)
        left.addWidget(self.text_label)
        left.addWidget(self.text, 3)
        left.addLayout(toggles)
        for network in NETWORKS:
            left.addWidget(self.variant_labels[network])
            left.addWidget(self.variants[network], 2)
        left.addLayout(counters)
        left.addWidget(self.over_limit)
        when_row = QHBoxLayout()
        when_row.addWidget(self.when_label)
        when_row.addWidget(self.when)
        when_row.addWidget(self.zone_label, 1)
        left.addSpacing(6)
        left.addLayout(when_row)
        right = QVBoxLayout()
        right.addWidget(self.status_label)
        right.addWidget(self.status)
        right.addWidget(self.preview_label)
        right.addLayout(previews, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(12)
        columns.addLayout(right, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.schedule_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        for frame in self.preview_frames.values():
            frame.setMinimumWidth(em * PREVIEW_WIDTH_EM)
        self.resize(max(em * 66, 760), max(self.fontMetrics().height() * 30, 560))

        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(CLOCK_MS)
        self._clock_timer.timeout.connect(self._update)
        self._clock_timer.start()
        self.text.textChanged.connect(self._update)
        if record is not None:
            self._load(record)
        self._update()
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    # Reading what was typed ------------------------------------------------------------------
    @staticmethod
    def _account_text(account: AccountSummary) -> str:
        return account.display_name or account.handle

    def _initial_time(self, record: PostRecord | None) -> datetime:
        if record is not None and record.scheduled_at is not None:
            return record.scheduled_at.astimezone(self._zone).replace(tzinfo=None)
        return next_hour(local_now(self._clock, self._zone))

    def _load(self, record: PostRecord) -> None:
        self.text.setPlainText(record.text)
        for network in NETWORKS:
            variant = record.variant(network)
            if variant:
                self.variants[network].setPlainText(variant)
                self.variant_toggles[network].setChecked(True)
        self._show_status(record)
        if self.read_only:
            # Out already: what it said stays as it was published.
            self.setWindowTitle(self.tr("Published Post"))
            for widget in (self.text, *self.variants.values()):
                widget.setReadOnly(True)
            for widget in (self.when, *self.target_boxes.values(), *self.variant_toggles.values()):
                widget.setEnabled(False)
            self.draft_button.hide()
            self.schedule_button.hide()
            self.cancel_button.setText(self.tr("Close"))

    @property
    def read_only(self) -> bool:
        return self._record is not None and self._record.state in (OutboxState.SENT,
                                                                   OutboxState.SENDING)

    def chosen_accounts(self) -> list[int]:
        return [account_id for account_id, box in self.target_boxes.items()
                if box.isChecked() and account_id not in self._unavailable]

    def chosen_targets(self) -> list[TargetAccount]:
        chosen = set(self.chosen_accounts())
        return [t for t in self._targets if t.account.id in chosen]

    def chosen_networks(self) -> list[Network]:
        networks = {t.account.network for t in self.chosen_targets()}
        return [n for n in NETWORKS if n in networks]

    def text_for(self, network: Network) -> str:
        if self.variant_toggles[network].isChecked():
            return self.variants[network].toPlainText()
        return self.text.toPlainText()

    def variant_values(self) -> dict[str, str]:
        """Per-network texts that differ from the common one ("mastodon": "...")."""
        common = self.text.toPlainText()
        values = {}
        for network in NETWORKS:
            if self.variant_toggles[network].isChecked():
                text = self.variants[network].toPlainText()
                if text.strip() and text != common:
                    values[network.value] = text
        return values

    def local_time(self) -> datetime:
        return from_qdatetime(self.when.dateTime())

    def is_due(self) -> bool:
        """The chosen time has come: the post would go out now."""
        return self.local_time() <= local_now(self._clock, self._zone)

    def counts(self) -> dict[Network, TextCount]:
        result = {}
        for network in self.chosen_networks():
            rules = strictest([t.rules for t in self.chosen_targets()
                               if t.account.network is network and t.rules is not None])
            if rules is not None:
                result[network] = count(self.text_for(network), rules)
        return result

    def fits(self) -> bool:
        return all(counted.fits for counted in self.counts().values())

    # Reacting --------------------------------------------------------------------------------
    def _on_targets_toggled(self, _checked: bool) -> None:
        self._update()

    def _on_variant_toggled(self, network: Network, on: bool) -> None:
        editor = self.variants[network]
        if on and not editor.toPlainText():
            editor.setPlainText(self.text.toPlainText())  # a start, to shorten or reword
        self._update()
        if on:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update(self) -> None:
        networks = self.chosen_networks()
        counts = self.counts()
        for network in NETWORKS:
            shown = network in networks
            toggle = self.variant_toggles[network]
            toggle.setVisible(shown)
            editing = shown and toggle.isChecked()
            self.variant_labels[network].setVisible(editing)
            self.variants[network].setVisible(editing)
            self.counter_rows[network].setVisible(network in counts)
            self.counters[network].show_count(counts.get(network))
            frame = self.preview_frames[network]
            frame.setVisible(shown)
            if shown:
                handles = [t.account.handle for t in self.chosen_targets()
                           if t.account.network is network]
                self.preview_headers[network].setText(self.tr("{network} · {accounts}").format(
                    network=network_name(network), accounts=", ".join(handles)))
                text = self.text_for(network)
                preview = self.previews[network]
                if preview.toPlainText() != text:
                    preview.setPlainText(text)
        self.no_preview.setVisible(not networks)
        over = [over_limit_text(counted, network) for network, counted in counts.items()
                if not counted.fits]
        self.over_limit.setText("\n".join(over))
        self.over_limit.setVisible(bool(over))
        due = self.is_due()
        self.schedule_button.setText(self.tr("Post &Now") if due else self.tr("&Schedule"))
        self.schedule_button.setToolTip(
            self.tr("Publish it now: the time you chose has come") if due else
            self.tr("Publish it at the time you chose"))
        editable = not self._busy and not self.read_only
        self.schedule_button.setEnabled(editable and self.fits())
        self.draft_button.setEnabled(editable)

    def _show_status(self, record: PostRecord) -> None:
        lines = []
        for target in record.targets:
            colour = state_colour(target.state, self.palette()).name()
            who = _escape(target.handle or self.tr("A removed account"))
            line = (f'<p style="margin:0 0 6px 0"><b>{who}</b><br>'
                    f'<span style="color:{colour}">■</span> {_escape(state_text(target.state))}')
            if target.state is OutboxState.SENT and target.remote_url.startswith("https://"):
                link = _escape(self.tr("Open the post"))
                line += f' · <a href="{_escape(target.remote_url)}">{link}</a>'
            elif target.error and target.state in (OutboxState.FAILED, OutboxState.QUEUED):
                line += "<br>" + _escape(messages.post_error(target.error))
            lines.append(line + "</p>")
        self.status.setText("".join(lines))
        self.status.setVisible(bool(lines))
        self.status_label.setVisible(bool(lines))

    # Saving ----------------------------------------------------------------------------------
    def save_draft(self) -> None:
        self._save(draft=True)

    def schedule(self) -> None:
        self._save(draft=False)

    def _save(self, *, draft: bool) -> None:
        if self._busy:
            return
        self.error.hide()
        now_due = not draft and self.is_due()
        if now_due:
            at: datetime | None = as_utc(self._clock())  # the time has come: out it goes
        else:
            at = resolve_local(self.local_time(), self._zone, self, choose=self._choose)
            if at is None:
                return  # the owner did not choose between the two readings of a DST hour
        values = {
            "text": self.text.toPlainText(),
            "account_ids": self.chosen_accounts(),
            "variants": self.variant_values(),
            "zone": zone_name(self._zone),
        }
        posts, record = self._posts, self._record

        def work() -> PostRecord:
            return save_post(posts(), record, values, at, draft=draft)

        self._set_busy(True)
        self._tasks.net(work, self._on_saved, self._on_save_failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.cancel_button.setEnabled(not busy)
        self._update()

    def _on_saved(self, record: PostRecord) -> None:
        self._set_busy(False)
        self._record = record
        self.saved.emit(record)
        self.accept()

    def _on_save_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        text = post_words.problem(exc)
        if text is None:
            log.error("saving a post failed", exc_info=exc)
            text = messages.problem(exc)
        self.show_error(text)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def reject(self) -> None:
        if self._busy:
            return  # the save is on its way; its answer decides
        super().reject()


def save_post(service: PostsService, record: PostRecord | None, values: dict[str, Any],
              at: datetime | None, *, draft: bool) -> PostRecord:
    """What Save as Draft, Schedule and Post Now ask of the posts service (on a worker)."""
    if record is None:
        return service.create(values["text"], values["account_ids"], at,
                              variants=values["variants"], draft=draft, zone=values["zone"])
    return service.update(record.id, values["text"], values["account_ids"], at,
                          variants=values["variants"], draft=draft, zone=values["zone"])


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))

