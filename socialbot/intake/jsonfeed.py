"""JSON Feed 1.0/1.1 (jsonfeed.org): feedparser does not read it, so it is read here."""

from __future__ import annotations

import json
from typing import Any

from socialbot.domain import ArticleImage
from socialbot.intake.clean import clean_text, language_code, parse_datetime
from socialbot.intake.errors import IntakeError
from socialbot.intake.items import FeedItem


def is_json_feed(data: bytes) -> bool:
    """True when ``data`` looks like a JSON Feed (a JSON object naming a jsonfeed.org version)."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    return head.startswith(b"{") and b"jsonfeed.org" in head


def read_json_feed(
    data: bytes, *, label: str
) -> tuple[str, list[FeedItem], str | None, str | None]:
    """``(title, items, language, home_page_url)`` of a JSON Feed; bad JSON raises ``IntakeError``."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise IntakeError(label, f"not a feed (JSON Feed is not UTF-8: {exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise IntakeError(
            label, f"not a feed (malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg})"
        ) from exc
    if not isinstance(doc, dict) or "jsonfeed.org" not in str(doc.get("version", "")):
        raise IntakeError(label, "not a feed (JSON without a jsonfeed.org version)")
    raw_items = doc.get("items")
    if not isinstance(raw_items, list):
        raise IntakeError(label, "not a feed (JSON Feed without an items list)")
    # An item that is not an object becomes an empty one, so the problem list still names it.
    items = [_item(raw) if isinstance(raw, dict) else FeedItem() for raw in raw_items]
    home = doc.get("home_page_url") if isinstance(doc.get("home_page_url"), str) else None
    lang = doc.get("language") if isinstance(doc.get("language"), str) else None
    return clean_text(_text(doc.get("title"))), items, language_code(lang), home


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _item(raw: dict[str, Any]) -> FeedItem:
    tags = raw.get("tags")
    return FeedItem(
        link=_text(raw.get("url")) or _text(raw.get("external_url")),
        guid=None if raw.get("id") is None else str(raw.get("id")),
        title=_text(raw.get("title")) or "",
        summary=_text(raw.get("summary"))
        or _text(raw.get("content_text"))
        or _text(raw.get("content_html"))
        or "",
        image=_image(raw),
        published_at=parse_datetime(_text(raw.get("date_published"))),
        modified_at=parse_datetime(_text(raw.get("date_modified"))),
        categories=[t for t in tags if isinstance(t, str)] if isinstance(tags, list) else [],
        author=_author(raw),
    )


def _image(raw: dict[str, Any]) -> ArticleImage | None:
    url = _text(raw.get("image")) or _text(raw.get("banner_image"))
    if not url:
        for attachment in raw.get("attachments") or []:
            if isinstance(attachment, dict) and str(attachment.get("mime_type", "")).startswith(
                "image/"
            ):
                url = _text(attachment.get("url"))
                break
    return ArticleImage(url=url) if url else None


def _author(raw: dict[str, Any]) -> str | None:
    authors = raw.get("authors")
    if not isinstance(authors, list):
        authors = [raw.get("author")]  # JSON Feed 1.0 had one author object
    names = [a["name"] for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)]
    return ", ".join(names) or None
