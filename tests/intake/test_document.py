"""parse_document: the JSON article document the webhook will accept."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from socialbot.domain import ArticleImage
from socialbot.intake import SCHEMA_DOC, IntakeError, json_schema, parse_document

GOOD: dict[str, Any] = {
    "url": "https://www.example-news.com.tr/defence/s400",
    "title": "S-400 transfer &amp; not on the table",
    "summary": "<p>Military sources said so.</p>",
    "guid": "cms-991",
    "image": {
        "url": "https://cdn.example.com.tr/s400.jpg",
        "caption": "Launchers",
        "credit": "AA",
        "focus": [0.3, 0.6],
    },
    "section": "defence",
    "tags": "S-400, Russia",
    "author": "Zeynep Aydın",
    "language": "en-GB",
    "published_at": "2026-11-24T16:12:00+03:00",
    "modified_at": "2026-11-24T13:20:00",
    "breaking": True,
    "cms_internal": {"ignored": True},
}


def test_full_document() -> None:
    article = parse_document(json.dumps(GOOD).encode(), source="webhook")
    assert article.url == GOOD["url"]
    assert article.title == "S-400 transfer & not on the table"
    assert article.summary == "Military sources said so."
    assert article.guid == "cms-991"
    assert article.image == ArticleImage(
        url="https://cdn.example.com.tr/s400.jpg",
        caption="Launchers",
        credit="AA",
        focus=(0.3, 0.6),
    )
    assert article.tags == ("S-400", "Russia")
    assert article.language == "en"
    assert article.published_at == datetime(2026, 11, 24, 13, 12, tzinfo=UTC)
    assert article.modified_at == datetime(2026, 11, 24, 13, 20, tzinfo=UTC)  # naive = UTC
    assert article.breaking is True
    assert article.source == "webhook"


def test_minimal_document_and_string_image() -> None:
    article = parse_document(
        {"url": "http://e.example/a", "title": "T", "image": "/srv/photos/a.jpg"}, source="x"
    )
    assert article.image == ArticleImage(url="/srv/photos/a.jpg")
    assert (article.summary, article.tags, article.breaking, article.published_at) == (
        "",
        (),
        False,
        None,
    )


def test_relative_image_resolves_against_the_document_file() -> None:
    article = parse_document(
        {"url": "https://e.example/a", "title": "T", "image": "photos/a.jpg"},
        source="/data/in/a.json",
        base_url="file:///data/in/a.json",
    )
    assert article.image is not None
    assert article.image.url == "file:///data/in/photos/a.jpg"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"url": "/relative/path"}, "invalid url: must be an absolute http(s) URL"),
        ({"url": "ftp://e.example/a"}, "invalid url: must be an absolute http(s) URL"),
        ({"title": "  <b> </b> "}, "invalid title: must not be empty"),
        ({"title": None}, "invalid title: Input should be a valid string"),
        ({"published_at": "yesterday"}, "invalid published_at:"),
        ({"image": {"url": "a.jpg", "focus": [1.5, 0]}}, "image."),
        ({"language": "??"}, "invalid language: must be a language code"),
        ({"breaking": "perhaps"}, "invalid breaking:"),
    ],
)
def test_invalid_fields_are_named(change: dict[str, Any], expected: str) -> None:
    with pytest.raises(IntakeError) as caught:
        parse_document({**GOOD, **change}, source="hook.json")
    message = str(caught.value)
    assert message.startswith("document hook.json: invalid ")
    assert expected in message
    assert "\n" not in message


def test_missing_fields_are_named_together() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_document({"summary": "x"}, source="hook.json")
    assert (
        str(caught.value)
        == "document hook.json: invalid url: Field required; title: Field required"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"url": ', "not valid JSON (line 1 column 9"),
        (b"[1, 2]", "expected a JSON object, got list"),
        (b"\xff\xfe\x00", "not"),
    ],
)
def test_not_a_document(data: bytes, expected: str) -> None:
    with pytest.raises(IntakeError, match=r"^document d\.json: ") as caught:
        parse_document(data, source="d.json")
    assert expected in str(caught.value)


def test_schema_doc_and_json_schema_list_every_field() -> None:
    schema = json_schema()
    assert set(schema["required"]) == {"url", "title"}
    for name in schema["properties"]:
        assert f"`{name}`" in SCHEMA_DOC
