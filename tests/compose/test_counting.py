"""Length and validity per platform."""

from __future__ import annotations

import pytest

from socialbot.compose import check_text, x_length
from socialbot.domain import Platform

URL = "https://www.example-news.com.tr/politika/secim-2028-anket-sonuclari?utm_source=x"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ankara", 6),
        ("İstanbul'da ığdır şölen", 23),  # Turkish letters are in the light range: 1 each
        ("Haber: " + URL, 7 + 23),  # any URL is 23
        ("国防", 4),  # CJK: 2 each
        ("🇹🇷", 2),  # a flag (two regional indicators) is one emoji: 2
        ("👩🏽‍💻 ok", 2 + 3),  # ZWJ sequence with skin tone: 2
        ("e\u0301", 1),  # NFC first: e + combining acute is é
        ("Savunma 🛡️ 防衛 " + URL + " #Savunma", 8 + 2 + 1 + 4 + 1 + 23 + 9),
        ("— “quoted” …", 11 + 2),  # general punctuation counts 1, but … (U+2026) is outside: 2
    ],
)
def test_x_weighted_length_on_mixed_text(text: str, expected: int) -> None:
    assert x_length(text) == expected
    assert check_text(Platform.X, text).weighted_length == expected


def test_x_limit_is_280_or_the_accounts() -> None:
    text = "a" * 281
    assert not check_text(Platform.X, text).valid
    assert "too long: 281 of 280" in check_text(Platform.X, text).problems[0]
    premium = check_text(Platform.X, text, max_length=25_000)
    assert premium.valid and premium.max_length == 25_000
    assert check_text(Platform.X, "a" * 280).valid


def test_x_refuses_noncharacters_and_empty_text() -> None:
    bad = check_text(Platform.X, "ok \ufffe")
    assert not bad.valid and any("refuses" in p for p in bad.problems)
    empty = check_text(Platform.X, "   ")
    assert not empty.valid and empty.problems[0] == "empty text"
    assert check_text(Platform.X, "").problems == ("empty text",)


def test_instagram_limits() -> None:
    assert check_text(Platform.INSTAGRAM, "x" * 2200).valid
    long = check_text(Platform.INSTAGRAM, "x" * 2201)
    assert not long.valid and long.max_length == 2200 and long.weighted_length == 2201
    tags30 = " ".join(f"#tag{i}a" for i in range(30))
    assert check_text(Platform.INSTAGRAM, tags30).valid
    tags31 = check_text(Platform.INSTAGRAM, tags30 + " #extra")
    assert tags31.problems == ("too many hashtags: 31 of 30",)
    mentions = " ".join(f"@user{i}" for i in range(21))
    assert check_text(Platform.INSTAGRAM, mentions).problems == ("too many mentions: 21 of 20",)
    # Digits-only tags and e-mail addresses are neither hashtags nor mentions.
    assert check_text(Platform.INSTAGRAM, "#2024 " * 40 + "desk@example.com " * 30).valid


def test_youtube_limit_is_configurable() -> None:
    assert check_text(Platform.YOUTUBE, "y" * 1000).valid
    assert not check_text(Platform.YOUTUBE, "y" * 1001).valid
    assert check_text(Platform.YOUTUBE, "y" * 1001, max_length=1500).valid
    assert check_text(Platform.YOUTUBE, "y" * 400, max_length=300).problems == (
        "too long: 400 of 300 characters",
    )
