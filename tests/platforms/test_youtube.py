"""YouTube specifics: OAuth connect, statistics, SAPISIDHASH and the fallback to assisted."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import responses

from socialbot.domain import AuthExpired, PostKind
from socialbot.platforms.youtube import connect_youtube
from socialbot.platforms.youtube_internal import sapisidhash
from tests.platforms import payloads as P
from tests.platforms.conftest import make_post
from tests.platforms.harness import SAPISID, YTI, YouTubeInternalHarness, _google

SECRETS = {"installed": {"client_id": "1234567890-abc.apps.googleusercontent.com", "client_secret": "GOCSPX-secret0123",
                         "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                         "token_uri": "https://oauth2.googleapis.com/token", "redirect_uris": ["http://localhost"]}}


@responses.activate
def test_connect_exchanges_the_pasted_redirect_for_a_refresh_token() -> None:
    responses.post("https://oauth2.googleapis.com/token", json={
        "access_token": "ya29.a0Af", "expires_in": 3599, "refresh_token": "1//0gNEWrefresh0123456789",
        "scope": " ".join(["https://www.googleapis.com/auth/youtube.readonly",
                           "https://www.googleapis.com/auth/yt-analytics.readonly"]), "token_type": "Bearer"})
    shown: list[str] = []

    def paste(url: str) -> str:
        shown.append(url)
        return "http://localhost/?code=4/0AcodeFromGoogle&scope=https://www.googleapis.com/auth/youtube.readonly"

    assert connect_youtube(SECRETS, paste) == "1//0gNEWrefresh0123456789"
    query = parse_qs(urlparse(shown[0]).query)
    assert query["access_type"] == ["offline"] and query["code_challenge_method"] == ["S256"]
    body = parse_qs(responses.calls[0].request.body)
    assert body["code"] == ["4/0AcodeFromGoogle"] and body["code_verifier"][0]


@responses.activate
def test_connect_without_refresh_token_says_what_to_do() -> None:
    responses.post("https://oauth2.googleapis.com/token", json={"access_token": "ya29.a0Af", "expires_in": 3599,
                                                                "token_type": "Bearer", "scope": "x"})
    with pytest.raises(AuthExpired, match="connect again"):
        connect_youtube(SECRETS, lambda _url: "4/0Acode", scopes=["x"])


def test_statistics_and_analytics(tmp_path: Path) -> None:
    with responses.RequestsMock() as rsps:
        h = YouTubeInternalHarness(rsps, tmp_path)
        pub = h.build("none")
    pub._base_http = _google((200, P.YT_TOKEN), (200, P.YT_CHANNELS), (200, P.YT_ANALYTICS))
    assert pub.channel_statistics() == {"viewCount": 1834022, "subscriberCount": 48200, "videoCount": 612}
    rows = pub.analytics(date(2026, 1, 14), date(2026, 1, 15), metrics=("views", "likes"))
    assert rows == [{"day": "2026-01-14", "views": 1520, "likes": 88}, {"day": "2026-01-15", "views": 1711, "likes": 93}]


def test_sapisidhash_is_sha1_of_time_sapisid_origin() -> None:
    value = sapisidhash("abc", now=1700000000)
    expected = hashlib.sha1(b"1700000000 abc https://www.youtube.com").hexdigest()
    assert value == f"SAPISIDHASH 1700000000_{expected}"


def internal(tmp_path: Path, rsps: responses.RequestsMock) -> tuple[YouTubeInternalHarness, Any]:
    h = YouTubeInternalHarness(rsps, tmp_path)
    return h, h.build("publish")


def test_internal_post_sends_the_web_clients_authorization(tmp_path: Path, cards: dict[Any, Any]) -> None:
    with responses.RequestsMock() as rsps:
        h, pub = internal(tmp_path, rsps)
        h.arm("publish")
        pub.publish(h.post(), cards[PostKind.YT_COMMUNITY.card_format])
        create = rsps.calls[-1].request
    stamp, digest = create.headers["Authorization"].removeprefix("SAPISIDHASH ").split("_")
    assert digest == hashlib.sha1(f"{stamp} {SAPISID} https://www.youtube.com".encode()).hexdigest()
    body = json.loads(create.body)
    assert body["commentText"] == make_post(PostKind.YT_COMMUNITY).text
    assert body["createBackstagePostParams"].startswith("Ehh")
    assert body["imageAttachment"] == {"encryptedBlobId": "AGj_blob_0123"}
    assert "SAPISID=" in create.headers["Cookie"]


@pytest.mark.parametrize("failure", ["logged_out", "attestation", "refused"])
def test_internal_falls_back_to_assisted_without_losing_the_post(tmp_path: Path, failure: str) -> None:
    with responses.RequestsMock() as rsps:
        h, pub = internal(tmp_path, rsps)
        if failure == "logged_out":
            rsps.post(f"{YTI}/browse", json=P.YT_LOGGED_OUT)
        else:
            rsps.post(f"{YTI}/browse", json=P.YT_BROWSE_POSTS)
            status, body = (400, P.YT_ATTESTATION) if failure == "attestation" else (401, {})
            rsps.post(f"{YTI}/backstage/create_post", json=body, status=status)
        result = pub.publish(h.post(), None)
    assert result.manual and result.url.endswith("/community")
    assert result.remote_id == f"pending:{h.post().idempotency_key}"
    assert pub.last_note.startswith("internal posting unavailable")


def test_internal_without_cookies_file_is_assisted(tmp_path: Path) -> None:
    with responses.RequestsMock() as rsps:
        h, pub = internal(tmp_path, rsps)
    (tmp_path / "cookies.txt").write_text("# Netscape HTTP Cookie File\n.youtube.com\tTRUE\t/\tTRUE\t1893456000\tSID\tx\n")
    assert pub.publish(h.post(), None).manual
    assert "SAPISID" in pub.last_note
