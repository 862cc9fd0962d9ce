"""Headline fitting and drawing: largest size that fits, balanced lines, right-to-left aware.

Word widths are measured once at a reference size and scaled, so trying a dozen sizes costs
arithmetic, not text shaping; only the chosen size is drawn.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageDraw

from socialbot.render.fonts import get_font, split_runs

_REF = 100  # reference size for measuring, in pixels
ELLIPSIS = "…"


def _turkish_upper(text: str) -> str:
    """Uppercase with Turkish dotted/dotless i: i -> İ, ı -> I (str.upper gets i -> I wrong)."""
    return text.replace("i", "İ").replace("ı", "I").upper()


def to_case(text: str, uppercase: bool, language: str) -> str:
    """The text in the design's case, with Turkish rules when the text is Turkish."""
    if not uppercase:
        return text
    lang = (language or "").lower()
    if lang.startswith(("tr", "az")):
        return _turkish_upper(text)
    return text.upper()


def is_rtl(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (Arabic, Hebrew)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


@dataclass(frozen=True)
class Word:
    """One word as font runs, with its width at the reference size."""

    runs: tuple[tuple[str, str], ...]  # (text, family)
    width: float

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


@lru_cache(maxsize=4096)
def _word(word: str, family: str, weight: int) -> Word:
    runs = tuple(split_runs(word, family))
    width = sum(get_font(fam, _REF, weight).getlength(t) for t, fam in runs)
    return Word(runs, width)


@lru_cache(maxsize=32)
def _space(family: str, weight: int) -> float:
    return get_font(family, _REF, weight).getlength(" ")


@dataclass(frozen=True)
class TextBlock:
    """A fitted headline: its size, its lines and whether it reads right to left."""

    size: int
    lines: tuple[tuple[Word, ...], ...]
    family: str
    weight: int
    line_height: float
    rtl: bool
    truncated: bool = False

    @property
    def height(self) -> int:
        """From the cap line of the first line to the descender of the last."""
        return round(self.size * (0.76 + 0.22 + (len(self.lines) - 1) * self.line_height))

    def line_width(self, line: tuple[Word, ...]) -> float:
        scale = self.size / _REF
        space = _space(self.family, self.weight)
        return (sum(w.width for w in line) + space * (len(line) - 1)) * scale


def _greedy(widths: list[float], space: float, limit: float) -> list[int]:
    """Greedy line breaking; returns the index of the first word of each line."""
    starts = [0]
    used = 0.0
    for i, w in enumerate(widths):
        if i == starts[-1]:
            used = w
        elif used + space + w <= limit:
            used += space + w
        else:
            starts.append(i)
            used = w
    return starts


def _balanced(widths: list[float], space: float, limit: float, lines: int) -> list[int]:
    """The narrowest width that still gives the same number of lines: even line lengths, and
    no lone word on the last line unless the words leave no choice."""
    lo, hi = max(widths), limit
    for _ in range(14):
        mid = (lo + hi) / 2
        if len(_greedy(widths, space, mid)) <= lines:
            hi = mid
        else:
            lo = mid
    return _greedy(widths, space, hi)


def _split(words: list[Word], starts: list[int]) -> tuple[tuple[Word, ...], ...]:
    ends = [*starts[1:], len(words)]
    return tuple(tuple(words[a:b]) for a, b in zip(starts, ends, strict=True))


def _sizes(lo: int, hi: int) -> list[int]:
    """Candidate sizes from largest to smallest, about 4% apart."""
    sizes, size = [], float(hi)
    while size > lo:
        sizes.append(round(size))
        size = min(size * 0.96, size - 2)
    sizes.append(lo)
    return sizes


def fit_text(
    text: str, family: str, weight: int, box: tuple[int, int], sizes: tuple[int, int],
    max_lines: int, line_height: float,
) -> TextBlock:
    """The largest size whose balanced lines fit the box; an ellipsis only at the smallest."""
    width, height = box
    words = [_word(w, family, weight) for w in text.split()]
    words = [w for w in words if w.runs]
    rtl = is_rtl(text)
    if any(unicodedata.bidirectional(ch) == "AL" for ch in text):
        line_height *= 1.2  # Arabic letters reach higher and lower than Latin ones
    space = _space(family, weight)
    if not words:
        return TextBlock(sizes[0], (), family, weight, line_height, rtl)
    ref_widths = [w.width for w in words]
    for size in _sizes(*sizes):
        scale = size / _REF
        limit = width / scale  # compare in reference units
        if max(ref_widths) > limit:
            continue
        starts = _greedy(ref_widths, space, limit)
        block = TextBlock(size, _split(words, starts), family, weight, line_height, rtl)
        if len(starts) <= max_lines and block.height <= height:
            starts = _balanced(ref_widths, space, limit, len(starts))
            return TextBlock(size, _split(words, starts), family, weight, line_height, rtl)
    return _truncate(words, family, weight, width, height, sizes[0], max_lines, line_height, rtl)


def _truncate(
    words: list[Word], family: str, weight: int, width: int, height: int, size: int,
    max_lines: int, line_height: float, rtl: bool,
) -> TextBlock:
    scale = size / _REF
    limit = width / scale
    space = _space(family, weight)
    lines_fit = max(1, min(max_lines, int((height / size - 0.98) / line_height) + 1))
    ellipsis = _word(ELLIPSIS, family, weight)
    fitted: list[Word] = []
    cut = False
    for w in words:  # a single over-wide word is cut to the box, letter by letter
        while w.width > limit and len(w.text) > 1:
            cut = True
            w = _word(w.text[:-2] + ELLIPSIS if len(w.text) > 2 else w.text[:1], family, weight)
        fitted.append(w)
    starts = _greedy([w.width for w in fitted], space, limit)
    kept = fitted[: starts[lines_fit] if len(starts) > lines_fit else len(fitted)]
    dropped = len(kept) < len(fitted)
    if dropped:
        while kept:
            last_line = kept[_greedy([w.width for w in kept], space, limit)[-1] :]
            if sum(w.width for w in last_line) + space * len(last_line) + ellipsis.width <= limit:
                break
            kept.pop()
        last = kept[-1] if kept else _word("", family, weight)
        joined = _word(last.text.rstrip(",;:-–—") + ELLIPSIS, family, weight)
        kept = [*kept[:-1], joined]
    starts = _greedy([w.width for w in kept], space, limit)
    return TextBlock(size, _split(kept, starts), family, weight, line_height, rtl, dropped or cut)


def draw_block(
    draw: ImageDraw.ImageDraw, block: TextBlock, x: int, top: int, width: int,
    fill: tuple[int, int, int], center: bool = False,
) -> None:
    """Draw a fitted block with its cap line at ``top``; start-aligned lines hug the left
    edge, or the right edge for right-to-left text."""
    for i, line in enumerate(block.lines):
        baseline = top + round(block.size * (0.76 + i * block.line_height))
        draw_line(draw, line, block, x, baseline, width, fill, center)


def draw_line(
    draw: ImageDraw.ImageDraw, line: tuple[Word, ...], block: TextBlock, x: int, baseline: int,
    width: int, fill: tuple[int, int, int], center: bool,
) -> None:
    """Draw one line of words on a baseline, shaping it whole when it uses a single font."""
    families = {fam for w in line for _, fam in w.runs}
    line_w = block.line_width(line)
    left = x + (width - line_w) / 2 if center else x + width - line_w if block.rtl else x
    if len(families) == 1:
        font = get_font(families.pop(), block.size, block.weight)
        text = " ".join(w.text for w in line)
        if block.rtl:
            draw.text((left + line_w, baseline), text, font=font, fill=fill, anchor="rs", direction="rtl")
        else:
            draw.text((left, baseline), text, font=font, fill=fill, anchor="ls")
        return
    scale = block.size / _REF
    space = _space(block.family, block.weight) * scale
    ordered = list(reversed(line)) if block.rtl else list(line)
    cursor = left
    for word in ordered:
        runs = list(reversed(word.runs)) if block.rtl else list(word.runs)
        for text, fam in runs:
            font = get_font(fam, block.size, block.weight)
            draw.text((cursor, baseline), text.strip(), font=font, fill=fill, anchor="ls")
            cursor += font.getlength(text.strip())
        cursor += space
