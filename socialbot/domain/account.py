"""Social accounts the newsroom posts to, and how healthy they are."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from socialbot.domain.post import PLATFORM_KINDS, Platform, PostKind


class ApprovalPolicy(enum.StrEnum):
    REQUIRED = "required"  # an editor approves every post
    AUTO = "auto"  # posts are approved as they are composed


class HealthStatus(enum.StrEnum):
    OK = "ok"
    NEEDS_ATTENTION = "needs_attention"
    PAUSED = "paused"


@dataclass(frozen=True)
class Account:
    """One account on one platform, as configured in ``config/accounts.toml``."""

    name: str  # short key, e.g. "x-main"
    platform: Platform
    handle: str
    approval: ApprovalPolicy = ApprovalPolicy.REQUIRED
    section_approval: dict[str, ApprovalPolicy] = field(default_factory=dict)
    kinds: tuple[PostKind, ...] = ()
    sections: tuple[str, ...] = ()  # empty: every section
    design: str = "default"
    section_designs: dict[str, str] = field(default_factory=dict)
    utm_campaign: str = "{section}"
    max_length: int | None = None  # e.g. X Premium's longer posts
    # Environment variable names holding credentials; the values never live in files.
    credentials: dict[str, str] = field(default_factory=dict)
    publisher: str | None = None  # force a publisher ("outbox"); None: by credentials
    options: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.name or not self.handle:
            raise ValueError("an account needs a name and a handle")
        if not self.kinds:
            object.__setattr__(self, "kinds", PLATFORM_KINDS[self.platform])
        for kind in self.kinds:
            if kind.platform != self.platform:
                raise ValueError(f"account {self.name}: {kind.value} is not a {self.platform.value} post")

    def approval_for(self, section: str | None) -> ApprovalPolicy:
        """The approval policy for an article in ``section``."""
        if section and section.lower() in self.section_approval:
            return self.section_approval[section.lower()]
        return self.approval

    def design_for(self, section: str | None) -> str:
        if section and section.lower() in self.section_designs:
            return self.section_designs[section.lower()]
        return self.design

    def takes(self, section: str | None) -> bool:
        """Whether this account posts articles of ``section``."""
        return not self.sections or (section or "").lower() in self.sections


@dataclass(frozen=True)
class AccountHealth:
    status: HealthStatus
    reason: str = ""
    fix: str = ""
    identity: str = ""  # who the credentials say we are (e.g. @handle, channel title)
