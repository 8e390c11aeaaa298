"""The URL policy: https anywhere, plain http only to this computer, nothing else."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from app.networks.errors import InsecureURL, NetworkError, NotFound
from app.networks.http import check_url, is_loopback_host

URLS = [
    "https://social.example/@customer/113000000000000101", "https://a.b:443/x?y=1#z",
    "https://EXAMPLE.com", "https://x", "https://-/", "https://a.b:99999/", "https://a.b:/",
    "https://", "https:///path", "https://:443/", "https://@/", "https://user@host/",
    "https://user:pw@host:1/", "https://[::1]/", "https://[::1/", "https://::1]/",
    "https://ex ample.com/", "https://example.com/a b", "https://exa\tmple.com/",
    "https://example.com/\n", " https://example.com/", "\x00https://example.com/",
    "https://example.com\\@evil.example/", "https://ｅxample.com/", "https://℀.example/",
    "https://例え.jp/", "https://example.com/パス", "HTTPS://example.com/", "https:example.com",
    "https:/example.com", "http://example.com/", "http://127.0.0.1:8080/", "http://localhost/",
    "http://[::1]:9/", "http://127.0.0.1.evil.example/", "ftp://example.com/", "javascript:x",
    "mailto:a@b.example", "", "//example.com/", "example.com",
]


def _reference(url: str) -> str:
    """The policy as written with urlsplit alone (an address it cannot parse is none)."""
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018 - reading it is what raises for a broken netloc
    except ValueError:
        raise NotFound("not a web address") from None
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname and is_loopback_host(parts.hostname):
        return url
    if parts.scheme == "http":
        raise InsecureURL("plain http")
    raise NotFound("not a web address")


def _outcome(check: object, url: str) -> object:
    try:
        return check(url)  # type: ignore[operator]
    except (NetworkError, ValueError) as error:
        return type(error)


@pytest.mark.parametrize("url", URLS)
def test_every_url_gets_the_answer_of_the_full_parse(url: str) -> None:
    assert _outcome(check_url, url) == _outcome(_reference, url)


def test_an_address_that_cannot_be_parsed_is_not_a_web_address() -> None:
    for broken in ("https://[::1/x", "https://[not-an-ip]/", "http://[::1"):
        with pytest.raises(NotFound):
            check_url(broken)


def test_plain_http_is_only_for_this_computer() -> None:
    assert check_url("http://127.0.0.1:8080/api") == "http://127.0.0.1:8080/api"
    with pytest.raises(InsecureURL):
        check_url("http://example.com/")
    with pytest.raises(NotFound):
        check_url("https://")
