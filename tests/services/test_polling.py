"""Feed polling: conditional GET, every new item, first-poll cutoff, one bad feed never stops others."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import responses

from socialbot.services import posts
from socialbot.services.app import App
from socialbot.services.intake import poll_feeds
from socialbot.settings import FeedConfig, IntakeConfig

GOOD = "https://www.example-news.com.tr/rss"
BROKEN = "https://broken.example-news.com.tr/rss"


def rss(*items: tuple[str, str, str]) -> str:
    body = "".join(
        f"<item><title>{t}</title><link>https://www.example-news.com.tr/{g}</link><guid>{g}</guid>"
        f"<pubDate>{d}</pubDate><category>economy</category>"
        f'<enclosure url="https://img.example-news.com.tr/{g}.jpg" type="image/jpeg" length="1"/></item>'
        for t, g, d in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>{body}</channel></rss>'


def configure(app: App) -> None:
    app.settings = replace(
        app.settings,
        feeds=(FeedConfig(BROKEN), FeedConfig(GOOD)),
        intake=IntakeConfig(first_poll_cutoff_hours=24, fetch_pages_for_images=False),
    )


@responses.activate
def test_polling_takes_new_items_and_uses_conditional_get(app: App, tmp_path: Path) -> None:
    configure(app)
    responses.get(BROKEN, body="<html>oops, the CMS is down</html>", status=200,
                  content_type="text/html")
    first = rss(("Fresh story", "a1", "Wed, 25 Nov 2026 07:30:00 GMT"),
                ("Old story from last week", "a0", "Wed, 18 Nov 2026 07:30:00 GMT"))
    responses.get(GOOD, body=first, headers={"ETag": '"v1"'}, content_type="application/rss+xml")
    responses.get("https://img.example-news.com.tr/a1.jpg", status=404)

    reports = {r.source: r for r in poll_feeds(app)}
    assert reports[BROKEN].error and BROKEN in reports[BROKEN].error
    good = reports[GOOD]
    assert good.error is None and [s.outcome.value for s in good.stored] == ["created"]
    assert any("first poll" in p for p in good.problems)  # the old item was left alone
    assert any("a1.jpg" in p for p in good.problems)  # photo missing: brand card, noted

    # Second poll: the feed answers 304 to our ETag; then a new version with two new items.
    responses.replace(responses.GET, GOOD, status=304)
    again = {r.source: r for r in poll_feeds(app)}
    assert again[GOOD].stored == []
    assert responses.calls[-1].request.headers["If-None-Match"] == '"v1"'

    second = rss(("Fresh story", "a1", "Wed, 25 Nov 2026 07:30:00 GMT"),
                 ("Second story", "a2", "Wed, 25 Nov 2026 07:40:00 GMT"),
                 ("Third story", "a3", "Wed, 25 Nov 2026 07:45:00 GMT"),
                 ("Old story from last week", "a0", "Wed, 18 Nov 2026 07:30:00 GMT"))
    responses.replace(responses.GET, GOOD, body=second, headers={"ETag": '"v2"'})
    responses.get("https://img.example-news.com.tr/a2.jpg", status=404)
    responses.get("https://img.example-news.com.tr/a3.jpg", status=404)
    responses.get("https://img.example-news.com.tr/a0.jpg", status=404)
    third = {r.source: r for r in poll_feeds(app)}[GOOD]
    outcomes = sorted(s.outcome.value for s in third.stored)
    # every new item is taken (after the first poll the cutoff no longer applies)
    assert outcomes == ["created", "created", "created", "unchanged"]
    headlines = {v.headline for v in posts.list_posts(app)}
    assert {"Fresh story", "Second story", "Third story"} <= headlines
