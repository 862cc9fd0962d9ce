"""Turkish casing: dotted and dotless i, which Python's str.upper() and str.lower() get wrong.

A newsroom writing English about Türkiye cases Turkish names with Turkish rules (TÜRKİYE,
Iğdır) and English words with English ones; these functions decide word by word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Letters that only Turkish (among the newsroom's languages) writes; ö and ü are German too,
# but a word carrying them in a Turkish newsroom is Turkish far more often than not.
_TURKISH_LETTERS = frozenset("çğıöşüÇĞİÖŞÜ")
_WORD = re.compile(r"[^\s\-/]+")
_PUNCTUATION = ".,:;!?\"()[]{}«»“”‘’"


def is_turkish_word(word: str, language: str = "en", turkish_words: Iterable[str] = ()) -> bool:
    """Whether ``word`` should be cased with Turkish rules.

    True when the article is in Turkish, the word carries a Turkish-only letter, or it is in
    the newsroom's list of Turkish words (``config/hashtags.toml``; compared dotless-folded so
    ``istanbul`` matches ``İstanbul`` and ``ISTANBUL``).
    """
    if language.lower().startswith("tr"):
        return True
    if any(ch in _TURKISH_LETTERS for ch in word):
        return True
    key = fold(word)
    return any(fold(w) == key for w in turkish_words)


def fold(text: str) -> str:
    """A casing-blind key: every i/ı/İ/I folds to ``i`` so Turkish and English casings meet."""
    return (
        text.replace("İ", "i").replace("I", "i").replace("ı", "i").casefold().replace("i\u0307", "i")
    )


def turkish_upper(s: str) -> str:
    """Upper-case with Turkish rules: ``i`` → ``İ``, ``ı`` → ``I`` (``str.upper`` gives ``I``)."""
    return s.replace("i", "İ").replace("ı", "I").upper()


def turkish_lower(s: str) -> str:
    """Lower-case with Turkish rules: ``I`` → ``ı``, ``İ`` → ``i`` (no stray combining dot)."""
    return s.replace("I", "ı").replace("İ", "i").lower()


def turkish_title(s: str) -> str:
    """Title-case each space- or hyphen-separated word with Turkish rules (``iğdır`` → ``Iğdır``).

    Letters after an apostrophe stay lower case, as Turkish suffixes do (``İstanbul'da``).
    """
    return re.sub(
        r"[^\s\-]+",
        lambda m: turkish_upper(m.group(0)[:1]) + turkish_lower(m.group(0)[1:]),
        s,
    )


def upper_words(text: str, language: str = "en", turkish_words: Iterable[str] = ()) -> str:
    """Upper-case ``text`` word by word: Turkish words with Turkish rules, the rest as English."""
    words = tuple(turkish_words)

    def case(match: re.Match[str]) -> str:
        word = match.group(0)
        stem = word.split("'")[0].split("\u2019")[0].strip(_PUNCTUATION)  # İstanbul'da -> İstanbul
        return turkish_upper(word) if is_turkish_word(stem, language, words) else word.upper()

    return _WORD.sub(case, text)
