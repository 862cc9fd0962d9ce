"""Whole cards: sizes, JPEG output, fallbacks, labels, footer time zone and alt text."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from PIL import Image, ImageCms

from socialbot.domain.article import Article, ArticleImage
from socialbot.domain.card import CardFormat
from socialbot.render import load_design, render_cards
from socialbot.render.card import default_alt_text, encode_jpeg, footer_text
from socialbot.render.golden import FIXTURES

PHOTO = (FIXTURES / "rocket.jpg").read_bytes()
ARTICLE = Article(
    url="https://news.example/a", title="Ankara and Athens agree on a new maritime hotline",
    section="Defence", published_at=datetime(2025, 6, 1, 21, 5, tzinfo=UTC),
    image=ArticleImage(url="rocket.jpg", caption="Ships off the coast"),
)


def _open(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def _share_of(image: Image.Image, colour: tuple[int, int, int], tolerance: int = 24) -> float:
    """Fraction of pixels within ``tolerance`` of a colour on every channel."""
    bands = [
        band.point(lambda v, c=c: 255 if abs(v - c) <= tolerance else 0)
        for band, c in zip(image.convert("RGB").split(), colour, strict=True)
    ]
    mask = bands[0]
    for band in bands[1:]:
        mask = Image.composite(band, Image.new("L", mask.size, 0), mask)
    return mask.histogram()[255] / (mask.width * mask.height)


@pytest.mark.parametrize("design", ["default", "breaking"])
def test_every_format_renders_at_its_size_as_progressive_srgb_jpeg(design: str) -> None:
    cards = render_cards(ARTICLE, list(CardFormat), photo=PHOTO, design=design)
    assert set(cards) == set(CardFormat)
    for fmt, card in cards.items():
        image = _open(card.jpeg)
        assert image.format == "JPEG" and image.size == fmt.size == (card.width, card.height)
        assert image.info.get("progressive") == 1
        profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
        assert "sRGB" in ImageCms.getProfileDescription(profile)
        assert len(card.jpeg) <= fmt.max_bytes
        assert card.design == design


def test_section_colour_is_on_the_card() -> None:
    design = load_design("default")
    # No photo, so the only colour on the dark card is the label's.
    card = render_cards(ARTICLE, [CardFormat.IG_FEED], photo=None)[CardFormat.IG_FEED]
    economy = render_cards(
        Article(url="https://news.example/b", title=ARTICLE.title, section="Economy"),
        [CardFormat.IG_FEED], photo=None,
    )[CardFormat.IG_FEED]
    assert _share_of(_open(card.jpeg), design.sections["defence"]) > 0.002
    assert _share_of(_open(economy.jpeg), design.sections["defence"]) < 0.0005
    assert _share_of(_open(economy.jpeg), design.sections["economy"]) > 0.002


def test_breaking_article_gets_the_breaking_colour() -> None:
    design = load_design("default")
    breaking = Article(url="https://news.example/c", title="Earthquake shakes Istanbul", breaking=True)
    card = render_cards(breaking, [CardFormat.X], photo=PHOTO)[CardFormat.X]
    assert _share_of(_open(card.jpeg), design.breaking_color) > 0.002


@pytest.mark.parametrize("photo", [None, b"\x89PNG broken", b"GIF89a"])
def test_bad_photo_gives_brand_background_and_a_note(photo: bytes | None) -> None:
    cards = render_cards(ARTICLE, list(CardFormat), photo=photo)
    design = load_design("default")
    for card in cards.values():
        assert card.warnings and "brand background" in card.warnings[0]
        image = _open(card.jpeg).convert("RGB")
        # The bottom strip is the brand colour (under the text), not a photo.
        r, g, b = image.getpixel((image.width - 5, image.height - 5))  # type: ignore[misc]
        assert all(abs(a - e) < 12 for a, e in zip((r, g, b), design.background, strict=True))


def test_tiny_photo_is_used_with_a_quality_warning() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (160, 120), "orange").save(buf, "JPEG")
    card = render_cards(ARTICLE, [CardFormat.IG_STORY], photo=buf.getvalue())[CardFormat.IG_STORY]
    assert any("160x120" in note for note in card.warnings)
    image = _open(card.jpeg).convert("RGB")
    r, _g, b = image.getpixel((image.width // 2, 600))  # type: ignore[misc]
    assert r > 200 and b < 80  # the orange photo, clear of the fades


def test_footer_shows_the_newsroom_zone() -> None:
    # 21:05 UTC on 1 June is 00:05 on 2 June in Istanbul.
    assert footer_text(ARTICLE, "Example News", "Europe/Istanbul") == "Example News  ·  2 June 2025, 00:05"
    assert footer_text(ARTICLE, "Example News", "UTC").endswith("1 June 2025, 21:05")
    assert footer_text(Article(url="https://x.example", title="t"), "Site", "UTC") == "Site"


def test_alt_text_given_or_built_from_the_article() -> None:
    cards = render_cards(
        ARTICLE, [CardFormat.X, CardFormat.YOUTUBE], photo=PHOTO,
        alt_texts={CardFormat.X: "Two flags over a harbour"},
    )
    assert cards[CardFormat.X].alt_text == "Two flags over a harbour"
    assert cards[CardFormat.YOUTUBE].alt_text == default_alt_text(ARTICLE, "Example News")
    assert "Ships off the coast" in cards[CardFormat.YOUTUBE].alt_text


def test_quality_steps_down_to_fit_the_limit() -> None:
    noisy = Image.open(FIXTURES / "coffee.jpg").resize((1200, 800))
    first, note = encode_jpeg(noisy, 10**9)
    assert note is None
    limited, note = encode_jpeg(noisy, len(first) // 2)
    assert note is None and len(limited) <= len(first) // 2
    _, note = encode_jpeg(noisy, 1000)
    assert note is not None and "over the 1000 limit" in note


def test_turkish_uppercase_design_renders_without_error() -> None:
    article = Article(url="https://news.example/t", title="İzmir'de ılık bir gün", language="tr")
    card = render_cards(article, [CardFormat.YOUTUBE], photo=None, design="breaking")[CardFormat.YOUTUBE]
    assert _open(card.jpeg).size == (1080, 1080)


def test_cards_render_the_same_from_several_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    expected = render_cards(ARTICLE, [CardFormat.YOUTUBE], photo=PHOTO)[CardFormat.YOUTUBE].jpeg
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(
            lambda _: render_cards(ARTICLE, [CardFormat.YOUTUBE], photo=PHOTO)[CardFormat.YOUTUBE].jpeg,
            range(8),
        ))
    assert all(r == expected for r in results)
