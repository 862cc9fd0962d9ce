"""classify and read_source: what a source is, from its name and its first bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
import responses

from socialbot.intake import IntakeError, classify, read_source
from socialbot.intake.sources import sniff

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "intake"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("messy.rss.xml", "feed"),
        ("atom.xml", "feed"),
        ("feed.json", "feed"),
        ("page-graph.html", "page"),
        ("page-bare.html", "page"),
    ],
)
def test_fixture_files(name: str, kind: str) -> None:
    assert classify(str(FIXTURES / name)) == kind


def test_by_content_not_name(tmp_path: Path) -> None:
    disguised = tmp_path / "latest"  # no extension: the content decides
    disguised.write_bytes(b'\xef\xbb\xbf\n<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"></rdf:RDF>')
    assert classify(str(disguised)) == "feed"
    doc = tmp_path / "article.json"
    doc.write_text('{"url": "https://e.example/a", "title": "T"}')
    assert classify(str(doc)) == "document"


def test_by_name_when_content_is_unknown() -> None:
    assert classify("https://e.example/rss/latest.xml") == "feed"
    assert classify("https://e.example/feed.atom") == "feed"
    assert classify("https://e.example/a.json") == "document"
    assert classify("https://e.example/news/a-story") == "page"


def test_sniff() -> None:
    assert sniff(b"<!DOCTYPE html><html><head></head></html>") == "page"
    assert sniff(b"<html><body><pre>&lt;rss&gt;</pre></body></html>") == "page"
    assert sniff(b'  <feed xmlns="http://www.w3.org/2005/Atom">') == "feed"
    assert sniff(b"hello") is None


@responses.activate
def test_read_http_source_sniffs_content() -> None:
    responses.get(
        "https://e.example/news", body=b'<rss version="2.0"></rss>', content_type="text/html"
    )
    responses.get(
        "https://e.example/story", body=b"<!doctype html><html></html>", content_type="text/html"
    )
    responses.get("https://e.example/x", body=b"?", content_type="application/atom+xml")
    with requests.Session() as session:
        assert read_source("https://e.example/news", session) == (
            "feed",
            b'<rss version="2.0"></rss>',
            "https://e.example/news",
        )
        assert read_source("https://e.example/story", session)[0] == "page"
        assert read_source("https://e.example/x", session)[0] == "feed"
        assert len(responses.calls) == 3  # fetched once each


def test_read_file_source_gives_file_base_url(session: requests.Session) -> None:
    path = FIXTURES / "atom.xml"
    kind, data, base = read_source(str(path), session)
    assert (kind, data, base) == ("feed", path.read_bytes(), path.resolve().as_uri())


def test_missing_file_and_bad_scheme(tmp_path: Path, session: requests.Session) -> None:
    with pytest.raises(IntakeError, match=r"^source .*nope\.xml: no such file$"):
        read_source(str(tmp_path / "nope.xml"), session)
    with pytest.raises(IntakeError, match="not an http"):
        read_source("gopher://e.example/a", session)
