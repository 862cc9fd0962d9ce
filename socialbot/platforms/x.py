"""X (Twitter): posts through tweepy's v2 Client, images through X's v2 media upload.

tweepy 4.17 has no v2 media upload, so the upload calls are made here with requests, signed
by tweepy's OAuth 1.0a handler (or the OAuth 2 user token), on a session tests can intercept."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
import tweepy

from socialbot.domain.account import AccountHealth, HealthStatus
from socialbot.domain.card import CardImage
from socialbot.domain.errors import AuthExpired, RateLimited, Rejected, Transient
from socialbot.domain.post import Platform, Post
from socialbot.domain.publishing import Metrics, Published
from socialbot.platforms.base import Credentials, redact
from socialbot.platforms.prices import Prices

log = logging.getLogger(__name__)

OAUTH1_KEYS = ("consumer_key", "consumer_secret", "access_token", "access_token_secret")
OAUTH2_KEYS = ("oauth2_user_token",)
MEDIA_HOST = "https://api.x.com"  # X's documented host for v2 media; tweepy's Client uses api.twitter.com
SIMPLE_UPLOAD_MAX = 4 * 1024 * 1024  # larger images go up in chunks
CHUNK_SIZE = 1024 * 1024
BATCH = 100  # GET /2/tweets takes up to 100 ids
PRIVATE_METRICS_WINDOW = timedelta(days=30)
TIMEOUT = 30.0


def _until(reset: Any) -> datetime:
    """``x-rate-limit-reset`` (epoch seconds) as a UTC time; 15 minutes when X gave none."""
    try:
        return datetime.fromtimestamp(int(reset), tz=UTC)
    except (TypeError, ValueError):
        return datetime.now(UTC) + timedelta(minutes=15)


def _x_message(response: Any) -> str:
    """X's own words from an error body (v2 ``detail``/``title`` or ``errors[].message``)."""
    try:
        body = response.json()
    except Exception:
        return redact(str(getattr(response, "text", ""))[:300])
    parts: list[str] = []
    for key in ("detail", "title"):
        if isinstance(body.get(key), str):
            parts.append(body[key])
            break
    for err in body.get("errors") or []:
        if isinstance(err, dict) and err.get("message") and err["message"] not in parts:
            parts.append(err["message"])
    return redact("; ".join(parts) or f"HTTP {getattr(response, 'status_code', '?')}")


def classify_status(status: int, headers: Any, message: str) -> Exception | None:
    """The taxonomy error for an X HTTP status, or None for a success."""
    if status < 400:
        return None
    if status == 429:
        return RateLimited(f"X rate limit: {message}", _until(headers.get("x-rate-limit-reset")))
    if status == 401:
        return AuthExpired(f"X refused the credentials: {message}")
    if status >= 500:
        return Transient(f"X server error {status}: {message}")
    # 400 invalid, 403 duplicate content or policy, 404 gone: the post will not go as it is.
    return Rejected(f"X: {message}")


@contextmanager
def x_errors() -> Iterator[None]:
    """Translate tweepy and requests failures into the publisher error taxonomy."""
    try:
        yield
    except tweepy.TooManyRequests as exc:
        raise RateLimited(f"X rate limit: {_x_message(exc.response)}", _until(exc.reset_time)) from None
    except tweepy.HTTPException as exc:
        response = exc.response
        error = classify_status(response.status_code, response.headers, _x_message(response))
        raise (error or Transient(f"X: unexpected HTTP {response.status_code}")) from None
    except (requests.Timeout, requests.ConnectionError) as exc:
        raise Transient(f"X unreachable: {type(exc).__name__}") from None
    except tweepy.TweepyException as exc:
        raise Transient(redact(f"X client error: {exc}")) from None


class XPublisher:
    """Posts to one X account. Raises only Transient, RateLimited, AuthExpired, Rejected."""

    platform = Platform.X

    def __init__(
        self,
        handle: str,
        creds: Credentials,
        *,
        prices: Prices | None = None,
        session: requests.Session | None = None,
        simple_upload_max: int = SIMPLE_UPLOAD_MAX,
        chunk_size: int = CHUNK_SIZE,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.handle = handle.lstrip("@")
        self.prices = prices or Prices()
        self.simple_upload_max = simple_upload_max
        self.chunk_size = chunk_size
        self.sleep = sleep
        self.spent_usd = 0.0  # running estimate of every billed call this publisher made
        self._user_id: str | None = None
        self.session = session or requests.Session()
        if creds.has(OAUTH1_KEYS):
            ck, cs, at, ats = (creds.values[k] for k in OAUTH1_KEYS)
            self.client = tweepy.Client(
                consumer_key=ck, consumer_secret=cs, access_token=at, access_token_secret=ats
            )
            # apply_auth() signs with the access token; the bare .oauth would not.
            self.session.auth = tweepy.OAuth1UserHandler(ck, cs, at, ats).apply_auth()
            self.user_auth = True
        elif creds.has(OAUTH2_KEYS):
            token = creds.values["oauth2_user_token"]
            self.client = tweepy.Client(bearer_token=token)
            self.session.headers["Authorization"] = f"Bearer {token}"
            self.user_auth = False  # tweepy: bearer means "not OAuth 1.0a"; it is still a user token
        else:
            raise ValueError(f"{creds.account}: X needs OAuth 1.0a keys or an OAuth 2 user token")

    # --- publishing -----------------------------------------------------------------------

    def publish(self, post: Post, card: CardImage | None) -> Published:
        """Upload the card (with alt text), then create the post."""
        media_ids = [self.upload_media(card)] if card is not None else None
        with x_errors():
            response = self.client.create_tweet(
                text=post.text, media_ids=media_ids, user_auth=self.user_auth
            )
        tweet_id = str(response.data["id"])
        cost = self.prices.for_post(has_url=bool(post.link) or "http" in post.text)
        self.spent_usd += cost
        return Published(
            platform=Platform.X,
            remote_id=tweet_id,
            url=f"https://x.com/{self.handle}/status/{tweet_id}",
            published_at=datetime.now(UTC),
            cost_usd=cost,
        )

    def upload_media(self, card: CardImage) -> str:
        """Upload a card through X's v2 media endpoints and set its alt text; the media id."""
        if len(card.jpeg) <= self.simple_upload_max:
            data = self._call(
                "POST",
                "/2/media/upload",
                files={"media": ("card.jpg", card.jpeg, "image/jpeg")},
                data={"media_category": "tweet_image", "media_type": "image/jpeg"},
            )
            media_id = str(data["data"]["id"])
        else:
            media_id = self._chunked_upload(card.jpeg)
        alt = (card.alt_text or "").strip()
        if alt:
            # X caps alt text at 1,000 characters.
            self._call(
                "POST",
                "/2/media/metadata",
                json={"id": media_id, "metadata": {"alt_text": {"text": alt[:1000]}}},
            )
        return media_id

    def _chunked_upload(self, blob: bytes) -> str:
        init = self._call(
            "POST",
            "/2/media/upload/initialize",
            json={"media_type": "image/jpeg", "total_bytes": len(blob), "media_category": "tweet_image"},
        )
        media_id = str(init["data"]["id"])
        for index, start in enumerate(range(0, len(blob), self.chunk_size)):
            self._call(
                "POST",
                f"/2/media/upload/{media_id}/append",
                files={"media": ("chunk", blob[start : start + self.chunk_size], "application/octet-stream")},
                data={"segment_index": str(index)},
            )
        final = self._call("POST", f"/2/media/upload/{media_id}/finalize")
        info = final.get("data", {}).get("processing_info")
        while info and info.get("state") in ("pending", "in_progress"):
            self.sleep(float(info.get("check_after_secs", 1)))
            status = self._call("GET", "/2/media/upload", params={"media_id": media_id, "command": "STATUS"})
            info = status.get("data", {}).get("processing_info")
        if info and info.get("state") == "failed":
            error = info.get("error", {})
            raise Rejected(f"X could not process the image: {error.get('message', 'failed')}")
        return media_id

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """One signed call to X's media API, classified into the error taxonomy."""
        try:
            response = self.session.request(method, MEDIA_HOST + path, timeout=TIMEOUT, **kwargs)
        except (requests.Timeout, requests.ConnectionError) as exc:
            raise Transient(f"X media upload unreachable: {type(exc).__name__}") from None
        error = classify_status(response.status_code, response.headers, _x_message(response))
        if error is not None:
            raise error
        try:
            body: dict[str, Any] = response.json() if response.content else {}
        except ValueError:
            raise Transient(f"X media upload: unreadable response (HTTP {response.status_code})") from None
        if isinstance(body.get("errors"), list) and "data" not in body:
            raise Rejected(f"X: {_x_message(response)}")
        return body

    # --- reconciliation, metrics, health ----------------------------------------------------

    def user_id(self) -> str:
        """The numeric id of the account the credentials belong to (asked once)."""
        if self._user_id is None:
            with x_errors():
                me = self.client.get_me(user_auth=self.user_auth, user_fields=["username"])
            self._user_id = str(me.data["id"])
        return self._user_id

    def find_existing(self, post: Post) -> Published | None:
        """The account's recent post carrying this post's link or article URL, if any."""
        user_id = self.user_id()
        with x_errors():
            response = self.client.get_users_tweets(
                user_id,
                max_results=100,
                tweet_fields=["created_at", "entities"],
                exclude=["replies", "retweets"],
                user_auth=self.user_auth,
            )
        tweets = response.data or []
        self.spent_usd += self.prices.own_read * len(tweets)
        wanted = {u for u in (post.link, post.article_url) if u}
        for tweet in tweets:
            urls = (tweet.entities or {}).get("urls", [])
            found = {u.get(k, "") for u in urls for k in ("expanded_url", "unwound_url")}
            if any(_same_link(w, f) for w in wanted for f in found if f):
                return Published(
                    platform=Platform.X,
                    remote_id=str(tweet.id),
                    url=f"https://x.com/{self.handle}/status/{tweet.id}",
                    published_at=tweet.created_at,
                )
        return None

    def metrics(self, refs: Sequence[Published]) -> list[Metrics]:
        """Engagement for ``refs``: public metrics always; private ones for posts under 30 days."""
        now = datetime.now(UTC)
        recent = [r.remote_id for r in refs if r.published_at is None or now - r.published_at < PRIVATE_METRICS_WINDOW]
        older = [r.remote_id for r in refs if r.remote_id not in recent]
        out: list[Metrics] = []
        for ids, private in ((recent, True), (older, False)):
            for start in range(0, len(ids), BATCH):
                out.extend(self._metrics_batch(ids[start : start + BATCH], private, now))
        return out

    def _metrics_batch(self, ids: list[str], private: bool, now: datetime) -> list[Metrics]:
        fields = ["public_metrics", "created_at"]
        if private:
            fields += ["non_public_metrics", "organic_metrics"]
        with x_errors():
            response = self.client.get_tweets(ids, tweet_fields=fields, user_auth=self.user_auth)
        tweets = response.data or []
        self.spent_usd += self.prices.own_read * len(tweets)
        return [_tweet_metrics(t, now) for t in tweets]

    def check(self) -> AccountHealth:
        """Who the credentials say we are; NEEDS_ATTENTION with a fix when X refuses them."""
        try:
            with x_errors():
                me = self.client.get_me(user_auth=self.user_auth)
        except AuthExpired as exc:
            return AccountHealth(
                HealthStatus.NEEDS_ATTENTION,
                reason=exc.message,
                fix="regenerate the access token and secret in the X developer portal "
                "(app with Read and Write permission) and update the environment variables",
            )
        except Rejected as exc:
            return AccountHealth(HealthStatus.NEEDS_ATTENTION, reason=exc.message,
                                 fix="check the app's access level and the account's standing on X")
        username = me.data["username"]
        if username.lower() != self.handle.lower():
            return AccountHealth(HealthStatus.NEEDS_ATTENTION, identity=f"@{username}",
                                 reason=f"the credentials belong to @{username}, not @{self.handle}",
                                 fix="use the access token of the configured account")
        return AccountHealth(HealthStatus.OK, identity=f"@{username}")


def _same_link(wanted: str, found: str) -> bool:
    """Equal links, ignoring a trailing slash; the tracked link may add UTM to the article URL."""
    a, b = wanted.rstrip("/"), found.rstrip("/")
    return a == b or b.startswith(a + "?") or a.split("?")[0] == b.split("?")[0]


def _tweet_metrics(tweet: Any, now: datetime) -> Metrics:
    public = tweet.public_metrics or {}
    private = tweet.non_public_metrics or {}
    organic = tweet.organic_metrics or {}
    impressions = private.get("impression_count", public.get("impression_count"))
    extra = {"quote_count": public.get("quote_count", 0)}
    for key in ("user_profile_clicks",):
        if key in private:
            extra[key] = private[key]
    for key, value in organic.items():
        extra[f"organic_{key}"] = value
    return Metrics(
        remote_id=str(tweet.id),
        collected_at=now,
        impressions=impressions,
        likes=public.get("like_count"),
        reposts=public.get("retweet_count"),
        replies=public.get("reply_count"),
        clicks=private.get("url_link_clicks"),
        views=public.get("impression_count"),
        saves=public.get("bookmark_count"),
        extra=extra,
    )
