"""Fixtures shared by the Mastodon connector tests: the fake server on a real socket, and
connectors talking to it that never sleep between retries."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fakes.mastodon_server import FakeMastodon

from app.networks.http import Transport
from app.networks.mastodon import MastodonConnector

Connect = Callable[..., MastodonConnector]


@pytest.fixture
def server() -> Iterator[FakeMastodon]:
    with FakeMastodon() as fake:
        yield fake
    assert not fake.errors, fake.errors[0]


@pytest.fixture
def connect(server: FakeMastodon) -> Iterator[Connect]:
    transports: list[Transport] = []

    def make(token: str | None = None, **options: object) -> MastodonConnector:
        transport = Transport(server.url, sleep=lambda _: None)
        transports.append(transport)
        return MastodonConnector(server.url, token or server.issue_token(),
                                 transport=transport, **options)  # type: ignore[arg-type]

    yield make
    for transport in transports:
        transport.close()


@pytest.fixture
def connector(connect: Connect) -> MastodonConnector:
    return connect()
