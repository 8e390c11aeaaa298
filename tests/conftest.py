"""Shared fixtures: real workspaces on disk, an offscreen Qt, and the real keyring when present."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any Qt import: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.services.workspace import Workspace, open_workspace

# dev.py sets this when it runs the tests inside a private D-Bus session with GNOME Keyring.
REAL_KEYRING = os.environ.get("COMMUNITY_DESK_TEST_KEYRING") == "secret-service"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Real-keyring tests run in the keyring session. Elsewhere they skip, except in CI, where
    they run regardless and fail loudly if the Secret Service is missing."""
    if REAL_KEYRING or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="needs gnome-keyring and dbus-run-session (python3 dev.py test)")
    for item in items:
        if "real_keyring" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A new, migrated workspace in a temporary folder, closed cleanly afterwards."""
    ws = open_workspace(tmp_path / "workspace")
    yield ws
    ws.close()
