"""Photos of every awkward kind decode to upright sRGB, or fall back with a note."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from socialbot.render.photo import Photo, cover, decode_photo, upscale_warning

BG = (11, 20, 36)
NEEDS = [(1080, 1350)]


def _bytes(image: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **kw)
    return buf.getvalue()


def test_exif_orientation_is_applied() -> None:
    image = Image.new("RGB", (200, 100), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise when shown
    photo = decode_photo(_bytes(image, "JPEG", exif=exif), NEEDS, BG)
    assert photo.image is not None and photo.image.size == (100, 200)


def test_cmyk_jpeg_becomes_rgb() -> None:
    photo = decode_photo(_bytes(Image.new("CMYK", (64, 64), (0, 255, 255, 0)), "JPEG"), NEEDS, BG)
    assert photo.image is not None and photo.image.mode == "RGB"
    r, g, b = photo.image.getpixel((32, 32))  # type: ignore[misc]
    assert r > 200 and g < 60 and b < 60


def test_palette_with_transparency_sits_on_brand_background() -> None:
    image = Image.new("P", (32, 32), 0)
    image.putpalette([255, 255, 255, 0, 0, 255] + [0] * 762)
    ImageDraw.Draw(image).rectangle((16, 0, 31, 31), fill=1)
    photo = decode_photo(_bytes(image, "PNG", transparency=0), NEEDS, BG)
    assert photo.image is not None
    assert photo.image.getpixel((2, 2)) == BG
    assert photo.image.getpixel((24, 2)) == (0, 0, 255)


def test_rgba_alpha_is_flattened() -> None:
    image = Image.new("RGBA", (10, 10), (255, 0, 0, 0))
    photo = decode_photo(_bytes(image, "PNG"), NEEDS, BG)
    assert photo.image is not None and photo.image.getpixel((5, 5)) == BG


def test_sixteen_bit_greyscale_is_scaled_not_clipped() -> None:
    image = Image.new("I;16", (8, 8), 32768)  # mid grey in 16 bits
    photo = decode_photo(_bytes(image, "PNG"), NEEDS, BG)
    assert photo.image is not None and photo.image.mode == "RGB"
    value = photo.image.getpixel((4, 4))[0]  # type: ignore[index]
    assert 120 <= value <= 135


def test_animated_gif_uses_first_frame() -> None:
    frames = [Image.new("RGB", (20, 20), c) for c in ("green", "blue")]
    data = _bytes(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    photo = decode_photo(data, NEEDS, BG)
    assert photo.image is not None
    _r, g, b = photo.image.getpixel((10, 10))  # type: ignore[misc]
    assert g > 100 and b < 50


@pytest.mark.parametrize("data", [None, b"", b"not an image at all", b"\xff\xd8\xff\xe0garbage"])
def test_unusable_photo_gives_none_and_a_note(data: bytes | None) -> None:
    photo = decode_photo(data, NEEDS, BG)
    assert photo.image is None and photo.warnings and "brand background" in photo.warnings[0]


def test_truncated_jpeg_gives_note() -> None:
    data = _bytes(Image.new("RGB", (400, 400), "white"), "JPEG")
    photo = decode_photo(data[: len(data) // 3], NEEDS, BG)
    assert photo.image is None and photo.warnings


def test_decompression_bomb_guard_stays_on(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _bytes(Image.new("RGB", (300, 300), "white"), "PNG")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 30_000)  # warning at 30k, error above 60k
    photo = decode_photo(data, NEEDS, BG)
    assert photo.image is None and "too large" in photo.warnings[0]
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 50_000)  # now only a warning: still refused
    photo = decode_photo(data, NEEDS, BG)
    assert photo.image is None and "too large" in photo.warnings[0]


def test_large_jpeg_is_decoded_at_reduced_size_when_cards_are_small() -> None:
    data = _bytes(Image.new("RGB", (2400, 1600), "white"), "JPEG")
    small = decode_photo(data, [(500, 300)], BG)
    assert small.image is not None and small.image.size == (600, 400)  # 1/4 still covers 500x300
    full = decode_photo(data, [(1080, 1350)], BG)
    assert full.image is not None and full.image.size == (2400, 1600)


def test_tiny_photo_is_used_with_a_warning() -> None:
    photo = decode_photo(_bytes(Image.new("RGB", (200, 150), "white"), "JPEG"), NEEDS, BG)
    assert photo.image is not None
    note = upscale_warning(photo, (1080, 1350), "ig-feed")
    assert note is not None and "200x150" in note
    assert upscale_warning(photo, (300, 200), "x") is None


def _subject_on_right() -> Photo:
    # A flat sky with a detailed subject near the right edge.
    image = Image.new("RGB", (1200, 600), (120, 160, 210))
    draw = ImageDraw.Draw(image)
    for i in range(0, 200, 8):
        draw.line((950 + i // 2, 100, 950 + i // 2, 500), fill="black", width=3)
        draw.line((900, 100 + i * 2, 1150, 100 + i * 2), fill="white", width=2)
    return Photo(image)


def test_saliency_keeps_the_subject_in_a_tall_crop() -> None:
    photo = _subject_on_right()
    crop = cover(photo, (300, 600), None)
    # The busy subject is black-and-white; the sky is blue: a centred crop would be all sky.
    colours = crop.convert("L").getextrema()
    assert colours[0] < 60 and colours[1] > 200


def test_given_focus_wins_over_saliency() -> None:
    photo = _subject_on_right()
    crop = cover(photo, (300, 600), (0.0, 0.5))
    assert crop.getpixel((150, 300)) == (120, 160, 210)
