"""The Templates screen over a real workspace: the list with use counts and a category filter,
editing with explicit Save and Revert, mistakes marked inline as they are typed, unsaved edits
never dropped silently, new, duplicate and delete, and templates files in and out."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.model import TemplateCategory, TemplateRecord
from app.services.preferences import PreferencesService
from app.services.templates import FILE_FORMAT, TemplatesService
from app.services.workspace import Workspace
from app.storage.models import Template
from app.ui.main_window import Context, MainWindow
from app.ui.screens.templates import ID_ROLE, TemplatesScreen
from app.ui.tasks import Tasks

THANKS = "Hi {customer_name|there}, thank you! – {staff_name}"


# --- Helpers ----------------------------------------------------------------------------------


@pytest.fixture
def service(workspace: Workspace) -> TemplatesService:
    """Three templates of our own instead of the shipped ones, so the list is predictable."""
    with workspace.sessions.begin() as session:
        session.query(Template).delete()
    templates = TemplatesService(workspace.sessions)
    sorry = templates.create("Sorry", "apology",
                             "{customer_name|Hello}, we are sorry. Email {contact_email}.",
                             language="en")
    templates.create("お礼", "thanks", "{customer_name|お客}様、ありがとうございます！",
                     language="ja")
    templates.create("Thanks", "thanks", THANKS, language="en", shortcut="Ctrl+Alt+1")
    templates.record_use(sorry.id)
    return templates


class Files:
    """Stands in for the file dialogs: hands out the path a test chose, remembers the asks."""

    def __init__(self) -> None:
        self.path = ""
        self.suggested: list[str] = []

    def open(self) -> str:
        return self.path

    def save(self, suggested: str) -> str:
        self.suggested.append(suggested)
        return self.path


@pytest.fixture
def files() -> Files:
    return Files()


@pytest.fixture
def make_screen(qtbot, service: TemplatesService,
                files: Files) -> Callable[..., TemplatesScreen]:
    def make(tasks: Tasks | None = None) -> TemplatesScreen:
        screen = TemplatesScreen(service, tasks or Tasks(inline=True), open_file=files.open,
                                 save_file=files.save)
        qtbot.addWidget(screen)
        screen.resize(1000, 680)
        screen.show()
        return screen

    return make


def rows(screen: TemplatesScreen) -> list[tuple[str, ...]]:
    return [tuple(screen.list.topLevelItem(row).text(column) for column in range(4))
            for row in range(screen.list.topLevelItemCount())]


def record(service: TemplatesService, name: str) -> TemplateRecord:
    found = service.find(name)
    assert found is not None, name
    return found


def answer(button: QMessageBox.StandardButton | str, seen: list[str] | None = None) -> None:
    """Press a button of the question about to open (a standard one, or by its text)."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        if seen is not None:
            seen.append(f"{box.text()}\n{box.informativeText()}")
        if isinstance(button, str):
            next(b for b in box.buttons() if b.text() == button).click()
        else:
            target = box.button(button)
            assert target is not None, f"{button} is not offered"
            target.click()

    QTimer.singleShot(0, press)


def offered(seen_buttons: list[list[str]]) -> None:
    """Note which buttons the next question offers, then cancel it."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen_buttons.append([b.text() for b in box.buttons()])
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, look)


def click_row(qtbot, screen: TemplatesScreen, name: str) -> None:
    for row in range(screen.list.topLevelItemCount()):
        item = screen.list.topLevelItem(row)
        if item.text(0) == name:
            rect = screen.list.visualItemRect(item)
            qtbot.mouseClick(screen.list.viewport(), Qt.MouseButton.LeftButton,
                             pos=rect.center())
            return
    raise AssertionError(f"{name} is not listed")


def templates_file(path: Path, *entries: dict[str, str]) -> Path:
    path.write_text(json.dumps({"format": FILE_FORMAT, "version": 1,
                                "templates": list(entries)}, ensure_ascii=False),
                    encoding="utf-8")
    return path


# --- The list ---------------------------------------------------------------------------------


def test_list_shows_each_template_with_category_language_and_uses(make_screen) -> None:
    screen = make_screen()
    assert rows(screen) == [
        ("Sorry", "Apology", "English", "1"),
        ("Thanks", "Thanks", "English", "0"),
        ("お礼", "Thanks", "日本語", "0"),
    ]
    # The most used one is open in the editor, ready to read.
    assert screen.editor.name.text() == "Sorry"
    assert screen.list.currentItem().text(0) == "Sorry"


def test_category_filter_narrows_the_list_and_keeps_the_editor(qtbot, make_screen) -> None:
    screen = make_screen()
    screen.filter.setCurrentIndex(screen.filter.findData(TemplateCategory.THANKS.value))
    assert [row[0] for row in rows(screen)] == ["Thanks", "お礼"]
    assert screen.editor.name.text() == "Sorry"  # still there, changed or not
    screen.filter.setCurrentIndex(screen.filter.findData(TemplateCategory.SHIPPING.value))
    assert rows(screen) == []
    screen.filter.setCurrentIndex(0)
    assert len(rows(screen)) == 3
    assert screen.list.currentItem().text(0) == "Sorry"


def test_list_is_read_on_the_database_worker(qtbot, make_screen, threads: Tasks) -> None:
    screen = make_screen(threads)
    assert rows(screen) == []  # not waited for: the UI thread carries on
    qtbot.waitUntil(lambda: len(rows(screen)) == 3, timeout=5000)
    assert screen.editor.name.text() == "Sorry"


def test_every_template_of_a_new_workspace_is_listed(qtbot, workspace: Workspace) -> None:
    screen = TemplatesScreen(TemplatesService(workspace.sessions), Tasks(inline=True))
    qtbot.addWidget(screen)
    languages = {row[2] for row in rows(screen)}
    assert languages == {"English", "日本語"}
    assert len(rows(screen)) == len(TemplatesService(workspace.sessions).list())


# --- Editing and saving -----------------------------------------------------------------------


def test_save_and_revert_are_enabled_only_when_something_changed(qtbot, make_screen,
                                                                 service) -> None:
    screen = make_screen()
    editor = screen.editor
    assert not editor.save_button.isEnabled()
    assert not editor.revert_button.isEnabled()

    qtbot.keyClicks(editor.body, " Call us.")
    assert editor.save_button.isEnabled() and editor.revert_button.isEnabled()
    editor.revert_button.click()
    assert editor.body.toPlainText() == record(service, "Sorry").body
    assert not editor.save_button.isEnabled()

    # Typing a change and then typing it away again is no change either.
    editor.name.setText("Sorry!")
    editor.name.setText("Sorry")
    assert not editor.save_button.isEnabled()


def test_saved_changes_reach_the_database_with_spaces_trimmed(qtbot, make_screen,
                                                              service) -> None:
    screen = make_screen()
    editor = screen.editor
    changed: list[bool] = []
    screen.templatesChanged.connect(lambda: changed.append(True))
    editor.name.setText("  Sorry,   late ")
    editor.category.setCurrentIndex(editor.category.findData(TemplateCategory.SHIPPING.value))
    editor.language.setCurrentIndex(editor.language.findData(""))
    editor.shortcut.setKeySequence(QKeySequence("Ctrl+Alt+2"))
    editor.body.setPlainText("We are sorry it is late. Email {contact_email}.\n")

    editor.save_button.click()

    saved = record(service, "Sorry, late")
    assert (saved.category, saved.language, saved.shortcut, saved.body, saved.use_count) == (
        TemplateCategory.SHIPPING, "", "Ctrl+Alt+2",
        "We are sorry it is late. Email {contact_email}.", 1)
    assert editor.name.text() == "Sorry, late"
    assert not editor.save_button.isEnabled()
    assert ("Sorry, late", "Shipping", "Any", "1") in rows(screen)
    assert changed == [True]


def test_a_name_or_shortcut_already_used_is_said_before_saving(qtbot, make_screen) -> None:
    screen = make_screen()
    editor = screen.editor
    editor.name.setText("thanks")
    assert editor.problem.isVisible()
    assert "already has this name" in editor.problem.text()
    assert not editor.save_button.isEnabled()
    editor.name.setText("Sorry")
    editor.shortcut.setKeySequence(QKeySequence("Ctrl+Alt+1"))
    assert "already uses this shortcut" in editor.problem.text()
    assert not editor.save_button.isEnabled()


@pytest.mark.parametrize(("keys", "words"), [
    ("A", "Use Ctrl or Alt"),
    ("Shift+A", "Use Ctrl or Alt"),
    ("Ctrl+C", "already uses this shortcut"),
    ("Ctrl+T", "already uses this shortcut"),
    ("Ctrl+3", "already uses this shortcut"),
])
def test_shortcuts_that_would_get_in_the_way_are_refused(make_screen, keys: str,
                                                         words: str) -> None:
    screen = make_screen()
    editor = screen.editor
    editor.shortcut.setKeySequence(QKeySequence(keys))
    assert words in editor.problem.text()
    assert not editor.save_button.isEnabled()


def test_function_keys_and_ctrl_alt_shortcuts_are_fine(make_screen) -> None:
    screen = make_screen()
    editor = screen.editor
    for keys in ("F8", "Ctrl+Alt+S", "Alt+1"):
        editor.shortcut.setKeySequence(QKeySequence(keys))
        assert not editor.problem.isVisible(), keys
        assert editor.save_button.isEnabled()


# --- Mistakes shown inline, as they are typed -------------------------------------------------


def test_an_unclosed_brace_is_named_and_marked_while_typing(qtbot, make_screen) -> None:
    screen = make_screen()
    editor = screen.editor
    editor.body.clear()
    qtbot.keyClicks(editor.body, "Hello {customer_name, thanks")

    assert editor.problem.isVisible()
    assert editor.problem.text() == ("A “{” is not closed: end the variable with “}”, or "
                                     "write “{{” for a brace.")
    assert ("error" in {kind for _s, _e, kind in editor.marks()})
    assert (6, 20, "error") in editor.marks()  # "{customer_name"
    assert not editor.save_button.isEnabled()

    # Closing it turns the mark into a variable's colour, and Save is possible again.
    cursor = editor.body.textCursor()
    cursor.setPosition(20)
    editor.body.setTextCursor(cursor)
    qtbot.keyClicks(editor.body, "}")
    assert not editor.problem.isVisible()
    assert editor.marks() == [(6, 21, "known")]
    assert editor.save_button.isEnabled()


@pytest.mark.parametrize(("body", "sentence", "span"), [
    ("Thanks}", "A “}” closes nothing", "}"),
    ("Hi {} there", "Braces with no variable name in them", "{}"),
    ("Hi {order number}", "“{order number}” is not a variable name", "{order number}"),
])
def test_each_mistake_has_its_sentence_and_mark(make_screen, body: str, sentence: str,
                                                span: str) -> None:
    screen = make_screen()
    editor = screen.editor
    editor.body.setPlainText(body)
    assert editor.problem.text().startswith(sentence)
    start = body.index(span)
    assert (start, start + len(span), "error") in editor.marks()


def test_marks_sit_on_the_right_characters_after_an_emoji(make_screen) -> None:
    screen = make_screen()
    editor = screen.editor
    editor.body.setPlainText("🍞ご注文 {注文番号")
    # Qt counts the emoji as two positions: the mark covers "{注文番号" all the same.
    (start, end, kind), = editor.marks()
    cursor = editor.body.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    assert (cursor.selectedText(), kind) == ("{注文番号", "error")


def test_unknown_variables_are_listed_as_asked_for_when_used(make_screen) -> None:
    screen = make_screen()
    editor = screen.editor
    assert not editor.asked.isVisible()
    editor.body.setPlainText("Order {order_number} for {customer_name}: {注文番号}")
    assert editor.asked.isVisible()
    assert editor.asked.text() == "Asked for when used: {order_number}, {注文番号}"
    kinds = [kind for _s, _e, kind in editor.marks()]
    assert kinds == ["asked", "known", "asked"]
    assert editor.save_button.isEnabled()  # the composer asks; nothing wrong here


def test_insert_variable_puts_it_at_the_cursor(qtbot, make_screen) -> None:
    screen = make_screen()
    editor = screen.editor
    editor.body.setPlainText("Thanks, ")
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    action = next(a for a in editor.variables_menu.actions() if "{staff_name}" in a.text())
    action.trigger()
    assert editor.body.toPlainText() == "Thanks, {staff_name}"


# --- Unsaved edits are never dropped silently -------------------------------------------------


def test_choosing_another_template_asks_and_cancel_keeps_the_edit(qtbot, make_screen) -> None:
    screen = make_screen()
    screen.editor.body.setPlainText("My unsaved words")
    seen: list[str] = []
    answer(QMessageBox.StandardButton.Cancel, seen)
    click_row(qtbot, screen, "Thanks")

    assert seen == ["Save the changes to “Sorry”?\n"
                    "Your changes are lost if you do not save them."]
    assert screen.editor.body.toPlainText() == "My unsaved words"
    assert screen.list.currentItem().text(0) == "Sorry"


def test_discard_moves_on_and_forgets_the_edit(qtbot, make_screen, service) -> None:
    screen = make_screen()
    screen.editor.body.setPlainText("My unsaved words")
    answer(QMessageBox.StandardButton.Discard)
    click_row(qtbot, screen, "Thanks")
    assert screen.editor.name.text() == "Thanks"
    assert record(service, "Sorry").body != "My unsaved words"


def test_save_from_the_question_stores_then_moves_on(qtbot, make_screen, service) -> None:
    screen = make_screen()
    screen.editor.body.setPlainText("We are sorry. Email {contact_email}.")
    answer(QMessageBox.StandardButton.Save)
    click_row(qtbot, screen, "Thanks")
    assert record(service, "Sorry").body == "We are sorry. Email {contact_email}."
    assert screen.editor.name.text() == "Thanks"
    assert screen.list.currentItem().text(0) == "Thanks"


def test_an_edit_that_cannot_be_saved_is_only_kept_or_discarded(qtbot, make_screen) -> None:
    screen = make_screen()
    screen.editor.body.setPlainText("Sorry {customer_name")
    buttons: list[list[str]] = []
    offered(buttons)
    click_row(qtbot, screen, "Thanks")
    assert "Save" not in buttons[0]
    assert screen.editor.body.toPlainText() == "Sorry {customer_name"


def test_leaving_the_screen_asks_and_cancel_stays(qtbot, workspace: Workspace) -> None:
    context = Context(workspace, Tasks(inline=True), PreferencesService(workspace.sessions)
                      .load(), background_sync=False)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show_screen(MainWindow.TEMPLATES)
    screen = window.stack.currentWidget()
    assert isinstance(screen, TemplatesScreen)
    screen.editor.body.setPlainText("Words I am still writing")

    answer(QMessageBox.StandardButton.Cancel)
    window.show_screen(MainWindow.INBOX)
    assert window.stack.currentWidget() is screen
    assert window.nav.currentRow() == MainWindow.TEMPLATES

    answer(QMessageBox.StandardButton.Discard)
    window.show_screen(MainWindow.INBOX)
    assert window.stack.currentIndex() == MainWindow.INBOX
    assert not screen.editor.is_dirty()
    window.show_screen(MainWindow.SETTINGS)  # nothing unsaved now: no question
    assert window.stack.currentIndex() == MainWindow.SETTINGS


def test_a_save_that_fails_keeps_the_text_and_says_why(qtbot, make_screen, service) -> None:
    screen = make_screen()
    sorry = record(service, "Sorry")
    service.delete(sorry.id)  # elsewhere, say from the command line
    screen.editor.body.setPlainText("We are sorry, truly.")
    screen.editor.save_button.click()

    assert screen.editor.body.toPlainText() == "We are sorry, truly."
    assert "deleted meanwhile" in screen.editor.problem.text()
    # Saving again puts it back, as the owner wrote it.
    screen.editor.save_button.click()
    assert record(service, "Sorry").body == "We are sorry, truly."
    assert not screen.editor.problem.isVisible()


# --- New, duplicate, delete -------------------------------------------------------------------


def test_new_template_is_stored_only_when_saved(qtbot, make_screen, service) -> None:
    screen = make_screen()
    screen.filter.setCurrentIndex(screen.filter.findData(TemplateCategory.HOURS.value))
    screen.new_button.click()
    editor = screen.editor
    assert (editor.name.text(), editor.body.toPlainText()) == ("", "")
    assert editor.category.currentData() == TemplateCategory.HOURS.value  # as filtered
    assert not editor.save_button.isEnabled()
    assert not screen.delete_button.isEnabled()
    assert len(service.list()) == 3

    qtbot.keyClicks(editor.name, "Hours")
    assert editor.problem.text() == "Write the reply this template inserts."
    qtbot.keyClicks(editor.body, "We open at {opening_hours}.")
    editor.save_button.click()

    made = record(service, "Hours")
    assert (made.category, made.body) == (TemplateCategory.HOURS, "We open at {opening_hours}.")
    assert screen.list.currentItem().text(0) == "Hours"
    assert screen.delete_button.isEnabled()


def test_duplicate_adds_a_numbered_copy_ready_to_rename(qtbot, make_screen, service) -> None:
    screen = make_screen()
    screen.select_template(record(service, "Thanks").id)
    screen.duplicate_button.click()
    copy = record(service, "Thanks (2)")
    assert (copy.body, copy.shortcut, copy.use_count) == (THANKS, "", 0)
    assert screen.editor.name.text() == "Thanks (2)"
    assert screen.editor.name.selectedText() == "Thanks (2)"
    assert screen.list.currentItem().data(0, ID_ROLE) == copy.id


def test_delete_asks_first_and_then_shows_the_next_template(qtbot, make_screen,
                                                            service) -> None:
    screen = make_screen()
    seen: list[str] = []
    answer(QMessageBox.StandardButton.Cancel, seen)
    screen.delete_button.click()
    assert seen[0].startswith("Delete the template “Sorry”?")
    assert service.find("Sorry") is not None

    answer("Delete")
    screen.delete_button.click()
    assert service.find("Sorry") is None
    assert [row[0] for row in rows(screen)] == ["Thanks", "お礼"]
    assert screen.editor.name.text() == "Thanks"


def test_deleting_every_template_shows_how_to_start(qtbot, make_screen, service) -> None:
    screen = make_screen()
    for _ in range(3):
        answer("Delete")
        screen.delete_button.click()
    assert service.list() == []
    assert screen.pages.currentWidget() is screen.empty
    assert screen.empty.title.text() == "No saved replies yet"

    screen.empty_new_button.click()
    assert screen.pages.currentWidget() is screen.list_page
    assert screen.editor.isEnabled()


# --- Files ------------------------------------------------------------------------------------


def test_import_adds_the_files_templates_and_says_how_many(qtbot, make_screen, service,
                                                           files, tmp_path) -> None:
    screen = make_screen()
    files.path = str(templates_file(
        tmp_path / "in.json", {"name": "Thanks", "category": "thanks", "body": "Ta!"},
        {"name": "Closed", "category": "hours", "body": "Closed today.", "language": "en"}))
    screen.import_button.click()
    assert screen.notice.text() == "Imported 2 templates."
    names = [row[0] for row in rows(screen)]
    assert {"Thanks (2)", "Closed"} <= set(names)
    assert screen.editor.name.text() == "Sorry"  # what was open stays open


def test_a_bad_file_imports_nothing_and_says_why_in_one_sentence(qtbot, make_screen, service,
                                                                 files, tmp_path) -> None:
    screen = make_screen()
    files.path = str(templates_file(
        tmp_path / "in.json", {"name": "Fine", "body": "Fine."},
        {"name": "Broken", "body": "Sorry {customer_name"}))
    screen.import_button.click()
    assert screen.error.isVisible()
    assert screen.error.text() == ("Nothing was imported: template 2 (Broken) in the file has "
                                   "a mistake in its braces.")
    assert len(rows(screen)) == 3
    files.path = str(tmp_path / "missing.json")
    screen.import_button.click()
    assert screen.error.text().startswith("The file could not be read.")


def test_cancelled_file_dialogs_do_nothing(make_screen, files) -> None:
    screen = make_screen()
    files.path = ""
    screen.import_button.click()
    screen.export_button.click()
    assert not screen.error.isVisible() and not screen.notice.isVisible()
    assert files.suggested == ["community-desk-templates.json"]


def test_export_writes_every_template_to_the_file_chosen(make_screen, files,
                                                         tmp_path) -> None:
    screen = make_screen()
    files.path = str(tmp_path / "replies")  # no suffix typed: .json is added
    screen.export_button.click()
    written = json.loads((tmp_path / "replies.json").read_text(encoding="utf-8"))
    assert sorted(t["name"] for t in written["templates"]) == ["Sorry", "Thanks", "お礼"]
    assert screen.notice.text() == "Exported 3 templates to replies.json."

    files.path = str(tmp_path / "no" / "such" / "folder.json")
    screen.export_button.click()
    assert screen.error.text() == ("The file could not be saved there. Choose a folder you can "
                                   "write to.")


def test_a_template_deleted_elsewhere_leaves_the_editor_on_reload(qtbot, make_screen,
                                                                 service) -> None:
    screen = make_screen()
    service.delete(record(service, "Sorry").id)
    screen.reload()
    assert screen.editor.name.text() == "Thanks"
    assert [row[0] for row in rows(screen)] == ["Thanks", "お礼"]


def test_unsaved_words_of_a_template_deleted_elsewhere_stay_to_be_saved(qtbot, make_screen,
                                                                        service) -> None:
    screen = make_screen()
    screen.editor.body.setPlainText("Words I typed")
    service.delete(record(service, "Sorry").id)
    screen.reload()
    assert screen.editor.body.toPlainText() == "Words I typed"
    assert "deleted meanwhile" in screen.editor.problem.text()
    screen.editor.save_button.click()
    assert record(service, "Sorry").body == "Words I typed"
