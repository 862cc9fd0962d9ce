"""The one small interface every platform publisher implements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from socialbot.domain.account import AccountHealth
from socialbot.domain.card import CardImage
from socialbot.domain.post import Platform, Post


@dataclass(frozen=True)
class Published:
    """Where a post landed on the platform."""

    platform: Platform
    remote_id: str
    url: str
    published_at: datetime | None = None
    manual: bool = False  # True: waiting for a person to post it (YouTube assisted)
    cost_usd: float = 0.0  # estimated API cost of publishing


@dataclass(frozen=True)
class Metrics:
    """Engagement for one published post at one moment."""

    remote_id: str
    collected_at: datetime
    impressions: int | None = None
    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None
    clicks: int | None = None
    views: int | None = None
    saves: int | None = None
    extra: dict[str, int] = field(default_factory=dict)


class Publisher(Protocol):
    """Sends posts to one account. Raises only socialbot.domain.errors.PublishError subclasses."""

    platform: Platform

    def publish(self, post: Post, card: CardImage | None) -> Published: ...

    def find_existing(self, post: Post) -> Published | None: ...

    def metrics(self, refs: Sequence[Published]) -> list[Metrics]: ...

    def check(self) -> AccountHealth: ...
