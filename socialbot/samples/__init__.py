"""Sample newsroom data shipped with socialbot: a feed, article pages, a JSON document, photos.

The articles are written for the demo (illustrative events and people) in the newsroom's style.
Photo URLs in the feed and pages are relative, so they resolve to files here when read with
the file's own ``file://`` URL as the base.
"""

from __future__ import annotations

from pathlib import Path

SAMPLES_DIR: Path = Path(__file__).resolve().parent


def sample_feed_path() -> Path:
    """The sample RSS 2.0 feed (12 articles, November 2026)."""
    return SAMPLES_DIR / "feed.xml"


def sample_pages() -> list[Path]:
    """The sample article pages (OpenGraph + JSON-LD NewsArticle), one per feed item, by name."""
    return sorted((SAMPLES_DIR / "pages").glob("*.html"))


def sample_document_path() -> Path:
    """The sample JSON article document (the webhook schema)."""
    return SAMPLES_DIR / "article.json"
