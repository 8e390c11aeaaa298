from __future__ import annotations

import pytest

from app.core.apppassword import looks_like_app_password


@pytest.mark.parametrize("text", [
    "abcd-efgh-ijkl-mnop",
    "2x7q-k9pa-00zz-m3n4",
    "  abcd-efgh-ijkl-mnop\n",  # pasted with surrounding whitespace
    "ABCD-EFGH-IJKL-MNOP",
])
def test_app_passwords_are_recognised(text: str) -> None:
    assert looks_like_app_password(text)


@pytest.mark.parametrize("text", [
    "",
    "hunter2",
    "correct horse battery staple",
    "abcd-efgh-ijkl",  # three groups
    "abcd-efgh-ijkl-mnop-qrst",  # five groups
    "abcdefghijklmnop",  # no hyphens
    "abcd-efgh-ijkl-mno!",
    "abcd efgh ijkl mnop",
    "ab_d-efgh-ijkl-mnop",
    "ａｂｃｄ-efgh-ijkl-mnop",  # full-width letters typed with a Japanese input method
])
def test_other_passwords_are_not(text: str) -> None:
    assert not looks_like_app_password(text)
