"""Fixtures for screens that connect accounts: the real services over the test workspace, with an
in-memory keyring (the real keyring has its own tests), and real worker threads when wanted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fakes.feed_server import feed_server  # noqa: F401 - a fixture, used by name
from keyrings import MemoryKeyring

from app.credentials import Credentials
from app.services.accounts import AccountsService
from app.services.connect import ConnectService
from app.services.workspace import Workspace
from app.ui.tasks import Tasks


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def credentials(keyring_backend: MemoryKeyring) -> Credentials:
    return Credentials(keyring_backend)


@pytest.fixture
def accounts_service(workspace: Workspace, credentials: Credentials) -> AccountsService:
    return AccountsService(workspace.sessions, credentials)


@pytest.fixture
def connect_service(accounts_service: AccountsService,
                    credentials: Credentials) -> ConnectService:
    return ConnectService(accounts_service, credentials)


@pytest.fixture
def threads(qapp) -> Iterator[Tasks]:
    """Real worker threads, for tests about the UI staying responsive while work runs."""
    tasks = Tasks()
    yield tasks
    assert tasks.wait(10_000), "background work still running after the test"
    tasks.deleteLater()
