"""The bundled sample data: 12 articles that parse cleanly, with photos that exist."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from PIL import Image

from socialbot.intake import classify, extract_page, parse_document, parse_feed
from socialbot.samples import SAMPLES_DIR, sample_document_path, sample_feed_path, sample_pages


def _feed():  # type: ignore[no-untyped-def]
    path = sample_feed_path()
    return parse_feed(path.read_bytes(), source=str(path), base_url=path.as_uri())


def test_sample_feed_has_12_clean_articles_with_resolved_photos() -> None:
    result = _feed()
    assert result.problems == []
    assert len(result.articles) == 12
    with_photo = [a for a in result.articles if a.image is not None]
    assert 9 <= len(with_photo) <= 10  # two or three articles use the brand background
    for article in with_photo:
        assert article.image is not None
        assert article.image.url.startswith("file://")
        path = Path(url2pathname(urlsplit(article.image.url).path))
        assert path.is_file() and path.parent == SAMPLES_DIR / "photos"
        with Image.open(path) as img:
            assert img.format == "JPEG"


def test_sample_feed_covers_the_newsroom() -> None:
    articles = _feed().articles
    sections = Counter(a.section for a in articles)
    assert set(sections) == {"defence", "politics", "economy", "world", "sports", "culture"}
    assert sum(a.breaking for a in articles) == 1
    for article in articles:
        assert article.url.startswith(f"https://www.example-news.com.tr/{article.section}/")
        assert article.guid and article.author
        assert article.published_at is not None and (
            article.published_at.year,
            article.published_at.month,
        ) == (2026, 11)
        assert 1 <= article.summary.count(". ") + 1 <= 3
    text = " ".join(a.title + " " + a.summary for a in articles) + " ".join(
        t for a in articles for t in a.tags
    )
    for name in ("Türkiye", "İstanbul", "Şanlıurfa", "Iğdır"):
        assert name in text


def test_every_feed_item_has_a_page_that_agrees() -> None:
    feed = {a.url: a for a in _feed().articles}
    pages = sample_pages()
    assert len(pages) == 12
    for page in pages:
        assert classify(str(page)) == "page"
        article = extract_page(page.read_bytes(), url=page.as_uri())
        item = feed[article.url]
        assert (article.title, article.summary, article.section) == (
            item.title,
            item.summary,
            item.section,
        )
        assert article.published_at == item.published_at
        assert article.breaking == item.breaking
        assert (article.image is None) == (item.image is None)
        if article.image is not None and item.image is not None:
            assert article.image.url == item.image.url
            assert article.image.caption and article.image.credit


def test_sample_document() -> None:
    path = sample_document_path()
    assert classify(str(path)) == "document"
    article = parse_document(path.read_bytes(), source=str(path), base_url=path.as_uri())
    assert article.image is not None and article.image.focus == (0.5, 0.45)
    assert Path(url2pathname(urlsplit(article.image.url).path)).is_file()


def test_photo_attribution_ships_with_the_photos() -> None:
    sources = (SAMPLES_DIR / "photos" / "SOURCES.md").read_text(encoding="utf-8")
    for photo in (SAMPLES_DIR / "photos").glob("*.jpg"):
        assert photo.name in sources
