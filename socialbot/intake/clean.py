"""Text and time cleanup shared by every intake path: what arrives is messy, what leaves is not."""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# Tags that separate words: removing them must leave a space, or "a</p><p>b" reads "ab".
_BLOCK_TAG = re.compile(
    r"</?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|figure|figcaption|section|article)"
    r"\b[^<>]*>",
    re.IGNORECASE,
)
_DROP_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A tag must start with a letter or "/" + letter, so "x < y" in prose survives.
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SPACE = re.compile(r"\s+")
_ZWJ = "\u200d"


def strip_tags(text: str) -> str:
    """Remove HTML markup, keeping a space where a block element separated words."""
    text = _DROP_BLOCK.sub(" ", text)
    text = _COMMENT.sub(" ", text)
    text = _BLOCK_TAG.sub(" ", text)
    return _TAG.sub("", text)


def _is_emoji(ch: str) -> bool:
    return unicodedata.category(ch) == "So" or ch == "\ufe0f"


def _drop_invisible(text: str) -> str:
    # Zero-width, bidi and control characters sneak in from CMS copy-paste and break
    # counting and rendering; the zero-width joiner is kept only inside emoji sequences.
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in "\t\n\r\f\v":
            out.append(" ")
            continue
        cat = unicodedata.category(ch)
        if ch == _ZWJ:
            before = text[i - 1] if i > 0 else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if before and after and _is_emoji(before) and _is_emoji(after):
                out.append(ch)
            continue
        if cat in ("Cc", "Cf", "Co", "Cs"):
            continue
        out.append(ch)
    return "".join(out)


def clean_text(s: str | None) -> str:
    """Plain one-line text from feed or page markup: no tags, entities, invisibles; NFC."""
    if not s:
        return ""
    text = s
    # Feeds double-escape ("&amp;amp;") and escape markup ("&lt;b&gt;"); repeat until stable.
    for _ in range(3):
        nxt = html.unescape(strip_tags(text))
        if nxt == text:
            break
        text = nxt
    text = strip_tags(text)
    text = _drop_invisible(text)
    text = unicodedata.normalize("NFC", text)
    return _SPACE.sub(" ", text).strip()


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
