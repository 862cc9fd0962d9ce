"""Draws the placeholder newsroom wordmark kept at ``cards/logo.png``.

A newsroom replaces the PNG with its own; this only exists so the repository ships an
original mark rather than somebody else's. Run ``python -m socialbot.render.logo``.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from socialbot.render.design import default_designs_dir
from socialbot.render.fonts import get_font

RED = (215, 20, 26)


def draw_logo(name: str = "Example News", height: int = 160) -> Image.Image:
    """A red square holding the initial, then the name in heavy and light type, on transparency."""
    words = name.upper().split()
    heavy = get_font("inter", round(height * 0.62), 900)
    light = get_font("inter", round(height * 0.62), 300)
    first, rest = words[0], " ".join(words[1:])
    width = height + round(height * 0.22) + round(heavy.getlength(first + " ") + light.getlength(rest)) + 8
    logo = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(logo)
    draw.rounded_rectangle((0, 0, height - 1, height - 1), radius=round(height * 0.12), fill=RED)
    initial = get_font("inter", round(height * 0.74), 900)
    draw.text((height / 2, height / 2), first[0], font=initial, fill="white", anchor="mm")
    x = height + round(height * 0.22)
    baseline = round(height * 0.5 + heavy.size * 0.36)
    draw.text((x, baseline), first + " ", font=heavy, fill="white", anchor="ls")
    x += round(heavy.getlength(first + " "))
    draw.text((x, baseline), rest, font=light, fill="white", anchor="ls")
    return logo


def main() -> None:
    """Write ``cards/logo.png``."""
    path: Path = default_designs_dir() / "logo.png"
    draw_logo().save(path, optimize=True)
    print(path)


if __name__ == "__main__":
    main()
