"""Feeds: conditional GET, then RSS 2.0, Atom and JSON Feed read into Articles."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import feedparser
import requests

from socialbot.domain import Article, ArticleImage
from socialbot.intake.clean import clean_text, language_code
from socialbot.intake.errors import IntakeError
from socialbot.intake.items import FeedItem, FeedParse, collect
from socialbot.intake.jsonfeed import is_json_feed, read_json_feed
from socialbot.intake.net import http_get
from socialbot.intake.page import fetch_page, page_image

__all__ = ["FeedFetch", "FeedParse", "enrich_image_from_page", "fetch_feed", "parse_feed"]

_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")
# Letters that windows-1252 makes of Turkish ş ğ ı İ Ş Ğ: in an English feed from Türkiye
# they mean the bytes were windows-1254 all along.
_TURKISH_IN_1252 = re.compile("[ÞþÐðÝý]")
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_HARMLESS_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


@dataclass(frozen=True)
class FeedFetch:
    """One conditional GET of a feed. ``body`` is None when the feed has not changed (304)."""

    status: int
    body: bytes | None
    etag: str | None
    last_modified: str | None
    not_modified: bool


def fetch_feed(
    url: str,
    session: requests.Session,
    *,
    etag: str | None,
    last_modified: str | None,
    timeout: float = 15,
) -> FeedFetch:
    """GET a feed with If-None-Match / If-Modified-Since; a 304 comes back as ``not_modified``."""
    headers = {"Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    response = http_get(
        session, url, label=f"feed {url}", timeout=timeout, headers=headers, ok_statuses=(304,)
    )
    with response:
        if response.status_code == 304:
            # A 304 may omit the validators; keep the ones we sent so the next poll is conditional too.
            return FeedFetch(
                status=304,
                body=None,
                etag=response.headers.get("ETag") or etag,
                last_modified=response.headers.get("Last-Modified") or last_modified,
                not_modified=True,
            )
        return FeedFetch(
            status=response.status_code,
            body=response.content,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            not_modified=False,
        )


def parse_feed(data: bytes, *, source: str, base_url: str | None = None) -> FeedParse:
    """Every item of an RSS, Atom or JSON Feed document as Articles, with a list of problems.

    Relative URLs resolve against ``base_url`` (else the feed's own link). A document that is
    not a feed at all raises ``IntakeError``; one broken item is reported and skipped.
    """
    label = f"feed {source}"
    if is_json_feed(data):
        title, items, language, link = read_json_feed(data, label=label)
        return collect(
            items, source=source, base=base_url or link, language=language, title=title, problems=[]
        )
    parsed, problems = _feedparse(data)
    _refuse_non_feed(parsed, label, data)
    feed = parsed.feed
    link = feed.get("link") or None
    result = collect(
        [_rss_item(entry) for entry in parsed.entries],
        source=source,
        base=base_url or link,
        language=language_code(feed.get("language")),
        title=clean_text(feed.get("title")),
        problems=problems,
    )
    exc = parsed.get("bozo_exception")
    if not result.articles and parsed.get("bozo") and not isinstance(exc, _HARMLESS_BOZO):
        # Broken XML that yielded nothing usable is a broken feed, not an empty one.
        raise IntakeError(label, f"not a usable feed ({_bozo_text(exc, data)})")
    return result


def _feedparse(data: bytes) -> tuple[Any, list[str]]:
    """feedparser's reading, plus the one encoding repair it cannot make for Turkish text."""
    parsed = feedparser.parse(data)
    problems: list[str] = []
    exc = parsed.get("bozo_exception")
    if isinstance(exc, feedparser.CharacterEncodingOverride) and parsed.get("encoding") in (
        "windows-1252",
        "iso-8859-1",
    ):
        if _TURKISH_IN_1252.search(data.decode("cp1252", errors="replace")):
            text = data.decode("cp1254", errors="replace").encode("utf-8")
            parsed = feedparser.parse(
                b'<?xml version="1.0" encoding="utf-8"?>' + _XML_DECL.sub(b"", text)
            )
            problems.append(f"{_decl_text(exc)}; read as windows-1254 (Turkish) instead")
        else:
            problems.append(f"{_decl_text(exc)}; read as {parsed.get('encoding')}")
    elif isinstance(exc, feedparser.CharacterEncodingOverride):
        problems.append(_decl_text(exc))
    elif parsed.get("bozo") and parsed.entries and not isinstance(exc, _HARMLESS_BOZO):
        problems.append(f"feed is not well-formed ({_bozo_text(exc, data)}); read leniently")
    return parsed, problems


def _decl_text(exc: Exception) -> str:
    return clean_text(str(exc)) or "wrong character encoding declared"


def _refuse_non_feed(parsed: Any, label: str, data: bytes) -> None:
    if parsed.entries:
        return
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(exc, _HARMLESS_BOZO):
        raise IntakeError(label, f"not a feed ({_bozo_text(exc, data)})")
    if not parsed.get("version"):
        raise IntakeError(label, "not a feed (no RSS, Atom or JSON Feed found)")


def _bozo_text(exc: Any, data: bytes) -> str:
    line = getattr(exc, "getLineNumber", None)
    message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
    if callable(line) and line():
        # feedparser prepends an XML declaration line when the document has none.
        shift = 0 if data.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml") else 1
        return f"malformed XML at line {max(1, line() - shift)}: {message}"
    return f"malformed XML: {message}" if message else "malformed XML"


def _rss_item(entry: Any) -> FeedItem:
    # dict.get bypasses feedparser's deprecated updated->published fallback mapping.
    published = dict.get(entry, "published_parsed")
    updated = dict.get(entry, "updated_parsed")
    author_detail = dict.get(entry, "author_detail") or {}
    content = dict.get(entry, "content") or []
    return FeedItem(
        link=dict.get(entry, "link"),
        guid=dict.get(entry, "id"),
        title=dict.get(entry, "title") or "",
        summary=dict.get(entry, "summary") or (content[0].get("value", "") if content else ""),
        image=_entry_image(entry),
        published_at=_struct_time(published or updated),
        modified_at=_struct_time(updated),
        categories=[t.get("term") or t.get("label") or "" for t in dict.get(entry, "tags") or []],
        author=author_detail.get("name") or dict.get(entry, "author"),
    )


def _struct_time(value: time.struct_time | None) -> datetime | None:
    # feedparser gives struct_time already converted to UTC.
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _looks_like_image(url: str, medium: str | None, mime: str | None) -> bool:
    if medium:
        return medium == "image"
    if mime:
        return mime.startswith("image/")
    return url.lower().split("?", 1)[0].endswith(_IMAGE_EXTENSIONS)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _entry_image(entry: Any) -> ArticleImage | None:
    """The item's photo: the widest media:content image, else media:thumbnail, else an image enclosure."""
    credits = dict.get(entry, "media_credit") or []
    credit = clean_text(credits[0].get("content")) if credits else None
    contents = [
        m
        for m in dict.get(entry, "media_content") or []
        if m.get("url") and _looks_like_image(m["url"], m.get("medium"), m.get("type"))
    ]
    if contents:
        best = max(contents, key=lambda m: _int(m.get("width")) or 0)
        return ArticleImage(
            url=best["url"],
            credit=credit or None,
            width=_int(best.get("width")),
            height=_int(best.get("height")),
        )
    thumbs = [t for t in dict.get(entry, "media_thumbnail") or [] if t.get("url")]
    if thumbs:
        thumb = thumbs[0]
        return ArticleImage(
            url=thumb["url"],
            credit=credit or None,
            width=_int(thumb.get("width")),
            height=_int(thumb.get("height")),
        )
    for link in dict.get(entry, "links") or []:
        href = link.get("href")
        if (
            link.get("rel") == "enclosure"
            and href
            and _looks_like_image(href, None, link.get("type"))
        ):
            return ArticleImage(url=href, credit=credit or None)
    return None


def enrich_image_from_page(
    article: Article, session: requests.Session, timeout: float = 10
) -> tuple[Article, str | None]:
    """Give an image-less article its page's og:image; returns ``(article, problem or None)``."""
    if article.image is not None:
        return article, None
    try:
        html = fetch_page(article.url, session, timeout=timeout)
    except IntakeError as exc:
        return article, f"no photo from the page: {exc}"
    image = page_image(html, url=article.url)
    if image is None:
        return article, f"page {article.url}: no og:image or large image found"
    return replace(article, image=image), None
