"""Instagram through instagrapi (the private mobile API), with a session that is reused.

A fresh password login invites challenges, so the session settings are kept in the
SessionVault (encrypted there) and a password login happens only when Instagram rejects the
saved session. Nothing here ever waits for a person at a keyboard: a challenge or a code
request becomes AuthExpired, the account needs attention and its posts wait."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import pyotp
from instagrapi import Client
from instagrapi import exceptions as ig
from instagrapi.types import StoryLink

from socialbot.domain.account import AccountHealth, HealthStatus
from socialbot.domain.card import CardImage
from socialbot.domain.errors import AuthExpired, PublishError, RateLimited, Rejected, Transient
from socialbot.domain.post import Platform, Post, PostKind
from socialbot.domain.publishing import Metrics, Published
from socialbot.platforms.base import Credentials, SessionVault, redact, register_secrets

log = logging.getLogger(__name__)

REQUIRED_KEYS = ("username", "password")
SETTINGS = "instagram-settings"  # the vault entry holding instagrapi's settings (JSON)
DEFAULT_DELAY = (2.0, 5.0)  # seconds between private API calls, as instagrapi recommends
# How long to wait when Instagram says "slow down" without saying for how long.
WAITS = {
    ig.PleaseWaitFewMinutes: timedelta(minutes=10),
    ig.ClientThrottledError: timedelta(minutes=15),
    ig.RateLimitError: timedelta(minutes=30),
}
AUTH_ERRORS: tuple[type[Exception], ...] = (
    ig.LoginRequired, ig.ChallengeRequired, ig.BadPassword, ig.BadCredentials, ig.TwoFactorRequired,
    ig.ChallengeUnknownStep, ig.SelectContactPointRecoveryForm, ig.RecaptchaChallengeForm,
    ig.ClientUnauthorizedError, ig.ReloginAttemptExceeded, ig.SentryBlock, ig.AccountSuspended,
    ig.ProxyAddressIsBlocked,
)
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    ig.ClientConnectionError, ig.ClientRequestTimeout, ig.ClientIncompleteReadError,
    ig.ClientJSONDecodeError, ig.PhotoNotUpload,
)
T = TypeVar("T")


class HeadlessChallenge(Exception):
    """Raised instead of prompting for a challenge code on a terminal."""


def _refuse_prompt(username: str, choice: Any = None) -> NoReturn:
    raise HeadlessChallenge(f"Instagram asked @{username} for a verification code ({choice})")


def _message(exc: Exception) -> str:
    text = getattr(exc, "message", "") or str(exc) or type(exc).__name__
    return redact(str(text))[:300]


def classify(exc: Exception) -> PublishError:
    """The taxonomy error for an instagrapi exception."""
    if isinstance(exc, PublishError):
        return exc
    for cls, wait in WAITS.items():
        if isinstance(exc, cls):
            return RateLimited(f"Instagram: {_message(exc)}", datetime.now(UTC) + wait)
    if isinstance(exc, ig.FeedbackRequired):
        feedback = getattr(exc, "feedback_message", None) or _message(exc)
        return Rejected(f"Instagram: {redact(str(feedback))}")
    if isinstance(exc, HeadlessChallenge):
        return AuthExpired(f"{exc}; log in once by hand and save the session (socialbot accounts connect)")
    if isinstance(exc, AUTH_ERRORS):
        return AuthExpired(f"Instagram refused the session ({type(exc).__name__}): {_message(exc)}")
    if isinstance(exc, ig.PhotoConfigureError):  # a PhotoNotUpload, but not a network hiccup
        return Rejected(f"Instagram did not take the image: {_message(exc)}")
    if isinstance(exc, TRANSIENT_ERRORS):
        return Transient(f"Instagram unreachable or slow ({type(exc).__name__}): {_message(exc)}")
    if isinstance(exc, ig.ClientError):
        status = getattr(getattr(exc, "response", None), "status_code", None)
        if status is not None and status >= 500:
            return Transient(f"Instagram server error {status}")
        return Rejected(f"Instagram ({type(exc).__name__}): {_message(exc)}")
    # An exception we did not foresee: retrying is the safe answer, and it is logged in full.
    log.warning("unexpected Instagram failure", exc_info=exc)
    return Transient(f"Instagram: unexpected {type(exc).__name__}: {_message(exc)}")


@contextmanager
def instagram_errors() -> Iterator[None]:
    """Translate whatever instagrapi raises into the publisher error taxonomy."""
    try:
        yield
    except Exception as exc:
        raise classify(exc) from None


class InstagramPublisher:
    """Feed posts and stories for one Instagram account."""

    platform = Platform.INSTAGRAM

    def __init__(
        self,
        account_name: str,
        handle: str,
        creds: Credentials,
        vault: SessionVault,
        *,
        delay_range: tuple[float, float] = DEFAULT_DELAY,
        story_links: bool = False,
        professional: bool = False,
        client_factory: Callable[[], Client] | None = None,
    ) -> None:
        self.account_name = account_name
        self.handle = handle.lstrip("@")
        self.creds = creds
        self.vault = vault
        self.delay_range = delay_range
        self.story_links = story_links  # link stickers need an account Instagram allows them on
        self.professional = professional  # insights exist only for business/creator accounts
        self._factory = client_factory or self._new_client
        self._client: Client | None = None

    # --- session ------------------------------------------------------------------------------

    def _new_client(self) -> Client:
        # requests transport: the default curl transport speaks HTTP/2 that tests cannot intercept.
        client = Client(
            private_transport="requests",
            delay_range=list(self.delay_range) if any(self.delay_range) else None,
            request_timeout=0,  # pacing comes from delay_range, not a fixed sleep per call
            with_challenge_flow=False,
        )
        client.challenge_code_handler = _refuse_prompt
        client.change_password_handler = _refuse_prompt
        return client

    def client(self) -> Client:
        """A logged-in client: the saved session when there is one, else a password login."""
        if self._client is not None:
            return self._client
        client = self._factory()
        saved = self.vault.load(self.account_name, SETTINGS)
        if saved:
            settings = json.loads(saved)
            auth = settings.get("authorization_data") or {}
            register_secrets([auth.get("sessionid"), *(settings.get("cookies") or {}).values()])
            client.set_settings(settings)
            client.username = self.creds.get("username")
            client.password = self.creds.get("password")
        else:
            self._login(client, relogin=False)
        self._client = client
        return client

    def _login(self, client: Client, *, relogin: bool) -> None:
        username, password = self.creds.get("username"), self.creds.get("password")
        if not (username and password):
            raise AuthExpired(f"{self.account_name}: Instagram session expired and no password is configured")
        secret = self.creds.get("totp_secret")
        code = pyotp.TOTP(secret).now() if secret else ""
        with instagram_errors():
            client.login(username, password, relogin=relogin, verification_code=code)
        self._save(client)

    def _save(self, client: Client) -> None:
        register_secrets([client.sessionid])
        self.vault.save(self.account_name, SETTINGS, json.dumps(client.get_settings()).encode())

    def _run(self, action: Callable[[Client], T]) -> T:
        """Run ``action`` once; if Instagram rejects the session, log in again and retry once."""
        with instagram_errors():
            client = self.client()
        try:
            return action(client)
        except ig.LoginRequired:
            log.info("%s: Instagram session rejected; logging in again", self.account_name)
        except Exception as exc:
            raise classify(exc) from None
        self._login(client, relogin=True)
        with instagram_errors():
            return action(client)

    # --- publishing ---------------------------------------------------------------------------

    def publish(self, post: Post, card: CardImage | None) -> Published:
        """A feed post (card + caption + alt text) or a story (story card, optional link sticker)."""
        if card is None:
            raise Rejected("Instagram posts need an image card")
        with _jpeg_file(card.jpeg) as path:
            if post.kind == PostKind.IG_STORY:
                links = [StoryLink(webUri=post.link)] if self.story_links and post.link else []
                media: Any = self._run(lambda c: c.photo_upload_to_story(path, links=links))
            else:
                alt = (card.alt_text or post.alt_text or "").strip()
                extra = {"custom_accessibility_caption": alt} if alt else {}
                media = self._run(lambda c: c.photo_upload(path, post.text, extra_data=extra))
        url = (
            f"https://www.instagram.com/stories/{self.handle}/{media.pk}/"
            if post.kind == PostKind.IG_STORY
            else f"https://www.instagram.com/p/{media.code}/"
        )
        return Published(Platform.INSTAGRAM, remote_id=str(media.pk), url=url,
                         published_at=media.taken_at or datetime.now(UTC))

    def find_existing(self, post: Post) -> Published | None:
        """A recent feed post whose caption carries this post's link or article URL, or a live
        story whose link sticker carries the link."""
        if post.kind == PostKind.IG_STORY:
            return self._find_story(post)
        medias = self._run(lambda c: c.user_medias_v1(c.user_id, amount=20))
        wanted = [u for u in (post.link, post.article_url) if u]
        for media in medias:
            caption = media.caption_text or ""
            if any(u in caption for u in wanted) or (post.text and caption.strip() == post.text.strip()):
                return Published(Platform.INSTAGRAM, remote_id=str(media.pk),
                                 url=f"https://www.instagram.com/p/{media.code}/",
                                 published_at=media.taken_at)
        return None

    def _find_story(self, post: Post) -> Published | None:
        # A story has no caption: only its link sticker identifies it. Without one there is
        # no telling whether a story went out before a worker died, so a person decides
        # rather than risk posting it twice.
        if not (self.story_links and post.link):
            raise Rejected(
                f"cannot tell whether this story went out on @{self.handle} (stories carry no "
                "caption to search): check the account's stories, then retry or cancel it"
            )
        wanted = post.link.rstrip("/")
        for story in self._run(lambda c: c.user_stories_v1(c.user_id)):
            urls = [str(link.webUri) for link in story.links]
            urls += [str(s.story_link.url) for s in story.stickers if s.story_link is not None]
            if any(u.rstrip("/") == wanted for u in urls):
                return Published(Platform.INSTAGRAM, remote_id=str(story.pk),
                                 url=f"https://www.instagram.com/stories/{self.handle}/{story.pk}/",
                                 published_at=story.taken_at)
        return None

    def metrics(self, refs: Sequence[Published]) -> list[Metrics]:
        """Likes, comments and plays from ``media_info``; reach and saves from insights."""
        out = []
        for ref in refs:
            media = self._run(_media_info(ref.remote_id))
            # A hidden like count comes back as -1 (or with like_and_view_counts_disabled).
            likes = media.like_count if (media.like_count or 0) >= 0 else None
            views = media.play_count or media.view_count or None
            metric = Metrics(remote_id=ref.remote_id, collected_at=datetime.now(UTC),
                             likes=likes, replies=media.comment_count, views=views)
            if self.professional:
                metric = self._with_insights(metric)
            out.append(metric)
        return out

    def _with_insights(self, metric: Metrics) -> Metrics:
        try:
            node = self._run(lambda c: c.insights_media(int(metric.remote_id)))
        except Rejected as exc:  # MediaError: insights are not there (yet); keep the basics
            log.info("no insights for %s: %s", metric.remote_id, exc.message)
            return metric
        found = _insight_numbers(node)
        extra = {k: v for k, v in found.items() if k not in ("impression_count", "save_count")}
        return Metrics(
            remote_id=metric.remote_id, collected_at=metric.collected_at,
            impressions=found.get("impression_count"), likes=metric.likes, replies=metric.replies,
            views=metric.views, saves=found.get("save_count"), reposts=found.get("share_count"),
            extra=extra,
        )

    def check(self) -> AccountHealth:
        """Who the saved session belongs to; NEEDS_ATTENTION with a fix when it is refused."""
        try:
            me = self._run(lambda c: c.account_info())
        except AuthExpired as exc:
            return AccountHealth(
                HealthStatus.NEEDS_ATTENTION, reason=exc.message,
                fix="log in on the phone, clear the challenge, then run `socialbot accounts connect "
                f"{self.account_name}` (and set the TOTP secret if 2FA is on)",
            )
        identity = f"@{me.username}"
        if me.username.lower() != self.handle.lower():
            return AccountHealth(HealthStatus.NEEDS_ATTENTION, identity=identity,
                                 reason=f"the session belongs to {identity}, not @{self.handle}",
                                 fix="connect the configured account")
        return AccountHealth(HealthStatus.OK, identity=identity)


def _media_info(pk: str) -> Callable[[Client], Any]:
    return lambda client: client.media_info_v1(pk)


def _insight_numbers(node: Any) -> dict[str, int]:
    """Integer counters found anywhere in an insights node, keyed by their own names."""
    found: dict[str, int] = {}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, int) and not isinstance(item, bool) and key.endswith("_count"):
                    found.setdefault(key, item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(node)
    return found


@contextmanager
def _jpeg_file(data: bytes) -> Iterator[Path]:
    """instagrapi reads images from disk: a private temp file, removed afterwards."""
    fd, name = tempfile.mkstemp(suffix=".jpg", prefix="socialbot-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)
