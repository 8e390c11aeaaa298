"""Bring a workspace database to the current schema, safely.

Start-up must stay fast on a large workspace, so the common case (already current) is decided by
reading one row with sqlite3; Alembic is imported only when there is work to do.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# The newest revision this version of the app knows. A test keeps it equal to Alembic's head.
HEAD_REVISION = "0008_report_indexes"


class NewerSchemaError(Exception):
    """The database was written by a newer version of the app; we must not touch it."""

    def __init__(self, revision: str) -> None:
        super().__init__(f"database schema {revision!r} is newer than this app knows")
        self.revision = revision


class NotAWorkspaceError(sqlite3.DatabaseError):
    """A sound SQLite file that holds another program's tables; we must not add ours to it."""


class MigrationError(Exception):
    """A migration would have left broken data; it was rolled back and the file is unchanged."""


def stored_revision(db_path: Path) -> str | None:
    """The schema revision recorded in the file, or None for a new or empty database.

    Raises sqlite3.DatabaseError when the file is not a readable SQLite database, and
    NotAWorkspaceError (a DatabaseError) when it holds tables but no Community Desk revision.
    """
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        # Reading the schema also makes a file that is not a database fail here, not later.
        tables = {
            row[0]
            for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not row[0].startswith("sqlite_")
        }
        row = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None and tables - {"alembic_version"}:
            raise NotAWorkspaceError(f"unversioned tables {sorted(tables)[:5]}")
        return row[0] if row else None
    finally:
        con.close()


def known_revisions() -> set[str]:
    return {script.revision for script in _script_directory().walk_revisions()}


def _config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _script_directory():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def needs_upgrade(revision: str | None) -> bool:
    """True when the schema must be upgraded; raises NewerSchemaError for an unknown revision."""
    if revision == HEAD_REVISION:
        return False
    if revision is not None and revision not in known_revisions():
        raise NewerSchemaError(revision)
    return True


def upgrade(engine: Engine, target: str = "head") -> None:
    _run(engine, "upgrade", target)


def downgrade(engine: Engine, target: str) -> None:
    """Step the schema back to `target` ("base" for an empty file); for tests and recovery."""
    _run(engine, "downgrade", target)


def _run(engine: Engine, direction: str, target: str) -> None:
    """Run the migrations as one transaction: they all happen, or the file is left as it was."""
    from alembic import command

    config = _config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Alembic's batch mode rebuilds a table by copying it and dropping the old one. With
            # foreign keys on, that DROP first deletes every row, and ON DELETE CASCADE would
            # silently empty the child tables (rebuilding `account` would delete every mention).
            # The pragma is ignored inside a transaction, so it is switched before BEGIN.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                if sqlite:
                    # pysqlite sends no BEGIN before DDL, so each CREATE or DROP would commit on
                    # its own and a failure would leave a half-migrated schema.
                    connection.exec_driver_sql("BEGIN")
                config.attributes["connection"] = connection
                getattr(command, direction)(config, target)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        tables = sorted({row[0] for row in broken})
                        raise MigrationError(f"migration broke references in {tables}")
        except BaseException:
            if sqlite:
                # Rolled back, but its foreign keys are still off: never hand it out again.
                connection.invalidate()
            raise
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
