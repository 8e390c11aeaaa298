"""Fixtures shared by the service tests: a Mastodon-like server on a real socket, and an
in-memory keyring (the real Secret Service is covered in tests/test_credentials.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fakes.mastodon_server import FakeMastodon
from keyrings import MemoryKeyring


@pytest.fixture
def mastodon() -> Iterator[FakeMastodon]:
    with FakeMastodon() as fake:
        yield fake


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()
