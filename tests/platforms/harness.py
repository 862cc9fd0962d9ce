"""One harness per publisher: builds it and arms the HTTP boundary for a contract case.

Each harness drives the real client library (tweepy, instagrapi, googleapiclient, requests);
only the network answers are canned."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import responses
from googleapiclient.http import HttpMockSequence
from instagrapi import Client

from socialbot.domain import Account, CardImage, Platform, Post, PostKind, Published
from socialbot.platforms.base import Credentials, MemoryVault
from socialbot.platforms.instagram import SETTINGS, InstagramPublisher
from socialbot.platforms.x import XPublisher
from socialbot.platforms.youtube import REFRESH_TOKEN, YouTubePublisher
from tests.platforms import payloads as P
from tests.platforms.conftest import LINK, make_post

X_ENV = {
    "X_MAIN_CONSUMER_KEY": "ck-xmain-0123456789",
    "X_MAIN_CONSUMER_SECRET": "cs-xmain-secret-abcdefghijklmnop",
    "X_MAIN_ACCESS_TOKEN": "1587345610416558081-AccessTokenValue0123",
    "X_MAIN_ACCESS_TOKEN_SECRET": "ats-xmain-secret-qrstuvwxyz",
}
X_ACCOUNT = Account(name="x-main", platform=Platform.X, handle="newsroom", credentials={
    "consumer_key": "X_MAIN_CONSUMER_KEY", "consumer_secret": "X_MAIN_CONSUMER_SECRET",
    "access_token": "X_MAIN_ACCESS_TOKEN", "access_token_secret": "X_MAIN_ACCESS_TOKEN_SECRET"})
IG_ENV = {"IG_MAIN_USERNAME": "newsroom", "IG_MAIN_PASSWORD": "hunter2-ig-password-S3cret"}
IG_ACCOUNT = Account(name="ig-main", platform=Platform.INSTAGRAM, handle="newsroom",
                     kinds=(PostKind.IG_FEED, PostKind.IG_STORY),
                     credentials={"username": "IG_MAIN_USERNAME", "password": "IG_MAIN_PASSWORD"})
IG_SESSIONID = f"{P.IG_USER_ID}%3AsEsSiOnSeCrEt0123%3A12%3AAYd"
YT_ENV = {"YT_MAIN_CLIENT_ID": "1234567890-abc.apps.googleusercontent.com",
          "YT_MAIN_CLIENT_SECRET": "GOCSPX-clientsecretvalue0123"}
YT_ACCOUNT = Account(name="yt-main", platform=Platform.YOUTUBE, handle="newsroom",
                     credentials={"client_id": "YT_MAIN_CLIENT_ID", "client_secret": "YT_MAIN_CLIENT_SECRET"})
YT_REFRESH = "1//0gRefreshTokenSecretValue0123456789"
SAPISID = "sApIsIdCookieValue/AbCdEfGhIj"

X = "https://api.twitter.com/2"
XM = "https://api.x.com/2"
IG = "https://i.instagram.com/api/v1"
YTI = "https://www.youtube.com/youtubei/v1"


def ig_settings() -> dict[str, Any]:
    settings = Client(private_transport="requests").get_settings()
    settings["authorization_data"] = {"ds_user_id": P.IG_USER_ID, "sessionid": IG_SESSIONID}
    settings["cookies"] = {}
    return settings


class Harness:
    """What every contract case needs from a platform."""

    name = ""
    kind: PostKind
    secrets: tuple[str, ...] = ()
    errors: tuple[str, ...] = ("transient", "rate", "auth", "rejected")

    def __init__(self, rsps: responses.RequestsMock, tmp: Path) -> None:
        self.rsps, self.tmp = rsps, tmp

    def post(self) -> Post:
        return make_post(self.kind)

    def card(self, cards: dict[Any, CardImage]) -> CardImage:
        return cards[self.kind.card_format]

    def published(self) -> Published:
        raise NotImplementedError

    def trigger(self, publisher: Any, case: str) -> Callable[[], Any]:
        """The call that meets the armed failure."""
        return lambda: publisher.publish(self.post(), None)


class XHarness(Harness):
    name, kind = "x", PostKind.X_POST
    secrets = tuple(X_ENV.values())

    def build(self, case: str) -> XPublisher:
        return XPublisher("newsroom", Credentials.from_account(X_ACCOUNT, X_ENV))

    def arm(self, case: str) -> None:
        r = self.rsps
        if case == "publish":
            r.post(f"{XM}/media/upload", json=P.X_MEDIA_UPLOAD)
            r.post(f"{XM}/media/metadata", json=P.X_METADATA)
            r.post(f"{X}/tweets", json=P.X_CREATE, status=201)
        elif case == "find":
            r.get(f"{X}/users/me", json=P.X_ME)
            r.get(f"{X}/users/{P.X_USER_ID}/tweets", json=P.x_timeline(LINK))
        elif case == "metrics":
            r.get(f"{X}/tweets", json=P.X_TWEETS_METRICS)
        elif case == "check":
            r.get(f"{X}/users/me", json=P.X_ME)
        else:
            status, body, headers = {
                "transient": (503, {"title": "Service Unavailable", "detail": "Service Unavailable"}, {}),
                "rate": (429, P.X_TOO_MANY, {"x-rate-limit-reset": "1893456000", "x-rate-limit-remaining": "0"}),
                # X echoing the request is unusual, but a leak must be masked all the same.
                "auth": (401, {**P.X_UNAUTHORIZED, "detail": f"Unauthorized token {X_ENV['X_MAIN_ACCESS_TOKEN']}"}, {}),
                "rejected": (403, P.X_DUPLICATE, {}),
            }[case]
            r.post(f"{X}/tweets", json=body, status=status, headers=headers)

    def published(self) -> Published:
        return Published(Platform.X, P.X_TWEET_ID, "https://x.com/newsroom/status/" + P.X_TWEET_ID)


class InstagramHarness(Harness):
    name, kind = "instagram", PostKind.IG_FEED
    secrets = (IG_ENV["IG_MAIN_PASSWORD"], IG_SESSIONID)

    def build(self, case: str) -> InstagramPublisher:
        vault = MemoryVault()
        vault.save("ig-main", SETTINGS, json.dumps(ig_settings()).encode())
        self.vault = vault
        return InstagramPublisher("ig-main", "newsroom", Credentials.from_account(IG_ACCOUNT, IG_ENV), vault,
                                  delay_range=(0, 0))

    def arm(self, case: str) -> None:
        r = self.rsps
        feed = re.compile(re.escape(f"{IG}/feed/user/{P.IG_USER_ID}/") + ".*")
        if case == "publish":
            r.get(feed, json={"items": [], "num_results": 0, "more_available": False, "status": "ok"})
            r.post(re.compile(r"https://i\.instagram\.com/rupload_igphoto/.*"),
                   json={"upload_id": "1768471200000", "xsharing_nonces": {}, "status": "ok"})
            r.post(f"{IG}/media/configure/", json={"media": P.ig_media(self.post().text), "status": "ok"})
        elif case == "find":
            r.get(feed, json={"items": [P.ig_media("Other story https://news.example/other", pk="3550000000000000001", code="C8aaa"),
                                        P.ig_media(self.post().text)],
                              "num_results": 2, "more_available": False, "status": "ok"})
        elif case == "metrics":
            r.get(f"{IG}/media/{P.IG_MEDIA_PK}/info/",
                  json={"items": [P.ig_media("x", likes=321)], "num_results": 1, "status": "ok"})
        elif case == "check":
            r.get(f"{IG}/accounts/current_user/", json=P.IG_ACCOUNT)
        else:
            status, body = {
                "transient": (502, {"message": "", "status": "fail"}),
                "rate": (400, P.IG_THROTTLED),
                "auth": (400, {**P.IG_CHALLENGE, "echo": IG_SESSIONID}),
                "rejected": (400, P.IG_FEEDBACK),
            }[case]
            r.get(f"{IG}/media/{P.IG_MEDIA_PK}/info/", json=body, status=status)

    def trigger(self, publisher: Any, case: str) -> Callable[[], Any]:
        return lambda: publisher.metrics([self.published()])

    def published(self) -> Published:
        return Published(Platform.INSTAGRAM, P.IG_MEDIA_PK, "https://www.instagram.com/p/C9xYzAbCdEf/")


def _google(*bodies: tuple[int, Any]) -> HttpMockSequence:
    return HttpMockSequence([({"status": str(s)}, json.dumps(b)) for s, b in bodies])


class YouTubeHarness(Harness):
    name, kind = "youtube-assisted", PostKind.YT_COMMUNITY
    mode = "assisted"
    secrets = (YT_REFRESH, YT_ENV["YT_MAIN_CLIENT_SECRET"])

    def http_for(self, case: str) -> HttpMockSequence:
        token = (200, P.YT_TOKEN)
        return {
            "check": _google(token, (200, P.YT_CHANNELS)),
            "transient": _google(token, (503, P.google_error(503, "backendError", "Backend Error"))),
            "rate": _google(token, (403, P.google_error(403, "quotaExceeded", "The request cannot be completed because you have exceeded your quota."))),
            "auth": _google((400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."})),
            "rejected": _google(token, (400, P.google_error(400, "badRequest", "Unknown identifier (nope) given in field parameters.metrics."))),
        }.get(case, _google())

    def build(self, case: str) -> YouTubePublisher:
        vault = MemoryVault()
        vault.save("yt-main", REFRESH_TOKEN, YT_REFRESH.encode())
        self.http = self.http_for(case)
        return YouTubePublisher("yt-main", "newsroom", Credentials.from_account(YT_ACCOUNT, YT_ENV), vault,
                                channel_id=P.YT_CHANNEL_ID, mode=self.mode, http=self.http,
                                cookies_file=self.cookies())

    def cookies(self) -> Path | None:
        return None

    def arm(self, case: str) -> None:
        pass

    def trigger(self, publisher: YouTubePublisher, case: str) -> Callable[[], Any]:
        if case == "rejected":
            import datetime as dt

            return lambda: publisher.analytics(dt.date(2026, 1, 1), dt.date(2026, 1, 2), metrics=("nope",))
        return publisher.channel_statistics

    def published(self) -> Published:
        return Published(Platform.YOUTUBE, "UgkxNEWPOSTid12345", "https://www.youtube.com/post/UgkxNEWPOSTid12345")


class YouTubeInternalHarness(YouTubeHarness):
    name, mode = "youtube-internal", "internal"
    secrets = (*YouTubeHarness.secrets, SAPISID)

    def cookies(self) -> Path:
        path = self.tmp / "cookies.txt"
        rows = [("SAPISID", SAPISID), ("SID", "g.a000sidvalue"), ("__Secure-3PAPISID", SAPISID)]
        path.write_text("# Netscape HTTP Cookie File\n" + "".join(
            f".youtube.com\tTRUE\t/\tTRUE\t1893456000\t{n}\t{v}\n" for n, v in rows))
        return path

    def arm(self, case: str) -> None:
        r = self.rsps
        if case == "publish":
            r.post(f"{YTI}/browse", json=P.YT_BROWSE_POSTS)
            r.post("https://www.youtube.com/channel_image_upload/posts", body="",
                   headers={"X-Goog-Upload-URL": "https://www.youtube.com/channel_image_upload/posts?upload_id=ADPyc1&upload_protocol=resumable",
                            "X-Goog-Upload-Status": "active"})
            r.post("https://www.youtube.com/channel_image_upload/posts?upload_id=ADPyc1&upload_protocol=resumable",
                   json={"encryptedBlobId": "AGj_blob_0123"})
            r.post(f"{YTI}/backstage/create_post", json=P.YT_CREATE_POST)
        elif case == "find":
            browse = json.loads(json.dumps(P.YT_BROWSE_POSTS))
            items = browse["contents"]["twoColumnBrowseResultsRenderer"]["tabs"][0]["tabRenderer"]["content"]
            items["sectionListRenderer"]["contents"][0]["itemSectionRenderer"]["contents"].append(
                {"backstagePostThreadRenderer": {"post": {"backstagePostRenderer": {
                    "postId": "UgkxNEWPOSTid12345", "contentText": {"runs": [
                        {"text": "Turkey signs drone deal "},
                        {"text": "news.example/defence/drone…", "navigationEndpoint": {"urlEndpoint": {"url": LINK}}}]}}}}})
            r.post(f"{YTI}/browse", json=browse)

    def trigger(self, publisher: YouTubePublisher, case: str) -> Callable[[], Any]:
        # Platform failures of the internal endpoint itself surface from publish.
        status, body = {"transient": (500, {}), "rate": (429, {}),
                        "rejected": (400, {"error": {"code": 400, "message": "Post text too long", "status": "INVALID_ARGUMENT"}})
                        }.get(case, (0, None))
        if body is None:
            return super().trigger(publisher, case)
        self.rsps.post(f"{YTI}/browse", json=P.YT_BROWSE_POSTS)
        self.rsps.post(f"{YTI}/backstage/create_post", json=body, status=status)
        return lambda: publisher.publish(self.post(), None)


HARNESSES = [XHarness, InstagramHarness, YouTubeHarness, YouTubeInternalHarness]
