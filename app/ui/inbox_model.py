"""The inbox list's item model: pages loaded on demand in the background, never the whole table.

Triage changes arrive as "these ids changed to this": the model updates those rows in place, and
drops the ones the current filter no longer shows, without reading the list again.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap

from app.core.model import Flag, InboxFilter, MentionKind, MentionRow, Network, TriageState
from app.core.timefmt import utc_now
from app.services.inbox import Deadlines, InboxService
from app.ui.resources import icon
from app.ui.tasks import Tasks
from app.ui.timewords import duration

log = logging.getLogger(__name__)

PAGE_SIZE = 200
# The worker starts a read only this long after the rows just shown or scrolled to: its Python
# competes with their paint for the interpreter lock, and its SQLite for the CPU. Measured on
# the 1M demo, a viewport of new rows took 1.5 to 2 times as long to paint beside a page read.
READ_DELAY_MS = 40
AMBER = QColor("#b26a00")
RED = QColor("#c62828")
FLAG_ORDER = (Flag.COMPLAINT, Flag.QUESTION, Flag.PRAISE)
FLAG_ICON = 16
FLAG_GAP = 3
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the mention's id, for the screen and tests
# data() runs some 400 times per paint: the roles as plain ints spare it the enum look-ups.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_DECORATION = int(Qt.ItemDataRole.DecorationRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_ID_ROLE = int(ID_ROLE)
# The item delegate asks for seven roles per cell; four of them (font, alignment, check state,
# background) this model never sets, and are answered before the cell is looked at.
_SERVED_ROLES = frozenset((_DISPLAY, _DECORATION, _FOREGROUND, _TOOLTIP, _ACCESSIBLE, _ID_ROLE))

Index = QModelIndex | QPersistentModelIndex

# A loaded row is kept as a plain tuple of atomic values (strings, numbers, datetimes): the
# garbage collector stops tracking such tuples, so tens of thousands of scrolled-through rows
# add nothing to its full passes, which otherwise paused scrolling by ~10 ms.
_ID, _NETWORK, _KIND, _NAME, _HANDLE, _LINE, _CREATED, _STATE, _FLAGS, _ANSWERED = range(10)
Packed = tuple[int, str, str, str, str, str, datetime, str, int, datetime | None]
FLAG_BITS = {Flag.COMPLAINT: 1, Flag.QUESTION: 2, Flag.PRAISE: 4}
FLAG_SETS = tuple(frozenset(flag for flag, bit in FLAG_BITS.items() if bits & bit)
                  for bits in range(8))
NEW = TriageState.NEW.value


def pack(row: MentionRow) -> Packed:
    return (row.id, row.network.value, row.kind.value, row.author_name, row.author_handle,
            row.first_line, row.created_at, row.state.value,
            sum(FLAG_BITS[flag] for flag in row.flags), row.first_response_at)


def unpack(packed: Packed) -> MentionRow:
    return MentionRow(id=packed[_ID], network=Network(packed[_NETWORK]),
                      kind=MentionKind(packed[_KIND]), author_name=packed[_NAME],
                      author_handle=packed[_HANDLE], first_line=packed[_LINE],
                      created_at=packed[_CREATED], state=TriageState(packed[_STATE]),
                      flags=FLAG_SETS[packed[_FLAGS]], first_response_at=packed[_ANSWERED])


def plain_tooltip(text: str) -> str:
    """Remote text as a tooltip that Qt can never take for markup (and that wraps when long).

    Qt guesses whether a tooltip is rich text; a mention starting with "<img src=...>" would
    otherwise be rendered as HTML.
    """
    import html  # on the first hover, not at start-up

    return f"<p>{html.escape(text)}</p>" if text else ""


def local_datetime(moment: datetime) -> QDateTime:
    """A UTC moment as this computer's local date and time, for QLocale to format."""
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))


class InboxModel(QAbstractTableModel):
    COLUMN_FROM, COLUMN_FLAGS, COLUMN_MESSAGE, COLUMN_RECEIVED, COLUMN_WAITING = range(5)

    pageLoaded = Signal(int)  # how many rows the page added
    loadFailed = Signal(object)
    rowsDropped = Signal(list)  # ids a triage change took out of this view

    def __init__(self, inbox: InboxService, tasks: Tasks, parent=None, *,
                 now: Callable[[], datetime] = utc_now) -> None:
        super().__init__(parent)
        self._inbox = inbox
        self._tasks = tasks
        self._now = now
        self._rows: list[Packed] = []
        # Texts of the two clock-bound columns, made once per row until the clock moves on.
        self._received: dict[int, str] = {}
        self._waiting: dict[int, str] = {}
        self._ids: set[int] = set()
        self._last_loaded: MentionRow | None = None  # the paging cursor, as the database sent it
        self._filter = InboxFilter()
        self._exhausted = False
        self._loading = False
        # Read-ahead: the next page, read while the owner looks at this one, so scrolling to
        # it only inserts rows.
        self._ahead: list[MentionRow] | None = None
        self._want_more = False  # the view asked for rows while they were being read
        self._generation = 0  # answers to an outdated request are dropped
        self._deadlines: Deadlines | None = None
        self._icons: dict[str, QIcon] = {}
        self._flag_pixmaps: dict[frozenset[Flag], QPixmap] = {}

    # Loading ---------------------------------------------------------------------------------
    @property
    def filter(self) -> InboxFilter:
        return self._filter

    @property
    def exhausted(self) -> bool:
        """Every row the filter matches is shown (or loading failed)."""
        return self._exhausted and self._ahead is None

    def reload(self, wanted: InboxFilter) -> None:
        """Show `wanted` from its first page; the deadlines are read again with that page."""
        self.beginResetModel()
        self._filter = wanted
        self._rows = []
        self._ids = set()
        self._received.clear()
        self._waiting.clear()
        self._last_loaded = None
        self._exhausted = False
        self._loading = False
        self._ahead = None
        self._want_more = True
        self._generation += 1
        self.endResetModel()
        self._load_page(with_deadlines=True)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid():
            return False
        return self._ahead is not None or not (self._exhausted or self._want_more)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        if self._ahead is not None:
            rows, self._ahead = self._ahead, None
            self._show(rows)
            self._read_ahead()
            return
        self._want_more = True  # shown as soon as it arrives
        if not self._loading:
            self._loading = True  # asked for: no read-ahead besides it
            self._after_paint(self._load_page)

    def _read_ahead(self) -> None:
        self._after_paint(self._read_ahead_now)

    def _read_ahead_now(self) -> None:
        if not self._exhausted and not self._loading and self._ahead is None:
            self._load_page()

    def _after_paint(self, read: Callable[[], None]) -> None:
        """Start `read` READ_DELAY_MS from now, by when the view has painted what it shows,
        unless another filter is shown by then."""
        generation = self._generation

        def now() -> None:
            if generation == self._generation:
                read()

        QTimer.singleShot(READ_DELAY_MS, self, now)

    def _load_page(self, *, with_deadlines: bool = False) -> None:
        self._loading = True
        generation, wanted, inbox = self._generation, self._filter, self._inbox
        after = self._last_loaded

        def work() -> tuple[list[MentionRow], Deadlines | None]:
            rows = inbox.page(wanted, after, PAGE_SIZE)
            return rows, inbox.deadlines() if with_deadlines else None

        self._tasks.db(
            work,
            lambda result: self._on_page(generation, *result),
            lambda exc: self._on_failed(generation, exc),
            owner=self,
        )

    def _on_page(self, generation: int, rows: list[MentionRow],
                 deadlines: Deadlines | None) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._exhausted = len(rows) < PAGE_SIZE
        if deadlines is not None:
            self._deadlines = deadlines
        if rows:
            self._last_loaded = rows[-1]
        if not self._want_more:
            self._ahead = rows
            return
        self._want_more = False
        self._show(rows)
        self._read_ahead()

    def _show(self, rows: list[MentionRow]) -> None:
        # A row whose flag changed since it was loaded can come again in a later page.
        fresh = [row for row in rows if row.id not in self._ids]
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(pack(row) for row in fresh)
            self._ids.update(row.id for row in fresh)
            self.endInsertRows()
        self.pageLoaded.emit(len(fresh))

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return  # an outdated request failed; the current one is still on its way
        self._loading = False
        if not self._want_more:
            log.info("inbox read-ahead failed; reading again when asked", exc_info=exc)
            return  # fetchMore reads that page again when the owner scrolls there
        self._want_more = False
        self._exhausted = True
        self.loadFailed.emit(exc)

    # Deadlines -------------------------------------------------------------------------------
    @property
    def deadlines(self) -> Deadlines | None:
        return self._deadlines

    def set_deadlines(self, deadlines: Deadlines) -> None:
        """New cut-offs (a minute passed, or the overdue setting changed): recolour the times."""
        self._deadlines = deadlines
        self.refresh_times()

    def refresh_deadlines(self) -> None:
        """Read the deadlines again in the background, then recolour."""
        self._tasks.db(self._inbox.deadlines, self.set_deadlines, self._on_deadlines_failed,
                       owner=self)

    def _on_deadlines_failed(self, exc: BaseException) -> None:
        log.warning("inbox deadlines could not be read", exc_info=exc)

    def refresh_times(self) -> None:
        """Ages and waiting times move with the clock: repaint those two columns."""
        self._received.clear()
        self._waiting.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COLUMN_RECEIVED),
                                  self.index(len(self._rows) - 1, self.COLUMN_WAITING))

    # Triage changes --------------------------------------------------------------------------
    def apply_state(self, ids: Iterable[int], state: TriageState) -> list[int]:
        """Mentions changed state; returns the ids this view no longer shows."""
        return self._apply(ids, lambda row: dataclasses.replace(row, state=state))

    def apply_flag(self, ids: Iterable[int], flag: Flag, on: bool) -> list[int]:
        def change(row: MentionRow) -> MentionRow:
            flags = row.flags | {flag} if on else row.flags - {flag}
            return dataclasses.replace(row, flags=frozenset(flags))

        return self._apply(ids, change)

    def _apply(self, ids: Iterable[int], change: Callable[[MentionRow], MentionRow]
               ) -> list[int]:
        wanted = set(ids) & self._ids
        dropped: list[int] = []
        for row_number, packed in enumerate(self._rows):
            if packed[_ID] in wanted:
                changed = change(unpack(packed))
                self._rows[row_number] = pack(changed)
                self._waiting.pop(changed.id, None)
                if self.matches(changed):
                    self.dataChanged.emit(self.index(row_number, 0),
                                          self.index(row_number, self.columnCount() - 1))
                else:
                    dropped.append(changed.id)
        self.remove_ids(dropped)
        if dropped:
            self.rowsDropped.emit(dropped)
        return dropped

    def matches(self, row: MentionRow) -> bool:
        """Whether the current filter still shows a row after a triage change (the network,
        account, kind and words never change by triage)."""
        wanted = self._filter
        state = TriageState.NEW if wanted.overdue_only else wanted.state
        if state is not None and row.state is not state:
            return False
        if wanted.flag is not None and wanted.flag not in row.flags:
            return False
        return not (wanted.overdue_only and row.first_response_at is not None)

    def remove_ids(self, ids: Iterable[int]) -> None:
        """Take rows out, in as few contiguous removals as possible."""
        gone = set(ids) & self._ids
        if not gone:
            return
        numbers = [n for n, row in enumerate(self._rows) if row[_ID] in gone]
        # Last block first, so the earlier row numbers stay right.
        end = len(numbers) - 1
        while end >= 0:
            start = end
            while start > 0 and numbers[start - 1] == numbers[start] - 1:
                start -= 1
            self.beginRemoveRows(QModelIndex(), numbers[start], numbers[end])
            del self._rows[numbers[start]:numbers[end] + 1]
            self.endRemoveRows()
            end = start - 1
        self._ids -= gone

    # Presentation ----------------------------------------------------------------------------
    def row_at(self, row: int) -> MentionRow:
        return unpack(self._rows[row])

    def row_of(self, mention_id: int) -> int | None:
        if mention_id not in self._ids:
            return None
        return next(n for n, row in enumerate(self._rows) if row[_ID] == mention_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # The header asks for every role of every section each time the list is shown afresh:
        # only the one text asked for is translated.
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == _DISPLAY:
            if section == self.COLUMN_FROM:
                return self.tr("From")
            if section == self.COLUMN_FLAGS:
                return self.tr("Flags")
            if section == self.COLUMN_MESSAGE:
                return self.tr("Message")
            if section == self.COLUMN_RECEIVED:
                return self.tr("Received")
            return self.tr("Waiting")
        if role == _TOOLTIP and section == self.COLUMN_WAITING:
            return self.tr("How long an unanswered mention has waited; amber when its "
                           "deadline is near, red when it is overdue")
        return None

    def _icon(self, name: str) -> QIcon:
        if name not in self._icons:
            self._icons[name] = icon(name)
        return self._icons[name]

    def flags_pixmap(self, flags: frozenset[Flag]) -> QPixmap:
        """The flags' icons side by side, in a fixed order (an empty pixmap for none)."""
        if flags not in self._flag_pixmaps:
            shown = [flag for flag in FLAG_ORDER if flag in flags]
            application = QGuiApplication.instance()
            ratio = application.devicePixelRatio() if isinstance(application,
                                                                 QGuiApplication) else 1.0
            width = max(1, len(shown) * (FLAG_ICON + FLAG_GAP) - FLAG_GAP)
            pixmap = QPixmap(round(width * ratio), round(FLAG_ICON * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            for number, flag in enumerate(shown):
                painter.drawPixmap(number * (FLAG_ICON + FLAG_GAP), 0,
                                   self._icon(flag.value).pixmap(QSize(FLAG_ICON, FLAG_ICON),
                                                                 ratio))
            painter.end()
            self._flag_pixmaps[flags] = pixmap
        return self._flag_pixmaps[flags]

    @staticmethod
    def flags_width() -> int:
        """Room for all three flags."""
        return len(FLAG_ORDER) * (FLAG_ICON + FLAG_GAP) - FLAG_GAP

    def flag_names(self, flags: frozenset[Flag]) -> str:
        names = {Flag.COMPLAINT: self.tr("Complaint"), Flag.QUESTION: self.tr("Question"),
                 Flag.PRAISE: self.tr("Praise")}
        return self.tr(", ").join(names[flag] for flag in FLAG_ORDER if flag in flags)

    def widest_waiting_texts(self) -> list[str]:
        """The longest texts the Waiting column shows, so the view can size it once."""
        samples = [timedelta(minutes=59), timedelta(hours=47), timedelta(days=13),
                   timedelta(weeks=99)]
        texts = [str(self.headerData(self.COLUMN_WAITING, Qt.Orientation.Horizontal))]
        for sample in samples:
            texts.append(duration(sample))
            texts.append(self._answered_text(sample))
        return texts

    def widest_received_texts(self) -> list[str]:
        """The longest texts the Received column shows in this language."""
        now = self._now()
        texts = [str(self.headerData(self.COLUMN_RECEIVED, Qt.Orientation.Horizontal))]
        # Late in the day (long clock texts), each weekday, a long month, an old date.
        base = now.replace(hour=23, minute=58) - timedelta(days=1)
        for days in range(0, 7):
            texts.append(self.received_text(base - timedelta(days=days), base))
        for month in (5, 9, 12):
            moment = now.replace(month=month, day=28, hour=12)
            if moment < now:
                texts.append(self.received_text(moment, now))
        texts.append(self.received_text(now.replace(year=now.year - 1, month=12, day=28), now))
        return texts

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if role not in _SERVED_ROLES or not index.isValid():
            return None
        mention = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            if column == self.COLUMN_FROM:
                return mention[_NAME] or mention[_HANDLE]
            if column == self.COLUMN_MESSAGE:
                return mention[_LINE]
            if column == self.COLUMN_RECEIVED:
                text = self._received.get(mention[_ID])
                if text is None:
                    text = self._received[mention[_ID]] = self.received_text(mention[_CREATED])
                return text
            if column == self.COLUMN_WAITING:
                text = self._waiting.get(mention[_ID])
                if text is None:
                    text = self._waiting[mention[_ID]] = self._waiting_text(mention)
                return text
            return None
        if role == _DECORATION:
            if column == self.COLUMN_FROM:
                return self._icon(mention[_NETWORK])
            if column == self.COLUMN_FLAGS and mention[_FLAGS]:
                return self.flags_pixmap(FLAG_SETS[mention[_FLAGS]])
            return None
        if role == _FOREGROUND:
            return self._waiting_colour(mention) if column == self.COLUMN_WAITING else None
        if role == _TOOLTIP:
            if column == self.COLUMN_FROM:
                return plain_tooltip(mention[_HANDLE])
            if column == self.COLUMN_MESSAGE:
                return plain_tooltip(mention[_LINE])
            if column == self.COLUMN_FLAGS:
                return self.flag_names(FLAG_SETS[mention[_FLAGS]]) or None
            if column == self.COLUMN_RECEIVED:
                return self.full_time_text(mention[_CREATED])
            return None
        if role == _ACCESSIBLE and column == self.COLUMN_FLAGS:
            return self.flag_names(FLAG_SETS[mention[_FLAGS]])
        if role == _ID_ROLE:
            return mention[_ID]
        return None

    # Times -----------------------------------------------------------------------------------
    def received_text(self, moment: datetime, now: datetime | None = None) -> str:
        """When it came, as short as is still clear: the time today, the weekday this week,
        the day this year, else the date."""
        locale = QLocale()
        local = local_datetime(moment)
        today = local_datetime(now or self._now()).date()
        days = local.date().daysTo(today)
        clock = locale.toString(local.time(), QLocale.FormatType.ShortFormat)
        if days <= 0:
            return clock
        if days < 7:
            weekday = locale.dayName(local.date().dayOfWeek(), QLocale.FormatType.ShortFormat)
            return self.tr("{weekday} {time}").format(weekday=weekday, time=clock)
        if local.date().year() == today.year():
            # A Qt date format: "MMM d" is "Nov 3"; Japanese writes "M月d日".
            return locale.toString(local.date(), self.tr("MMM d"))
        return locale.toString(local.date(), QLocale.FormatType.ShortFormat)

    def full_time_text(self, moment: datetime) -> str:
        local = local_datetime(moment)
        locale = QLocale()
        return self.tr("{date} {time}").format(
            date=locale.toString(local.date(), QLocale.FormatType.LongFormat),
            time=locale.toString(local.time(), QLocale.FormatType.ShortFormat))

    def _waiting_text(self, mention: Packed) -> str:
        if mention[_ANSWERED] is not None:
            return self._answered_text(mention[_ANSWERED] - mention[_CREATED])
        if mention[_STATE] != NEW:
            return ""
        return duration(self._now() - mention[_CREATED])

    def _answered_text(self, delta: timedelta) -> str:
        return self.tr("answered in {time}").format(time=duration(delta))

    def _waiting_colour(self, mention: Packed) -> QColor | None:
        """Red once overdue, amber when soon due, by the deadlines (opening hours counted)."""
        deadlines = self._deadlines
        if deadlines is None or mention[_STATE] != NEW or mention[_ANSWERED] is not None:
            return None
        if mention[_CREATED] < deadlines.red:
            return RED
        if mention[_CREATED] < deadlines.amber:
            return AMBER
        return None
