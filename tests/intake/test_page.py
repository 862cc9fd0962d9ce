"""extract_page: OpenGraph, Twitter cards, JSON-LD (also in @graph and messy) and fallbacks."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import responses

from socialbot.intake import IntakeError, extract_page, fetch_page
from socialbot.intake.page import decode_html, page_image

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "intake"


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_json_ld_inside_graph_with_messy_json() -> None:
    article = extract_page(_read("page-graph.html"), url="https://www.example-news.com.tr/x?id=1")
    assert article.title == "Iğdır border gate to Nakhchivan opens round the clock"
    assert article.summary == "The crossing will stay open 24 hours a day to ease truck queues."
    # mainEntityOfPage is relative: it resolves against <base href>.
    assert article.url == "https://www.example-news.com.tr/world/igdir-border-gate"
    assert article.image is not None
    assert article.image.url == "https://www.example-news.com.tr/images/igdir-gate.jpg"
    assert article.image.caption == "Trucks wait at the gate."
    assert article.image.credit == "AA"
    assert (article.image.width, article.image.height) == (1600, 900)
    assert article.published_at == datetime(2026, 11, 6, 5, 15, tzinfo=UTC)
    assert article.modified_at == datetime(2026, 11, 6, 9, 0, tzinfo=UTC)  # naive: taken as UTC
    assert article.section == "world"
    assert article.tags == ("Iğdır", "Nakhchivan", "trade")
    assert article.author == "Deniz Arslan, Mert Kaya"
    assert article.language == "en"


def test_page_without_metadata_uses_fallbacks() -> None:
    url = "https://ornek.example.com.tr/kultur/kutuphane"
    article = extract_page(_read("page-bare.html"), url=url)
    assert article.title == "Kadıköy'de yeni kütüphane açıldı - Örnek Haber"
    assert article.url == url
    assert article.summary.startswith("Kadıköy belediyesi, 40 bin kitaplık")
    assert article.language == "tr"
    assert article.published_at is None
    # The first image at least 400 px wide, not the logo; its figure gives caption and credit.
    assert article.image is not None
    assert article.image.url == "https://ornek.example.com.tr/kultur/photos/library.jpg"
    assert article.image.caption == "Readers at the new library."
    assert article.image.credit == "Photo: Ali Veli"
    assert article.image.width == 1200


def test_title_drops_the_site_name_when_og_site_name_says_it() -> None:
    html = (
        '<html><head><meta property="og:site_name" content="Example News">'
        "<title>Budget passes | Example News</title></head></html>"
    )
    assert extract_page(html, url="https://e.example/a").title == "Budget passes"


def test_twitter_card_only_page() -> None:
    article = extract_page(_read("page-twitter.html"), url="https://e.example.com.tr/lira")
    assert article.title == "Lira steadies after & central bank decision"
    assert article.summary == "Markets calmed on Friday."
    assert article.image is not None
    assert article.image.url == "https://cdn.example.com.tr/lira.jpg"
    assert article.language == "tr"
    assert article.tags == ("economy", "lira", "markets")
    assert article.breaking is True
    assert article.author is None  # a profile URL is not a byline
    assert article.published_at == datetime(2026, 11, 13, 14, 45, tzinfo=UTC)


def test_no_headline_raises_one_line() -> None:
    with pytest.raises(IntakeError) as caught:
        extract_page(_read("page-empty.html"), url="https://e.example/empty")
    assert str(caught.value).startswith("page https://e.example/empty: no headline found")
    assert "\n" not in str(caught.value)


def test_page_declared_windows_1254_is_decoded() -> None:
    html = (
        '<html><head><meta charset="windows-1254"><title>Şanlıurfa\'da hasat</title></head></html>'
    )
    article = extract_page(html.encode("cp1254"), url="https://e.example/h")
    assert article.title == "Şanlıurfa'da hasat"
    assert decode_html("İstanbul".encode()) == "İstanbul"


def test_og_image_beats_large_img_and_resolves_relative() -> None:
    html = (
        '<html><head><meta property="og:image" content="/og.jpg"></head>'
        '<body><img src="/big.jpg" width="2000"></body></html>'
    )
    image = page_image(html, url="https://e.example/news/a")
    assert image is not None
    assert image.url == "https://e.example/og.jpg"


@responses.activate
def test_fetch_page_errors_name_the_url(session) -> None:  # type: ignore[no-untyped-def]
    responses.get("https://e.example/ok", body=b"<html></html>")
    responses.get("https://e.example/gone", status=404)
    assert fetch_page("https://e.example/ok", session) == b"<html></html>"
    with pytest.raises(IntakeError, match=r"^page https://e.example/gone: HTTP 404 Not Found$"):
        fetch_page("https://e.example/gone", session)
