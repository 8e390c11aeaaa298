"""One sentence for every network failure and sign-in reason, never the server's own words."""

from __future__ import annotations

import pytest

from app.credentials import CredentialError, CredentialProblem
from app.networks import errors
from app.networks.errors import (
    AuthExpired,
    AuthFailed,
    BadResponse,
    InsecureURL,
    NetworkError,
    NotFound,
    NotSupported,
    RateLimited,
    Rejected,
    ServerError,
    TooLarge,
    Unreachable,
)
from app.ui import messages

SECRET = "tok-SECRET-9f8e"
REASONS = ("denied", "timeout", "state", "cancelled", "password", "2fa", "takedown", "handle",
           "token", "code", "client", "missing", "error")


def every_error() -> list[NetworkError]:
    return [
        Unreachable(SECRET), InsecureURL(SECRET), AuthExpired(SECRET),
        *(AuthFailed(SECRET, reason=reason) for reason in REASONS),
        RateLimited(SECRET), RateLimited(SECRET, retry_after=600), NotFound(SECRET),
        Rejected(SECRET), ServerError(SECRET), BadResponse(SECRET), TooLarge(SECRET),
        NotSupported(SECRET),
    ]


def test_every_error_class_has_its_own_sentence() -> None:
    family = {cls for cls in vars(errors).values()
              if isinstance(cls, type) and issubclass(cls, NetworkError) and cls is not
              NetworkError}
    assert family <= {type(e) for e in every_error()}, "a new error class needs a sentence"
    texts = [messages.network_error(error) for error in every_error()]
    assert len(set(texts)) == len(texts)
    generic = messages.network_error(NetworkError(SECRET))
    assert generic not in texts
    for text in [*texts, generic]:
        assert SECRET not in text
        assert text.endswith(".") and "\n" not in text


@pytest.mark.parametrize(("error", "expected"), [
    (Unreachable(), "Could not reach example.social. Check the address and your connection."),
    (InsecureURL(), "Community Desk only connects over https."),
    (AuthFailed(reason="password"), "The handle or app password is not right."),
    (AuthFailed(reason="2fa"),
     "This account asks for an email code; use an app password instead."),
    (RateLimited(retry_after=30), "The server asks Community Desk to slow down. Try again in "
                                  "1 min."),
    (RateLimited(retry_after=7200), "The server asks Community Desk to slow down. Try again in "
                                    "2 h."),
])
def test_sentences_name_the_server_the_person_typed(error, expected) -> None:
    assert messages.network_error(error, "example.social") == expected


def test_unreachable_without_a_server_name() -> None:
    assert messages.network_error(Unreachable()) == (
        "Could not reach the server. Check the address and your connection.")


def test_problem_covers_keyring_and_unknown_failures() -> None:
    locked = CredentialError(CredentialProblem.LOCKED, SECRET)
    assert messages.problem(locked) == messages.credential_error(locked)
    assert messages.problem(ValueError(SECRET)) == messages.unexpected_error()
