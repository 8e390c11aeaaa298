"""`community-desk export` as cron would run it: a PDF or CSV of a week, one sentence and exit
code 1 for a bad week, a file that exists or a place that cannot be written."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from clirun import assert_one_clear_line, base_env, run
from report_shop import TOKYO, add_account, add_mention, at

from app.services.preferences import PreferencesService
from app.services.workspace import open_workspace

ENV = base_env(TZ="Asia/Tokyo")


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A workspace with three mentions in 2026-W47 (Tokyo) and a Japanese shop name."""
    data_dir = tmp_path / "data"
    workspace = open_workspace(data_dir)
    try:
        PreferencesService(workspace.sessions).update(shop_name="山田商店")
        account = add_account(workspace)
        add_mention(workspace, account, at(TOKYO, 2026, 11, 16, 9, 0), complaint=True,
                    answered=at(TOKYO, 2026, 11, 16, 11, 0))
        add_mention(workspace, account, at(TOKYO, 2026, 11, 18, 20, 0))
        add_mention(workspace, account, at(TOKYO, 2026, 11, 22, 23, 30))
    finally:
        workspace.close()
    return data_dir


def export(data_dir: Path, *args: str | Path, env: dict[str, str] = ENV
           ) -> subprocess.CompletedProcess[str]:
    return run("export", *args, "--data-dir", data_dir, env=env, timeout=120)


def test_csv_of_a_week(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "w47.csv"
    result = export(shop, "--week", "2026-W47", "--format", "csv", "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == [str(out), str(tmp_path / "w47-summary.csv")]
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 4  # the heading and three mentions
    assert (tmp_path / "w47-summary.csv").exists()


def test_pdf_of_a_week_into_a_folder(shop: Path, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    result = export(shop, "--week", "2026-W47", "--format", "pdf", "--out", folder)
    assert result.returncode == 0, result.stderr
    pdf = folder / "山田商店 2026-W47.pdf"
    assert result.stdout.strip() == str(pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(line for line in info.stdout.splitlines()
                     if line.startswith("Pages:")).split()[1])
    assert 1 <= pages <= 2
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "山田商店" in text and "47" in text


def test_an_existing_file_is_kept_unless_forced(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "w47.pdf"
    out.write_text("the owner's own file")
    line = assert_one_clear_line(
        export(shop, "--week", "2026-W47", "--format", "pdf", "--out", out))
    assert str(out) in line and "--force" in line
    assert out.read_text() == "the owner's own file"
    forced = export(shop, "--week", "2026-W47", "--format", "pdf", "--out", out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_the_csv_summary_beside_it_counts_as_existing(shop: Path, tmp_path: Path) -> None:
    (tmp_path / "w47-summary.csv").write_text("kept")
    line = assert_one_clear_line(
        export(shop, "--week", "2026-W47", "--format", "csv", "--out", tmp_path / "w47.csv"))
    assert "w47-summary.csv" in line
    assert not (tmp_path / "w47.csv").exists()


@pytest.mark.parametrize("week", ["2026-W60", "2027-W53", "47", "last week"])
def test_a_week_that_does_not_exist(shop: Path, tmp_path: Path, week: str) -> None:
    line = assert_one_clear_line(
        export(shop, "--week", week, "--format", "csv", "--out", tmp_path / "x.csv"))
    assert week in line and "2026-W47" in line
    assert not (tmp_path / "x.csv").exists()


def test_an_unwritable_place(shop: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder")
    line = assert_one_clear_line(
        export(shop, "--week", "2026-W47", "--format", "pdf", "--out", blocker / "w.pdf"))
    assert "w.pdf" in line


def test_the_default_week_is_the_last_complete_one(shop: Path, tmp_path: Path) -> None:
    result = export(shop, "--format", "csv", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.splitlines()[0])
    assert written.parent == tmp_path and written.name.startswith("山田商店 20")


def test_an_empty_week_still_makes_a_report(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    result = export(shop, "--week", "2025-W10", "--format", "pdf", "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_errors_speak_japanese(shop: Path, tmp_path: Path) -> None:
    env = base_env(TZ="Asia/Tokyo", LANG="ja_JP.UTF-8", LANGUAGE="ja")
    line = assert_one_clear_line(
        export(shop, "--week", "2026-W60", "--format", "csv", "--out", tmp_path / "x.csv",
               env=env))
    assert "週" in line
