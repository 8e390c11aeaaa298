"""The only code that touches the OS keyring.

Secrets (tokens, app passwords, client secrets) live under the service name "community-desk"
and never anywhere else: not in the database, settings, logs or messages. There is no plaintext
fallback: without a usable keyring the app says what to install instead.
"""

from __future__ import annotations

import sys
from enum import StrEnum

import keyring
import keyring.backend
import keyring.errors

SERVICE = "community-desk"


class CredentialProblem(StrEnum):
    NO_BACKEND = "no_backend"
    LOCKED = "locked"
    FAILED = "failed"


class CredentialError(Exception):
    """A keyring problem, described without ever quoting the secret."""

    def __init__(self, problem: CredentialProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}")
        self.problem = problem
        self.detail = detail


def install_hint() -> str:
    """What a person installs to get a keyring on this operating system (not translated: names)."""
    if sys.platform.startswith("linux"):
        return "GNOME Keyring (gnome-keyring) or KWallet"
    return ""


class Credentials:
    """Store, read and delete secrets. The backend is injected so tests can use an in-memory one."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def backend_name(self) -> str:
        backend = self.backend
        return f"{type(backend).__module__}.{type(backend).__qualname__}"

    def check(self) -> None:
        """Raise CredentialError unless a real, recommended keyring backend is there."""
        backend = self.backend
        # The "fail" backend is what keyring picks when nothing usable exists; a priority below 1
        # means a backend keyring itself does not recommend (e.g. plaintext or null ones).
        if backend.__module__.startswith("keyring.backends.fail") or backend.priority < 1:
            raise CredentialError(CredentialProblem.NO_BACKEND, self.backend_name())

    def _call(self, method: str, *args: str) -> str | None:
        try:
            return getattr(self.backend, method)(*args)
        except keyring.errors.NoKeyringError as exc:
            raise CredentialError(CredentialProblem.NO_BACKEND, type(exc).__name__) from None
        except (keyring.errors.KeyringLocked, keyring.errors.InitError) as exc:
            raise CredentialError(CredentialProblem.LOCKED, type(exc).__name__) from None
        except keyring.errors.PasswordDeleteError:
            return None  # already gone: deleting is idempotent
        except keyring.errors.KeyringError as exc:
            # The exception text is never shown: some backends echo what they were given.
            raise CredentialError(CredentialProblem.FAILED, type(exc).__name__) from None

    def set(self, key: str, secret: str) -> None:
        self._call("set_password", SERVICE, key, secret)

    def get(self, key: str) -> str | None:
        return self._call("get_password", SERVICE, key)

    def delete(self, key: str) -> None:
        self._call("delete_password", SERVICE, key)
