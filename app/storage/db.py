"""Engine and session factory for a workspace database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

# Every workspace is an SQLite file: load its dialect with the rest of storage rather than on the
# first create_engine, which at app start-up runs after PySide6 has made every import slower.
from sqlalchemy.dialects import sqlite as _sqlite_dialect  # noqa: F401
from sqlalchemy.orm import Session, sessionmaker

from app.storage import search

DB_FILENAME = "community-desk.db"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # WAL lets the UI read while a worker writes; NORMAL sync is safe in WAL mode and much
    # faster; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
    # The full-text index's triggers tokenize with this (app.storage.search).
    dbapi_connection.create_function(search.FUNCTION, 3, search.search_text, deterministic=True)


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Values handed upward are copied into dataclasses inside the session, so objects never
    # need to outlive it; expire_on_commit=False keeps that copying simple.
    return sessionmaker(engine, expire_on_commit=False)
