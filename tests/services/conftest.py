"""An App on a fresh SQLite database with the sample accounts, a settable clock and no network."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from socialbot.domain import (
    AccountHealth,
    CardImage,
    HealthStatus,
    Metrics,
    Platform,
    Post,
    Published,
)
from socialbot.services.app import App
from socialbot.settings import load_settings

START = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_app(tmp_path: Path, clock: Clock, config_dir: Path | None = None) -> App:
    env = {"SOCIALBOT_HOME": str(tmp_path / "home"), "SOCIALBOT_SECRET_KEY": "test-key"}
    if config_dir is not None:
        env["SOCIALBOT_CONFIG_DIR"] = str(config_dir)
    settings = load_settings(env)
    return App.create(settings, run_migrations=True, clock=clock)


@pytest.fixture
def app(tmp_path: Path, clock: Clock) -> Iterator[App]:
    app = make_app(tmp_path, clock)
    yield app
    app.close()


@dataclass
class ScriptedPublisher:
    """A publisher whose answers a test sets; records every call (for worker behaviour tests)."""

    platform: Platform
    answers: list[Exception | Published | None] = field(default_factory=list)
    existing: Published | Exception | None = None
    published: list[int] = field(default_factory=list)
    lookups: list[int] = field(default_factory=list)

    def publish(self, post: Post, card: CardImage | None) -> Published:
        answer = self.answers.pop(0) if self.answers else None
        if isinstance(answer, Exception):
            raise answer
        self.published.append(post.id)
        return answer or Published(self.platform, f"remote-{post.id}", f"https://x.example/{post.id}")

    def find_existing(self, post: Post) -> Published | None:
        self.lookups.append(post.id)
        if isinstance(self.existing, Exception):
            raise self.existing
        return self.existing

    def metrics(self, refs: Sequence[Published]) -> list[Metrics]:
        return []

    def check(self) -> AccountHealth:
        return AccountHealth(HealthStatus.OK)
