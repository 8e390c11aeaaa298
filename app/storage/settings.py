"""Read and write workspace settings (declared in app.core.settings) as JSON rows."""

from __future__ import annotations

from dataclasses import asdict, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.settings import Settings
from app.storage.models import Setting


def load_settings(session: Session) -> Settings:
    # Plain columns from the table (Core): start-up reads the settings before anything else,
    # and an ORM select would first pay for configuring every mapper.
    table = Setting.__table__
    rows = session.execute(select(table.c.key, table.c.value)).all()
    return Settings.from_mapping({key: value for key, value in rows})


def save_settings(session: Session, settings: Settings) -> None:
    """Store every value that differs from what is stored; call inside a transaction."""
    stored = {row.key: row for row in session.scalars(select(Setting))}
    for key, value in asdict(settings).items():
        row = stored.get(key)
        if row is None:
            session.add(Setting(key=key, value=value))
        elif row.value != value:
            row.value = value


def update_settings(session: Session, **changes: object) -> Settings:
    """Apply changes inside the caller's transaction.

    A change that would not validate is dropped and the setting keeps its current value (not
    the default). An unknown key is a programming error and raises TypeError.
    """
    unknown = sorted(set(changes) - set(Settings.keys()))
    if unknown:
        raise TypeError(f"unknown settings: {', '.join(unknown)}")
    updated = replace(load_settings(session), **Settings.valid_values(changes))
    save_settings(session, updated)
    return updated
