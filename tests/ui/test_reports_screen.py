"""The Reports screen over a real workspace (tests/report_shop.py puts mentions at exact Tokyo
times) with the real ReportsService: which week it opens on, stepping through weeks, the empty
pages, stale results, and both exports. The save dialog is Qt's own; these tests stand in for it
(QFileDialog.getSaveFileName patched) and say which path the owner "chose"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from report_shop import TOKYO, add_account, add_mention, add_post, at

from app.core.weeks import IsoWeek
from app.services.preferences import PreferencesService
from app.services.reports import ReportsService
from app.services.workspace import Workspace
from app.ui import messages
from app.ui.i18n import install_translators
from app.ui.screens.reports import ReportsScreen
from app.ui.tasks import Tasks

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # Wednesday of 2026-W48 in Tokyo
W47, W48 = IsoWeek(2026, 47), IsoWeek(2026, 48)


class HeldTasks(Tasks):
    """Holds database work until the test runs it, in the order the test chooses."""

    def __init__(self) -> None:
        super().__init__(inline=True)
        self.held: list[tuple[Callable[[], Any], Callable | None, Callable | None]] = []

    def db(self, work, on_done=None, on_error=None, *, owner=None) -> None:
        self.held.append((work, on_done, on_error))

    def run(self, index: int) -> None:
        work, on_done, _on_error = self.held.pop(index)
        result = work()
        if on_done is not None:
            on_done(result)


@pytest.fixture(autouse=True)
def english(qapp):
    install_translators("en")


@pytest.fixture
def shop(workspace: Workspace) -> Workspace:
    """Week 47: three mentions (one complaint, answered; one waiting), a published post;
    week 46: one mention."""
    PreferencesService(workspace.sessions).update(shop_name="山田商店")
    mastodon = add_account(workspace)
    bluesky = add_account(workspace, "bluesky", "shop.bsky.social")
    add_mention(workspace, mastodon, at(TOKYO, 2026, 11, 16, 9, 30), author="hanako",
                name="山田花子", complaint=True, answered=at(TOKYO, 2026, 11, 16, 10, 0))
    add_mention(workspace, bluesky, at(TOKYO, 2026, 11, 18, 14, 0), author="taro",
                answered=at(TOKYO, 2026, 11, 18, 16, 0))
    add_mention(workspace, mastodon, at(TOKYO, 2026, 11, 21, 20, 0), author="hanako",
                name="山田花子")
    add_mention(workspace, mastodon, at(TOKYO, 2026, 11, 10, 12, 0), author="jiro",
                answered=at(TOKYO, 2026, 11, 10, 13, 0))
    add_post(workspace, mastodon, at(TOKYO, 2026, 11, 19, 10, 0), "sent")
    return workspace


def make_screen(qtbot, workspace: Workspace, tasks: Tasks | None = None) -> ReportsScreen:
    screen = ReportsScreen(ReportsService(workspace.sessions), tasks or Tasks(inline=True),
                           zone=TOKYO, clock=lambda: NOW)
    qtbot.addWidget(screen)
    screen.resize(1000, 700)
    return screen


def shown(qtbot, screen: ReportsScreen) -> ReportsScreen:
    screen.show()
    qtbot.waitExposed(screen, timeout=2000)
    return screen


def choose(monkeypatch, path: Path | None) -> list[str]:
    """The owner picks `path` in the save dialog (None: cancels); returns what was suggested."""
    suggested: list[str] = []

    def ask(parent, caption, directory, filter_text, *args, **kwargs):
        suggested.append(directory)
        return (str(path) if path else "", filter_text)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    return suggested


def answer(monkeypatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


# --- The week on screen -----------------------------------------------------------------------


def test_it_reads_nothing_until_it_is_shown(qtbot, shop) -> None:
    tasks = HeldTasks()
    screen = make_screen(qtbot, shop, tasks)
    assert tasks.held == []
    shown(qtbot, screen)
    assert len(tasks.held) == 1


def test_it_opens_on_the_last_complete_week_with_its_figures(qtbot, shop) -> None:
    screen = shown(qtbot, make_screen(qtbot, shop))
    assert screen.week == W47
    assert screen.title.text() == "Week 47 · 16–22 Nov 2026"
    assert screen.pages.currentWidget() is screen.report_page
    cards = screen.cards
    assert cards["mentions"].value.text() == "3"
    assert cards["mentions"].change.text() == "▲ 200% vs week 46"
    assert "Mastodon 2 · Bluesky 1" in cards["mentions"].note.text()
    assert cards["answered"].value.text() == "2"
    assert cards["waiting_at_end"].value.text() == "1"
    assert cards["waiting_at_end"].change.text() == "new vs week 46"
    assert cards["waiting_at_end"].note.text().startswith("Oldest: 山田花子")
    assert cards["median_response_hours"].value.text() == "30 min"
    assert cards["complaints_answered"].value.text() == "1 of 1"
    assert screen.customers.rows[0][1].text() == "山田花子  @hanako"
    assert screen.posts.rows["posts_published"][1].text() == "1"
    assert "times in Asia/Tokyo" in screen.subtitle.text()
    assert cards["mentions"].accessibleName() == "Mentions"


def test_weeks_step_back_and_forward_but_not_past_the_week_in_progress(qtbot, shop) -> None:
    screen = shown(qtbot, make_screen(qtbot, shop))
    assert screen.next_button.isEnabled()
    screen.next_button.click()
    assert screen.week == W48
    assert not screen.next_button.isEnabled()
    assert not screen.this_week_button.isEnabled()
    screen.step(1)
    assert screen.week == W48  # the future has no summary to show
    assert "this week so far" in screen.subtitle.text()
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen, timeout=2000)
    screen.pdf_button.setFocus()
    qtbot.keyClick(screen.pdf_button, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert screen.week == W47
    qtbot.keyClick(screen.pdf_button, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert screen.week == IsoWeek(2026, 46)
    assert screen.cards["mentions"].value.text() == "1"
    screen.last_week_button.click()
    assert screen.week == W47
    assert screen.previous_button.accessibleName() == "Previous week"
    assert screen.next_button.accessibleName() == "Next week"


def test_a_week_with_nothing_in_it_says_so_kindly(qtbot, shop) -> None:
    screen = shown(qtbot, make_screen(qtbot, shop))
    screen.show_week(IsoWeek(2026, 40))
    assert screen.pages.currentWidget() is screen.empty_week
    assert screen.empty_week.title.text() == "A quiet week"
    assert "No mentions came in" in screen.empty_week.text.text()
    assert screen.bar.isVisible()  # the way back to a busier week stays
    assert screen.pdf_button.isEnabled()


def test_a_workspace_with_no_mentions_at_all_says_what_will_be_there(qtbot, workspace) -> None:
    screen = shown(qtbot, make_screen(qtbot, workspace))
    assert screen.pages.currentWidget() is screen.no_data
    assert screen.no_data.title.text() == "No weekly summary yet"
    assert not screen.bar.isVisible()


def test_a_result_for_a_week_no_longer_shown_is_dropped(qtbot, shop) -> None:
    tasks = HeldTasks()
    screen = shown(qtbot, make_screen(qtbot, shop, tasks))
    tasks.run(0)
    assert screen.week == W47
    screen.step(-1)  # week 46, then week 45 before 46 has arrived
    screen.step(-1)
    assert len(tasks.held) == 2
    tasks.run(1)  # week 45's arrives first...
    assert screen.report is not None and screen.report.current.week == IsoWeek(2026, 45)
    tasks.run(0)  # ...then week 46's, which nobody is looking at any more
    assert screen.report.current.week == IsoWeek(2026, 45)
    assert screen.title.text().startswith("Week 45")


# --- Exports ----------------------------------------------------------------------------------


def test_export_pdf_suggests_the_shop_and_week_and_writes_the_file(qtbot, shop, tmp_path,
                                                                  monkeypatch) -> None:
    screen = shown(qtbot, make_screen(qtbot, shop))
    target = tmp_path / "summary.pdf"
    suggested = choose(monkeypatch, target)
    with qtbot.waitSignal(screen.statusMessage, timeout=5000) as status:
        screen.pdf_button.click()
    assert Path(suggested[0]).name == "山田商店 2026-W47.pdf"
    assert target.read_bytes().startswith(b"%PDF")
    assert status.args == ["Saved summary.pdf"]
    assert not screen.error.isVisible()


def test_a_name_typed_without_pdf_gets_it_and_is_asked_about(qtbot, shop, tmp_path,
                                                             monkeypatch) -> None:
    screen = shown(qtbot, make_screen(qtbot, shop))
    (tmp_path / "week.pdf").write_bytes(b"keep me")
    choose(monkeypatch, tmp_path / "week")
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    screen.export_pdf()
    assert asked == ["week.pdf already exists. Replace it?"]
    assert (tmp_path / "week.pdf").read_bytes() == b"keep me"


def test_export_csv_writes_the_mentions_and_the_summary_beside_them(qtbot, shop, tmp_path,
                                                                   monkeypatch) -> None:
    screen = shown(qtbot, make_screen(qtbot, shop))
    choose(monkeypatch, tmp_path / "week.csv")
    with qtbot.waitSignal(screen.statusMessage, timeout=5000) as status:
        screen.csv_button.click()
    assert status.args == ["Saved week.csv and week-summary.csv"]
    rows = (tmp_path / "week.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("ID,Network,Account,Kind,Author")
    assert len(rows) == 4  # the heading and week 47's three mentions
    summary = (tmp_path / "week-summary.csv").read_text(encoding="utf-8-sig")
    assert "Mentions,3,1" in summary


def test_an_existing_csv_summary_is_asked_about_once(qtbot, shop, tmp_path,
                                                    monkeypatch) -> None:
    screen = shown(qtbot, make_screen(qtbot, shop))
    sibling = tmp_path / "week-summary.csv"
    sibling.write_text("my notes", encoding="utf-8")
    choose(monkeypatch, tmp_path / "week.csv")
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    screen.export_csv()
    assert asked == ["week-summary.csv already exists. Replace it?"]
    assert sibling.read_text(encoding="utf-8") == "my notes"
    assert not (tmp_path / "week.csv").exists()

    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    screen.export_csv()
    assert len(asked) == 1
    assert (tmp_path / "week.csv").exists()
    assert sibling.read_text(encoding="utf-8-sig").startswith("Figure,")


def test_an_unwritable_folder_is_said_in_one_sentence(qtbot, shop, tmp_path,
                                                      monkeypatch) -> None:
    screen = shown(qtbot, make_screen(qtbot, shop))
    target = tmp_path / "no such folder" / "week.pdf"
    choose(monkeypatch, target)
    screen.export_pdf()
    assert screen.error.isVisible()
    assert screen.error.text() == messages.export_failed(str(target))
    assert "Traceback" not in screen.error.text()
    assert screen.pdf_button.isEnabled()  # and the owner can try another folder


def test_a_cancelled_dialog_writes_nothing(qtbot, shop, tmp_path, monkeypatch) -> None:
    screen = shown(qtbot, make_screen(qtbot, shop))
    choose(monkeypatch, None)
    with qtbot.assertNotEmitted(screen.statusMessage):
        screen.export_csv()
    assert list(tmp_path.glob("*.csv")) == []


def test_exports_run_on_the_database_worker(qtbot, shop, tmp_path, monkeypatch,
                                            threads) -> None:
    """Real worker threads: the PDF is painted off the UI thread, and still comes out whole."""
    screen = make_screen(qtbot, shop, threads)
    with qtbot.waitSignal(screen.reportShown, timeout=10_000):
        shown(qtbot, screen)
    choose(monkeypatch, tmp_path / "week.pdf")
    with qtbot.waitSignal(screen.statusMessage, timeout=20_000):
        screen.export_pdf()
    assert (tmp_path / "week.pdf").read_bytes().startswith(b"%PDF")


def test_file_menu_exports_the_week_from_any_screen(qtbot, shop, tmp_path, monkeypatch) -> None:
    from app.ui.main_window import Context, MainWindow

    settings = PreferencesService(shop.sessions).load()
    window = MainWindow(Context(shop, Tasks(inline=True), settings, background_sync=False,
                                zone=TOKYO))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window, timeout=2000)
    assert window.stack.currentIndex() == MainWindow.INBOX
    assert window.export_pdf_action.shortcut().toString() == "Ctrl+E"
    suggested = choose(monkeypatch, tmp_path / "week.pdf")
    window.export_pdf_action.trigger()
    assert window.stack.currentIndex() == MainWindow.REPORTS
    assert len(suggested) == 1
    assert (tmp_path / "week.pdf").read_bytes().startswith(b"%PDF")
    assert window.statusBar().currentMessage() == "Saved week.pdf"


def test_a_report_that_cannot_be_read_says_so_in_one_sentence(qtbot, shop) -> None:
    """A database that fails under one of the report's three parallel reads (here the
    account table is gone: only the spread over networks and customers reads it, a real
    SQLite error) gives the one plain sentence, never a traceback."""
    with shop.engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE account RENAME TO account_gone")
    screen = shown(qtbot, make_screen(qtbot, shop))
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=5000)
    assert screen.error.text() == messages.unexpected_error()
    assert "Traceback" not in screen.error.text() and "account" not in screen.error.text()
