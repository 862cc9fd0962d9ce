"""What a source is (feed, article page or JSON document) and reading its bytes."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

import requests

from socialbot.intake.errors import IntakeError
from socialbot.intake.jsonfeed import is_json_feed
from socialbot.intake.net import http_get
from socialbot.intake.photos import local_path

SourceKind = Literal["feed", "page", "document"]

_FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
_PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
_FEED_TYPES = ("rss", "atom", "feed+json", "rdf")
_SNIFF_BYTES = 4096


def sniff(data: bytes) -> SourceKind | None:
    """The kind of a document from its first bytes, or None when they do not say."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "feed" if is_json_feed(data) else "document"
    html_at = min(
        (i for i in (head.find(b"<html"), head.find(b"<!doctype html")) if i >= 0), default=-1
    )
    feed_at = min(
        (i for i in (head.find(b"<rss"), head.find(b"<feed"), head.find(b"<rdf:rdf")) if i >= 0),
        default=-1,
    )
    if feed_at >= 0 and (html_at < 0 or feed_at < html_at):
        return "feed"
    if html_at >= 0 or b"<head" in head or b"<body" in head:
        return "page"
    return None


def _by_name(source: str) -> SourceKind | None:
    path = urlsplit(source).path.lower() if "://" in source else source.lower()
    if path.endswith(_FEED_SUFFIXES):
        return "feed"
    if path.endswith(_PAGE_SUFFIXES):
        return "page"
    if path.endswith(".json"):
        return "document"
    return None


def classify(source: str, data: bytes | None = None, content_type: str | None = None) -> SourceKind:
    """Feed, page or document: by content when known (or a local file's head), else by name.

    A ``.json`` file is a document unless it is a JSON Feed; an http URL that says nothing is a page.
    """
    if data is None:
        path = local_path(source)
        if path is not None and path.is_file():
            with path.open("rb") as handle:
                data = handle.read(_SNIFF_BYTES)
    if data is not None:
        kind = sniff(data)
        if kind is not None:
            return kind
    ctype = (content_type or "").lower()
    if any(f"/{t}" in ctype or f"+{t}" in ctype for t in _FEED_TYPES):
        return "feed"
    if "json" in ctype:
        return "document"
    return _by_name(source) or "page"


def read_source(source: str, session: requests.Session) -> tuple[SourceKind, bytes, str]:
    """``(kind, bytes, base_url)`` of a URL or file; the base URL resolves its relative links."""
    path = local_path(source)
    if path is not None:
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise IntakeError(f"source {source}", "no such file") from exc
        except IsADirectoryError as exc:
            raise IntakeError(f"source {source}", "is a directory, not a file") from exc
        except OSError as exc:
            raise IntakeError(f"source {source}", f"cannot read ({exc.strerror})") from exc
        return classify(source, data), data, path.resolve().as_uri()
    if urlsplit(source).scheme not in ("http", "https"):
        raise IntakeError(f"source {source}", "not an http(s) URL or a file")
    response = http_get(session, source, label=f"source {source}", timeout=15)
    with response:
        data = response.content
        kind = classify(source, data, response.headers.get("Content-Type"))
        return kind, data, response.url or source
