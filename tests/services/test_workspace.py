"""Opening a workspace folder: where it lives, and what a person is told when it cannot be opened.

Every case runs on real files. A workspace that cannot be opened raises WorkspaceError with a
problem code (the words come from app/ui/messages.py) and leaves the user's files as they were.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from faults import damage_middle_pages
from sqlalchemy import text

from app.services.workspace import (
    ENV_DATA_DIR,
    Problem,
    Workspace,
    WorkspaceError,
    default_data_dir,
    open_workspace,
    resolve_data_dir,
    restore_latest_backup,
)
from app.storage import backup, migrate
from app.storage.db import DB_FILENAME
from app.storage.settings import load_settings

REPO = Path(__file__).resolve().parents[2]


# --- helpers ------------------------------------------------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its content hash, to prove nothing was touched."""
    return {
        str(p.relative_to(folder)): _digest(p) for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _assert_one_clear_line(error: WorkspaceError) -> None:
    message = str(error)
    assert message
    assert "Traceback" not in message
    assert 'File "' not in message
    assert "\n" not in message


def _add_account(ws: Workspace, handle: str = "@shop@example.social") -> None:
    with ws.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO account (network, handle, server_url, display_name, avatar_url,"
                " state, last_error, sync_cursor, capabilities, created_at) VALUES ('mastodon',"
                " :handle, 'https://example.social', '', '', 'ok', '', '{}', '{}',"
                " '2026-01-05 09:00:00')"
            ),
            {"handle": handle},
        )


def _handles(ws: Workspace) -> list[str]:
    with ws.engine.connect() as connection:
        return list(connection.execute(text("SELECT handle FROM account")).scalars())


def _add_many_mentions(ws: Workspace, count: int = 2000) -> None:
    """Enough rows that the mention table spans many pages of the file."""
    _add_account(ws)
    with ws.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO mention (account_id, external_id, kind, author_handle, author_name,"
                " author_url, text, html, url, language, thread_root_id, parent_id, created_at,"
                " received_at, state, is_complaint, is_question, is_praise) VALUES (1, :ext,"
                " 'mention', '@kim', 'Kim', '', :body, '', '', 'en', '', '',"
                " '2026-01-05 10:00:00', '2026-01-05 10:01:00', 'new', 0, 0, 0)"
            ),
            [{"ext": str(i), "body": f"mention {i} " + "words " * 50} for i in range(count)],
        )


def _exited_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@contextmanager
def _unwritable(path: Path) -> Iterator[None]:
    """Make `path` unwritable for this process: read-only mode, or immutable when we are root."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        chattr = shutil.which("chattr")
        if chattr is None:
            pytest.skip("running as root without chattr: cannot make a file unwritable")
        made = subprocess.run([chattr, "+i", str(path)], capture_output=True, check=False)
        if made.returncode != 0:
            pytest.skip(f"chattr +i is not possible here: {made.stderr.decode().strip()}")
        try:
            yield
        finally:
            subprocess.run([chattr, "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


# --- where the workspace lives ------------------------------------------------------------------


def test_data_dir_option_wins_over_environment_and_default(tmp_path: Path) -> None:
    environ = {ENV_DATA_DIR: str(tmp_path / "from-env")}
    assert resolve_data_dir(str(tmp_path / "from-option"), environ) == tmp_path / "from-option"


def test_environment_variable_wins_over_default(tmp_path: Path) -> None:
    environ = {ENV_DATA_DIR: str(tmp_path / "from-env")}
    assert resolve_data_dir(None, environ) == tmp_path / "from-env"


def test_default_is_the_platforms_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
        assert resolve_data_dir(None, {}) == tmp_path / "xdg" / "community-desk"
    assert resolve_data_dir(None, {}) == default_data_dir()
    assert resolve_data_dir("", {ENV_DATA_DIR: ""}) == default_data_dir()


def test_data_dir_is_made_absolute_with_home_expanded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert resolve_data_dir("~/desk", {}) == tmp_path / "home" / "desk"
    assert resolve_data_dir("relative/desk", {}) == tmp_path / "relative" / "desk"


# --- a new workspace ----------------------------------------------------------------------------


def test_new_workspace_is_created_in_a_missing_folder(tmp_path: Path) -> None:
    data_dir = tmp_path / "a" / "b" / "workspace"

    ws = open_workspace(data_dir)
    try:
        assert ws.db_path == data_dir / DB_FILENAME
        assert migrate.stored_revision(ws.db_path) == migrate.HEAD_REVISION
        assert ws.unclean_start is False
        assert ws.migrated_from is None
        assert ws.pre_migration_backup is None
    finally:
        ws.close()


def test_daily_backup_of_an_open_workspace_has_its_data(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "workspace")
    try:
        _add_account(ws)
        made = ws.daily_backup(datetime(2026, 3, 14, 12, 0, tzinfo=UTC))
        again = ws.daily_backup(datetime(2026, 3, 14, 12, 5, tzinfo=UTC))
    finally:
        ws.close()

    assert made is not None and made.parent == tmp_path / "workspace" / "backups"
    assert again is None
    assert migrate.stored_revision(made) == migrate.HEAD_REVISION


# --- a folder we cannot write -------------------------------------------------------------------


def test_folder_inside_a_file_is_unwritable_and_nothing_is_created(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    before = _listing(tmp_path)

    with pytest.raises(WorkspaceError) as caught:
        open_workspace(blocker / "workspace")

    assert caught.value.problem is Problem.UNWRITABLE
    _assert_one_clear_line(caught.value)
    assert _listing(tmp_path) == before


def test_data_dir_that_is_a_file_is_unwritable_and_the_file_is_kept(tmp_path: Path) -> None:
    blocker = tmp_path / "workspace"
    blocker.write_text("a file, not a folder", encoding="utf-8")

    with pytest.raises(WorkspaceError) as caught:
        open_workspace(blocker)

    assert caught.value.problem is Problem.UNWRITABLE
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


def test_existing_read_only_folder_is_unwritable(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    open_workspace(data_dir).close()
    before = _listing(data_dir)

    with _unwritable(data_dir), pytest.raises(WorkspaceError) as caught:
        open_workspace(data_dir)

    assert caught.value.problem is Problem.UNWRITABLE
    _assert_one_clear_line(caught.value)
    assert _listing(data_dir) == before


def test_read_only_database_file_is_reported_before_anything_is_written(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    ws = open_workspace(data_dir)
    _add_account(ws)
    ws.close()
    db_path = data_dir / DB_FILENAME
    digest = _digest(db_path)

    with _unwritable(db_path), pytest.raises(WorkspaceError) as caught:
        open_workspace(data_dir)

    assert caught.value.problem is Problem.UNWRITABLE
    assert caught.value.path == data_dir  # the message names the folder...
    assert DB_FILENAME in caught.value.detail  # ...and the detail the file that refused
    _assert_one_clear_line(caught.value)
    assert _digest(db_path) == digest
    assert list(data_dir.glob(".running-*")) == []


# --- a damaged database -------------------------------------------------------------------------


def test_random_bytes_are_reported_as_corrupt_and_left_untouched(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    data_dir.mkdir()
    db_path = data_dir / DB_FILENAME
    db_path.write_bytes(random.Random(42).randbytes(64 * 1024))
    before = _listing(data_dir)

    with pytest.raises(WorkspaceError) as caught:
        open_workspace(data_dir)

    assert caught.value.problem is Problem.CORRUPT
    assert caught.value.has_backup is False
    _assert_one_clear_line(caught.value)
    assert _listing(data_dir) == before  # same bytes, no copies, no marker left behind


def test_corrupt_database_with_a_backup_can_be_restored(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    ws = open_workspace(data_dir)
    _add_account(ws, "@kept@example.social")
    assert ws.daily_backup(datetime(2026, 3, 14, 12, 0, tzinfo=UTC)) is not None
    ws.close()
    db_path = data_dir / DB_FILENAME
    db_path.write_bytes(random.Random(42).randbytes(64 * 1024))
    digest = _digest(db_path)

    with pytest.raises(WorkspaceError) as caught:
        open_workspace(data_dir)
    assert caught.value.problem is Problem.CORRUPT
    assert caught.value.has_backup is True
    assert _digest(db_path) == digest

    restored = restore_latest_backup(data_dir)

    assert restored.name == "daily-2026-03-14.db"
    damaged = [
        p
        for p in data_dir.glob(f"{DB_FILENAME}.damaged-*")
        if not p.name.endswith(("-wal", "-shm"))
    ]
    assert [_digest(p) for p in damaged] == [digest]
    ws = open_workspace(data_dir)
    try:
        assert _handles(ws) == ["@kept@example.social"]
    finally:
        ws.close()


def test_database_of_another_program_is_refused_and_left_alone(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    data_dir.mkdir()
    db_path = data_dir / DB_FILENAME
    other = sqlite3.connect(db_path)
    with other:
        other.execute("CREATE TABLE account (name TEXT, balance INTEGER)")
        other.execute("INSERT INTO account VALUES ('savings', 100)")
    other.close()
    before = _listing(data_dir)

    with pytest.raises(WorkspaceError) as caught:
        open_workspace(data_dir)

    assert caught.value.problem is Problem.CORRUPT
    _assert_one_clear_line(caught.value)
    assert _listing(data_dir) == before


# --- a database from a newer version of the app -------------------------------------------------


def test_database_from_a_newer_version_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    open_workspace(data_dir).close()
    db_path = data_dir / DB_FILENAME
    raw = sqlite3.connect(db_path)
    with raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    raw.close()
    digest = _digest(db_path)

    with pytest.raises(WorkspaceError) as caught:
        open_workspace(data_dir)

    assert caught.value.problem is Problem.NEWER_SCHEMA
    _assert_one_clear_line(caught.value)
    assert _digest(db_path) == digest
    assert migrate.stored_revision(db_path) == "9999_from_the_future"
    assert list(data_dir.glob("*.bak")) == []


# --- unclean shutdown ---------------------------------------------------------------------------


def test_clean_close_leaves_no_marker_and_next_start_is_clean(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    ws = open_workspace(data_dir)
    assert [p.name for p in data_dir.glob(".running-*")] == [f".running-{os.getpid()}"]
    ws.close()
    assert list(data_dir.glob(".running-*")) == []

    ws = open_workspace(data_dir)
    ws.close()
    assert ws.unclean_start is False


def test_marker_of_a_process_that_has_exited_means_an_unclean_start(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    open_workspace(data_dir).close()
    stale = data_dir / f".running-{_exited_pid()}"
    stale.write_text("2026-03-14T09:00:00+00:00", encoding="utf-8")

    ws = open_workspace(data_dir)
    try:
        assert ws.unclean_start is True
        assert not stale.exists()
    finally:
        ws.close()

    ws = open_workspace(data_dir)
    ws.close()
    assert ws.unclean_start is False


def test_marker_of_a_running_process_is_not_an_unclean_start(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    open_workspace(data_dir).close()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = data_dir / f".running-{sleeper.pid}"
        live.write_text("2026-03-14T09:00:00+00:00", encoding="utf-8")

        ws = open_workspace(data_dir)
        ws.close()

        assert ws.unclean_start is False
        assert live.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_crashed_run_keeps_its_committed_data_and_is_noticed(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    open_workspace(data_dir).close()
    crash = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(REPO)!r})
        from pathlib import Path
        from app.services.workspace import open_workspace
        from app.storage.settings import update_settings
        ws = open_workspace(Path({str(data_dir)!r}))
        with ws.sessions.begin() as session:
            update_settings(session, shop_name="Hanamori")
        os._exit(3)  # no close(): the marker and the -wal stay behind, as after a power cut
        """
    )
    done = subprocess.run([sys.executable, "-c", crash], capture_output=True, timeout=60)
    assert done.returncode == 3, done.stderr.decode()
    assert len(list(data_dir.glob(".running-*"))) == 1
    assert (data_dir / f"{DB_FILENAME}-wal").stat().st_size > 0  # the change is only in the -wal

    ws = open_workspace(data_dir)
    try:
        assert ws.unclean_start is True
        with ws.sessions() as session:
            assert load_settings(session).shop_name == "Hanamori"
    finally:
        ws.close()
    assert list(data_dir.glob(".running-*")) == []


def test_unclean_start_on_a_damaged_file_is_reported_as_corrupt(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    ws = open_workspace(data_dir)
    _add_many_mentions(ws)
    ws.close()
    db_path = data_dir / DB_FILENAME
    stale = data_dir / f".running-{_exited_pid()}"
    stale.write_text("2026-03-14T09:00:00+00:00", encoding="utf-8")
    damage_middle_pages(db_path)
    digest = _digest(db_path)

    with pytest.raises(WorkspaceError) as caught:
        open_workspace(data_dir)

    assert caught.value.problem is Problem.CORRUPT
    assert caught.value.has_backup is False
    _assert_one_clear_line(caught.value)
    assert _digest(db_path) == digest
    # The marker stays, so the next start checks again instead of trusting the file.
    assert stale.exists()
    assert [p.name for p in data_dir.glob(".running-*")] == [stale.name]


def test_restore_after_unclean_start_on_a_damaged_file_opens_the_backup(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    ws = open_workspace(data_dir)
    _add_many_mentions(ws)
    ws.daily_backup(datetime(2026, 3, 14, 12, 0, tzinfo=UTC))
    ws.close()
    (data_dir / f".running-{_exited_pid()}").write_text("", encoding="utf-8")
    damage_middle_pages(data_dir / DB_FILENAME)
    with pytest.raises(WorkspaceError) as caught:
        open_workspace(data_dir)
    assert caught.value.has_backup is True

    restore_latest_backup(data_dir)
    ws = open_workspace(data_dir)
    try:
        assert backup.quick_check(ws.db_path) == []
        with ws.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM mention")).scalar() == 2000
    finally:
        ws.close()
