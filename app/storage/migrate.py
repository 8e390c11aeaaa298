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
HEAD_REVISION = "0002_default_rules"


class NewerSchemaError(Exception):
    """The database was written by a newer version of the app; we must not touch it."""

    def __init__(self, revision: str) -> None:
        super().__init__(f"database schema {revision!r} is newer than this app knows")
        self.revision = revision


def stored_revision(db_path: Path) -> str | None:
    """The schema revision recorded in the file, or None for a new or unversioned database.

    Raises sqlite3.DatabaseError when the file is not a readable SQLite database.
    """
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        has_table = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            # Touch the schema so a file that is not a database fails here, not later.
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def known_revisions() -> set[str]:

    return {script.revision for script in _script_directory().walk_revisions()}


def _script_directory():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def needs_upgrade(revision: str | None) -> bool:
    """True when the schema must be upgraded; raises NewerSchemaError for an unknown revision."""
    if revision == HEAD_REVISION:
        return False
    if revision is not None and revision not in known_revisions():
        raise NewerSchemaError(revision)
    return True


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
