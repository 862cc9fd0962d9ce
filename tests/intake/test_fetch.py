"""fetch_feed (conditional GET) and enrich_image_from_page, with HTTP mocked by responses."""

from __future__ import annotations

import pytest
import requests
import responses
from responses import matchers

from socialbot.domain import Article, ArticleImage
from socialbot.intake import IntakeError, enrich_image_from_page, fetch_feed

FEED_URL = "https://news.example.com.tr/rss.xml"
RSS = b'<rss version="2.0"><channel><title>x</title></channel></rss>'


@responses.activate
def test_conditional_get_200_then_304(session: requests.Session) -> None:
    responses.get(
        FEED_URL,
        body=RSS,
        headers={"ETag": '"v1"', "Last-Modified": "Tue, 24 Nov 2026 10:00:00 GMT"},
    )
    first = fetch_feed(FEED_URL, session, etag=None, last_modified=None)
    assert (first.status, first.body, first.not_modified) == (200, RSS, False)
    assert first.etag == '"v1"'
    assert first.last_modified == "Tue, 24 Nov 2026 10:00:00 GMT"
    assert "If-None-Match" not in responses.calls[0].request.headers
    assert "application/rss+xml" in responses.calls[0].request.headers["Accept"]

    responses.replace(
        responses.GET,
        FEED_URL,
        status=304,
        match=[
            matchers.header_matcher(
                {"If-None-Match": '"v1"', "If-Modified-Since": "Tue, 24 Nov 2026 10:00:00 GMT"},
                strict_match=False,
            )
        ],
    )
    second = fetch_feed(FEED_URL, session, etag=first.etag, last_modified=first.last_modified)
    assert second.not_modified is True
    assert second.status == 304
    assert second.body is None
    # The validators are kept for the next poll even when the 304 does not repeat them.
    assert (second.etag, second.last_modified) == (first.etag, first.last_modified)


@responses.activate
def test_http_error_names_the_url(session: requests.Session) -> None:
    responses.get(FEED_URL, status=503)
    with pytest.raises(IntakeError) as caught:
        fetch_feed(FEED_URL, session, etag=None, last_modified=None)
    assert str(caught.value) == f"feed {FEED_URL}: HTTP 503 Service Unavailable"


@responses.activate
def test_network_errors_are_intake_errors(session: requests.Session) -> None:
    responses.get(FEED_URL, body=requests.ConnectionError("Name or service not known"))
    with pytest.raises(
        IntakeError, match=rf"^feed {FEED_URL}: could not connect \(Name or service"
    ):
        fetch_feed(FEED_URL, session, etag=None, last_modified=None)
    responses.replace(responses.GET, FEED_URL, body=requests.ReadTimeout("slow"))
    with pytest.raises(IntakeError, match=r"timed out after 2 s$"):
        fetch_feed(FEED_URL, session, etag=None, last_modified=None, timeout=2)


ARTICLE = Article(url="https://news.example.com.tr/defence/a", title="A")


@responses.activate
def test_enrich_takes_og_image(session: requests.Session) -> None:
    responses.get(
        ARTICLE.url,
        body=b'<html><head><meta property="og:image" content="/img/a.jpg"></head></html>',
    )
    enriched, problem = enrich_image_from_page(ARTICLE, session)
    assert problem is None
    assert enriched.image == ArticleImage(url="https://news.example.com.tr/img/a.jpg")
    assert enriched.title == ARTICLE.title


@responses.activate
def test_enrich_failure_leaves_article_and_reports(session: requests.Session) -> None:
    responses.get(ARTICLE.url, status=500)
    same, problem = enrich_image_from_page(ARTICLE, session)
    assert same is ARTICLE
    assert problem is not None and "HTTP 500" in problem and ARTICLE.url in problem


@responses.activate
def test_enrich_page_without_image_reports(session: requests.Session) -> None:
    responses.get(ARTICLE.url, body=b"<html><head><title>A</title></head></html>")
    same, problem = enrich_image_from_page(ARTICLE, session)
    assert same.image is None
    assert problem == f"page {ARTICLE.url}: no og:image or large image found"


def test_enrich_skips_articles_that_have_a_photo(session: requests.Session) -> None:
    with_photo = Article(url=ARTICLE.url, title="A", image=ArticleImage(url="https://x/y.jpg"))
    # No HTTP is mocked: a request would fail, so returning unchanged proves none was made.
    assert enrich_image_from_page(with_photo, session) == (with_photo, None)
