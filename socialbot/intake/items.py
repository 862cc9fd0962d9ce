"""Feed items as read, before they become Articles: one shape for RSS, Atom and JSON Feed."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from socialbot.domain import Article, ArticleImage
from socialbot.intake.clean import (
    clean_text,
    first_sentence,
    split_breaking,
    truncate,
    unique,
)
from socialbot.intake.urls import canonical_url, is_http, resolve

SUMMARY_LIMIT = 1000


@dataclass
class FeedItem:
    """One item's raw fields, as the feed format gave them (URLs may still be relative)."""

    link: str | None = None
    guid: str | None = None
    title: str = ""
    summary: str = ""
    image: ArticleImage | None = None
    published_at: datetime | None = None
    modified_at: datetime | None = None
    categories: list[str] = field(default_factory=list)
    author: str | None = None


@dataclass
class FeedParse:
    """What one feed document gave: its articles in feed order, and what was wrong with it."""

    articles: list[Article]
    problems: list[str]
    title: str


def collect(
    items: list[FeedItem],
    *,
    source: str,
    base: str | None,
    language: str | None,
    title: str,
    problems: list[str],
) -> FeedParse:
    """Turn feed items into Articles: resolve URLs, clean text, skip and report bad or duplicate items."""
    articles: list[Article] = []
    seen_guids: set[str] = set()
    seen_urls: set[str] = set()
    for number, item in enumerate(items, start=1):
        name = f"item {number}" + (f" ({clean_text(item.title)[:60]!r})" if item.title else "")
        article, problem = _article(item, source=source, base=base, language=language)
        if article is None:
            problems.append(f"{name}: {problem}; skipped")
            continue
        key = canonical_url(article.url)
        if article.guid and article.guid in seen_guids:
            problems.append(f"{name}: duplicate GUID {article.guid!r}; kept the first")
            continue
        if key in seen_urls:
            problems.append(f"{name}: duplicate URL {article.url}; kept the first")
            continue
        if article.guid:
            seen_guids.add(article.guid)
        seen_urls.add(key)
        if problem:
            problems.append(f"{name}: {problem}")
        articles.append(article)
    return FeedParse(articles=articles, problems=problems, title=title)


def _article(
    item: FeedItem, *, source: str, base: str | None, language: str | None
) -> tuple[Article | None, str | None]:
    guid = clean_text(item.guid) or None
    link = resolve(item.link, base)
    if not link and guid and is_http(guid):
        link = guid  # an RSS permalink GUID is the article's address
    if not link:
        return None, "no link" if guid else "no link and no GUID"
    summary = truncate(clean_text(item.summary), SUMMARY_LIMIT)
    title = clean_text(item.title)
    note = None
    if "://" not in link:
        note = f"relative link {link!r} and no base URL to resolve it"
    if not title:
        if not summary:
            return None, "no title and no summary"
        title = first_sentence(summary)
        note = "; ".join(filter(None, [note, "no title; used the summary's first sentence"]))
    categories, breaking = split_breaking(unique([clean_text(c) for c in item.categories]))
    image = item.image
    if image is not None:
        image_url = resolve(image.url, base)
        image = replace(image, url=image_url) if image_url else None
    try:
        article = Article(
            url=link,
            title=title,
            summary=summary,
            guid=guid,
            image=image,
            section=categories[0] if categories else None,
            tags=tuple(categories),
            author=clean_text(item.author) or None,
            language=language or "en",
            published_at=item.published_at,
            modified_at=item.modified_at,
            breaking=breaking,
            source=source,
        )
    except ValueError as exc:  # the domain refuses it: report, never crash the whole feed
        return None, str(exc)
    return article, note
