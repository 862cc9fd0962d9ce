"""The article photo: decoded once, made sRGB RGB, and cover-cropped per card format.

Nothing here raises for a bad photo. Whatever cannot be used becomes ``None`` plus a note an
editor can read, and the card falls back to the brand background.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageCms, ImageFilter, ImageOps

MAX_PHOTO_BYTES = 40 * 1024 * 1024
TINY_UPSCALE = 2.0  # enlarging a photo more than this makes a soft card: tell the editor


@dataclass
class Photo:
    """A decoded photo (RGB, upright, sRGB) or None, with what went wrong."""

    image: Image.Image | None
    warnings: list[str] = field(default_factory=list)
    _profile: tuple[list[float], list[float]] | None = None

    def energy_profile(self) -> tuple[list[float], list[float]]:
        """Edge energy per column and per row of a small copy: where the subject probably is."""
        if self._profile is None:
            assert self.image is not None
            self._profile = _energy(self.image)
        return self._profile


def decode_photo(data: bytes | None, needs: Sequence[tuple[int, int]], background: tuple[int, int, int]) -> Photo:
    """Decode once at the smallest size that still serves every (width, height) in ``needs``."""
    if not data:
        return Photo(None, ["no photo: the card uses the brand background"])
    if len(data) > MAX_PHOTO_BYTES:
        return Photo(None, [f"photo is {len(data) // 2**20} MB, over the {MAX_PHOTO_BYTES // 2**20} MB limit: brand background used"])
    try:
        with warnings.catch_warnings():
            # Pillow's decompression-bomb guard stays on; its warning counts as a refusal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
            _draft(image, needs)
            image.seek(0)  # animated GIF/WebP/PNG: the first frame
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return Photo(None, [f"photo refused as too large to decode safely ({exc}): brand background used"])
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        return Photo(None, [f"photo could not be read ({type(exc).__name__}: {exc}): brand background used"])
    try:
        if _orientation(image) != 1:  # most photos are upright: skip a full-size copy
            image = ImageOps.exif_transpose(image)
        rgb = _to_srgb(image, background)
    except (OSError, ValueError, ImageCms.PyCMSError) as exc:
        return Photo(None, [f"photo colours could not be converted ({exc}): brand background used"])
    return Photo(rgb)


def _draft(image: Image.Image, needs: Sequence[tuple[int, int]]) -> None:
    """Let the JPEG decoder scale down by 1/2, 1/4 or 1/8 when no card needs full size."""
    if image.format != "JPEG" or not needs:
        return
    w, h = image.size
    if _orientation(image) in (5, 6, 7, 8):
        w, h = h, w
    ratio = max(max(nw / w, nh / h) for nw, nh in needs)
    if ratio < 1:
        mode = image.mode if image.mode in ("RGB", "L") else None
        image.draft(mode, (math.ceil(image.size[0] * ratio), math.ceil(image.size[1] * ratio)))


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))
    except (ValueError, TypeError, SyntaxError):  # a broken EXIF block is ignored
        return 1


def _to_srgb(image: Image.Image, background: tuple[int, int, int]) -> Image.Image:
    mode = image.mode
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        # 16-bit greyscale: scale to 8 bits instead of clipping everything above 255 to white.
        high = image.getextrema()[1]
        divisor = 256 if isinstance(high, int) and high > 255 else 1
        image = image.point(lambda v: v / divisor, "I").convert("L")
    elif mode == "F":
        image = image.convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        image.mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, background)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "CMYK"):
        transform = _transform(icc, image.mode)
        if transform is not None:
            return ImageCms.applyTransform(image, transform) or image
    return image if image.mode == "RGB" else image.convert("RGB")


@lru_cache(maxsize=16)
def _transform(icc: bytes, mode: str) -> ImageCms.ImageCmsTransform | None:
    """A cached transform from an embedded profile to sRGB, or None when it is already sRGB."""
    source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    if mode == "RGB" and "srgb" in ImageCms.getProfileDescription(source).lower().replace(" ", ""):
        return None
    return ImageCms.buildTransform(source, srgb_profile(), mode, "RGB")


@lru_cache(maxsize=1)
def srgb_profile() -> ImageCms.ImageCmsProfile:
    """Little CMS's built-in sRGB profile."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _energy(image: Image.Image) -> tuple[list[float], list[float]]:
    w, h = image.size
    step = max(1.0, min(w, h) / 96)
    # Point-sampling to twice the size, then averaging, is far cheaper than averaging the
    # full photo and good enough to find where the subject is.
    small = image.resize((max(2, round(2 * w / step)), max(2, round(2 * h / step))), Image.Resampling.NEAREST)
    grey = small.reduce(2).convert("L")
    edges = grey.filter(ImageFilter.FIND_EDGES)
    # A subject stands out from the picture's average tone (a white rocket on a night sky),
    # not only by its detail: count both.
    mean = round(sum(i * n for i, n in enumerate(grey.histogram())) / (grey.width * grey.height))
    contrast = grey.point(lambda v: min(255, abs(v - mean)))
    salient = Image.blend(edges, contrast, 0.5)
    sw, sh = salient.size
    # Averaging into one row and one column keeps this in C: no per-pixel Python.
    cols = salient.resize((sw, 1), Image.Resampling.BOX).get_flattened_data()
    rows = salient.resize((1, sh), Image.Resampling.BOX).get_flattened_data()
    return [float(c) ** 2 for c in cols], [float(r) ** 2 for r in rows]  # type: ignore[arg-type]


def _best_window(profile: list[float], window: float) -> float:
    """Centre (0..1) of the window over the profile holding the most energy; a centre bias, since photographers frame subjects near the middle."""
    n = len(profile)
    span = max(1, min(n, round(window * n)))
    if span >= n:
        return 0.5
    total = sum(profile) or 1.0
    best, best_score = (n - span) / 2, -1.0
    for start in range(n - span + 1):
        centre = (start + span / 2) / n
        score = sum(profile[start : start + span]) / total - 0.6 * abs(centre - 0.5)
        if score > best_score:
            best, best_score = start, score
    return (best + span / 2) / n


def cover(photo: Photo, size: tuple[int, int], focus: tuple[float, float] | None) -> Image.Image:
    """Scale and crop the photo to fill ``size``, keeping the focus point (or the busiest part
    of the picture) inside."""
    assert photo.image is not None
    image = photo.image
    sw, sh = image.size
    tw, th = size
    scale = max(tw / sw, th / sh)
    cw, ch = min(tw / scale, sw), min(th / scale, sh)
    if focus is None:
        cols, rows = photo.energy_profile()
        fx = _best_window(cols, cw / sw) if cw < sw - 1 else 0.5
        fy = _best_window(rows, ch / sh) if ch < sh - 1 else 0.5
    else:
        fx, fy = (min(max(v, 0.0), 1.0) for v in focus)
    left = max(0.0, min(fx * sw - cw / 2, sw - cw))
    top = max(0.0, min(fy * sh - ch / 2, sh - ch))
    # Area averaging is the fast good choice when shrinking; bilinear when enlarging.
    resample = Image.Resampling.BOX if scale < 1 else Image.Resampling.BILINEAR
    return image.resize((tw, th), resample, box=(left, top, left + cw, top + ch), reducing_gap=3.0)


def upscale_warning(photo: Photo, size: tuple[int, int], label: str) -> str | None:
    """A quality note when this card has to enlarge the photo a lot."""
    if photo.image is None:
        return None
    sw, sh = photo.image.size
    factor = max(size[0] / sw, size[1] / sh)
    if factor > TINY_UPSCALE:
        return f"photo is only {sw}x{sh}: the {label} card enlarges it {factor:.1f}x and it may look soft"
    return None
