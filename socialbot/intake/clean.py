"""Text and time cleanup shared by every intake path: what arrives is messy, what leaves is not."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# One cleaning rule for intake and compose; re-exported under intake's historic names.
from socialbot.domain.text import clean_text, strip_tags

__all__ = [
    "as_utc",
    "clean_text",
    "first_sentence",
    "language_code",
    "parse_datetime",
    "split_breaking",
    "strip_tags",
    "truncate",
    "unique",
]


def first_sentence(text: str, limit: int = 120) -> str:
    """The first sentence of ``text``, cut at a word boundary to at most ``limit`` characters."""
    text = clean_text(text)
    match = re.search(r"(?<=[.!?])\s", text)
    sentence = text[: match.start()] if match else text
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"


def truncate(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters (ellipsis when cut)."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-–— ") + "…"


def parse_datetime(value: str | None) -> datetime | None:
    """An aware UTC datetime from ISO 8601 or RFC 2822 text; naive times are taken as UTC.

    Unreadable text gives ``None``: a missing date must never lose the article.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return as_utc(parsed)


def as_utc(value: datetime) -> datetime:
    """``value`` in UTC; a naive datetime is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def language_code(value: str | None) -> str | None:
    """The primary language subtag, lower case: ``en-US`` and ``tr_TR`` give ``en`` and ``tr``."""
    if not value:
        return None
    code = re.split(r"[-_\s]", value.strip(), maxsplit=1)[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


BREAKING_LABELS = frozenset({"breaking", "breaking news", "breaking-news", "son dakika", "urgent"})


def split_breaking(labels: list[str]) -> tuple[list[str], bool]:
    """Separate the "breaking" flag from real categories: ``(categories, breaking)``."""
    kept = [label for label in labels if label.casefold() not in BREAKING_LABELS]
    return kept, len(kept) != len(labels)


def unique(values: list[str]) -> list[str]:
    """Non-empty values in first-seen order, compared without case."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out
