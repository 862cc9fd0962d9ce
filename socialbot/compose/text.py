"""Compose's text helpers: Turkish casing for hashtags, plus the shared cleaning rules.

The cleaning itself (HTML, entities, invisible characters) lives in ``socialbot.domain.text``
so intake and compose agree; the names compose has always offered are re-exported here.
"""

from __future__ import annotations

# One cleaning rule for intake and compose. Compose's ``clean_text`` has always returned
# the removed-character count too, so it stays the counted variant under its old name.
from socialbot.domain.text import clean_text_counted as clean_text  # noqa: F401
from socialbot.domain.text import has_words, strip_html  # noqa: F401
from socialbot.domain.turkish import (  # noqa: F401 - re-exported for compose's users
    fold,
    is_turkish_word,
    turkish_lower,
    turkish_title,
    turkish_upper,
)


def title_word(word: str, turkish: bool) -> str:
    """Capitalise a hashtag word's first letter, keeping the rest as written (``NATO`` stays)."""
    if not word:
        return word
    first = turkish_upper(word[0]) if turkish else word[0].upper()
    return first + word[1:]
