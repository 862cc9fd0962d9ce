"""Shared builders for the compose tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialbot.compose import ComposeRules, default_rules, load_rules
from socialbot.domain import Account, Article, ArticleImage, Platform

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def rules() -> ComposeRules:
    """The rules shipped in the repository's config/."""
    loaded = load_rules(REPO / "config")
    assert loaded.problems == ()
    return loaded


@pytest.fixture(scope="session")
def builtin() -> ComposeRules:
    return default_rules()


def account(platform: Platform, **kw: object) -> Account:
    return Account(name=f"{platform.value}-main", platform=platform, handle="examplenews", **kw)  # type: ignore[arg-type]


def article(**kw: object) -> Article:
    base: dict[str, object] = {
        "url": "https://www.example-news.com.tr/defence/kizilelma-test?ref=rss#top",
        "title": "Baykar's Kızılelma completes first supersonic flight over İzmir",
        "summary": "The unmanned fighter held Mach 1.2 for four minutes, the company said.",
        "section": "defence",
        "tags": ("defence industry", "istanbul", "NATO"),
        "image": ArticleImage(url="photo.jpg", caption="Kızılelma at Çorlu", credit="Baykar"),
    }
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]
