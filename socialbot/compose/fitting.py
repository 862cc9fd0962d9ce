"""Shortening text to fit a limit without breaking what must stay whole.

Cuts fall at word boundaries and end in ``…``. A cut never lands inside a URL, a hashtag or
a mention (those are whole words, kept or dropped), a surrogate pair or a grapheme cluster
(a combining accent, an emoji with its skin tone, a ZWJ family, a flag).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import overload

ELLIPSIS = "…"
_WORD = re.compile(r"\S+")
_PROTECTED = re.compile(r"^(?:[#＃@＠]|https?://|www\.)", re.IGNORECASE)
# Punctuation that reads badly right before an ellipsis.
_TRAILING = " \t,;:.-–—/|(\"'“‘«"


def _extends(ch: str) -> bool:
    """Whether ``ch`` continues the grapheme cluster before it."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or ch == "\u200d"
        or 0xFE00 <= cp <= 0xFE0F  # variation selectors (text/emoji presentation)
        or 0x1F3FB <= cp <= 0x1F3FF  # skin tone modifiers
        or 0xE0020 <= cp <= 0xE007F  # tag characters (subdivision flags)
    )


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def grapheme_starts(text: str) -> list[int]:
    """Indices where a user-perceived character starts (extended grapheme clusters, simplified).

    Python strings index code points, so surrogate pairs can never be split; the rules here
    keep combining marks, emoji modifiers, ZWJ sequences, keycaps and flag pairs together.
    """
    starts: list[int] = []
    i, n = 0, len(text)
    while i < n:
        starts.append(i)
        first = text[i]
        i += 1
        if first == "\r" and i < n and text[i] == "\n":
            i += 1
            continue
        if _regional(first) and i < n and _regional(text[i]):
            i += 1
        while i < n and (_extends(text[i]) or text[i - 1] == "\u200d"):
            i += 1
    return starts


def _end_cut(text: str) -> str:
    return text.rstrip(_TRAILING) + ELLIPSIS if text.rstrip(_TRAILING) else ""


class _Cuts(Sequence[str]):
    """Shortenings of a text, materialised only when looked at (a binary search reads few)."""

    def __init__(self, text: str, ends: list[int]) -> None:
        self._text = text
        self._ends = ends

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        end = self._ends[index]
        return _end_cut(self._text[:end]) if end else ""


def shortenings(text: str) -> Sequence[str]:
    """Shorter versions of ``text``, shortest first: ``""``, then word-boundary cuts with ``…``.

    When even the first word is too long for the caller, grapheme cuts of that first word
    come before the word cuts, unless the word is a URL, hashtag or mention.
    """
    words = list(_WORD.finditer(text))
    ends = [0]
    if words:
        first = words[0]
        if not _PROTECTED.match(first.group(0)):
            ends.extend(first.start() + s for s in grapheme_starts(first.group(0))[1:])
        ends.extend(w.end() for w in words[:-1])
    return _Cuts(text, ends)


def longest_fitting(candidates: Sequence[str], fits: Callable[[str], bool]) -> str | None:
    """The longest candidate that fits; ``candidates`` grow, and fitting is monotone in them."""
    lo, hi, best = 0, len(candidates) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        candidate = candidates[mid]
        if fits(candidate):
            best = candidate
            lo = mid + 1
        else:
            hi = mid - 1
    return best


def shorten_to(text: str, fits: Callable[[str], bool]) -> str:
    """``text`` itself if it fits, else its longest fitting shortening (possibly ``""``)."""
    if fits(text):
        return text
    return longest_fitting(shortenings(text), fits) or ""


def clip_chars(text: str, max_chars: int) -> str:
    """Shorten ``text`` to at most ``max_chars`` characters at a word boundary, with ``…``."""
    if len(text) <= max_chars:
        return text
    return shorten_to(text, lambda t: len(t) <= max_chars)
