"""How long each platform says a post is, and whether it will take it.

X counts with twitter-text v3 (PyPI ``twitter-text-parser`` 3.0.0, pinned in pyproject and
checked against X's conformance cases in ``tests/compose``). Instagram and the YouTube
community tab count characters (code points after NFC).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from twitter_text import parse_tweet
from twitter_text.config import config as _twitter_config
from twitter_text.has_invalid_characters import has_invalid_characters

from socialbot.domain import Platform

X_LIMIT = 280
INSTAGRAM_LIMIT = 2200
INSTAGRAM_MAX_HASHTAGS = 30
INSTAGRAM_MAX_MENTIONS = 20
# YouTube publishes no limit for community posts; the newsroom sets its own in
# config/compose.toml ([youtube] max_length). This is the fallback.
YOUTUBE_DEFAULT_LIMIT = 1000

# The v3 rules (the library's "version2" config lacks emoji parsing and crashes).
_X_CONFIG: dict[str, object] = dict(_twitter_config["version3"])

_HASHTAG = re.compile(r"(?:^|(?<=[^\w&]))[#＃](\w*[^\W\d_]\w*)")
_MENTION = re.compile(r"(?:^|(?<=[^\w@]))[@＠](\w{1,30})")


@dataclass(frozen=True)
class TextCheck:
    """A post text as the platform would judge it."""

    weighted_length: int
    max_length: int
    valid: bool
    problems: tuple[str, ...]


def default_limit(platform: Platform) -> int:
    """The platform's own length limit (YouTube: this project's fallback)."""
    return {
        Platform.X: X_LIMIT,
        Platform.INSTAGRAM: INSTAGRAM_LIMIT,
        Platform.YOUTUBE: YOUTUBE_DEFAULT_LIMIT,
    }[platform]


def x_length(text: str) -> int:
    """X's weighted length of ``text`` (URLs 23, emoji sequences 2, CJK 2, Latin 1)."""
    return int(parse_tweet(text, _X_CONFIG).weightedLength)


def hashtags_in(text: str) -> list[str]:
    """The hashtags in ``text`` (without ``#``); all-digit tags are not hashtags."""
    return _HASHTAG.findall(text)


def mentions_in(text: str) -> list[str]:
    """The @mentions in ``text`` (without ``@``)."""
    return _MENTION.findall(text)


def check_text(platform: Platform, text: str, max_length: int | None = None) -> TextCheck:
    """Length, limit, validity and every problem of ``text`` as a post on ``platform``.

    ``max_length`` overrides the platform limit (X Premium accounts, the newsroom's YouTube
    setting). Never raises for any string.
    """
    limit = max_length if max_length and max_length > 0 else default_limit(platform)
    return _check(platform, text, limit)


# Composing checks the same final text more than once; X's count is the costly part.
@functools.lru_cache(maxsize=512)
def _check(platform: Platform, text: str, limit: int) -> TextCheck:
    problems: list[str] = []
    if platform is Platform.X:
        parsed = parse_tweet(text, {**_X_CONFIG, "max_weighted_tweet_length": limit})
        length = int(parsed.weightedLength)
        # The library's verdict covers emptiness, length and characters X refuses.
        if length > limit:
            problems.append(f"too long: {length} of {limit} (X counts URLs as 23, emoji and CJK as 2)")
        if has_invalid_characters(unicodedata.normalize("NFC", text)):
            problems.append("contains characters X refuses (U+FFFE, U+FFFF, U+FEFF)")
        valid = bool(parsed.valid)
    else:
        length = len(unicodedata.normalize("NFC", text))
        if length > limit:
            problems.append(f"too long: {length} of {limit} characters")
        if platform is Platform.INSTAGRAM:
            tags = len(hashtags_in(text))
            if tags > INSTAGRAM_MAX_HASHTAGS:
                problems.append(f"too many hashtags: {tags} of {INSTAGRAM_MAX_HASHTAGS}")
            mentions = len(mentions_in(text))
            if mentions > INSTAGRAM_MAX_MENTIONS:
                problems.append(f"too many mentions: {mentions} of {INSTAGRAM_MAX_MENTIONS}")
        valid = not problems
    if not text.strip():
        problems.insert(0, "empty text")
        valid = False
    elif not valid and not problems:
        problems.append("not accepted by X's text rules")
    return TextCheck(length, limit, valid and not problems, tuple(problems))
