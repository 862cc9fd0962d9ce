"""Card rendering speed and memory.

    python bench/cards.py [PHOTO] [--memory-cards N]

Renders the Instagram feed card (1080x1350) for a fixed headline from PHOTO (default: a
bundled photo upscaled to 2400x1600 JPEG in memory) in one warm process. Prints the four-format
figure, a baseline-JPEG figure, memory over many cards, and as the LAST line the median
milliseconds per Instagram feed card, for side-by-side comparison with other renderers.
Targets (issue 4): feed card <= 45 ms, all four formats <= 140 ms, memory growth <= 10%.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from socialbot.domain.article import Article, ArticleImage  # noqa: E402
from socialbot.domain.card import CardFormat  # noqa: E402
from socialbot.render import render_cards  # noqa: E402

ARTICLE = Article(
    url="https://news.example/bench",
    title="Parliament approves a record defence budget as drone exports to Europe climb for a third year",
    section="Defence",
    published_at=datetime(2025, 11, 25, 11, 30, tzinfo=UTC),
    image=ArticleImage(url="bench.jpg", caption="A launch pad at dusk"),
)


def default_photo() -> bytes:
    """The bundled rocket photo, upscaled to 2400x1600 like a wire photo."""
    with Image.open(ROOT / "tests" / "render" / "fixtures" / "rocket.jpg") as src:
        big = src.convert("RGB").resize((2400, 1600), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    big.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def median_ms(photo: bytes, formats: list[CardFormat], runs: int, **kw: bool) -> float:
    """Median wall time of one render_cards call, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render_cards(ARTICLE, formats, photo=photo, **kw)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def pillow_floor_ms(photo: bytes, runs: int, progressive: bool = False) -> float:
    """Decode + one resample to 1080x1350 + encode with bare Pillow: the part no card
    renderer on this machine can avoid, measured now, for comparison."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with Image.open(io.BytesIO(photo)) as image:
            image.load()
            w, h = image.size
            cw = min(w, h * 1080 / 1350)
            out = image.convert("RGB").resize((1080, 1350), Image.Resampling.BOX, box=((w - cw) / 2, 0, (w + cw) / 2, h))
        out.save(io.BytesIO(), "JPEG", quality=84, subsampling=2, progressive=progressive)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def rss_mb() -> float:
    """Resident memory of this process now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("photo", nargs="?", type=Path, help="a JPEG/PNG photo (default: bundled, 2400x1600)")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--memory-cards", type=int, default=1000)
    args = parser.parse_args()
    photo = args.photo.read_bytes() if args.photo else default_photo()
    with Image.open(io.BytesIO(photo)) as probe:
        print(f"photo: {probe.format} {probe.size[0]}x{probe.size[1]}, {len(photo) // 1024} KB")
    feed = [CardFormat.IG_FEED]
    for _ in range(3):  # warm: fonts, design, logo and masks are loaded once and kept
        render_cards(ARTICLE, list(CardFormat), photo=photo)

    print(f"bare Pillow decode + resample + baseline encode (the floor): median {pillow_floor_ms(photo, args.runs):.1f} ms")
    floor_prog = pillow_floor_ms(photo, args.runs, progressive=True)
    print(f"bare Pillow decode + resample + progressive encode: median {floor_prog:.1f} ms")
    four = median_ms(photo, list(CardFormat), max(5, args.runs // 4))
    print(f"all four formats from one decode, progressive: median {four:.1f} ms (target <= 140)")
    four_base = median_ms(photo, list(CardFormat), max(5, args.runs // 4), progressive=False)
    print(f"all four formats from one decode, baseline JPEG: median {four_base:.1f} ms")
    baseline = median_ms(photo, feed, args.runs, progressive=False)
    print(f"ig-feed card, baseline JPEG: median {baseline:.1f} ms")

    if args.memory_cards:
        gc.collect()
        warm = rss_mb()
        first = None
        for i in range(args.memory_cards):
            render_cards(ARTICLE, feed, photo=photo)
            if i == 99:
                gc.collect()
                first = rss_mb()
        gc.collect()
        last = rss_mb()
        base = first if first is not None else warm
        growth = (last - base) / base * 100
        print(
            f"memory: {warm:.0f} MB warm, {base:.0f} MB after 100 cards, {last:.0f} MB after "
            f"{args.memory_cards} cards ({growth:+.1f}%, target <= +10%)"
        )

    feed_ms = median_ms(photo, feed, args.runs)
    print(f"ig-feed card 1080x1350, progressive JPEG (default): median {feed_ms:.1f} ms (target <= 45)")
    print(f"{feed_ms:.1f}")


if __name__ == "__main__":
    main()
