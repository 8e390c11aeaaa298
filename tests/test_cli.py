"""The command line, run for real as a subprocess: what a person or a script sees.

The contract is in DESIGN.md ("Command line"): errors are one sentence on stderr with a non-zero
exit code, never a traceback, and a file the app cannot open is never replaced.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from clirun import ROOT, assert_one_clear_line, base_env, run

from app import __version__
from app.services.demo import fill_demo
from app.services.workspace import Workspace, open_workspace
from app.storage.db import DB_FILENAME

JA_QM = ROOT / "resources" / "translations" / "community_desk_ja.qm"
NOW = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)
MENTION_KEYS = {
    "id", "account_id", "network", "kind", "external_id", "url", "author_handle",
    "author_name", "text", "created_at", "state", "flags", "first_response_at",
}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture
def translations_built() -> None:
    if not JA_QM.is_file():
        pytest.fail(f"{JA_QM.name} is missing: run the tests with `python3 dev.py test`, "
                    "which builds it")


def close(workspace: Workspace) -> Path:
    """Close the in-process workspace so the subprocess finds it as a person would."""
    workspace.close()
    return workspace.data_dir


@pytest.fixture
def demo_dir(workspace: Workspace) -> Path:
    """A workspace folder with the demo's 120 mentions, closed and ready for the CLI."""
    fill_demo(workspace.engine, mentions=120, now=NOW)
    return close(workspace)


def mentions_json(data_dir: Path, *args: str) -> list[dict[str, object]]:
    result = run("mentions", "list", "--json", "--data-dir", data_dir, *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


# --- Front door -------------------------------------------------------------------------------


def test_version_prints_the_package_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout == f"community-desk {__version__}\n"
    assert __version__ == "0.1.0"


def test_installed_command_help_lists_the_commands() -> None:
    program = Path(sys.executable).with_name("community-desk")
    assert program.exists(), "the community-desk entry point is not installed (pip install -e .)"
    result = run("--help", program=(str(program),))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: community-desk")
    for command in ("self-check", "mentions", "backups", "--data-dir", "--demo", "--version"):
        assert command in result.stdout


def test_gui_starts_offscreen_and_quits_when_ready(tmp_path: Path) -> None:
    data_dir = tmp_path / "gui"
    result = run("--data-dir", data_dir, env=base_env(COMMUNITY_DESK_EXIT_WHEN_READY="1"))
    assert result.returncode == 0, result.stderr
    assert re.search(r"^ready_seconds=\d+\.\d+$", result.stdout, re.MULTILINE), result.stdout
    assert "Traceback" not in result.stderr
    assert (data_dir / DB_FILENAME).is_file()


def test_data_dir_comes_from_the_environment_unless_given(tmp_path: Path) -> None:
    from_env, from_option = tmp_path / "from-env", tmp_path / "from-option"
    env = base_env(COMMUNITY_DESK_DATA_DIR=str(from_env))

    assert run("mentions", "list", env=env).returncode == 0
    assert (from_env / DB_FILENAME).is_file()

    assert run("mentions", "list", "--data-dir", from_option, env=env).returncode == 0
    assert (from_option / DB_FILENAME).is_file()
    # --data-dir may also come before the command.
    assert run("--data-dir", from_option, "mentions", "list", env=env).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["from-env", "from-option"]


# --- self-check -------------------------------------------------------------------------------


def check_lines(stdout: str) -> dict[str, str]:
    """{check name: "ok" or "FAIL"} from self-check's report."""
    found = {}
    for line in stdout.splitlines():
        match = re.match(r"^(ok|FAIL)\s+([^:]+):", line)
        if match:
            found[match.group(2)] = match.group(1)
    return found


CHECKS = ["Qt plugins", "translations", "database", "main window", "keyring", "TLS certificates"]


@pytest.mark.real_keyring
def test_self_check_passes_with_a_keyring(tmp_path: Path, translations_built: None) -> None:
    result = run("self-check", "--data-dir", tmp_path / "ws")
    assert result.returncode == 0, result.stdout + result.stderr
    assert check_lines(result.stdout) == dict.fromkeys(CHECKS, "ok")
    assert "SecretService" in result.stdout
    assert result.stdout.rstrip().endswith("self-check passed")
    assert result.stderr == ""  # an installer's log shows only the report


def test_self_check_without_a_keyring_names_the_problem(
    tmp_path: Path, translations_built: None
) -> None:
    home = tmp_path / "empty-home"
    home.mkdir()
    env = base_env(HOME=str(home), DBUS_SESSION_BUS_ADDRESS=None, PYTHON_KEYRING_BACKEND=None,
                   XDG_CONFIG_HOME=None, XDG_DATA_HOME=None, XDG_RUNTIME_DIR=None, DISPLAY=None)
    result = run("self-check", "--data-dir", tmp_path / "ws", env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert check_lines(result.stdout) == dict.fromkeys(CHECKS, "ok") | {"keyring": "FAIL"}
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(failed) == 1
    assert "keyring" in failed[0]
    if sys.platform.startswith("linux"):
        assert "GNOME Keyring" in failed[0]
    assert result.stdout.rstrip().endswith("self-check failed: 1 problem(s)")
    assert result.stderr == ""


def test_self_check_reports_a_damaged_database_in_one_line(
    tmp_path: Path, workspace: Workspace, translations_built: None
) -> None:
    data_dir, db = damaged_pages(tmp_path, workspace)
    before = db.read_bytes()
    result = run("self-check", "--data-dir", data_dir)
    assert result.returncode == 1
    assert result.stderr == ""  # no tracebacks from screens that could not load
    checks = check_lines(result.stdout)
    assert checks["database"] == checks["main window"] == "FAIL"
    database = next(line for line in result.stdout.splitlines() if "database:" in line)
    assert str(db) in database and "damaged" in database
    assert db.read_bytes() == before


# --- mentions list ----------------------------------------------------------------------------


def test_mentions_list_json_is_the_documented_shape(demo_dir: Path) -> None:
    items = mentions_json(demo_dir, "--state", "all", "--limit", "1000")
    assert len(items) == 120
    for item in items:
        assert set(item) == MENTION_KEYS
        assert str(item["created_at"]).endswith("Z")
        assert datetime.fromisoformat(str(item["created_at"])).tzinfo is not None
        assert item["first_response_at"] is None or str(item["first_response_at"]).endswith("Z")
        assert item["state"] in {"new", "done", "archived"}
        assert isinstance(item["flags"], list)
        assert not re.search(r"</?[a-z][a-z0-9]*[\s/>]", str(item["text"]))  # plain text
    complaint = ["complaint" in item["flags"] for item in items]  # type: ignore[operator]
    assert any(complaint) and not all(complaint)
    assert complaint == sorted(complaint, reverse=True), "complaints come first"
    for group in (True, False):
        times = [i["created_at"] for i, c in zip(items, complaint, strict=True) if c is group]
        assert times == sorted(times), "then the longest waiting first"


def test_mentions_list_state_filter(demo_dir: Path) -> None:
    waiting = mentions_json(demo_dir)  # --state new is the default
    everything = mentions_json(demo_dir, "--state", "all")
    assert waiting and {item["state"] for item in waiting} == {"new"}
    assert len(everything) > len(waiting)
    assert {item["state"] for item in everything} > {"new"}


def test_mentions_list_into_a_closed_pipe_is_quiet(demo_dir: Path) -> None:
    """`community-desk mentions list | head -1`: the reader leaves early, no traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = run("mentions", "list", "--state", "all", "--data-dir", demo_dir,
                     stdout=write_end, stderr=subprocess.PIPE, capture_output=False)
    finally:
        os.close(write_end)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "BrokenPipe" not in result.stderr


# --- Bad input --------------------------------------------------------------------------------


def unwritable(tmp_path: Path, workspace: Workspace) -> tuple[Path, Path]:
    """A data folder under a regular file: it can never be created."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"a regular file the user cares about\n")
    return blocker / "workspace", blocker


def corrupt(tmp_path: Path, workspace: Workspace) -> tuple[Path, Path]:
    data_dir = tmp_path / "corrupt"
    data_dir.mkdir()
    (data_dir / DB_FILENAME).write_bytes(random.Random(1).randbytes(64 * 1024))
    return data_dir, data_dir / DB_FILENAME


def newer_schema(tmp_path: Path, workspace: Workspace) -> tuple[Path, Path]:
    db = workspace.db_path
    close(workspace)
    with sqlite3.connect(db) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.close()
    return workspace.data_dir, db


def damaged_pages(tmp_path: Path, workspace: Workspace) -> tuple[Path, Path]:
    """A database that opens fine but whose mention pages are garbage: found at query time."""
    fill_demo(workspace.engine, mentions=1500, now=NOW)
    db = workspace.db_path
    close(workspace)
    size = db.stat().st_size
    with db.open("r+b") as f:
        f.seek(size // 2)
        f.write(random.Random(2).randbytes(size // 4))
    return workspace.data_dir, db


@pytest.mark.parametrize("make", [unwritable, corrupt, newer_schema, damaged_pages])
def test_bad_workspace_gives_one_line_and_leaves_the_file_alone(
    tmp_path: Path, workspace: Workspace, make
) -> None:
    data_dir, precious = make(tmp_path, workspace)
    before = precious.read_bytes()
    result = run("mentions", "list", "--state", "all", "--limit", "5000", "--data-dir", data_dir)
    line = assert_one_clear_line(result)
    assert result.stdout == ""
    assert str(precious if precious.name == DB_FILENAME else data_dir) in line
    assert precious.read_bytes() == before
    assert not list(precious.parent.glob("*.damaged-*"))


def test_unexpected_failure_is_one_sentence_and_the_details_go_to_the_log(
    workspace: Workspace,
) -> None:
    """A database someone edited by hand (the mention table dropped): nothing the app knows to
    explain, so a generic sentence on stderr and the traceback in the workspace's log."""
    db = workspace.db_path
    data_dir = close(workspace)
    with sqlite3.connect(db) as con:
        con.execute("DROP TABLE mention")
    con.close()
    line = assert_one_clear_line(run("mentions", "list", "--data-dir", data_dir))
    assert "log" in line
    log = (data_dir / "logs" / "community-desk.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "no such table" in log


def test_damaged_database_message_follows_the_system_language(
    tmp_path: Path, workspace: Workspace, translations_built: None
) -> None:
    data_dir, db = corrupt(tmp_path, workspace)
    env = base_env(LANG="ja_JP.UTF-8", LANGUAGE="ja")
    line = assert_one_clear_line(run("mentions", "list", "--data-dir", data_dir, env=env))
    assert JAPANESE.search(line), line
    assert str(db) in line


# --- backups restore --------------------------------------------------------------------------


def test_restore_without_a_backup_says_so(tmp_path: Path, workspace: Workspace) -> None:
    data_dir, db = corrupt(tmp_path, workspace)
    before = db.read_bytes()
    line = assert_one_clear_line(run("backups", "restore", "--data-dir", data_dir))
    assert line.endswith(".") and line.count(". ") == 0, "one sentence"
    assert db.read_bytes() == before


def test_restore_puts_the_backup_in_place_and_keeps_the_damaged_file(
    tmp_path: Path, demo_dir: Path
) -> None:
    data_dir = tmp_path / "damaged"
    data_dir.mkdir()
    damaged = random.Random(3).randbytes(32 * 1024)
    (data_dir / DB_FILENAME).write_bytes(damaged)
    (data_dir / "backups").mkdir()
    shutil.copyfile(demo_dir / DB_FILENAME, data_dir / "backups" / "daily-2026-11-20.db")
    assert run("backups", "list", "--data-dir", data_dir).stdout.strip().endswith(
        "daily-2026-11-20.db")

    result = run("backups", "restore", "--data-dir", data_dir)
    assert result.returncode == 0, result.stderr
    assert "daily-2026-11-20.db" in result.stdout
    assert len(result.stdout.strip().splitlines()) == 1

    kept = list(data_dir.glob(f"{DB_FILENAME}.damaged-*"))
    assert [p.read_bytes() for p in kept] == [damaged]
    assert len(mentions_json(data_dir, "--state", "all", "--limit", "1000")) == 120


def test_restore_refuses_to_replace_a_sound_database(tmp_path: Path, demo_dir: Path) -> None:
    db = demo_dir / DB_FILENAME
    (demo_dir / "backups").mkdir(exist_ok=True)
    older = open_workspace(tmp_path / "older")
    shutil.copyfile(close(older) / DB_FILENAME, demo_dir / "backups" / "daily-2026-11-01.db")
    before = db.read_bytes()
    assert_one_clear_line(run("backups", "restore", "--data-dir", demo_dir))
    assert db.read_bytes() == before
    assert not list(demo_dir.glob("*.damaged-*"))
