"""Read and change the workspace's settings and shop profile."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from app.core.settings import Settings
from app.storage.settings import load_settings, update_settings


class PreferencesService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def load(self) -> Settings:
        with self._sessions() as session:
            return load_settings(session)

    def update(self, **changes: object) -> Settings:
        with self._sessions.begin() as session:
            return update_settings(session, **changes)
