"""A one-shot web page on this computer that catches the browser coming back from a sign-in.

OAuth's authorization-code flow ends with the server sending the browser to our redirect URI
with a `code` and the `state` we chose. This module listens on 127.0.0.1 at a port the system
picks, answers that one visit with a short page in English and Japanese, and hands the code to
whoever waits. It is a server, not an HTTP client: the stdlib is enough, and nothing it receives
is ever logged (the query carries a one-time code).

    with LoopbackListener() as listener:
        open_browser(authorize_url_with(listener.redirect_uri, state))
        code = listener.wait(state, timeout=300)

`wait` raises AuthFailed with `reason` "state" (a visit that does not carry our state),
"denied" (the user pressed Deny), "error" (the server reported another OAuth error),
"timeout", or "cancelled" (cancel() was called, or the `cancel` event was set, from any thread).
"""

from __future__ import annotations

import hmac
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from app.networks.errors import AuthFailed

CALLBACK_PATH = "/callback"
DEFAULT_TIMEOUT = 300.0  # seconds a person may take to sign in and press Authorize
_POLL = 0.05  # how often wait() looks at the cancel event and the clock
_MAX_VALUE = 2048  # longer query values are not what a Mastodon server sends

PAGE = (
    "<!DOCTYPE html>\n"
    '<html><head><meta charset="utf-8"><title>Community Desk</title></head>\n'
    "<body>\n"
    '<p lang="en">You can close this tab and return to Community Desk.</p>\n'
    '<p lang="ja">このタブを閉じて Community Desk に戻ってください。</p>\n'
    "</body></html>\n"
).encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    listener: LoopbackListener


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 10  # a connection that sends nothing does not hold a thread for ever
    server_version = "CommunityDesk"
    sys_version = ""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != CALLBACK_PATH:
            self._answer(404, b"")
            return
        query = parse_qs(parts.query, keep_blank_values=True, max_num_fields=20)
        self.server.listener._arrived({k: v[0][:_MAX_VALUE] for k, v in query.items() if v})
        self._answer(200, PAGE)

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", "default-src 'none'")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the request line holds the authorization code."""


class LoopbackListener:
    """Listens on http://127.0.0.1:<free port>/callback for one sign-in redirect."""

    def __init__(self, *, cancel: threading.Event | None = None) -> None:
        self._cancel = cancel or threading.Event()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._query: dict[str, str] | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> LoopbackListener:
        if self._server is None:
            server = _Server(("127.0.0.1", 0), _Handler)
            server.listener = self
            self._server = server
            self._thread = threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": _POLL},
                name="oauth-loopback", daemon=True,
            )
            self._thread.start()
        return self

    def close(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> LoopbackListener:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- what callers use -------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the listener is not started")
        return int(self._server.server_address[1])

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.port}{CALLBACK_PATH}"

    def cancel(self) -> None:
        """Stop waiting (the UI's Cancel button); safe from any thread."""
        self._cancel.set()
        self._wake.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, expected_state: str, *, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Block until the browser comes back; return the authorization code."""
        if not expected_state:
            raise ValueError("a state value is required")
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                query = self._query
            if query is not None:
                return _code_from(query, expected_state)
            if self._cancel.is_set():
                raise AuthFailed("sign-in was cancelled", reason="cancelled")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AuthFailed("no answer from the browser in time", reason="timeout")
            self._wake.wait(min(remaining, _POLL))
            self._wake.clear()

    def _arrived(self, query: dict[str, str]) -> None:
        with self._lock:
            if self._query is None:  # the first visit decides; later ones only see the page
                self._query = query
        self._wake.set()


def _code_from(query: dict[str, str], expected_state: str) -> str:
    state = query.get("state")
    if state is not None and not hmac.compare_digest(state.encode(), expected_state.encode()):
        raise AuthFailed("the sign-in answer does not belong to this request", reason="state")
    error = query.get("error")
    if error:
        if error == "access_denied":
            raise AuthFailed("the sign-in was denied", reason="denied")
        safe = "".join(c for c in error[:40] if c.isascii() and (c.isalnum() or c == "_"))
        raise AuthFailed(f"the server reported {safe or 'an error'}", reason="error")
    if state is None:
        raise AuthFailed("the sign-in answer does not belong to this request", reason="state")
    code = query.get("code", "")
    if not code:
        raise AuthFailed("the sign-in answer has no code", reason="error")
    return code
