"""What editors do to posts (CLI and web share these): list, show, approve, edit, schedule..."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from socialbot.domain import PostKind, PostState, idempotency_key
from socialbot.services.app import App
from socialbot.services.articles import attach_card, render_post_card
from socialbot.services.convert import article_from_row, card_from_row
from socialbot.store.queue import (
    PostNotFound,
    apply_transition,
    audit,
    commit_post,
    lock_post,
    transition,
)
from socialbot.store.tables import ArticleRow, AuditRow, PostRow


@dataclass(frozen=True)
class PostView:
    """A post as the desk and the CLI show it."""

    id: int
    article_id: int
    headline: str
    section: str | None
    account: str
    platform: str
    kind: str
    state: str
    text: str
    link: str
    scheduled_at: datetime | None
    published_at: datetime | None
    remote_url: str | None
    last_error: str | None
    problems: tuple[str, ...]
    edited: bool
    breaking: bool
    card_warnings: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        data = dict(self.__dict__)
        for key in ("scheduled_at", "published_at"):
            value = data[key]
            data[key] = value.isoformat() if isinstance(value, datetime) else None
        data["problems"], data["card_warnings"] = list(self.problems), list(self.card_warnings)
        return data


def _view(row: PostRow) -> PostView:
    return PostView(
        id=row.id, article_id=row.article_id, headline=row.headline_override or row.article.title,
        section=row.article.section, account=row.account, platform=row.platform, kind=row.kind,
        state=row.state, text=row.text, link=row.link, scheduled_at=row.scheduled_at,
        published_at=row.published_at, remote_url=row.remote_url, last_error=row.last_error,
        problems=tuple(row.problems or ()), edited=row.edited, breaking=row.article.breaking,
        card_warnings=tuple(row.card.warnings or ()) if row.card else (),
    )


def list_posts(app: App, *, states: list[PostState] | None = None, account: str | None = None,
               section: str | None = None, limit: int = 500) -> list[PostView]:
    with app.sessions() as session:
        query = (
            sa.select(PostRow).join(PostRow.article)
            .options(selectinload(PostRow.article), selectinload(PostRow.card))
            .order_by(PostRow.priority.desc(), ArticleRow.id.desc(), PostRow.id)
            .limit(limit)
        )
        if states:
            query = query.where(PostRow.state.in_([s.value for s in states]))
        if account:
            query = query.where(PostRow.account == account)
        if section:
            query = query.where(sa.func.lower(ArticleRow.section) == section.lower())
        return [_view(r) for r in session.execute(query).scalars()]


def get_post(app: App, post_id: int) -> PostView:
    """One post as it is now (a plain read: looking never blocks a worker)."""
    with app.sessions() as session:
        row = session.get(PostRow, post_id)
        if row is None:
            raise PostNotFound(f"no post #{post_id}")
        return _view(row)


def card_jpeg(app: App, post_id: int) -> bytes | None:
    with app.sessions() as session:
        row = session.get_one(PostRow, post_id)
        return row.card.jpeg if row.card else None


def history(app: App, post_id: int) -> list[AuditRow]:
    with app.sessions() as session:
        return list(session.execute(
            sa.select(AuditRow).where(AuditRow.post_id == post_id).order_by(AuditRow.at, AuditRow.id)
        ).scalars())


def approve(app: App, post_id: int, *, actor: str) -> None:
    with app.sessions() as session:
        transition(session, post_id, PostState.APPROVED, actor=actor, reason="approved")


def reject(app: App, post_id: int, *, actor: str, reason: str) -> None:
    with app.sessions() as session:
        transition(session, post_id, PostState.REJECTED, actor=actor, reason=reason or "rejected")


def cancel(app: App, post_id: int, *, actor: str, reason: str = "cancelled") -> None:
    with app.sessions() as session:
        transition(session, post_id, PostState.CANCELLED, actor=actor, reason=reason)


def schedule(app: App, post_id: int, when: datetime, *, actor: str) -> None:
    """Put a post (draft, approved, failed or already scheduled) at a given time."""
    if when.tzinfo is None:
        raise ValueError("schedule times must carry a timezone")
    with app.sessions() as session:
        transition(session, post_id, PostState.SCHEDULED, actor=actor,
                   reason=f"scheduled for {when.isoformat(timespec='minutes')}", scheduled_at=when)


def publish_now(app: App, post_id: int, *, actor: str) -> None:
    schedule(app, post_id, app.clock(), actor=actor)


def mark_done(app: App, post_id: int, url: str, *, actor: str) -> None:
    """An editor posted it by hand (YouTube community tab) and gives us its URL."""
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"not a post URL: {url!r}")
    with app.sessions() as session:
        transition(session, post_id, PostState.PUBLISHED, actor=actor,
                   expect=[PostState.AWAITING_MANUAL], reason=f"posted by hand: {url}",
                   remote_url=url, remote_id=url.rstrip("/").rsplit("/", 1)[-1],
                   published_at=app.clock())


def edit(app: App, post_id: int, *, actor: str, text: str | None = None,
         headline: str | None = None) -> PostView:
    """Hand-edit a post's text and/or card headline; edited posts are never recomposed."""
    with app.sessions() as session:
        try:
            row = lock_post(session, post_id)
            if PostState(row.state) in (PostState.PUBLISHING, PostState.PUBLISHED):
                raise ValueError(f"post #{post_id} is {row.state}: it can no longer be edited")
            changed = []
            if text is not None and text != row.text:
                row.text, row.edited = text, True
                changed.append("text")
            if headline is not None and headline != (row.headline_override or row.article.title):
                row.headline_override, row.edited = headline or None, True
                account = app.settings.account(row.account)
                attach_card(row, render_post_card(app, row, article_from_row(row.article), account))
                changed.append("headline (card re-rendered)")
            if changed:
                audit(session, actor=actor, action="edited", post_id=row.id,
                      article_id=row.article_id, detail=", ".join(changed))
                if PostState(row.state) in (PostState.REJECTED, PostState.CANCELLED):
                    apply_transition(session, row, PostState.DRAFT, actor=actor,
                                     reason="edited: back to draft")
            commit_post(session, post_id)
            return _view(row)
        except BaseException:
            session.rollback()
            raise


def repost(app: App, post_id: int, *, actor: str) -> int:
    """An editor explicitly asks to post the same article to the same account again."""
    with app.sessions() as session:
        row = lock_post(session, post_id)
        generation = 1 + (session.execute(
            sa.select(sa.func.max(PostRow.generation)).where(
                PostRow.article_id == row.article_id, PostRow.account == row.account,
                PostRow.kind == row.kind)
        ).scalar() or 0)
        clone = PostRow(
            article_id=row.article_id, account=row.account, platform=row.platform, kind=row.kind,
            generation=generation, state=PostState.DRAFT.value, text=row.text,
            alt_text=row.alt_text, link=row.link, headline_override=row.headline_override,
            edited=row.edited, problems=list(row.problems or ()), priority=row.priority,
            idempotency_key=idempotency_key(row.article.key, row.account, PostKind(row.kind),
                                            generation),
        )
        if row.card is not None:
            attach_card(clone, card_from_row(row.card))
        session.add(clone)
        session.flush()
        audit(session, actor=actor, action="repost", post_id=clone.id, article_id=row.article_id,
              to_state=PostState.DRAFT.value, detail=f"explicit repost of #{row.id}")
        session.commit()
        return clone.id


def count_by_state(app: App) -> dict[str, int]:
    """How many posts are in each state (the desk's tab counts)."""
    with app.sessions() as session:
        return {state: count for state, count in session.execute(
            sa.select(PostRow.state, sa.func.count(PostRow.id)).group_by(PostRow.state)).all()}


def posts_between(app: App, start: datetime, end: datetime, *,
                  account: str | None = None) -> list[PostView]:
    """Posts planned or published in [start, end): the calendar's week."""
    when = sa.func.coalesce(PostRow.published_at, PostRow.scheduled_at)
    with app.sessions() as session:
        query = (
            sa.select(PostRow)
            .options(selectinload(PostRow.article), selectinload(PostRow.card))
            .where(PostRow.state.in_([PostState.SCHEDULED.value, PostState.PUBLISHING.value,
                                      PostState.PUBLISHED.value, PostState.AWAITING_MANUAL.value]),
                   when >= start, when < end)
            .order_by(when, PostRow.id)
        )
        if account:
            query = query.where(PostRow.account == account)
        return [_view(r) for r in session.execute(query).scalars()]
