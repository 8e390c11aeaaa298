"""Templates: the shop's saved replies, listed with how often each was used, and edited beside.

The list and every change go through TemplatesService on the database worker. Edits are saved
explicitly (Save / Revert), and a template with unsaved edits is never left silently: choosing
another one, starting a new one, or leaving the screen asks first, and a save that fails keeps
the text where it was typed. Import… and Export… move templates between workspaces as a file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSignalBlocker, QSize, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.model import TemplateCategory, TemplateRecord
from app.services.templates import TemplateProblem, TemplatesService
from app.ui import messages
from app.ui import template_words as words
from app.ui.confirm import confirm_destructive
from app.ui.look import make_error, make_secondary
from app.ui.screens.empty_state import EmptyState
from app.ui.tasks import Tasks
from app.ui.widgets.template_editor import (
    TemplateEditor,
    blank_values,
    record_values,
)
from app.ui.widgets.template_picker import category_text

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
EXPORT_NAME = "community-desk-templates.json"

OpenFile = Callable[[], str]  # the file to import, or "" when the owner cancelled
SaveFile = Callable[[str], str]  # given a suggested name: where to export, or ""


class Leave(Enum):
    """The answer to "save your changes first?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def _order(record: TemplateRecord) -> tuple[int, str, int]:
    """As TemplatesService.list sorts: most used first, then by name."""
    return (-record.use_count, record.name, record.id)


class TemplatesScreen(QWidget):
    templatesChanged = Signal()  # saved, added, deleted or imported: template lists are stale

    COLUMN_NAME, COLUMN_CATEGORY, COLUMN_LANGUAGE, COLUMN_USES = range(4)

    def __init__(self, templates: TemplatesService, tasks: Tasks,
                 parent: QWidget | None = None, *, open_file: OpenFile | None = None,
                 save_file: SaveFile | None = None) -> None:
        super().__init__(parent)
        self._templates = templates
        self._tasks = tasks
        self._open_file = open_file or self._ask_open_file
        self._save_file = save_file or self._ask_save_file
        self._records: list[TemplateRecord] = []
        self._editing: int | None = None  # the template in the editor; None: new or nothing
        self._new = False  # the editor holds a template not saved yet
        self._saving = False
        self._loaded = False

        self.filter = QComboBox(self)
        self.filter.addItem(self.tr("All categories"), "")
        for category in TemplateCategory:
            self.filter.addItem(category_text(category), category.value)
        self.filter.setAccessibleName(self.tr("Show category"))
        self.filter.currentIndexChanged.connect(self._on_filter_changed)
        filter_label = QLabel(self.tr("Sho&w:"), self)
        filter_label.setBuddy(self.filter)
        self.new_button = QPushButton(self.tr("&New Template"), self)
        self.new_button.clicked.connect(self.new_template)
        self.duplicate_button = QPushButton(self.tr("D&uplicate"), self)
        self.duplicate_button.clicked.connect(self._on_duplicate_clicked)
        self.delete_button = QPushButton(self.tr("&Delete…"), self)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.import_button = QPushButton(self.tr("&Import…"), self)
        self.import_button.setToolTip(self.tr("Add the templates of a file exported from "
                                              "Community Desk"))
        self.import_button.clicked.connect(self.import_templates)
        self.export_button = QPushButton(self.tr("E&xport…"), self)
        self.export_button.setToolTip(self.tr("Save every template to a file, to use on "
                                              "another computer or keep as a copy"))
        self.export_button.clicked.connect(self.export_templates)

        self.list = QTreeWidget(self)
        self.list.setColumnCount(4)
        self.list.setHeaderLabels([self.tr("Name"), self.tr("Category"), self.tr("Language"),
                                   self.tr("Uses")])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(self.tr("Saved replies"))
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.COLUMN_NAME, QHeaderView.ResizeMode.Stretch)
        for column in (self.COLUMN_CATEGORY, self.COLUMN_LANGUAGE, self.COLUMN_USES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        metrics = self.list.fontMetrics()
        self._row_height = metrics.height() + 12
        self.list.setColumnWidth(self.COLUMN_CATEGORY, 24 + max(
            metrics.horizontalAdvance(text) for text in
            [self.tr("Category"), *(category_text(c) for c in TemplateCategory)]))
        self.list.setColumnWidth(self.COLUMN_LANGUAGE, 24 + max(
            metrics.horizontalAdvance(text) for text in
            [self.tr("Language"), *(words.language_name(c) for c in ("", "ja", "en"))]))
        self.list.setColumnWidth(self.COLUMN_USES, 24 + max(
            metrics.horizontalAdvance(self.tr("Uses")), metrics.horizontalAdvance("99999")))
        self.list.currentItemChanged.connect(self._on_list_current_changed)

        self.editor = TemplateEditor(self)
        self.editor.saveRequested.connect(self.save)
        self.editor.revertRequested.connect(self.revert)
        self.editor.changed.connect(self._update_buttons)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        make_error(self.error)
        self.error.hide()
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        make_secondary(self.notice)
        self.notice.hide()

        self.empty = EmptyState("templates", self.tr("No saved replies yet"), self.tr(
            "Write the answers you give often once: each one fills in the customer's name and "
            "your shop's contact details when you reply."), self)
        self.empty_new_button = QPushButton(self.tr("New Template"), self.empty)
        self.empty_new_button.clicked.connect(self.new_template)
        self.empty.add_widget(self.empty_new_button)
        self.empty_import_button = QPushButton(self.tr("Import…"), self.empty)
        self.empty_import_button.clicked.connect(self.import_templates)
        self.empty.add_widget(self.empty_import_button)

        tools = QHBoxLayout()
        tools.addWidget(filter_label)
        tools.addWidget(self.filter)
        tools.addSpacing(12)
        tools.addWidget(self.new_button)
        tools.addWidget(self.duplicate_button)
        tools.addWidget(self.delete_button)
        tools.addStretch(1)
        tools.addWidget(self.import_button)
        tools.addWidget(self.export_button)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list)
        editor_pane = QWidget(self.splitter)
        editor_layout = QVBoxLayout(editor_pane)
        editor_layout.setContentsMargins(6, 0, 0, 0)
        editor_layout.addWidget(self.editor)
        self.splitter.addWidget(editor_pane)
        # About half each, the list a little more: names need the room, and the text wraps in
        # whatever the editor gets.
        self.splitter.setStretchFactor(0, 6)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([1200, 1000])

        self.list_page = QWidget(self)
        list_layout = QVBoxLayout(self.list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(tools)
        list_layout.addWidget(self.splitter, 1)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.list_page)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 1)

        self.editor.setEnabled(False)
        self._update_buttons()
        self.reload()

    # Reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self._tasks.db(self._templates.list, self._on_loaded, self._on_failed, owner=self)

    @property
    def records(self) -> list[TemplateRecord]:
        return list(self._records)

    @property
    def editing(self) -> TemplateRecord | None:
        """The saved template the editor shows (None while a new one is being written)."""
        return self._record(self._editing) if self._editing is not None else None

    def _on_loaded(self, records: list[TemplateRecord]) -> None:
        first = not self._loaded
        self._loaded = True
        self._records = records
        gone = self._editing is not None and self._record(self._editing) is None
        if gone:
            # Deleted elsewhere (another window on a shared workspace): unsaved words stay, as
            # a new template; with none, the editor simply moves on.
            self._editing = None
            self._new = self.editor.is_dirty()
            if self._new:
                self.editor.show_problem(self.tr(
                    "This template was deleted meanwhile. Save adds it again as it is here."),
                    blocks_save=False)
            else:
                self.editor.load(blank_values())
        self._fill_list()
        if (first or (gone and not self._new)) and records:
            self._open(records[0].id)

    def _record(self, template_id: int) -> TemplateRecord | None:
        return next((r for r in self._records if r.id == template_id), None)

    def _fill_list(self) -> None:
        wanted = self.filter.currentData()
        blocker = QSignalBlocker(self.list)
        self.list.clear()
        current = None
        for record in self._records:
            if wanted and record.category.value != wanted:
                continue
            item = QTreeWidgetItem(self.list)
            item.setData(self.COLUMN_NAME, ID_ROLE, record.id)
            item.setText(self.COLUMN_NAME, record.name)
            # Rows as tall as the inbox's, so names and their categories read as one line each.
            item.setSizeHint(self.COLUMN_NAME, QSize(0, self._row_height))
            item.setToolTip(self.COLUMN_NAME, record.name)
            item.setText(self.COLUMN_CATEGORY, category_text(record.category))
            item.setText(self.COLUMN_LANGUAGE, words.language_name(record.language))
            item.setText(self.COLUMN_USES, str(record.use_count))
            item.setTextAlignment(self.COLUMN_USES, Qt.AlignmentFlag.AlignRight
                                  | Qt.AlignmentFlag.AlignVCenter)
            if record.id == self._editing:
                current = item
        if current is not None:
            self.list.setCurrentItem(current)
        del blocker
        showing_something = bool(self._records) or self._new
        self.pages.setCurrentWidget(self.list_page if showing_something else self.empty)
        self.editor.setEnabled(self._editing is not None or self._new)
        self._update_taken()
        self._update_buttons()

    def _update_taken(self) -> None:
        others = [r for r in self._records if r.id != self._editing]
        self.editor.set_taken((r.name for r in others), (r.shortcut for r in others))

    def _update_buttons(self) -> None:
        saved = self._editing is not None and not self._saving
        self.duplicate_button.setEnabled(saved)
        self.delete_button.setEnabled(saved)
        self.export_button.setEnabled(bool(self._records))

    # Choosing --------------------------------------------------------------------------------
    def select_template(self, template_id: int) -> None:
        """Show a template in the editor, as clicking it in the list does (asking first when
        the editor has unsaved changes)."""
        if template_id == self._editing and not self._new:
            return
        self._leave_then(lambda: self._open(template_id))

    def _on_list_current_changed(self, current: QTreeWidgetItem | None,
                                 _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        target = current.data(self.COLUMN_NAME, ID_ROLE)
        if target == self._editing and not self._new:
            return
        self._reselect()  # until the editor may be left, the list keeps showing its template
        self.select_template(int(target))

    def _reselect(self) -> None:
        blocker = QSignalBlocker(self.list)
        item = self._item(self._editing) if self._editing is not None else None
        if item is not None:
            self.list.setCurrentItem(item)
        else:
            self.list.setCurrentIndex(QModelIndex())
            self.list.clearSelection()
        del blocker

    def _item(self, template_id: int) -> QTreeWidgetItem | None:
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item is not None and item.data(self.COLUMN_NAME, ID_ROLE) == template_id:
                return item
        return None

    def _open(self, template_id: int) -> None:
        record = self._record(template_id)
        if record is None:
            return
        self._editing = record.id
        self._new = False
        self._update_taken()
        self.editor.load(record_values(record))
        self.editor.setEnabled(True)
        self._reselect()
        self._update_buttons()

    def new_template(self) -> None:
        self._leave_then(self._start_new)

    def _start_new(self) -> None:
        wanted = self.filter.currentData()
        self._editing = None
        self._new = True
        self._clear_messages()
        self.pages.setCurrentWidget(self.list_page)
        self._reselect()
        self._update_taken()
        self.editor.load(blank_values(TemplateCategory(wanted) if wanted
                                      else TemplateCategory.OTHER))
        self.editor.setEnabled(True)
        self._update_buttons()
        self.editor.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_filter_changed(self, _index: int) -> None:
        # Only the list narrows: what the editor holds stays, changed or not.
        self._fill_list()

    # Leaving with unsaved changes ------------------------------------------------------------
    def confirm_leave(self) -> bool:
        """May the window show another screen? Asks when the editor has unsaved changes; a
        save chosen here finishes in the background, and should it fail, the text is still
        in the editor when the owner comes back."""
        if not self.editor.is_dirty():
            return True
        choice = self.ask_leave()
        if choice is Leave.CANCEL:
            return False
        if choice is Leave.DISCARD:
            self.revert()
        else:
            self.save()
        return True

    def _leave_then(self, action: Callable[[], None]) -> None:
        if not self.editor.is_dirty():
            action()
            return
        choice = self.ask_leave()
        if choice is Leave.DISCARD:
            action()
        elif choice is Leave.SAVE:
            self.save(then=action)  # the next template opens once this one is stored

    def ask_leave(self) -> Leave:
        """Save, discard or stay: the editor has changes that are not saved yet."""
        name = " ".join(self.editor.name.text().split())
        title = (self.tr("Save the changes to “{name}”?").format(name=name) if name
                 else self.tr("Save the new template?"))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved Template"), title,
                          parent=self)
        problem = "" if self.editor.can_save() else self.editor.problem_text()
        if problem:
            box.setInformativeText(self.tr("It cannot be saved as it is: {problem}").format(
                problem=problem))
            buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        else:
            box.setInformativeText(self.tr("Your changes are lost if you do not save them."))
            buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                       | QMessageBox.StandardButton.Cancel)
        box.setStandardButtons(buttons)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel if problem
                             else QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        box.deleteLater()
        if answer == QMessageBox.StandardButton.Save:
            return Leave.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return Leave.DISCARD
        return Leave.CANCEL

    # Saving ----------------------------------------------------------------------------------
    def save(self, then: Callable[[], None] | None = None) -> None:
        if self._saving or not self.editor.can_save():
            return
        values = self.editor.values()
        service, template_id = self._templates, self._editing
        self._clear_messages()

        def work() -> TemplateRecord:
            if template_id is None:
                return service.create(**values)
            return service.update(template_id, **values)

        self._saving = True
        self.editor.set_busy(True)
        self._update_buttons()
        self._tasks.db(work, lambda record: self._on_saved(record, values, then),
                       self._on_save_failed, owner=self)

    def _on_saved(self, record: TemplateRecord, sent: dict[str, str],
                  then: Callable[[], None] | None) -> None:
        self._saving = False
        self.editor.set_busy(False)
        self._records = sorted([r for r in self._records if r.id != record.id] + [record],
                               key=_order)
        self._editing = record.id
        self._new = False
        self._fill_list()
        self.editor.mark_saved(record, sent)
        self.templatesChanged.emit()
        if then is not None:
            then()

    def _on_save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.editor.set_busy(False)
        if isinstance(exc, TemplateProblem):
            if exc.code == "not_found":
                # Deleted meanwhile: the text is still here, and Save adds it back.
                gone, self._editing, self._new = self._editing, None, True
                self._records = [r for r in self._records if r.id != gone]
                self._fill_list()
                self.editor.show_problem(self.tr(
                    "This template was deleted meanwhile. Save adds it again as it is here."),
                    blocks_save=False)
            else:
                self.editor.show_problem(words.problem(exc))
        else:
            log.error("saving a template failed", exc_info=exc)
            self.editor.show_problem(messages.unexpected_error())
        self._update_buttons()

    def revert(self) -> None:
        self.editor.revert()

    # Duplicating and deleting ----------------------------------------------------------------
    def _on_duplicate_clicked(self) -> None:
        if self._editing is not None:
            template_id = self._editing
            self._leave_then(lambda: self.duplicate(template_id))

    def duplicate(self, template_id: int) -> None:
        service = self._templates
        self._clear_messages()
        self._tasks.db(lambda: service.duplicate(template_id), self._on_duplicated,
                       self._on_failed, owner=self)

    def _on_duplicated(self, record: TemplateRecord) -> None:
        self._records = sorted([*self._records, record], key=_order)
        self._editing = record.id
        self._fill_list()
        self._open(record.id)
        self.templatesChanged.emit()
        # Most copies are made to become a variant: the name is ready to be typed over.
        self.editor.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.name.selectAll()

    def _on_delete_clicked(self) -> None:
        record = self.editing
        if record is not None and self.ask_delete(record):
            self.delete(record.id)

    def ask_delete(self, record: TemplateRecord) -> bool:
        return confirm_destructive(
            self, self.tr("Delete Template"),
            self.tr("Delete the template “{name}”?").format(name=record.name),
            self.tr("It is gone for good; replies already written with it stay as they are."),
            self.tr("Delete"))

    def delete(self, template_id: int) -> None:
        service = self._templates
        self._clear_messages()
        self._tasks.db(lambda: service.delete(template_id),
                       lambda _none: self._on_deleted(template_id), self._on_failed, owner=self)

    def _on_deleted(self, template_id: int) -> None:
        visible = [self.list.topLevelItem(row).data(self.COLUMN_NAME, ID_ROLE)
                   for row in range(self.list.topLevelItemCount())]
        self._records = [r for r in self._records if r.id != template_id]
        # The next one down takes its place, as in a file manager; else the one above.
        following = None
        if template_id in visible:
            at = visible.index(template_id)
            rest = visible[at + 1:] + list(reversed(visible[:at]))
            following = rest[0] if rest else None
        if self._editing == template_id:
            self._editing = None
            self._new = False
            self.editor.load(blank_values())
        self._fill_list()
        if following is not None:
            self._open(following)
        self.templatesChanged.emit()

    # Files -----------------------------------------------------------------------------------
    def import_templates(self) -> None:
        path = self._open_file()
        if not path:
            return
        service = self._templates
        self._clear_messages()

        def work() -> tuple[int, list[TemplateRecord]]:
            count = service.import_file(path)
            return count, service.list()

        self._tasks.db(work, self._on_imported, self._on_file_failed, owner=self)

    def _on_imported(self, result: tuple[int, list[TemplateRecord]]) -> None:
        count, records = result
        self._on_loaded(records)
        if self._editing is None and not self._new and records:
            self._open(records[0].id)
        # English needs its singular spelled out: without an English .qm, Qt only replaces %n.
        self.show_notice(self.tr("Imported 1 template.") if count == 1 else
                         self.tr("Imported %n templates.", "", count))
        self.templatesChanged.emit()

    def export_templates(self) -> None:
        path = self._save_file(EXPORT_NAME)
        if not path:
            return
        if not Path(path).suffix:
            path += ".json"
        service = self._templates
        self._clear_messages()
        self._tasks.db(lambda: service.export_file(path),
                       lambda count: self._on_exported(count, Path(path).name),
                       self._on_file_failed, owner=self)

    def _on_exported(self, count: int, name: str) -> None:
        text = (self.tr("Exported 1 template to {file}.") if count == 1 else
                self.tr("Exported %n templates to {file}.", "", count))
        self.show_notice(text.format(file=name))

    def _ask_open_file(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import Templates"), self._folder(),
            self.tr("Templates (*.json);;All files (*)"))
        return path

    def _ask_save_file(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export Templates"), str(Path(self._folder()) / suggested),
            self.tr("Templates (*.json)"))
        return path

    @staticmethod
    def _folder() -> str:
        return QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())

    # Messages --------------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        self.notice.hide()
        self.error.setText(text)
        self.error.show()

    def show_notice(self, text: str) -> None:
        self.error.hide()
        self.notice.setText(text)
        self.notice.show()

    def _clear_messages(self) -> None:
        self.error.hide()
        self.notice.hide()

    def _on_file_failed(self, exc: BaseException) -> None:
        if isinstance(exc, TemplateProblem):
            self.show_error(words.problem(exc))
            return
        log.error("importing or exporting templates failed", exc_info=exc)
        self.show_error(messages.unexpected_error())

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, TemplateProblem):
            self.show_error(words.problem(exc))
            if exc.code == "not_found":
                self.reload()
            return
        log.error("templates work failed", exc_info=exc)
        self.show_error(messages.unexpected_error())
