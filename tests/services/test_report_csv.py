"""The week's CSV as a spreadsheet reads it: a byte-order mark, quoting, no formulas from
strangers, the summary beside it, and never half a file."""

from __future__ import annotations

import csv
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from report_shop import TOKYO, add_account, add_mention, at

from app.core.weeks import IsoWeek
from app.services.report_csv import CsvLabels, summary_path, write_csv
from app.services.reports import ReportsService
from app.services.workspace import Workspace

W47 = IsoWeek(2026, 47)


def _export(workspace: Workspace, path: Path, labels: CsvLabels | None = None) -> None:
    reports = ReportsService(workspace.sessions)
    report = reports.weekly(W47, TOKYO, datetime(2026, 12, 1, tzinfo=UTC))
    write_csv(path, report, reports.mentions(W47, TOKYO), labels)


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_one_row_per_mention_with_a_bom_and_local_times(workspace: Workspace,
                                                        tmp_path: Path) -> None:
    account = add_account(workspace)
    add_mention(workspace, account, at(TOKYO, 2026, 11, 16, 9, 0), complaint=True,
                answered=at(TOKYO, 2026, 11, 16, 10, 30), name="山田 花子",
                text="届かない、最悪。\n返金は?")
    add_mention(workspace, account, at(TOKYO, 2026, 11, 17, 9, 0))
    path = tmp_path / "week.csv"
    _export(workspace, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw  # Excel's line ends
    rows = _read(path)
    assert rows[0][7] == "Received (Asia/Tokyo)"
    assert len(rows) == 3
    first = rows[1]
    assert first[5] == "山田 花子" and first[12] == "届かない、最悪。\n返金は?"
    assert (first[6], first[7], first[8], first[9]) == (
        "complaint", "2026-11-16 09:00", "2026-11-16 10:30", "1.5")
    assert rows[2][8] == "" and rows[2][10] == "new"


def test_the_summary_sits_beside_it(workspace: Workspace, tmp_path: Path) -> None:
    account = add_account(workspace)
    for day in (16, 17, 18):
        add_mention(workspace, account, at(TOKYO, 2026, 11, day, 9, 0))
    add_mention(workspace, account, at(TOKYO, 2026, 11, 10, 9, 0))  # the week before
    path = tmp_path / "week.csv"
    _export(workspace, path)
    assert summary_path(path) == tmp_path / "week-summary.csv"
    summary = _read(summary_path(path))
    assert summary[0] == ["Figure", "2026-W47", "2026-W46", "Change"]
    assert summary[1] == ["mentions", "3", "1", "+2 (+200%)"]


def test_cells_a_spreadsheet_would_run_are_defused(workspace: Workspace,
                                                   tmp_path: Path) -> None:
    account = add_account(workspace)
    add_mention(workspace, account, at(TOKYO, 2026, 11, 16, 9, 0), name="=HYPERLINK(\"x\")",
                text="+1 great shop")
    path = tmp_path / "week.csv"
    _export(workspace, path)
    row = _read(path)[1]
    assert row[5] == "'=HYPERLINK(\"x\")" and row[12] == "'+1 great shop"


def test_translated_headings_and_words(workspace: Workspace, tmp_path: Path) -> None:
    account = add_account(workspace)
    add_mention(workspace, account, at(TOKYO, 2026, 11, 16, 9, 0))
    labels = CsvLabels(columns=(*(f"列{i}" for i in range(12)), "受信 ({zone})"),
                       words={"new": "未対応", "mastodon": "Mastodon"})
    path = tmp_path / "週.csv"
    _export(workspace, path, labels)
    rows = _read(path)
    assert rows[0][-1] == "受信 (Asia/Tokyo)"
    assert rows[1][10] == "未対応"


def test_an_unwritable_place_raises_and_leaves_nothing(workspace: Workspace,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    blocker = out / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(OSError):
        _export(workspace, blocker / "week.csv")
    assert sorted(p.name for p in out.iterdir()) == ["not-a-folder"]


def test_a_failed_write_keeps_the_old_file(workspace: Workspace, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "week.csv"
    path.write_text("the owner's earlier export")

    def broken_replace(_src: object, _dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        _export(workspace, path)
    assert path.read_text() == "the owner's earlier export"
    assert sorted(p.name for p in out.iterdir()) == ["week.csv"]
