"""The wiring of one running socialbot: settings, database, vault, HTTP session, clock."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

import requests
import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from socialbot import __version__
from socialbot.settings import Settings, load_settings
from socialbot.store.db import make_engine, migrate, session_factory
from socialbot.store.vault import DatabaseVault

if TYPE_CHECKING:
    from socialbot.compose import ComposeRules

log = logging.getLogger("socialbot")


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class App:
    """Everything a use case needs, passed explicitly (no globals)."""

    settings: Settings
    engine: sa.Engine
    sessions: sessionmaker[Session]
    clock: Callable[[], datetime] = utc_now
    http: requests.Session = field(default_factory=requests.Session)
    publisher_overrides: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, settings: Settings | None = None, *, run_migrations: bool = False,
               **kwargs: Any) -> App:
        settings = settings or load_settings()
        engine = make_engine(settings.database_url)
        if run_migrations:
            migrate(engine)
        app = cls(settings=settings, engine=engine, sessions=session_factory(engine), **kwargs)
        app.http.headers["User-Agent"] = f"socialbot/{__version__} (+newsroom social distribution)"
        return app

    @cached_property
    def vault(self) -> DatabaseVault:
        return DatabaseVault(self.sessions, self.settings.secret_key)

    @cached_property
    def compose_rules(self) -> ComposeRules:
        from socialbot.compose import load_rules

        return load_rules(self.settings.config_dir)

    def close(self) -> None:
        self.http.close()
        self.engine.dispose()
