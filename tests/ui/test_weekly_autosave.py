"""Each Monday's PDF lands in the owner's folder, missed Mondays are caught up, a file already
there is kept, and a folder that went away is said in one sentence and tried again later."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from report_shop import TOKYO, add_account, add_mention, at

from app.services.preferences import PreferencesService
from app.services.workspace import Workspace
from app.ui.tasks import Tasks
from app.ui.weekly_autosave import WeeklyAutosave, save_due_weeks

# Wednesday 2026-12-09 in Tokyo: 2026-W49 is the last complete week.
NOW = datetime(2026, 12, 9, 3, 0, tzinfo=UTC)


def _switch_on(workspace: Workspace, folder: Path, saved: str = "") -> None:
    PreferencesService(workspace.sessions).update(
        shop_name="山田商店", weekly_pdf_folder=str(folder), weekly_pdf_saved=saved)


def test_the_last_complete_week_is_saved_once(qapp, workspace: Workspace,
                                             tmp_path: Path) -> None:
    add_mention(workspace, add_account(workspace), at(TOKYO, 2026, 12, 1, 10, 0))
    folder = tmp_path / "reports"
    folder.mkdir()
    _switch_on(workspace, folder)
    written = save_due_weeks(workspace.sessions, TOKYO, NOW)
    pdf = folder / "山田商店 2026-W49.pdf"
    assert written == [("2026-W49", pdf)]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "山田商店" in text
    assert PreferencesService(workspace.sessions).load().weekly_pdf_saved == "2026-W49"
    assert save_due_weeks(workspace.sessions, TOKYO, NOW) == []


def test_missed_mondays_are_caught_up_and_existing_files_kept(qapp, workspace: Workspace,
                                                              tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    kept = folder / "山田商店 2026-W48.pdf"
    kept.write_text("annotated by the owner")
    _switch_on(workspace, folder, saved="2026-W46")
    written = save_due_weeks(workspace.sessions, TOKYO, NOW)
    assert [week for week, _path in written] == ["2026-W47", "2026-W49"]
    assert kept.read_text() == "annotated by the owner"
    assert PreferencesService(workspace.sessions).load().weekly_pdf_saved == "2026-W49"


def test_a_missing_folder_is_one_sentence_and_tried_again(qtbot, workspace: Workspace,
                                                          tmp_path: Path) -> None:
    folder = tmp_path / "unplugged-drive"
    _switch_on(workspace, folder, saved="2026-W48")
    autosave = WeeklyAutosave(workspace.sessions, Tasks(inline=True), lambda: TOKYO,
                              clock=lambda: NOW)
    with qtbot.waitSignal(autosave.failed) as failed:
        autosave.check()
    assert str(folder) in failed.args[0] and "Traceback" not in failed.args[0]
    assert PreferencesService(workspace.sessions).load().weekly_pdf_saved == "2026-W48"
    folder.mkdir()
    with qtbot.waitSignal(autosave.saved) as saved:
        autosave.check()
    assert saved.args[0] == [("2026-W49", folder / "山田商店 2026-W49.pdf")]
