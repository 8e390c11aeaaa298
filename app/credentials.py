"""The only code that touches the OS keyring.

Secrets (tokens, app passwords, client secrets) live under the service name "community-desk"
and never anywhere else: not in the database, settings, logs or messages. There is no plaintext
fallback: without a usable keyring the app says what to install instead.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import keyring.backend

# keyring itself is imported on first use: it costs ~40 ms (entry points, asyncio), and the
# window must not wait for it at start-up just because error messages name these types.

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
        if self._backend is not None:
            return self._backend
        import keyring

        return keyring.get_keyring()

    def backend_name(self) -> str:
        backend = self.backend
        return f"{type(backend).__module__}.{type(backend).__qualname__}"

    def check(self) -> None:
        """Raise CredentialError unless a real, recommended keyring backend is there."""
        backend = self.backend
        name = self.backend_name()
        # The "fail" backend is what keyring picks when nothing usable exists; a priority below 1
        # means a backend keyring itself does not recommend (e.g. plaintext or null ones). Some
        # backends compute their priority by probing the OS and raise when it has nothing to
        # offer (SecretService without a D-Bus session, when forced by configuration).
        try:
            usable = not backend.__module__.startswith("keyring.backends.fail") and (
                backend.priority >= 1
            )
        except Exception:
            usable = False
        if not usable:
            raise CredentialError(CredentialProblem.NO_BACKEND, name)

    def _call(self, method: str, *args: str) -> str | None:
        import keyring.errors

        try:
            return getattr(self.backend, method)(*args)
        except keyring.errors.PasswordDeleteError:
            return None  # already gone: deleting is idempotent
        except keyring.errors.NoKeyringError as exc:
            failure = CredentialError(CredentialProblem.NO_BACKEND, type(exc).__name__)
        except (keyring.errors.KeyringLocked, keyring.errors.InitError) as exc:
            failure = CredentialError(CredentialProblem.LOCKED, type(exc).__name__)
        except Exception as exc:
            # Any other failure, including the D-Bus and SecretStorage errors some backends let
            # through: its text is never shown, since some backends echo what they were given.
            failure = CredentialError(CredentialProblem.FAILED, type(exc).__name__)
        # Raised outside the handlers, so the original exception (and any secret in its text)
        # is not even chained as __context__ for a traceback or crash report to print.
        raise failure

    def set(self, key: str, secret: str) -> None:
        self._call("set_password", SERVICE, key, secret)

    def get(self, key: str) -> str | None:
        return self._call("get_password", SERVICE, key)

    def delete(self, key: str) -> None:
        self._call("delete_password", SERVICE, key)
