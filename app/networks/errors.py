"""The small family every network failure is mapped to, in one place (app.networks.http).

Services and the UI decide what to do from the type alone: retry later, ask to reconnect,
or tell the user. Messages never contain tokens or response bodies.
"""

from __future__ import annotations


class NetworkError(Exception):
    """Base of every failure a connector reports."""

    transient = False  # worth retrying later without the user doing anything
    status: int | None = None  # the HTTP status, when the failure was an answer
    code: str = ""  # the server's machine-readable error name (Bluesky's XRPC `error`), if any


class Unreachable(NetworkError):
    """No answer: offline, DNS failure, refused connection, timeout."""

    transient = True


class InsecureURL(NetworkError):
    """Plain http:// to a host that is not this computer: refused, https only."""


class AuthExpired(NetworkError):
    """The server no longer accepts our credentials (401, revoked, expired refresh token)."""


class AuthFailed(NetworkError):
    """Logging in did not work: wrong password, denied consent, 2FA needed (see `reason`)."""

    def __init__(self, message: str = "", *, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


class RateLimited(NetworkError):
    """Too many requests (429); `retry_after` seconds when the server said."""

    transient = True

    def __init__(self, message: str = "", *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotFound(NetworkError):
    """The thing asked for is not there (404), or the URL is not what it claimed to be."""


class Rejected(NetworkError):
    """The server understood and refused (400/403/409/422), e.g. text too long."""


class ServerError(NetworkError):
    """The server failed (5xx)."""

    transient = True


class BadResponse(NetworkError):
    """An answer we cannot use: not JSON, wrong shape, missing fields, far too large."""


class TooLarge(BadResponse):
    """An answer over the transport's size bound; a connector may ask again for less."""


class NotSupported(NetworkError):
    """The network cannot do this at all (replying to or posting on a read-only feed): the UI
    offers "Open in browser" and "Copy reply" instead."""
