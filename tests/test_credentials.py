"""The keyring wrapper: secrets go to the OS keyring and nowhere else, and every keyring problem
becomes one clear CredentialError that never quotes the secret."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import traceback
import uuid
from collections.abc import Iterator

import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest
from keyrings import EchoingKeyring, MemoryKeyring, RaisingKeyring, UnprobeableKeyring

from app.credentials import SERVICE, CredentialError, CredentialProblem, Credentials

SECRET = "s3cret-token-Zq9"


# --- The real Secret Service (gnome-keyring in a private D-Bus session, see dev.py) -----------


@pytest.fixture
def real_key() -> Iterator[str]:
    """A key no other run uses, deleted afterwards even when the test fails."""
    key = f"test-{uuid.uuid4().hex}"
    yield key
    Credentials().delete(key)


def secret_tool_lookup(key: str) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("secret-tool")
    if tool is None:
        pytest.fail("secret-tool is missing: apt-get install libsecret-tools")
    return subprocess.run(
        [tool, "lookup", "service", SERVICE, "username", key],
        capture_output=True, text=True, timeout=10,
    )


@pytest.mark.real_keyring
def test_real_keyring_is_the_secret_service() -> None:
    credentials = Credentials()
    credentials.check()
    assert credentials.backend_name() == "keyring.backends.SecretService.Keyring"


@pytest.mark.real_keyring
def test_round_trip_goes_through_the_os_keyring(real_key: str) -> None:
    credentials = Credentials()
    assert credentials.get(real_key) is None

    credentials.set(real_key, SECRET)
    assert credentials.get(real_key) == SECRET
    # Another program reading the Secret Service sees it: it is the OS keyring, not a file.
    looked_up = secret_tool_lookup(real_key)
    assert looked_up.returncode == 0, looked_up.stderr
    assert looked_up.stdout == SECRET

    credentials.set(real_key, SECRET + "-renewed")
    assert credentials.get(real_key) == SECRET + "-renewed"

    credentials.delete(real_key)
    assert credentials.get(real_key) is None
    assert secret_tool_lookup(real_key).stdout == ""


@pytest.mark.real_keyring
def test_deleting_twice_is_fine(real_key: str) -> None:
    credentials = Credentials()
    credentials.set(real_key, SECRET)
    credentials.delete(real_key)
    credentials.delete(real_key)
    credentials.delete(f"never-stored-{uuid.uuid4().hex}")
    assert credentials.get(real_key) is None


# --- Injected backends ------------------------------------------------------------------------
# These stand in for OS states we cannot produce on demand in a test run: a keyring locked with
# no prompter, a daemon that fails to start, a backend that echoes its input in its errors.


def test_memory_backend_round_trip_uses_the_community_desk_service() -> None:
    backend = MemoryKeyring()
    credentials = Credentials(backend)
    credentials.check()
    credentials.set("mastodon:1", SECRET)
    assert backend.items == {(SERVICE, "mastodon:1"): SECRET}
    assert credentials.get("mastodon:1") == SECRET
    credentials.delete("mastodon:1")
    credentials.delete("mastodon:1")
    assert credentials.get("mastodon:1") is None


@pytest.mark.parametrize(
    ("error", "problem"),
    [
        (keyring.errors.KeyringLocked, CredentialProblem.LOCKED),  # wrong unlock password
        (keyring.errors.InitError, CredentialProblem.LOCKED),  # prompt dismissed
        (keyring.errors.NoKeyringError, CredentialProblem.NO_BACKEND),
        (keyring.errors.PasswordSetError, CredentialProblem.FAILED),
        (keyring.errors.KeyringError, CredentialProblem.FAILED),
        (ConnectionError, CredentialProblem.FAILED),  # a D-Bus error the backend let through
    ],
)
@pytest.mark.parametrize("operation", ["get", "set", "delete"])
def test_backend_errors_become_one_credential_problem(
    error: type[BaseException], problem: CredentialProblem, operation: str
) -> None:
    credentials = Credentials(RaisingKeyring(error))
    call = {
        "get": lambda: credentials.get("k"),
        "set": lambda: credentials.set("k", SECRET),
        "delete": lambda: credentials.delete("k"),
    }[operation]
    with pytest.raises(CredentialError) as caught:
        call()
    assert caught.value.problem is problem


def test_delete_of_a_missing_entry_is_not_an_error() -> None:
    Credentials(RaisingKeyring(keyring.errors.PasswordDeleteError)).delete("k")


def test_fail_backend_means_no_keyring() -> None:
    """What keyring picks when there is no D-Bus session: check() and every call say so."""
    credentials = Credentials(keyring.backends.fail.Keyring())
    with pytest.raises(CredentialError) as caught:
        credentials.check()
    assert caught.value.problem is CredentialProblem.NO_BACKEND
    with pytest.raises(CredentialError) as caught:
        credentials.set("k", SECRET)
    assert caught.value.problem is CredentialProblem.NO_BACKEND


def test_backend_that_cannot_probe_the_os_means_no_keyring() -> None:
    with pytest.raises(CredentialError) as caught:
        Credentials(UnprobeableKeyring()).check()
    assert caught.value.problem is CredentialProblem.NO_BACKEND


@pytest.mark.parametrize(
    "error", [keyring.errors.PasswordSetError, keyring.errors.KeyringLocked, ValueError]
)
def test_error_never_quotes_the_secret(error: type[Exception]) -> None:
    credentials = Credentials(EchoingKeyring(error))
    with pytest.raises(CredentialError) as caught:
        credentials.set("shop-token", SECRET)
    problem = caught.value
    assert SECRET not in str(problem)
    assert SECRET not in repr(problem)
    # Not even in a printed traceback: the backend's exception is neither cause nor context.
    assert problem.__cause__ is None
    assert problem.__context__ is None
    assert SECRET not in "".join(traceback.format_exception(problem))


# --- The sentence a person reads --------------------------------------------------------------


@pytest.fixture
def english(qapp: object) -> Iterator[None]:
    """Messages in English, as the command line would print them.

    The command line uses use_core_application(); here pytest-qt's QApplication is created
    first (so that call is a no-op), because a bare QCoreApplication would be handed to every
    later widget test in the session, which cannot create widgets on it.
    """
    from PySide6.QtCore import QLocale

    from app.ui.i18n import install_translators, use_core_application

    use_core_application()
    before = QLocale()
    install_translators("en")
    yield
    QLocale.setDefault(before)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def test_no_keyring_message_is_one_sentence_naming_what_to_install(english: None) -> None:
    from app.ui import messages

    text = messages.credential_error(CredentialError(CredentialProblem.NO_BACKEND, "fail.Keyring"))
    assert "\n" not in text
    assert len(sentences(text)) == 1, text
    if sys.platform.startswith("linux"):
        assert "GNOME Keyring" in text
    assert "fail.Keyring" not in text  # the backend's name is a detail for logs, not people


@pytest.mark.parametrize("problem", list(CredentialProblem))
def test_every_credential_message_is_one_line_without_details(
    english: None, problem: CredentialProblem
) -> None:
    from app.ui import messages

    text = messages.credential_error(CredentialError(problem, "KeyringLocked " + SECRET))
    assert text and "\n" not in text
    assert SECRET not in text
    assert "keyring" in text.lower()
