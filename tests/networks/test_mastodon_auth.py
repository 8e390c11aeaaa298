"""Connecting a Mastodon account: typed addresses, app registration, and the real loopback
OAuth flow against the fake server over real sockets."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fakes.mastodon_server import FakeMastodon

from app.networks.errors import AuthExpired, AuthFailed, BadResponse, InsecureURL
from app.networks.http import Transport
from app.networks.loopback import LoopbackListener
from app.networks.mastodon import MastodonConnector
from app.networks.mastodon_auth import (
    LEGACY_SCOPES,
    OOB_REDIRECT_URI,
    SCOPES,
    AccessToken,
    ClientCredentials,
    InvalidAddress,
    MastodonAuth,
    ServerAddress,
    parse_server_address,
    pkce_challenge,
    sign_in_with_browser,
)


@pytest.fixture
def auth(server: FakeMastodon) -> Iterator[MastodonAuth]:
    transport = Transport(server.url, sleep=lambda _: None)
    with MastodonAuth(server.url, transport=transport) as a:
        yield a
    transport.close()


class Browser:
    """Does what a browser does with the authorize page: GET it and follow the redirects,
    here to the app's loopback listener."""

    def __init__(self) -> None:
        self.visited: list[str] = []
        self.pages: list[httpx.Response] = []

    def __call__(self, url: str) -> None:
        self.visited.append(url)
        with httpx.Client(follow_redirects=True, trust_env=False, timeout=5) as client:
            self.pages.append(client.get(url))


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


# -- what the person types ------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "expected"), [
    ("mastodon.social", ("https://mastodon.social", None)),
    ("https://example.social/", ("https://example.social", None)),
    ("@shop@example.social", ("https://example.social", "shop")),
    ("shop@example.social", ("https://example.social", "shop")),
    ("https://example.social/@shop", ("https://example.social", "shop")),
    ("  Example.Social/about  ", ("https://example.social", None)),
    ("https://example.social:8443", ("https://example.social:8443", None)),
    ("日本語.jp", ("https://xn--wgv71a119e.jp", None)),
    ("http://127.0.0.1:3000", ("http://127.0.0.1:3000", None)),
])
def test_typed_server_addresses_become_the_server_base_url(
        typed: str, expected: tuple[str, str | None]) -> None:
    assert parse_server_address(typed) == ServerAddress(*expected)


@pytest.mark.parametrize("typed", [
    "", "   ", "hello world", "ftp://example.social", "https://", "@@", "javascript:alert(1)",
    "shop", "https://user:pw@example.social", "example..social", "-bad-.example",
    "https://exa mple.com", "1.2.3", "a" * 400,
])
def test_garbage_addresses_get_one_clear_sentence(typed: str) -> None:
    with pytest.raises(InvalidAddress, match="not a Mastodon server address"):
        parse_server_address(typed)


def test_an_address_error_never_repeats_what_was_pasted() -> None:
    pasted = "XyZsecretTokenValue_123456789"
    with pytest.raises(InvalidAddress) as caught:
        parse_server_address(pasted)
    assert pasted not in str(caught.value)


def test_plain_http_to_another_computer_is_refused_without_connecting(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def no_connections(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", no_connections)
    monkeypatch.setattr(socket, "create_connection", no_connections)
    with pytest.raises(InsecureURL):
        parse_server_address("http://example.com")
    with pytest.raises(InsecureURL):
        MastodonAuth("http://example.com")
    with pytest.raises(InsecureURL):
        MastodonConnector("http://example.com", "token")


# -- registration ---------------------------------------------------------------------------


def test_registration_asks_for_the_least_scopes_and_both_redirects(
        server: FakeMastodon, auth: MastodonAuth) -> None:
    credentials = auth.register_app(website="https://community-desk.example")
    [sent] = server.made("POST", "/api/v1/apps")
    assert sent.body["client_name"] == "Community Desk"
    assert sent.body["redirect_uris"] == ["http://127.0.0.1/callback", OOB_REDIRECT_URI]
    assert sent.body["scopes"] == SCOPES
    assert "profile" in SCOPES.split() and "read:accounts" not in SCOPES.split()
    assert sent.body["website"] == "https://community-desk.example"
    assert credentials.server_url == server.url
    assert credentials.scopes == SCOPES
    assert credentials.client_secret not in repr(credentials)


def test_an_old_server_gets_read_accounts_and_redirects_as_one_string(
        server: FakeMastodon, auth: MastodonAuth) -> None:
    server.old_server = True
    credentials = auth.register_app()
    first, second = server.made("POST", "/api/v1/apps")
    assert isinstance(first.body["redirect_uris"], list)
    assert second.body["redirect_uris"] == f"http://127.0.0.1/callback\n{OOB_REDIRECT_URI}"
    assert second.body["scopes"] == LEGACY_SCOPES
    assert credentials.scopes == LEGACY_SCOPES


# -- the loopback sign-in -------------------------------------------------------------------


def test_browser_sign_in_uses_pkce_s256_and_gives_a_working_token(
        server: FakeMastodon, auth: MastodonAuth) -> None:
    credentials = auth.register_app()
    browser = Browser()
    token = sign_in_with_browser(auth, credentials, browser, timeout=5, lang="ja")

    [authorize] = server.made("GET", "/oauth/authorize")
    assert authorize.q("code_challenge_method") == "S256"
    assert len(authorize.q("code_challenge") or "") == 43
    assert authorize.q("force_login") == "true"
    assert authorize.q("lang") == "ja"
    assert authorize.q("scope") == SCOPES
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/callback", authorize.q("redirect_uri") or "")
    [exchange] = server.made("POST", "/oauth/token")
    assert "code_verifier" in exchange.body
    assert exchange.body["redirect_uri"] == authorize.q("redirect_uri")

    [page] = browser.pages
    assert page.status_code == 200
    assert "You can close this tab and return to Community Desk." in page.text
    assert "このタブを閉じて Community Desk に戻ってください。" in page.text
    assert token.access_token not in repr(token)
    with MastodonConnector(server.url, token.access_token) as connector:
        assert connector.verify().handle == f"@shop@{server.domain}"


def test_sign_in_on_an_old_server_sends_no_pkce(server: FakeMastodon,
                                                auth: MastodonAuth) -> None:
    server.old_server = True
    credentials = auth.register_app()
    token = sign_in_with_browser(auth, credentials, Browser(), timeout=5)
    [authorize] = server.made("GET", "/oauth/authorize")
    assert authorize.q("code_challenge") is None
    assert authorize.q("code_challenge_method") is None
    assert authorize.q("scope") == LEGACY_SCOPES
    [exchange] = server.made("POST", "/oauth/token")
    assert "code_verifier" not in exchange.body
    assert set(token.scope.split()) == set(LEGACY_SCOPES.split())


def test_denied_consent_says_denied_and_stores_nothing(server: FakeMastodon,
                                                       auth: MastodonAuth) -> None:
    credentials = auth.register_app()
    server.deny = True
    with pytest.raises(AuthFailed) as caught:
        sign_in_with_browser(auth, credentials, Browser(), timeout=5)
    assert caught.value.reason == "denied"
    assert server.made("POST", "/oauth/token") == []
    assert server.token_count() == 0


def test_a_callback_with_someone_elses_state_is_rejected(server: FakeMastodon,
                                                         auth: MastodonAuth) -> None:
    credentials = auth.register_app()

    def forged(url: str) -> None:  # another page hits the listener with its own code
        redirect = query_of(url)["redirect_uri"]
        httpx.get(f"{redirect}?code=stolen&state=not-ours", trust_env=False)

    with pytest.raises(AuthFailed) as caught:
        sign_in_with_browser(auth, credentials, forged, timeout=5)
    assert caught.value.reason == "state"
    assert server.made("POST", "/oauth/token") == []


def test_a_callback_without_state_is_rejected() -> None:
    with LoopbackListener() as listener:
        httpx.get(f"{listener.redirect_uri}?code=abc", trust_env=False)
        with pytest.raises(AuthFailed) as caught:
            listener.wait("expected", timeout=5)
    assert caught.value.reason == "state"


def test_no_answer_from_the_browser_times_out(server: FakeMastodon,
                                              auth: MastodonAuth) -> None:
    credentials = auth.register_app()
    with pytest.raises(AuthFailed) as caught:
        sign_in_with_browser(auth, credentials, lambda url: None, timeout=0.2)
    assert caught.value.reason == "timeout"


def test_the_cancel_button_stops_waiting_and_closes_the_port(server: FakeMastodon,
                                                             auth: MastodonAuth) -> None:
    credentials = auth.register_app()
    cancel = threading.Event()
    ports: list[int] = []

    def open_browser(url: str) -> None:
        ports.append(urlsplit(query_of(url)["redirect_uri"]).port or 0)
        threading.Timer(0.05, cancel.set).start()  # the person presses Cancel a bit later

    with pytest.raises(AuthFailed) as caught:
        sign_in_with_browser(auth, credentials, open_browser, timeout=30, cancel=cancel)
    assert caught.value.reason == "cancelled"
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", ports[0]), timeout=1):
        pass


def test_cancel_from_another_thread_wakes_a_waiting_listener() -> None:
    with LoopbackListener() as listener:
        threading.Timer(0.05, listener.cancel).start()
        with pytest.raises(AuthFailed) as caught:
            listener.wait("state", timeout=30)
    assert caught.value.reason == "cancelled"


def test_the_listener_ignores_other_pages_and_logs_nothing(
        capsys: pytest.CaptureFixture[str]) -> None:
    with LoopbackListener() as listener:
        base = listener.redirect_uri.removesuffix("/callback")
        assert httpx.get(f"{base}/favicon.ico", trust_env=False).status_code == 404
        answer = httpx.get(f"{listener.redirect_uri}?code=secret-code&state=s1",
                           trust_env=False)
        assert listener.wait("s1", timeout=5) == "secret-code"
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    captured = capsys.readouterr()
    assert "secret-code" not in captured.out + captured.err


def test_another_oauth_error_is_reported_as_error() -> None:
    with LoopbackListener() as listener:
        httpx.get(f"{listener.redirect_uri}?error=invalid_scope&state=s1", trust_env=False)
        with pytest.raises(AuthFailed) as caught:
            listener.wait("s1", timeout=5)
    assert caught.value.reason == "error"


# -- the copy-paste fallback ----------------------------------------------------------------


def test_copy_paste_code_flow_gives_a_working_token(server: FakeMastodon,
                                                    auth: MastodonAuth) -> None:
    credentials = auth.register_app()
    request = auth.manual_authorization(credentials)
    assert query_of(request.url)["redirect_uri"] == OOB_REDIRECT_URI
    assert query_of(request.url)["code_challenge_method"] == "S256"
    # The person opens the address, presses Authorize and copies the code shown.
    shown = httpx.get(request.url, follow_redirects=True, trust_env=False)
    code = re.search(r'class="oauth-code"[^>]*value="([^"]+)"', shown.text)
    assert code is not None
    token = auth.exchange_code(credentials, request, f"  {code.group(1)}\n")
    [exchange] = server.made("POST", "/oauth/token")
    assert exchange.body["redirect_uri"] == OOB_REDIRECT_URI
    with MastodonConnector(server.url, token.access_token) as connector:
        assert connector.verify().handle.startswith("@shop@")


def test_a_mistyped_code_says_so_and_reuse_is_refused(server: FakeMastodon,
                                                      auth: MastodonAuth) -> None:
    credentials = auth.register_app()
    request = auth.manual_authorization(credentials)
    with pytest.raises(AuthFailed) as caught:
        auth.exchange_code(credentials, request, "not-the-code")
    assert caught.value.reason == "code"
    with pytest.raises(AuthFailed) as caught:
        auth.exchange_code(credentials, request, "two words")
    assert caught.value.reason == "code"
    assert len(server.made("POST", "/oauth/token")) == 1  # the second never left the computer


def test_a_server_that_forgot_the_app_says_client(server: FakeMastodon,
                                                  auth: MastodonAuth) -> None:
    credentials = auth.register_app()
    forgotten = ClientCredentials(credentials.client_id, "wrong-secret", server.url)
    request = auth.manual_authorization(forgotten)
    with pytest.raises(AuthFailed) as caught:
        auth.exchange_code(forgotten, request, "whatever")
    assert caught.value.reason == "client"
    assert "wrong-secret" not in str(caught.value)


def test_revoked_token_stops_working(server: FakeMastodon, auth: MastodonAuth) -> None:
    credentials = auth.register_app()
    token = sign_in_with_browser(auth, credentials, Browser(), timeout=5)
    auth.revoke(credentials, token)
    [revoke] = server.made("POST", "/oauth/revoke")
    assert revoke.body["token"] == "<redacted>"
    with MastodonConnector(server.url, token.access_token) as connector, \
            pytest.raises(AuthExpired) as caught:
        connector.verify()
    assert token.access_token not in str(caught.value)


def test_credentials_of_another_server_are_not_used(server: FakeMastodon,
                                                    auth: MastodonAuth) -> None:
    other = ClientCredentials("id", "secret", "https://example.social")
    with pytest.raises(ValueError, match="another server"):
        auth.manual_authorization(other)


def test_pkce_challenge_is_rfc_7636_s256() -> None:
    # The example from RFC 7636 appendix B.
    assert pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == \
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_nothing_secret_shows_in_reprs(server: FakeMastodon, auth: MastodonAuth) -> None:
    credentials = auth.register_app()
    request = auth.authorization_request(credentials, "http://127.0.0.1:1/callback")
    assert request.code_verifier not in repr(request)  # the state is in the URL: not secret
    assert 43 <= len(request.code_verifier) <= 128
    assert "hunter2" not in repr(AccessToken("hunter2", "profile"))


def test_a_website_that_is_not_mastodon_cannot_be_connected(server: FakeMastodon,
                                                            auth: MastodonAuth) -> None:
    server.inject("html")
    with pytest.raises(BadResponse) as caught:
        auth.register_app()
    assert "<" not in str(caught.value)
    assert not auth.discover().pkce


def test_no_browser_on_this_computer_leaves_no_listener_behind(
        server: FakeMastodon, auth: MastodonAuth) -> None:
    credentials = auth.register_app()
    ports: list[int] = []

    def no_browser(url: str) -> None:
        ports.append(urlsplit(query_of(url)["redirect_uri"]).port or 0)
        raise OSError("no web browser")

    with pytest.raises(OSError, match="no web browser"):
        sign_in_with_browser(auth, credentials, no_browser, timeout=5)
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", ports[0]), timeout=1):
        pass
