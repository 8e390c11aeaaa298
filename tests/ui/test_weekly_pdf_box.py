"""Settings → Weekly summary: switching it on asks for a folder, and the choice is saved.

The folder question is the platform's own dialog, which cannot be driven offscreen: the tests
answer QFileDialog.getExistingDirectory in its place (monkeypatch)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.ui.widgets.weekly_pdf_box import WeeklyPdfBox


def _answer_folder(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[str]:
    asked: list[str] = []

    def fake(_parent: object, _title: str, start: str) -> str:
        asked.append(start)
        return answer

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(fake))
    return asked


def test_switching_on_asks_for_a_folder_and_saves_it(qtbot, monkeypatch, tmp_path: Path) -> None:
    box = WeeklyPdfBox("", "")
    qtbot.addWidget(box)
    asked = _answer_folder(monkeypatch, str(tmp_path))
    with qtbot.waitSignal(box.folderChanged) as saved:
        box.enabled.setChecked(True)
    assert asked == [str(Path.home())]
    assert saved.args == [str(tmp_path)]
    assert box.folder.text() == str(tmp_path)
    assert "shortly after" in box.hint.text()


def test_cancelling_the_folder_question_leaves_it_off(qtbot, monkeypatch) -> None:
    box = WeeklyPdfBox("", "")
    qtbot.addWidget(box)
    _answer_folder(monkeypatch, "")
    changes: list[str] = []
    box.folderChanged.connect(changes.append)
    box.enabled.setChecked(True)
    assert not box.enabled.isChecked()
    assert changes == []


def test_switching_off_keeps_the_folder_shown_for_next_time(qtbot, monkeypatch,
                                                            tmp_path: Path) -> None:
    box = WeeklyPdfBox(str(tmp_path), "2026-W47")
    qtbot.addWidget(box)
    asked = _answer_folder(monkeypatch, "/elsewhere")
    assert "week 47 of 2026" in box.hint.text()
    with qtbot.waitSignal(box.folderChanged) as off:
        box.enabled.setChecked(False)
    assert off.args == [""]
    assert box.folder.text() == str(tmp_path)
    with qtbot.waitSignal(box.folderChanged) as on:
        box.enabled.setChecked(True)
    assert on.args == [str(tmp_path)]
    assert asked == []  # the folder was known: no question


def test_choosing_a_folder_switches_it_on(qtbot, monkeypatch, tmp_path: Path) -> None:
    box = WeeklyPdfBox("", "")
    qtbot.addWidget(box)
    _answer_folder(monkeypatch, str(tmp_path))
    with qtbot.waitSignal(box.folderChanged) as saved:
        box.choose.click()
    assert box.enabled.isChecked()
    assert saved.args == [str(tmp_path)]
