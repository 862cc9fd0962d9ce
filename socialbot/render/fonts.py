"""Fonts from OFL font packages, loaded once per (family, weight, size) and kept.

A fallback chain covers what the design's own font lacks: Noto Sans, Arabic, Hebrew,
symbols and (monochrome) Noto Emoji. A character no font in the chain has is dropped,
so a card never shows a tofu box.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FreeTypeFont = ImageFont.FreeTypeFont

# Families beyond the design's own font, in the order they are tried.
FALLBACK_CHAIN = ("noto-sans", "noto-sans-arabic", "noto-sans-hebrew", "noto-sans-symbols")
EMOJI_FAMILY = "noto-emoji"

# Families shipped as plain files in the manimgx-fonts package (not registered with fontpkg).
_MANIMGX_FILES = {
    "noto-sans-hebrew": "NotoSansHebrew[wght].ttf",
    "noto-sans-symbols": "NotoSansSymbols[wght].ttf",
    "noto-emoji": "NotoEmoji[wght].ttf",
}


class FontMissing(LookupError):
    """A design names a font family that no installed font package provides."""


@lru_cache(maxsize=32)
def font_path(family: str) -> Path:
    """The upright font file for a family slug (``inter``, ``noto-sans``, ...)."""
    if family in _MANIMGX_FILES:
        import manimgx_fonts

        path = Path(manimgx_fonts.__file__).parent / _MANIMGX_FILES[family]
        if path.is_file():
            return path
        raise FontMissing(f"font file {path} is missing; reinstall manimgx-fonts")
    import fontpkg

    try:
        fam = fontpkg.family(family)
    except fontpkg.FontpkgError as exc:
        raise FontMissing(f"font family {family!r} is not installed: {exc}") from exc
    for file in fam.files:
        if file.style == "normal":
            return Path(file.path)
    raise FontMissing(f"font family {family!r} has no upright style")


@lru_cache(maxsize=256)
def get_font(family: str, size: int, weight: int) -> FreeTypeFont:
    """A Pillow font at a pixel size and weight; variable fonts get their axes set once."""
    font = ImageFont.truetype(str(font_path(family)), size, layout_engine=ImageFont.Layout.RAQM)
    try:
        axes = font.get_variation_axes()
    except OSError:  # a static font: nothing to set
        return font
    values: list[float] = []
    for axis in axes:
        name = axis["name"]
        label = (name.decode("ascii", "replace") if isinstance(name, bytes) else str(name)).lower()
        lo, hi = float(axis["minimum"] or 0), float(axis["maximum"] or 0)
        if label in ("weight", "wght"):
            values.append(min(max(float(weight), lo), hi))
        elif label in ("optical size", "opsz"):
            # Display optical size for large type: tighter spacing, finer details.
            values.append(min(max(float(size), lo), hi))
        else:
            values.append(float(axis["default"] or 0))
    font.set_variation_by_axes(values)
    return font


@lru_cache(maxsize=32)
def coverage(family: str) -> frozenset[int]:
    """The code points a family's font has glyphs for."""
    from fontTools.ttLib import TTFont

    with TTFont(str(font_path(family)), lazy=True) as tt:
        cmap = tt.getBestCmap() or {}
    return frozenset(cmap)


# Characters that never start a run of their own: they belong to the glyph before them.
_JOINERS = {0x200D, 0xFE0F, 0xFE0E, 0x20E3}


def _is_emoji(cp: int) -> bool:
    return 0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or cp in (0x2B50, 0x2B55, 0x231A, 0x231B)


def _attaches(ch: str) -> bool:
    cp = ord(ch)
    return cp in _JOINERS or 0x1F3FB <= cp <= 0x1F3FF or unicodedata.category(ch) in ("Mn", "Me")


def split_runs(text: str, primary: str) -> list[tuple[str, str]]:
    """Split text into (substring, family) runs, choosing for each character the first font
    that has it; characters no font has are dropped."""
    chain = (primary, *(f for f in FALLBACK_CHAIN if f != primary))
    runs: list[tuple[str, str]] = []
    for ch in text:
        cp = ord(ch)
        if runs and _attaches(ch):
            fam = runs[-1][1]
            if cp in coverage(fam):
                runs[-1] = (runs[-1][0] + ch, fam)
            continue  # a joiner the font cannot show is invisible anyway: drop it
        if ch == " " and runs:
            runs[-1] = (runs[-1][0] + ch, runs[-1][1])
            continue
        candidates = (EMOJI_FAMILY, *chain) if _is_emoji(cp) else chain
        family = next((f for f in candidates if cp in coverage(f)), None)
        if family is None:
            continue
        if runs and runs[-1][1] == family:
            runs[-1] = (runs[-1][0] + ch, family)
        else:
            runs.append((ch, family))
    return runs
