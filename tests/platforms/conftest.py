"""Fixtures for the platform tests: a real JPEG card, posts and accounts."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image

from socialbot.domain import CardFormat, CardImage, Platform, Post, PostKind

ARTICLE = "https://news.example/defence/drone-deal-signed"
LINK = ARTICLE + "?utm_source=x&utm_medium=social&utm_campaign=defence"


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 60, 120)).save(out, "JPEG", quality=60)
    return out.getvalue()


@pytest.fixture(scope="session")
def cards() -> dict[CardFormat, CardImage]:
    alt = "Card reading: Turkey signs drone deal"
    return {
        fmt: CardImage(format=fmt, jpeg=jpeg(*fmt.size), width=fmt.size[0], height=fmt.size[1], alt_text=alt)
        for fmt in CardFormat
    }


def make_post(kind: PostKind, text: str = f"Turkey signs drone deal {LINK}") -> Post:
    return Post(
        id=7, account={PostKind.X_POST: "x-main", PostKind.YT_COMMUNITY: "yt-main"}.get(kind, "ig-main"),
        platform=kind.platform, kind=kind, text=text, alt_text="Card reading: Turkey signs drone deal",
        link=LINK, article_url=ARTICLE, idempotency_key="k" * 32,
    )


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """instagrapi waits 3 s before configuring an upload; tests do not."""
    monkeypatch.setattr(time, "sleep", lambda _s: None)


__all__ = ["ARTICLE", "LINK", "Platform", "make_post"]
