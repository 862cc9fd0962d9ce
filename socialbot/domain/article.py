"""The article as the newsroom published it: what every post is composed from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ArticleImage:
    """The article's lead photo. ``url`` may be http(s), ``file://`` or a local path."""

    url: str
    caption: str | None = None
    credit: str | None = None
    width: int | None = None
    height: int | None = None
    # Focus point as fractions of width and height (0..1), when the CMS gives one.
    focus: tuple[float, float] | None = None


@dataclass(frozen=True)
class Article:
    """One published article, normalised by intake. Times are timezone-aware UTC."""

    url: str
    title: str
    summary: str = ""
    guid: str | None = None
    image: ArticleImage | None = None
    section: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    author: str | None = None
    language: str = "en"
    published_at: datetime | None = None
    modified_at: datetime | None = None
    breaking: bool = False
    source: str | None = None  # feed URL, page URL, file or "webhook": where it came from

    def __post_init__(self) -> None:
        if not self.url:
            raise ValueError("an article needs a URL")
        for name in ("published_at", "modified_at"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"article {name} must be timezone-aware (UTC)")

    @property
    def key(self) -> str:
        """Identity for deduplication: the GUID when the source gives one, else the URL."""
        return self.guid or self.url
