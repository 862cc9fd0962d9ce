"""JSON-LD in article pages: lenient loading and the NewsArticle/Article fields we use."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from socialbot.domain import ArticleImage
from socialbot.intake.clean import clean_text
from socialbot.intake.urls import resolve

_COMMENT = re.compile(r"<!--|-->")
_CDATA = re.compile(r"<!\[CDATA\[|\]\]>")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_EXTRA_TYPES = frozenset({"BlogPosting", "LiveBlogPosting", "Report", "SocialMediaPosting"})


@dataclass
class LdArticle:
    """The fields of one JSON-LD article object that intake reads (all optional)."""

    headline: str | None = None
    description: str | None = None
    image: ArticleImage | None = None
    published: str | None = None
    modified: str | None = None
    sections: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    author: str | None = None
    language: str | None = None
    url: str | None = None


def load_lenient(text: str) -> list[Any]:
    """JSON values in a ld+json script, forgiving comments, CDATA, trailing commas, raw newlines."""
    text = _CDATA.sub("", _COMMENT.sub("", text)).strip().rstrip(";")
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        values = _decode_all(candidate)
        if values:
            return values
    return []


def _decode_all(text: str) -> list[Any]:
    # Some CMSs put several objects one after another in one script tag.
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    pos = 0
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text):
            break
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            return values
        values.append(value)
    return values


def _is_article(obj: dict[str, Any]) -> bool:
    kinds = obj.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(n, str) and (n.endswith("Article") or n in _EXTRA_TYPES) for n in names)


def _walk(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    # Articles hide in @graph, in lists, and as a WebPage's mainEntity.
    if depth > 6:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, depth + 1)
    elif isinstance(value, dict):
        if _is_article(value):
            yield value
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "item"):
            if key in value and isinstance(value[key], dict | list):
                yield from _walk(value[key], depth + 1)


def find_article(values: list[Any], base: str) -> LdArticle | None:
    """The first article object among parsed JSON-LD values, read into ``LdArticle``."""
    for obj in _walk(values):
        return _read(obj, base)
    return None


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        return clean_text(value) or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        text = _str(name)
        if text:
            out.append(text)
    return out


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [clean_text(part) for part in value.split(",") if clean_text(part)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _image(value: Any, base: str) -> ArticleImage | None:
    if isinstance(value, list):
        for item in value:
            image = _image(item, base)
            if image:
                return image
        return None
    if isinstance(value, str):
        url = resolve(value, base)
        return ArticleImage(url=url) if url else None
    if isinstance(value, dict):
        url = resolve(_str(value.get("url")) or _str(value.get("contentUrl")), base)
        if not url:
            return None
        credit = _str(value.get("creditText")) or next(
            iter(_names(value.get("copyrightHolder")) + _names(value.get("author"))), None
        )
        return ArticleImage(
            url=url,
            caption=_str(value.get("caption")) or _str(value.get("description")),
            credit=credit,
            width=_dimension(value.get("width")),
            height=_dimension(value.get("height")),
        )
    return None


def _dimension(value: Any) -> int | None:
    if isinstance(value, dict):
        value = value.get("value")
    try:
        return int(str(value).removesuffix("px"))
    except (TypeError, ValueError):
        return None


def _read(obj: dict[str, Any], base: str) -> LdArticle:
    main = obj.get("mainEntityOfPage")
    url = _str(obj.get("url")) or (_str(main.get("@id")) if isinstance(main, dict) else _str(main))
    language = obj.get("inLanguage")
    if isinstance(language, dict):
        language = language.get("name") or language.get("alternateName")
    return LdArticle(
        headline=_str(obj.get("headline")) or _str(obj.get("name")),
        description=_str(obj.get("description")),
        image=_image(obj.get("image"), base),
        published=_str(obj.get("datePublished")),
        modified=_str(obj.get("dateModified")),
        sections=_strings(obj.get("articleSection")),
        keywords=_strings(obj.get("keywords")),
        author=", ".join(_names(obj.get("author"))) or None,
        language=_str(language),
        url=resolve(url, base),
    )
