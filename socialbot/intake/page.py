"""Article pages: headline, photo, times and labels from OpenGraph, Twitter cards and JSON-LD."""

from __future__ import annotations

import re
from collections import defaultdict

import lxml.html
import requests
from lxml.etree import ParserError, XMLSyntaxError

from socialbot.domain import Article, ArticleImage
from socialbot.intake.clean import (
    clean_text,
    language_code,
    parse_datetime,
    split_breaking,
    truncate,
    unique,
)
from socialbot.intake.errors import IntakeError
from socialbot.intake.items import SUMMARY_LIMIT
from socialbot.intake.jsonld import LdArticle, find_article, load_lenient
from socialbot.intake.net import http_get
from socialbot.intake.urls import resolve

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_LARGE_IMAGE = 400
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")

Meta = dict[str, list[str]]


def fetch_page(url: str, session: requests.Session, timeout: float = 15) -> bytes:
    """The raw bytes of an article page; failures raise ``IntakeError`` naming the URL."""
    response = http_get(
        session,
        url,
        label=f"page {url}",
        timeout=timeout,
        headers={"Accept": "text/html,*/*;q=0.8"},
    )
    with response:
        return response.content


def decode_html(data: bytes | str) -> str:
    """Page bytes as text: BOM, then ``<meta charset>``, then UTF-8, then windows-1254."""
    if isinstance(data, str):
        return data
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        # Valid UTF-8 with non-ASCII bytes is almost never anything else, whatever the page says.
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("cp1254", errors="replace")  # the newsroom's legacy pages are Turkish


def _parse(html: bytes | str, label: str) -> lxml.html.HtmlElement:
    text = decode_html(html)
    # lxml refuses str input that carries an XML encoding declaration.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        return lxml.html.document_fromstring(text)
    except (ParserError, XMLSyntaxError, ValueError) as exc:
        raise IntakeError(label, f"not an HTML page ({exc})") from exc


def _meta(doc: lxml.html.HtmlElement) -> Meta:
    found: Meta = defaultdict(list)
    for el in doc.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content and content.strip():
            found[key.strip().lower()].append(content.strip())
    return found


def _first(meta: Meta, *keys: str) -> str | None:
    for key in keys:
        for value in meta.get(key, []):
            text = clean_text(value)
            if text:
                return text
    return None


def _json_ld(doc: lxml.html.HtmlElement, base: str) -> LdArticle | None:
    values = []
    for script in doc.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            values.extend(load_lenient(script.text))
    return find_article(values, base)


def _base(doc: lxml.html.HtmlElement, url: str) -> str:
    for el in doc.iter("base"):
        href = el.get("href")
        if href:
            return resolve(href, url) or url
    return url


def _link(doc: lxml.html.HtmlElement, rel: str) -> str | None:
    for el in doc.iter("link"):
        if rel in (el.get("rel") or "").lower().split() and el.get("href"):
            return el.get("href")
    return None


def _int(value: str | None) -> int | None:
    try:
        return int(str(value).strip().removesuffix("px"))
    except (TypeError, ValueError):
        return None


def _figure_text(doc: lxml.html.HtmlElement, src: str) -> tuple[str | None, str | None]:
    """Caption and credit from the ``<figure>`` around an ``<img>`` with this src, if any."""
    for img in doc.iter("img"):
        if img.get("src") != src:
            continue
        figure = next((a for a in img.iterancestors() if a.tag == "figure"), None)
        caption_el = figure.find(".//figcaption") if figure is not None else None
        if caption_el is None:
            return None, None
        credit_el = next(
            (e for e in caption_el.iter() if "credit" in (e.get("class") or "").lower()), None
        )
        credit = clean_text(credit_el.text_content()) if credit_el is not None else None
        if credit_el is not None:
            credit_el.drop_tree()
        return clean_text(caption_el.text_content()) or None, credit or None
    return None, None


def _image(
    doc: lxml.html.HtmlElement, meta: Meta, ld: LdArticle | None, base: str
) -> ArticleImage | None:
    """The lead photo: og:image, twitter:image, JSON-LD image, image_src, then page images."""
    raw = _first(meta, "og:image:secure_url", "og:image:url", "og:image")
    raw = raw or _first(meta, "twitter:image", "twitter:image:src")
    ld_image = ld.image if ld else None
    if raw is None and ld_image is not None:
        return ld_image
    raw = raw or _link(doc, "image_src")
    width = _int(_first(meta, "og:image:width"))
    height = _int(_first(meta, "og:image:height"))
    if raw is None:
        images = [img for img in doc.iter("img") if (img.get("src") or "").strip()]
        large = [img for img in images if (_int(img.get("width")) or 0) >= _LARGE_IMAGE]
        chosen = (large or images or [None])[0]
        if chosen is None:
            return None
        raw = chosen.get("src", "").strip()
        width, height = _int(chosen.get("width")), _int(chosen.get("height"))
    url = resolve(raw, base)
    if not url:
        return None
    caption, credit = _figure_text(doc, raw)
    same_ld = ld_image is not None and ld_image.url == url
    return ArticleImage(
        url=url,
        caption=caption or (ld_image.caption if same_ld and ld_image else None),
        credit=credit or (ld_image.credit if same_ld and ld_image else None),
        width=width,
        height=height,
    )


def page_image(html: bytes | str, *, url: str) -> ArticleImage | None:
    """Just the lead photo of a page (for feed items that came without one)."""
    doc = _parse(html, f"page {url}")
    base = _base(doc, url)
    return _image(doc, _meta(doc), _json_ld(doc, base), base)


def _strip_site_name(title: str, site: str | None) -> str:
    if not site:
        return title
    for sep in _TITLE_SEPARATORS:
        if title.endswith(sep + site):
            return title[: -len(sep + site)].strip()
        if title.startswith(site + sep):
            return title[len(site + sep) :].strip()
    return title


def _text_of(doc: lxml.html.HtmlElement, tag: str) -> str | None:
    for el in doc.iter(tag):
        text = clean_text(el.text_content())
        if text:
            return text
    return None


def extract_page(html: bytes | str, *, url: str) -> Article:
    """An Article from an article page's metadata, with fallbacks; no headline raises ``IntakeError``."""
    label = f"page {url}"
    doc = _parse(html, label)
    base = _base(doc, url)
    meta = _meta(doc)
    ld = _json_ld(doc, base)
    site = _first(meta, "og:site_name")
    title = (
        _first(meta, "og:title", "twitter:title")
        or (ld.headline if ld else None)
        or _strip_site_name(_text_of(doc, "title") or "", site)
        or _text_of(doc, "h1")
    )
    if not title:
        raise IntakeError(
            label, "no headline found (no og:title, JSON-LD headline, <title> or <h1>)"
        )
    summary = (
        _first(meta, "og:description", "twitter:description")
        or (ld.description if ld else None)
        or _first(meta, "description")
        or next((t for p in doc.iter("p") if len(t := clean_text(p.text_content())) >= 80), "")
    )
    canonical = resolve(
        _link(doc, "canonical") or _first(meta, "og:url") or (ld.url if ld else None), base
    )
    published = parse_datetime(
        _first(meta, "article:published_time", "datepublished", "pubdate", "date", "dc.date.issued")
        or (ld.published if ld else None)
        or _time_datetime(doc)
    )
    modified = parse_datetime(
        _first(meta, "article:modified_time", "og:updated_time", "datemodified")
        or (ld.modified if ld else None)
    )
    sections = [s for s in [_first(meta, "article:section")] if s] + (ld.sections if ld else [])
    tags = [clean_text(t) for t in meta.get("article:tag", [])] + (ld.keywords if ld else [])
    tags += [clean_text(t) for v in meta.get("keywords", []) for t in v.split(",")]
    sections, breaking_section = split_breaking(unique(sections))
    tags, breaking_tag = split_breaking(unique(tags))
    author = (ld.author if ld else None) or _first(meta, "author", "article:author", "dc.creator")
    if author and author.startswith(("http://", "https://")):
        author = None  # article:author is often a profile URL, not a name
    language = (
        language_code(doc.get("lang"))
        or language_code(_first(meta, "og:locale"))
        or language_code(ld.language if ld else None)
        or language_code(_first(meta, "content-language"))
    )
    return Article(
        url=canonical or url,
        title=title,
        summary=truncate(summary, SUMMARY_LIMIT),
        image=_image(doc, meta, ld, base),
        section=sections[0] if sections else None,
        tags=tuple(tags),
        author=author,
        language=language or "en",
        published_at=published,
        modified_at=modified,
        breaking=breaking_section or breaking_tag,
        source=url,
    )


def _time_datetime(doc: lxml.html.HtmlElement) -> str | None:
    for el in doc.iter("time"):
        value = el.get("datetime")
        if value:
            return value
    return None
