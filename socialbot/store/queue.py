"""The post queue: every state change, with its audit row, in one transaction; claims under a lease.

All changes of ``posts.state`` go through :func:`transition` (or :func:`claim_due`, which is the
``scheduled -> publishing`` transition done in bulk under a lease).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from socialbot.domain import IllegalTransition, PostState, check_transition
from socialbot.store.tables import AuditRow, PostRow, utcnow


class PostNotFound(LookupError):
    """No post with that id."""


def audit(
    session: Session,
    *,
    actor: str,
    action: str,
    post_id: int | None = None,
    article_id: int | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    detail: str | None = None,
) -> None:
    """Add an audit row to the current transaction."""
    session.add(
        AuditRow(
            actor=actor,
            action=action,
            post_id=post_id,
            article_id=article_id,
            from_state=from_state,
            to_state=to_state,
            detail=detail,
            at=utcnow(),
        )
    )


def lock_post(session: Session, post_id: int) -> PostRow:
    """Load a post for update (row lock on PostgreSQL; SQLite serialises writers itself)."""
    row = session.execute(
        sa.select(PostRow).where(PostRow.id == post_id).with_for_update()
    ).scalar_one_or_none()
    if row is None:
        raise PostNotFound(f"no post #{post_id}")
    return row


def apply_transition(
    session: Session,
    row: PostRow,
    target: PostState,
    *,
    actor: str,
    reason: str | None = None,
    **changes: Any,
) -> PostRow:
    """Move a locked post to ``target`` inside the caller's transaction, with its audit row."""
    current = PostState(row.state)
    check_transition(current, target)
    for name, value in changes.items():
        setattr(row, name, value)
    row.state = target.value
    row.updated_at = utcnow()
    if target is not PostState.PUBLISHING:
        row.lease_until = None
        row.leased_by = None
    audit(
        session,
        actor=actor,
        action="transition",
        post_id=row.id,
        article_id=row.article_id,
        from_state=current.value,
        to_state=target.value,
        detail=reason,
    )
    return row


def transition(
    session: Session,
    post_id: int,
    target: PostState,
    *,
    actor: str,
    reason: str | None = None,
    expect: Sequence[PostState] | None = None,
    **changes: Any,
) -> PostRow:
    """Move one post to ``target`` and commit, or raise IllegalTransition and change nothing.

    ``expect`` narrows the allowed current states (e.g. the worker only finishes a post it
    still holds as ``publishing``).
    """
    try:
        row = lock_post(session, post_id)
        if expect is not None and PostState(row.state) not in expect:
            raise IllegalTransition(
                f"post #{post_id} is {row.state}, expected {', '.join(s.value for s in expect)}"
            )
        apply_transition(session, row, target, actor=actor, reason=reason, **changes)
        commit_post(session, post_id)
        return row
    except BaseException:
        session.rollback()
        raise


def commit_post(session: Session, post_id: int) -> None:
    """Commit changes to a post, or raise IllegalTransition if its state moved meanwhile."""
    try:
        session.commit()
    except StaleDataError as exc:
        raise IllegalTransition(
            f"post #{post_id} changed while you were acting on it: look at it again"
        ) from exc


def claim_due(
    session: Session,
    *,
    now: datetime,
    worker: str,
    lease: timedelta,
    limit: int = 10,
    skip_accounts: Collection[str] = (),
) -> list[int]:
    """Claim scheduled posts that are due, breaking news first; returns the claimed ids.

    PostgreSQL: ``FOR UPDATE SKIP LOCKED`` lets several workers claim side by side.
    SQLite: the conditional UPDATE is a compare-and-set, so one writer wins each post.
    """
    query = (
        sa.select(PostRow.id)
        .where(PostRow.state == PostState.SCHEDULED.value, PostRow.scheduled_at <= now)
        .order_by(PostRow.priority.desc(), PostRow.scheduled_at, PostRow.id)
        .limit(limit)
    )
    if skip_accounts:
        query = query.where(PostRow.account.not_in(list(skip_accounts)))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    claimed: list[int] = []
    try:
        for post_id in session.execute(query).scalars().all():
            result = session.execute(
                sa.update(PostRow)
                .where(PostRow.id == post_id, PostRow.state == PostState.SCHEDULED.value)
                .values(
                    state=PostState.PUBLISHING.value,
                    lease_until=now + lease,
                    leased_by=worker,
                    attempts=PostRow.attempts + 1,
                    updated_at=now,
                )
            )
            if result.rowcount == 1:  # type: ignore[attr-defined]
                audit(
                    session,
                    actor=f"worker:{worker}",
                    action="claim",
                    post_id=post_id,
                    from_state=PostState.SCHEDULED.value,
                    to_state=PostState.PUBLISHING.value,
                    detail=f"lease until {(now + lease).isoformat()}",
                )
                claimed.append(post_id)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return claimed


def expired_leases(
    session: Session, *, now: datetime, skip_accounts: Collection[str] = ()
) -> list[int]:
    """Posts some worker claimed but neither finished nor released in time."""
    query = sa.select(PostRow.id).where(
        PostRow.state == PostState.PUBLISHING.value, PostRow.lease_until < now
    )
    if skip_accounts:
        query = query.where(PostRow.account.not_in(list(skip_accounts)))
    return list(session.execute(query).scalars())


def take_over_lease(
    session: Session, post_id: int, *, now: datetime, worker: str, lease: timedelta
) -> bool:
    """Take an expired lease for reconciliation; False if someone else got there first."""
    result = session.execute(
        sa.update(PostRow)
        .where(
            PostRow.id == post_id,
            PostRow.state == PostState.PUBLISHING.value,
            PostRow.lease_until < now,
        )
        .values(lease_until=now + lease, leased_by=worker, updated_at=now)
    )
    ok = result.rowcount == 1  # type: ignore[attr-defined]
    if ok:
        audit(session, actor=f"worker:{worker}", action="lease-expired", post_id=post_id,
              detail="previous worker's lease expired: reconciling before any retry")
    session.commit()
    return ok


@contextmanager
def exclusive(engine: sa.Engine, name: str) -> Iterator[bool]:
    """Whether this process may do ``name`` now: one holder at a time across workers.

    PostgreSQL: a session advisory lock (released when the block ends, or if the process dies).
    SQLite: one machine, and its writers are serialised anyway: always True.
    """
    if engine.dialect.name != "postgresql":
        yield True
        return
    key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
    with engine.connect() as conn:
        got = bool(conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
        conn.commit()
        try:
            yield got
        finally:
            if got:
                conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
