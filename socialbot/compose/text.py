"""Plain-text hygiene for headlines and summaries: HTML, invisible characters, Turkish casing.

Feeds hand us titles with ``&amp;``, ``<em>``, zero-width spaces, bidi marks and control
characters. Everything here returns clean text and never raises on dirty input.
"""

from __future__ import annotations

import html
import re
import unicodedata

from socialbot.domain.turkish import (  # noqa: F401 - re-exported for compose's users
    fold,
    is_turkish_word,
    turkish_lower,
    turkish_title,
    turkish_upper,
)

_TAG = re.compile(r"<[^>]{0,500}>")
_SPACE = re.compile(r"\s+")
# Characters a reader never sees and a platform may reject or count: zero-width spaces,
# word joiner, byte-order mark, soft hyphen, bidi embeddings/overrides/isolates and marks.
_INVISIBLE = frozenset(
    "\u200b\u2060\ufeff\u00ad\u200e\u200f\u061c"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\ufffe\uffff"
)
_BREAKS = re.compile(r"[\t\n\r\f\v]")
# Control characters, surrogates (from broken decoding), private use and the invisibles.
_DROP = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
    + "".join(sorted(_INVISIBLE))
    + "]"
)
_ZWJ = "\u200d"
_ZWNJ = "\u200c"


def _is_pictograph(ch: str) -> bool:
    """True for emoji-like symbols that ZWJ sequences join (a coarse but safe test)."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) == "So"
        or 0x1F000 <= cp <= 0x1FAFF
        or 0x1F3FB <= cp <= 0x1F3FF
        or cp in (0xFE0F, 0x2640, 0x2642, 0x2695, 0x2696, 0x2708, 0x2764)
    )


def strip_html(text: str) -> str:
    """Drop HTML tags and decode entities (twice, for feeds that escape their escapes)."""
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    if "&" in text or "<" in text:
        text = _TAG.sub(" ", html.unescape(text))
    return text


def clean_text(text: str | None) -> tuple[str, int]:
    """Clean ``text`` for a post; return it with the number of invisible characters removed.

    HTML is removed, control and invisible characters dropped (a zero-width joiner survives
    only inside an emoji sequence, a non-joiner only between letters), whitespace collapsed
    and the result NFC-normalised.
    """
    if not text:
        return "", 0
    text = unicodedata.normalize("NFC", strip_html(str(text)))
    before = len(text)
    text = _DROP.sub("", _BREAKS.sub(" ", text))
    if _ZWJ in text or _ZWNJ in text:
        text = "".join(ch for i, ch in enumerate(text) if ch not in (_ZWJ, _ZWNJ) or _joins(text, i))
    removed = before - len(text)
    return _SPACE.sub(" ", text).strip(), removed


def _joins(text: str, i: int) -> bool:
    """Whether the joiner at ``i`` joins something: emoji for ZWJ, letters for ZWNJ."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    test = _is_pictograph if text[i] == _ZWJ else str.isalpha
    return bool(prev and nxt and test(prev) and test(nxt))


def has_words(text: str) -> bool:
    """Whether ``text`` has at least one letter or digit (an emoji-only title has none)."""
    return any(ch.isalnum() for ch in text)


def title_word(word: str, turkish: bool) -> str:
    """Capitalise a hashtag word's first letter, keeping the rest as written (``NATO`` stays)."""
    if not word:
        return word
    first = turkish_upper(word[0]) if turkish else word[0].upper()
    return first + word[1:]
