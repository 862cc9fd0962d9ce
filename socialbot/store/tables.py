"""SQLAlchemy 2 tables. Times are stored as naive UTC and come back timezone-aware."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Aware UTC in Python, naive UTC in the database, the same on SQLite and PostgreSQL."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("refusing a naive datetime: store UTC-aware times")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = sa.MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(1000), unique=True)  # GUID, else canonical URL
    guid: Mapped[str | None] = mapped_column(sa.String(1000))
    url: Mapped[str] = mapped_column(sa.String(2000), index=True)
    # The URL without tracking parameters, fragment or case noise: the second dedupe key.
    canonical_url: Mapped[str] = mapped_column(sa.String(2000), index=True, default="")
    title: Mapped[str] = mapped_column(sa.Text)
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    image_url: Mapped[str | None] = mapped_column(sa.String(2000))
    image_caption: Mapped[str | None] = mapped_column(sa.Text)
    image_credit: Mapped[str | None] = mapped_column(sa.String(500))
    image_focus: Mapped[list[float] | None] = mapped_column(sa.JSON)
    # The photo as fetched, kept so cards re-render without the network (and across hosts).
    photo: Mapped[bytes | None] = deferred(mapped_column(sa.LargeBinary))
    photo_problem: Mapped[str | None] = mapped_column(sa.Text)
    section: Mapped[str | None] = mapped_column(sa.String(200), index=True)
    tags: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    author: Mapped[str | None] = mapped_column(sa.String(500))
    language: Mapped[str] = mapped_column(sa.String(20), default="en")
    breaking: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source: Mapped[str | None] = mapped_column(sa.String(2000))
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    posts: Mapped[list[PostRow]] = relationship(back_populates="article")


class FeedRow(Base):
    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(sa.String(2000), unique=True)
    title: Mapped[str | None] = mapped_column(sa.String(500))
    etag: Mapped[str | None] = mapped_column(sa.String(500))
    last_modified: Mapped[str | None] = mapped_column(sa.String(200))
    fetch_pages_for_images: Mapped[bool] = mapped_column(default=True)
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AccountRow(Base):
    """Runtime state of a configured account (the configuration itself lives in config/)."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    platform: Mapped[str] = mapped_column(sa.String(20))
    handle: Mapped[str] = mapped_column(sa.String(200))
    status: Mapped[str] = mapped_column(sa.String(30), default="ok")
    status_reason: Mapped[str | None] = mapped_column(sa.Text)
    status_fix: Mapped[str | None] = mapped_column(sa.Text)
    paused: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AccountSecretRow(Base):
    """Encrypted credentials and sessions (Fernet); never stored or logged in clear."""

    __tablename__ = "account_secrets"
    __table_args__ = (sa.UniqueConstraint("account", "name", name="uq_account_secrets_account_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(sa.String(100))
    name: Mapped[str] = mapped_column(sa.String(100))
    ciphertext: Mapped[bytes] = mapped_column(sa.LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PostRow(Base):
    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id"), index=True)
    account: Mapped[str] = mapped_column(sa.String(100), index=True)
    platform: Mapped[str] = mapped_column(sa.String(20))
    kind: Mapped[str] = mapped_column(sa.String(30))
    generation: Mapped[int] = mapped_column(default=0)  # > 0: an editor asked to post again
    idempotency_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    state: Mapped[str] = mapped_column(sa.String(30), index=True)
    text: Mapped[str] = mapped_column(sa.Text)
    alt_text: Mapped[str] = mapped_column(sa.Text, default="")
    link: Mapped[str] = mapped_column(sa.String(2000))
    headline_override: Mapped[str | None] = mapped_column(sa.Text)
    edited: Mapped[bool] = mapped_column(default=False)  # hand-edited: never recomposed
    problems: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    priority: Mapped[int] = mapped_column(default=0)  # breaking news > 0
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    leased_by: Mapped[str | None] = mapped_column(sa.String(200))
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    remote_id: Mapped[str | None] = mapped_column(sa.String(200))
    remote_url: Mapped[str | None] = mapped_column(sa.String(2000))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cost_usd: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    article: Mapped[ArticleRow] = relationship(back_populates="posts")
    card: Mapped[CardRow | None] = relationship(
        back_populates="post", cascade="all, delete-orphan", uselist=False
    )

    # Every ORM UPDATE of a post carries ``WHERE state = <the state we read>``: a post whose
    # state changed since it was loaded is not overwritten (StaleDataError). PostgreSQL's row
    # lock already does this; SQLite's driver reads outside any transaction, so it needs it.
    __mapper_args__ = {"version_id_col": state, "version_id_generator": False}  # noqa: RUF012


class CardRow(Base):
    __tablename__ = "cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("posts.id"), unique=True)
    format: Mapped[str] = mapped_column(sa.String(20))
    design: Mapped[str] = mapped_column(sa.String(100))
    width: Mapped[int]
    height: Mapped[int]
    jpeg: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary))
    alt_text: Mapped[str] = mapped_column(sa.Text, default="")
    warnings: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    rendered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    post: Mapped[PostRow] = relationship(back_populates="card")


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(500))
    role: Mapped[str] = mapped_column(sa.String(20))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditRow(Base):
    """Who did what to which post or article, when, and why."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(sa.String(320))
    action: Mapped[str] = mapped_column(sa.String(50))
    post_id: Mapped[int | None] = mapped_column(sa.ForeignKey("posts.id"), index=True)
    article_id: Mapped[int | None] = mapped_column(sa.ForeignKey("articles.id"), index=True)
    from_state: Mapped[str | None] = mapped_column(sa.String(30))
    to_state: Mapped[str | None] = mapped_column(sa.String(30))
    detail: Mapped[str | None] = mapped_column(sa.Text)


class MetricRow(Base):
    __tablename__ = "metrics"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("posts.id"), index=True)
    collected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    impressions: Mapped[int | None]
    likes: Mapped[int | None]
    reposts: Mapped[int | None]
    replies: Mapped[int | None]
    clicks: Mapped[int | None]
    views: Mapped[int | None]
    saves: Mapped[int | None]
    extra: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)


class FlagRow(Base):
    """Newsroom-wide switches (e.g. the kill switch for all publishing)."""

    __tablename__ = "flags"

    name: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    value: Mapped[str] = mapped_column(sa.Text)
    set_by: Mapped[str | None] = mapped_column(sa.String(320))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
