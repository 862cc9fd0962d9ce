"""UTM links and hashtags."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from socialbot.compose import article_hashtags, hashtag_word, tracked_link
from socialbot.domain import Platform

from .conftest import account, article


def test_utm_added_keeping_query_and_fragment(rules) -> None:  # type: ignore[no-untyped-def]
    url = "https://news.example/defence/a-b?id=42&q=a%20b&empty=#section-2"
    link = tracked_link(url, platform=Platform.X, account=account(Platform.X), section="Defence", rules=rules)
    parts = urlsplit(link)
    assert parts.fragment == "section-2"
    assert parts.query.startswith("id=42&q=a%20b&empty=&")  # original bytes, original order
    assert dict(parse_qsl(parts.query))["utm_campaign"] == "defence"
    assert ("utm_source", "x") in parse_qsl(parts.query)
    assert ("utm_medium", "social") in parse_qsl(parts.query)


def test_existing_utm_replaced_not_repeated(rules) -> None:  # type: ignore[no-untyped-def]
    url = "https://news.example/a?utm_source=rss&UTM_MEDIUM=feed&page=2"
    link = tracked_link(url, platform=Platform.INSTAGRAM, account=account(Platform.INSTAGRAM), section=None, rules=rules)
    pairs = parse_qsl(urlsplit(link).query)
    assert [k for k, _ in pairs].count("utm_source") == 1
    assert dict(pairs) == {"page": "2", "utm_source": "instagram", "utm_medium": "social", "utm_campaign": "news"}


def test_campaign_template_per_account(rules) -> None:  # type: ignore[no-untyped-def]
    acc = account(Platform.YOUTUBE, utm_campaign="{account}_{section} Weekly")
    link = tracked_link("https://n.example/x", platform=Platform.YOUTUBE, account=acc, section="Economy", rules=rules)
    assert dict(parse_qsl(urlsplit(link).query))["utm_campaign"] == "youtube-main_economy-weekly"


def test_non_http_urls_are_left_alone(rules) -> None:  # type: ignore[no-untyped-def]
    for url in ("mailto:desk@example.com", "not a url", "/relative/path"):
        assert tracked_link(url, platform=Platform.X, account=account(Platform.X), section=None, rules=rules) == url


def test_hashtag_words_turkish_casing() -> None:
    assert hashtag_word("savunma sanayii", language="tr") == "SavunmaSanayii"
    assert hashtag_word("istanbul", turkish_words=["istanbul"]) == "İstanbul"
    assert hashtag_word("istanbul") == "Istanbul"  # English word, English casing
    assert hashtag_word("iran", language="tr") == "İran"
    assert hashtag_word("ığdır") == "Iğdır"
    assert hashtag_word("NATO summit") == "NATOSummit"
    assert hashtag_word("2026") == "" and hashtag_word("!!") == ""
    assert hashtag_word("F-35 deal") == "F35Deal"


def test_hashtags_mapped_deduplicated_and_capped(rules) -> None:  # type: ignore[no-untyped-def]
    art = article(
        section="Defence",
        tags=("Turkey", "TÜRKİYE", "istanbul", "ISTANBUL", "İstanbul", "news", "IĞDIR", "defence industry", "2026", "drones"),
    )
    ig = article_hashtags(art, Platform.INSTAGRAM, rules)
    # Section tags first; "Turkey" maps to Türkiye (already there); "news" is dropped by the map.
    assert ig == ("#Defence", "#Türkiye", "#İstanbul", "#Iğdır", "#DefenceIndustry", "#Drones")
    assert article_hashtags(art, Platform.X, rules) == ("#Defence", "#Türkiye")
    assert len(article_hashtags(art, Platform.YOUTUBE, rules)) == 3


def test_instagram_cap_never_exceeds_30(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from socialbot.compose import load_rules

    (tmp_path / "hashtags.toml").write_text("[caps]\ninstagram = 99\n", encoding="utf-8")
    loaded = load_rules(tmp_path)
    art = article(tags=tuple(f"tag{i}x" for i in range(60)))
    assert len(article_hashtags(art, Platform.INSTAGRAM, loaded)) == 30
