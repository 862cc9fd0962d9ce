"""X specifics: what goes over the wire, chunked upload, metrics batching, cost."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import responses

from socialbot.domain import HealthStatus, Platform, PostKind, Published
from socialbot.platforms.base import Credentials
from socialbot.platforms.prices import Prices, load_prices
from socialbot.platforms.x import XPublisher
from tests.platforms import payloads as P
from tests.platforms.conftest import make_post
from tests.platforms.harness import X_ACCOUNT, X_ENV, XM, X, XHarness


def publisher(**kw: Any) -> XPublisher:
    return XPublisher("newsroom", Credentials.from_account(X_ACCOUNT, X_ENV), **kw)


@responses.activate
def test_publish_uploads_sets_alt_text_and_signs_with_the_access_token(cards: dict[Any, Any]) -> None:
    XHarness(responses.mock, Path()).arm("publish")
    result = publisher(prices=Prices(post=0.01, post_with_url=0.25)).publish(
        make_post(PostKind.X_POST), cards[PostKind.X_POST.card_format])
    upload, metadata, tweet = responses.calls
    assert b'name="media_category"' in upload.request.body and b"tweet_image" in upload.request.body
    assert json.loads(metadata.request.body) == {
        "id": P.X_MEDIA_ID, "metadata": {"alt_text": {"text": "Card reading: Turkey signs drone deal"}}}
    assert json.loads(tweet.request.body)["media"] == {"media_ids": [P.X_MEDIA_ID]}
    for call in (upload, metadata, tweet):
        auth = call.request.headers["Authorization"]
        assert auth.startswith("OAuth ") and f'oauth_token="{X_ENV["X_MAIN_ACCESS_TOKEN"]}"' in auth
    assert result.cost_usd == 0.25  # the post carries a link


@responses.activate
def test_large_images_go_up_in_chunks_and_wait_for_processing(cards: dict[Any, Any]) -> None:
    mid = P.X_MEDIA_ID
    responses.post(f"{XM}/media/upload/initialize", json={"data": {"id": mid, "media_key": f"3_{mid}", "expires_after_secs": 86400}})
    responses.post(f"{XM}/media/upload/{mid}/append", json={"data": {"expires_at": 1768557602}})
    responses.post(f"{XM}/media/upload/{mid}/finalize", json={"data": {"id": mid, "media_key": f"3_{mid}", "size": 1,
                   "processing_info": {"state": "pending", "check_after_secs": 1}}})
    responses.get(f"{XM}/media/upload", json={"data": {"id": mid, "processing_info": {"state": "succeeded", "progress_percent": 100}}})
    responses.post(f"{XM}/media/metadata", json=P.X_METADATA)
    waits: list[float] = []
    card = cards[PostKind.X_POST.card_format]
    pub = publisher(simple_upload_max=1000, chunk_size=len(card.jpeg) // 3 + 1, sleep=waits.append)
    assert pub.upload_media(card) == mid
    appends = [c for c in responses.calls if c.request.url.endswith("/append")]
    assert len(appends) == 3 and b'name="segment_index"' in appends[2].request.body
    assert waits == [1.0]
    assert json.loads(responses.calls[0].request.body)["total_bytes"] == len(card.jpeg)


@responses.activate
def test_metrics_batch_100_ids_and_ask_private_fields_only_for_recent_posts() -> None:
    responses.get(f"{X}/tweets", json=P.X_TWEETS_METRICS)
    now = datetime.now(UTC)
    refs = [Published(Platform.X, str(i), "", published_at=now - timedelta(days=1)) for i in range(150)]
    refs.append(Published(Platform.X, "old", "", published_at=now - timedelta(days=90)))
    result = publisher().metrics(refs)
    urls = [c.request.url for c in responses.calls]
    assert len(urls) == 3  # 100 + 50 recent, 1 old
    assert "non_public_metrics" in urls[0] and "non_public_metrics" not in urls[2]
    assert urls[0].count("%2C") >= 99  # 100 ids in one call
    m = result[0]
    assert (m.impressions, m.clicks, m.reposts, m.replies, m.saves) == (5120, 88, 7, 3, 5)
    assert m.extra["organic_like_count"] == 41


@responses.activate
def test_find_existing_misses_when_no_post_carries_the_link() -> None:
    responses.get(f"{X}/users/me", json=P.X_ME)
    responses.get(f"{X}/users/{P.X_USER_ID}/tweets", json=P.x_timeline("https://news.example/something-else"))
    assert publisher().find_existing(make_post(PostKind.X_POST)) is None


@responses.activate
def test_check_names_the_fix_when_credentials_are_refused() -> None:
    responses.get(f"{X}/users/me", json=P.X_UNAUTHORIZED, status=401)
    health = publisher().check()
    assert health.status == HealthStatus.NEEDS_ATTENTION
    assert "access token" in health.fix


@responses.activate
def test_check_notices_credentials_of_another_account() -> None:
    responses.get(f"{X}/users/me", json={"data": {"id": "1", "name": "Other", "username": "someone_else"}})
    health = publisher().check()
    assert health.status == HealthStatus.NEEDS_ATTENTION and "@someone_else" in health.reason


@responses.activate
def test_oauth2_user_token_is_sent_as_bearer() -> None:
    responses.post(f"{X}/tweets", json=P.X_CREATE, status=201)
    creds = Credentials("x-main", {"oauth2_user_token": "oauth2-user-token-value-123"})
    XPublisher("newsroom", creds).publish(make_post(PostKind.X_POST, text="No link here"), None)
    assert responses.calls[0].request.headers["Authorization"] == "Bearer oauth2-user-token-value-123"


def test_prices_file_matches_the_2026_table(tmp_path: Path) -> None:
    prices = load_prices()
    assert (prices.post, prices.post_with_url, prices.read, prices.own_read) == (0.015, 0.20, 0.005, 0.001)
    bad = tmp_path / "prices.toml"
    bad.write_text("[x]\npost = 1\nposts_typo = 2\n")
    with pytest.raises(ValueError, match="posts_typo"):
        load_prices(bad)
    assert load_prices(tmp_path / "absent.toml") == Prices()
