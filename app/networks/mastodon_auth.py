"""Connecting a Mastodon account on any server: the address a person types, the app's
registration on that server, and OAuth's authorization-code flow (with PKCE where offered).

The accounts service drives it, in a worker thread:

    address = parse_server_address(typed)          # "mastodon.social", "@shop@example.social"
    with MastodonAuth(address.url) as auth:
        credentials = stored_credentials or auth.register_app()   # once per server
        token = sign_in_with_browser(auth, credentials, open_browser, cancel=event)
    # without a browser on this computer:
        request = auth.manual_authorization(credentials)   # show request.url; user pastes the code
        token = auth.exchange_code(credentials, request, pasted_code)

The caller stores `credentials.client_secret` and `token.access_token` in the keyring; this
module stores nothing, logs nothing, and never puts a secret into an exception message.
Facts: /work/shared/reference/social-apis.md §1.1-1.3 (Mastodon docs, Doorkeeper).
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, NamedTuple
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import httpx

from app import APP_NAME
from app.networks.errors import AuthExpired, AuthFailed, BadResponse, NotFound, Rejected
from app.networks.http import Transport, check_url
from app.networks.loopback import DEFAULT_TIMEOUT, LoopbackListener

OOB_REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob"
LOOPBACK_REDIRECT_URI = "http://127.0.0.1/callback"  # Doorkeeper ignores the port on loopback IPs
REDIRECT_URIS = (LOOPBACK_REDIRECT_URI, OOB_REDIRECT_URI)
# Least the app needs: who am I, mentions, threads, replies and posts, hashtag search.
SCOPES = "profile read:notifications read:statuses write:statuses read:search"
LEGACY_SCOPES = "read:accounts read:notifications read:statuses write:statuses read:search"

DISCOVERY_PATH = "/.well-known/oauth-authorization-server"
AUTHORIZE_PATH = "/oauth/authorize"
TOKEN_PATH = "/oauth/token"
REVOKE_PATH = "/oauth/revoke"

_NOT_AN_ADDRESS = "That is not a Mastodon server address; type it like mastodon.social."
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_HANDLE = re.compile(r"^@?(?P<user>[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})@(?P<host>[^@/\s]+)$")
_PROFILE_PATH = re.compile(r"^/@(?P<user>[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})/?$")
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_MAX_SECRET = 2048  # client ids, secrets, codes and tokens are far shorter on every server


class InvalidAddress(NotFound):
    """What the person typed cannot be a server address (the message says how to type one)."""


class ServerAddress(NamedTuple):
    url: str  # "https://example.social": scheme, host and port only
    username: str | None  # "shop" when the person typed a handle or a profile address


@dataclass(frozen=True, slots=True)
class ServerAuthInfo:
    """What /.well-known/oauth-authorization-server said (Mastodon 4.3+), or that it is absent."""

    discovered: bool
    pkce: bool  # S256 offered; the only method Mastodon supports
    scopes_supported: frozenset[str] = frozenset()

    @property
    def scopes(self) -> str:
        """The scopes to ask for: `profile` where the server knows it, else `read:accounts`."""
        return SCOPES if "profile" in self.scopes_supported else LEGACY_SCOPES


@dataclass(frozen=True, slots=True)
class ClientCredentials:
    """This app's registration on one server. The caller keeps `client_secret` in the keyring
    and the rest with the account; register again only if the server forgot the app."""

    client_id: str
    client_secret: str = field(repr=False)
    server_url: str
    scopes: str = ""  # as registered; "" (unknown) means "what the server suggests now"


@dataclass(frozen=True, slots=True)
class AuthorizationRequest:
    """One sign-in attempt: the page to open, and what the token exchange must repeat."""

    url: str
    redirect_uri: str
    state: str = field(repr=False)
    code_verifier: str = field(repr=False)  # "" when the server does not offer PKCE
    scopes: str = ""


@dataclass(frozen=True, slots=True)
class AccessToken:
    access_token: str = field(repr=False)
    scope: str = ""  # what the server granted (space-separated)


# -- what the person typed ------------------------------------------------------------------


def parse_server_address(text: str) -> ServerAddress:
    """Turn `mastodon.social`, `https://example.social/`, `@shop@example.social` or a profile
    address into the server's base URL and an optional username.

    Raises InvalidAddress for anything that cannot be a server, and InsecureURL for plain http
    to another computer. Messages never repeat the input (people paste secrets by mistake).
    """
    typed = text.strip() if isinstance(text, str) else ""
    if not typed or len(typed) > 300 or any(c.isspace() or not c.isprintable() for c in typed):
        raise InvalidAddress(_NOT_AN_ADDRESS)
    username: str | None = None
    handle = _HANDLE.match(typed)
    if handle:
        username, typed = handle["user"], handle["host"]
    if "://" not in typed:
        typed = f"https://{typed}"
    try:
        url = httpx.URL(typed)
        host = url.raw_host.decode("ascii").lower()
        netloc = url.netloc.decode("ascii").lower()
    except (httpx.InvalidURL, ValueError, UnicodeError):
        raise InvalidAddress(_NOT_AN_ADDRESS) from None
    if url.scheme not in ("http", "https") or url.userinfo or not _valid_host(host):
        raise InvalidAddress(_NOT_AN_ADDRESS)
    base = check_url(f"{url.scheme}://{netloc}")
    if username is None:
        profile = _PROFILE_PATH.match(url.path)
        username = profile["user"] if profile else None
    return ServerAddress(base, username)


def _valid_host(host: str) -> bool:
    if not host or len(host) > 253:
        return False
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    if host == "localhost":
        return True
    labels = host.removesuffix(".").split(".")
    return (len(labels) >= 2 and all(_LABEL.match(label) for label in labels)
            and not labels[-1].isdigit())


# -- the OAuth conversation -----------------------------------------------------------------


class MastodonAuth:
    """Registration and OAuth with one server. Safe to use from a worker thread."""

    def __init__(self, server_url: str, *, transport: Transport | None = None) -> None:
        self.server_url = check_url(server_url.rstrip("/"))
        if transport is not None and transport.base_url != self.server_url:
            raise ValueError("the transport talks to another server")
        self._owns_transport = transport is None
        self._transport = transport or Transport(self.server_url)
        self._info: ServerAuthInfo | None = None

    def close(self) -> None:
        if self._owns_transport:
            self._transport.close()

    def __enter__(self) -> MastodonAuth:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def discover(self) -> ServerAuthInfo:
        """Ask the server what it supports (once). A server before 4.3 answers 404: no PKCE."""
        if self._info is None:
            try:
                data = self._transport.get_json(DISCOVERY_PATH, authenticated=False)
            except (NotFound, BadResponse):
                data = None
            if not isinstance(data, dict):
                self._info = ServerAuthInfo(discovered=False, pkce=False)
            else:
                methods = data.get("code_challenge_methods_supported")
                scopes = data.get("scopes_supported")
                self._info = ServerAuthInfo(
                    discovered=True,
                    pkce=isinstance(methods, list) and "S256" in methods,
                    scopes_supported=frozenset(
                        s for s in scopes if isinstance(s, str)
                    ) if isinstance(scopes, list) else frozenset(),
                )
        return self._info

    def register_app(self, *, website: str = "") -> ClientCredentials:
        """POST /api/v1/apps: one registration per server, kept by the caller."""
        info = self.discover()
        body: dict[str, Any] = {
            "client_name": APP_NAME,
            "redirect_uris": list(REDIRECT_URIS),
            "scopes": info.scopes,
        }
        if website:
            body["website"] = check_url(website)
        try:
            data = self._transport.post_json("/api/v1/apps", body, authenticated=False)
        except Rejected:
            if info.discovered:  # 4.3+ takes a list; the refusal is about something else
                raise
            # Before 4.3 redirect_uris was one string, several URIs separated by newlines.
            body["redirect_uris"] = "\n".join(REDIRECT_URIS)
            data = self._transport.post_json("/api/v1/apps", body, authenticated=False)
        if not isinstance(data, dict):
            raise BadResponse("expected a JSON object")
        return ClientCredentials(
            client_id=_secret_field(data, "client_id"),
            client_secret=_secret_field(data, "client_secret"),
            server_url=self.server_url,
            scopes=info.scopes,
        )

    def authorization_request(self, credentials: ClientCredentials, redirect_uri: str, *,
                              lang: str | None = None) -> AuthorizationRequest:
        """The authorize page to open, with a fresh `state` and (where offered) PKCE S256."""
        self._check(credentials)
        if lang is not None and not _LANG.match(lang):
            raise ValueError("lang must be a language tag such as 'ja' or 'en'")
        info = self.discover()
        scopes = credentials.scopes or info.scopes
        state = secrets.token_urlsafe(32)
        params = {
            "response_type": "code",
            "client_id": credentials.client_id,
            "redirect_uri": redirect_uri,
            "scope": scopes,
            "state": state,
        }
        verifier = ""
        if info.pkce:
            verifier = secrets.token_urlsafe(64)  # 86 characters of [A-Za-z0-9_-]
            params["code_challenge"] = pkce_challenge(verifier)
            params["code_challenge_method"] = "S256"
        params["force_login"] = "true"  # lets a second account on the same server sign in
        if lang:
            params["lang"] = lang
        url = f"{self.server_url}{AUTHORIZE_PATH}?{urlencode(params, quote_via=quote)}"
        return AuthorizationRequest(url, redirect_uri, state, verifier, scopes)

    def manual_authorization(self, credentials: ClientCredentials, *,
                             lang: str | None = None) -> AuthorizationRequest:
        """The copy-paste fallback: the server shows the code instead of redirecting."""
        return self.authorization_request(credentials, OOB_REDIRECT_URI, lang=lang)

    def exchange_code(self, credentials: ClientCredentials, request: AuthorizationRequest,
                      code: str) -> AccessToken:
        """POST /oauth/token. A wrong or used code → AuthFailed(reason="code"); an app the
        server no longer knows → AuthFailed(reason="client") (register again)."""
        self._check(credentials)
        form = {
            "grant_type": "authorization_code",
            "code": _clean_code(code),
            "client_id": credentials.client_id,
            "client_secret": credentials.client_secret,
            "redirect_uri": request.redirect_uri,
        }
        if request.code_verifier:
            form["code_verifier"] = request.code_verifier
        try:
            reply = self._transport.request("POST", TOKEN_PATH, data=form, authenticated=False)
        except AuthExpired:
            raise AuthFailed("the server no longer knows this app", reason="client") from None
        except Rejected:
            raise AuthFailed("the server did not accept the code", reason="code") from None
        data = reply.json_object()
        token_type = data.get("token_type", "Bearer")
        if not isinstance(token_type, str) or token_type.lower() != "bearer":
            raise BadResponse("unexpected token type")
        scope = data.get("scope", "")
        return AccessToken(_secret_field(data, "access_token"),
                           scope if isinstance(scope, str) else "")

    def revoke(self, credentials: ClientCredentials, token: AccessToken | str) -> None:
        """POST /oauth/revoke, when the user removes the account. The token stops working."""
        self._check(credentials)
        value = token.access_token if isinstance(token, AccessToken) else token
        self._transport.request("POST", REVOKE_PATH, authenticated=False, data={
            "client_id": credentials.client_id,
            "client_secret": credentials.client_secret,
            "token": value,
        })

    def _check(self, credentials: ClientCredentials) -> None:
        if credentials.server_url.rstrip("/") != self.server_url:
            raise ValueError("these credentials belong to another server")


def sign_in_with_browser(
    auth: MastodonAuth,
    credentials: ClientCredentials,
    open_browser: Callable[[str], None],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    cancel: threading.Event | None = None,
    lang: str | None = None,
) -> AccessToken:
    """The whole sign-in: listen on 127.0.0.1, open the authorize page, wait for the browser
    to come back, exchange the code. Blocks: run it in a worker; set `cancel` to stop.

    AuthFailed reasons: "denied", "state", "timeout", "cancelled", "error", "code", "client".
    """
    with LoopbackListener(cancel=cancel) as listener:
        request = auth.authorization_request(credentials, listener.redirect_uri, lang=lang)
        open_browser(request.url)
        code = listener.wait(request.state, timeout=timeout)
    return auth.exchange_code(credentials, request, code)


def pkce_challenge(verifier: str) -> str:
    """RFC 7636 S256: base64url(sha256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _clean_code(code: str) -> str:
    """A pasted code may come with spaces, or as the whole address it was shown in."""
    value = code.strip() if isinstance(code, str) else ""
    if "code=" in value:
        found = parse_qs(urlsplit(value).query).get("code")
        value = found[0].strip() if found else ""
    if not value or len(value) > _MAX_SECRET or not all(
        c.isascii() and c.isprintable() and not c.isspace() for c in value
    ):
        raise AuthFailed("that is not a sign-in code", reason="code")
    return value


def _secret_field(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value or len(value) > _MAX_SECRET:
        raise BadResponse(f"missing {key}")
    if any(not c.isascii() or not c.isprintable() or c.isspace() for c in value):
        raise BadResponse(f"unusable {key}")
    return value
