"""Pure domain: articles, posts, cards, accounts and the post state machine. No I/O."""

from socialbot.domain.account import Account, AccountHealth, ApprovalPolicy, HealthStatus
from socialbot.domain.article import Article, ArticleImage
from socialbot.domain.card import CardFormat, CardImage
from socialbot.domain.errors import (
    AuthExpired,
    IllegalTransition,
    PublishError,
    RateLimited,
    Rejected,
    Transient,
)
from socialbot.domain.post import (
    KIND_FORMATS,
    PLATFORM_KINDS,
    Platform,
    Post,
    PostKind,
    PostState,
    check_transition,
    idempotency_key,
)
from socialbot.domain.publishing import Metrics, Published, Publisher

__all__ = [
    "KIND_FORMATS",
    "PLATFORM_KINDS",
    "Account",
    "AccountHealth",
    "ApprovalPolicy",
    "Article",
    "ArticleImage",
    "AuthExpired",
    "CardFormat",
    "CardImage",
    "HealthStatus",
    "IllegalTransition",
    "Metrics",
    "Platform",
    "Post",
    "PostKind",
    "PostState",
    "PublishError",
    "Published",
    "Publisher",
    "RateLimited",
    "Rejected",
    "Transient",
    "check_transition",
    "idempotency_key",
]
