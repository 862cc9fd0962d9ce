"""parse_feed: RSS 2.0, Atom and JSON Feed, and every kind of bad input a newsroom feed has."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from socialbot.intake import IntakeError, parse_feed

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "intake"


def _parse(name: str, base_url: str | None = None):  # type: ignore[no-untyped-def]
    return parse_feed((FIXTURES / name).read_bytes(), source=name, base_url=base_url)


def test_rss_entities_relative_urls_and_dates() -> None:
    result = _parse("messy.rss.xml")
    assert result.title == "Messy & Co. Feed"
    first = result.articles[0]
    # Double-escaped ampersand, escaped markup and numeric entities all come out as plain text.
    assert first.title == 'Ankara & Baku sign energy deal – "a new era"'
    assert first.summary == "The deal covers gas and power. Second paragraph."
    # Relative link and enclosure resolve against the channel link when no base is given.
    assert first.url == "https://news.example.com.tr/economy/ankara-baku-energy"
    assert first.image is not None
    assert first.image.url == "https://news.example.com.tr/img/ankara-baku.jpg"
    assert first.published_at == datetime(2026, 11, 3, 6, 30, tzinfo=UTC)
    assert first.section == "economy"
    assert first.tags == ("economy", "energy")
    assert first.language == "en"
    assert first.source == "messy.rss.xml"


def test_missing_date_is_none_and_thumbnail_is_the_photo() -> None:
    article = _parse("messy.rss.xml").articles[1]
    assert article.published_at is None
    assert article.modified_at is None
    assert article.image is not None
    assert article.image.url == "https://news.example.com.tr/thumbs/no-date.jpg"
    assert (article.image.width, article.image.height) == (300, 200)


def test_base_url_wins_over_channel_link() -> None:
    result = _parse("messy.rss.xml", base_url="https://mirror.example.net/feeds/rss.xml")
    assert result.articles[0].url == "https://mirror.example.net/economy/ankara-baku-energy"
    assert result.articles[1].image is not None
    assert result.articles[1].image.url == "https://mirror.example.net/feeds/thumbs/no-date.jpg"


def test_duplicates_and_unusable_items_are_reported_not_fatal() -> None:
    result = _parse("messy.rss.xml")
    urls = [a.url for a in result.articles]
    assert urls == [
        "https://news.example.com.tr/economy/ankara-baku-energy",
        "https://news.example.com.tr/world/no-date",
        "https://news.example.com.tr/politics/untitled",
        "https://news.example.com.tr/defence/photos",
    ]
    problems = "\n".join(result.problems)
    assert "item 3 ('Duplicate GUID, second copy'): duplicate GUID 'tr-1'" in problems
    assert "item 4 ('Same URL with tracking'): duplicate URL" in problems
    assert "item 5 ('Lost item'): no link and no GUID; skipped" in problems
    assert "item 7: no title and no summary; skipped" in problems
    assert all("\n" not in p for p in result.problems)


def test_empty_title_falls_back_to_first_sentence_of_summary() -> None:
    article = _parse("messy.rss.xml").articles[2]
    assert article.title == "Şanlıurfa council approves a new water plan for the Harran Plain."
    assert article.summary.endswith("Farmers welcomed it.")


def test_widest_image_wins_and_breaking_category_is_a_flag() -> None:
    article = _parse("messy.rss.xml").articles[3]
    assert article.image is not None
    assert article.image.url == "https://cdn.example.com.tr/large.jpg"
    assert (article.image.width, article.image.height) == (1600, 900)
    assert article.breaking is True
    assert article.tags == ("defence",)
    assert article.section == "defence"


def test_atom() -> None:
    result = _parse("atom.xml")
    assert result.title == "Haberler & Analiz"
    metro, kur = result.articles
    assert metro.url == "https://haber.example.com.tr/sehir/metro-hatti"
    assert metro.title == "İstanbul'da metro hattı açıldı"
    assert metro.summary == "Yeni hat Kadıköy'ü havalimanına bağlıyor."
    assert metro.guid == "urn:example:haber:1"
    assert metro.published_at == datetime(2026, 11, 10, 6, 0, tzinfo=UTC)
    assert metro.modified_at == datetime(2026, 11, 10, 8, 30, tzinfo=UTC)
    assert metro.author == "Ayşe Demir"
    assert metro.section == "Şehir"
    assert metro.language == "tr"
    assert metro.image is not None
    assert metro.image.url == "https://haber.example.com.tr/foto/metro.jpg"
    # Atom requires only <updated>: it stands in for the publication time.
    assert kur.published_at == datetime(2026, 11, 9, 8, 0, tzinfo=UTC)
    assert kur.summary == "Content but no summary."


def test_json_feed() -> None:
    result = _parse("feed.json")
    assert result.title == "Example News JSON"
    drones, partner = result.articles
    assert drones.url == "https://json.example.com.tr/defence/drone-exports"
    assert drones.title == "Drone exports reach & pass record"
    assert drones.image is not None
    assert drones.image.url == "https://json.example.com.tr/img/drone.jpg"
    assert drones.published_at == datetime(2026, 11, 2, 7, 0, tzinfo=UTC)
    assert drones.modified_at == datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    assert drones.section == "defence"
    assert drones.author == "Mert Kaya, Elif Şahin"
    assert drones.language == "en"
    assert partner.url == "https://partner.example.org/world/item"
    assert partner.title == "Only HTML content, no title."
    assert partner.image is not None
    assert partner.image.url == "https://partner.example.org/a.png"
    assert partner.author == "Partner Desk"
    assert result.problems[1:] == [
        "item 3 ('No id and no url'): no link and no GUID; skipped",
        "item 4: no link and no GUID; skipped",
    ]


def test_malformed_feed_raises_one_line_naming_the_source() -> None:
    with pytest.raises(IntakeError) as caught:
        _parse("malformed.xml")
    assert (
        str(caught.value)
        == "feed malformed.xml: not a feed (malformed XML at line 3: mismatched tag)"
    )
    assert caught.value.source == "feed malformed.xml"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<html><body><p>Hello</p></body></html>", "not a feed (no RSS, Atom or JSON Feed found)"),
        (b"plain words", "not a feed (malformed XML at line 1: syntax error)"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": [', "not a feed (malformed JSON"),
        (b'{"version": "https://jsonfeed.org/version/1.1"}', "JSON Feed without an items list"),
    ],
)
def test_not_a_feed(data: bytes, expected: str) -> None:
    with pytest.raises(IntakeError, match=r"^feed bad: ") as caught:
        parse_feed(data, source="bad")
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_empty_but_valid_feed_is_not_an_error() -> None:
    result = parse_feed(
        b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', source="q"
    )
    assert (result.articles, result.problems, result.title) == ([], [], "Quiet")


def test_one_broken_item_does_not_stop_the_good_ones() -> None:
    result = _parse("broken-item.xml")
    titles = [a.title for a in result.articles]
    assert "Good item one" in titles
    assert "Good item three" in titles
    assert any("not well-formed" in p and "line 12" in p for p in result.problems)


TURKISH_RSS = """<rss version="2.0"><channel><title>Haber</title><link>https://t.example.com.tr/</link>
<item><title>Şanlıurfa ve Iğdır'da yağış; İstanbul'da güneş</title><link>/hava</link>
<description>Doğu illerinde sağanak bekleniyor.</description></item></channel></rss>"""


@pytest.mark.parametrize("declared", ["windows-1254", "WINDOWS-1254", "iso-8859-9"])
def test_windows_1254_feed_declared_as_such(declared: str) -> None:
    data = f'<?xml version="1.0" encoding="{declared}"?>\n{TURKISH_RSS}'.encode("cp1254")
    result = parse_feed(data, source="tr.xml")
    assert result.articles[0].title == "Şanlıurfa ve Iğdır'da yağış; İstanbul'da güneş"
    assert result.problems == []


@pytest.mark.parametrize("declaration", ['<?xml version="1.0" encoding="utf-8"?>\n', ""])
def test_windows_1254_feed_misdeclared_or_undeclared_is_repaired(declaration: str) -> None:
    data = (declaration + TURKISH_RSS).encode("cp1254")
    result = parse_feed(data, source="tr.xml")
    article = result.articles[0]
    assert article.title == "Şanlıurfa ve Iğdır'da yağış; İstanbul'da güneş"
    assert article.summary == "Doğu illerinde sağanak bekleniyor."
    assert len(result.problems) == 1
    assert "windows-1254" in result.problems[0]


def test_utf8_feed_declared_windows_1254_is_read_as_utf8() -> None:
    data = ('<?xml version="1.0" encoding="windows-1254"?>\n' + TURKISH_RSS).encode("utf-8")
    result = parse_feed(data, source="tr.xml")
    assert result.articles[0].title == "Şanlıurfa ve Iğdır'da yağış; İstanbul'da güneş"
    assert "utf-8" in result.problems[0]


def test_latin1_feed_without_turkish_letters_is_not_rewritten() -> None:
    rss = TURKISH_RSS.replace(
        "Şanlıurfa ve Iğdır'da yağış; İstanbul'da güneş", "Café crème in Zürich"
    )
    data = (
        '<?xml version="1.0" encoding="utf-8"?>\n' + rss.replace("ğ", "g").replace("ı", "i")
    ).encode("cp1252")
    result = parse_feed(data, source="fr.xml")
    assert result.articles[0].title == "Café crème in Zürich"
    assert "windows-1254" not in result.problems[0]


def test_relative_link_without_any_base_is_kept_and_reported() -> None:
    rss = b'<rss version="2.0"><channel><item><title>T</title><link>/a/b</link></item></channel></rss>'
    result = parse_feed(rss, source="nobase")
    assert result.articles[0].url == "/a/b"
    assert result.problems == ["item 1 ('T'): relative link '/a/b' and no base URL to resolve it"]
