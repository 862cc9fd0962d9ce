"""Articles per second through ingest -> compose -> render -> enqueue, on embedded defaults.

    python bench/pipeline.py [N]      (default 200 articles, a fresh SQLite in a temp folder)

Each article goes through the JSON document intake, is stored, composed for every configured
account and kind, its cards rendered (each design renders all its formats from one photo
decode) and its posts queued (auto-approved by the sample config). Prints the figure last.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from socialbot.intake.document import parse_document
from socialbot.samples import SAMPLES_DIR
from socialbot.services.app import App
from socialbot.services.articles import store_article
from socialbot.settings import load_settings

SECTIONS = ["defence", "politics", "economy", "world", "sports", "culture"]


def documents(n: int) -> list[bytes]:
    photos = sorted((SAMPLES_DIR / "photos").glob("*.jpg"))
    docs = []
    for i in range(n):
        section = SECTIONS[i % len(SECTIONS)]
        doc = {
            "url": f"https://www.example-news.com.tr/{section}/bench-{i}",
            "guid": f"bench-{i}",
            "title": f"Türkiye's {section} desk, story {i}: İstanbul talks move to Şanlıurfa",
            "summary": "Officials in Ankara said the next round would open within weeks. " * 2,
            "section": section,
            "tags": ["Türkiye", "İstanbul", section],
            "published_at": "2026-11-25T09:00:00Z",
            "image": photos[i % len(photos)].as_uri() if i % 5 else None,
        }
        docs.append(json.dumps(doc).encode())
    return docs


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    docs = documents(n)
    with tempfile.TemporaryDirectory() as home:
        settings = load_settings({"SOCIALBOT_HOME": home, "SOCIALBOT_SECRET_KEY": "bench"})
        app = App.create(settings, run_migrations=True)
        store_article(app, parse_document(docs[0], source="warm-up"), actor="bench")  # warm caches
        posts = 0
        start = time.perf_counter()
        for i, doc in enumerate(docs[1:], 1):
            result = store_article(app, parse_document(doc, source=f"bench-{i}"), actor="bench")
            posts += result.posts_created
        elapsed = time.perf_counter() - start
        app.close()
    done = n - 1
    print(f"{done} articles, {posts} posts with cards, {elapsed:.2f} s")
    print(f"{done / elapsed:.1f} articles/s")


if __name__ == "__main__":
    main()
