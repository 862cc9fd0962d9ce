"""YouTube: the channel's identity and statistics through the official APIs, and community
posts either assisted (a person posts them; the default) or through the experimental internal
endpoint (see youtube_internal)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import google.auth.exceptions
import google_auth_httplib2
import httplib2
import requests
from google.oauth2.credentials import Credentials as GoogleCredentials
from google_auth_oauthlib.flow import Flow
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from socialbot.domain.account import AccountHealth, HealthStatus
from socialbot.domain.card import CardImage
from socialbot.domain.errors import AuthExpired, RateLimited, Rejected, Transient
from socialbot.domain.post import Platform, Post
from socialbot.domain.publishing import Metrics, Published
from socialbot.platforms.base import Credentials, SessionVault, redact, register_secrets
from socialbot.platforms.youtube_internal import CommunityClient, NeedsAssist

log = logging.getLogger(__name__)

SCOPES = [
    "https://www.googleapis.com/auth/youtube.readonly",
    "https://www.googleapis.com/auth/yt-analytics.readonly",
]
TOKEN_URI = "https://oauth2.googleapis.com/token"
REFRESH_TOKEN = "youtube-refresh-token"  # the vault entry `accounts connect` fills
REDIRECT_URI = "http://localhost"  # Google's loopback redirect for installed apps; no server runs
REQUIRED_KEYS = ("client_id", "client_secret")
PACIFIC = ZoneInfo("America/Los_Angeles")  # the Data API quota resets at Pacific midnight


def connect_youtube(
    client_secrets: dict[str, Any], read_code: Callable[[str], str], *, scopes: Sequence[str] = SCOPES
) -> str:
    """Run the installed-app OAuth flow without a local server; the refresh token.

    ``read_code`` is shown the consent URL and returns what the person pasted back: the code,
    or the whole ``http://localhost/?code=...`` address the browser could not open."""
    flow = Flow.from_client_config(client_secrets, scopes=list(scopes), redirect_uri=REDIRECT_URI)
    url, _state = flow.authorization_url(access_type="offline", prompt="consent", include_granted_scopes="true")
    answer = read_code(url).strip()
    if answer.startswith("http"):
        answer = parse_qs(urlparse(answer).query).get("code", [""])[0]
    if not answer:
        raise AuthExpired("no authorization code was given")
    try:
        flow.fetch_token(code=answer)
    except Exception as exc:  # oauthlib raises its own hierarchy; all mean "not connected"
        raise AuthExpired(redact(f"Google refused the code: {exc}")) from None
    token = flow.credentials.refresh_token
    if not token:
        raise AuthExpired("Google returned no refresh token; remove the app's access and connect again")
    register_secrets([token])
    return str(token)


def _reason(exc: HttpError) -> str:
    details = getattr(exc, "error_details", None)
    if isinstance(details, list) and details and isinstance(details[0], dict):
        return str(details[0].get("reason", ""))
    return ""


def _next_pacific_midnight() -> datetime:
    now = datetime.now(PACIFIC)
    return datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), PACIFIC).astimezone(UTC)


@contextmanager
def google_errors() -> Iterator[None]:
    """Translate googleapiclient and google-auth failures into the publisher error taxonomy."""
    try:
        yield
    except HttpError as exc:
        status, reason = exc.resp.status, _reason(exc)
        message = redact(f"YouTube API {status} {reason}: {exc._get_reason()}")[:300]
        if reason in ("quotaExceeded", "dailyLimitExceeded"):
            raise RateLimited(message, _next_pacific_midnight()) from None
        if reason in ("rateLimitExceeded", "userRateLimitExceeded") or status == 429:
            raise RateLimited(message, datetime.now(UTC) + timedelta(minutes=5)) from None
        if status in (401, 403):
            raise AuthExpired(message) from None
        if status >= 500:
            raise Transient(message) from None
        raise Rejected(message) from None
    except google.auth.exceptions.RefreshError as exc:
        raise AuthExpired(redact(f"Google refused the refresh token: {exc}")[:300]) from None
    except (httplib2.HttpLib2Error, OSError) as exc:
        raise Transient(f"YouTube unreachable: {type(exc).__name__}") from None


class YouTubePublisher:
    """Community posts and channel statistics for one YouTube channel."""

    platform = Platform.YOUTUBE

    def __init__(
        self,
        account_name: str,
        handle: str,
        creds: Credentials,
        vault: SessionVault,
        *,
        channel_id: str | None = None,
        mode: str = "assisted",
        http: Any = None,
        cookies_file: Path | None = None,
        session: requests.Session | None = None,
    ) -> None:
        if mode not in ("assisted", "internal"):
            raise ValueError(f"{account_name}: community mode must be 'assisted' or 'internal', not {mode!r}")
        self.account_name = account_name
        self.handle = handle.lstrip("@")
        self.creds = creds
        self.vault = vault
        self.channel_id = channel_id
        self.mode = mode
        self.cookies_file = cookies_file
        self.session = session
        self._base_http = http  # tests pass an HttpMockSequence; None: a real httplib2.Http
        self._services: dict[str, Any] = {}
        self._http: Any = None
        self.last_note = ""  # why the last post went to a person, for the desk and the log

    # --- Google API plumbing ---------------------------------------------------------------

    def _refresh_token(self) -> str:
        stored = self.vault.load(self.account_name, REFRESH_TOKEN)
        token = stored.decode() if stored else self.creds.get("refresh_token")
        if not token:
            raise AuthExpired(f"{self.account_name}: not connected; run `socialbot accounts connect {self.account_name}`")
        register_secrets([token])
        return token

    def _authorized_http(self) -> Any:
        # One credentials object for every service, so the token is refreshed once.
        if self._http is None:
            google_creds = GoogleCredentials(
                token=None, refresh_token=self._refresh_token(), token_uri=TOKEN_URI,
                client_id=self.creds.get("client_id"), client_secret=self.creds.get("client_secret"),
                scopes=SCOPES,
            )
            self._http = google_auth_httplib2.AuthorizedHttp(
                google_creds, http=self._base_http or httplib2.Http(timeout=30))
        return self._http

    def _service(self, name: str, version: str) -> Any:
        if name not in self._services:
            # static_discovery: the discovery documents bundled with the library; no network.
            self._services[name] = build(name, version, http=self._authorized_http(),
                                         static_discovery=True, cache_discovery=False)
        return self._services[name]

    def channel(self) -> dict[str, Any]:
        """The connected channel (``channels.list(mine=True)``): id, snippet, statistics."""
        with google_errors():
            response = self._service("youtube", "v3").channels().list(part="id,snippet,statistics", mine=True).execute()
        items = response.get("items") or []
        if not items:
            raise AuthExpired("the Google account has no YouTube channel")
        item: dict[str, Any] = items[0]
        self.channel_id = self.channel_id or item["id"]
        return item

    def channel_statistics(self) -> dict[str, int]:
        """Subscribers, views and videos of the channel, for reports."""
        stats = self.channel().get("statistics", {})
        return {k: int(v) for k, v in stats.items() if str(v).isdigit()}

    def analytics(self, start: date, end: date, metrics: Sequence[str] = ("views", "likes", "comments", "subscribersGained"),
                  dimensions: str = "day") -> list[dict[str, Any]]:
        """YouTube Analytics ``reports.query`` for the channel, one dict per row."""
        with google_errors():
            report = self._service("youtubeAnalytics", "v2").reports().query(
                ids="channel==MINE", startDate=start.isoformat(), endDate=end.isoformat(),
                metrics=",".join(metrics), dimensions=dimensions,
            ).execute()
        names = [h["name"] for h in report.get("columnHeaders", [])]
        return [dict(zip(names, row, strict=False)) for row in report.get("rows") or []]

    # --- the Publisher interface ---------------------------------------------------------

    def community_url(self) -> str:
        """Where an editor writes a community post on this channel."""
        if self.channel_id:
            return f"https://www.youtube.com/channel/{self.channel_id}/community"
        return f"https://www.youtube.com/@{self.handle}/community"

    def _assisted(self, post: Post, reason: str) -> Published:
        self.last_note = reason
        log.warning("%s: post %s awaits an editor on YouTube (%s): %s",
                    self.account_name, post.id, reason, self.community_url())
        return Published(Platform.YOUTUBE, remote_id=f"pending:{post.idempotency_key}",
                         url=self.community_url(), manual=True)

    def publish(self, post: Post, card: CardImage | None) -> Published:
        """Assisted: hand the post to a person (``manual=True``). Internal: post it, falling
        back to assisted when the browser session has expired or YouTube wants attestation."""
        if self.mode == "assisted":
            return self._assisted(post, "community posts have no API; an editor posts it")
        try:
            post_id = self._community().create_post(post.text, card.jpeg if card else None)
        except NeedsAssist as exc:
            return self._assisted(post, f"internal posting unavailable: {exc}")
        return Published(Platform.YOUTUBE, remote_id=post_id, url=f"https://www.youtube.com/post/{post_id}",
                         published_at=datetime.now(UTC))

    def _community(self) -> CommunityClient:
        if not self.cookies_file:
            raise NeedsAssist("no cookies file is configured")
        if not self.channel_id:
            raise NeedsAssist("the channel id is not known; set options.channel_id")
        return CommunityClient(self.cookies_file, self.channel_id, session=self.session)

    def find_existing(self, post: Post) -> Published | None:
        """Internal mode: a post on the Posts tab carrying the link. Assisted: the editor
        records the URL by hand (``queue done``), so there is nothing to look for."""
        if self.mode != "internal":
            return None
        try:
            posts = self._community().recent_posts()
        except NeedsAssist as exc:
            log.info("%s: cannot look for existing posts: %s", self.account_name, exc)
            return None
        wanted = [u for u in (post.link, post.article_url) if u]
        for post_id, text in posts:
            if post_id and any(u in text for u in wanted):
                return Published(Platform.YOUTUBE, remote_id=post_id, url=f"https://www.youtube.com/post/{post_id}")
        return None

    def metrics(self, refs: Sequence[Published]) -> list[Metrics]:
        """Community posts have no engagement API; reports use ``channel_statistics`` and
        ``analytics`` instead. Nothing is returned rather than made-up numbers."""
        return []

    def check(self) -> AccountHealth:
        """Which channel the refresh token opens; NEEDS_ATTENTION with a fix when refused."""
        try:
            item = self.channel()
        except AuthExpired as exc:
            return AccountHealth(HealthStatus.NEEDS_ATTENTION, reason=exc.message,
                                 fix=f"run `socialbot accounts connect {self.account_name}` with the channel owner's Google account")
        title = item.get("snippet", {}).get("title", "")
        custom = item.get("snippet", {}).get("customUrl", "")
        identity = f"{title} ({custom or item['id']})"
        return AccountHealth(HealthStatus.OK, identity=identity)
