"""Golden references for the card designs, and the contact sheet of all designs.

Regenerate the references after an intended change to a design or the renderer::

    python -m socialbot.render.golden --update      # or: SOCIALBOT_UPDATE_GOLDEN=1 pytest tests/render
    python -m socialbot.render.golden --sheet docs/cards-contact-sheet.jpg

References are stored at a quarter of the card size and compared by mean and 99.5th
percentile colour difference, so font hinting or encoder noise does not fail a test but a
moved headline, a lost label or a wrong colour does.
"""

from __future__ import annotations

import argparse
import io
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

from socialbot.domain.article import Article, ArticleImage
from socialbot.domain.card import CardFormat
from socialbot.render.card import render_cards
from socialbot.render.design import list_designs
from socialbot.render.fonts import get_font

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "render" / "fixtures"
GOLDEN = ROOT / "tests" / "render" / "golden"
SCALE = 4  # references are stored at 1/SCALE of the card size
MEAN_TOLERANCE = 3.0  # mean absolute difference per channel, 0..255
PEAK_TOLERANCE = 40  # 99.5th percentile of the per-channel difference

_WHEN = datetime(2025, 11, 25, 11, 30, tzinfo=UTC)

SAMPLES: dict[str, tuple[Article, str | None]] = {
    "latin": (
        Article(
            url="https://news.example/defence-budget", language="en", section="Defence",
            title="Parliament approves a record defence budget as drone exports to Europe climb for a third year",
            image=ArticleImage(url="rocket.jpg", caption="A launch pad at dusk", credit="SpaceX"),
            published_at=_WHEN,
        ),
        "rocket.jpg",
    ),
    "turkish": (
        Article(
            url="https://news.example/tabela", language="tr", section="Politics",
            title="Şişli'de ışıklı tabelalar için yeni düzenleme İstanbul meclisinden geçti",
            image=ArticleImage(url="coffee.jpg"), published_at=_WHEN,
        ),
        "coffee.jpg",
    ),
    "arabic": (
        Article(
            url="https://news.example/ar", language="ar", section="World", breaking=True,
            title="البرلمان يقر ميزانية دفاعية قياسية مع ارتفاع صادرات الطائرات المسيرة",
            image=ArticleImage(url="astronaut.jpg", focus=(0.45, 0.3)), published_at=_WHEN,
        ),
        "astronaut.jpg",
    ),
    "hebrew-no-photo": (
        Article(
            url="https://news.example/he", language="he", section="Economy",
            title="הכנסת אישרה את תקציב המדינה לשנה הבאה 🚀 אחרי לילה של דיונים",
            published_at=_WHEN,
        ),
        None,
    ),
}


def sample_photo(name: str | None) -> bytes | None:
    """The bytes of a fixture photo, or None."""
    return (FIXTURES / name).read_bytes() if name else None


def render_sample(design: str, sample: str) -> dict[CardFormat, Image.Image]:
    """Render every format of one sample article in one design, decoded to images."""
    article, photo = SAMPLES[sample]
    cards = render_cards(article, list(CardFormat), photo=sample_photo(photo), design=design)
    return {fmt: Image.open(io.BytesIO(card.jpeg)).convert("RGB") for fmt, card in cards.items()}


def reference_path(design: str, fmt: CardFormat, sample: str) -> Path:
    """Where the reference for one design, format and sample lives."""
    return GOLDEN / f"{design}--{fmt.value}--{sample}.jpg"


def shrink(image: Image.Image) -> Image.Image:
    """The stored form of a card: a quarter of its size."""
    return image.reduce(SCALE)


def difference(card: Image.Image, reference: Image.Image) -> tuple[float, int]:
    """Mean and 99.5th-percentile per-channel difference after shrinking both alike."""
    small = shrink(card)
    if small.size != reference.size:
        return 255.0, 255
    # One more halving evens out JPEG block noise before comparing.
    diff = ImageChops.difference(small.reduce(2), reference.convert("RGB").reduce(2))
    hist = diff.histogram()
    counts = [sum(hist[v + 256 * c] for c in range(3)) for v in range(256)]
    total = sum(counts)
    mean = sum(v * n for v, n in enumerate(counts)) / total
    seen, peak = 0, 0
    for v, n in enumerate(counts):
        seen += n
        if seen >= total * 0.995:
            peak = v
            break
    return mean, peak


def update_references() -> list[Path]:
    """Render every design, format and sample and store the references."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    written = []
    for design in list_designs():
        for sample in SAMPLES:
            for fmt, image in render_sample(design, sample).items():
                path = reference_path(design, fmt, sample)
                shrink(image).save(path, quality=90)
                written.append(path)
    return written


def contact_sheet(sample: str = "latin", tile_height: int = 520) -> Image.Image:
    """All designs (rows) in all formats (columns) for one sample article, labelled."""
    designs = list_designs()
    rows = [render_sample(d, sample) for d in designs]
    gap, head = 24, 44
    widths = [round(f.size[0] * tile_height / f.size[1]) for f in CardFormat]
    sheet = Image.new("RGB", (sum(widths) + gap * (len(widths) + 1), (tile_height + head + gap) * len(rows) + gap), "#e9ecf1")
    draw = ImageDraw.Draw(sheet)
    font = get_font("inter", 24, 600)
    y = gap
    for design, row in zip(designs, rows, strict=True):
        x = gap
        for fmt, width in zip(CardFormat, widths, strict=True):
            draw.text((x, y + head - 14), f"{design} · {fmt.value}", font=font, fill="#1d2433", anchor="ls")
            sheet.paste(row[fmt].resize((width, tile_height), Image.Resampling.LANCZOS), (x, y + head))
            x += width + gap
        y += tile_height + head + gap
    return sheet


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--update`` rewrites the references, ``--sheet PATH`` writes the sheet."""
    parser = argparse.ArgumentParser(prog="python -m socialbot.render.golden", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the golden references")
    parser.add_argument("--sheet", type=Path, help="write a contact sheet of all designs to this JPEG")
    args = parser.parse_args(argv)
    if args.update:
        print(f"wrote {len(update_references())} references to {GOLDEN}")
    if args.sheet:
        args.sheet.parent.mkdir(parents=True, exist_ok=True)
        contact_sheet().save(args.sheet, quality=82, optimize=True, progressive=True)
        print(f"wrote {args.sheet}")
    if not (args.update or args.sheet):
        parser.print_help()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
