"""The schema is made and changed only by Alembic migrations, run for real on SQLite files."""

from __future__ import annotations

import shutil
import sqlite3
import textwrap
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError, OperationalError

from app.services.workspace import Problem, Workspace, WorkspaceError, open_workspace
from app.storage import migrate
from app.storage.db import DB_FILENAME, make_engine, sqlite_url
from app.storage.models import (
    AUTHOR_KEY,
    EXPRESSION_INDEXES,
    ORDERED_INDEXES,
    Base,
    include_in_autogenerate,
)

OLD_REVISION = "0001_initial"
# The head this build ships; a test's made-up later migration moves migrate.HEAD_REVISION.
RELEASED_HEAD = migrate.HEAD_REVISION
FUTURE_REVISION = "0099_future"


def _model_tables() -> set[str]:
    return set(Base.metadata.tables)


def _schema_differences(engine) -> list:
    with engine.connect() as connection, warnings.catch_warnings():
        # SQLite cannot reflect an index on an expression: EXPRESSION_INDEXES are checked by
        # test_expression_indexes_index_the_author_key instead.
        warnings.filterwarnings("ignore", message=".*expression-based index")
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_object": include_in_autogenerate},
        )
        return compare_metadata(context, Base.metadata)


def _old_workspace(data_dir: Path) -> Path:
    """A workspace as the first release left it: schema 0001, one account, one mention."""
    data_dir.mkdir(parents=True)
    db_path = data_dir / DB_FILENAME
    engine = make_engine(sqlite_url(db_path))
    migrate.upgrade(engine, OLD_REVISION)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO account (id, network, handle, server_url, display_name, avatar_url,"
                " state, last_error, sync_cursor, capabilities, created_at) VALUES (1,"
                " 'mastodon', '@shop@example.social', 'https://example.social', 'Shop', '',"
                " 'ok', '', '{}', '{}', '2026-01-05 09:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO mention (id, account_id, external_id, kind, author_handle,"
                " author_name, author_url, text, html, url, language, thread_root_id,"
                " parent_id, created_at, received_at, state, is_complaint, is_question,"
                " is_praise) VALUES (7, 1, '109876', 'mention', '@kim@example.social', 'Kim',"
                " '', 'My order never arrived', '', 'https://example.social/@kim/109876', 'en',"
                " '', '', '2026-01-05 10:00:00', '2026-01-05 10:01:00', 'new', 1, 0, 0)"
            )
        )
    engine.dispose()
    return db_path


@pytest.fixture
def future_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Install a copy of the real migrations plus one more revision whose upgrade() is given."""

    def install(upgrade_body: str) -> None:
        folder = tmp_path / "migrations"
        shutil.copytree(
            migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__")
        )
        (folder / "versions" / f"{FUTURE_REVISION}.py").write_text(
            "import sqlalchemy as sa\n"
            "from alembic import op\n\n"
            f"revision = {FUTURE_REVISION!r}\n"
            f"down_revision = {migrate.HEAD_REVISION!r}\n"
            "branch_labels = None\n"
            "depends_on = None\n\n\n"
            "def upgrade():\n"
            + textwrap.indent(textwrap.dedent(upgrade_body), "    ")
            + "\n\ndef downgrade():\n    pass\n",
            encoding="utf-8",
        )
        monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
        monkeypatch.setattr(migrate, "HEAD_REVISION", FUTURE_REVISION)

    return install


def _add_account_with_mention(ws: Workspace) -> None:
    with ws.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO account (id, network, handle, server_url, display_name, avatar_url,"
                " state, last_error, sync_cursor, capabilities, created_at) VALUES (1, 'feed',"
                " 'Reviews', 'https://example.com/feed', '', '', 'ok', '', '{}', '{}',"
                " '2026-01-05 09:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO mention (account_id, external_id, kind, author_handle, author_name,"
                " author_url, text, html, url, language, thread_root_id, parent_id, created_at,"
                " received_at, state, is_complaint, is_question, is_praise) VALUES (1, 'r1',"
                " 'feed_item', '', 'Kim', '', 'Lovely bread', '', '', 'en', '', '',"
                " '2026-01-05 10:00:00', '2026-01-05 10:01:00', 'new', 0, 0, 1)"
            )
        )


def test_head_revision_constant_is_alembics_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_heads() == [migrate.HEAD_REVISION]


def test_new_workspace_has_every_table_in_wal_mode_with_foreign_keys(
    workspace: Workspace,
) -> None:
    assert _model_tables() <= set(inspect(workspace.engine).get_table_names())
    assert migrate.stored_revision(workspace.db_path) == migrate.HEAD_REVISION

    # WAL is a property of the file, so a plain connection without our settings sees it too.
    raw = sqlite3.connect(workspace.db_path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()

    with workspace.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        with pytest.raises(IntegrityError):
            connection.execute(
                text(
                    "INSERT INTO mention (account_id, external_id, kind, author_handle,"
                    " author_name, author_url, text, html, url, language, thread_root_id,"
                    " parent_id, created_at, received_at, state, is_complaint, is_question,"
                    " is_praise) VALUES (4242, 'x', 'mention', '', '', '', '', '', '', '', '',"
                    " '', '2026-01-01', '2026-01-01', 'new', 0, 0, 0)"
                )
            )


def test_models_and_migrations_describe_the_same_schema(workspace: Workspace) -> None:
    assert _schema_differences(workspace.engine) == []


def test_old_schema_is_migrated_and_backup_left_beside_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    db_path = _old_workspace(data_dir)

    ws = open_workspace(data_dir)
    try:
        assert ws.migrated_from == OLD_REVISION
        with ws.engine.connect() as connection:
            handles = connection.execute(text("SELECT handle FROM account")).scalars().all()
            mention = connection.execute(
                text("SELECT account_id, text, is_complaint FROM mention WHERE id = 7")
            ).one()
            complaint_rules = (
                connection.execute(text("SELECT phrase FROM rule WHERE kind = 'complaint'"))
                .scalars()
                .all()
            )
    finally:
        ws.close()

    assert migrate.stored_revision(db_path) == migrate.HEAD_REVISION
    assert handles == ["@shop@example.social"]
    assert tuple(mention) == (1, "My order never arrived", 1)
    assert "refund" in complaint_rules
    assert "返金" in complaint_rules

    backups = list(data_dir.glob(f"{DB_FILENAME}.before-{OLD_REVISION}-*.bak"))
    assert backups == [ws.pre_migration_backup]
    # The copy is a database in its own right, at the old revision, with the old rows.
    assert migrate.stored_revision(backups[0]) == OLD_REVISION
    copy = sqlite3.connect(f"file:{backups[0]}?mode=ro", uri=True)
    try:
        assert copy.execute("SELECT handle FROM account").fetchall() == [("@shop@example.social",)]
        assert copy.execute("SELECT count(*) FROM rule").fetchone()[0] == 0
    finally:
        copy.close()


def test_workspace_at_head_is_opened_without_migrating_or_copying(tmp_path: Path) -> None:
    data_dir = tmp_path / "workspace"
    open_workspace(data_dir).close()

    ws = open_workspace(data_dir)
    ws.close()

    assert ws.migrated_from is None
    assert ws.pre_migration_backup is None
    assert list(data_dir.glob("*.bak")) == []


def test_rule_the_shop_added_before_default_rules_existed_does_not_block_the_upgrade(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "workspace"
    db_path = _old_workspace(data_dir)
    raw = sqlite3.connect(db_path)
    with raw:
        raw.executemany(
            "INSERT INTO rule (kind, phrase, language) VALUES ('complaint', ?, 'en')",
            [("refund",), ("soggy",)],
        )
    raw.close()

    ws = open_workspace(data_dir)
    try:
        with ws.engine.connect() as connection:
            phrases = (
                connection.execute(text("SELECT phrase FROM rule WHERE kind = 'complaint'"))
                .scalars()
                .all()
            )
    finally:
        ws.close()

    assert migrate.stored_revision(db_path) == migrate.HEAD_REVISION
    assert phrases.count("refund") == 1
    assert "soggy" in phrases
    assert "never arrived" in phrases


def test_migrations_are_reversible(workspace: Workspace) -> None:
    engine = workspace.engine

    migrate.downgrade(engine, OLD_REVISION)
    assert migrate.stored_revision(workspace.db_path) == OLD_REVISION
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM rule")).scalar() == 0

    migrate.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

    migrate.upgrade(engine)
    assert _model_tables() <= set(inspect(engine).get_table_names())
    assert migrate.stored_revision(workspace.db_path) == migrate.HEAD_REVISION
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM rule")).scalar() > 0
    assert _schema_differences(engine) == []


def test_migration_that_rebuilds_a_parent_table_keeps_its_children(
    tmp_path: Path, future_migration: Callable[[str], None]
) -> None:
    data_dir = tmp_path / "workspace"
    ws = open_workspace(data_dir)
    _add_account_with_mention(ws)
    ws.close()
    # A later release adds a column the SQLite way: copy `account`, drop the old table, rename.
    future_migration(
        """
        with op.batch_alter_table("account", recreate="always") as batch_op:
            batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
        """
    )

    ws = open_workspace(data_dir)
    try:
        assert ws.migrated_from == RELEASED_HEAD
        with ws.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM mention")).scalar() == 1
            assert connection.execute(text("SELECT note FROM account")).scalar() is None
            # Foreign keys are back on for everything that runs after the migration.
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        ws.close()


def test_migration_that_fails_halfway_leaves_the_database_as_it_was(
    tmp_path: Path, future_migration: Callable[[str], None]
) -> None:
    data_dir = tmp_path / "workspace"
    ws = open_workspace(data_dir)
    _add_account_with_mention(ws)
    ws.close()
    future_migration(
        """
        op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
        op.drop_table("template")
        raise RuntimeError("a bug in the migration")
        """
    )

    with pytest.raises(RuntimeError, match="a bug in the migration"):
        open_workspace(data_dir)

    db_path = data_dir / DB_FILENAME
    assert migrate.stored_revision(db_path) == RELEASED_HEAD
    raw = sqlite3.connect(db_path)
    try:
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
        assert "half_done" not in tables
        assert "template" in tables
        assert raw.execute("SELECT count(*) FROM mention").fetchone()[0] == 1
    finally:
        raw.close()
    assert list(data_dir.glob(".running-*")) == []


def test_migration_that_would_orphan_rows_is_rolled_back(
    tmp_path: Path, future_migration: Callable[[str], None]
) -> None:
    data_dir = tmp_path / "workspace"
    ws = open_workspace(data_dir)
    _add_account_with_mention(ws)
    ws.close()
    future_migration('op.execute("DELETE FROM account")')

    with pytest.raises(migrate.MigrationError, match="mention"):
        open_workspace(data_dir)

    db_path = data_dir / DB_FILENAME
    assert migrate.stored_revision(db_path) == RELEASED_HEAD
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("SELECT count(*) FROM account").fetchone()[0] == 1
    finally:
        raw.close()


def test_connection_used_by_a_failed_migration_is_not_reused_without_foreign_keys(
    workspace: Workspace, future_migration: Callable[[str], None]
) -> None:
    future_migration('raise RuntimeError("a bug in the migration")')

    with pytest.raises(RuntimeError):
        migrate.upgrade(workspace.engine)

    with workspace.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_migration_refused_a_write_is_reported_as_unwritable(
    tmp_path: Path, future_migration: Callable[[str], None]
) -> None:
    data_dir = tmp_path / "workspace"
    open_workspace(data_dir).close()
    # SQLite itself refuses the write, as it does for a file on read-only media.
    future_migration(
        """
        op.execute("PRAGMA query_only=ON")
        op.create_table("new_table", sa.Column("id", sa.Integer(), primary_key=True))
        """
    )

    with pytest.raises(WorkspaceError) as caught:
        open_workspace(data_dir)

    assert caught.value.problem is Problem.UNWRITABLE
    assert "Traceback" not in str(caught.value)
    assert migrate.stored_revision(data_dir / DB_FILENAME) == RELEASED_HEAD


def test_migration_with_a_bug_is_not_blamed_on_the_folder(
    tmp_path: Path, future_migration: Callable[[str], None]
) -> None:
    data_dir = tmp_path / "workspace"
    open_workspace(data_dir).close()
    future_migration('op.execute("UPDATE no_such_table SET x = 1")')

    with pytest.raises(OperationalError, match="no such table"):
        open_workspace(data_dir)

    assert migrate.stored_revision(data_dir / DB_FILENAME) == RELEASED_HEAD


def test_inbox_order_is_read_from_indexes_with_complaints_first(workspace: Workspace) -> None:
    """The ordered indexes autogenerate cannot compare: each exists with is_complaint DESC."""
    with workspace.engine.connect() as connection:
        for name in sorted(ORDERED_INDEXES):
            columns = connection.exec_driver_sql(f"PRAGMA index_xinfo({name})").fetchall()
            keyed = [(row[2], row[3]) for row in columns if row[5]]  # (column, desc) of keys
            assert ("is_complaint", 1) in keyed, name
            names = [column for column, _ in keyed]
            # The inbox's order; an index may carry a column after it (the weekly summary's).
            order = names.index("created_at")
            assert names[order:order + 2] == ["created_at", "id"], name
            assert len(names) <= order + 3, name
        plan = " ".join(
            str(row)
            for row in connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM mention WHERE state = 'new' "
                "ORDER BY is_complaint DESC, created_at, id LIMIT 200"
            )
        )
    assert "TEMP B-TREE" not in plan  # no sort of the whole table for one page


def test_expression_indexes_index_the_author_key(workspace: Workspace) -> None:
    """The index autogenerate cannot compare: made by the migration on the very expression the
    weekly summary counts customers by (tests/services/test_reports.py checks it is used)."""
    assert {"ix_mention_author"} == EXPRESSION_INDEXES
    with workspace.engine.connect() as connection:
        columns = connection.exec_driver_sql("PRAGMA index_xinfo(ix_mention_author)").fetchall()
        keyed = [row[2] for row in columns if row[5]]  # column names; None for an expression
        assert keyed == ["account_id", None, "created_at"]
        (sql,) = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'ix_mention_author'").one()
    assert str(AUTHOR_KEY) in sql
