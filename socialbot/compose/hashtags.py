"""Hashtags from an article's section and tags, through the newsroom's mapping."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from socialbot.compose.text import fold, is_turkish_word, title_word
from socialbot.domain import Article, Platform
from socialbot.domain.text import clean_text

if TYPE_CHECKING:
    from socialbot.compose.rules import ComposeRules

_SPLIT = re.compile(r"[\s\-_/&+.,;:·']+")
_NON_WORD = re.compile(r"[^\w]+")


def hashtag_word(tag: str, *, language: str = "en", turkish_words: Iterable[str] = ()) -> str:
    """A hashtag body made from a free tag: ``"savunma sanayii"`` → ``"SavunmaSanayii"``.

    Each word is capitalised with Turkish rules where it is Turkish (``istanbul`` →
    ``İstanbul``); letters after the first keep their case so ``NATO`` stays ``NATO``.
    Returns ``""`` when nothing usable is left or the tag is only digits (not a hashtag on X).
    """
    words = [w for w in _SPLIT.split(clean_text(tag)) if w]
    parts = []
    for word in words:
        word = _NON_WORD.sub("", word)
        if word:
            parts.append(title_word(word, is_turkish_word(word, language, turkish_words)))
    body = "".join(parts)
    if not body or body.isdigit() or not any(ch.isalpha() for ch in body):
        return ""
    return body


def article_hashtags(article: Article, platform: Platform, rules: ComposeRules) -> tuple[str, ...]:
    """``#Tags`` for ``article`` on ``platform``: section tags first, then mapped article tags.

    Deduplicated case-insensitively (``#İstanbul`` and ``#ISTANBUL`` are one tag) and capped
    at the platform's number from ``config/hashtags.toml``.
    """
    cap = rules.hashtag_caps.get(platform, 3)
    if cap <= 0:
        return ()
    raw: list[str] = list(rules.section_hashtags.get((article.section or "").strip().lower(), ()))
    for tag in article.tags:
        mapped = rules.hashtag_map.get(fold(tag.strip()))
        if mapped is not None:
            raw.append(mapped)  # "" in the map drops the tag on purpose
        elif not rules.only_mapped:
            raw.append(tag)
    out: list[str] = []
    seen: set[str] = set()
    for text in raw:
        body = hashtag_word(
            text.lstrip("#＃"), language=article.language, turkish_words=rules.turkish_words
        )
        if not body:
            continue
        key = fold(body)
        if key in seen:
            continue
        seen.add(key)
        out.append("#" + body)
        if len(out) >= cap:
            break
    return tuple(out)
