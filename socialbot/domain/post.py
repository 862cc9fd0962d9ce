"""Posts, their kinds per platform, and the one place the post state machine lives."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from datetime import datetime

from socialbot.domain.card import CardFormat
from socialbot.domain.errors import IllegalTransition


class Platform(enum.StrEnum):
    X = "x"
    INSTAGRAM = "instagram"
    YOUTUBE = "youtube"


class PostKind(enum.StrEnum):
    X_POST = "x_post"
    IG_FEED = "ig_feed"
    IG_STORY = "ig_story"
    YT_COMMUNITY = "yt_community"

    @property
    def platform(self) -> Platform:
        return _KIND_PLATFORM[self]

    @property
    def card_format(self) -> CardFormat:
        return KIND_FORMATS[self]


_KIND_PLATFORM = {
    PostKind.X_POST: Platform.X,
    PostKind.IG_FEED: Platform.INSTAGRAM,
    PostKind.IG_STORY: Platform.INSTAGRAM,
    PostKind.YT_COMMUNITY: Platform.YOUTUBE,
}

KIND_FORMATS: dict[PostKind, CardFormat] = {
    PostKind.X_POST: CardFormat.X,
    PostKind.IG_FEED: CardFormat.IG_FEED,
    PostKind.IG_STORY: CardFormat.IG_STORY,
    PostKind.YT_COMMUNITY: CardFormat.YOUTUBE,
}

# The kinds an account of each platform gets by default.
PLATFORM_KINDS: dict[Platform, tuple[PostKind, ...]] = {
    Platform.X: (PostKind.X_POST,),
    Platform.INSTAGRAM: (PostKind.IG_FEED,),
    Platform.YOUTUBE: (PostKind.YT_COMMUNITY,),
}


class PostState(enum.StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    AWAITING_MANUAL = "awaiting_manual"
    REJECTED = "rejected"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in (PostState.PUBLISHED, PostState.CANCELLED)


S = PostState
# from-state -> the states it may move to. Nothing else changes a post's state.
TRANSITIONS: dict[PostState, frozenset[PostState]] = {
    S.DRAFT: frozenset({S.APPROVED, S.SCHEDULED, S.REJECTED, S.CANCELLED}),
    S.APPROVED: frozenset({S.SCHEDULED, S.DRAFT, S.REJECTED, S.CANCELLED}),
    S.SCHEDULED: frozenset({S.PUBLISHING, S.APPROVED, S.SCHEDULED, S.DRAFT, S.REJECTED, S.CANCELLED}),
    # publishing -> scheduled: lease released (shutdown, transient error, rate limit).
    S.PUBLISHING: frozenset({S.PUBLISHED, S.FAILED, S.SCHEDULED, S.AWAITING_MANUAL}),
    S.AWAITING_MANUAL: frozenset({S.PUBLISHED, S.CANCELLED, S.FAILED}),
    S.FAILED: frozenset({S.APPROVED, S.SCHEDULED, S.DRAFT, S.REJECTED, S.CANCELLED}),
    S.REJECTED: frozenset({S.DRAFT}),
    S.CANCELLED: frozenset({S.DRAFT}),
    S.PUBLISHED: frozenset(),
}


def check_transition(current: PostState, target: PostState) -> None:
    """Raise IllegalTransition unless a post may move from ``current`` to ``target``."""
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "nothing (final state)"
        raise IllegalTransition(
            f"a {current.value} post cannot become {target.value}; allowed: {allowed}"
        )


def idempotency_key(article_key: str, account: str, kind: PostKind, generation: int = 0) -> str:
    """One key per (article, account, kind); ``generation`` > 0 only when an editor asks to repost."""
    raw = f"{article_key}\x1f{account}\x1f{kind.value}\x1f{generation}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Post:
    """What a publisher needs to send one post."""

    id: int
    account: str
    platform: Platform
    kind: PostKind
    text: str
    alt_text: str
    link: str  # the tracked link carried by the text (or meant for a sticker / bio)
    article_url: str
    idempotency_key: str
    state: PostState = PostState.DRAFT
    scheduled_at: datetime | None = None
    headline: str = ""
