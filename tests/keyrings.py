"""Keyring backends that stand in for OS keyring states the tests cannot produce on demand
(a locked keyring, no keyring at all, a backend that echoes secrets in its errors), and an
in-memory one for tests that are not about the keyring. The real Secret Service is used by the
tests marked real_keyring."""

from __future__ import annotations

from typing import TypeVar

import keyring.backend
import keyring.errors

Backend = TypeVar("Backend", bound=type[keyring.backend.KeyringBackend])


def not_registered(cls: Backend) -> Backend:
    """keyring registers every backend class it sees as a candidate for its automatic choice;
    keep test doubles out of that registry so they never stand in for the real keyring."""
    keyring.backend.KeyringBackend._classes.discard(cls)  # type: ignore[attr-defined]
    return cls


@not_registered
class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("No such password!")


@not_registered
class RaisingKeyring(keyring.backend.KeyringBackend):
    """Every call raises a fresh `error()`."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, error: type[BaseException] | BaseException) -> None:
        super().__init__()
        self.error = error

    def _raise(self, *args: str) -> None:
        raise self.error if isinstance(self.error, BaseException) else self.error("refused")

    def get_password(self, service: str, username: str) -> str | None:
        self._raise(service, username)
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._raise(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self._raise(service, username)


@not_registered
class EchoingKeyring(RaisingKeyring):
    """A careless backend: its error messages quote the password it was given."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error(f"could not store {password!r} for {username}")  # type: ignore[operator]


@not_registered
class UnprobeableKeyring(MemoryKeyring):
    """Like SecretService forced by configuration without a D-Bus session: its priority raises."""

    @property  # type: ignore[override]
    def priority(self) -> float:
        raise RuntimeError("Unable to initialize SecretService: no D-Bus session")
