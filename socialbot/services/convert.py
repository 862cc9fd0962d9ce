"""Rows to domain records and back: the only place that knows both shapes."""

from __future__ import annotations

import hashlib
import json

from socialbot.domain import (
    Article,
    ArticleImage,
    CardFormat,
    CardImage,
    Platform,
    Post,
    PostKind,
    PostState,
)
from socialbot.intake.urls import canonical_url
from socialbot.store.tables import ArticleRow, CardRow, PostRow


def article_from_row(row: ArticleRow) -> Article:
    image = None
    if row.image_url:
        focus = tuple(row.image_focus) if row.image_focus else None
        image = ArticleImage(url=row.image_url, caption=row.image_caption, credit=row.image_credit,
                             focus=(focus[0], focus[1]) if focus else None)
    return Article(
        url=row.url, title=row.title, summary=row.summary or "", guid=row.guid, image=image,
        section=row.section, tags=tuple(row.tags or ()), author=row.author,
        language=row.language or "en", published_at=row.published_at,
        modified_at=row.modified_at, breaking=row.breaking, source=row.source,
    )


def fill_article_row(row: ArticleRow, article: Article) -> None:
    """Copy an Article's fields onto a row (new or existing)."""
    row.key = article.key
    row.guid = article.guid
    row.url = article.url
    row.canonical_url = canonical_url(article.url)
    row.title = article.title
    row.summary = article.summary
    row.image_url = article.image.url if article.image else None
    row.image_caption = article.image.caption if article.image else None
    row.image_credit = article.image.credit if article.image else None
    row.image_focus = list(article.image.focus) if article.image and article.image.focus else None
    row.section = article.section
    row.tags = list(article.tags)
    row.author = article.author
    row.language = article.language
    row.breaking = article.breaking
    row.published_at = article.published_at
    row.modified_at = article.modified_at
    row.source = article.source
    row.content_hash = content_hash(article)


def content_hash(article: Article) -> str:
    """What, when it changes, means the posts must be recomposed."""
    material = {
        "title": article.title,
        "summary": article.summary,
        "image": article.image.url if article.image else None,
        "caption": article.image.caption if article.image else None,
        "section": article.section,
        "tags": list(article.tags),
        "breaking": article.breaking,
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


def post_from_row(row: PostRow) -> Post:
    return Post(
        id=row.id, account=row.account, platform=Platform(row.platform), kind=PostKind(row.kind),
        text=row.text, alt_text=row.alt_text, link=row.link, article_url=row.article.url,
        idempotency_key=row.idempotency_key, state=PostState(row.state),
        scheduled_at=row.scheduled_at, headline=row.headline_override or row.article.title,
    )


def card_from_row(row: CardRow) -> CardImage:
    return CardImage(format=CardFormat(row.format), jpeg=row.jpeg, width=row.width,
                     height=row.height, alt_text=row.alt_text, design=row.design,
                     warnings=tuple(row.warnings or ()))
