"""The HTTP transport every connector uses: URL policy, TLS, timeouts, retries, rate limits,
size bounds, and the one function that maps failures to app.networks.errors.

Each network module makes one Transport for its server; nothing else in the app speaks HTTP.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from app import __version__
from app.networks.errors import (
    AuthExpired,
    BadResponse,
    InsecureURL,
    NetworkError,
    NotFound,
    RateLimited,
    Rejected,
    ServerError,
    TooLarge,
    Unreachable,
)
from app.networks.tls import tls_context

USER_AGENT = f"CommunityDesk/{__version__} (desktop app for shop owners)"
MAX_RESPONSE_BYTES = 5 * 1024 * 1024  # far above any real answer; bounds hostile servers
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
RETRY_DELAYS = (0.5, 2.0)  # seconds before the 2nd and 3rd try of a safe request


def is_loopback_host(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# An https URL in plain printable ASCII with an ordinary host name: the shape of nearly every
# link a server sends. urlsplit reads each of these as scheme "https" with that (non-empty)
# host, so it is accepted without the slower parse; anything else takes the full path below.
_PLAIN_HTTPS = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]*)?(?:[/?#][!-~]*)?")


def check_url(url: str) -> str:
    """Return the URL if the app may call it: https anywhere, plain http only to this computer."""
    if _PLAIN_HTTPS.fullmatch(url):
        return url
    try:
        parts = urlsplit(url)
        host = parts.hostname  # reads the netloc: a broken "[::1" raises here, not at urlsplit
    except ValueError:  # "Invalid IPv6 URL", a port out of range: no address at all
        raise NotFound(f"not a web address: {url[:80]!r}") from None
    if parts.scheme == "https" and host:
        return url
    if parts.scheme == "http" and host and is_loopback_host(host):
        return url
    if parts.scheme == "http":
        raise InsecureURL(f"refusing plain http to {host}")
    raise NotFound(f"not a web address: {url[:80]!r}")


@dataclass(frozen=True, slots=True)
class RateLimit:
    """What the server last said about our request budget."""

    limit: int | None
    remaining: int | None
    reset_at: datetime | None


def _parse_reset(value: str | None) -> datetime | None:
    """Mastodon sends an ISO timestamp; Bluesky sends unix seconds."""
    if not value:
        return None
    try:
        return datetime.fromtimestamp(float(value), UTC)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def read_rate_limit(headers: Mapping[str, str]) -> RateLimit | None:
    """Mastodon's X-RateLimit-* or the IETF-draft RateLimit-* that Bluesky sends."""
    for prefix in ("x-ratelimit-", "ratelimit-"):
        if f"{prefix}remaining" in headers:
            return RateLimit(
                limit=_int(headers.get(f"{prefix}limit")),
                remaining=_int(headers.get(f"{prefix}remaining")),
                reset_at=_parse_reset(headers.get(f"{prefix}reset")),
            )
    return None


def retry_after_seconds(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """Seconds to wait from Retry-After (seconds or an HTTP date) or the rate-limit reset time."""
    now = now or datetime.now(UTC)
    value = headers.get("retry-after")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            parsed = email.utils.parsedate_to_datetime(value) if value else None
            if parsed is not None:
                return max(0.0, (parsed - now).total_seconds())
    limit = read_rate_limit(headers)
    if limit and limit.reset_at:
        return max(0.0, (limit.reset_at - now).total_seconds())
    return None


def error_for_status(response: httpx.Response) -> NetworkError | None:
    """The one mapping from an HTTP status to the app's error family (None for success)."""
    status = response.status_code
    if status < 400:
        return None
    if status == 401:
        return AuthExpired(f"HTTP {status}")
    if status == 404 or status == 410:
        return NotFound(f"HTTP {status}")
    if status == 429:
        return RateLimited(f"HTTP {status}", retry_after=retry_after_seconds(response.headers))
    if status >= 500:
        return ServerError(f"HTTP {status}")
    return Rejected(f"HTTP {status}")


_ERROR_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]{0,63}")


def error_code(body: bytes) -> str:
    """The short error name of a JSON error body ({"error": "ExpiredToken", ...}), else "".

    Only identifier-like names are kept: a sentence in `error` (Mastodon) is a message, and
    messages from servers never travel further than this module.
    """
    if len(body) > 64 * 1024:
        return ""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return ""
    code = data.get("error") if isinstance(data, dict) else None
    return code if isinstance(code, str) and _ERROR_CODE.fullmatch(code) else ""


def error_for_exception(exc: Exception) -> NetworkError:
    """The one mapping from a transport exception to the app's error family."""
    if isinstance(exc, NetworkError):
        return exc
    if isinstance(exc, httpx.TimeoutException | httpx.NetworkError | httpx.ProxyError):
        return Unreachable(type(exc).__name__)
    if isinstance(exc, httpx.TooManyRedirects | httpx.DecodingError | httpx.RemoteProtocolError):
        return BadResponse(type(exc).__name__)
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return NotFound(type(exc).__name__)
    return BadResponse(type(exc).__name__)


@dataclass(frozen=True, slots=True)
class Reply:
    """A finished response: status, headers and a body already read within the size bound."""

    status: int
    headers: httpx.Headers
    content: bytes
    url: str
    links: dict[str, dict[str, str]]

    def json(self) -> Any:
        try:
            return json.loads(self.content)
        except (ValueError, UnicodeDecodeError, RecursionError):  # nested thousands deep
            raise BadResponse("the server's answer is not JSON") from None

    def json_object(self) -> dict[str, Any]:
        data = self.json()
        if not isinstance(data, dict):
            raise BadResponse("expected a JSON object")
        return data

    def json_list(self) -> list[Any]:
        data = self.json()
        if not isinstance(data, list):
            raise BadResponse("expected a JSON list")
        return data


HeaderSource = Callable[[], Mapping[str, str]]


class Transport:
    """HTTP to one server. `auth` supplies headers per request (so a session can refresh)."""

    def __init__(
        self,
        base_url: str,
        *,
        auth: HeaderSource | None = None,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        self.base_url = check_url(base_url.rstrip("/"))
        self._auth = auth
        self._client = client or httpx.Client(
            timeout=DEFAULT_TIMEOUT,
            verify=tls_context(),
            headers={"User-Agent": USER_AGENT},
            follow_redirects=False,
        )
        self._sleep = sleep
        self._max_bytes = max_bytes
        self.rate_limit: RateLimit | None = None

    def close(self) -> None:
        self._client.close()

    def url(self, path: str) -> str:
        return path if path.startswith(("https://", "http://")) else f"{self.base_url}{path}"

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Any = None,
        json_body: Any = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        authenticated: bool = True,
        follow_redirects: int = 0,
    ) -> Reply:
        """Send one request; raise a NetworkError for anything but a 2xx/3xx answer.

        Safe methods (GET, HEAD) are retried after network failures and 5xx answers; others
        are not, so a post is never sent twice by this layer (idempotency keys cover the rest).
        """
        url = check_url(self.url(path))
        attempts = len(RETRY_DELAYS) + 1 if method in ("GET", "HEAD") else 1
        for attempt in range(attempts):
            try:
                reply = self._send(method, url, params, json_body, data, headers, authenticated)
            except NetworkError as error:
                if not error.transient or isinstance(error, RateLimited) or (
                    attempt == attempts - 1
                ):
                    raise
                self._sleep(RETRY_DELAYS[attempt])
                continue
            if reply.status in (301, 302, 303, 307, 308) and follow_redirects > 0:
                location = reply.headers.get("location", "")
                if not location:
                    raise BadResponse("redirect without a location")
                target = str(httpx.URL(url).join(location))
                same_origin = _same_origin(url, target)
                return self.request(
                    "GET" if reply.status == 303 else method, target, params=None,
                    json_body=json_body, data=data,
                    # Credentials never follow a redirect to another server.
                    headers=headers if same_origin else None,
                    authenticated=authenticated and same_origin,
                    follow_redirects=follow_redirects - 1,
                )
            return reply
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, method: str, url: str, params: Any, json_body: Any,
              data: Mapping[str, str] | None, headers: Mapping[str, str] | None,
              authenticated: bool) -> Reply:
        merged: dict[str, str] = {}
        if authenticated and self._auth is not None:
            merged.update(self._auth())
        if headers:
            merged.update(headers)
        try:
            with self._client.stream(method, url, params=params, json=json_body, data=data,
                                     headers=merged) as response:
                declared = _int(response.headers.get("content-length"))
                if declared is not None and declared > self._max_bytes:
                    raise TooLarge("the server's answer is too large")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self._max_bytes:
                        raise TooLarge("the server's answer is too large")
        except httpx.HTTPError as exc:
            raise error_for_exception(exc) from None
        self.rate_limit = read_rate_limit(response.headers) or self.rate_limit
        error = error_for_status(response)
        if error is not None:
            error.status = response.status_code
            error.code = error_code(bytes(body))
            raise error
        return Reply(response.status_code, response.headers, bytes(body), str(response.url),
                     dict(response.links))

    def get_json(self, path: str, **kwargs: Any) -> Any:
        return self.request("GET", path, **kwargs).json()

    def post_json(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.request("POST", path, json_body=body, **kwargs).json()


def _same_origin(a: str, b: str) -> bool:
    first, second = urlsplit(a), urlsplit(b)
    return (first.scheme, first.netloc) == (second.scheme, second.netloc)
