"""Every failure the queue must act on, in one place.

    PublishError                 anything a publisher may raise; nothing else leaves one
    ├── Transient                network trouble, 5xx, timeouts: retry with backoff and jitter
    ├── RateLimited(until)       the platform said "not before": retry at ``until``
    ├── AuthExpired              credentials or session refused: hold the account, tell editors
    └── Rejected(reason)         the platform will never take this post as it is: an editor acts

    IllegalTransition            a post was asked to move between states the queue forbids
"""

from __future__ import annotations

from datetime import datetime


class PublishError(Exception):
    """Base of the publisher error taxonomy."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Transient(PublishError):
    """Try again later; nothing is wrong with the post or the account."""


class RateLimited(PublishError):
    """The platform asked us to wait until ``until`` (UTC)."""

    def __init__(self, message: str, until: datetime) -> None:
        super().__init__(message)
        self.until = until


class AuthExpired(PublishError):
    """The account's credentials or session no longer work; a person must fix them."""


class Rejected(PublishError):
    """The platform refused this post as it is (policy, duplicate, invalid media)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class IllegalTransition(ValueError):
    """A post state change the queue does not allow."""
