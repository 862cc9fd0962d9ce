"""Instagram specifics: alt text, stories, session reuse and relogin, headless challenges."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import responses

from socialbot.domain import AuthExpired, HealthStatus, Platform, PostKind, Published, Rejected
from socialbot.platforms.base import Credentials, MemoryVault
from socialbot.platforms.instagram import SETTINGS, InstagramPublisher
from tests.platforms import payloads as P
from tests.platforms.conftest import LINK, make_post
from tests.platforms.harness import IG, IG_ACCOUNT, IG_ENV, InstagramHarness, ig_settings

pytestmark = pytest.mark.usefixtures("no_sleep")


def signed_body(call: Any) -> dict[str, Any]:
    """instagrapi posts ``signed_body=SIGNATURE.{json}``."""
    raw = parse_qs(call.request.body)["signed_body"][0]
    return json.loads(raw.split(".", 1)[1])


def publisher(vault: MemoryVault | None = None, **kw: Any) -> InstagramPublisher:
    if vault is None:
        vault = MemoryVault()
        vault.save("ig-main", SETTINGS, json.dumps(ig_settings()).encode())
    return InstagramPublisher("ig-main", "newsroom", Credentials.from_account(IG_ACCOUNT, IG_ENV), vault,
                              delay_range=(0, 0), **kw)


@responses.activate
def test_feed_post_carries_caption_and_accessibility_caption(cards: dict[Any, Any]) -> None:
    InstagramHarness(responses.mock, Path()).arm("publish")
    pub = publisher()
    pub.publish(make_post(PostKind.IG_FEED), cards[PostKind.IG_FEED.card_format])
    configure = signed_body(responses.calls[-1])
    assert configure["caption"] == make_post(PostKind.IG_FEED).text
    assert configure["custom_accessibility_caption"] == "Card reading: Turkey signs drone deal"
    # the saved session was used: no login call, and the session's authorization went along
    assert not any("login" in c.request.url for c in responses.calls)
    assert responses.calls[-1].request.headers["Authorization"].startswith("Bearer IGT:2:")


@responses.activate
def test_story_gets_a_link_sticker_when_the_account_allows(cards: dict[Any, Any]) -> None:
    story = P.ig_media("", pk="3550999999999999999", code="DAstory")
    story["product_type"] = "story"
    responses.get(re.compile(re.escape(f"{IG}/feed/user/{P.IG_USER_ID}/story/") + ".*"),
                  json={"reel": None, "status": "ok"})
    responses.post(re.compile(r"https://i\.instagram\.com/rupload_igphoto/.*"), json={"upload_id": "1", "status": "ok"})
    responses.post(f"{IG}/media/validate_reel_url/", json={"status": "ok"})
    responses.post(f"{IG}/media/configure_to_story/", json={"media": story, "status": "ok"})
    result = publisher(story_links=True).publish(make_post(PostKind.IG_STORY), cards[PostKind.IG_STORY.card_format])
    validated = signed_body(next(c for c in responses.calls if "validate_reel_url" in c.request.url))
    assert validated["url"] == LINK
    assert "story_link" in json.dumps(signed_body(responses.calls[-1]))
    assert result.url == "https://www.instagram.com/stories/newsroom/3550999999999999999/"


@responses.activate
def test_rejected_session_logs_in_again_once_then_reports_the_challenge() -> None:
    responses.get(f"{IG}/media/{P.IG_MEDIA_PK}/info/", json=P.IG_LOGIN_REQUIRED, status=403)
    # Whatever the login flow asks first, Instagram answers with a challenge.
    responses.add(responses.POST, re.compile(r"https://[a-z.]*instagram\.com/.*"), json=P.IG_CHALLENGE, status=400)
    responses.add(responses.GET, re.compile(r"https://[a-z.]*instagram\.com/.*"), json=P.IG_CHALLENGE, status=400)
    vault = MemoryVault()
    vault.save("ig-main", SETTINGS, json.dumps(ig_settings()).encode())
    before = dict(vault.items)
    with pytest.raises(AuthExpired, match="refused the session"):
        publisher(vault).metrics([Published(Platform.INSTAGRAM, P.IG_MEDIA_PK, "")])
    assert vault.items == before  # a failed login does not overwrite the saved session


@responses.activate
def test_first_login_never_prompts_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("builtins.input", lambda *_a: pytest.fail("input() was called"))
    responses.add(responses.POST, re.compile(r"https://[a-z.]*instagram\.com/.*"), json=P.IG_CHALLENGE, status=400)
    responses.add(responses.GET, re.compile(r"https://[a-z.]*instagram\.com/.*"), json=P.IG_CHALLENGE, status=400)
    health = publisher(MemoryVault()).check()
    assert health.status == HealthStatus.NEEDS_ATTENTION
    assert "ChallengeRequired" in health.reason and "accounts connect ig-main" in health.fix


def test_no_password_means_auth_expired_not_a_crash() -> None:
    creds = Credentials("ig-main", {"username": "newsroom"})
    pub = InstagramPublisher("ig-main", "newsroom", creds, MemoryVault(), delay_range=(0, 0))
    with pytest.raises(AuthExpired, match="no password"):
        pub.find_existing(make_post(PostKind.IG_FEED))


@responses.activate
def test_feedback_message_is_the_rejection_reason() -> None:
    responses.get(f"{IG}/media/{P.IG_MEDIA_PK}/info/", json=P.IG_FEEDBACK, status=400)
    with pytest.raises(Rejected, match="We restrict certain activity"):
        publisher().metrics([Published(Platform.INSTAGRAM, P.IG_MEDIA_PK, "")])


@responses.activate
def test_professional_accounts_get_insights() -> None:
    responses.get(f"{IG}/media/{P.IG_MEDIA_PK}/info/", json={"items": [P.ig_media("x")], "status": "ok"})
    responses.post(f"{IG}/ads/graphql/", json={"data": {"instagram_post_by_igid": {
        "id": P.IG_MEDIA_PK, "inline_insights_node": {"metrics": {
            "impression_count": 2400, "reach_count": 1900, "share_count": 12, "save_count": 30,
            "owner_profile_views_count": 15}}}}, "status": "ok"})
    (m,) = publisher(professional=True).metrics([Published(Platform.INSTAGRAM, P.IG_MEDIA_PK, "")])
    assert (m.likes, m.replies, m.impressions, m.saves, m.reposts) == (120, 9, 2400, 30, 12)
    assert m.extra["reach_count"] == 1900


def test_temp_files_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cards: dict[Any, Any]) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    with responses.RequestsMock() as rsps:
        rsps.get(re.compile(re.escape(f"{IG}/feed/user/") + ".*"), json={"items": [], "status": "ok"})
        rsps.post(re.compile(r"https://i\.instagram\.com/rupload_igphoto/.*"), json={"status": "fail"}, status=500)
        with pytest.raises(Exception):  # noqa: B017 - which class is the contract suite's business
            publisher().publish(make_post(PostKind.IG_FEED), cards[PostKind.IG_FEED.card_format])
    assert list(tmp_path.iterdir()) == []


def _story_item(pk: str, url: str) -> dict[str, Any]:
    """A story as feed/user/{id}/story/ returns it: a link sticker carries the URL."""
    item = P.ig_media("", pk=pk, code=f"DA{pk[-4:]}")
    item.pop("caption")
    item["product_type"] = "story"
    item["story_link_stickers"] = [{
        "x": 0.5, "y": 0.5, "z": 0, "width": 0.5, "height": 0.1, "rotation": 0.0,
        "story_link": {"url": url, "link_title": "Read more", "link_type": "web",
                       "display_url": url.split("//", 1)[-1]},
    }]
    return item


@responses.activate
def test_a_story_is_found_by_its_link_sticker() -> None:
    responses.get(re.compile(re.escape(f"{IG}/feed/user/{P.IG_USER_ID}/story/") + ".*"), json={
        "reel": {"id": P.IG_USER_ID, "items": [
            _story_item("3550000000000000001", "https://news.example/another-story"),
            _story_item("3550000000000000002", LINK),
        ]}, "status": "ok"})
    found = publisher(story_links=True).find_existing(make_post(PostKind.IG_STORY))
    assert found is not None and found.remote_id == "3550000000000000002"
    assert found.url == "https://www.instagram.com/stories/newsroom/3550000000000000002/"


@responses.activate
def test_a_story_not_among_live_stories_is_not_found() -> None:
    responses.get(re.compile(re.escape(f"{IG}/feed/user/{P.IG_USER_ID}/story/") + ".*"), json={
        "reel": {"id": P.IG_USER_ID, "items": [
            _story_item("3550000000000000001", "https://news.example/another-story")]},
        "status": "ok"})
    assert publisher(story_links=True).find_existing(make_post(PostKind.IG_STORY)) is None


def test_a_story_without_a_link_sticker_cannot_be_reconciled_so_a_person_decides() -> None:
    with pytest.raises(Rejected, match="cannot tell whether this story went out"):
        publisher(story_links=False).find_existing(make_post(PostKind.IG_STORY))
