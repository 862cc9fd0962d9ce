"""Card formats (one per platform surface) and the rendered card image."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class CardFormat(enum.StrEnum):
    X = "x"
    IG_FEED = "ig-feed"
    IG_STORY = "ig-story"
    YOUTUBE = "youtube"

    @property
    def size(self) -> tuple[int, int]:
        return _SIZES[self]

    @property
    def max_bytes(self) -> int:
        """The platform's upload limit for one image."""
        return _MAX_BYTES[self]


_SIZES = {
    CardFormat.X: (1600, 900),
    CardFormat.IG_FEED: (1080, 1350),
    CardFormat.IG_STORY: (1080, 1920),
    CardFormat.YOUTUBE: (1080, 1080),
}
_MAX_BYTES = {
    CardFormat.X: 5 * 1024 * 1024,
    CardFormat.IG_FEED: 8 * 1024 * 1024,
    CardFormat.IG_STORY: 8 * 1024 * 1024,
    CardFormat.YOUTUBE: 16 * 1024 * 1024,
}


@dataclass(frozen=True)
class CardImage:
    """A rendered card: JPEG bytes plus what a screen reader should hear."""

    format: CardFormat
    jpeg: bytes
    width: int
    height: int
    alt_text: str = ""
    design: str = "default"
    warnings: tuple[str, ...] = ()
