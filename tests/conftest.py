"""Shared fixtures: real workspaces on disk, an offscreen Qt, and the real keyring when present."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any Qt import: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from e2e.bluesky.fixture import bluesky_network  # noqa: F401
from e2e.bluesky.fixture import missing as bluesky_network_missing

from app.services.workspace import Workspace, open_workspace

# Installed by tests/e2e/bluesky/setup.sh: Node and its packages, no tests of ours inside.
collect_ignore = ["e2e/bluesky/node_modules", "e2e/bluesky/node22"]

# dev.py sets this when it runs the tests inside a private D-Bus session with GNOME Keyring.
REAL_KEYRING = os.environ.get("COMMUNITY_DESK_TEST_KEYRING") == "secret-service"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Real-keyring tests run in the keyring session, Bluesky-network tests where setup.sh has
    installed the network. Elsewhere they skip, except in CI, where they run regardless and fail
    loudly if what they need is missing."""
    if os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="needs gnome-keyring and dbus-run-session (python3 dev.py test)")
    no_network = bluesky_network_missing()
    skip_network = pytest.mark.skip(reason=no_network)
    for item in items:
        if "real_keyring" in item.keywords and not REAL_KEYRING:
            item.add_marker(skip)
        if "bluesky_network" in item.keywords and no_network:
            item.add_marker(skip_network)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A new, migrated workspace in a temporary folder, closed cleanly afterwards."""
    ws = open_workspace(tmp_path / "workspace")
    yield ws
    ws.close()
