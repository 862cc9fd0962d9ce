"""The post queue on both engines: transitions with audit rows, idempotency, claims, leases."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from socialbot.domain import IllegalTransition, PostKind, PostState, idempotency_key
from socialbot.store.queue import (
    claim_due,
    expired_leases,
    take_over_lease,
    transition,
)
from socialbot.store.tables import ArticleRow, AuditRow, PostRow

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def add_article(sessions: sessionmaker[Session], key: str = "guid-1") -> int:
    with sessions.begin() as s:
        row = ArticleRow(key=key, url=f"https://news.example/{key}", title="Başlık", summary="",
                         tags=[], content_hash="h")
        s.add(row)
        s.flush()
        return row.id


def add_post(sessions: sessionmaker[Session], article_id: int, *, account: str = "x-main",
             state: PostState = PostState.DRAFT, scheduled_at: datetime | None = None,
             priority: int = 0, kind: PostKind = PostKind.X_POST) -> int:
    with sessions.begin() as s:
        art = s.get_one(ArticleRow, article_id)
        row = PostRow(article_id=article_id, account=account, platform=kind.platform.value,
                      kind=kind.value, state=state.value, text="t", link="https://l",
                      idempotency_key=idempotency_key(art.key, account, kind),
                      scheduled_at=scheduled_at, priority=priority)
        s.add(row)
        s.flush()
        return row.id


def states(sessions: sessionmaker[Session]) -> dict[int, str]:
    with sessions() as s:
        return dict(s.execute(sa.select(PostRow.id, PostRow.state)).all())


def test_legal_transition_writes_one_audit_row(sessions: sessionmaker[Session]) -> None:
    post = add_post(sessions, add_article(sessions))
    with sessions() as s:
        transition(s, post, PostState.APPROVED, actor="editor@x", reason="looks right")
    with sessions() as s:
        audits = s.execute(sa.select(AuditRow).where(AuditRow.post_id == post)).scalars().all()
    assert states(sessions)[post] == "approved"
    assert [(a.actor, a.from_state, a.to_state, a.detail) for a in audits] == [
        ("editor@x", "draft", "approved", "looks right")]


def test_illegal_transition_raises_and_changes_nothing(sessions: sessionmaker[Session]) -> None:
    post = add_post(sessions, add_article(sessions))
    with sessions() as s, pytest.raises(IllegalTransition, match="draft post cannot become published"):
        transition(s, post, PostState.PUBLISHED, actor="x")
    with sessions() as s:
        assert s.execute(sa.select(sa.func.count(AuditRow.id))).scalar() == 0
    assert states(sessions)[post] == "draft"


def test_published_is_final(sessions: sessionmaker[Session]) -> None:
    post = add_post(sessions, add_article(sessions), state=PostState.PUBLISHED)
    for target in PostState:
        with sessions() as s, pytest.raises(IllegalTransition):
            transition(s, post, target, actor="x")


def test_idempotency_key_is_unique_per_article_account_kind(sessions: sessionmaker[Session]) -> None:
    art = add_article(sessions)
    add_post(sessions, art)
    with pytest.raises(IntegrityError):
        add_post(sessions, art)
    add_post(sessions, art, account="x-second")  # another account is fine


def test_claim_due_breaking_first_and_only_due(sessions: sessionmaker[Session]) -> None:
    a1, a2, a3 = (add_article(sessions, f"g{i}") for i in range(3))
    later = add_post(sessions, a1, state=PostState.SCHEDULED, scheduled_at=NOW + timedelta(hours=1))
    normal = add_post(sessions, a2, state=PostState.SCHEDULED, scheduled_at=NOW - timedelta(minutes=5))
    breaking = add_post(sessions, a3, state=PostState.SCHEDULED, scheduled_at=NOW, priority=1)
    with sessions() as s:
        claimed = claim_due(s, now=NOW, worker="w1", lease=timedelta(minutes=5))
    assert claimed == [breaking, normal]
    st = states(sessions)
    assert st[later] == "scheduled" and st[normal] == st[breaking] == "publishing"


def test_claim_skips_held_accounts(sessions: sessionmaker[Session]) -> None:
    a = add_article(sessions)
    held = add_post(sessions, a, account="ig-main", kind=PostKind.IG_FEED,
                    state=PostState.SCHEDULED, scheduled_at=NOW)
    with sessions() as s:
        assert claim_due(s, now=NOW, worker="w", lease=timedelta(minutes=1),
                         skip_accounts={"ig-main"}) == []
    assert states(sessions)[held] == "scheduled"


def test_two_workers_never_claim_the_same_post(sessions: sessionmaker[Session]) -> None:
    ids = [add_post(sessions, add_article(sessions, f"g{i}"), state=PostState.SCHEDULED,
                    scheduled_at=NOW) for i in range(20)]
    results: dict[str, list[int]] = {}
    barrier = threading.Barrier(2)

    def run(name: str) -> None:
        barrier.wait()
        got: list[int] = []
        while True:
            with sessions() as s:
                batch = claim_due(s, now=NOW, worker=name, lease=timedelta(minutes=5), limit=3)
            if not batch:
                break
            got.extend(batch)
        results[name] = got

    threads = [threading.Thread(target=run, args=(n,)) for n in ("w1", "w2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    claimed = results["w1"] + results["w2"]
    assert sorted(claimed) == sorted(ids)  # every post claimed exactly once


def test_expired_lease_is_taken_over_once(sessions: sessionmaker[Session]) -> None:
    post = add_post(sessions, add_article(sessions), state=PostState.SCHEDULED, scheduled_at=NOW)
    with sessions() as s:
        claim_due(s, now=NOW, worker="w1", lease=timedelta(minutes=5))
    later = NOW + timedelta(minutes=6)
    with sessions() as s:
        assert expired_leases(s, now=NOW + timedelta(minutes=1)) == []
        assert expired_leases(s, now=later) == [post]
    with sessions() as s:
        assert take_over_lease(s, post, now=later, worker="w2", lease=timedelta(minutes=5))
    with sessions() as s:
        assert not take_over_lease(s, post, now=later, worker="w3", lease=timedelta(minutes=5))
        assert s.get_one(PostRow, post).leased_by == "w2"


def test_times_come_back_utc_aware(sessions: sessionmaker[Session]) -> None:
    post = add_post(sessions, add_article(sessions), state=PostState.SCHEDULED,
                    scheduled_at=datetime(2026, 3, 29, 1, 30, tzinfo=UTC))
    with sessions() as s:
        value = s.get_one(PostRow, post).scheduled_at
    assert value == datetime(2026, 3, 29, 1, 30, tzinfo=UTC) and value.tzinfo is not None


def test_naive_datetimes_are_refused(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(Exception, match="naive"):
        add_post(sessions, add_article(sessions), scheduled_at=datetime(2026, 1, 1))


def test_engine_is_the_one_under_test(engine: sa.Engine) -> None:
    # Visible proof in the test ids and here that both engines ran.
    assert engine.dialect.name in {"sqlite", "postgresql"}


def test_an_editor_and_a_worker_never_both_win_a_post(sessions: sessionmaker[Session],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The editor's cancel reads the post, a worker claims it meanwhile: only one may win.

    SQLite's driver runs the editor's SELECT outside any transaction, so the row lock of
    PostgreSQL does not exist there; the state itself must guard the UPDATE."""
    from socialbot.store import queue

    post_id = add_post(sessions, add_article(sessions), state=PostState.SCHEDULED,
                       scheduled_at=NOW - timedelta(minutes=1))
    claimed: list[int] = []
    real_check = queue.check_transition

    def worker_claims_meanwhile(current: PostState, target: PostState) -> None:
        real_check(current, target)
        with sessions() as other:
            claimed.extend(claim_due(other, now=NOW, worker="w", lease=timedelta(minutes=5)))

    monkeypatch.setattr(queue, "check_transition", worker_claims_meanwhile)
    try:
        with sessions() as s:
            transition(s, post_id, PostState.CANCELLED, actor="editor")
        cancelled = True
    except IllegalTransition:
        cancelled = False
    with sessions() as s:
        state = s.get_one(PostRow, post_id).state
    assert cancelled != bool(claimed)
    assert state == ("cancelled" if cancelled else "publishing")
