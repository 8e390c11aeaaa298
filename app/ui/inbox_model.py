"""The inbox list's item model: pages loaded on demand in the background, never the whole table."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap

from app.core.model import Flag, InboxFilter, MentionRow, TriageState
from app.core.timefmt import utc_now
from app.services.inbox import InboxService
from app.ui.resources import icon
from app.ui.tasks import Tasks
from app.ui.timewords import duration

PAGE_SIZE = 200
AMBER = QColor("#b26a00")
RED = QColor("#c62828")

Index = QModelIndex | QPersistentModelIndex


def plain_tooltip(text: str) -> str:
    """Remote text as a tooltip that Qt can never take for markup (and that wraps when long).

    Qt guesses whether a tooltip is rich text; a mention starting with "<img src=...>" would
    otherwise be rendered as HTML.
    """
    import html  # on the first hover, not at start-up

    return f"<p>{html.escape(text)}</p>" if text else ""


class InboxModel(QAbstractTableModel):
    COLUMN_FROM, COLUMN_MESSAGE, COLUMN_WAITING = range(3)

    pageLoaded = Signal(int)  # how many rows the page added
    loadFailed = Signal(object)

    def __init__(self, inbox: InboxService, tasks: Tasks, parent=None) -> None:
        super().__init__(parent)
        self._inbox = inbox
        self._tasks = tasks
        self._rows: list[MentionRow] = []
        self._filter = InboxFilter()
        self._exhausted = False
        self._loading = False
        self._generation = 0  # answers to an outdated request are dropped
        self.overdue = timedelta(hours=24)
        self._icons: dict[str, QIcon] = {}

    # Loading ---------------------------------------------------------------------------------
    def reload(self, wanted: InboxFilter) -> None:
        self.beginResetModel()
        self._filter = wanted
        self._rows = []
        self._exhausted = False
        self._loading = False
        self._generation += 1
        self.endResetModel()
        self._load_page()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._load_page()

    def _load_page(self) -> None:
        self._loading = True
        generation, wanted = self._generation, self._filter
        after = self._rows[-1] if self._rows else None
        self._tasks.db(
            lambda: self._inbox.page(wanted, after, PAGE_SIZE),
            lambda rows: self._on_page(generation, rows),
            lambda exc: self._on_failed(generation, exc),
            owner=self,
        )

    def _on_page(self, generation: int, rows: list[MentionRow]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._exhausted = len(rows) < PAGE_SIZE
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.pageLoaded.emit(len(rows))

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return  # an outdated request failed; the current one is still on its way
        self._loading = False
        self._exhausted = True
        self.loadFailed.emit(exc)

    # Presentation ----------------------------------------------------------------------------
    def row_at(self, row: int) -> MentionRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("From"), self.tr("Message"), self.tr("Waiting"))[section]

    def _icon(self, name: str) -> QIcon:
        if name not in self._icons:
            self._icons[name] = icon(name)
        return self._icons[name]

    def _no_flag_icon(self) -> QIcon:
        """A transparent icon, so messages without a flag line up with those that have one."""
        if "" not in self._icons:
            blank = QPixmap(16, 16)
            blank.fill(Qt.GlobalColor.transparent)
            self._icons[""] = QIcon(blank)
        return self._icons[""]

    def widest_waiting_texts(self) -> list[str]:
        """The longest texts the Waiting column shows, so the view can size it once."""
        samples = [timedelta(minutes=59), timedelta(hours=47), timedelta(days=13),
                   timedelta(weeks=99)]
        texts = [str(self.headerData(self.COLUMN_WAITING, Qt.Orientation.Horizontal))]
        for sample in samples:
            texts.append(duration(sample))
            texts.append(self._answered_text(sample))
        return texts

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        mention = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COLUMN_FROM:
                return mention.author_name or mention.author_handle
            if column == self.COLUMN_MESSAGE:
                return mention.first_line
            return self._waiting_text(mention)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == self.COLUMN_FROM:
                return self._icon(mention.network.value)
            if column == self.COLUMN_MESSAGE:
                for flag in (Flag.COMPLAINT, Flag.QUESTION, Flag.PRAISE):
                    if flag in mention.flags:
                        return self._icon(flag.value)
                return self._no_flag_icon()
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COLUMN_WAITING:
            return self._waiting_colour(mention)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COLUMN_FROM:
                return plain_tooltip(mention.author_handle)
            if column == self.COLUMN_MESSAGE:
                return plain_tooltip(mention.first_line)
        return None

    def _waiting_text(self, mention: MentionRow) -> str:
        if mention.first_response_at is not None:
            return self._answered_text(mention.first_response_at - mention.created_at)
        if mention.state != TriageState.NEW:
            return ""
        return duration(utc_now() - mention.created_at)

    def _answered_text(self, delta: timedelta) -> str:
        return self.tr("answered in {time}").format(time=duration(delta))

    def _waiting_colour(self, mention: MentionRow) -> QColor | None:
        if mention.state != TriageState.NEW or mention.first_response_at is not None:
            return None
        waited = utc_now() - mention.created_at
        if waited >= self.overdue:
            return RED
        if waited >= self.overdue / 2:
            return AMBER
        return None
