"""Read and write workspace settings (declared in app.core.settings) as JSON rows."""

from __future__ import annotations

from dataclasses import asdict, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.settings import Settings
from app.storage.models import Setting


def load_settings(session: Session) -> Settings:
    rows = session.execute(select(Setting.key, Setting.value)).all()
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
    """Apply changes inside the caller's transaction, dropping values that would not validate."""
    wanted = replace(load_settings(session), **changes)
    values = {key: getattr(wanted, key) for key in Settings.keys()}  # noqa: SIM118 - not a dict
    checked = Settings.from_mapping(values)
    save_settings(session, checked)
    return checked
