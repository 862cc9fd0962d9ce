"""Time composing every post kind for a sample article; prints median microseconds.

Run: /work/main/.venv/bin/python bench/compose.py [repeats]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from socialbot.compose import compose, counting, load_rules  # noqa: E402
from socialbot.domain import Account, Article, ArticleImage, Platform, PostKind  # noqa: E402

ARTICLE = Article(
    url="https://www.example-news.com.tr/defence/kizilelma-supersonic-test?ref=rss",
    title="Baykar&#39;s Kızılelma completes first supersonic flight over the Aegean near İzmir",
    summary=(
        "The unmanned fighter held Mach 1.2 for four minutes during a test flight from Çorlu, "
        "the company said on Tuesday, a step towards deliveries to the Turkish Air Force. "
    ) * 3,
    section="Defence",
    tags=("defence industry", "istanbul", "NATO", "drones", "Turkey"),
    image=ArticleImage(url="photo.jpg", caption="Kızılelma on the runway at Çorlu", credit="Baykar"),
)
LONG = Article(
    url=ARTICLE.url,
    title="Parliament debates the defence budget as opposition walks out " * 8,
    summary="Çok uzun özet. " * 350,
    section="Politics",
    tags=ARTICLE.tags,
)
ACCOUNTS = {
    PostKind.X_POST: Account(name="x-main", platform=Platform.X, handle="examplenews"),
    PostKind.IG_FEED: Account(name="ig-main", platform=Platform.INSTAGRAM, handle="examplenews"),
    PostKind.IG_STORY: Account(name="ig-main", platform=Platform.INSTAGRAM, handle="examplenews"),
    PostKind.YT_COMMUNITY: Account(name="yt-main", platform=Platform.YOUTUBE, handle="ExampleNews"),
}


def median_us(article: Article, repeats: int) -> float:
    """Median wall time to compose all four post kinds for ``article``, in microseconds."""
    rules = load_rules(ROOT / "config")
    samples = []
    for _ in range(repeats):
        counting._check.cache_clear()  # a new article each time: no counts remembered
        start = time.perf_counter()
        for kind, account in ACCOUNTS.items():
            compose(article, account, kind, rules)
        samples.append((time.perf_counter() - start) * 1e6)
    return statistics.median(samples)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print(f"compose all 4 kinds, sample article:            {median_us(ARTICLE, repeats):9.0f} µs median")
    print(f"compose all 4 kinds, over-long (truncation path): {median_us(LONG, max(repeats // 4, 5)):9.0f} µs median")


if __name__ == "__main__":
    main()
