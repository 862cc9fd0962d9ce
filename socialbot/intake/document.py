"""The JSON article document: what a CMS webhook (or a JSON file) hands socialbot."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from socialbot.domain import Article, ArticleImage
from socialbot.intake.clean import as_utc, clean_text, language_code, unique
from socialbot.intake.errors import IntakeError
from socialbot.intake.urls import is_http, resolve

Fraction = Annotated[float, Field(ge=0.0, le=1.0)]


class ImageDocument(BaseModel):
    """The lead photo with its caption, credit and focus point (fractions of width, height)."""

    model_config = ConfigDict(extra="ignore")

    url: str = Field(min_length=1, description="http(s) URL, file:// URL or local path")
    caption: str | None = None
    credit: str | None = None
    focus: tuple[Fraction, Fraction] | None = None


class ArticleDocument(BaseModel):
    """One article as JSON. Unknown fields are ignored so CMSs can send their whole record."""

    model_config = ConfigDict(extra="ignore")

    url: str = Field(description="absolute http(s) URL of the published article")
    title: str = Field(description="the headline; must not be empty after HTML is removed")
    summary: str = ""
    guid: str | None = None
    image: str | ImageDocument | None = None
    section: str | None = None
    tags: list[str] = Field(default_factory=list)
    author: str | None = None
    language: str = "en"
    published_at: datetime | None = None
    modified_at: datetime | None = None
    breaking: bool = False

    @field_validator("url")
    @classmethod
    def _absolute_http(cls, value: str) -> str:
        value = value.strip()
        if not is_http(value):
            raise ValueError("must be an absolute http(s) URL")
        return value

    @field_validator("title")
    @classmethod
    def _headline(cls, value: str) -> str:
        value = clean_text(value)
        if not value:
            raise ValueError("must not be empty")
        return value

    @field_validator("tags", mode="before")
    @classmethod
    def _comma_tags(cls, value: Any) -> Any:
        # CMSs often send tags as one comma-separated string.
        return [t for t in value.split(",")] if isinstance(value, str) else value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        code = language_code(value)
        if code is None:
            raise ValueError("must be a language code such as 'en' or 'tr'")
        return code


def parse_document(
    data: bytes | str | dict[str, Any], *, source: str, base_url: str | None = None
) -> Article:
    """An Article from a JSON article document; any problem raises one-line ``IntakeError``.

    A relative image path resolves against ``base_url`` (the document file's file:// URL).
    """
    label = f"document {source}"
    raw: Any = data
    if isinstance(data, bytes | str):
        try:
            raw = json.loads(data)
        except UnicodeDecodeError as exc:
            raise IntakeError(label, f"not UTF-8 JSON ({exc.reason})") from exc
        except json.JSONDecodeError as exc:
            raise IntakeError(
                label, f"not valid JSON (line {exc.lineno} column {exc.colno}: {exc.msg})"
            ) from exc
    if not isinstance(raw, dict):
        raise IntakeError(label, f"expected a JSON object, got {type(raw).__name__}")
    try:
        doc = ArticleDocument.model_validate(raw)
    except ValidationError as exc:
        raise IntakeError(label, "invalid " + _describe(exc)) from exc
    return _article(doc, source=source, base_url=base_url)


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        field = ".".join(str(p) for p in error["loc"]) or "document"
        message = error["msg"].removeprefix("Value error, ")
        parts.append(f"{field}: {message}")
    return "; ".join(unique(parts))


def _image(value: str | ImageDocument | None, base_url: str | None) -> ArticleImage | None:
    if value is None:
        return None
    doc = ImageDocument(url=value) if isinstance(value, str) else value
    url = doc.url.strip()
    if base_url and "://" not in url and not Path(url).is_absolute():
        url = resolve(url, base_url) or url
    return ArticleImage(
        url=url,
        caption=clean_text(doc.caption) or None,
        credit=clean_text(doc.credit) or None,
        focus=doc.focus,
    )


def _article(doc: ArticleDocument, *, source: str, base_url: str | None) -> Article:
    tags = unique([clean_text(t) for t in doc.tags])
    return Article(
        url=doc.url,
        title=doc.title,
        summary=clean_text(doc.summary),
        guid=clean_text(doc.guid) or None,
        image=_image(doc.image, base_url),
        section=clean_text(doc.section) or None,
        tags=tuple(tags),
        author=clean_text(doc.author) or None,
        language=doc.language,
        published_at=as_utc(doc.published_at) if doc.published_at else None,
        modified_at=as_utc(doc.modified_at) if doc.modified_at else None,
        breaking=doc.breaking,
        source=source,
    )


def json_schema() -> dict[str, Any]:
    """JSON Schema of the article document (for the webhook's docs and for CMS developers)."""
    return ArticleDocument.model_json_schema()


SCHEMA_DOC = """\
| field | type | required | meaning |
|---|---|---|---|
| `url` | string | yes | absolute http(s) URL of the published article; the identity when `guid` is absent |
| `title` | string | yes | the headline; HTML and entities are removed, must not end up empty |
| `summary` | string | no | one to three sentences (standfirst); HTML is removed |
| `guid` | string | no | the CMS's stable id; a later document with the same `guid` updates the article |
| `image` | string or object | no | photo URL (http(s), `file://` or a local path), or `{"url", "caption", "credit", "focus": [x, y]}` with `focus` as fractions 0..1 of width and height |
| `section` | string | no | newsroom section, e.g. `defence`, `politics`, `economy` |
| `tags` | list of strings | no | topic tags (a comma-separated string is also accepted) |
| `author` | string | no | byline |
| `language` | string | no | language code, default `en` (`en-US` is read as `en`) |
| `published_at` | string | no | ISO 8601 time; without an offset it is taken as UTC |
| `modified_at` | string | no | ISO 8601 time of the last update; without an offset it is taken as UTC |
| `breaking` | boolean | no | breaking news: default `false` |

Unknown fields are ignored. An invalid document is refused with one line naming the field(s), e.g.
`document hook.json: invalid url: must be an absolute http(s) URL; title: must not be empty`.
"""
