"""Settings: environment variables over the defaults in ``config/``.

Environment wins: DATABASE_URL, SOCIALBOT_HOME, SOCIALBOT_SECRET_KEY, SOCIALBOT_TIMEZONE,
SOCIALBOT_CONFIG_DIR, SOCIALBOT_CARDS_DIR, SOCIALBOT_SITE_NAME.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from socialbot.domain import Account, ApprovalPolicy, Platform, PostKind

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class EnvSettings(BaseSettings):
    """What the environment may set (12-factor)."""

    model_config = SettingsConfigDict(env_prefix="SOCIALBOT_", extra="ignore")

    home: Path = Path("var")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    secret_key: str | None = None
    timezone: str | None = None
    site_name: str | None = None
    config_dir: Path = PROJECT_ROOT / "config"
    cards_dir: Path = PROJECT_ROOT / "cards"


@dataclass(frozen=True)
class FeedConfig:
    url: str
    fetch_pages_for_images: bool = True


@dataclass(frozen=True)
class ScheduleConfig:
    min_gap_minutes: int = 20
    breaking_first: bool = True
    lease_seconds: int = 300
    dispatch_interval_seconds: int = 30
    max_attempts: int = 5


@dataclass(frozen=True)
class IntakeConfig:
    first_poll_cutoff_hours: float = 48
    poll_interval_minutes: float = 5
    fetch_pages_for_images: bool = True


@dataclass(frozen=True)
class Settings:
    """Everything a run needs, resolved once at start."""

    home: Path
    database_url: str
    secret_key: str
    timezone: str
    site_name: str
    config_dir: Path
    cards_dir: Path
    accounts: tuple[Account, ...]
    feeds: tuple[FeedConfig, ...] = ()
    intake: IntakeConfig = field(default_factory=IntakeConfig)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def outbox_dir(self) -> Path:
        return self.home / "outbox"

    def account(self, name: str) -> Account:
        for account in self.accounts:
            if account.name == name:
                return account
        raise KeyError(f"no account named {name!r} in {self.config_dir / 'accounts.toml'}")

    def with_schedule(self, **changes: Any) -> Settings:
        return replace(self, schedule=replace(self.schedule, **changes))


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read the environment (or ``env``) over ``config/``; creates $SOCIALBOT_HOME."""
    source = dict(os.environ if env is None else env)
    es = _env_settings(source)
    config = _read_toml(es.config_dir / "socialbot.toml")
    home = es.home.expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    database_url = es.database_url or f"sqlite:///{home / 'socialbot.db'}"
    timezone = es.timezone or config.get("timezone", "Europe/Istanbul")
    ZoneInfo(timezone)  # fail early on a typo
    return Settings(
        home=home,
        database_url=database_url,
        secret_key=es.secret_key or _local_secret_key(home),
        timezone=timezone,
        site_name=es.site_name or config.get("site_name", "Example News"),
        config_dir=es.config_dir,
        cards_dir=es.cards_dir,
        accounts=load_accounts(es.config_dir / "accounts.toml"),
        feeds=tuple(FeedConfig(**f) for f in config.get("feeds", [])),
        intake=IntakeConfig(**config.get("intake", {})),
        schedule=ScheduleConfig(**config.get("schedule", {})),
    )


def load_accounts(path: Path) -> tuple[Account, ...]:
    """Parse ``accounts.toml`` into Account records; a bad entry names its file and account."""
    data = _read_toml(path)
    accounts = []
    for entry in data.get("accounts", []):
        name = entry.get("name", "?")
        try:
            accounts.append(
                Account(
                    name=entry["name"],
                    platform=Platform(entry["platform"]),
                    handle=entry["handle"],
                    approval=ApprovalPolicy(entry.get("approval", "required")),
                    section_approval={
                        k.lower(): ApprovalPolicy(v)
                        for k, v in entry.get("section_approval", {}).items()
                    },
                    kinds=tuple(PostKind(k) for k in entry.get("kinds", ())),
                    sections=tuple(s.lower() for s in entry.get("sections", ())),
                    design=entry.get("design", "default"),
                    section_designs={k.lower(): v for k, v in entry.get("section_designs", {}).items()},
                    utm_campaign=entry.get("utm_campaign", "{section}"),
                    max_length=entry.get("max_length"),
                    credentials=dict(entry.get("credentials", {})),
                    publisher=entry.get("publisher"),
                    options={k: str(v) for k, v in entry.get("options", {}).items()},
                )
            )
        except (KeyError, ValueError) as exc:
            raise ValueError(f"{path}: account {name}: {exc}") from exc
    names = [a.name for a in accounts]
    if len(names) != len(set(names)):
        raise ValueError(f"{path}: account names must be unique")
    return tuple(accounts)


def _env_settings(source: dict[str, str]) -> EnvSettings:
    values: dict[str, Any] = {}
    for key in ("home", "secret_key", "timezone", "site_name", "config_dir", "cards_dir"):
        if f"SOCIALBOT_{key.upper()}" in source:
            values[key] = source[f"SOCIALBOT_{key.upper()}"]
    if "DATABASE_URL" in source:
        values["DATABASE_URL"] = source["DATABASE_URL"]
    return EnvSettings.model_validate(values)


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _local_secret_key(home: Path) -> str:
    """For the embedded default only: a key kept beside the database, readable by its owner alone."""
    path = home / "secret.key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(32))
    return path.read_text().strip()
